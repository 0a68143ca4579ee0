// Package gomodtest holds what the tests that run the go command on a module of their own
// share: the environment that keeps the main module out, copying a fixture module, and
// finding a line in it.
package gomodtest

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Env is the environment for go commands in a test module: no workspace, no GOFLAGS from the
// caller, go.mod and go.sum as committed; extra variables are appended.
func Env(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "GOWORK=") || strings.HasPrefix(kv, "GOFLAGS=") {
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "GOWORK=off", "GOFLAGS=-mod=readonly")
	return append(env, extra...)
}

// Download fetches the dependencies of the module in dir from the module proxy (tests that
// load it with GOPROXY=off, such as analysistest, need them in the module cache).
func Download(t testing.TB, dir string) {
	t.Helper()
	cmd := exec.Command("go", "mod", "download")
	cmd.Dir = dir
	cmd.Env = Env()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go mod download in %s: %v\n%s", dir, err, out)
	}
}

// CopyTree copies src into a new temporary directory and returns it; skip, when not nil,
// leaves out the files (slash paths relative to src) it returns true for.
func CopyTree(t testing.TB, src string, skip func(rel string) bool) string {
	t.Helper()
	dst := t.TempDir()
	err := CopyDir(src, dst, func(rel string, d fs.DirEntry) bool {
		return !d.IsDir() && skip != nil && skip(rel)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// CopyDir copies the tree src into dst, keeping file modes and symbolic links. skip, when not
// nil, leaves out the entries (slash paths relative to src) it returns true for: a directory
// with all it holds. It does not need a testing.T, so tests may call it from goroutines.
func CopyDir(src, dst string, skip func(rel string, d fs.DirEntry) bool) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		if rel != "." && skip != nil && skip(filepath.ToSlash(rel), d) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case d.Type()&fs.ModeSymlink != 0:
			link, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(link, target)
		case d.Type().IsRegular():
			info, err := d.Info()
			if err != nil {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(target, data, info.Mode().Perm())
		}
		return nil
	})
}

// LineOf returns the 1-based line of file that contains s.
func LineOf(t testing.TB, file, s string) int {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(data), "\n") {
		if strings.Contains(l, s) {
			return i + 1
		}
	}
	t.Fatalf("%s has no line with %q", file, s)
	return 0
}
