package walk

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/pgtlslint/pgtlslint/scan/filekind"
	"github.com/pgtlslint/pgtlslint/scan/result"
)

// DefaultMaxFileSize is the size cap when Options.MaxFileSize is 0: larger
// files are generated or data, and reading them would cost more than the
// rest of the scan.
const DefaultMaxFileSize = 1 << 20

// binaryProbe is how much of a file is searched for a NUL byte, as git and
// ripgrep do, to call it binary.
const binaryProbe = 8 << 10

// Options configure a walk.
type Options struct {
	// Include, when not empty, limits the scan to files matching one of
	// these doublestar globs (directories are still entered). A match also
	// scans files that are otherwise not scanned: documentation and unknown
	// formats, read as filekind.KindText. A pattern with a fixed directory part
	// ("vendor/**", "testdata/pg/*.conf") also enters that default-excluded
	// directory.
	// Exclude drops matching files and directories. Both are matched against
	// the path relative to the walk root and against File.Path; a pattern
	// with no "/" is also matched against the base name, at any depth, as
	// in .gitignore ("*.sql").
	Include, Exclude []string
	// MaxFileSize: larger files are not read and get a skipped-size notice.
	// 0 means the scope's cap, else DefaultMaxFileSize; a negative value
	// means no cap.
	MaxFileSize int64
	// ScopeOf, when set, returns the Scope of an absolute directory: the
	// configuration that governs it. The walk asks for each root (a file
	// root: its directory) and for each directory that holds a file named
	// ScopeFile or a .git; the other directories inherit their parent's.
	// A scope's globs apply besides Include and Exclude. An error (a broken
	// configuration file) skips the directory and is Run's error.
	ScopeOf   func(dir string) (*Scope, error)
	ScopeFile string
	// NoDefaultExcludes scans what DefaultExcludedDirs and
	// DefaultExcludedFiles leave out (but never .git).
	NoDefaultExcludes bool
	// NoIgnore does not read .gitignore and .git/info/exclude.
	NoIgnore bool
	// Workers is the number of goroutines that read and analyze files;
	// 0 means GOMAXPROCS.
	Workers int
	// Stats, when not nil, counts what the walk saw: a summary that says
	// only how many files were analyzed would pass them off as the tree.
	Stats *Stats
}

// Stats counts the files of one or more walks. Its counters may be read
// once the walks have returned.
type Stats struct {
	// Walked: files found below the roots (or named as roots) that no
	// exclude, default exclude or .gitignore drops, of any kind.
	Walked atomic.Int64
	// Read: files of a kind pgtlslint reads whose content was read: under
	// the size cap and readable. Files with a trigger word among them are
	// handed to the callback.
	Read atomic.Int64
}

// RootError is a root that could not be walked: it does not exist, or it
// cannot be read. The other roots of a scan can still be walked.
type RootError struct {
	Root string // as given
	Err  error  // without the path, which Root holds
}

func (e *RootError) Error() string { return fmt.Sprintf("cannot scan %s: %v", e.Root, e.Err) }

func (e *RootError) Unwrap() error { return e.Err }

// File is one file handed to the callback.
type File struct {
	// Path is slash-separated: the walk root as given joined with the path
	// below it ("." gives "a/b.go", "services/api" gives
	// "services/api/main.go"), or a file argument as given, cleaned.
	Path string
	// Abs is the absolute OS path that was read.
	Abs  string
	Kind filekind.Kind
	// Scope governs the file (nil without Options.ScopeOf).
	Scope *Scope
	// Content is the file as on disk: a UTF-8 byte order mark, CRLF line
	// ends, invalid UTF-8 and NUL bytes after the first 8 KiB are left in,
	// so that byte offsets match the file; analyzers cope with them. It is
	// only valid during the callback: the buffer is reused.
	Content []byte
}

