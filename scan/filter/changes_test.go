package filter

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pgtlslint/pgtlslint/internal/gittest"
)

func TestHunkRange(t *testing.T) {
	for h, want := range map[string]lineRange{
		"@@ -1 +1 @@":            {1, 1},
		"@@ -3,0 +4,2 @@ ctx":    {4, 5},
		"@@ -5,2 +4,0 @@":        {4, 3}, // a deletion: no line
		"@@ -0,0 +1,12 @@":       {1, 12},
		"@@@ -1 -1 +1,3 @@@ ctx": {1, 3}, // combined diffs never come, but read sanely
	} {
		got, ok := hunkRange(h)
		if !ok || got != want {
			t.Errorf("hunkRange(%q) = %v, %v; want %v", h, got, ok, want)
		}
	}
	for _, h := range []string{"@@ -1 @@", "@@ -1 +x,1 @@", "@@ -1 +1,-2 @@"} {
		if _, ok := hunkRange(h); ok {
			t.Errorf("hunkRange(%q) accepted", h)
		}
	}
}

// TestOddPaths: paths git quotes in diff headers (a tab, a quote, a backslash) and paths with
// spaces and non-ASCII letters map back to the files.
func TestOddPaths(t *testing.T) {
	dir := t.TempDir()
	names := []string{"with space.env", "tab\there.env", `quote"d.env`, `back\slash.env`, "ünïcode.env"}
	gittest.Run(t, dir, "init", "-q")
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("a\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gittest.Run(t, dir, "add", "-A")
	gittest.Run(t, dir, "commit", "-qm", "base")
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("a\nb\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := ChangedSince(dir, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		p := filepath.Join(dir, n)
		if !s.Changed(p, 2, 2) || s.Changed(p, 1, 1) {
			t.Errorf("%q: line 2 changed = %v, line 1 changed = %v; want true, false", n, s.Changed(p, 2, 2), s.Changed(p, 1, 1))
		}
	}
}
