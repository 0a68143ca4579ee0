//go:build delivery

package delivery

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// hookRepo commits the working tree of this repository (tracked and untracked files that
// .gitignore keeps, without test fixtures and binaries) into a new repository: pre-commit
// installs a hook from a commit, and try-repo leaves untracked files out.
func hookRepo(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "pgtlslint")
	cmd := exec.Command("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	cmd.Dir = repoRoot
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git ls-files: %v", err)
	}
	n := 0
	for _, rel := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		if rel == "" || rel == "testdata" || strings.HasPrefix(rel, "testdata/") || strings.Contains(rel, "/testdata/") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(repoRoot, filepath.FromSlash(rel)))
		if os.IsNotExist(err) {
			continue // deleted in the working tree
		}
		if err != nil {
			t.Fatal(err)
		}
		if bytes.IndexByte(b[:min(len(b), 8000)], 0) >= 0 {
			continue // a binary someone built in the tree
		}
		writeFiles(t, dir, map[string]string{rel: string(b)})
		n++
	}
	if _, err := os.Stat(filepath.Join(dir, ".pre-commit-hooks.yaml")); err != nil {
		t.Fatalf("the copy has no .pre-commit-hooks.yaml (%d files)", n)
	}
	git(t, dir, "init", "-q", "-b", "main")
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "-m", "pgtlslint working tree")
	return dir
}

// goShim puts a go first on the PATH that logs its arguments to the returned file and runs the
// system go: pre-commit's golang language must build the hook with it.
func goShim(t *testing.T) (binDir, log string) {
	t.Helper()
	real, err := exec.LookPath("go")
	if err != nil {
		t.Fatal(err)
	}
	binDir = t.TempDir()
	log = filepath.Join(t.TempDir(), "go.log")
	script := "#!/bin/sh\nprintf '%s\\n' \"$*\" >>'" + log + "'\nexec '" + real + "' \"$@\"\n"
	if err := os.WriteFile(filepath.Join(binDir, "go"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return binDir, log
}

// preCommit runs pre-commit try-repo in dir and returns its exit status and output. try-repo
// installs the hook into a store of its own, removed when it is done.
func preCommit(t *testing.T, goDir, hooks, dir string) (int, string) {
	t.Helper()
	cmd := exec.Command("pre-commit", "try-repo", hooks, "pgtlslint", "--all-files", "--color", "never", "--verbose")
	cmd.Dir = dir
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if k == "GOCACHE" || k == "GOMODCACHE" || k == "GOPATH" || k == "GOTOOLCHAIN" || k == "PATH" || strings.HasPrefix(k, "GIT_") {
			continue
		}
		env = append(env, kv)
	}
	// The system Go (GOTOOLCHAIN=local: no other toolchain is downloaded) with the caller's
	// caches: pre-commit points GOPATH at its own environment, and without GOMODCACHE every
	// module would be downloaded again.
	env = append(env, goEnv...)
	env = append(env, "PATH="+goDir+string(os.PathListSeparator)+os.Getenv("PATH"), "GOTOOLCHAIN=local",
		"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null")
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("pre-commit: %v", err)
		}
		return ee.ExitCode(), string(out)
	}
	return 0, string(out)
}

