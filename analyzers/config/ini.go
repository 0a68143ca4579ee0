package config

import (
	"path"
	"sort"
	"strings"

	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// INI files: [section] headers, key = value or key: value lines, ; and # comment lines. An
// unquoted value ends at " ;" or " #" (PHP and most INI readers; Python's configparser keeps
// them, but a connection string never contains them); a value in matching quotes is the text
// between them. Each section is a group (host and password side by side) and keys are
// section.key paths. systemd units are INI too: their Environment= values hold NAME=value
// settings, which the text search inside values finds.
//
// pg_service.conf is libpq's own INI file: each section is a connection, read by libpq.

// iniLine is one key = value line.
type iniLine struct {
	key      string
	keyStart int
	val      value
	line     rules.Span // the whole line, line break included
	nl, crlf bool       // the line ends with a line break, and it is \r\n
}

// parseINI extracts the settings of an INI file.
func (a *analysis) parseINI(content []byte, base int) {
	s := string(content)
	service := isServiceFile(a.path)
	section, sectionStart := "", base
	sc := a.fileScope
	g := &group{sub: map[string]*group{}}
	a.groups = append(a.groups, g)
	var lines []iniLine
	flush := func() {
		if service && section != "" {
			a.serviceSection(section, sectionStart, lines)
		}
		lines = nil
	}
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
		k := ls
		for k < le && (s[k] == ' ' || s[k] == '\t') {
			k++
		}
		if k >= le || s[k] == ';' || s[k] == '#' || s[k] == '\r' {
			continue
		}
		if s[k] == '[' {
			e := strings.IndexByte(s[k:le], ']')
			if e < 0 {
				continue
			}
			flush()
			section, sectionStart = strings.TrimSpace(s[k+1:k+e]), ls
			sc = a.fileScope
			if envKeys[strings.ToLower(section)] {
				sc = a.newScope()
			}
			g = &group{name: section, path: section, sub: map[string]*group{}}
			a.groups = append(a.groups, g)
			continue
		}
		sep := strings.IndexAny(s[k:le], "=:")
		if sep <= 0 {
			continue
		}
		key := strings.TrimSpace(s[k : k+sep])
		vs := k + sep + 1
		for vs < le && (s[vs] == ' ' || s[vs] == '\t') {
			vs++
		}
		val := iniValue(s, vs, le)
		l := iniLine{key: key, keyStart: k, val: val, line: rules.Span{Start: ls, End: next},
			nl: le < len(s), crlf: le > ls && s[le-1] == '\r'}
		lines = append(lines, l)
		if service {
			continue
		}
		e := &entry{key: key, path: joinPath(section, key), val: val, sc: sc,
			pair: rules.Span{Start: k, End: val.full().End}, remove: &l.line}
		g.entries = append(g.entries, e)
		a.addEntry(e)
	}
	flush()
}

// isServiceFile reports whether a path is a libpq connection service file.
func isServiceFile(p string) bool {
	b := strings.ToLower(path.Base(strings.ReplaceAll(p, "\\", "/")))
	return b == "pg_service.conf" || b == ".pg_service.conf"
}

// iniValue reads the value in s[vs:le].
func iniValue(s string, vs, le int) value {
	e := le
	for e > vs && (s[e-1] == '\r' || s[e-1] == ' ' || s[e-1] == '\t') {
		e--
	}
	if e-vs >= 2 && (s[vs] == '"' || s[vs] == '\'') && s[e-1] == s[vs] {
		q := s[vs]
		raw := s[vs:e]
		if val, m, ok := literalQuoted(raw, vs, q, false); ok {
			return newToken(raw, vs, val, m, func(r string) (string, bool) {
				d, _, ok := literalQuoted(r, 0, q, false)
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
	return newToken(raw, vs, raw, identity(vs, len(raw)), decodeUnquotedINI)
}

// decodeUnquotedINI accepts an edited unquoted INI value only if it is still read whole.
func decodeUnquotedINI(raw string) (string, bool) {
	if strings.ContainsAny(raw, "\n\r") || strings.Contains(raw, " ;") || strings.Contains(raw, " #") ||
		strings.TrimSpace(raw) != raw || (raw != "" && strings.IndexByte("\"';#", raw[0]) >= 0) {
		return "", false
	}
	return raw, true
}

// serviceSection makes the target of one pg_service.conf service: libpq reads its keywords
// as if they were a connection string.
func (a *analysis) serviceSection(name string, start int, lines []iniLine) {
	t := &rules.Target{Path: a.path, Driver: drivers.Libpq, Evidence: "pg_service.conf service [" + name + "] (read by libpq)",
		Syntax: "keyword", Anchor: rules.Span{Start: start, End: start + len(name) + 2}}
	for _, l := range lines {
		t.Params = append(t.Params, rules.Param{Setting: drivers.Setting{Name: l.key, Written: l.key, Value: l.val.s, Dynamic: rules.IsDynamic(l.val.s)},
			Val: l.val.full(), Pair: rules.Span{Start: l.keyStart, End: l.val.full().End}})
		switch l.key {
		case "host":
			t.Hosts = hostList(l.val)
			t.Anchor = l.val.full()
		case "password":
			if l.val.s != "" {
				t.Secrets = append(t.Secrets, l.val.full())
			}
		}
	}
	if len(lines) > 0 {
		t.Editor = &sectionEditor{lines: lines}
	}
	a.hasPG = true
	a.fileScope.conns = append(a.fileScope.conns, t)
	a.targets = append(a.targets, t)
}

// sectionEditor sets and removes keywords of one pg_service.conf section: an existing key gets
// its value replaced; a new one is added on a line after the section's last key.
type sectionEditor struct {
	lines []iniLine
}

// Apply implements rules.Editor.
func (e *sectionEditor) Apply(ops []drivers.Op) ([]rules.Edit, bool) {
	var edits []rules.Edit
	last := e.lines[len(e.lines)-1]
	var added strings.Builder
	for _, op := range ops {
		if !safeText(op.Key) || !safeText(op.Value) {
			return nil, false
		}
		var found *iniLine
		for i := len(e.lines) - 1; i >= 0; i-- {
			if e.lines[i].key == op.Key {
				found = &e.lines[i]
				break
			}
		}
		switch {
		case found != nil && op.Remove:
			edits = append(edits, rules.Edit{Start: found.line.Start, End: found.line.End})
		case found != nil:
			sp := found.val.full()
			ed := rules.Edit{Start: sp.Start, End: sp.End, NewText: op.Value}
			if !found.val.editable() || !found.val.tok.check([]rules.Edit{ed}) {
				return nil, false
			}
			edits = append(edits, ed)
		case op.Remove:
		default:
			nl := "\n"
			if last.crlf {
				nl = "\r\n"
			}
			if !last.nl {
				// The last line has no line break: the new one starts with its own.
				added.WriteString(nl + op.Key + "=" + op.Value)
			} else {
				added.WriteString(op.Key + "=" + op.Value + nl)
			}
		}
	}
	if added.Len() > 0 {
		edits = append(edits, rules.Edit{Start: last.line.End, End: last.line.End, NewText: added.String()})
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Start < edits[j].Start })
	return edits, true
}
