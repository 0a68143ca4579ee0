// Package plugin is how languages and file formats join the scan: each registers, in one file
// of its package (register.go), the kinds of file it reads and the analyzer that reads them,
// as golangci-lint's linters register with its runner. The scan imports every registering
// package once (scan/plugins.go) and asks the registry which analyzer reads a file of a kind.
package plugin

import (
	"sort"
	"sync"

	"github.com/pgtlslint/pgtlslint/model/manifest"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/scan/filekind"
	"github.com/pgtlslint/pgtlslint/scan/result"
)

// Plugin is one language's or format's registration.
type Plugin struct {
	// Name says who reads the file in notices ("config", "python").
	Name string
	// Kinds are the kinds of file it reads; they are registered with filekind.
	Kinds []filekind.Spec
	// New returns the analyzer for one scan of one root: what it keeps across files (parsers
	// per worker, a cache of Go packages) lives in it. If it implements io.Closer, the scan
	// closes it at the end.
	New func(s Scan) Analyzer
}

// Scan is what an analyzer may ask of the scan it works for.
type Scan struct {
	// MaxFileSize is the size cap of files (0: none), for analyzers that read other files
	// than the one they are given (the rest of a Go package).
	MaxFileSize int64
	// Hint says what is known about the driver of a file, by the path the scan shows, and
	// whether the user chose it (--driver, .pgtlslint.yml), which then beats a file's imports.
	Hint func(path string) (manifest.Hint, bool)
	// Text is the plain-text search for connection strings (the analyzer of filekind.KindText),
	// which an analyzer may run on a file besides its own reading (postgresql.conf's
	// primary_conninfo); the file's kind says which comments to skip.
	Text func(f File, hint manifest.Hint) Output
}

// Analyzer reads the files of its kinds. Analyze runs on the scan's workers, several at once:
// state per worker is indexed by File.Worker.
type Analyzer interface {
	Analyze(f File) Output
}

// File is one file to analyze.
type File struct {
	// Path is the file as the scan shows it (slash-separated), Abs the OS path it was read
	// at, Kind what it is.
	Path, Abs string
	Kind      filekind.Kind
	// Content is the file as on disk. It is valid only during Analyze: what an analyzer
	// keeps of it must be a copy.
	Content []byte
	// Worker is the index of the worker, 0 to the number of workers - 1.
	Worker int
	// Hint is what is known about the driver of the file's connections; Forced says the
	// user chose it.
	Hint   manifest.Hint
	Forced bool
}

// Output is what an analyzer found in a file.
type Output struct {
	// Targets are connections, evaluated once the walk is over (when every Compose service
	// name is known).
	Targets []*rules.Target
	// Findings are made on the spot (server settings, which need no driver); Servers are
	// server configurations to evaluate.
	Findings []rules.Finding
	Servers  []*rules.ServerConfig
	Notices  []result.Notice
	// Services are Compose service names, hosts on the local machine.
	Services []string
	// Package, when set, places the targets' spans, which are positions of a package whose
	// other files they may point into (Go), in files.
	Package Package
	// Fallback, when set, says the analyzer could not read the file (FallbackNoCgo: this
	// build has no tree-sitter; FallbackSyntax: not valid syntax for it): the scan searches it
	// as plain text instead, and the rest of Output is dropped.
	Fallback string
}

// The fallbacks.
const (
	FallbackNoCgo  = "no-cgo"
	FallbackSyntax = "syntax"
)

// Package maps the positions of a package to its files.
type Package interface {
	// Locate returns the file and byte offset of a position.
	Locate(pos int) (path string, off int, ok bool)
	// Content returns a file of the package, as read.
	Content(path string) []byte
}

var registry struct {
	mu      sync.Mutex
	plugins []*Plugin
	byKind  map[filekind.Kind]*Plugin
}

// Register registers a plugin and its kinds. It panics when a kind is registered twice.
func Register(p Plugin) {
	registry.mu.Lock()
	defer registry.mu.Unlock()
	if registry.byKind == nil {
		registry.byKind = map[filekind.Kind]*Plugin{}
	}
	pp := &p
	for _, k := range p.Kinds {
		if other, dup := registry.byKind[k.Kind]; dup {
			panic("plugin: kind " + string(k.Kind) + " registered by " + other.Name + " and " + p.Name)
		}
		registry.byKind[k.Kind] = pp
		filekind.Register(k)
	}
	registry.plugins = append(registry.plugins, pp)
}

// For returns the plugin that reads files of a kind.
func For(k filekind.Kind) (*Plugin, bool) {
	registry.mu.Lock()
	defer registry.mu.Unlock()
	p, ok := registry.byKind[k]
	return p, ok
}

// All returns the registered plugins, by name.
func All() []*Plugin {
	registry.mu.Lock()
	defer registry.mu.Unlock()
	out := append([]*Plugin(nil), registry.plugins...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
