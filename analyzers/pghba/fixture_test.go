package pghba

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/internal/fixtures"
	"github.com/pgtlslint/pgtlslint/rules"
)

// Fixtures live in testdata/pghba, annotated as internal/fixtures describes. Their names say
// which server accepts them: pg16-* and pg18-* need that version, malformed-* have lines every
// server rejects, platform-* use methods of other platforms' builds; the rest are valid for
// PostgreSQL 15 and later (server_test.go checks all of that against a real server).

const fixtureRoot = "../../testdata/pghba"

type fixture struct {
	name    string
	path    string
	content []byte
	spec    fixtures.Spec
}

func loadFixtures(t testing.TB) []fixture {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(fixtureRoot, "*.hba"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures in %s: %v", fixtureRoot, err)
	}
	var out []fixture
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		spec, err := fixtures.ParseAnnotations(b)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if len(spec.Wants) == 0 && !spec.None {
			t.Fatalf("%s: no want annotations and not marked \"pgtlslint-test: none\"", p)
		}
		out = append(out, fixture{name: filepath.Base(p), path: p, content: b, spec: spec})
	}
	return out
}

// evaluate parses content without Parse's safety net and returns the file and its located
// findings, checking that every span lies in the content.
func evaluate(t testing.TB, name string, content []byte) (*File, []rules.Finding) {
	t.Helper()
	f := parse(name, content)
	checkSpans(t, f, len(content))
	fs := rules.EvaluateHBA(f.Records)
	rules.Locate(fs, content)
	for _, fd := range fs {
		checkSpan(t, fd.Span, len(content), fd.RuleID)
		if fd.Fix != nil {
			for _, e := range fd.Fix.Edits {
				checkSpan(t, rules.Span{Start: e.Start, End: e.End}, len(content), fd.RuleID+" edit")
			}
		}
	}
	return f, fs
}

func checkSpan(t testing.TB, s rules.Span, n int, what string) {
	t.Helper()
	if s.Start < 0 || s.End > n || s.Start > s.End {
		t.Fatalf("%s: span %v outside [0,%d]", what, s, n)
	}
}

// checkSpans checks every span of every record and include.
func checkSpans(t testing.TB, f *File, n int) {
	t.Helper()
	for _, r := range f.Records {
		checkSpan(t, r.Span, n, "record")
		for _, fld := range recordFields(r) {
			checkSpan(t, fld.Span, n, "field "+fld.Text)
			if fld.Span.Start < r.Span.Start || fld.Span.End > r.Span.End {
				t.Fatalf("field %q %v outside its record %v", fld.Text, fld.Span, r.Span)
			}
		}
	}
	for _, inc := range f.Includes {
		checkSpan(t, inc.Span, n, "include")
		checkSpan(t, inc.Target.Span, n, "include target")
	}
}

// recordFields lists every field of a record.
func recordFields(r rules.HBARecord) []rules.HBAField {
	out := []rules.HBAField{r.Type}
	out = append(out, r.Databases...)
	out = append(out, r.Users...)
	for _, f := range []*rules.HBAField{r.Address, r.Mask} {
		if f != nil {
			out = append(out, *f)
		}
	}
	out = append(out, r.Method)
	return append(out, r.Options...)
}

// TestFixtures runs every fixture, compares the (line, rule) set with its annotations, then
// applies the fixes and checks what they leave.
func TestFixtures(t *testing.T) {
	for _, fx := range loadFixtures(t) {
		t.Run(fx.name, func(t *testing.T) {
			f, fs := evaluate(t, fx.name, fx.content)
			if fx.spec.Notice != (len(f.Notices) > 0) {
				t.Errorf("notices %v, want a notice: %v", f.Notices, fx.spec.Notice)
			}
			fixtures.Compare(t, fx.spec, fs)
			if len(f.Notices) == 0 && len(f.Records) > 0 && !LooksLikeHBA(fx.content) {
				t.Errorf("LooksLikeHBA is false for a valid pg_hba.conf")
			}
			checkFixes(t, fx, f, fs)
		})
	}
}

