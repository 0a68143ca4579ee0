package walk

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// scopeTree is a tree with configuration files ("cfg") whose scopes the test defines by the
// directory (slash path below top) that holds them; ScopeOf answers as a real finder does:
// the nearest defined scope at or above a directory, none at a .git.
type scopeTree struct {
	top    string
	scopes map[string]*Scope
	asked  []string // directories ScopeOf was asked about, below top
}

func newScopeTree(t *testing.T, files map[string]string, scopes map[string][2][]string) *scopeTree {
	t.Helper()
	top := t.TempDir()
	writeTree(t, top, files)
	st := &scopeTree{top: top, scopes: map[string]*Scope{}}
	for d, globs := range scopes {
		writeTree(t, top, map[string]string{filepath.Join(d, "cfg"): "x"})
		s, err := NewScope(filepath.Join(top, filepath.FromSlash(d)), globs[0], globs[1], 0, d)
		if err != nil {
			t.Fatal(err)
		}
		st.scopes[d] = s
	}
	return st
}

func (st *scopeTree) of(dir string) (*Scope, error) {
	rel, _ := filepath.Rel(st.top, dir)
	rel = filepath.ToSlash(rel)
	st.asked = append(st.asked, rel)
	for d := rel; ; d = filepath.ToSlash(filepath.Dir(d)) {
		if s, ok := st.scopes[d]; ok {
			return s, nil
		}
		if _, err := os.Lstat(filepath.Join(st.top, filepath.FromSlash(d), ".git")); err == nil {
			return nil, nil
		}
		if d == "." {
			return nil, nil
		}
	}
}

func (st *scopeTree) opts() Options {
	return Options{ScopeOf: st.of, ScopeFile: "cfg"}
}

