// Package gomodtest holds what the tests that run the go command on a module or GOPATH tree of
// their own share: the environment that keeps the main module out, copying a fixture tree, and
// finding a line in it.
package gomodtest

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Env is the environment for go commands in a test module: no workspace, no GOFLAGS from the
// caller, go.mod and go.sum as committed; extra variables are appended.
func Env(extra ...string) []string {
	env := environWithout("GOWORK", "GOFLAGS")
	env = append(env, "GOWORK=off", "GOFLAGS=-mod=readonly")
	return append(env, extra...)
}

// GopathEnv is the environment for go commands on the GOPATH tree gopath (packages under
// gopath/src by import path, as analysistest loads its testdata): GOPATH mode, which never
// downloads a module, and no workspace or GOFLAGS from the caller.
func GopathEnv(gopath string) []string {
	env := environWithout("GOWORK", "GOFLAGS", "GOPATH", "GO111MODULE")
	return append(env, "GOWORK=off", "GO111MODULE=off", "GOPATH="+gopath)
}

// BuildGopath runs go build on packages of the GOPATH tree gopath and fails the test with the
// compiler's output when they do not build.
func BuildGopath(t testing.TB, gopath string, patterns ...string) {
	t.Helper()
	cmd := exec.Command("go", append([]string{"build"}, patterns...)...)
	cmd.Dir = gopath
	cmd.Env = GopathEnv(gopath)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("go build %s in GOPATH %s: %v\n%s", strings.Join(patterns, " "), gopath, err, out)
	}
}

// environWithout is the process environment without the given variables.
func environWithout(names ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if !slices.Contains(names, name) {
			env = append(env, kv)
		}
	}
	return env
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