// checkFixes applies every fix edit to a fixed point, as scan --fix does, and checks that the
// fixed file parses as before, that the rules whose findings all had edits are gone, and that
// the columns after a replaced field stayed where they were.
func checkFixes(t *testing.T, fx fixture, before *File, fs []rules.Finding) {
	t.Helper()
	cur, _, ok := fixtures.ApplyFixes(t, string(fx.content), fs, func(s string) []rules.Finding {
		_, out := evaluate(t, fx.name, []byte(s))
		return out
	})
	if !ok {
		return
	}
	after, _ := evaluate(t, fx.name, []byte(cur))
	if len(after.Notices) != len(before.Notices) || len(after.Records) != len(before.Records) {
		t.Errorf("fixed file: %d records and notices %v, was %d and %v\n%s", len(after.Records), after.Notices, len(before.Records), before.Notices, cur)
	}
	checkAlignment(t, string(fx.content), cur)
}

// checkAlignment compares each changed line with the original: the word after the replaced
// one must start in the same display column, unless the new word left no room (then exactly
// one blank separates them), or it is a comment or a continuation, which may move.
func checkAlignment(t *testing.T, orig, fixed string) {
	t.Helper()
	ol, fl := strings.Split(orig, "\n"), strings.Split(fixed, "\n")
	if len(ol) != len(fl) {
		t.Fatalf("the fix changed the number of lines: %d -> %d", len(ol), len(fl))
	}
	for i := range ol {
		if ol[i] == fl[i] {
			continue
		}
		ow, fw := words(ol[i]), words(fl[i])
		k := 0
		for k < len(ow) && k < len(fw) && ow[k].text == fw[k].text {
			k++
		}
		if k+1 >= len(ow) || k+1 >= len(fw) || strings.HasPrefix(ow[k+1].text, "#") || ow[k+1].text == `\` {
			continue
		}
		room := fw[k].col+len(fw[k].text) < ow[k+1].col
		if room && fw[k+1].col != ow[k+1].col {
			t.Errorf("line %d: %q after the fix starts in column %d, was %d\n%s\n%s", i+1, fw[k+1].text, fw[k+1].col, ow[k+1].col, ol[i], fl[i])
		}
		if !room && fw[k+1].col != fw[k].col+len(fw[k].text)+1 && !strings.Contains(fl[i], "\t") {
			t.Errorf("line %d: no room, want one blank after %q\n%s", i+1, fw[k].text, fl[i])
		}
	}
}

type word struct {
	text string
	col  int
}

// words splits a line at blanks and gives each word its display column.
func words(line string) []word {
	var out []word
	col := 0
	for i := 0; i < len(line); {
		c := line[i]
		if c == ' ' || c == '\t' || c == '\r' {
			col = column([]byte{c}, col)
			i++
			continue
		}
		j := i
		for j < len(line) && line[j] != ' ' && line[j] != '\t' && line[j] != '\r' {
			j++
		}
		out = append(out, word{text: line[i:j], col: col})
		col = column([]byte(line[i:j]), col)
		i = j
	}
	return out
}

// TestFixtureCoverage keeps the fixture set honest: every rule fires somewhere and has lines
// where it must not, and the malformed fixtures have notices.
func TestFixtureCoverage(t *testing.T) {
	fire := map[string]int{}
	oks, notices := 0, 0
	for _, fx := range loadFixtures(t) {
		for _, w := range fx.spec.Wants {
			fire[w.Rule]++
		}
		oks += len(fx.spec.OKs)
		if fx.spec.Notice {
			notices++
		}
	}
	for _, r := range []string{"PGTLS101", "PGTLS102", "PGTLS103", "PGTLS104"} {
		if fire[r] == 0 {
			t.Errorf("%s never fires in the fixtures", r)
		}
	}
	if oks == 0 || notices == 0 {
		t.Errorf("%d ok annotations and %d notice fixtures; want both", oks, notices)
	}
	t.Logf("wants %v, oks %d, notice fixtures %d", fire, oks, notices)
}