// DefaultExcludedDirs are directory names never entered unless
// Options.NoDefaultExcludes is set or an include pattern names them: version
// control internals, installed dependencies, caches and framework build
// output that copy what the repository already holds, and test fixtures.
// dist, build, target and out are not among them: they sometimes hold
// hand-written deployment config, and .gitignore already drops them where
// they are build output.
var DefaultExcludedDirs = []string{
	".git", ".hg", ".svn", ".bzr",
	"node_modules", "bower_components", "jspm_packages", ".yarn", ".pnpm-store",
	"vendor", ".venv", "site-packages", "__pycache__", ".tox", ".nox",
	".mypy_cache", ".pytest_cache", ".ruff_cache", ".gradle", ".terraform",
	".next", ".nuxt", ".svelte-kit",
	"testdata",
}

// DefaultExcludedFiles are base-name globs of files never scanned unless
// Options.NoDefaultExcludes is set or an include pattern names the file
// literally: minified bundles and lock files, which are generated and full
// of package names such as "pg".
var DefaultExcludedFiles = []string{
	"*.min.js", "*.min.mjs", "*.min.cjs",
	"package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lockb",
	"composer.lock", "Gemfile.lock", "Cargo.lock", "poetry.lock", "Pipfile.lock", "uv.lock", "go.sum",
}

// Run walks roots (directories and files; "." when empty) and calls fn for
// every file that passes the excludes, .gitignore, classification, the size
// cap, binary detection and the prefilter. fn runs on opts.Workers
// goroutines at once, worker being 0..Workers-1, so a caller can keep
// per-worker state (parsers that are not safe for concurrent use) in a
// slice indexed by it. The order of calls depends on scheduling; use
// RunOrdered for results in a fixed order.
//
// Files named as roots are scanned even if a default exclude or .gitignore
// would drop them (whoever names a file wants it scanned), but Exclude,
// Include, the size cap and binary detection still apply. A symlink is
// followed, but a file or directory is scanned once, at its real path when
// that lies under a root; a directory symlink to itself or an ancestor is a
// notice.
//
// Run returns the notices sorted by path, and an error only when it could
// not start: a root that does not exist or cannot be read (a *RootError),
// or a bad glob.
func Run(roots []string, opts Options, fn func(worker int, f File)) ([]result.Notice, error) {
	w, err := newWalker(roots, opts)
	if err != nil {
		return nil, err
	}
	jobs := make(chan job, 4*w.opts.Workers)
	var wg sync.WaitGroup
	for i := 0; i < w.opts.Workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte
			for j := range jobs {
				buf = w.scan(i, j, buf, fn)
			}
		}()
	}
	w.jobs = jobs
	w.walk()
	close(jobs)
	wg.Wait()
	if w.err != nil {
		return nil, w.err
	}
	return w.notes.sorted(), nil
}

// RunOrdered is Run collecting what fn returns for each file, in an order
// that does not depend on scheduling: by File.Path, and within one file in
// the order fn returned them.
func RunOrdered[T any](roots []string, opts Options, fn func(worker int, f File) []T) ([]T, []result.Notice, error) {
	type fileResults struct {
		path  string
		items []T
	}
	var mu sync.Mutex
	var all []fileResults
	notices, err := Run(roots, opts, func(worker int, f File) {
		items := fn(worker, f)
		if len(items) == 0 {
			return
		}
		mu.Lock()
		all = append(all, fileResults{f.Path, items})
		mu.Unlock()
	})
	if err != nil {
		return nil, nil, err
	}
	// Paths are unique (each file is scanned once), so the sort is total.
	sort.Slice(all, func(i, j int) bool { return all[i].path < all[j].path })
	var out []T
	for _, r := range all {
		out = append(out, r.items...)
	}
	return out, notices, nil
}

// job is one file for a worker to read.
type job struct {
	path, abs string
	kind      filekind.Kind
	need      filekind.Need
	asText    bool // an include pattern named it: filekind.KindText if the content does not decide
	scope     *Scope
}

// walker holds what the walk shares across roots. Only the walking
// goroutine touches it, except notes, which workers add to.
type walker struct {
	opts      Options
	inc, exc  []glob
	dirRoots  []*root
	files     []fileRoot
	rootReals []string        // real paths of directory roots, for symlinks into them
	covered   map[string]bool // nested roots, true once an outer walk entered them
	explicit  map[string]bool // real paths of file roots, not scanned again by the walk
	external  map[string]bool // real paths of files reached through symlinks out of the roots
	defFiles  nameSet
	jobs      chan<- job
	notes     notes
	stats     *Stats
	err       error // the first configuration that could not be read
}

