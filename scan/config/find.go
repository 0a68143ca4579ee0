package config

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Finder gives every scanned file its configuration: the nearest .pgtlslint.yml in the file's
// directory or above it, up to the top of its git repository (the directory that holds .git),
// or up to the filesystem root outside a repository. A project's parts can thus carry their
// own settings, and a scan of a subdirectory or of single files (pre-commit) follows the same
// configuration as a scan of the whole repository. Nothing is merged: the nearest file decides
// alone, as ruff does with its nearest pyproject.toml, so one file says all that applies.
//
// A Finder made by Fixed returns one configuration for every directory (--config FILE).
// Finders are safe for concurrent use and read each directory and each file once.
type Finder struct {
	fixed *Config
	none  *Config
	mu    sync.Mutex
	dirs  map[string]found
}

// found is the answer for one directory.
type found struct {
	cfg *Config
	err error
}

// NewFinder returns a Finder that looks for the nearest .pgtlslint.yml.
func NewFinder() *Finder {
	return &Finder{none: Default(), dirs: map[string]found{}}
}

// Fixed returns a Finder that gives c to every directory.
func Fixed(c *Config) *Finder {
	return &Finder{fixed: c}
}

// LoadFixed reads the configuration given with --config FILE. Its globs are relative to the
// working directory, as with ruff's and ESLint's --config: such a file often lives apart from
// the tree it configures (.github/pgtlslint.yml), where globs relative to its own directory
// could not name that tree.
func LoadFixed(path string) (*Finder, error) {
	c, err := Load(path, true)
	if err != nil {
		return nil, err
	}
	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	c.Dir = wd
	return Fixed(c), nil
}

// For returns the configuration of the files in dir, and the error of a configuration file
// that cannot be read or parsed.
func (f *Finder) For(dir string) (*Config, error) {
	if f.fixed != nil {
		return f.fixed, nil
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return f.none, nil
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.lookup(abs)
}

// ForFile returns the configuration of the file at p (an OS path, absolute or relative to the
// working directory).
func (f *Finder) ForFile(p string) (*Config, error) {
	return f.For(filepath.Dir(p))
}

// Remember records that the files of the absolute directory dir follow cfg, as a walk that
// inherited it from a directory above has found: a later For(dir) then looks for no
// configuration file again. A directory already answered keeps its answer.
func (f *Finder) Remember(dir string, cfg *Config) {
	if f.fixed != nil || cfg == nil {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.dirs[dir]; !ok {
		f.dirs[dir] = found{cfg: cfg}
	}
}

// lookup finds the configuration of the absolute directory dir, caching the answer of every
// directory on the way up. f.mu is held.
func (f *Finder) lookup(dir string) (*Config, error) {
	var path []string // directories that take the answer found above them
	var ans found
	for d := dir; ; {
		if a, ok := f.dirs[d]; ok {
			ans = a
			break
		}
		path = append(path, d)
		if a, ok := f.here(d); ok {
			ans = a
			break
		}
		up := filepath.Dir(d)
		if up == d {
			ans = found{cfg: f.none}
			break
		}
		d = up
	}
	for _, d := range path {
		f.dirs[d] = ans
	}
	return ans.cfg, ans.err
}

// here decides at one directory: its .pgtlslint.yml, or none when it is the top of a git
// repository (nothing above it belongs to the project); ok is false to go on upwards.
func (f *Finder) here(dir string) (found, bool) {
	p := filepath.Join(dir, FileName)
	if st, err := os.Stat(p); err == nil && !st.IsDir() {
		c, err := Load(shown(p), true)
		if err != nil {
			return found{err: err}, true
		}
		c.Dir = dir
		return found{cfg: c}, true
	}
	if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
		return found{cfg: f.none}, true
	}
	return found{}, false
}

// shown is how messages name a configuration file: relative to the working directory when it
// lies below it, else absolute.
func shown(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if r, err := filepath.Rel(wd, p); err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return r
	}
	return p
}

// Rel is the slash-separated path of the file or directory at p (an OS path) relative to the
// configuration's directory, which its globs are matched against; ok is false for the default
// configuration, which has no directory and no globs.
func (c *Config) Rel(p string) (rel string, ok bool) {
	if c.Dir == "" {
		return "", false
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", false
	}
	r, err := filepath.Rel(c.Dir, abs)
	if err != nil {
		return "", false
	}
	return filepath.ToSlash(r), true
}