// scopedPaths is every scanned path with the scope (its Data, "-" for none) that governs it.
func scopedPaths(t *testing.T, dir string, roots []string, opts Options) []string {
	t.Helper()
	t.Chdir(dir)
	got, _, err := RunOrdered(roots, opts, func(_ int, f File) []string {
		d := "-"
		if f.Scope != nil {
			d, _ = f.Scope.Data.(string)
		}
		return []string{f.Path + "@" + d}
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func wantList(t *testing.T, what string, got []string, want ...string) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n  got  %q\n  want %q", what, got, want)
	}
}

// TestScopeGlobsRelativeToTheirDirectory: a scope's globs are matched below its own directory,
// so a scan from above it, from it and from below it selects the same files; a nested scope
// replaces the one above it for its subtree; the caller's globs still apply everywhere.
func TestScopeGlobsRelativeToTheirDirectory(t *testing.T) {
	st := newScopeTree(t, map[string]string{
		"a.env":                 hit,
		"legacy/b.env":          hit,
		"svc/legacy/c.env":      hit,
		"svc/d.env":             hit,
		"svc/api/legacy/e.env":  hit,
		"svc/api/f.env":         hit,
		"svc/api/old/g.env":     hit,
		"svc/api/sub/legacy.sh": "psql 'postgres://db.example.com/app?sslmode=disable'\n",
	}, map[string][2][]string{
		".":       {nil, {"legacy/**"}},
		"svc/api": {nil, {"old/**", "*.sh"}},
	})
	opts := st.opts()
	// From the top: legacy/ is excluded only at the top; svc/api has its own scope, which
	// does not exclude legacy/ but old/ and *.sh at any depth.
	all := []string{"a.env@.", "svc/api/f.env@svc/api", "svc/api/legacy/e.env@svc/api", "svc/d.env@.", "svc/legacy/c.env@."}
	wantList(t, "from the top", scopedPaths(t, st.top, nil, opts), all...)
	// From svc: the top's scope still governs svc (found above the root), matched below the
	// top, not below the root, so svc/legacy stays in.
	wantList(t, "from svc", scopedPaths(t, filepath.Join(st.top, "svc"), nil, opts),
		"api/f.env@svc/api", "api/legacy/e.env@svc/api", "d.env@.", "legacy/c.env@.")
	wantList(t, "root svc from the top", scopedPaths(t, st.top, []string{"svc"}, opts),
		"svc/api/f.env@svc/api", "svc/api/legacy/e.env@svc/api", "svc/d.env@.", "svc/legacy/c.env@.")
	// A root inside an excluded directory, and an excluded file named as a root: nothing.
	wantList(t, "excluded roots", scopedPaths(t, st.top, []string{"legacy", "legacy/b.env", "svc/api/old/g.env"}, opts))
	// The caller's globs apply besides the scopes', relative to the root as before.
	wantList(t, "caller's exclude", scopedPaths(t, st.top, nil, Options{ScopeOf: st.of, ScopeFile: "cfg", Exclude: []string{"svc/api/**"}}),
		"a.env@.", "svc/d.env@.", "svc/legacy/c.env@.")
	// Without ScopeOf, a walk knows no scope.
	wantList(t, "no scopes", scopedPaths(t, st.top, []string{"svc/api"}, Options{}),
		"svc/api/f.env@-", "svc/api/legacy/e.env@-", "svc/api/old/g.env@-", "svc/api/sub/legacy.sh@-")
	// One scope for every directory (--config): its globs stay relative to its directory
	// below the directories that hold cfg too.
	fixed, err := NewScope(st.top, nil, []string{"svc/api/legacy/**"}, 0, "fixed")
	if err != nil {
		t.Fatal(err)
	}
	fixedOf := func(string) (*Scope, error) { return fixed, nil }
	wantList(t, "fixed scope", scopedPaths(t, st.top, []string{"svc"}, Options{ScopeOf: fixedOf, ScopeFile: "cfg"}),
		"svc/api/f.env@fixed", "svc/api/old/g.env@fixed", "svc/api/sub/legacy.sh@fixed", "svc/d.env@fixed", "svc/legacy/c.env@fixed")
	// ScopeOf is asked about the roots and the directories holding cfg only.
	st.asked = nil
	scopedPaths(t, st.top, nil, opts)
	sort.Strings(st.asked)
	wantList(t, "asked", st.asked, ".", "svc/api")
}

// TestScopeIncludes: a scope's include globs limit its files (documentation included) and name
// default-excluded directories relative to its directory.
func TestScopeIncludes(t *testing.T) {
	st := newScopeTree(t, map[string]string{
		"app.env":                    hit,
		"docs/deploy.md":             hit,
		"web/docs/deploy.md":         hit,
		"web/app.env":                hit,
		"web/vendor/lib/db.env":      hit,
		"web/testdata/fixture.env":   hit,
		"other/testdata/fixture.env": hit,
	}, map[string][2][]string{
		"web": {{"docs/**/*.md", "*.env", "testdata/fixture.env"}, nil},
	})
	opts := st.opts()
	want := []string{"app.env@-", "web/app.env@web", "web/docs/deploy.md@web", "web/testdata/fixture.env@web"}
	wantList(t, "from the top", scopedPaths(t, st.top, nil, opts), want...)
	wantList(t, "from web", scopedPaths(t, filepath.Join(st.top, "web"), nil, opts),
		"app.env@web", "docs/deploy.md@web", "testdata/fixture.env@web")
}

// TestScopeStopsAtNestedRepository: a directory holding .git starts a new scope (here none), and
// a scope's size cap applies to its files unless the caller sets one.
func TestScopeStopsAtNestedRepository(t *testing.T) {
	st := newScopeTree(t, map[string]string{
		"a.sql":          "SELECT 'postgres://db.example.com/app?sslmode=disable';\n",
		"sub/.git":       "gitdir: ../.git/modules/sub\n",
		"sub/b.sql":      "SELECT 'postgres://db.example.com/app?sslmode=disable';\n",
		"big/c.env":      hit + strings.Repeat("# padding\n", 20),
		"big/small.env":  hit,
		"sub/deep/c.env": hit,
	}, map[string][2][]string{".": {nil, {"*.sql"}}})
	st.scopes["."].maxSize = 100
	t.Chdir(st.top)
	var got []string
	notices, err := Run(nil, st.opts(), func(_ int, f File) { got = append(got, f.Path) })
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(got)
	wantList(t, "scanned", got, "big/small.env", "sub/b.sql", "sub/deep/c.env")
	if k := noticeKinds(notices); k["big/c.env"] == "" {
		t.Errorf("the scope's size cap: notices %v", notices)
	}
	opts := st.opts()
	opts.MaxFileSize = 1 << 20
	wantList(t, "the caller's cap beats the scope's", scopedPaths(t, st.top, []string{"big"}, opts), "big/c.env@.", "big/small.env@.")
}

// TestScopeError: a configuration that cannot be read is the walk's error; at a root, before
// anything is scanned.
func TestScopeError(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.env": hit, "sub/cfg": "x", "sub/b.env": hit})
	bad := errors.New("config sub/cfg: line 1: unknown key")
	of := func(d string) (*Scope, error) {
		if filepath.Base(d) == "sub" {
			return nil, bad
		}
		return nil, nil
	}
	t.Chdir(dir)
	if _, err := Run(nil, Options{ScopeOf: of, ScopeFile: "cfg"}, func(int, File) {}); !errors.Is(err, bad) {
		t.Errorf("nested: err = %v", err)
	}
	if _, err := Run([]string{"sub/b.env"}, Options{ScopeOf: of, ScopeFile: "cfg"}, func(int, File) {}); !errors.Is(err, bad) {
		t.Errorf("root: err = %v", err)
	}
	if _, err := NewScope(dir, nil, []string{"[bad"}, 0, nil); err == nil {
		t.Error("NewScope accepted a bad glob")
	}
}