// root is a directory given to Run.
type root struct {
	show     string // as given, cleaned and slash-separated; "" for "."
	abs      string
	real     string
	gitTop   string   // the enclosing git work tree, "" if none
	topParts []string // the root's path below gitTop, for .gitignore matching
	patterns []ignorePattern
	tracked  *trackedSet // loaded on the first ignored path
	scope    *Scope
	srel     string // the root below its scope's directory
}

type fileRoot struct {
	show, abs string
	scope     *Scope
	srel      string
}

// glob is an include or exclude pattern.
type glob struct {
	pattern  string
	baseOnly bool   // no "/": also matched against base names
	static   string // the part before the first wildcard, a directory ("" when none)
	literal  bool   // no wildcard at all
}

func compileGlobs(what string, patterns []string) ([]glob, error) {
	var out []glob
	for _, p := range patterns {
		p = strings.TrimPrefix(filepath.ToSlash(p), "./")
		if !doublestar.ValidatePattern(p) {
			return nil, fmt.Errorf("invalid %s pattern %q", what, p)
		}
		base, rest := doublestar.SplitPattern(p)
		g := glob{pattern: p, baseOnly: !strings.Contains(strings.TrimSuffix(p, "/"), "/")}
		g.pattern = strings.TrimSuffix(p, "/")
		if base != "." {
			g.static = base
		}
		g.literal = !strings.ContainsAny(rest, "*?[{\\")
		out = append(out, g)
	}
	return out, nil
}

func matchAny(gs []glob, rel, show string) bool {
	for _, g := range gs {
		if ok, _ := doublestar.Match(g.pattern, rel); ok {
			return true
		}
		if show != rel {
			if ok, _ := doublestar.Match(g.pattern, show); ok {
				return true
			}
		}
		if g.baseOnly {
			if ok, _ := doublestar.Match(g.pattern, path.Base(rel)); ok {
				return true
			}
		}
	}
	return false
}

func newWalker(roots []string, opts Options) (*walker, error) {
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if len(roots) == 0 {
		roots = []string{"."}
	}
	w := &walker{opts: opts, explicit: map[string]bool{}, external: map[string]bool{}, defFiles: newNameSet(DefaultExcludedFiles), stats: opts.Stats}
	if w.stats == nil {
		w.stats = &Stats{}
	}
	var err error
	if w.inc, err = compileGlobs("include", opts.Include); err != nil {
		return nil, err
	}
	if w.exc, err = compileGlobs("exclude", opts.Exclude); err != nil {
		return nil, err
	}
	for _, r := range roots {
		st, err := os.Stat(r)
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return nil, &RootError{Root: r, Err: err}
		}
		abs, err := filepath.Abs(r)
		if err != nil {
			return nil, &RootError{Root: r, Err: err}
		}
		real, err := filepath.EvalSymlinks(abs)
		if err != nil {
			return nil, &RootError{Root: r, Err: err}
		}
		show := filepath.ToSlash(filepath.Clean(r))
		dirAbs := abs
		if !st.IsDir() {
			dirAbs = filepath.Dir(abs)
		}
		scope, err := w.scopeOf(dirAbs)
		if err != nil {
			return nil, err
		}
		if st.IsDir() {
			if show == "." {
				show = ""
			}
			w.dirRoots = append(w.dirRoots, &root{show: show, abs: abs, real: real, scope: scope, srel: scope.relOf(abs)})
			continue
		}
		if !w.explicit[real] {
			w.explicit[real] = true
			w.files = append(w.files, fileRoot{show: show, abs: abs, scope: scope, srel: scope.relOf(abs)})
		}
	}
	// A directory root given twice is walked once. One inside another is
	// walked with it (named from the outer root), unless the outer walk
	// does not enter it (a default exclude, .gitignore): then on its own,
	// since it was named. Sorting by real path puts a directory before what
	// lies below it, so the outer walk has marked what it covered by the
	// time the inner root's turn comes.
	sort.SliceStable(w.dirRoots, func(i, j int) bool { return w.dirRoots[i].real < w.dirRoots[j].real })
	w.dirRoots = slices.CompactFunc(w.dirRoots, func(a, b *root) bool { return a.real == b.real })
	w.covered = map[string]bool{}
	for _, r := range w.dirRoots {
		if w.insideRoots(r.real) {
			w.covered[r.real] = false // nested: not covered yet
		}
		w.rootReals = append(w.rootReals, r.real)
	}
	return w, nil
}

