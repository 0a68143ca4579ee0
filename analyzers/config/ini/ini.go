// Package ini reads INI files: [section] headers, key = value or key: value lines, ; and #
// comment lines. An unquoted value ends at " ;" or " #" (PHP and most INI readers; Python's
// configparser keeps them, but a connection string never contains them); a value in matching
// quotes is the text between them. Each section is a group (host and password side by side)
// and keys are section.key paths. systemd units are INI too: their Environment= values hold
// NAME=value settings, which the text search inside values finds.
//
// pg_service.conf is libpq's own INI file: each section is a connection service (doc.Service),
// read by libpq.
package ini

import (
	"path"
	"sort"
	"strings"

	"github.com/pgtlslint/pgtlslint/analyzers/config/doc"
	"github.com/pgtlslint/pgtlslint/model/srcmap"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// iniLine is one key = value line.
type iniLine struct {
	key      string
	keyStart int
	val      doc.Value
	line     rules.Span // the whole line, line break included
	nl, crlf bool       // the line ends with a line break, and it is \r\n
}

// parser is the state of one Parse.
type parser struct {
	d       *doc.Document
	s       string
	service bool
	// The current section: its name, where its header line starts, its scope, group and lines.
	section      string
	sectionStart int
	sc           *doc.Scope
	g            *doc.Group
	lines        []iniLine
}

// Parse extracts the settings of an INI file, or the services of a libpq service file.
func Parse(p string, content []byte, base int) (*doc.Document, error) {
	d := doc.New()
	ps := &parser{d: d, s: string(content), service: IsServiceFile(p), sectionStart: base, sc: d.File(), g: d.AddGroup("", "")}
	s := ps.s
	for pos := base; pos < len(s); {
		ls := pos
		le := strings.IndexByte(s[pos:], '\n')
		next := len(s)
		if le < 0 {
			le = len(s)
		} else {
			le += pos
			next = le + 1
		}
		pos = next
		ps.line(ls, le, next)
	}
	ps.flush()
	return d, nil
}

// line reads the line [ls, le) whose successor starts at next.
func (ps *parser) line(ls, le, next int) {
	s := ps.s
	k := ls
	for k < le && (s[k] == ' ' || s[k] == '\t') {
		k++
	}
	if k >= le || s[k] == ';' || s[k] == '#' || s[k] == '\r' {
		return
	}
	if s[k] == '[' {
		ps.header(ls, k, le)
		return
	}
	sep := strings.IndexAny(s[k:le], "=:")
	if sep <= 0 {
		return
	}
	key := strings.TrimSpace(s[k : k+sep])
	vs := k + sep + 1
	for vs < le && (s[vs] == ' ' || s[vs] == '\t') {
		vs++
	}
	val := value(s, vs, le)
	l := iniLine{key: key, keyStart: k, val: val, line: rules.Span{Start: ls, End: next},
		nl: le < len(s), crlf: le > ls && s[le-1] == '\r'}
	ps.lines = append(ps.lines, l)
	if ps.service {
		return
	}
	e := &doc.Entry{Key: key, Path: doc.JoinPath(ps.section, key), Val: val, Scope: ps.sc,
		Pair: rules.Span{Start: k, End: val.Full().End}, Remove: &l.line}
	ps.g.Entries = append(ps.g.Entries, e)
	ps.d.Add(e)
}

// header starts the section whose header "[name]" is at s[k] on the line [ls, le).
func (ps *parser) header(ls, k, le int) {
	s := ps.s
	e := strings.IndexByte(s[k:le], ']')
	if e < 0 {
		return
	}
	ps.flush()
	ps.section, ps.sectionStart = strings.TrimSpace(s[k+1:k+e]), ls
	ps.sc = ps.d.File()
	if doc.EnvKeys[strings.ToLower(ps.section)] {
		ps.sc = ps.d.NewScope()
	}
	ps.g = ps.d.AddGroup(ps.section, ps.section)
}

// flush ends a section: in a service file, it is a service.
func (ps *parser) flush() {
	if ps.service && ps.section != "" {
		ps.d.Add(serviceOf(ps.section, ps.sectionStart, ps.lines))
	}
	ps.lines = nil
}

// IsServiceFile reports whether a path is a libpq connection service file.
func IsServiceFile(p string) bool {
	b := strings.ToLower(path.Base(strings.ReplaceAll(p, "\\", "/")))
	return b == "pg_service.conf" || b == ".pg_service.conf"
}

// value reads the value in s[vs:le].
func value(s string, vs, le int) doc.Value {
	e := le
	for e > vs && (s[e-1] == '\r' || s[e-1] == ' ' || s[e-1] == '\t') {
		e--
	}
	if e-vs >= 2 && (s[vs] == '"' || s[vs] == '\'') && s[e-1] == s[vs] {
		q := s[vs]
		raw := s[vs:e]
		if val, m, ok := doc.LiteralQuoted(raw, vs, q, false); ok {
			return doc.NewToken(raw, vs, val, m, func(r string) (string, bool) {
				d, _, ok := doc.LiteralQuoted(r, 0, q, false)
				return d, ok
			})
		}
	}
	for _, c := range []string{" ;", "\t;", " #", "\t#"} {
		if i := strings.Index(s[vs:e], c); i >= 0 {
			e = vs + i
		}
	}
	for e > vs && (s[e-1] == ' ' || s[e-1] == '\t') {
		e--
	}
	raw := s[vs:e]
	return doc.NewToken(raw, vs, raw, srcmap.Identity(vs, len(raw)), decodeUnquoted)
}

// decodeUnquoted accepts an edited unquoted INI value only if it is still read whole.
func decodeUnquoted(raw string) (string, bool) {
	if strings.ContainsAny(raw, "\n\r") || strings.Contains(raw, " ;") || strings.Contains(raw, " #") ||
		strings.TrimSpace(raw) != raw || (raw != "" && strings.IndexByte("\"';#", raw[0]) >= 0) {
		return "", false
	}
	return raw, true
}

// serviceOf makes the service of one pg_service.conf section whose header line starts at start.
func serviceOf(name string, start int, lines []iniLine) *doc.Service {
	svc := &doc.Service{Name: name, Header: rules.Span{Start: start, End: start + len(name) + 2}}
	for _, l := range lines {
		svc.Keys = append(svc.Keys, doc.Keyword{Key: l.key, Val: l.val, Pair: rules.Span{Start: l.keyStart, End: l.val.Full().End}})
	}
	if len(lines) > 0 {
		svc.Editor = &sectionEditor{lines: lines}
	}
	return svc
}

// sectionEditor sets and removes keywords of one pg_service.conf section: an existing key gets
// its value replaced; a new one is added on a line after the section's last key.
type sectionEditor struct {
	lines []iniLine
}

// Apply implements rules.Editor.
func (e *sectionEditor) Apply(ops []drivers.Op) ([]rules.Edit, bool) {
	var edits []rules.Edit
	var added strings.Builder
	for _, op := range ops {
		if !doc.SafeText(op.Key) || !doc.SafeText(op.Value) {
			return nil, false
		}
		found := e.find(op.Key)
		switch {
		case found != nil && op.Remove:
			edits = append(edits, rules.Edit{Start: found.line.Start, End: found.line.End})
		case found != nil:
			ed, ok := found.val.Replace(op.Value)
			if !ok {
				return nil, false
			}
			edits = append(edits, ed)
		case !op.Remove:
			added.WriteString(e.newLine(op.Key, op.Value))
		}
	}
	if added.Len() > 0 {
		end := e.lines[len(e.lines)-1].line.End
		edits = append(edits, rules.Edit{Start: end, End: end, NewText: added.String()})
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Start < edits[j].Start })
	return edits, true
}

// find returns the section's last line setting key, or nil.
func (e *sectionEditor) find(key string) *iniLine {
	for i := len(e.lines) - 1; i >= 0; i-- {
		if e.lines[i].key == key {
			return &e.lines[i]
		}
	}
	return nil
}

// newLine returns the text of a line key=value added after the section's last line, with the
// line breaks the file uses.
func (e *sectionEditor) newLine(key, value string) string {
	last := e.lines[len(e.lines)-1]
	nl := "\n"
	if last.crlf {
		nl = "\r\n"
	}
	if !last.nl {
		// The last line has no line break: the new one starts with its own.
		return nl + key + "=" + value
	}
	return key + "=" + value + nl
}
