// Package filekind tells what a file is, as far as choosing its analyzer goes: by extension,
// base name, shebang, a rule on the name, or the content of an ambiguous *.conf. The kinds are
// registered by the analyzers (through scan/plugin); documentation and template suffixes are
// this package's own (the template engines' suffixes come from model/tmpl). The walk and the
// analyzers import it; it imports no part of the scan.
package filekind

import (
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/pgtlslint/pgtlslint/model/tmpl"
)

// Kind is what a file is, as far as choosing its analyzer goes. The kinds are registered by the
// analyzers (Register, from their register.go files); the engine knows two of its own.
type Kind string

// The engine's kinds.
const (
	// KindNone means the file is not scanned (documentation, images, unknown formats).
	KindNone Kind = ""
	// KindText is any other source or config file, and a file an --include pattern names
	// that no kind claims: connection strings are searched in it as plain text.
	KindText Kind = "text"
)

// Spec says which files are of a kind: by extension, by base name, by shebang, by a rule
// on the name the tables cannot state, or by content for the ambiguous *.conf.
type Spec struct {
	Kind Kind
	// Exts are lower-case extensions with the dot (".py"); Names lower-case base names
	// ("pipfile"), both looked up after template suffixes (.j2, .example, ...) are dropped.
	Exts, Names []string
	// Interpreters are the programs of a shebang line that make a script of the kind
	// ("python" also stands for python3, python3.12).
	Interpreters []string
	// Name claims files by their names before the tables are asked: raw is the lower-case
	// base name as written, name the same without template suffixes, dir the lower-case name
	// of the directory and parent the slash path above that directory. BeforeDocs asks it
	// before documentation is ruled out (a pg_hba.conf.txt is still pg_hba.conf).
	Name       func(raw, name, dir, parent string) bool
	BeforeDocs bool
	// Confirm, when set, is asked of the first bytes of a file Name claimed: false means the
	// content is another program's that only shares the name (a fail2ban filter named
	// postgresql.conf), and the file is classified as if Name had not claimed it.
	Confirm func(head []byte) bool
	// Sniff claims a *.conf file by its first bytes; inConfD says the file is in a conf.d
	// directory. Sniffers are asked by SniffRank, lower first.
	Sniff     func(head []byte, inConfD bool) bool
	SniffRank int
	// ReadAll: every file of the kind is read, without the prefilter (every line of a
	// pg_hba.conf matters).
	ReadAll bool
}

// kinds holds the registered specs and the tables built from them.
var kinds struct {
	mu       sync.Mutex
	sealed   bool
	specs    []Spec
	byExt    map[string]Kind
	byName   map[string]Kind
	byInterp map[string]Kind
	namers   []Spec // specs with Name, in registration order
	sniffers []Spec // specs with Sniff, by SniffRank
	readAll  map[Kind]bool
}

// Register registers the files of a kind. It panics when an extension, name or
// interpreter is claimed twice, or after the first file was classified: registration belongs
// in init functions.
func Register(s Spec) {
	kinds.mu.Lock()
	defer kinds.mu.Unlock()
	if kinds.sealed {
		panic("filekind: Register " + string(s.Kind) + " after the first scan")
	}
	if kinds.byExt == nil {
		kinds.byExt, kinds.byName, kinds.byInterp, kinds.readAll = map[string]Kind{}, map[string]Kind{}, map[string]Kind{}, map[Kind]bool{}
	}
	claim := func(table map[string]Kind, keys []string, what string) {
		for _, k := range keys {
			if other, dup := table[k]; dup {
				panic("filekind: " + what + " " + k + " claimed by " + string(other) + " and " + string(s.Kind))
			}
			table[k] = s.Kind
		}
	}
	claim(kinds.byExt, s.Exts, "extension")
	claim(kinds.byName, s.Names, "name")
	claim(kinds.byInterp, s.Interpreters, "interpreter")
	if s.Name != nil {
		kinds.namers = append(kinds.namers, s)
	}
	if s.Sniff != nil {
		kinds.sniffers = append(kinds.sniffers, s)
		sort.SliceStable(kinds.sniffers, func(i, j int) bool { return kinds.sniffers[i].SniffRank < kinds.sniffers[j].SniffRank })
	}
	kinds.readAll[s.Kind] = kinds.readAll[s.Kind] || s.ReadAll
	kinds.specs = append(kinds.specs, s)
}

