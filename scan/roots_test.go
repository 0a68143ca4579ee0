package scan

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/pgtlslint/pgtlslint/scan/result"
	walk "github.com/pgtlslint/pgtlslint/scan/walk"
)

// TestRunPastMissingRoot: a root that does not exist is named in RootErrors and the other roots
// are still scanned, so one mistyped path does not hide the findings of the rest.
func TestRunPastMissingRoot(t *testing.T) {
	dir := t.TempDir()
	for p, c := range map[string]string{
		"a/.env":   "DATABASE_URL=postgres://db.example.com/app?sslmode=disable\n",
		"a/b.env":  "A=1\n",
		"a/README": "nothing\n",
		"c/.env":   "DATABASE_URL=postgres://db.example.com/app?sslmode=verify-ca\n",
	} {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p), []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	rep, err := Run(Options{Roots: []string{"a", "no/such", "c"}})
	if err != nil {
		t.Fatal(err)
	}
	paths := map[string]bool{}
	for _, r := range rep.Results {
		paths[r.Path] = true
	}
	if !paths["a/.env"] || !paths["c/.env"] {
		t.Errorf("findings in %v, want a/.env and c/.env", paths)
	}
	var re *walk.RootError
	if len(rep.RootErrors) != 1 || !errors.As(rep.RootErrors[0], &re) || re.Root != "no/such" || !errors.Is(re, os.ErrNotExist) {
		t.Errorf("root errors %v, want one for no/such", rep.RootErrors)
	}
	// a/.env, a/b.env, a/README and c/.env are walked; the .env files are read; two analyzed.
	if rep.Walked != 4 || rep.Read != 3 || rep.Files != 2 {
		t.Errorf("walked %d, read %d, analyzed %d; want 4, 3, 2", rep.Walked, rep.Read, rep.Files)
	}
	// Any other error still stops the scan.
	if _, err := Run(Options{Roots: []string{"a"}, Exclude: []string{"["}}); err == nil {
		t.Error("a bad exclude glob did not stop the scan")
	}
}

// TestSkippedNoticeKeepsGroup: the scan reports every skip as kind skipped, and keeps what the
// walk said the skips share, for the text report's count.
func TestSkippedNoticeKeepsGroup(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "big.env"), []byte("DATABASE_URL=postgres://db.example.com/app\n# padding padding\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := Run(Options{Roots: []string{dir}, MaxFileSize: 32})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Notices) != 1 || rep.Notices[0].Kind != result.NoticeSkipped || rep.Notices[0].Group != "larger than 32 bytes" {
		t.Errorf("notices %+v, want one skipped, grouped as larger than 32 bytes", rep.Notices)
	}
}
