package report_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/report"
	"github.com/pgtlslint/pgtlslint/report/reporttest"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/scan/result"
)

// twoLines builds a file with the same connection string on two lines, after prefix, each
// line indented by indent, and a finding on each.
func twoLines(prefix, indent string) (reporttest.Files, []result.Result) {
	line := indent + `url: "postgres://u:S3cr3tPassw0rd@db.example.com/app?sslmode=require"` + "\n"
	content := prefix + line + "other: 1\n" + line
	fs := reporttest.Files{"c.yml": content}
	var results []result.Result
	for i := 0; i < 2; i++ {
		f := rules.Finding{RuleID: "PGTLS002", Severity: rules.SeverityWarning, Path: "c.yml", Message: "m.",
			Span: reporttest.Span(content, "sslmode=require", i)}
		f.Secrets = []rules.Span{reporttest.Span(content, "S3cr3tPassw0rd", i)}
		fs.Locate(&f)
		results = append(results, result.Result{Finding: f})
	}
	return fs, results
}

func TestFingerprints(t *testing.T) {
	fs, results := twoLines("", "")
	base := report.Fingerprints(results, fs.Source())
	if base[0] == base[1] {
		t.Fatal("findings on identical lines share a fingerprint")
	}

	fs2, moved := twoLines("# a comment\n\n# another\n", "    ")
	if got := report.Fingerprints(moved, fs2.Source()); got[0] != base[0] || got[1] != base[1] {
		t.Errorf("fingerprints changed when lines moved and indentation changed")
	}

	// Input order does not matter: the counter follows file order.
	reversed := []result.Result{results[1], results[0]}
	if got := report.Fingerprints(reversed, fs.Source()); got[0] != base[1] || got[1] != base[0] {
		t.Error("fingerprints depend on the order of the input")
	}

	// Suppressing a finding changes nobody's fingerprint.
	sup := append([]result.Result(nil), results...)
	sup[0].Suppressed = &result.Suppression{Kind: result.SuppressionInline}
	if got := report.Fingerprints(sup, fs.Source()); got[0] != base[0] || got[1] != base[1] {
		t.Error("suppression changed fingerprints")
	}

	// Another rule, path or line content gives another fingerprint.
	other := append([]result.Result(nil), results...)
	other[0].RuleID = "PGTLS001"
	if got := report.Fingerprints(other, fs.Source()); got[0] == base[0] {
		t.Error("the rule id is not part of the fingerprint")
	}
	fs3 := reporttest.Files{"c.yml": strings.Replace(fs["c.yml"], "db.example.com", "db2.example.com", 1)}
	changed := append([]result.Result(nil), results...)
	changed[0].Span = reporttest.Span(fs3["c.yml"], "sslmode=require", 0)
	changed[0].Secrets = []rules.Span{reporttest.Span(fs3["c.yml"], "S3cr3tPassw0rd", 0)}
	fs3.Locate(&changed[0].Finding)
	// (The second line is then the first of its kind: its counter, so its fingerprint, changes
	// too, as with GitHub's own line hashes.)
	if got := report.Fingerprints(changed, fs3.Source()); got[0] == base[0] || got[0] == got[1] {
		t.Error("editing a finding's line should change its fingerprint")
	}

	// The password is masked before hashing: rotating it keeps the fingerprint.
	fs4 := reporttest.Files{"c.yml": strings.ReplaceAll(fs["c.yml"], "S3cr3tPassw0rd", "n3w-pw")}
	rotated := append([]result.Result(nil), results...)
	for i := range rotated {
		rotated[i].Span = reporttest.Span(fs4["c.yml"], "sslmode=require", i)
		rotated[i].Secrets = []rules.Span{reporttest.Span(fs4["c.yml"], "n3w-pw", i)}
		fs4.Locate(&rotated[i].Finding)
	}
	if got := report.Fingerprints(rotated, fs4.Source()); got[0] != base[0] || got[1] != base[1] {
		t.Error("changing the password changed the fingerprints")
	}

	// Without the file, the message stands in, and the result is still stable.
	a, b := report.Fingerprints(results, nil), report.Fingerprints(results, nil)
	if a[0] != b[0] || a[0] == a[1] || a[0] == base[0] {
		t.Errorf("fingerprints without a source: %v", a)
	}
}