// Specs returns the registered specs, in registration order (the pre-commit hook's file
// patterns are checked against them).
func Specs() []Spec {
	kinds.mu.Lock()
	defer kinds.mu.Unlock()
	return append([]Spec(nil), kinds.specs...)
}

// seal ends registration; the tables are read without the lock from then on.
func seal() {
	kinds.mu.Lock()
	kinds.sealed = true
	kinds.mu.Unlock()
}

var sealOnce sync.Once

// Classify tells a file's kind from its slash- or OS-separated path and, for
// the few names that do not decide it, from head, the first bytes of the
// file (a shebang line; a conf.d file's settings; the content of a file
// named like PostgreSQL's own, which may be another program's that only
// shares the name). head may be nil: then such files classify as if head
// were empty, which is KindNone, the kind of *.conf files, or the kind the
// name claims.
//
// Documentation (see IsDoc) is KindNone: prose quotes connection strings as
// examples, and a finding there is noise. The walker scans it anyway when an
// --include pattern names it.
//
// Template and sample suffixes (.j2, .tmpl, .example, .sample, ...) are
// looked through: config.yml.j2 is YAML, .env.example is an env file.
func Classify(p string, head []byte) Kind {
	k, need := FromName(p)
	return FromHead(p, k, need, head)
}

// Need says what FromName could not decide from the name.
type Need uint8

// The needs.
const (
	Decided     Need = iota // the name decided
	NeedShebang             // no extension: a shebang may make it a script
	NeedConf                // a *.conf file: a sniffer may claim it by content
	NeedConfD               // a conf.d/*.conf file: likewise
	NeedConfirm             // the name claimed it for a kind whose content must confirm it
)

// FromName classifies by name alone, and says when the content must decide (FromHead).
func FromName(p string) (k Kind, need Need) {
	sealOnce.Do(seal)
	return fromName(p, nil)
}

// fromName is FromName without the claims of the kinds in unconfirmed.
func fromName(p string, unconfirmed []Kind) (k Kind, need Need) {
	p = strings.ReplaceAll(p, "\\", "/")
	raw := strings.ToLower(path.Base(p))
	parentDir := path.Dir(p)
	dir := strings.ToLower(path.Base(parentDir))
	parent := strings.ToLower(path.Dir(parentDir))
	name := stripTemplate(raw)
	claim := func(s Spec) (Kind, Need) {
		if s.Confirm != nil {
			return s.Kind, NeedConfirm
		}
		return s.Kind, Decided
	}
	// Names the tables cannot state first: PostgreSQL's own files end in .conf like INI
	// files, and are no documentation whatever their suffix.
	for _, s := range kinds.namers {
		if s.BeforeDocs && !slices.Contains(unconfirmed, s.Kind) && s.Name(raw, name, dir, parent) {
			return claim(s)
		}
	}
	if IsDoc(p) {
		return KindNone, Decided
	}
	for _, s := range kinds.namers {
		if !s.BeforeDocs && !slices.Contains(unconfirmed, s.Kind) && s.Name(raw, name, dir, parent) {
			return claim(s)
		}
	}
	return fromTables(name, dir)
}

// fromTables classifies a name the namers left: by extension, by base name, or by what the
// content must say.
func fromTables(name, dir string) (Kind, Need) {
	ext := path.Ext(name)
	switch {
	case ext == ".conf" && dir == "conf.d":
		return kinds.byExt[ext], NeedConfD
	case ext == ".conf":
		return kinds.byExt[ext], NeedConf
	}
	if k, ok := kinds.byExt[ext]; ok {
		return k, Decided
	}
	if k, ok := kinds.byName[name]; ok {
		return k, Decided
	}
	if ext == "" {
		return KindNone, NeedShebang
	}
	return KindNone, Decided
}

// FromHead decides what FromName left open for the file at path p, from its first bytes.
func FromHead(p string, k Kind, need Need, head []byte) Kind {
	var unconfirmed []Kind
	for need == NeedConfirm {
		if confirms(k, head) {
			return k
		}
		unconfirmed = append(unconfirmed, k)
		k, need = fromName(p, unconfirmed)
	}
	switch need {
	case NeedConf, NeedConfD:
		for _, s := range kinds.sniffers {
			if !slices.Contains(unconfirmed, s.Kind) && s.Sniff(head, need == NeedConfD) {
				return s.Kind
			}
		}
		return k
	case NeedShebang:
		return shebangKind(head)
	}
	return k
}

