package golang

import (
	"path/filepath"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/pgtlslint/pgtlslint/internal/gomodtest"
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
	downloadOnce.Do(func() { gomodtest.Download(t, dir) })
	return dir
}

func TestAnalyzerFixes(t *testing.T) {
	dir := fixtures(t)
	analysistest.RunWithSuggestedFixes(t, dir, Analyzer, "./conn", "./env", "./tlsconf", "./clean")
}
