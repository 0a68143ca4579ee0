// Package manifest infers the PostgreSQL driver of a configuration file from the project
// manifest nearest to it: a .env beside a package.json that depends on pg is read by
// node-postgres, for which no sslmode means no TLS at all.
//
// The nearest manifest is found by walking up from the file's directory to the scan root; the
// first directory holding any manifest decides, even when it names no PostgreSQL driver (that
// project then talks to PostgreSQL, if at all, through something pgtlslint does not know).
// Manifests read: go.mod, package.json, requirements*.txt (and requirements/*.txt),
// pyproject.toml, Pipfile, pom.xml, build.gradle / build.gradle.kts (with
// gradle/libs.versions.toml), Cargo.toml and Gemfile.
//
// Which dependency brings in which driver, and which wins within an ecosystem, is the driver
// table's (rules/drivers; docs/drivers.md lists the packages of every driver): this package
// reads the manifests and asks it. When a directory names several drivers, one is chosen by
// precedence and the Evidence lists the others. Across ecosystems the order is Go, Java,
// Python, Node.js, Rust, Ruby: a package.json beside another language's manifest is most often
// front-end tooling.
//
// A manifest that cannot be read or parsed gives an empty Hint: the scan never fails on one.
package manifest

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// Hint is what a manifest says about the driver of the configuration near it.
type Hint struct {
	// Driver is "" when the nearest manifest names no PostgreSQL driver (or there is none).
	Driver drivers.ID
	// Evidence says why, for findings: "package.json depends on pg".
	Evidence string
}

// maxManifest bounds how much of a manifest is read.
const maxManifest = 4 << 20

// candidate is one driver a manifest names.
type candidate struct {
	rank   int // lower wins; ecosystem*100 + rank within it
	driver drivers.ID
	pkg    string // the dependency as the manifest names it
	file   string // the manifest, relative to the root
}

// Ecosystem ranks (see the package documentation).
const (
	rankGo     = 0
	rankJava   = 100
	rankPython = 200
	rankNode   = 300
	rankRust   = 400
	rankRuby   = 500
)

// dirInfo is what one directory's manifests say; it is computed once.
type dirInfo struct {
	once  sync.Once
	found bool // the directory holds a manifest
	hint  Hint
	pg    bool // some dependency talks to PostgreSQL, driver known or not
}

// Inferrer finds the nearest manifest of files under a root and reads it, once per
// directory. It is safe for concurrent use.
type Inferrer struct {
	root string // absolute
	stop string // the walk up ends after this directory
	mu   sync.Mutex
	dirs map[string]*dirInfo
}

// NewInferrer returns an Inferrer for the files under root (a directory, or a file: then its
// repository, the nearest directory above it holding .git, or else its own directory).
func NewInferrer(root string) *Inferrer {
	abs, err := filepath.Abs(root)
	if err != nil {
		abs = filepath.Clean(root)
	}
	in := &Inferrer{root: abs, stop: abs, dirs: map[string]*dirInfo{}}
	if st, err := os.Stat(abs); err == nil && !st.IsDir() {
		in.root = filepath.Dir(abs)
		in.stop = repoRoot(in.root)
	}
	return in
}

// repoRoot returns the nearest directory at or above dir that holds .git, or dir.
func repoRoot(dir string) string {
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		p := filepath.Dir(d)
		if p == d {
			return dir
		}
		d = p
	}
}

// ForFile returns the hint of the manifest nearest to the file at path (slash- or
// OS-separated, absolute or relative to the working directory as the walker gives it).
func (in *Inferrer) ForFile(path string) Hint {
	if d := in.nearest(path); d != nil {
		return d.hint
	}
	return Hint{}
}

// HasPostgres reports whether the project of the file at path talks to PostgreSQL: its
// nearest manifest has a PostgreSQL driver or client library, known to pgtlslint or not.
func (in *Inferrer) HasPostgres(path string) bool {
	d := in.nearest(path)
	return d != nil && (d.pg || d.hint.Driver != "")
}

// nearest returns the information of the nearest directory holding a manifest, or nil.
func (in *Inferrer) nearest(path string) *dirInfo {
	p := filepath.FromSlash(path)
	if !filepath.IsAbs(p) {
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil
		}
		p = abs
	}
	stop := in.stop
	if !within(p, stop) {
		// A file outside the root (a file argument next to a directory one): its own
		// repository bounds the walk.
		stop = repoRoot(filepath.Dir(p))
	}
	for dir := filepath.Dir(p); ; {
		d := in.dir(dir)
		if d.found {
			return d
		}
		if dir == stop {
			return nil
		}
		parent := filepath.Dir(dir)
		if parent == dir || !within(parent, stop) {
			return nil
		}
		dir = parent
	}
}

