package fix

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pgtlslint/pgtlslint/rules"
)

func TestApplyFileKeepsModeAndIsAtomic(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "app.env")
	content := "DATABASE_URL=postgres://db.example.com/app?sslmode=require\n"
	if err := os.WriteFile(p, []byte(content), 0o640); err != nil {
		t.Fatal(err)
	}
	start := len("DATABASE_URL=postgres://db.example.com/app?sslmode=")
	edits := []rules.Edit{
		{Path: p, Start: start, End: start + len("require"), NewText: "verify-full"},
		{Path: p, Start: start, End: start + len("require"), NewText: "verify-full"}, // same change twice
		{Path: p, Start: start + 2, End: start + 4, NewText: "zz"},                   // overlaps: skipped
	}
	n, err := ApplyFile(p, edits)
	if err != nil || n != 1 {
		t.Fatalf("applied %d, %v", n, err)
	}
	got, _ := os.ReadFile(p)
	if string(got) != "DATABASE_URL=postgres://db.example.com/app?sslmode=verify-full\n" {
		t.Errorf("content %q", got)
	}
	info, _ := os.Stat(p)
	if info.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640", info.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestApplyFileThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.env")
	link := filepath.Join(dir, "link.env")
	if err := os.WriteFile(real, []byte("X=require\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, link); err != nil {
		t.Skip("symlinks unavailable:", err)
	}
	if _, err := ApplyFile(link, []rules.Edit{{Start: 2, End: 9, NewText: "verify-full"}}); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the symlink was replaced by a file")
	}
	if got, _ := os.ReadFile(real); string(got) != "X=verify-full\n" {
		t.Errorf("target %q", got)
	}
}

func TestApplyFileErrors(t *testing.T) {
	if _, err := ApplyFile(filepath.Join(t.TempDir(), "missing"), nil); err == nil {
		t.Error("missing file: no error")
	}
	if _, err := ApplyFile(t.TempDir(), nil); err == nil {
		t.Error("directory: no error")
	}
}
