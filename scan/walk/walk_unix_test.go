//go:build unix

package walk

import (
	"os"
	"path/filepath"
	"reflect"
	"syscall"
	"testing"

	"github.com/pgtlslint/pgtlslint/scan/result"
)

func TestWalkSymlinks(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	writeTree(t, dir, map[string]string{
		"a/b/c.env": hit,
		"real.env":  hit,
	})
	writeTree(t, outside, map[string]string{
		"shared/db.env": hit,
		"one.env":       hit,
	})
	// A loop outside the root, met through a link into it.
	if err := os.Symlink(outside, filepath.Join(outside, "shared", "up")); err != nil {
		t.Fatal(err)
	}
	links := map[string]string{
		"a/b/loop":      "..",                              // an ancestor
		"a/self":        ".",                               // itself
		"link.env":      "real.env",                        // a file inside the root
		"a/linkdir":     "b",                               // a directory inside the root
		"ext":           filepath.Join(outside, "shared"),  // a directory outside
		"ext1.env":      filepath.Join(outside, "one.env"), // a file outside...
		"ext2.env":      filepath.Join(outside, "one.env"), // ...reached twice
		"broken.env":    "does-not-exist",                  // dangling
		"a/b/back-root": dir,                               // the root itself, absolute
	}
	for l, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(l))); err != nil {
			t.Fatal(err)
		}
	}
	got, notices := scan(t, dir, nil, Options{})
	wantPaths(t, got, "a/b/c.env", "ext/db.env", "ext1.env", "real.env")
	want := map[string]string{
		"a/b/loop":      result.NoticeSymlinkLoop,
		"a/self":        result.NoticeSymlinkLoop,
		"a/b/back-root": result.NoticeSymlinkLoop,
		"ext/up":        result.NoticeSymlinkLoop,
		"broken.env":    result.NoticeUnreadable,
	}
	if k := noticeKinds(notices); !reflect.DeepEqual(k, want) {
		t.Errorf("notices = %+v\nwant kinds %v", notices, want)
	}
}

func TestWalkUnreadable(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"ok.env": hit})
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.env"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("nowhere.yml", filepath.Join(dir, "dangling.yml")); err != nil {
		t.Fatal(err)
	}
	// A directory that cannot be listed; root reads it anyway, so check
	// only where the permission bits are enforced.
	locked := filepath.Join(dir, "locked")
	writeTree(t, dir, map[string]string{"locked/x.env": hit})
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(locked, 0o755) })
	_, lockedErr := os.ReadDir(locked)

	got, notices := scan(t, dir, nil, Options{})
	k := noticeKinds(notices)
	if k["pipe.env"] != result.NoticeUnreadable || k["dangling.yml"] != result.NoticeUnreadable {
		t.Errorf("notices = %+v, want unreadable for pipe.env and dangling.yml", notices)
	}
	if lockedErr != nil {
		wantPaths(t, got, "ok.env")
		if k["locked"] != result.NoticeUnreadable {
			t.Errorf("notices = %+v, want unreadable for locked", notices)
		}
	} else {
		t.Log("running as root: the unlistable directory is listable")
		wantPaths(t, got, "locked/x.env", "ok.env")
	}
}
