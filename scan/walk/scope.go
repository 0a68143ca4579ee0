package walk

import (
	"os"
	"path/filepath"
	"strings"
)

// Scope is what one configuration file says about the files of its directory and below it:
// include and exclude globs, matched against the path relative to that directory (so that a
// scan from a parent or a subdirectory selects the same files), and a size cap. The walk asks
// Options.ScopeOf for the scope of each root and of each directory that holds
// Options.ScopeFile or .git; the directories below inherit it. Data is the caller's own
// value (its parsed configuration), handed back with each file in File.Scope.
type Scope struct {
	dir      string // absolute; "" for a scope without globs
	inc, exc []glob
	maxSize  int64
	Data     any
}

// NewScope returns the scope of a configuration file in the absolute directory dir: its
// include and exclude globs (doublestar, relative to dir; one without "/" also matches base
// names at any depth, as in .gitignore) and its size cap (0: the walk's). An empty dir is a
// scope without globs (no configuration file).
func NewScope(dir string, include, exclude []string, maxFileSize int64, data any) (*Scope, error) {
	s := &Scope{dir: dir, maxSize: maxFileSize, Data: data}
	var err error
	if s.inc, err = compileGlobs("include", include); err != nil {
		return nil, err
	}
	if s.exc, err = compileGlobs("exclude", exclude); err != nil {
		return nil, err
	}
	return s, nil
}

// relOf is the slash-separated path of abs below the scope's directory ("" for the directory
// itself; it starts with "../" for a path outside it, which only base-name globs match).
func (s *Scope) relOf(abs string) string {
	if s == nil || s.dir == "" {
		return ""
	}
	r, err := filepath.Rel(s.dir, abs)
	if err != nil || r == "." {
		return ""
	}
	return filepath.ToSlash(r)
}

// place is one path of the walk as each set of globs sees it: below the walk root and as
// shown (the caller's globs, Options), and below its scope's directory (the scope's globs).
type place struct {
	rel, show string
	srel      string
	scope     *Scope
}

// joinRel appends a name to a slash path that may be "".
func joinRel(rel, name string) string {
	if rel == "" {
		return name
	}
	return rel + "/" + name
}

// excluded: an exclude glob of the caller or of the scope matches.
func (w *walker) excluded(p place) bool {
	if len(w.exc) > 0 && matchAny(w.exc, p.rel, p.show) {
		return true
	}
	return p.scope != nil && len(p.scope.exc) > 0 && matchAny(p.scope.exc, p.srel, p.srel)
}

// hasIncludes says whether include globs limit the files of a scope.
func (w *walker) hasIncludes(s *Scope) bool {
	return len(w.inc) > 0 || (s != nil && len(s.inc) > 0)
}

// included: an include glob of the caller or of the scope matches.
func (w *walker) included(p place) bool {
	if matchAny(w.inc, p.rel, p.show) {
		return true
	}
	return p.scope != nil && matchAny(p.scope.inc, p.srel, p.srel)
}

// includeEnters reports whether an include pattern's fixed directory part is the directory
// at p or lies below it, so that a default-excluded directory is entered.
func (w *walker) includeEnters(p place) bool {
	if staticEnters(w.inc, p.rel, p.show) {
		return true
	}
	return p.scope != nil && staticEnters(p.scope.inc, p.srel, p.srel)
}

func staticEnters(gs []glob, rel, show string) bool {
	for _, g := range gs {
		if g.static == "" {
			continue
		}
		for _, p := range []string{rel, show} {
			if g.static == p || strings.HasPrefix(g.static, p+"/") || strings.HasPrefix(p, g.static+"/") {
				return true
			}
		}
	}
	return false
}

// includeNames reports whether an include pattern is this very path.
func (w *walker) includeNames(p place) bool {
	for _, g := range w.inc {
		if g.literal && (g.pattern == p.rel || g.pattern == p.show) {
			return true
		}
	}
	if p.scope == nil {
		return false
	}
	for _, g := range p.scope.inc {
		if g.literal && g.pattern == p.srel {
			return true
		}
	}
	return false
}

// sizeCap is the size cap of a file of scope s: the caller's, else the scope's, else
// DefaultMaxFileSize; -1 is no cap.
func (w *walker) sizeCap(s *Scope) int64 {
	switch {
	case w.opts.MaxFileSize < 0:
		return -1
	case w.opts.MaxFileSize > 0:
		return w.opts.MaxFileSize
	case s != nil && s.maxSize > 0:
		return s.maxSize
	}
	return DefaultMaxFileSize
}

// scopeOf asks the caller for the scope of the absolute directory dir; without ScopeOf
// there is none.
func (w *walker) scopeOf(dir string) (*Scope, error) {
	if w.opts.ScopeOf == nil {
		return nil, nil
	}
	return w.opts.ScopeOf(dir)
}

// place is the entry name of directory d as each set of globs sees it. Its path below the
// scope's directory is only joined when the scope has globs to match it against.
func (d *dir) place(rel, show, name string) place {
	p := place{rel: rel, show: show, scope: d.scope}
	if d.scope.hasGlobs() {
		p.srel = joinRel(d.srel, name)
	}
	return p
}

// hasGlobs reports whether the scope has include or exclude globs.
func (s *Scope) hasGlobs() bool {
	return s != nil && len(s.inc)+len(s.exc) > 0
}

// enterScope switches d to the scope of its own configuration file or .git, when its entries
// hold one; false when that configuration is broken (the walk's error) and d is skipped.
func (w *walker) enterScope(d *dir, entries []os.DirEntry) bool {
	if w.opts.ScopeOf == nil {
		return true
	}
	starts := false
	for _, e := range entries {
		if n := e.Name(); n == ".git" || (w.opts.ScopeFile != "" && n == w.opts.ScopeFile) {
			starts = true
			break
		}
	}
	if !starts {
		return true
	}
	s, err := w.opts.ScopeOf(d.abs)
	if err != nil {
		if w.err == nil {
			w.err = err
		}
		return false
	}
	if s != d.scope {
		// Usually the directory's own configuration (srel ""), but a fixed one (--config)
		// is answered for every directory, and .git may hand back none.
		d.scope, d.srel = s, s.relOf(d.abs)
	}
	return true
}
