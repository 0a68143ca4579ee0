// Package doc is the document model the config formats hand to the analysis (package config):
// what a file says, in its order, without what it means for PostgreSQL. A format's parser
// (analyzers/config/env, yaml, json, ...) turns a file into a Document: key = value entries with
// their key paths, the mappings they sit in (Groups), the environments they set (Scopes), text
// to read as a shell script or to search, server command lines, libpq service sections. Each
// value is decoded text with its mapping back to the file (Value), so that findings sit on the
// right bytes and fixes edit them in the format's own syntax.
package doc

import (
	"sort"
	"strings"

	"github.com/pgtlslint/pgtlslint/rules"
)

// Parser is a format's parser: it reads a file whose text starts at base (after a byte order
// mark) and fails only for a file its format rejects; the analysis then searches it as text.
type Parser func(path string, content []byte, base int) (*Document, error)

// Document is what a format's parser found in one file.
type Document struct {
	// Scopes are the environments of the file; Scopes[0] is the file's own. The analysis adds
	// those of the scripts it reads (a command's NAME=value prefix, a container's).
	Scopes []*Scope
	// Groups are the mappings whose entries may together configure one connection.
	Groups []*Group
	// Items are what the file says, in the order the analysis must read it.
	Items []Item
}

// New returns an empty document with the file's scope.
func New() *Document {
	d := &Document{}
	d.NewScope()
	return d
}

// File is the file's own scope.
func (d *Document) File() *Scope { return d.Scopes[0] }

// NewScope adds an environment of its own: a Compose service's environment, a container's.
func (d *Document) NewScope() *Scope {
	s := &Scope{Vars: map[string]*Var{}}
	d.Scopes = append(d.Scopes, s)
	return s
}

// Child adds a scope on top of parent: a command's own NAME=value prefix applies to that
// command on top of the script's variables.
func (d *Document) Child(parent *Scope) *Scope {
	s := d.NewScope()
	s.Parent = parent
	return s
}

// AddGroup adds a mapping named name (its own key) at key path p.
func (d *Document) AddGroup(name, p string) *Group {
	g := &Group{Name: name, Path: p, Sub: map[string]*Group{}}
	d.Groups = append(d.Groups, g)
	return g
}

// Add appends an item. An entry without a scope is in the file's.
func (d *Document) Add(it Item) {
	if e, ok := it.(*Entry); ok && e.Scope == nil {
		e.Scope = d.File()
	}
	d.Items = append(d.Items, it)
}

// Item is one of *Entry, *Script, *CommandLine and *Service.
type Item interface{ item() }

// Entry is one key = value setting of a structured file.
type Entry struct {
	Key  string // as written
	Path string // the keys leading to it, joined with '.'
	Val  Value
	Pair rules.Span // key to value end
	// Scope is the environment the setting belongs to.
	Scope *Scope
	// Remove deletes the setting cleanly (its line, its list item), or is nil.
	Remove *rules.Span
	// Shell marks values that are shell commands (YAML run:, command:).
	Shell bool
	// PGImage marks the command of a container whose image is a PostgreSQL one: a command
	// that starts with an option is then the arguments of the image's entrypoint.
	PGImage bool
	// BuildArg marks a Dockerfile ARG: set while the image builds, not in the container.
	BuildArg bool
	// Var marks a variable that later values of its scope can reference ($NAME, ${NAME}): an
	// env file's line, a shell assignment that is a command of its own or an export, a
	// Dockerfile ENV or ARG.
	Var bool
}

// Script is text the analysis reads as a whole: a shell script (Dockerfile RUN, a shell file)
// or text searched for connection strings (an exec-form instruction, a file of no known format).
type Script struct {
	Val   Value
	Scope *Scope
	Shell bool
	// Comments are the line-comment markers of searched text whose lines are skipped (nil: the
	// text is a value, not a file).
	Comments []string
}