// within reports whether p is dir or below it (both clean absolute paths).
func within(p, dir string) bool {
	if p == dir {
		return true
	}
	if !strings.HasSuffix(dir, string(filepath.Separator)) {
		dir += string(filepath.Separator)
	}
	return strings.HasPrefix(p, dir)
}

func (w *walker) insideRoots(real string) bool {
	for _, r := range w.rootReals {
		if within(real, r) {
			return true
		}
	}
	return false
}

// walk sends every file to scan to w.jobs: file roots first, then the
// directory roots.
func (w *walker) walk() {
	for _, f := range w.files {
		at := place{rel: f.show, show: f.show, srel: f.srel, scope: f.scope}
		if w.excluded(at) || (w.hasIncludes(f.scope) && !w.included(at)) {
			continue
		}
		w.stats.Walked.Add(1)
		k, need := filekind.FromName(f.show)
		w.jobs <- job{path: f.show, abs: f.abs, kind: k, need: need, asText: true, scope: f.scope}
	}
	for _, r := range w.dirRoots {
		if w.covered[r.real] {
			continue
		}
		if !w.opts.NoIgnore {
			r.findGitTop()
		}
		w.walkDir(r, &dir{abs: r.abs, real: r.real, parts: r.topParts, patterns: r.patterns, scope: r.scope, srel: r.srel})
	}
}

// dir is one directory on the walk's current path.
type dir struct {
	rel      string // below the root, slash-separated, "" for the root
	abs      string
	real     string
	parts    []string // path below the git work tree (or the root), for .gitignore
	patterns []ignorePattern
	ignored  bool // .gitignore excludes it; entered only for tracked files
	scope    *Scope
	srel     string // below the scope's directory
}

func (r *root) join(rel string) string {
	switch {
	case rel == "":
		return r.show
	case r.show == "":
		return rel
	}
	return r.show + "/" + rel
}

// walkDir walks d recursively. Recursion depth is the directory depth;
// goroutine stacks grow as needed, so deep trees are fine.
func (w *walker) walkDir(r *root, d *dir) {
	entries, err := os.ReadDir(d.abs)
	if err != nil {
		// ReadDir returns what it read before the error: walk that.
		w.notes.add(r.join(d.rel), result.NoticeUnreadable, describe(err))
	}
	if !w.opts.NoIgnore {
		for _, e := range entries {
			if e.Name() == ".gitignore" && !e.IsDir() {
				d.patterns = appendPatterns(d.patterns, filepath.Join(d.abs, ".gitignore"), d.parts)
				break
			}
		}
	}
	if d.rel != "" && !w.enterScope(d, entries) {
		return
	}
	// One slice for every entry's .gitignore path: Match does not keep it.
	parts := make([]string, len(d.parts)+1)
	copy(parts, d.parts)
	for _, e := range entries {
		name := e.Name()
		rel := name
		if d.rel != "" {
			rel = d.rel + "/" + name
		}
		show := r.join(rel)
		abs := joinClean(d.abs, name)
		real := joinClean(d.real, name)
		parts[len(parts)-1] = name
		mode := e.Type()
		symlink := mode&fs.ModeSymlink != 0
		if symlink {
			st, err := os.Stat(abs)
			if err == nil {
				real, err = filepath.EvalSymlinks(abs)
			}
			if err != nil {
				if !w.skipFile(r, d, rel, show, name, parts) {
					w.notes.add(show, result.NoticeUnreadable, "broken symlink: "+describe(err))
				}
				continue
			}
			mode = st.Mode()
		}
		switch {
		case mode.IsDir():
			w.enterDir(r, d, rel, show, name, abs, real, parts, symlink)
		case mode.IsRegular():
			w.file(r, d, rel, show, name, abs, real, parts, symlink)
		default:
			if k, need := filekind.FromName(show); (k != filekind.KindNone || need != filekind.Decided) && !w.skipFile(r, d, rel, show, name, parts) {
				w.notes.add(show, result.NoticeUnreadable, "not a regular file ("+modeName(mode)+")")
			}
		}
	}
}

