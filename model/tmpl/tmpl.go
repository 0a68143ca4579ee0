// Package tmpl knows the syntax of the template engines whose files are committed before they
// are rendered: Go templates (Helm charts, and most Go tools) and Jinja2 (Ansible, Salt)
// write actions between {{ }}, Jinja2 also statements between {% %} and comments between
// {# #}, ERB (Chef, Rails' database.yml) between <% %>, Template Toolkit between [% %]. An
// action is filled in when the file is rendered: for a reader of the file it is a value known
// only then, never a syntax error of the format around it.
//
// Mask hides the actions from a format's parser without moving any byte, so that offsets into
// the masked text are offsets into the file.
package tmpl

import (
	"bytes"
	"path"
	"strings"
)

// EngineSuffixes are the suffixes of files that hold the syntax of a template engine and
// render to a file of the same name without them (Ansible, Salt and other Jinja2 users, Go
// tools, Chef's and Rails' ERB, Mustache, Handlebars).
var EngineSuffixes = []string{".j2", ".jinja", ".jinja2", ".tmpl", ".tpl", ".template", ".gotmpl", ".erb", ".mustache", ".hbs"}

// IsTemplateName reports whether the slash- or OS-separated path p names a template by its
// suffix (pg_hba.conf.j2).
func IsTemplateName(p string) bool {
	b := strings.ToLower(path.Base(strings.ReplaceAll(p, "\\", "/")))
	for _, s := range EngineSuffixes {
		if strings.HasSuffix(b, s) {
			return true
		}
	}
	return false
}

// delim is the opening and closing delimiter of one kind of action.
type delim struct {
	open, close []byte
	// control is set for statements that decide which lines are rendered ({% if %}); Go
	// templates write theirs ({{ if }}) like any other action.
	control bool
}

// delims are the actions of the engines above, in the order they are tried at one byte.
var delims = []delim{
	{open: []byte("{{"), close: []byte("}}")},
	{open: []byte("{%"), close: []byte("%}"), control: true},
	{open: []byte("{#"), close: []byte("#}")},
	{open: []byte("<%"), close: []byte("%>"), control: true},
	{open: []byte("[%"), close: []byte("%]"), control: true},
}

// Has reports whether b holds the opening delimiter of an action.
func Has(b []byte) bool {
	for _, d := range delims {
		if bytes.Contains(b, d.open) {
			return true
		}
	}
	return false
}

// Starts reports whether b starts with the opening delimiter of an action.
func Starts(b []byte) bool {
	_, ok := delimAt(b, 0)
	return ok
}

// HasControl reports whether b holds the opening delimiter of a statement that decides which
// lines are rendered ({% if %}, <% if %>): the lines of such a file are not all of the
// rendered file.
func HasControl(b []byte) bool {
	for _, d := range delims {
		if d.control && bytes.Contains(b, d.open) {
			return true
		}
	}
	return false
}

// Span is the byte range [Start, End) of one action, delimiters included.
type Span struct{ Start, End int }

// Actions returns the complete actions of b in order. An action may span lines (a Go template
// comment, a Jinja2 statement); an opening delimiter that is never closed ends the search, and
// the rest of b is taken as text.
func Actions(b []byte) []Span {
	var out []Span
	for i := 0; i+1 < len(b); {
		d, ok := delimAt(b, i)
		if !ok {
			i++
			continue
		}
		j := bytes.Index(b[i+len(d.open):], d.close)
		if j < 0 {
			break
		}
		end := i + len(d.open) + j + len(d.close)
		out = append(out, Span{Start: i, End: end})
		i = end
	}
	return out
}

// delimAt returns the kind of action whose opening delimiter is at b[i].
func delimAt(b []byte, i int) (delim, bool) {
	for _, d := range delims {
		if bytes.HasPrefix(b[i:], d.open) {
			return d, true
		}
	}
	return delim{}, false
}

// Mask returns a copy of b in which no action is left, and whether b had any. A line that
// holds nothing but actions and blanks (a control line such as {{- if .Values.tls }} or
// {% endfor %}, or an action that renders whole lines of the format, such as
// {{- toYaml .Values.env | nindent 12 }}) becomes empty: carriage returns, which the formats
// read as an empty line (YAML: line breaks, so that even inside a block scalar no line of
// spaces is indented differently from its content; pg_hba.conf and postgresql.conf: blanks),
// since what it renders is unknown. Any other action becomes a word of the same length, "$"
// followed by underscores, which the formats read as a plain value and rules.IsDynamic as a
// reference. The line feeds stay where they are, so byte offsets into the masked text are
// those of b, and so are line numbers counted by line feeds.
func Mask(b []byte) ([]byte, bool) {
	acts := Actions(b)
	if len(acts) == 0 {
		return nil, false
	}
	out := append([]byte(nil), b...)
	in := make([]bool, len(b)) // byte i is part of an action
	for _, a := range acts {
		for i := a.Start; i < a.End; i++ {
			in[i] = true
		}
	}
	for ls := 0; ls < len(b); {
		le := bytes.IndexByte(b[ls:], '\n')
		if le < 0 {
			le = len(b)
		} else {
			le += ls
		}
		maskLine(out[ls:le], in[ls:le])
		ls = le + 1
	}
	return out, true
}

// maskLine masks one line (without its line break); in marks its action bytes.
func maskLine(line []byte, in []bool) {
	only, has := true, false
	for i, c := range line {
		switch {
		case in[i]:
			has = true
		case c != ' ' && c != '\t' && c != '\r':
			only = false
		}
	}
	if !has {
		return
	}
	for i := range line {
		switch {
		case only:
			line[i] = '\r'
		case in[i] && (i == 0 || !in[i-1]):
			line[i] = '$'
		case in[i]:
			line[i] = '_'
		}
	}
}
