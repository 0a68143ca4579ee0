// Package pgconf reads the PostgreSQL server's own configuration: postgresql.conf and the
// files in its syntax (postgresql.auto.conf, conf.d/*.conf), ALTER SYSTEM statements in SQL
// files, and settings on the postgres command line. It turns them into rules.ServerConfig
// values for rules.EvaluateServer.
//
// The postgresql.conf parser follows the server's scanner and parser
// (src/backend/utils/misc/guc-file.l) so that it reads every line the way the server does:
// "name = value" with the "=" optional, names case-insensitive, values unquoted, numbers with
// units, or single-quoted with doubled quotes and backslash escapes, "#" comments, and the include,
// include_if_exists and include_dir directives. A line the server would reject gets a Notice
// worded like the server's log message; the rest of the file still counts. The package is
// pure Go and does no I/O.
package pgconf

import (
	"fmt"
	"path"
	"strings"

	"github.com/pgtlslint/pgtlslint/model/tmpl"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/scan/filekind"
	"github.com/pgtlslint/pgtlslint/scan/result"
)

// Include is an include, include_if_exists or include_dir directive. The server reads the
// named file (or the *.conf files of the directory, in name order) in place of the line, so
// the settings of a file with includes are not the whole configuration.
type Include struct {
	Directive string // include, include_if_exists or include_dir, in lower case
	Target    string // the file or directory named, as the server reads it
	Line      int
	Span      rules.Span // the whole directive
}

// File is what one configuration file says.
type File struct {
	Config   *rules.ServerConfig
	Includes []Include
	Notices  []result.Notice // parse-error notices for lines the server would not accept
}

// maxNotices bounds the notices of one file. The postmaster gives up on a file after 100
// syntax errors; a binary file misread as a config would otherwise flood the output.
const maxNotices = 100

// Parse reads a file in postgresql.conf syntax. The configuration is Complete when the file is
// a postgresql.conf (also under a template suffix such as .j2 or .sample: what it renders to
// is the real file) and it has no include directives: then a parameter it does not set is at
// its default. postgresql.auto.conf, conf.d/*.conf and every other name are read as parts.
func Parse(path string, content []byte) (*rules.ServerConfig, []result.Notice) {
	f := ParseFile(path, content)
	return f.Config, f.Notices
}

// ParseFile is Parse that also returns the include directives.
func ParseFile(path string, content []byte) *File {
	p := &parser{
		lex:      newLexer(content),
		src:      content,
		path:     path,
		template: tmpl.IsTemplateName(path),
		f:        &File{Config: &rules.ServerConfig{Path: path, Origin: rules.OriginConfFile}},
	}
	p.parse()
	cfg := p.f.Config
	cfg.Complete = isMainConfName(path) && len(p.f.Includes) == 0 && !p.conditional
	return p.f
}

// Findings parses a file in postgresql.conf syntax and evaluates the server rules on it; the
// findings have their positions filled in.
func Findings(path string, content []byte) ([]rules.Finding, []result.Notice) {
	cfg, ns := Parse(path, content)
	fs := rules.EvaluateServer(cfg)
	rules.Locate(fs, content)
	return fs, ns
}

type parser struct {
	lex      *lexer
	src      []byte
	path     string
	template bool
	// conditional is set when a template has control blocks ({% if %}, <% if %>): lines may
	// be left out of what it renders, so its settings are not the whole file.
	conditional bool
	f           *File
}

// parse reads the file one logical line at a time, as ParseConfigFp does.
func (p *parser) parse() {
	for {
		t := p.lex.next()
		switch t.kind {
		case tokEOF:
			return
		case tokEOL:
			continue
		}
		if !p.line(t) {
			return
		}
	}
}

// line parses the line that starts with token first; it returns false at the end of the input.
func (p *parser) line(first token) bool {
	if !first.isName() {
		return p.syntaxError(first)
	}
	t := p.lex.next()
	if t.kind == tokEquals {
		t = p.lex.next()
	}
	if !t.isValue() {
		return p.syntaxError(t)
	}
	val := t
	end := p.lex.next()
	if end.kind != tokEOL && end.kind != tokEOF {
		return p.syntaxError(end)
	}
	p.record(first, val)
	return end.kind != tokEOF
}

// record adds a directive or a setting.
func (p *parser) record(name, val token) {
	n := asciiLower(string(p.src[name.start:name.end]))
	v := p.value(val)
	pair := rules.Span{Start: name.start, End: val.end}
	switch n {
	case "include", "include_if_exists", "include_dir":
		p.f.Includes = append(p.f.Includes, Include{Directive: n, Target: v, Line: name.line, Span: pair})
		return
	}
	p.f.Config.Settings = append(p.f.Config.Settings, rules.ServerSetting{
		Name:     n,
		Value:    v,
		Pair:     pair,
		Val:      rules.Span{Start: val.start, End: val.end},
		SetValue: confEditor(p.path, val, val.start == name.end),
	})
}

func (p *parser) value(t token) string {
	b := p.src[t.start:t.end]
	if t.kind == tokString {
		return unquoteString(b)
	}
	return string(b)
}

// syntaxError reports the line of token t as the server does, skips to the next line and
// returns false at the end of the input.
func (p *parser) syntaxError(t token) bool {
	if p.template && p.templateLine(t) {
		p.conditional = p.conditional || p.hasControlBlock(t)
	} else {
		p.notice(t)
	}
	if t.kind == tokEOL {
		return true
	}
	if t.kind != tokEOF {
		p.lex.skipLine()
	}
	return p.lex.pos < len(p.src)
}

func (p *parser) notice(t token) {
	ns := &p.f.Notices
	switch {
	case len(*ns) > maxNotices:
		return
	case len(*ns) == maxNotices:
		*ns = append(*ns, result.Notice{Path: p.path, Kind: result.NoticeParseError, Line: t.line, Message: fmt.Sprintf("too many syntax errors found, abandoning file %q", p.path)})
		return
	}
	near := "near end of line"
	if t.kind != tokEOL && t.kind != tokEOF {
		near = fmt.Sprintf("near token %q", p.src[t.start:t.end])
	}
	*ns = append(*ns, result.Notice{Path: p.path, Kind: result.NoticeParseError, Line: t.line, Message: fmt.Sprintf("syntax error in file %q line %d, %s", p.path, t.line, near)})
}

// lineOf returns the text of the line token t is on.
func (p *parser) lineOf(t token) string {
	start := t.start
	if t.kind == tokEOL && start > 0 {
		start-- // the newline ends the line it is on
	}
	for start > 0 && p.src[start-1] != '\n' {
		start--
	}
	end := t.start
	for end < len(p.src) && p.src[end] != '\n' {
		end++
	}
	return string(p.src[start:end])
}

// templateLine reports whether the line of t holds template syntax: in a template, such a line
// is for the template engine, not a configuration error.
func (p *parser) templateLine(t token) bool {
	return tmpl.Has([]byte(p.lineOf(t)))
}

func (p *parser) hasControlBlock(t token) bool {
	return tmpl.HasControl([]byte(p.lineOf(t)))
}

// isMainConfName reports whether the file is (a template or a sample of) the server's main
// config file: initdb copies postgresql.conf.sample, and the official Docker image edits that
// sample to listen on '*'.
func isMainConfName(p string) bool {
	return filekind.StripTemplate(strings.ToLower(path.Base(strings.ReplaceAll(p, "\\", "/")))) == "postgresql.conf"
}
