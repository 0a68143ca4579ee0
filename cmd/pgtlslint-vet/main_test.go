package main

// pgtlslint-vet runs as `go vet -vettool` on the fixture module of analyzers/golangci, a module
// of its own that imports the real pgx and lib/pq (`make go-test-modules` downloads them).

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pgtlslint/pgtlslint/internal/gomodtest"
)

var (
	buildOnce sync.Once
	binDir    string
	binErr    error
	binOut    []byte
)

// vettool builds this command once per test binary.
func vettool(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		binDir, binErr = os.MkdirTemp("", "pgtlslint-vet")
		if binErr != nil {
			return
		}
		start := time.Now()
		cmd := exec.Command("go", "build", "-o", filepath.Join(binDir, "pgtlslint-vet"), ".")
		binOut, binErr = cmd.CombinedOutput()
		t.Logf("go build: %s", time.Since(start).Round(time.Millisecond))
	})
	if binErr != nil {
		t.Fatalf("go build of pgtlslint-vet failed: %v\n%s", binErr, binOut)
	}
	return filepath.Join(binDir, "pgtlslint-vet")
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		_ = os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// run runs a command in dir and returns its combined output and exit code.
func run(t *testing.T, dir, name string, args ...string) (string, int) {
	t.Helper()
	var out bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = gomodtest.Env()
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	t.Logf("%s %s: %s", filepath.Base(name), strings.Join(args, " "), time.Since(start).Round(time.Millisecond))
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return out.String(), exit.ExitCode()
	case err != nil:
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return out.String(), 0
}

const (
	pgxRequire = `pgx.Connect(ctx, "postgres://app@db.example.com:5432/app?sslmode=require")`
	pqDisable  = `sql.Open("postgres", "host=db.example.com dbname=app sslmode=disable")`
	// Test code of the fixture: a _test.go file and a package in an e2e/ directory.
	testRequire = `sql.Open("postgres", "host=staging.example.com dbname=app sslmode=require")`
	e2eDisable  = `sql.Open("postgres", "host=e2e.example.com dbname=app sslmode=disable")`
)

// reportedAt reports whether go vet's output has a diagnostic at the file (relative to the
// module) and line that starts with prefix.
func reportedAt(out, file string, line int, prefix string) bool {
	at := file + ":" + strconv.Itoa(line) + ":"
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, at) && strings.Contains(l, ": "+prefix) {
			return true
		}
	}
	return false
}

func TestGoVet(t *testing.T) {
	if testing.Short() {
		t.Skip("builds pgtlslint-vet and type-checks pgx and lib/pq")
	}
	tool := vettool(t)
	dir := gomodtest.CopyTree(t, filepath.Join("..", "..", "analyzers", "golangci", "testdata", "fixture"), nil)
	file := filepath.Join(dir, "insecure", "insecure.go")

	out, code := run(t, dir, "go", "vet", "-vettool="+tool, "./...")
	if code == 0 {
		t.Errorf("go vet -vettool=pgtlslint-vet ./... exited 0, want a failure\n%s", out)
	}
	for _, w := range []struct {
		line   int
		prefix string
	}{
		{gomodtest.LineOf(t, file, pgxRequire), "PGTLS002: sslmode=require (pgx)"},
		{gomodtest.LineOf(t, file, pqDisable), "PGTLS001: sslmode=disable (lib/pq)"},
	} {
		if !reportedAt(out, filepath.Join("insecure", "insecure.go"), w.line, w.prefix) {
			t.Errorf("go vet output has no insecure.go:%d: %s...\n%s", w.line, w.prefix, out)
		}
	}
	for _, quiet := range []string{"clean.go", "insecure_test.go", "e2e.go"} {
		if strings.Contains(out, quiet) {
			t.Errorf("go vet reports on %s (clean, or test code):\n%s", quiet, out)
		}
	}

	out, code = run(t, dir, "go", "vet", "-vettool="+tool, "./clean")
	if code != 0 || strings.TrimSpace(out) != "" {
		t.Errorf("go vet -vettool=pgtlslint-vet ./clean exited %d, want 0 and no output:\n%s", code, out)
	}
}

// On its own, pgtlslint-vet applies the suggested fixes with -fix.
func TestStandaloneFix(t *testing.T) {
	if testing.Short() {
		t.Skip("builds pgtlslint-vet and type-checks pgx and lib/pq")
	}
	tool := vettool(t)
	dir := gomodtest.CopyTree(t, filepath.Join("..", "..", "analyzers", "golangci", "testdata", "fixture"), nil)
	if out, code := run(t, dir, tool, "-fix", "./insecure"); code != 0 {
		t.Errorf("pgtlslint-vet -fix exited %d, want 0 (everything fixed)\n%s", code, out)
	}
	data, err := os.ReadFile(filepath.Join(dir, "insecure", "insecure.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		`pgx.Connect(ctx, "postgres://app@db.example.com:5432/app?sslmode=verify-full")`,
		`sql.Open("postgres", "host=db.example.com dbname=app sslmode=verify-full")`,
	} {
		if !strings.Contains(string(data), s) {
			t.Errorf("after -fix, insecure.go does not contain %s:\n%s", s, data)
		}
	}
	if out, code := run(t, dir, tool, "./..."); code != 0 {
		t.Errorf("pgtlslint-vet ./... after -fix exited %d, want 0\n%s", code, out)
	}
	if out, code := run(t, dir, "go", "build", "./..."); code != 0 {
		t.Errorf("go build ./... of the fixed module exited %d:\n%s", code, out)
	}
}

// The analyzer's flags reach it through go vet: -disable drops rules, a bad -driver stops.
func TestGoVetFlags(t *testing.T) {
	if testing.Short() {
		t.Skip("builds pgtlslint-vet and type-checks pgx and lib/pq")
	}
	tool := vettool(t)
	dir := gomodtest.CopyTree(t, filepath.Join("..", "..", "analyzers", "golangci", "testdata", "fixture"), nil)
	out, code := run(t, dir, "go", "vet", "-vettool="+tool, "-disable=PGTLS001,server-not-verified", "./insecure")
	if code != 0 || strings.Contains(out, "PGTLS") {
		t.Errorf("go vet -disable=PGTLS001,server-not-verified exited %d:\n%s", code, out)
	}
	out, code = run(t, dir, "go", "vet", "-vettool="+tool, "-driver=oracle", "./insecure")
	if code == 0 || !strings.Contains(out, `unknown driver "oracle"`) {
		t.Errorf("go vet -driver=oracle exited %d:\n%s", code, out)
	}
	// -tests reports test code as pgtlslint scan --tests does: the _test.go file, and the
	// package whose directory (below the module's root) is e2e/.
	out, code = run(t, dir, "go", "vet", "-vettool="+tool, "-tests", "./...")
	testFile := filepath.Join("insecure", "insecure_test.go")
	e2eFile := filepath.Join("e2e", "e2e.go")
	if code == 0 ||
		!reportedAt(out, testFile, gomodtest.LineOf(t, filepath.Join(dir, testFile), testRequire), "PGTLS002: sslmode=require (lib/pq)") ||
		!reportedAt(out, e2eFile, gomodtest.LineOf(t, filepath.Join(dir, e2eFile), e2eDisable), "PGTLS001: sslmode=disable (lib/pq)") {
		t.Errorf("go vet -tests exited %d, want the findings of %s and %s:\n%s", code, testFile, e2eFile, out)
	}
}
