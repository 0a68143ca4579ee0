//go:build cgo

package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/analyzers/treesitter"
	"github.com/pgtlslint/pgtlslint/internal/gomodtest"
	"github.com/pgtlslint/pgtlslint/internal/sourcetest"
)

// TestScanFixSource runs `scan --fix` on copies of the Python, JavaScript/TypeScript and Java
// fixtures: edits are applied, every file still parses without a syntax error, and a second
// scan finds no fix left to apply.
func TestScanFixSource(t *testing.T) {
	p := treesitter.NewParser()
	defer p.Close()
	applied := regexp.MustCompile(`applied (\d+) fix edits in (\d+) files`)
	for _, lang := range []string{"python", "javascript", "java"} {
		t.Run(lang, func(t *testing.T) {
			src, err := filepath.Abs(filepath.Join("../../testdata", lang))
			if err != nil {
				t.Fatal(err)
			}
			dir := gomodtest.CopyTree(t, src, func(string) bool { return false })
			before := map[string]string{}
			walkSources(t, dir, func(path string, b []byte) { before[path] = string(b) })
			code, _, stderr := runCLI(t, "", "scan", "--fix", "--format", "json", dir)
			m := applied.FindStringSubmatch(stderr)
			if code != 1 || m == nil {
				t.Fatalf("scan --fix: exit %d, stderr %q", code, stderr)
			}
			edits, _ := strconv.Atoi(m[1])
			files, _ := strconv.Atoi(m[2])
			t.Logf("%s: applied %d fix edits in %d files", lang, edits, files)
			if edits < 10 || files < 3 {
				t.Errorf("applied %d edits in %d files, want at least 10 in 3", edits, files)
			}
			changed := 0
			walkSources(t, dir, func(path string, b []byte) {
				if string(b) != before[path] {
					changed++
				}
				lang, _ := sourcetest.LanguageOf(path)
				tree, err := p.Parse(lang, b)
				if err != nil || tree.Errors > 0 {
					t.Errorf("%s no longer parses after --fix (%v, %d syntax errors):\n%s", path, err, tree.Errors, b)
				}
			})
			if changed != files {
				t.Errorf("%d files changed, stderr says %d", changed, files)
			}
			_, _, stderr = runCLI(t, "", "scan", "--fix", "--format", "json", dir)
			if strings.Contains(stderr, "applied") {
				t.Errorf("a second --fix still applies edits: %s", stderr)
			}
		})
	}
}

func walkSources(t *testing.T, dir string, fn func(path string, b []byte)) {
	t.Helper()
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if _, ok := sourcetest.LanguageOf(path); !ok {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		fn(path, b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