// CommandLine is the settings a server's command line gives it (a container's command: or
// CMD that runs postgres).
type CommandLine struct {
	Settings []rules.ServerSetting
}

// Service is one section of a libpq connection service file: its keywords make a connection.
type Service struct {
	Name   string
	Header rules.Span // [name]
	Keys   []Keyword
	// Editor sets and removes keywords of the section, or is nil.
	Editor rules.Editor
}

// Keyword is one key = value line of a service.
type Keyword struct {
	Key  string
	Pair rules.Span
	Val  Value
}

func (*Entry) item()       {}
func (*Script) item()      {}
func (*CommandLine) item() {}
func (*Service) item()     {}

// Group is a mapping (a YAML/JSON/TOML table, an INI section) whose scalar entries may together
// configure one connection: host and password side by side.
type Group struct {
	Name    string // its own key
	Path    string
	Entries []*Entry
	// Sub are the mappings inside it, by lower-case key.
	Sub map[string]*Group
}

// Get returns the last entry with one of the keys (in any case), or nil.
func (g *Group) Get(keys ...string) *Entry {
	for i := len(g.Entries) - 1; i >= 0; i-- {
		for _, k := range keys {
			if strings.EqualFold(g.Entries[i].Key, k) {
				return g.Entries[i]
			}
		}
	}
	return nil
}

// Scope is a set of settings that share one environment: an env file, a shell script, one
// Compose service's environment, one Kubernetes container's env list.
type Scope struct {
	// Vars are the client variables set in this scope itself, by name.
	Vars map[string]*Var
	// Parent is the scope this one adds to, or nil.
	Parent *Scope
	// Server marks the environment of a container whose image is a PostgreSQL server: the
	// programs it runs beside the server (healthchecks, psql, pg_basebackup) connect to that
	// server, by default over the Unix socket, so libpq variables there without PGHOST are
	// local.
	Server bool
	// assigned are the entries that set variables of the scope (Entry.Var), by name, in file
	// order.
	assigned map[string][]*Entry
}

// InServer reports whether the scope or one it adds to is a PostgreSQL server's environment.
func (s *Scope) InServer() bool {
	for ; s != nil; s = s.Parent {
		if s.Server {
			return true
		}
	}
	return false
}

// Assign records an entry that sets a variable later values can reference.
func (s *Scope) Assign(e *Entry) {
	if s.assigned == nil {
		s.assigned = map[string][]*Entry{}
	}
	s.assigned[e.Key] = append(s.assigned[e.Key], e)
}

// Assignments returns the entries of the scope itself that set name, in file order.
func (s *Scope) Assignments(name string) []*Entry {
	return s.assigned[name]
}

// Assignment returns the entry a reference to name at file offset at reads: the last one that
// sets it before at, in this scope or the nearest parent that sets it before at; nil when none
// does.
func (s *Scope) Assignment(name string, at int) *Entry {
	for ; s != nil; s = s.Parent {
		// Entries are recorded as the file is read, in file order.
		es := s.assigned[name]
		if i := sort.Search(len(es), func(i int) bool { return es[i].Pair.End > at }); i > 0 {
			return es[i-1]
		}
	}
	return nil
}

// Get returns the variable as the scope sees it: its own, or its parent's.
func (s *Scope) Get(name string) *Var {
	for ; s != nil; s = s.Parent {
		if v := s.Vars[name]; v != nil {
			return v
		}
	}
	return nil
}

// Set records a variable setting; a later one wins, as in a shell.
func (s *Scope) Set(v *Var) {
	s.Vars[v.Name] = v
}

// Var is an environment variable setting that a fix may change or remove.
type Var struct {
	Name string
	Val  Value
	Pair rules.Span // name to value end
	// Remove is the span whose deletion removes the setting cleanly (the line, the list item,
	// the pair), or nil when there is none.
	Remove *rules.Span
}

// JoinPath appends key k to key path p.
func JoinPath(p, k string) string {
	if p == "" {
		return k
	}
	return p + "." + k
}
