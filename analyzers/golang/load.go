package golang

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/pgtlslint/pgtlslint/rules"
)

// The CLI reads a repository without building it: a Go file the scan reads is analyzed with
// the other files of its package, parsed from the same directory and type-checked without
// importing anything. Names of the package itself (constants in other files, variables) are
// resolved; what comes from imports is not, except that the import paths still say which
// function a call is (pgx.Connect).

// Packages loads the packages of the Go files of one scan, each once, and keeps the most
// recently used ones. It is safe for concurrent use.
type Packages struct {
	// MaxFileSize skips larger sibling files (0: no limit).
	MaxFileSize int64
	// HintFor says what is known about the driver of a file, by the path the scan shows.
	HintFor func(path string) Hint

	mu      sync.Mutex
	entries map[pkgKey]*pkgEntry
	recent  []pkgKey
}

// keepPackages is how many analyzed packages stay cached: the walk reads a directory's files
// close together, so a few dozen cover the workers' current directories.
const keepPackages = 64

type pkgKey struct {
	dir  string // on disk
	name string // package name
	test bool   // the test variant: _test.go files with the package's files
}

type pkgEntry struct {
	once   sync.Once
	result *loaded
	err    error
}

// loaded is an analyzed package.
type loaded struct {
	fset    *token.FileSet
	targets map[string][]*rules.Target // by file path as the scan shows it
	paths   map[*token.File]string
	content map[string][]byte
}

// Result is what Analyze found in one file.
type Result struct {
	// Targets found in the file. Their spans are positions of the package's file set, which
	// can point into other files of the package (a constant defined elsewhere): Locate maps
	// them to files.
	Targets []*rules.Target
	l       *loaded
}

// Locate maps a position in the targets' spans to the file holding it (as the scan shows its
// path) and the byte offset there.
func (r *Result) Locate(pos int) (string, int, bool) {
	tf := r.l.fset.File(token.Pos(pos))
	if tf == nil {
		return "", 0, false
	}
	p, ok := r.l.paths[tf]
	if !ok {
		return "", 0, false
	}
	return p, tf.Offset(token.Pos(pos)), true
}

// Content returns the content of a file of the package, by the path Locate gives.
func (r *Result) Content(path string) []byte {
	return r.l.content[path]
}

// ErrSyntax wraps the parse error of a file that is not valid Go.
var ErrSyntax = errors.New("not valid Go")

// Analyze finds the targets of one Go file: showPath is its path as the scan shows it, abs its
// path on disk, content what the scan read.
func (ps *Packages) Analyze(showPath, abs string, content []byte) (*Result, error) {
	fset := token.NewFileSet()
	head, err := parser.ParseFile(fset, abs, content, parser.PackageClauseOnly)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrSyntax, err)
	}
	key := pkgKey{dir: filepath.Dir(abs), name: head.Name.Name, test: strings.HasSuffix(abs, "_test.go")}
	e := ps.entry(key)
	e.once.Do(func() {
		e.result, e.err = ps.load(key, showPath, abs, content)
	})
	if e.err != nil {
		return nil, e.err
	}
	return &Result{Targets: e.result.targets[showPath], l: e.result}, nil
}

func (ps *Packages) entry(key pkgKey) *pkgEntry {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if ps.entries == nil {
		ps.entries = map[pkgKey]*pkgEntry{}
	}
	e, ok := ps.entries[key]
	if !ok {
		e = &pkgEntry{}
		ps.entries[key] = e
	}
	for i, k := range ps.recent {
		if k == key {
			ps.recent = append(ps.recent[:i], ps.recent[i+1:]...)
			break
		}
	}
	ps.recent = append(ps.recent, key)
	if len(ps.recent) > keepPackages {
		delete(ps.entries, ps.recent[0])
		ps.recent = ps.recent[1:]
	}
	return e
}

// load parses and type-checks the package of the file and finds the targets of all its files.
func (ps *Packages) load(key pkgKey, showPath, abs string, content []byte) (*loaded, error) {
	l := &loaded{fset: token.NewFileSet(), targets: map[string][]*rules.Target{}, paths: map[*token.File]string{}, content: map[string][]byte{}}
	names := map[*ast.File]string{}
	var files []*ast.File
	add := func(show, onDisk string, src []byte) error {
		f, err := parser.ParseFile(l.fset, onDisk, src, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		if f.Name.Name != key.name {
			return nil
		}
		files = append(files, f)
		names[f] = show
		l.paths[l.fset.File(f.Pos())] = show
		l.content[show] = src
		return nil
	}
	if err := add(showPath, abs, content); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrSyntax, err)
	}
	for _, sib := range ps.siblings(key, abs) {
		src, err := os.ReadFile(sib)
		if err != nil {
			continue
		}
		// A sibling that does not parse only costs its names.
		_ = add(path.Join(path.Dir(showPath), filepath.Base(sib)), sib, src)
	}
	info := &types.Info{
		Types: map[ast.Expr]types.TypeAndValue{},
		Defs:  map[*ast.Ident]types.Object{},
		Uses:  map[*ast.Ident]types.Object{},
	}
	conf := types.Config{
		Importer:    noImports{},
		Error:       func(error) {}, // imports are missing by design; keep going
		FakeImportC: true,
	}
	_, _ = conf.Check(key.name, l.fset, files, info)
	u := newUnit(l.fset, files, info, names)
	hintFor := func(f *ast.File) Hint {
		if ps.HintFor == nil {
			return Hint{}
		}
		return ps.HintFor(names[f])
	}
	for _, t := range u.targets(hintFor) {
		p := names[t.file]
		l.targets[p] = append(l.targets[p], t.Target)
	}
	return l, nil
}

// siblings lists the other Go files of the package variant, sorted.
func (ps *Packages) siblings(key pkgKey, abs string) []string {
	ents, err := os.ReadDir(key.dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, de := range ents {
		name := de.Name()
		if !strings.HasSuffix(name, ".go") || !de.Type().IsRegular() || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
			continue
		}
		p := filepath.Join(key.dir, name)
		if p == abs || (strings.HasSuffix(name, "_test.go") && !key.test) {
			continue
		}
		if ps.MaxFileSize > 0 {
			if fi, err := de.Info(); err != nil || fi.Size() > ps.MaxFileSize {
				continue
			}
		}
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// noImports is an importer that loads nothing: each import is an empty package under the name
// its path suggests, so that its name in the file still resolves to its path (pgx.Connect is
// a call into github.com/jackc/pgx/v5) while what the package declares stays unknown.
type noImports struct{}

func (noImports) Import(path string) (*types.Package, error) {
	pkg := types.NewPackage(path, packageName(path))
	// go/types ignores an incomplete package as if the import had failed.
	pkg.MarkComplete()
	return pkg, nil
}
