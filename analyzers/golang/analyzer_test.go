package golang

import (
	"fmt"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/pgtlslint/pgtlslint/internal/gomodtest"
	"github.com/pgtlslint/pgtlslint/scan/testcode"
)

// testdata is a GOPATH tree, as analysistest loads it: the fixture packages under
// src/example.com/fixtures import stubs of pgx and lib/pq (src/github.com/...) that declare
// what the fixtures use with the drivers' own import paths, names and types. The analyzer sees
// the drivers' types as it would in a real module, and nothing is downloaded.

// FixturesPath is the import path under which the fixture packages sit (the external test
// package uses it too).
const FixturesPath = "example.com/fixtures"

// TestAnalyzerFixes checks the // want comments of every fixture package and that its suggested
// fixes turn each file into its golden file.
func TestAnalyzerFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), Analyzer, FixturesPath+"/...")
}

// TestGoldenFilesBuild checks that the fixtures with every suggested fix applied (the golden
// files) still compile against the stubs.
func TestGoldenFilesBuild(t *testing.T) {
	gopath := gomodtest.CopyTree(t, analysistest.TestData(), nil)
	goldens, err := filepath.Glob(filepath.Join(gopath, "src", filepath.FromSlash(FixturesPath), "*", "*.go.golden"))
	if err != nil {
		t.Fatal(err)
	}
	if len(goldens) < 5 {
		t.Fatalf("only %d golden files", len(goldens))
	}
	for _, g := range goldens {
		if err := os.Rename(g, strings.TrimSuffix(g, ".golden")); err != nil {
			t.Fatal(err)
		}
	}
	gomodtest.BuildGopath(t, gopath, FixturesPath+"/...")
}

// TestTestCode checks that findings in _test.go files are left out by default, that a value
// written outside test code and read only by a test is still reported where it is written, and
// that the tests setting reports test code. analysistest's // want comments cannot say this (a
// want in db.go must hold for both variants of the package, and only the test variant reads
// the constant), so the diagnostics of every variant are collected and compared.
func TestTestCode(t *testing.T) {
	const pkg = "example.com/testcode/store"
	for _, tc := range []struct {
		analyzer *analysis.Analyzer
		want     string
	}{
		{Analyzer, "db.go:7 PGTLS001"},
		{mustAnalyzer(Config{Tests: true}), "db.go:7 PGTLS001, db_test.go:12 PGTLS002"},
	} {
		var got []string
		for _, r := range analysistest.Run(ignoreWants{}, analysistest.TestData(), tc.analyzer, pkg) {
			for _, d := range r.Diagnostics {
				p := r.Pass.Fset.Position(d.Pos)
				id, _, _ := strings.Cut(d.Message, ":")
				got = append(got, fmt.Sprintf("%s:%d %s", filepath.Base(p.Filename), p.Line, id))
			}
		}
		slices.Sort(got)
		if s := strings.Join(slices.Compact(got), ", "); s != tc.want {
			t.Errorf("tests=%v: diagnostics %s, want %s", tc.analyzer != Analyzer, s, tc.want)
		}
	}
}

// ignoreWants is an analysistest.Testing that drops its complaints: the test compares the
// diagnostics itself.
type ignoreWants struct{}

func (ignoreWants) Errorf(string, ...any) {}

// TestBelowModule checks the path a file is judged by: below its module's root, as a scan of
// that root sees it, whatever the driver (go vet names test variants with a suffix, GOPATH mode
// has no module).
func TestBelowModule(t *testing.T) {
	for _, tc := range []struct {
		module, pkg, file, want string
		test                    bool
	}{
		{"example.com/m", "example.com/m/test/e2e", "/src/m/test/e2e/suite.go", "test/e2e/suite.go", true},
		{"example.com/m", "example.com/m/store [example.com/m/store.test]", "/src/m/store/db_test.go", "store/db_test.go", true},
		{"example.com/m", "example.com/m/store", "/src/m/store/db.go", "store/db.go", false},
		{"example.com/m", "example.com/m", "/src/m/main.go", "main.go", false},
		{"example.com/m", "example.com/m/latest", "/src/m/latest/db.go", "latest/db.go", false},
		// Above the module's root, directories never count: a checkout in /home/me/tests/.
		{"example.com/m", "example.com/m/store", "/home/me/tests/m/store/db.go", "store/db.go", false},
		{"", "example.com/fixtures/testdata/x", "/gopath/src/example.com/fixtures/testdata/x/x.go", "x.go", false},
		{"example.com/m", "other.org/p", "/src/p/p.go", "p.go", false},
	} {
		pass := &analysis.Pass{Pkg: types.NewPackage(tc.pkg, "p")}
		if tc.module != "" {
			pass.Module = &analysis.Module{Path: tc.module}
		}
		got := belowModule(pass, filepath.FromSlash(tc.file))
		if got != tc.want || testcode.Is(got) != tc.test {
			t.Errorf("belowModule(%s, %s) = %q (test code %v), want %q (%v)", tc.pkg, tc.file, got, testcode.Is(got), tc.want, tc.test)
		}
	}
}
