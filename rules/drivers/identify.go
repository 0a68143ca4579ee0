package drivers

import (
	"slices"
	"sort"
	"strings"
)

// How a driver is recognised. Each driver entry lists the names that bring it in; the lookups
// below are the only way analyzers and the manifest reader learn them.

// Ecosystem is a package registry, as manifests name dependencies.
type Ecosystem string

// The ecosystems whose manifests are read.
const (
	GoModules Ecosystem = "go"       // go.mod module paths
	NPM       Ecosystem = "npm"      // package.json
	PyPI      Ecosystem = "pypi"     // requirements*.txt, pyproject.toml, Pipfile (PEP 503 names)
	Maven     Ecosystem = "maven"    // pom.xml, build.gradle: group:artifact
	Crates    Ecosystem = "crates"   // Cargo.toml
	RubyGems  Ecosystem = "rubygems" // Gemfile
)

// Package is a dependency that brings a driver into a project.
type Package struct {
	Ecosystem Ecosystem
	// Name as the manifest writes it: a PEP 503 name for PyPI, group:artifact for Maven ("*"
	// for any group), a module path for Go.
	Name string
	// Prefix: a Go module path that also stands for its major versions and packages below it
	// (github.com/jackc/pgx for github.com/jackc/pgx/v5).
	Prefix bool
	// Rank orders the packages of one ecosystem when a manifest has several: lower wins.
	Rank int
	// Says is how findings name the dependency when not by Name ("sqlalchemy with asyncpg",
	// "gorm.io/driver/postgres (pgx)"); Note follows the name ("(which uses pg)").
	Says, Note string
	// Feature: only with this Cargo feature enabled.
	Feature string
	// MinMajor and MaxMajor bound the npm major version the entry is for (0: no bound). A
	// version range that names no major version ("latest", "*") counts as the newest.
	MinMajor, MaxMajor int
	// Requires: a framework that means PostgreSQL only with one of these drivers beside it
	// (Django, SQLAlchemy); Unless: not when one of these is beside it.
	Requires, Unless []ID
	// Indirect: an indirect Go requirement counts too (only for telling that a project talks
	// to PostgreSQL).
	Indirect bool
	// OneOf groups the packages of a driver that are alternatives (psycopg2, psycopg2-binary):
	// of those present, the first listed stands for the group.
	OneOf string
}

// Lang is a source language whose files import modules.
type Lang string

// The languages with analyzers.
const (
	LangGo         Lang = "go"
	LangPython     Lang = "python"
	LangJavaScript Lang = "javascript" // and TypeScript
	LangJava       Lang = "java"
)

// Module is an import that names a driver.
type Module struct {
	Lang Lang
	// Path is the import path or module specifier. For Go with Prefix, it stands for its
	// major versions (/v5) and packages below them; for Java with Prefix, for the packages
	// below it.
	Path   string
	Prefix bool
	// Rank orders the modules of one file when it imports several: lower wins.
	Rank int
	// Note follows the import in evidence ("(which uses pgx)").
	Note string
	// Short is how a Go call through the module is named in evidence ("pq" for
	// pq.NewConnector); "" is the package name.
	Short string
	// Framework: the module serves other databases too (Django, SQLAlchemy, Knex), so its
	// import alone does not make a file worth reading (TriggerNames leaves it out).
	Framework bool
}

// Call is a function or constructor that opens connections with a driver.
type Call struct {
	Lang Lang
	// Module is the Go module path the function is in, "" for the driver's first module.
	Module string
	// Package is the package the function is in, relative to the module
	// ("pgxpool" under github.com/jackc/pgx/v5; "" for the module itself); for Python, the
	// dotted name of the function with imports expanded is Func alone.
	Package string
	Func    string
	// DSN is the position of the connection string argument (-1: none), DSNKeyword its
	// keyword (Python).
	DSN        int
	DSNKeyword string
	// Options is the keyword argument holding a dict of further settings ("kwargs",
	// "connect_args"); "" means every keyword argument is a setting.
	Options string
	// URLDialect: the URL's dialect picks the driver (SQLAlchemy's create_engine).
	URLDialect bool
	// TLSConfig is the 1-based position of a *tls.Config argument the call hands the driver
	// (lib/pq's RegisterTLSConfig); 0 for a call that takes a connection string.
	TLSConfig int
}