func TestSafeEdits(t *testing.T) {
	fs := reporttest.Files{"a.env": "URL=postgres://u:S3cr3tPassw0rd@h/db?sslmode=require\n"}
	content := fs["a.env"]
	url := content[4 : len(content)-1]
	f := rules.Finding{Path: "a.env", Secrets: []rules.Span{fs.Secret("a.env", "S3cr3tPassw0rd")}}
	for _, c := range []struct {
		name     string
		edit     rules.Edit
		src      report.Source
		want     string // "start end new_text"
		redacted bool
	}{
		{"away from the secret", fs.Edit("a.env", "require", "verify-full"), fs.Source(), "45 52 verify-full", false},
		{"whole URL rewritten: narrowed", fs.Edit("a.env", url, strings.Replace(url, "require", "verify-full", 1)), fs.Source(), "45 52 verify-full", false},
		{"deletes the secret", fs.Edit("a.env", ":S3cr3tPassw0rd", ""), fs.Source(), "16 31 ", false},
		{"carries the secret", fs.Edit("a.env", "S3cr3tPassw0rd", "'S3cr3tPassw0rd'"), fs.Source(), "17 31 '****'", true},
		{"carries the secret, no source", fs.Edit("a.env", "S3cr3tPassw0rd", "'S3cr3tPassw0rd'"), nil, "17 31 ****", true},
		{"other file", rules.Edit{Path: "b.env", Start: 17, End: 31, NewText: "x"}, fs.Source(), "17 31 x", false},
		{"insertion inside the secret", rules.Edit{Start: 20, End: 20, NewText: "S3cr3tPassw0rd"}, fs.Source(), "20 20 ****", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := f
			g.Fix = &rules.Fix{Edits: []rules.Edit{c.edit}}
			es := report.SafeEdits(g, c.src)
			if len(es) != 1 {
				t.Fatalf("%d edits", len(es))
			}
			e := es[0]
			if got := strings.Join([]string{strconv.Itoa(e.Start), strconv.Itoa(e.End), e.NewText}, " "); got != c.want || e.Redacted != c.redacted {
				t.Errorf("got %q redacted=%v, want %q redacted=%v", got, e.Redacted, c.want, c.redacted)
			}
			if e.Path == "" {
				t.Error("the edit has no path")
			}
			if !e.Redacted && c.src != nil && e.Path == "a.env" {
				// The narrowed edit makes the same change as the original.
				orig := content[:c.edit.Start] + c.edit.NewText + content[c.edit.End:]
				if got := content[:e.Start] + e.NewText + content[e.End:]; got != orig {
					t.Errorf("narrowed edit gives %q, want %q", got, orig)
				}
			}
		})
	}
}

func TestCachedSource(t *testing.T) {
	reads := map[string]int{}
	src := report.Source(func(p string) ([]byte, bool) {
		reads[p]++
		return []byte(p), p != "missing"
	}).Cached()
	for _, p := range []string{"a", "a", "b", "a", "missing", "missing", "c", "d", "e", "a"} {
		data, ok := src(p)
		if ok != (p != "missing") || (ok && string(data) != p) {
			t.Errorf("%s: %q %v", p, data, ok)
		}
	}
	if reads["a"] != 2 || reads["b"] != 1 || reads["missing"] != 1 {
		t.Errorf("reads %v: want a twice (evicted once), b and missing once", reads)
	}
	var nilSource report.Source
	if _, ok := nilSource.Cached()("x"); ok {
		t.Error("a nil Source read a file")
	}
}
