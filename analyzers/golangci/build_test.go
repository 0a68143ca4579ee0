package golangci

// End-to-end tests: a custom golangci-lint with this plugin compiled in (testdata/customgcl,
// what "golangci-lint custom" generates) runs on a module that imports the real pgx and lib/pq
// (testdata/fixture). Both are modules of their own; their dependencies come from the Go module
// proxy (`make go-test-modules` downloads them first).

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pgtlslint/pgtlslint/internal/gomodtest"
)

var (
	customGCLOnce sync.Once
	customGCLPath string
	customGCLErr  error
)

// customGCL builds testdata/customgcl once per test binary, into a directory under the user
// cache ($XDG_CACHE_HOME or ~/.cache, then pgtlslint/custom-gcl) keyed by this checkout's path,
// so that go build only relinks it when something it is built from changed. It is built without
// -X main.version, so golangci-lint salts its results cache with the executable's hash and never
// serves results of an older plugin. A failed build fails the test.
func customGCL(t *testing.T) string {
	t.Helper()
	customGCLOnce.Do(func() {
		customGCLPath, customGCLErr = buildCustomGCL(t)
	})
	if customGCLErr != nil {
		t.Fatalf("building the custom golangci-lint failed (not skipped: the plugin must build):\n%v", customGCLErr)
	}
	return customGCLPath
}

func buildCustomGCL(t *testing.T) (string, error) {
	src, err := filepath.Abs(filepath.Join("testdata", "customgcl"))
	if err != nil {
		return "", err
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	sum := sha256.Sum256([]byte(src))
	dir := filepath.Join(cache, "pgtlslint", "custom-gcl", hex.EncodeToString(sum[:6]))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "custom-gcl")
	start := time.Now()
	cmd := exec.Command("go", "build", "-buildvcs=false", "-ldflags", "-s -w", "-o", bin, ".")
	cmd.Dir = src
	cmd.Env = gomodtest.Env()
	out, err := cmd.CombinedOutput()
	if err != nil {
		hint := ""
		if bytes.Contains(out, []byte("go.sum")) || bytes.Contains(out, []byte("go mod tidy")) || bytes.Contains(out, []byte("updates to go.mod needed")) {
			hint = fmt.Sprintf("\nits go.mod or go.sum is out of date with the main module's: run `cd %s && GOWORK=off go mod tidy`", src)
		}
		return "", fmt.Errorf("cd %s && go build -o %s .: %w%s\n%s", src, bin, err, hint, out)
	}
	t.Logf("built %s in %s", bin, time.Since(start).Round(time.Millisecond))
	return bin, nil
}

// run runs a command in dir and returns its stdout, stderr and exit code.
func run(t *testing.T, dir string, env []string, name string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var o, e bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = &o, &e
	start := time.Now()
	err := cmd.Run()
	t.Logf("%s %s: %s", filepath.Base(name), strings.Join(args, " "), time.Since(start).Round(time.Millisecond))
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return o.String(), e.String(), code
}

// gclEnv is gomodtest.Env with a results cache of the test's own.
func gclEnv(t *testing.T) []string {
	return gomodtest.Env("GOLANGCI_LINT_CACHE=" + t.TempDir())
}

// issue is the part of golangci-lint's JSON output the tests look at.
type issue struct {
	FromLinter string
	Text       string
	Pos        struct {
		Filename string
		Line     int
	}
	SuggestedFixes []json.RawMessage
}

// lint runs `custom-gcl run` with JSON output and returns the issues and the exit code.
func lint(t *testing.T, gcl, dir string, extra ...string) ([]issue, string, int) {
	t.Helper()
	args := append([]string{"run", "--output.json.path=stdout", "--show-stats=false",
		"--max-issues-per-linter=0", "--max-same-issues=0"}, extra...)
	args = append(args, "./...")
	stdout, stderr, code := run(t, dir, gclEnv(t), gcl, args...)
	var report struct{ Issues []issue }
	if err := json.Unmarshal([]byte(stdout), &report); err != nil {
		t.Fatalf("golangci-lint run (exit %d): output is not JSON: %v\nstdout:\n%s\nstderr:\n%s", code, err, stdout, stderr)
	}
	return report.Issues, stderr, code
}