func (w *walker) enterDir(r *root, d *dir, rel, show, name, abs, real string, parts []string, symlink bool) {
	if name == ".git" {
		return
	}
	at := d.place(rel, show, name)
	if !w.opts.NoDefaultExcludes && slices.Contains(DefaultExcludedDirs, name) && !w.includeEnters(at) {
		return
	}
	if w.excluded(at) {
		return
	}
	ignored := d.ignored || isIgnored(d.patterns, parts, true)
	if ignored && !r.trackedUnder(rel) {
		return
	}
	if symlink {
		if within(d.real, real) {
			w.notes.add(show, result.NoticeSymlinkLoop, "symlink to "+real+", which contains it: not followed")
			return
		}
		if w.insideRoots(real) {
			return // scanned at its real path
		}
	}
	if _, nested := w.covered[real]; nested {
		w.covered[real] = true
	}
	w.walkDir(r, &dir{
		rel:      rel,
		abs:      abs,
		real:     real,
		parts:    append(d.parts[:len(d.parts):len(d.parts)], name),
		patterns: d.patterns,
		ignored:  ignored,
		scope:    d.scope,
		srel:     at.srel,
	})
}

// skipFile applies the name-based filters to a file.
func (w *walker) skipFile(r *root, d *dir, rel, show, name string, parts []string) bool {
	at := d.place(rel, show, name)
	if !w.opts.NoDefaultExcludes && w.defFiles.match(name) && !w.includeNames(at) {
		return true
	}
	if w.excluded(at) {
		return true
	}
	if w.hasIncludes(d.scope) && !w.included(at) {
		return true
	}
	ignored := d.ignored || isIgnored(d.patterns, parts, false)
	return ignored && !r.isTracked(rel)
}

// nameSet matches base names against globs, with the common shapes (a
// literal name, "*" and a literal suffix) done without path.Match, which
// showed in profiles at one call per file and pattern.
type nameSet struct {
	exact    map[string]bool
	suffixes []string
	globs    []string
}

func newNameSet(patterns []string) nameSet {
	s := nameSet{exact: map[string]bool{}}
	for _, p := range patterns {
		switch {
		case !strings.ContainsAny(p, "*?[\\"):
			s.exact[p] = true
		case strings.HasPrefix(p, "*") && !strings.ContainsAny(p[1:], "*?[\\"):
			s.suffixes = append(s.suffixes, p[1:])
		default:
			s.globs = append(s.globs, p)
		}
	}
	return s
}

func (s nameSet) match(name string) bool {
	if s.exact[name] {
		return true
	}
	for _, suf := range s.suffixes {
		if strings.HasSuffix(name, suf) {
			return true
		}
	}
	for _, g := range s.globs {
		if ok, _ := path.Match(g, name); ok {
			return true
		}
	}
	return false
}

func (w *walker) file(r *root, d *dir, rel, show, name, abs, real string, parts []string, symlink bool) {
	if w.skipFile(r, d, rel, show, name, parts) {
		return
	}
	if symlink {
		if w.insideRoots(real) || w.external[real] {
			return // scanned at its real path, or already through another link
		}
		w.external[real] = true
	}
	if w.explicit[real] {
		return // named as a root: scanned as such
	}
	w.stats.Walked.Add(1)
	k, need := filekind.FromName(show)
	asText := w.hasIncludes(d.scope) // it matched an include pattern
	if k == filekind.KindNone && need == filekind.Decided && !asText {
		return
	}
	w.jobs <- job{path: show, abs: abs, kind: k, need: need, asText: asText, scope: d.scope}
}

// readResult is what readRegular found.
type readResult struct {
	buf        []byte // the buffer, grown or not, for reuse
	content    []byte // the file, in buf
	size       int64
	tooBig     bool   // over the cap: not read
	notRegular string // what it is instead of a regular file
	err        error
}

