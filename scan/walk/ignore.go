package walk

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// findGitTop finds the git work tree that holds the root, if any, and loads
// the ignore rules that apply above the root: .git/info/exclude and the
// .gitignore files of the directories between the work tree's top and the
// root, unless they ignore the root itself. .gitignore files are honoured without a work tree too (a tarball of
// a repository keeps its intent), relative to the root then.
func (r *root) findGitTop() {
	for d := r.real; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			r.gitTop = d
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			return
		}
		d = parent
	}
	if rel, err := filepath.Rel(r.gitTop, r.real); err == nil && rel != "." {
		r.topParts = strings.Split(filepath.ToSlash(rel), "/")
	}
	if gitDir := resolveGitDir(r.gitTop); gitDir != "" {
		r.patterns = appendPatterns(r.patterns, filepath.Join(gitDir, "info", "exclude"), nil)
	}
	for i := range r.topParts { // the root's own .gitignore is read by the walk
		dir := filepath.Join(append([]string{r.gitTop}, r.topParts[:i]...)...)
		r.patterns = appendPatterns(r.patterns, filepath.Join(dir, ".gitignore"), r.topParts[:i])
	}
	// A root that these rules ignore was named on purpose: then they would
	// drop everything below it, so they are not applied to it.
	if len(r.topParts) > 0 && isIgnored(r.patterns, r.topParts, true) {
		r.patterns = nil
	}
}

// resolveGitDir returns the git directory of the work tree at top: .git
// itself, or where a .git file ("gitdir: ...", in linked work trees and
// submodules) points.
func resolveGitDir(top string) string {
	dotGit := filepath.Join(top, ".git")
	st, err := os.Stat(dotGit)
	if err != nil {
		return ""
	}
	if st.IsDir() {
		return dotGit
	}
	b, err := os.ReadFile(dotGit)
	if err != nil {
		return ""
	}
	line, _, _ := strings.Cut(string(b), "\n")
	dir, ok := strings.CutPrefix(strings.TrimSpace(line), "gitdir:")
	if !ok {
		return ""
	}
	dir = filepath.FromSlash(strings.TrimSpace(dir))
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(top, dir)
	}
	return dir
}

// ignorePattern is one line of an ignore file, parsed by go-git.
type ignorePattern struct {
	gitignore.Pattern
	// negName is the name glob of a negation with no slash ("!keep"),
	// which git applies to a path's last element only. go-git also
	// matches it against the directories above, so "*.log" then "!keep"
	// would keep keep/a.log, which git ignores.
	negName string
}

// isIgnored reports whether the patterns (in increasing priority) ignore
// path. It is go-git's Matcher.Match except for negations with no slash,
// which count only where they match the path's last element, as in git.
func isIgnored(ps []ignorePattern, path []string, isDir bool) bool {
	for i := len(ps) - 1; i >= 0; i-- {
		switch ps[i].Match(path, isDir) {
		case gitignore.Exclude:
			return true
		case gitignore.Include:
			if ps[i].negName != "" {
				if ok, _ := filepath.Match(ps[i].negName, path[len(path)-1]); !ok {
					continue // it matched a directory above: not this path
				}
			}
			return false
		}
	}
	return false
}

// appendPatterns adds the patterns of one ignore file to ps, scoped to
// domain (the directory holding the file, as path elements below the work
// tree). It never writes into ps's array: sibling directories share it.
func appendPatterns(ps []ignorePattern, file string, domain []string) []ignorePattern {
	b, err := os.ReadFile(file)
	if err != nil {
		return ps // none, or unreadable: git ignores it as well
	}
	ps = ps[:len(ps):len(ps)]
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSuffix(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		// go-git matches "dir/**" against dir itself, where git matches
		// only what is inside: with "!dir/keep" after it, git keeps
		// dir/keep and go-git would prune dir. "dir/**/*" is the same set
		// to go-git without dir.
		if trimmed := strings.TrimRight(line, " "); strings.HasSuffix(trimmed, "/**") {
			line = trimmed + "/*"
		}
		p := ignorePattern{Pattern: gitignore.ParsePattern(line, domain)}
		if name, ok := strings.CutPrefix(line, "!"); ok {
			if !strings.HasSuffix(name, "\\ ") {
				name = strings.TrimRight(name, " ")
			}
			name = strings.TrimSuffix(name, "/")
			if !strings.Contains(name, "/") {
				p.negName = name
			}
		}
		ps = append(ps, p)
	}
	return ps
}

// trackedSet is the sorted list of files git tracks below a root, relative
// to it.
type trackedSet struct {
	paths []string
}

func (r *root) trackedSet() *trackedSet {
	if r.tracked == nil {
		r.tracked = &trackedSet{}
		if r.gitTop != "" {
			r.tracked.paths = gitTracked(r.real)
		}
	}
	return r.tracked
}

// isTracked reports whether git tracks the file rel (below the root).
func (r *root) isTracked(rel string) bool {
	ps := r.trackedSet().paths
	i := sort.SearchStrings(ps, rel)
	return i < len(ps) && ps[i] == rel
}

// trackedUnder reports whether git tracks a file below the directory rel.
func (r *root) trackedUnder(rel string) bool {
	ps := r.trackedSet().paths
	prefix := rel + "/"
	i := sort.SearchStrings(ps, prefix)
	return i < len(ps) && strings.HasPrefix(ps[i], prefix)
}

// gitTracked lists the files git tracks below dir, relative to it, sorted;
// nil if git is missing, fails or takes too long: then ignored files are
// skipped even if tracked, which is what a walk without git does.
//
// It runs only when the walk meets an ignored path, so a tree without one
// never starts git. `git ls-files` reads the index and takes about 25 ms for
// 20,000 files. core.fsmonitor is turned off because git would otherwise
// run whatever command the repository's config names when it reads the
// index, and the repository being scanned is not trusted.
func gitTracked(dir string) []string {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", "-c", "core.fsmonitor=false", "-C", dir, "ls-files", "-z", "--cached")
	cmd.Env = append(os.Environ(), "GIT_OPTIONAL_LOCKS=0")
	out, err := cmd.Output()
	if err != nil {
		return nil
	}
	paths := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
	if len(paths) == 1 && paths[0] == "" {
		return nil
	}
	if !sort.StringsAreSorted(paths) {
		sort.Strings(paths)
	}
	return paths
}