const (
	pgxRequire = `pgx.Connect(ctx, "postgres://app@db.example.com:5432/app?sslmode=require")`
	pqDisable  = `sql.Open("postgres", "host=db.example.com dbname=app sslmode=disable")`
	pqTrusted  = `sql.Open("postgres", "host=db.internal.example.com dbname=app sslmode=disable")`
	// Test code of the fixture: a _test.go file and a package in an e2e/ directory.
	testRequire = `sql.Open("postgres", "host=staging.example.com dbname=app sslmode=require")`
	e2eDisable  = `sql.Open("postgres", "host=e2e.example.com dbname=app sslmode=disable")`
)

func TestCustomGolangciLintReports(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a custom golangci-lint")
	}
	gcl := customGCL(t)
	dir := gomodtest.CopyTree(t, filepath.Join("testdata", "fixture"), nil)
	insecure := filepath.Join("insecure", "insecure.go")

	issues, stderr, code := lint(t, gcl, dir)
	if code != 1 {
		t.Errorf("golangci-lint run exited %d, want 1 (issues found)\nstderr:\n%s", code, stderr)
	}
	want := map[string]string{
		fmt.Sprintf("%s:%d", insecure, gomodtest.LineOf(t, filepath.Join(dir, insecure), pgxRequire)): "PGTLS002: sslmode=require (pgx)",
		fmt.Sprintf("%s:%d", insecure, gomodtest.LineOf(t, filepath.Join(dir, insecure), pqDisable)):  "PGTLS001: sslmode=disable (lib/pq)",
	}
	// Test code (insecure_test.go, e2e/) is not reported by default.
	checkIssues(t, issues, want, stderr)
}

// With tests: true, the plugin reports test code as pgtlslint scan --tests does: the _test.go
// file, and the package whose directory (below the module's root) is e2e/.
func TestCustomGolangciLintTests(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a custom golangci-lint")
	}
	gcl := customGCL(t)
	dir := gomodtest.CopyTree(t, filepath.Join("testdata", "fixture"), nil)
	cfgPath := filepath.Join(dir, ".golangci.yml")
	cfg, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	withTests := strings.Replace(string(cfg), "        settings:\n", "        settings:\n          tests: true\n", 1)
	if withTests == string(cfg) {
		t.Fatalf("%s has no settings block to add tests: true to", cfgPath)
	}
	if err := os.WriteFile(cfgPath, []byte(withTests), 0o644); err != nil {
		t.Fatal(err)
	}
	insecure := filepath.Join("insecure", "insecure.go")
	testFile := filepath.Join("insecure", "insecure_test.go")
	e2eFile := filepath.Join("e2e", "e2e.go")
	at := func(file, text string) string {
		return fmt.Sprintf("%s:%d", file, gomodtest.LineOf(t, filepath.Join(dir, file), text))
	}
	issues, stderr, code := lint(t, gcl, dir)
	if code != 1 {
		t.Errorf("golangci-lint run exited %d, want 1 (issues found)\nstderr:\n%s", code, stderr)
	}
	checkIssues(t, issues, map[string]string{
		at(insecure, pgxRequire):  "PGTLS002: sslmode=require (pgx)",
		at(insecure, pqDisable):   "PGTLS001: sslmode=disable (lib/pq)",
		at(testFile, testRequire): "PGTLS002: sslmode=require (lib/pq)",
		at(e2eFile, e2eDisable):   "PGTLS001: sslmode=disable (lib/pq)",
	}, stderr)
}

