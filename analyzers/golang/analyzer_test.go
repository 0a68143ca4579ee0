package golang

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
)

// The fixtures are a module of their own (testdata/go.mod) that imports the real pgx and lib/pq,
// so the analyzer sees the drivers' real types. analysistest loads it with GOPROXY=off: the
// modules are downloaded first.
var downloadOnce sync.Once

func fixtures(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	downloadOnce.Do(func() {
		cmd := exec.Command("go", "mod", "download")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go mod download in %s: %v\n%s", dir, err, out)
		}
	})
	return dir
}

func TestAnalyzerFixes(t *testing.T) {
	dir := fixtures(t)
	analysistest.RunWithSuggestedFixes(t, dir, Analyzer, "./conn", "./env", "./tlsconf", "./clean")
}
