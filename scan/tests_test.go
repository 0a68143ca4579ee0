package scan

import (
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/internal/fixtures"
	"github.com/pgtlslint/pgtlslint/rules"
	projectconfig "github.com/pgtlslint/pgtlslint/scan/config"
	"github.com/pgtlslint/pgtlslint/scan/result"
)

// testCodeRoot is the fixture tree of test code and of the near-identical names that are not.
const testCodeRoot = "../testdata/testcode"

// testCodeFiles are the files of testCodeRoot that are test code: their findings and notices
// are hidden by default. Every other file of the tree is reported.
var testCodeFiles = []string{
	"e2e/.env",
	"e2e/pg_hba.conf",
	"go/store/store_test.go",
	"go/test/e2e/e2e.go",
	"java/src/test/java/com/example/DbTest.java",
	"java/src/test/resources/application.properties",
	"py/app/db_test.py",
	"py/tests/conftest.py",
	"py/tests/helpers.py",
	"web/src/__tests__/pool.ts",
	"web/src/url-validator.test.ts",
}

// fixtureSpecs reads the annotations of every file of the tree, by path below it.
func fixtureSpecs(t *testing.T) map[string]fixtures.Spec {
	t.Helper()
	specs := map[string]fixtures.Spec{}
	err := filepath.WalkDir(testCodeRoot, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		spec, err := fixtures.ParseAnnotations(b)
		if err != nil {
			t.Errorf("%s: %v", p, err)
		}
		if len(spec.Wants) > 0 || spec.Notice || spec.None {
			rel, _ := filepath.Rel(testCodeRoot, p)
			specs[filepath.ToSlash(rel)] = spec
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range testCodeFiles {
		if _, ok := specs[f]; !ok {
			t.Errorf("%s: no annotated fixture", f)
		}
	}
	if len(specs) < 2*len(testCodeFiles) {
		t.Fatalf("%d annotated fixtures, want the test code and as many near misses", len(specs))
	}
	return specs
}

// byFile groups findings and notices by path below the fixture root.
func byFile(results []result.Result, notices []result.Notice) (map[string][]rules.Finding, map[string]int) {
	fs, ns := map[string][]rules.Finding{}, map[string]int{}
	root := path.Clean(filepath.ToSlash(testCodeRoot)) + "/"
	for _, r := range results {
		fs[strings.TrimPrefix(r.Path, root)] = append(fs[strings.TrimPrefix(r.Path, root)], r.Finding)
	}
	for _, n := range notices {
		ns[strings.TrimPrefix(n.Path, root)]++
	}
	return fs, ns
}

// TestTestCodeHidden scans the fixture tree: by default the findings and notices of test code
// go to HiddenTests and everything else is reported; with Tests (or the config's tests: true)
// every rule applies to test code as anywhere else.
func TestTestCodeHidden(t *testing.T) {
	specs := fixtureSpecs(t)
	noConfig := projectconfig.Default()
	testsOn := projectconfig.Default()
	testsOn.Tests = true
	for _, tc := range []struct {
		name  string
		opts  Options
		tests bool
	}{
		{"default", Options{Roots: []string{testCodeRoot}, Configs: projectconfig.Fixed(noConfig)}, false},
		{"--tests", Options{Roots: []string{testCodeRoot}, Configs: projectconfig.Fixed(noConfig), Tests: true}, true},
		{"tests: true", Options{Roots: []string{testCodeRoot}, Configs: projectconfig.Fixed(testsOn)}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := Run(tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			shown, shownNotices := byFile(rep.Results, rep.Notices)
			hidden, hiddenNotices := byFile(rep.HiddenTests.Results, rep.HiddenTests.Notices)
			for rel, spec := range specs {
				isTest := slices.Contains(testCodeFiles, rel)
				got, gotNotices := shown[rel], shownNotices[rel]
				if isTest && !tc.tests {
					got, gotNotices = hidden[rel], hiddenNotices[rel]
					if len(shown[rel]) > 0 || shownNotices[rel] > 0 {
						t.Errorf("%s: test code reported: %d findings, %d notices", rel, len(shown[rel]), shownNotices[rel])
					}
				} else if len(hidden[rel]) > 0 || hiddenNotices[rel] > 0 {
					t.Errorf("%s: hidden as test code", rel)
				}
				t.Run(rel, func(t *testing.T) { fixtures.Compare(t, spec, got) })
				if spec.Notice != (gotNotices > 0) {
					t.Errorf("%s: %d notices, want a notice: %v", rel, gotNotices, spec.Notice)
				}
			}
		})
	}
}

// TestTestCodeBelowRoot checks that only the part of a path below the scan root decides: a
// root that is itself a test directory is reported in full, and the directories above a root
// (t.TempDir is named after the test: /tmp/TestTestCodeBelowRoot123/001) never count.
func TestTestCodeBelowRoot(t *testing.T) {
	tmp := filepath.Join(t.TempDir(), "tests", "fixtures")
	if !strings.Contains(filepath.ToSlash(tmp), "/TestTestCodeBelowRoot") {
		t.Fatalf("t.TempDir() %s is not named after the test any more: this test proves nothing", tmp)
	}
	dsn := "DATABASE_URL=postgres://app@db.example.com/app?sslmode=require\n"
	files := map[string]string{".env": dsn, "e2e/.env": dsn}
	for name, c := range files {
		p := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := Run(Options{Roots: []string{tmp}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) != 1 || filepath.Base(filepath.Dir(rep.Results[0].Path)) != "fixtures" || len(rep.HiddenTests.Results) != 1 {
		t.Errorf("results %v, hidden %v: want the root's .env reported and e2e/.env hidden", rep.Results, rep.HiddenTests.Results)
	}
	// Nested roots: the longest one that holds a file decides.
	rep, err = Run(Options{Roots: []string{filepath.Dir(tmp), filepath.Join(tmp, "e2e")}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) != 1 || !strings.HasSuffix(rep.Results[0].Path, "e2e/.env") {
		t.Errorf("results %v: want e2e/.env, named as a root, reported", rep.Results)
	}
}

// TestBelowRoot checks the path a file is judged by, for directory and file roots.
func TestBelowRoot(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	abs := filepath.ToSlash(wd)
	roots := []scanRoot{{show: "", dir: true}, {show: "services/api", dir: true}, {show: "/tmp/TestX1/001", dir: true}, {show: "tests/conftest.py"}}
	for p, want := range map[string]string{
		"src/db.test.ts":                  "src/db.test.ts",
		"services/api/tests/db.py":        "tests/db.py",
		"services/apix/db.py":             "services/apix/db.py",
		"/tmp/TestX1/001/db.py":           "db.py",
		"tests/conftest.py":               "tests/conftest.py",
		abs + "/tests/db.py":              "tests/db.py",
		"/elsewhere/tests/db.py":          "db.py",
		"../other/tests/test_db.py":       "test_db.py",
		"/tmp/TestX1/001/tests/e2e/x.env": "tests/e2e/x.env",
	} {
		if got := belowRoot(p, roots); got != want {
			t.Errorf("belowRoot(%q) = %q, want %q", p, got, want)
		}
	}
	// A file named as a root, with no directory root: pre-commit's file list.
	if got := belowRoot("tests/conftest.py", []scanRoot{{show: "tests/conftest.py"}}); got != "tests/conftest.py" {
		t.Errorf("belowRoot of a file root = %q, want its path below the working directory", got)
	}
}

// TestTestCodeNearestConfig checks that tests: true is a setting of the configuration that
// governs a file: it shows the test code of its own subtree, not that of its siblings.
func TestTestCodeNearestConfig(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	weak := "DATABASE_URL=postgres://app@db.example.com/app?sslmode=disable\n"
	files := map[string]string{
		"shown/.pgtlslint.yml": "tests: true\n",
		"shown/tests/.env":     weak,
		"hidden/tests/.env":    weak,
		"hidden/.env":          weak,
	}
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := Run(Options{Roots: []string{dir}, Configs: projectconfig.NewFinder()})
	if err != nil {
		t.Fatal(err)
	}
	shown := map[string]bool{}
	for _, r := range rep.Results {
		rel, _ := filepath.Rel(dir, filepath.FromSlash(r.Path))
		shown[filepath.ToSlash(rel)] = true
	}
	if !shown["shown/tests/.env"] || !shown["hidden/.env"] || shown["hidden/tests/.env"] {
		t.Errorf("reported %v, want shown/tests/.env and hidden/.env only", shown)
	}
	if len(rep.HiddenTests.Results) != 1 || !strings.HasSuffix(rep.HiddenTests.Results[0].Path, "hidden/tests/.env") {
		t.Errorf("hidden %d results, want the one of hidden/tests/.env", len(rep.HiddenTests.Results))
	}
}