func TestPreCommitHook(t *testing.T) {
	if _, err := exec.LookPath("pre-commit"); err != nil {
		t.Fatal("pre-commit is not installed (make delivery-test installs it)")
	}
	hooks := hookRepo(t)
	goDir, goLog := goShim(t)
	target := filepath.Join(t.TempDir(), "app")
	if err := os.MkdirAll(target, 0o755); err != nil {
		t.Fatal(err)
	}
	git(t, target, "init", "-q", "-b", "main")
	weak := map[string]string{
		".env":            "DATABASE_URL=postgres://app@db.example.com/app?sslmode=disable\n",
		"scripts/migrate": "#!/bin/sh\npsql \"host=db.example.com dbname=app sslmode=disable\"\n",
	}
	writeFiles(t, target, weak)
	writeFiles(t, target, map[string]string{
		"deploy/app.yml": "url: postgres://app@db.example.com/app?sslmode=verify-full&sslrootcert=/etc/ssl/db-ca.pem\n",
		// What a directory scan skips, the hook must not hand to pgtlslint either.
		"README.md":             "Never do this: `postgres://app@db.example.com/app?sslmode=disable`\n",
		"testdata/weak.env":     "DATABASE_URL=postgres://app@db.example.com/app?sslmode=disable\n",
		"web/package-lock.json": `{"x": "postgres://app@db.example.com/app?sslmode=disable"}` + "\n",
		"docs/LICENSE":          "postgres://app@db.example.com/app?sslmode=disable\n",
		"vendor/lib/pq/conn.go": "package pq\n\nconst dsn = \"postgres://app@db.example.com/app?sslmode=disable\"\n",
		"web/dist/app.min.js":   `var u="postgres://app@db.example.com/app?sslmode=disable";` + "\n",
		"image.png.placeholder": "postgres://app@db.example.com/app?sslmode=disable\n",
		"notes/connection.csv":  "postgres://app@db.example.com/app?sslmode=disable\n",
	})
	git(t, target, "add", "-A")
	git(t, target, "commit", "-q", "-m", "weak")

	code, out := preCommit(t, goDir, hooks, target)
	t.Logf("pre-commit (weak):\n%s", out)
	if code != 1 || !strings.Contains(out, "Failed") {
		t.Fatalf("pre-commit exited %d, want 1 (the hook fails)", code)
	}
	for _, want := range []string{".env:1:", "scripts/migrate:2:", "PGTLS001", "plaintext-allowed", "2 findings"} {
		if !strings.Contains(out, want) {
			t.Errorf("the output does not name %q", want)
		}
	}
	for _, skipped := range []string{"README.md", "testdata/", "package-lock.json", "LICENSE", "vendor/", "app.min.js", "placeholder", "connection.csv"} {
		if strings.Contains(out, skipped) {
			t.Errorf("the hook scanned %s", skipped)
		}
	}
	// language: golang with Go on the PATH builds with that Go (none is downloaded).
	if b, err := os.ReadFile(goLog); err != nil || !strings.Contains(string(b), "install ./...") {
		t.Errorf("pre-commit did not run the system go install ./... (%v): %q", err, b)
	}

	for name := range weak {
		git(t, target, "rm", "-q", name)
	}
	git(t, target, "commit", "-q", "-m", "fixed")
	code, out = preCommit(t, goDir, hooks, target)
	t.Logf("pre-commit (clean):\n%s", out)
	if code != 0 || !strings.Contains(out, "Passed") {
		t.Fatalf("pre-commit exited %d, want 0 (the hook passes)", code)
	}
}

// TestHookPatternsInPython: Python's re, which pre-commit uses, reads the hook's patterns as
// Go's regexp does in TestHookFiles.
func TestHookPatternsInPython(t *testing.T) {
	files, exclude := hookPatterns(t)
	cands := hookCandidates(t)
	const prog = `
import re, sys, yaml
hook = yaml.safe_load(open(sys.argv[1]))[0]
files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])
for line in sys.stdin:
    p = line.rstrip("\\n")
    print(int(bool(files.search(p)) and not exclude.search(p)))
`
	cmd := exec.Command("python3", "-c", prog, filepath.Join(repoRoot, ".pre-commit-hooks.yaml"))
	cmd.Stdin = strings.NewReader(strings.Join(cands, "\n") + "\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	got := strings.Fields(string(out))
	if len(got) != len(cands) {
		t.Fatalf("python3 printed %d answers for %d names", len(got), len(cands))
	}
	for i, p := range cands {
		want := files.MatchString(p) && !exclude.MatchString(p)
		if (got[i] == "1") != want {
			t.Errorf("%s: Python says %s, Go says %v", p, got[i], want)
		}
	}
}