// checkIssues checks that the issues are those of want (position "file:line" → the start of
// the text), each from the plugin with one suggested fix.
func checkIssues(t *testing.T, issues []issue, want map[string]string, stderr string) {
	t.Helper()
	got := map[string]bool{}
	for _, is := range issues {
		at := fmt.Sprintf("%s:%d", filepath.Clean(is.Pos.Filename), is.Pos.Line)
		prefix, ok := want[at]
		switch {
		case !ok:
			// The clean package, the local host and the host in trusted-hosts must stay quiet.
			t.Errorf("unexpected issue at %s from %s: %s", at, is.FromLinter, is.Text)
			continue
		case is.FromLinter != Name:
			t.Errorf("%s: issue from linter %q, want %q", at, is.FromLinter, Name)
		case !strings.HasPrefix(is.Text, prefix):
			t.Errorf("%s: issue %q, want it to start with %q", at, is.Text, prefix)
		case len(is.SuggestedFixes) != 1:
			t.Errorf("%s: %d suggested fixes, want 1", at, len(is.SuggestedFixes))
		}
		got[at] = true
	}
	for at, prefix := range want {
		if !got[at] {
			t.Errorf("no issue at %s, want %q\nstderr:\n%s", at, prefix, stderr)
		}
	}
}

func TestCustomGolangciLintFix(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a custom golangci-lint")
	}
	gcl := customGCL(t)
	dir := gomodtest.CopyTree(t, filepath.Join("testdata", "fixture"), nil)
	file := filepath.Join(dir, "insecure", "insecure.go")

	if _, stderr, code := run(t, dir, gclEnv(t), gcl, "run", "--fix", "--show-stats=false", "./..."); code != 0 {
		t.Errorf("golangci-lint run --fix exited %d, want 0 (everything fixed)\nstderr:\n%s", code, stderr)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		`pgx.Connect(ctx, "postgres://app@db.example.com:5432/app?sslmode=verify-full")`,
		`sql.Open("postgres", "host=db.example.com dbname=app sslmode=verify-full")`,
		pqTrusted, // trusted-hosts: not reported, not changed
	} {
		if !strings.Contains(string(data), s) {
			t.Errorf("after --fix, insecure.go does not contain %s:\n%s", s, data)
		}
	}
	if _, stderr, code := run(t, dir, gomodtest.Env(), "go", "build", "./..."); code != 0 {
		t.Errorf("go build ./... of the fixed module exited %d:\n%s", code, stderr)
	}
	if issues, stderr, code := lint(t, gcl, dir); code != 0 || len(issues) != 0 {
		t.Errorf("golangci-lint run after --fix exited %d with %d issues, want 0 and none: %+v\nstderr:\n%s", code, len(issues), issues, stderr)
	}
}

func TestCustomGolangciLintBadSettings(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a custom golangci-lint")
	}
	gcl := customGCL(t)
	for _, tc := range []struct {
		name, settings string
		want           []string
	}{
		{"unknown key", "trusted_hosts: [db.lan]",
			[]string{"pgtlslint", `unknown field "trusted_hosts"`, "known keys: trusted-hosts, driver, disable, tests"}},
		{"bad driver", "driver: oracle", []string{"pgtlslint", `unknown driver "oracle"`}},
		{"bad rule", "disable: [PGTLS999]", []string{"pgtlslint", `unknown rule "PGTLS999"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := gomodtest.CopyTree(t, filepath.Join("testdata", "fixture"), nil)
			cfg := `version: "2"
linters:
  default: none
  enable: [pgtlslint]
  settings:
    custom:
      pgtlslint:
        type: module
        settings:
          ` + tc.settings + "\n"
			if err := os.WriteFile(filepath.Join(dir, ".golangci.yml"), []byte(cfg), 0o644); err != nil {
				t.Fatal(err)
			}
			stdout, stderr, code := run(t, dir, gclEnv(t), gcl, "run", "./...")
			if code == 0 || code == 1 {
				t.Fatalf("golangci-lint run with settings %q exited %d, want a failure other than issues found\nstdout:\n%s\nstderr:\n%s", tc.settings, code, stdout, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr does not name %q:\n%s", w, stderr)
				}
			}
		})
	}
}
