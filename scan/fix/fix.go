// Package fix writes fix edits back to files for `scan --fix`. A file is rewritten atomically
// (a temporary file in the same directory, synced, then renamed over the original) and keeps
// its permission bits, so an interrupted run never leaves a half-written config behind.
package fix

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/pgtlslint/pgtlslint/rules"
)

// ApplyFile applies edits (byte offsets into the file's current content) to the file at path
// and returns how many were applied. Overlapping edits after the first are skipped; the caller
// re-scans and fixes again until nothing changes.
func ApplyFile(path string, edits []rules.Edit) (int, error) {
	info, err := os.Lstat(path)
	if err != nil {
		return 0, err
	}
	if info.Mode()&os.ModeSymlink != 0 {
		// Rewrite the file the link points to, and leave the link in place.
		if path, err = filepath.EvalSymlinks(path); err != nil {
			return 0, err
		}
		if info, err = os.Stat(path); err != nil {
			return 0, err
		}
	}
	if !info.Mode().IsRegular() {
		return 0, fmt.Errorf("%s: not a regular file", path)
	}
	old, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	out, n := rules.ApplyEdits(string(old), edits)
	if n == 0 || out == string(old) {
		return 0, nil
	}
	return n, writeAtomic(path, []byte(out), info.Mode().Perm())
}

func writeAtomic(path string, data []byte, perm os.FileMode) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".pgtlslint-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		_ = tmp.Close()
		return err
	}
	// CreateTemp makes the file 0600; give it the original's bits before it becomes visible.
	if err = tmp.Chmod(perm); err != nil {
		_ = tmp.Close()
		return err
	}
	if err = tmp.Sync(); err != nil {
		_ = tmp.Close()
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
