package pgconf

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/internal/fixtures"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/scan/result"
)

// Fixtures live in testdata/pgconf, annotated as internal/fixtures describes; README.md there
// explains the layout.

const fixtureRoot = "../../testdata/pgconf"

type fixture struct {
	path string // OS path
	rel  string // slash path under fixtureRoot, the path given to the parser
	sql  bool
	spec fixtures.Spec
}

func loadFixtures(t testing.TB) []fixture {
	t.Helper()
	var out []fixture
	err := filepath.WalkDir(fixtureRoot, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(fixtureRoot, p)
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(strings.ToUpper(path.Base(rel)), "README") {
			return nil
		}
		content, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		spec, err := fixtures.ParseAnnotations(content)
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			return nil
		}
		if len(spec.Wants) == 0 && !spec.None {
			t.Errorf("%s: no want annotations and not marked \"pgtlslint-test: none\"", rel)
			return nil
		}
		out = append(out, fixture{path: p, rel: rel, sql: strings.HasSuffix(rel, ".sql"), spec: spec})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// parseFixture reads a fixture the way its name says.
func parseFixture(f fixture, content []byte) (*rules.ServerConfig, []result.Notice) {
	if f.sql {
		return ParseAlterSystem(f.rel, content), nil
	}
	return Parse(f.rel, content)
}

// evaluate parses and evaluates content and checks every span and edit lies in it.
func evaluate(t *testing.T, f fixture, content []byte) ([]rules.Finding, []result.Notice) {
	t.Helper()
	cfg, ns := parseFixture(f, content)
	checkConfigSpans(t, cfg, len(content))
	fs := rules.EvaluateServer(cfg)
	rules.Locate(fs, content)
	for _, fd := range fs {
		checkSpan(t, fd.RuleID+" finding", fd.Span, len(content))
		if fd.Fix == nil {
			t.Errorf("%s has no fix", fd.RuleID)
			continue
		}
		for _, e := range fd.Fix.Edits {
			checkSpan(t, fd.RuleID+" edit", rules.Span{Start: e.Start, End: e.End}, len(content))
			if e.Path != f.rel {
				t.Errorf("%s edit path %q, want %q", fd.RuleID, e.Path, f.rel)
			}
		}
	}
	return fs, ns
}

func checkSpan(t testing.TB, what string, s rules.Span, n int) {
	t.Helper()
	if s.Start < 0 || s.End > n || s.Start > s.End {
		t.Errorf("%s span %v outside [0,%d]", what, s, n)
	}
}

func checkConfigSpans(t testing.TB, cfg *rules.ServerConfig, n int) {
	t.Helper()
	for _, s := range cfg.Settings {
		checkSpan(t, s.Name+" pair", s.Pair, n)
		checkSpan(t, s.Name+" value", s.Val, n)
		if s.Val.Start < s.Pair.Start || s.Val.End > s.Pair.End {
			t.Errorf("%s: value span %v outside pair %v", s.Name, s.Val, s.Pair)
		}
	}
}

// TestFixtures runs every fixture, compares the (line, rule) set with its annotations, then
// applies the fixes and checks what they leave.
func TestFixtures(t *testing.T) {
	all := loadFixtures(t)
	if len(all) < 20 {
		t.Fatalf("found %d fixtures, want the whole set", len(all))
	}
	for _, f := range all {
		t.Run(f.rel, func(t *testing.T) {
			content, err := os.ReadFile(f.path)
			if err != nil {
				t.Fatal(err)
			}
			fs, ns := evaluate(t, f, content)
			if f.spec.Notice != (len(ns) > 0) {
				t.Errorf("notices %v, want a notice: %v", ns, f.spec.Notice)
			}
			fixtures.Compare(t, f.spec, fs)
			checkFixes(t, f, content, fs, ns)
		})
	}
}

// checkFixes applies every fix to a fixed point, as scan --fix does, and checks that the
// fixed file gets no notice it did not have and that no PGTLS112 or PGTLS113 remains (both
// always have edits; PGTLS111 and PGTLS121 have none by design).
func checkFixes(t *testing.T, f fixture, content []byte, fs []rules.Finding, ns []result.Notice) {
	t.Helper()
	cur, fs, ok := fixtures.ApplyFixes(t, string(content), fs, func(s string) []rules.Finding {
		out, _ := evaluate(t, f, []byte(s))
		return out
	})
	if !ok {
		return
	}
	_, after := parseFixture(f, []byte(cur))
	if len(after) != len(ns) {
		t.Errorf("the fixed file has %d notices, the original %d: %v\n%s", len(after), len(ns), after, cur)
	}
	for _, fd := range fs {
		switch fd.RuleID {
		case "PGTLS112", "PGTLS113":
			t.Errorf("line %d: %s remains after the fix\n%s", fd.Start.Line, fd.RuleID, cur)
		}
	}
}

// TestFixtureCoverage keeps the fixture set honest: every rule of this package fires in both
// syntaxes and each syntax has lines that must not fire.
func TestFixtureCoverage(t *testing.T) {
	fire := map[string]int{}
	quiet := map[bool]int{}
	for _, f := range loadFixtures(t) {
		for _, w := range f.spec.Wants {
			fire[map[bool]string{false: "conf ", true: "sql "}[f.sql]+w.Rule]++
		}
		quiet[f.sql] += len(f.spec.OKs)
		if f.spec.None {
			quiet[f.sql]++
		}
	}
	for _, syntax := range []string{"conf ", "sql "} {
		for _, r := range []string{"PGTLS111", "PGTLS112", "PGTLS113"} {
			if fire[syntax+r] == 0 {
				t.Errorf("no %sfixture fires %s", syntax, r)
			}
		}
	}
	if quiet[false] == 0 || quiet[true] == 0 {
		t.Errorf("must-not-fire annotations: conf %d, sql %d; want both", quiet[false], quiet[true])
	}
	t.Logf("must-fire %v, must-not-fire conf %d sql %d", fire, quiet[false], quiet[true])
}