// JSCall is a JavaScript export that opens connections: what the analyzer does with its
// arguments is the Shape.
type JSCall struct {
	Module, Export string // Export "default" stands for the default export and a namespace import
	New            bool   // called with new
	Shape          string
	Driver         *Driver
	Evidence       string
}

// match reports whether a Go import path is this module, and the package below it.
func (m Module) matchGo(path string) (pkg string, ok bool) {
	if path == m.Path {
		return "", true
	}
	if !m.Prefix {
		return "", false
	}
	rest, ok := strings.CutPrefix(path, m.Path+"/")
	if !ok {
		return "", false
	}
	// A major version suffix: /v2 and up.
	if v, after, _ := strings.Cut(rest, "/"); len(v) > 1 && v[0] == 'v' && isDigits(v[1:]) {
		return after, true
	}
	return rest, true
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// Import is the driver a source import names.
type Import struct {
	Driver *Driver
	Module Module
	// Package is the package of a Go import below the driver's module ("pgxpool"), "".
	Package string
}

// Evidence is how findings say a file's import chose the driver.
func (im Import) Evidence(path string) string {
	ev := "import of " + path
	if im.Module.Note != "" {
		ev += " " + im.Module.Note
	}
	return ev
}

// ImportOf returns the driver a module imported in a source file of lang names.
func ImportOf(lang Lang, path string) (Import, bool) {
	for _, d := range All() {
		for _, m := range d.Modules {
			if m.Lang != lang {
				continue
			}
			switch {
			case lang == LangGo:
				if pkg, ok := m.matchGo(path); ok {
					return Import{Driver: d, Module: m, Package: pkg}, true
				}
			case path == m.Path, m.Prefix && strings.HasPrefix(path, m.Path+"."):
				return Import{Driver: d, Module: m}, true
			}
		}
	}
	return Import{}, false
}

// BestImport returns, of the modules a file imports, the one of lowest rank that names a
// driver.
func BestImport(lang Lang, paths []string) (Import, string, bool) {
	var best Import
	bestPath, found := "", false
	for _, p := range paths {
		im, ok := ImportOf(lang, p)
		if ok && (!found || im.Module.Rank < best.Module.Rank) {
			best, bestPath, found = im, p, true
		}
	}
	return best, bestPath, found
}

// CallOf returns the call description of a function of the import im.
func (im Import) CallOf(fn string) (Call, bool) {
	for _, c := range im.Driver.Calls {
		mod := c.Module
		if mod == "" {
			mod = im.Driver.Modules[0].Path
		}
		if c.Lang == im.Module.Lang && mod == im.Module.Path && c.Package == im.Package && c.Func == fn {
			return c, true
		}
	}
	return Call{}, false
}

// Short is how evidence names the package of a Go import: "pgxpool", "pq", "pgx".
func (im Import) Short() string {
	switch {
	case im.Package != "":
		return im.Package[strings.LastIndexByte(im.Package, '/')+1:]
	case im.Module.Short != "":
		return im.Module.Short
	}
	return im.Module.Path[strings.LastIndexByte(im.Module.Path, '/')+1:]
}

// CallsOf returns every call of a language, with its driver.
func CallsOf(lang Lang) map[string]struct {
	Call   Call
	Driver *Driver
} {
	out := map[string]struct {
		Call   Call
		Driver *Driver
	}{}
	for _, d := range All() {
		for _, c := range d.Calls {
			if c.Lang == lang {
				out[c.Func] = struct {
					Call   Call
					Driver *Driver
				}{c, d}
			}
		}
	}
	return out
}

// The shapes of the arguments of JavaScript calls.
const (
	ShapePgOptions       = "pg-options"        // a pg options object or a URL
	ShapePostgresJSCall  = "postgres-js-call"  // Postgres.js's url and options, which beat the URL
	ShapeKnexConfig      = "knex-config"       // Knex's { client, connection }
	ShapeTypeORMOptions  = "typeorm-options"   // TypeORM's DataSource options
	ShapeSequelizeConfig = "sequelize-options" // Sequelize's (url, options) or (db, user, password, options)
)

// jsCalls are the JavaScript exports that open connections, filled in by the entries.
var jsCalls []JSCall

func registerJS(d *Driver, calls ...JSCall) {
	for _, c := range calls {
		c.Driver = d
		jsCalls = append(jsCalls, c)
	}
}

// JSCallOf returns the JavaScript export module.export called (with new when isNew).
func JSCallOf(module, export string, isNew bool) (JSCall, bool) {
	if export == "*" {
		export = "default"
	}
	for _, c := range jsCalls {
		if c.Module == module && c.Export == export && c.New == isNew {
			return c, true
		}
	}
	return JSCall{}, false
}

// JSCalls returns the JavaScript exports of the driver.
func (d *Driver) JSCalls() []JSCall {
	var out []JSCall
	for _, c := range jsCalls {
		if c.Driver == d {
			out = append(out, c)
		}
	}
	return out
}

// ForFrameworkName returns the driver a framework config names (Knex client 'pg', TypeORM
// type 'postgres').
func ForFrameworkName(name string) (*Driver, bool) {
	return byName(name, func(d *Driver) []string { return d.FrameworkNames })
}

// ForSQLDriver returns the driver registered with Go's database/sql under name.
func ForSQLDriver(name string) (*Driver, bool) {
	return byName(name, func(d *Driver) []string { return d.SQLDrivers })
}

// ForDialect returns the driver a SQLAlchemy URL dialect (postgresql+NAME) hands the URL to,
// matched without regard to case; for a dialect the table does not know, SQLAlchemy itself
// (with libpq semantics) and false.
func ForDialect(name string) (*Driver, bool) {
	if d, ok := byName(strings.ToLower(name), func(d *Driver) []string { return d.Dialects }); ok {
		return d, true
	}
	return Get(SQLAlchemy), false
}

// byName returns the first driver, in table order, whose names include name.
func byName(name string, names func(*Driver) []string) (*Driver, bool) {
	for _, d := range All() {
		if slices.Contains(names(d), name) {
			return d, true
		}
	}
	return nil, false
}

// Dependency is one dependency a manifest names, as the manifest reader found it.
type Dependency struct {
	Name     string
	Version  string   // npm version range, "" when none
	Features []string // Cargo features
	Indirect bool     // Go: // indirect
}

// Candidate is a driver a manifest's dependencies bring in.
type Candidate struct {
	Driver     ID
	Package    Package
	Dependency Dependency // the dependency that matched
}

// Shown is the dependency as findings name it: "github.com/jackc/pgx/v5", "knex (which uses
// pg)", "@prisma/client ^6.19.0".
func (c Candidate) Shown() string {
	s := c.Dependency.Name
	if c.Package.Says != "" {
		s = c.Package.Says
	}
	if c.Package.Note != "" {
		s += " " + c.Package.Note
	}
	if v := c.Dependency.Version; v != "" && c.Package.MinMajor+c.Package.MaxMajor > 0 {
		s += " " + v
	}
	return s
}

// Candidates returns the drivers the dependencies of one manifest of the ecosystem bring in,
// in rank order, one per driver and rank; and whether anything in them talks to PostgreSQL
// (a client the table has no entry for counts too).
func Candidates(eco Ecosystem, deps []Dependency) ([]Candidate, bool) {
	type hit struct {
		c   Candidate
		pkg Package
	}
	var direct, framed []hit
	present := map[ID]bool{}
	for _, d := range All() {
		for _, p := range d.Packages {
			if p.Ecosystem != eco {
				continue
			}
			dep, ok := findDependency(p, deps)
			if !ok {
				continue
			}
			h := hit{c: Candidate{Driver: d.ID, Package: p, Dependency: dep}, pkg: p}
			if len(p.Requires) > 0 || len(p.Unless) > 0 {
				framed = append(framed, h)
				continue
			}
			direct = append(direct, h)
			present[d.ID] = true
		}
	}
	pg := len(direct) > 0
	for _, p := range otherClients {
		if _, ok := findDependency(p, deps); ok && p.Ecosystem == eco {
			pg = true
		}
	}
	all := direct
	for _, h := range framed {
		if anyOf(present, h.pkg.Requires) && !anyOf(present, h.pkg.Unless) {
			all = append(all, h)
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].c.Package.Rank < all[j].c.Package.Rank })
	var out []Candidate
	seen := map[string]bool{}
	for _, h := range all {
		if g := h.pkg.OneOf; g != "" {
			k := string(h.c.Driver) + " " + g
			if seen[k] {
				continue
			}
			seen[k] = true
		}
		out = append(out, h.c)
	}
	return out, pg || len(out) > 0
}

