package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/internal/gomodtest"
)

// TestScanFixGo runs `scan --fix` on the Go analyzer's fixtures (a GOPATH tree whose fixture
// packages import stubs of pgx and lib/pq) and checks that every fixed file equals the golden
// file the analyzer's suggested fixes produce, and that the fixed packages still build against
// the stubs.
func TestScanFixGo(t *testing.T) {
	src, err := filepath.Abs("../../analyzers/golang/testdata")
	if err != nil {
		t.Fatal(err)
	}
	goldens := map[string]string{}
	dir := gomodtest.CopyTree(t, src, func(rel string) bool {
		if !strings.HasSuffix(rel, ".golden") {
			return false
		}
		b, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		goldens[filepath.FromSlash(strings.TrimSuffix(rel, ".golden"))] = string(b)
		return true
	})
	if len(goldens) < 5 {
		t.Fatalf("only %d golden files", len(goldens))
	}
	// The fixture packages are the root: below the GOPATH tree's root they sit in a fixtures/
	// directory, which is test code.
	code, _, stderr := runCLI(t, "", "scan", "--fix", "--format", "json", filepath.Join(dir, "src", "example.com", "fixtures"))
	if code != 1 || !strings.Contains(stderr, "applied 30 fix edits in 8 files") {
		t.Errorf("scan --fix: exit %d, stderr %q", code, stderr)
	}
	for rel, want := range goldens {
		got, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("%s after scan --fix differs from %s.golden:\n%s", rel, rel, got)
		}
	}
	gomodtest.BuildGopath(t, dir, "example.com/fixtures/...")
}