// within reports whether p is dir or below it.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// dir returns the (cached) information of one directory.
func (in *Inferrer) dir(dir string) *dirInfo {
	in.mu.Lock()
	d, ok := in.dirs[dir]
	if !ok {
		d = &dirInfo{}
		in.dirs[dir] = d
	}
	in.mu.Unlock()
	d.once.Do(func() { in.load(dir, d) })
	return d
}

// load reads the manifests of one directory.
func (in *Inferrer) load(dir string, d *dirInfo) {
	defer func() {
		// A manifest that trips a parser gives no hint rather than a failed scan.
		if r := recover(); r != nil {
			d.hint = Hint{}
		}
	}()
	var cands []candidate
	rel := func(name string) string {
		r, err := filepath.Rel(in.root, filepath.Join(dir, name))
		if err != nil || strings.HasPrefix(r, "..") {
			return name
		}
		return filepath.ToSlash(r)
	}
	read := func(name string) ([]byte, bool) {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			return nil, false
		}
		defer func() { _ = f.Close() }()
		if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
			return nil, false
		}
		d.found = true
		b, err := io.ReadAll(io.LimitReader(f, maxManifest))
		return b, err == nil
	}
	type parser func(data []byte) ([]candidate, bool)
	single := []struct {
		name  string
		parse parser
	}{
		{"go.mod", parseGoMod},
		{"package.json", parsePackageJSON},
		{"pyproject.toml", parsePyproject},
		{"Pipfile", parsePipfile},
		{"pom.xml", parsePom},
		{"Cargo.toml", parseCargo},
		{"Gemfile", parseGemfile},
	}
	for _, m := range single {
		data, ok := read(m.name)
		if !ok {
			continue
		}
		cs, pg := m.parse(data)
		d.pg = d.pg || pg
		for _, c := range cs {
			c.file = rel(m.name)
			cands = append(cands, c)
		}
	}
	var gradleText []byte
	for _, name := range []string{"build.gradle", "build.gradle.kts"} {
		if data, ok := read(name); ok {
			gradleText = append(gradleText, data...)
			cs, pg := parseGradle(data)
			d.pg = d.pg || pg
			for _, c := range cs {
				c.file = rel(name)
				cands = append(cands, c)
			}
		}
	}
	if gradleText != nil {
		// Version catalogs hold the coordinates that build.gradle names as libs.x.
		if data, err := readLimited(filepath.Join(dir, "gradle", "libs.versions.toml")); err == nil {
			cs, pg := parseGradle(data)
			d.pg = d.pg || pg
			for _, c := range cs {
				c.file = rel("gradle/libs.versions.toml")
				cands = append(cands, c)
			}
		}
	}
	var reqs []string
	if ms, _ := filepath.Glob(filepath.Join(dir, "requirements*.txt")); ms != nil {
		reqs = append(reqs, ms...)
	}
	if ms, _ := filepath.Glob(filepath.Join(dir, "requirements", "*.txt")); ms != nil {
		reqs = append(reqs, ms...)
	}
	sort.Strings(reqs)
	var pyNames []string
	reqFile := ""
	for _, r := range reqs {
		name, _ := filepath.Rel(dir, r)
		data, ok := read(name)
		if !ok {
			continue
		}
		if reqFile == "" {
			reqFile = rel(filepath.ToSlash(name))
		}
		pyNames = append(pyNames, parseRequirements(data)...)
	}
	if len(pyNames) > 0 {
		cs, pg := pythonCandidates(pyNames)
		d.pg = d.pg || pg
		for _, c := range cs {
			c.file = reqFile
			cands = append(cands, c)
		}
	}
	d.hint = choose(cands)
}

func readLimited(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	return io.ReadAll(io.LimitReader(f, maxManifest))
}

// choose picks the candidate of lowest rank and says what else was found.
func choose(cs []candidate) Hint {
	if len(cs) == 0 {
		return Hint{}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].rank < cs[j].rank })
	best := cs[0]
	ev := fmt.Sprintf("%s depends on %s", best.file, best.pkg)
	var also []string
	seen := map[string]bool{best.file + " " + best.pkg: true}
	for _, c := range cs[1:] {
		k := c.file + " " + c.pkg
		if seen[k] {
			continue
		}
		seen[k] = true
		if c.file == best.file {
			also = append(also, c.pkg)
		} else {
			also = append(also, c.pkg+" in "+c.file)
		}
	}
	if len(also) > 0 {
		ev += " (also " + strings.Join(also, ", ") + "; " + string(best.driver) + " chosen by precedence)"
	}
	return Hint{Driver: best.driver, Evidence: ev}
}