func anyOf(present map[ID]bool, ids []ID) bool {
	for _, id := range ids {
		if present[id] {
			return true
		}
	}
	return false
}

// findDependency returns the dependency that p stands for.
func findDependency(p Package, deps []Dependency) (Dependency, bool) {
	for _, dep := range deps {
		if dep.Indirect && !p.Indirect {
			continue
		}
		if !p.matches(dep) {
			continue
		}
		return dep, true
	}
	return Dependency{}, false
}

func (p Package) matches(dep Dependency) bool {
	switch {
	case p.Ecosystem == GoModules:
		if _, ok := (Module{Path: p.Name, Prefix: p.Prefix}).matchGo(dep.Name); !ok {
			return false
		}
	case p.Ecosystem == Maven && strings.HasPrefix(p.Name, "*:"):
		_, artifact, _ := strings.Cut(dep.Name, ":")
		if artifact != p.Name[2:] {
			return false
		}
	case dep.Name != p.Name:
		return false
	}
	if p.Feature != "" && !contains(dep.Features, p.Feature) {
		return false
	}
	if p.MinMajor > 0 || p.MaxMajor > 0 {
		major, known := npmMajor(dep.Version)
		if !known {
			// No major version: "latest", "next", "*" or nothing stand for the newest; a
			// tag, path or alias says nothing, and the entry for the oldest applies.
			return newestRange(dep.Version) == (p.MaxMajor == 0)
		}
		if p.MinMajor > 0 && major < p.MinMajor || p.MaxMajor > 0 && major > p.MaxMajor {
			return false
		}
	}
	return true
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// newestRange reports whether an npm version range stands for the newest release.
func newestRange(v string) bool {
	switch strings.TrimSpace(v) {
	case "latest", "next", "*", "":
		return true
	}
	return false
}

// npmMajor reads the major version of an npm range: "^6.19.0", "~5", ">=7.0.0 <8", "7.x".
func npmMajor(v string) (int, bool) {
	v = strings.TrimSpace(v)
	if strings.HasPrefix(v, "npm:") || strings.Contains(v, "/") || strings.HasPrefix(v, "workspace:") || strings.HasPrefix(v, "file:") {
		return 0, false
	}
	start := strings.IndexFunc(v, func(r rune) bool { return r >= '0' && r <= '9' })
	if start < 0 {
		return 0, false
	}
	n := 0
	for _, c := range v[start:] {
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + int(c-'0')
		if n > 1<<20 {
			return 0, false
		}
	}
	return n, true
}

// otherClients are dependencies that talk to PostgreSQL through a client the table has no
// entry for: the project is a PostgreSQL project, but its driver is not known. The entries
// near them add them (registerOther).
var otherClients []Package

func registerOther(ps ...Package) { otherClients = append(otherClients, ps...) }

// TriggerNames are the names whose mention makes a file worth reading for the prefilter: the
// modules of the drivers (not of frameworks that serve other databases too), the names they
// register with database/sql, and the PostgreSQL clients the table has no entry for.
func TriggerNames() []string {
	var out []string
	for _, d := range All() {
		for _, m := range d.Modules {
			if !m.Framework {
				out = append(out, m.Path)
			}
		}
		out = append(out, d.SQLDrivers...)
	}
	for _, p := range otherClients {
		out = append(out, p.Name)
	}
	return out
}
