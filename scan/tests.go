package scan

import (
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/pgtlslint/pgtlslint/scan/result"
	"github.com/pgtlslint/pgtlslint/scan/testcode"
)

// Hidden is what a scan found in test code and did not report (see package testcode).
type Hidden struct {
	Results []result.Result
	Notices []result.Notice
}

// scanRoot is a root as the scan shows the paths below it.
type scanRoot struct {
	show string // slash-separated and clean; "" for "."
	dir  bool
}

// scanRoots lists the roots as the walk names the files below them. A root that cannot be
// read is left out: the walk has already failed on it.
func scanRoots(roots []string) []scanRoot {
	var out []scanRoot
	for _, r := range roots {
		st, err := os.Stat(r)
		if err != nil {
			continue
		}
		show := filepath.ToSlash(filepath.Clean(r))
		if show == "." {
			show = ""
		}
		out = append(out, scanRoot{show: show, dir: st.IsDir()})
	}
	return out
}

// hideTests moves the results and notices whose own path is test code out of rep. A value
// that test code reads is judged where it is written: a Go constant of db.go that only
// db_test.go uses stays in the report. shown says which test paths a configuration shows.
func hideTests(rep *Report, roots []scanRoot, shown func(path string) bool) {
	results := rep.Results[:0]
	for _, r := range rep.Results {
		if testcode.Is(belowRoot(r.Path, roots)) && !shown(r.Path) {
			rep.HiddenTests.Results = append(rep.HiddenTests.Results, r)
			continue
		}
		results = append(results, r)
	}
	rep.Results = results
	notices := rep.Notices[:0]
	for _, n := range rep.Notices {
		if n.Path != "" && testcode.Is(belowRoot(n.Path, roots)) && !shown(n.Path) {
			rep.HiddenTests.Notices = append(rep.HiddenTests.Notices, n)
			continue
		}
		notices = append(notices, n)
	}
	rep.Notices = notices
}

// belowRoot returns the part of p, a path as the scan shows it, below the directory root that
// holds it (the longest, when roots nest): only that part can make it test code, so a scan of
// tests/ reports what is in it, and the directories above a root (a temporary directory named
// after a test) never count. A file named as a root, or one outside every root (another file
// of a Go package), is judged by its path below the working directory, else by its name:
// pre-commit names each changed file from the repository's root, and must report what a scan
// of the repository reports.
func belowRoot(p string, roots []scanRoot) string {
	rel, depth := "", -1
	for _, r := range roots {
		if rest, ok := cutDir(p, r.show); ok && r.dir && len(r.show) > depth {
			rel, depth = rest, len(r.show)
		}
	}
	if depth >= 0 {
		return rel
	}
	return belowWorkingDir(p)
}

// cutDir returns the part of p below dir ("" is the working directory, which holds every
// relative path).
func cutDir(p, dir string) (string, bool) {
	if dir == "" {
		return p, !filepath.IsAbs(filepath.FromSlash(p)) && p != ".." && !strings.HasPrefix(p, "../")
	}
	return strings.CutPrefix(p, strings.TrimSuffix(dir, "/")+"/")
}

// belowWorkingDir is p below the working directory when it lies there, else its base name.
func belowWorkingDir(p string) string {
	if rest, ok := cutDir(p, ""); ok {
		return rest
	}
	if wd, err := os.Getwd(); err == nil && filepath.IsAbs(filepath.FromSlash(p)) {
		if rel, err := filepath.Rel(wd, filepath.FromSlash(p)); err == nil && filepath.IsLocal(rel) {
			return filepath.ToSlash(rel)
		}
	}
	return path.Base(p)
}