// confirms reports whether the content of a file the name claimed for kind k is of that kind.
func confirms(k Kind, head []byte) bool {
	for _, s := range kinds.namers {
		if s.Kind == k && s.Confirm != nil {
			return s.Confirm(head)
		}
	}
	return true
}

// ReadsAll reports whether every file of the kind is read, without the prefilter.
func ReadsAll(k Kind) bool { return kinds.readAll[k] }

// templateSuffixes are dropped before classifying: the file under them is
// what it will be once rendered or copied.
var templateSuffixes = append(slices.Clone(tmpl.EngineSuffixes), ".example", ".sample", ".dist", ".default", ".orig", ".in")

// StripTemplate drops the template and sample suffixes of a lower-case base name:
// config.yml.j2 is config.yml.
func StripTemplate(base string) string { return stripTemplate(base) }

func stripTemplate(base string) string {
	for {
		cut := false
		for _, s := range templateSuffixes {
			if len(base) > len(s) && strings.HasSuffix(base, s) {
				base = base[:len(base)-len(s)]
				cut = true
			}
		}
		if !cut {
			return base
		}
	}
}

// TemplateSuffixes returns the suffixes Classify looks through.
func TemplateSuffixes() []string { return append([]string(nil), templateSuffixes...) }

// docExts and docNames are prose. .txt is counted as prose too: in
// repositories it is notes, licences and requirements lists, none of which
// configure a connection.
var docExts = map[string]bool{
	".md": true, ".markdown": true, ".mdown": true, ".mkd": true, ".mdx": true,
	".rst": true, ".adoc": true, ".asciidoc": true, ".txt": true, ".text": true,
	".org": true, ".rdoc": true, ".textile": true, ".pod": true,
}

var docNames = map[string]bool{
	"readme": true, "license": true, "licence": true, "copying": true, "notice": true,
	"authors": true, "contributors": true, "changelog": true, "changes": true, "history": true,
	"news": true, "maintainers": true, "codeowners": true,
}

// DocNames returns the extensions and extension-less names IsDoc calls documentation.
func DocNames() (exts, names []string) {
	for e := range docExts {
		exts = append(exts, e)
	}
	for n := range docNames {
		names = append(names, n)
	}
	sort.Strings(exts)
	sort.Strings(names)
	return exts, names
}

// IsDoc reports whether p names documentation: Markdown, reStructuredText,
// AsciiDoc, plain text and the like by extension, or README, LICENSE,
// CHANGELOG... with no extension.
func IsDoc(p string) bool {
	base := strings.ToLower(path.Base(strings.ReplaceAll(p, "\\", "/")))
	ext := path.Ext(base)
	if docExts[ext] {
		return true
	}
	return ext == "" && docNames[base]
}

// shebangKind reads "#!/usr/bin/env python3", "#!/bin/sh -e" and the like:
// the kind that registered the interpreter, KindText for another one, KindNone
// without a shebang.
func shebangKind(head []byte) Kind {
	head = trimBOM(head)
	if len(head) < 2 || head[0] != '#' || head[1] != '!' {
		return KindNone
	}
	line := head[2:]
	if i := indexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	fields := strings.Fields(string(line))
	if len(fields) == 0 {
		return KindNone
	}
	interp := path.Base(fields[0])
	if interp == "env" {
		interp = ""
		for _, f := range fields[1:] {
			if strings.HasPrefix(f, "-") || strings.Contains(f, "=") {
				continue // env's own options and VAR=value
			}
			interp = path.Base(f)
			break
		}
	}
	interp = strings.TrimRight(interp, "0123456789.") // python3.12, bash5
	if interp == "" {
		return KindNone
	}
	if k, ok := kinds.byInterp[interp]; ok {
		return k
	}
	return KindText // ruby, perl, php...
}

func trimBOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		return b[3:]
	}
	return b
}

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}

// MentionsPostgres reports whether a slash path names PostgreSQL in one of
// its elements (postgres, postgresql, pg, pg16, pgsql...).
func MentionsPostgres(dir string) bool {
	for _, e := range strings.Split(strings.ToLower(dir), "/") {
		if strings.Contains(e, "postgres") || strings.HasPrefix(e, "pg") {
			return true
		}
	}
	return false
}
