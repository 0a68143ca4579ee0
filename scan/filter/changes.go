// Changed lines: the lines added or changed since a git revision, for
// `scan --new-from-rev REV`: a pull request then shows only the findings it introduces.
//
// It runs git: `git diff REV` (the working tree against REV, renames followed, so a moved file
// counts only the lines changed in it) and `git ls-files --others` (untracked files are new
// from their first line to their last).

package filter

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// Changes is the changed lines of a repository's files.
type Changes struct {
	top string
	// lines maps a repository-relative slash path to its changed lines, as sorted,
	// non-overlapping ranges; whole marks files that are new in full (untracked).
	lines map[string][]lineRange
	whole map[string]bool
}

type lineRange struct{ first, last int }

// ChangedSince returns the lines changed since rev in the git repository holding dir.
func ChangedSince(dir, rev string) (*Changes, error) {
	top, err := git(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("--new-from-rev needs a git repository: %w", err)
	}
	s := &Changes{top: strings.TrimSpace(string(top)), lines: map[string][]lineRange{}, whole: map[string]bool{}}
	if _, err := git(s.top, "rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return nil, fmt.Errorf("--new-from-rev: %q is not a commit in %s (a shallow clone may lack it: fetch it, or check out with fetch-depth: 0)", rev, s.top)
	}
	diff, err := git(s.top, "-c", "core.quotePath=false", "diff", "--no-color", "--no-ext-diff", "--unified=0",
		"--find-renames", "--diff-filter=ACMRT", "--src-prefix=a/", "--dst-prefix=b/", rev, "--")
	if err != nil {
		return nil, err
	}
	if err := s.parseDiff(diff); err != nil {
		return nil, err
	}
	untracked, err := git(s.top, "ls-files", "--others", "--exclude-standard", "-z")
	if err != nil {
		return nil, err
	}
	for _, p := range bytes.Split(untracked, []byte{0}) {
		if len(p) > 0 {
			s.whole[string(p)] = true
		}
	}
	return s, nil
}

// git runs git in dir and returns its standard output.
func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, errors.New("git " + args[0] + ": " + msg)
	}
	return out, nil
}

// parseDiff reads the new-side line ranges of every hunk of a unified diff with no context.
func (s *Changes) parseDiff(diff []byte) error {
	sc := bufio.NewScanner(bytes.NewReader(diff))
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	cur := ""
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "+++ "):
			name, err := unquote(strings.TrimPrefix(line, "+++ "))
			if err != nil {
				return fmt.Errorf("git diff: %w", err)
			}
			cur = strings.TrimPrefix(name, "b/")
			if name == "/dev/null" {
				cur = ""
			}
		case strings.HasPrefix(line, "@@ ") && cur != "":
			r, ok := hunkRange(line)
			if !ok {
				return fmt.Errorf("git diff: unreadable hunk header %q", line)
			}
			if r.last >= r.first {
				s.lines[cur] = append(s.lines[cur], r)
			}
		}
	}
	return sc.Err()
}

// hunkRange reads "@@ -a,b +c,d @@": the new side starts at line c and has d lines (1 when
// ",d" is left out; 0 for a pure deletion, which adds no line).
func hunkRange(h string) (lineRange, bool) {
	i := strings.Index(h, " +")
	if i < 0 {
		return lineRange{}, false
	}
	spec := h[i+2:]
	if j := strings.IndexByte(spec, ' '); j >= 0 {
		spec = spec[:j]
	}
	start, count := spec, "1"
	if j := strings.IndexByte(spec, ','); j >= 0 {
		start, count = spec[:j], spec[j+1:]
	}
	c, err1 := strconv.Atoi(start)
	d, err2 := strconv.Atoi(count)
	if err1 != nil || err2 != nil || c < 0 || d < 0 {
		return lineRange{}, false
	}
	return lineRange{first: c, last: c + d - 1}, true
}

// unquote reads a path as git writes it in a diff header: as is, or C-quoted when it holds
// special bytes.
func unquote(p string) (string, error) {
	p = strings.TrimSuffix(p, "\t")
	if !strings.HasPrefix(p, `"`) {
		return p, nil
	}
	return strconv.Unquote(p)
}

// ChangedFile reports whether the file at path has any added or changed line.
func (s *Changes) ChangedFile(path string) bool {
	return s.Changed(path, 1, int(^uint(0)>>1))
}

// Changed reports whether any line of [first, last] of the file at path (as the scan reports
// it: relative to the working directory, or absolute) was added or changed.
func (s *Changes) Changed(path string, first, last int) bool {
	abs, err := filepath.Abs(filepath.FromSlash(path))
	if err != nil {
		return false
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	rel, err := filepath.Rel(s.top, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return false
	}
	rel = filepath.ToSlash(rel)
	if s.whole[rel] {
		return true
	}
	last = max(last, first)
	for _, r := range s.lines[rel] {
		if r.first <= last && first <= r.last {
			return true
		}
	}
	return false
}