// scan reads and checks one file and calls fn; buf is the worker's buffer,
// returned for reuse. The file is read once, whole, into buf: the size cap
// bounds buf.
func (w *walker) scan(worker int, j job, buf []byte, fn func(int, File)) []byte {
	limit := w.sizeCap(j.scope)
	res := readRegular(j.abs, limit, buf)
	switch {
	case res.err != nil:
		w.notes.add(j.path, result.NoticeUnreadable, describe(res.err))
		return keep(res.buf)
	case res.notRegular != "":
		w.notes.add(j.path, result.NoticeUnreadable, "not a regular file ("+res.notRegular+")")
		return keep(res.buf)
	case res.tooBig:
		w.notes.addNotice(result.Notice{Path: j.path, Kind: result.NoticeSkippedSize, Group: "larger than " + sizeText(limit),
			Message: fmt.Sprintf("%d bytes, over the %d-byte cap", res.size, limit)})
		return keep(res.buf)
	}
	w.stats.Read.Add(1)
	content := res.content
	if len(content) == 0 {
		return keep(res.buf)
	}
	head := content[:min(len(content), binaryProbe)]
	if bytes.IndexByte(head, 0) >= 0 {
		w.notes.addNotice(result.Notice{Path: j.path, Kind: result.NoticeSkippedBinary, Group: "binary",
			Message: "binary file (NUL byte in the first 8 KiB)"})
		return keep(res.buf)
	}
	kind := filekind.FromHead(j.path, j.kind, j.need, head)
	if kind == filekind.KindNone {
		if !j.asText {
			return keep(res.buf)
		}
		kind = filekind.KindText
	}
	if !Passes(kind, content) {
		return keep(res.buf)
	}
	w.call(worker, File{Path: j.path, Abs: j.abs, Kind: kind, Content: content, Scope: j.scope}, fn)
	return keep(res.buf)
}

// keep drops a buffer grown for an unusually large file, so that one such
// file does not hold its size per worker for the rest of the scan.
func keep(buf []byte) []byte {
	if cap(buf) > 4<<20 {
		return nil
	}
	return buf
}

// call runs fn and turns a panic into a notice: one bad file must not cost
// the findings of all the others.
func (w *walker) call(worker int, f File, fn func(int, File)) {
	defer func() {
		if r := recover(); r != nil {
			w.notes.add(f.Path, result.NoticePanic, fmt.Sprintf("analyzer panic: %v%s", r, panicSite()))
		}
	}()
	fn(worker, f)
}

// panicSite is " at file:line" of the frame that panicked, found by
// skipping the runtime's frames above this deferred call.
func panicSite() string {
	pcs := make([]uintptr, 32)
	n := runtime.Callers(3, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	for {
		fr, more := frames.Next()
		if fr.Function != "" && !strings.HasPrefix(fr.Function, "runtime.") {
			return fmt.Sprintf(" at %s:%d", filepath.Base(fr.File), fr.Line)
		}
		if !more {
			return ""
		}
	}
}

// joinClean is filepath.Join for a clean directory and a base name, without
// Join's Clean, which showed in profiles at one call per entry.
func joinClean(dir, name string) string {
	if strings.HasSuffix(dir, string(filepath.Separator)) { // "/" or `C:\`
		return dir + name
	}
	return dir + string(filepath.Separator) + name
}

// modeName names a file type for a notice.
func modeName(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0:
		return "device"
	case m.IsDir():
		return "directory"
	}
	return "irregular file"
}

// describe is err without the path that a notice already carries.
func describe(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
	}
	return err.Error()
}

// notes collects notices from the walker and the workers.
type notes struct {
	mu   sync.Mutex
	list []result.Notice
}

func (n *notes) add(p, kind, msg string) {
	n.addNotice(result.Notice{Path: p, Kind: kind, Message: msg})
}

func (n *notes) addNotice(nt result.Notice) {
	n.mu.Lock()
	n.list = append(n.list, nt)
	n.mu.Unlock()
}

// sizeText says a size cap in the unit people set it in: "1 MiB", "512 KiB", "1000 bytes".
func sizeText(n int64) string {
	switch {
	case n > 0 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n > 0 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

func (n *notes) sorted() []result.Notice {
	n.mu.Lock()
	defer n.mu.Unlock()
	return result.SortedNotices(n.list)
}
