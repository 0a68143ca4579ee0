package golang

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/pgtlslint/pgtlslint/internal/gomodtest"
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
