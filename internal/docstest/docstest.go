// Package docstest holds the checks of generated documents: that a checked-in file is what its
// generator writes now, and that the links Go code cites into it name its sections.
package docstest

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Current fails t when the file at path is not want, naming the first line that differs and
// the command that regenerates it.
func Current(t *testing.T, path string, want []byte, regenerate string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v: run %s", err, regenerate)
	}
	if bytes.Equal(got, want) {
		return
	}
	gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	i := 0
	for i < len(gl) && i < len(wl) && gl[i] == wl[i] {
		i++
	}
	line := func(ls []string) string {
		if i < len(ls) {
			return ls[i]
		}
		return "(end of file)"
	}
	t.Fatalf("%s is stale: run %s and commit the result.\nFirst difference at line %d:\n have %q\n want %q",
		filepath.Base(path), regenerate, i+1, line(gl), line(wl))
}

// CodeLinks checks every link that the non-test Go files under root (testdata left out) cite
// into a document: link matches one, its first group is the fragment, and anchors are the
// document's sections. It returns how many links it checked.
func CodeLinks(t *testing.T, root string, link *regexp.Regexp, anchors map[string]bool) int {
	t.Helper()
	links := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && path != root) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range link.FindAllStringSubmatch(string(b), -1) {
			links++
			if !anchors[m[1]] {
				t.Errorf("%s: %s names no section", path, m[0])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return links
}
