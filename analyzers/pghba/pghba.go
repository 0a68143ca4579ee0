// Package pghba reads pg_hba.conf files the way PostgreSQL does (the tokenizer and the record
// parser of src/backend/libpq/hba.c, PostgreSQL 15–18) and hands the records to
// rules.EvaluateHBA. A line the server would reject becomes a Notice in the server's words,
// never a finding, and the rest of the file is still read. include, include_if_exists and
// include_dir lines (PostgreSQL 16) are recorded, not followed.
//
// Every span is a byte offset into the content as given: a record that continues over
// several lines (a backslash at the end of a line) keeps the offsets of each part.
package pghba

import (
	"bytes"
	"fmt"

	"github.com/pgtlslint/pgtlslint/model/tmpl"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/scan/result"
)

// Include is an include, include_if_exists or include_dir line.
type Include struct {
	Line      int
	Directive string
	// Target is the file or directory named, as the server reads it.
	Target rules.HBAField
	Span   rules.Span
}

// File is what Parse found in one pg_hba.conf file.
type File struct {
	Records []rules.HBARecord
	// Lines[i] is the (first) line number of Records[i].
	Lines    []int
	Includes []Include
	Notices  []result.Notice // parse-error for a line the server rejects, analyzer-panic for a bug caught by Parse
}

// bom is the UTF-8 byte order mark.
var bom = []byte("\ufeff")

// Parse reads a pg_hba.conf file. It never panics: a bug of its own becomes an analyzer-panic notice, and the records read so far are dropped.
func Parse(path string, content []byte) (f *File) {
	defer func() {
		if r := recover(); r != nil {
			f = &File{Notices: []result.Notice{{Path: path, Kind: result.NoticePanic, Message: fmt.Sprintf("pg_hba.conf analyzer panic: %v", r)}}}
		}
	}()
	return parse(path, content)
}

// parse is Parse without the safety net, for the tests: there a panic must surface.
func parse(path string, content []byte) *File {
	f := &File{}
	start := 0
	if bytes.HasPrefix(content, bom) {
		// The server does not skip a byte order mark: it becomes part of the first token, so
		// line 1 is an invalid connection type (even a comment) and the file is not loaded.
		// The rest of line 1 is still read, for what the file means once the mark is gone.
		f.Notices = append(f.Notices, result.Notice{Path: path, Kind: result.NoticeParseError, Line: 1, Message: "the file starts with a UTF-8 byte order mark, which PostgreSQL reads as part of the first word (invalid connection type); save the file without it"})
		start = len(bom)
	}
	// A template (pg_hba.conf.j2) is read with its template actions masked, byte for byte in
	// place: {{ net }} in an address is one word, a line of {% for %} is blank.
	text, template := content, tmpl.IsTemplateName(path)
	if template {
		if masked, ok := tmpl.Mask(content); ok {
			text = masked
		}
	}
	var tl tokenizedLine
	eachLine(text, start, func(l *logicalLine) {
		tl.tokenize(l.text)
		f.readLine(path, content, l, &tl, template)
	})
	return f
}

// readLine adds what one logical line holds to the file. In a template, a line with template
// syntax that is no record ({{ rule.type }} {{ rule.database }} ...) is for the template
// engine, not an error; one that is a record ({{ }} in its address) is read.
func (f *File) readLine(path string, content []byte, l *logicalLine, tl *tokenizedLine, template bool) {
	if len(tl.fields) == 0 {
		return
	}
	p := &lineParser{l: l, fields: tl.fields}
	if inc, ok := p.include(); ok {
		f.Includes = append(f.Includes, inc)
		return
	}
	if err := p.parse(); err != nil {
		if template && hasTemplate(content, l) {
			return
		}
		msg := err.Error()
		if tl.openQuote >= 0 {
			msg += " (a double quote is never closed on this line)"
		}
		f.Notices = append(f.Notices, result.Notice{Path: path, Kind: result.NoticeParseError, Line: l.num, Message: msg})
		return
	}
	if template {
		unmask(&p.rec, content)
	}
	r := p.rec
	r.Path = path
	r.Span = rules.Span{Start: r.Type.Span.Start, End: l.endOffset(lastEnd(tl))}
	r.Editor = &editor{content: content, record: r.Span}
	f.Records = append(f.Records, r)
	f.Lines = append(f.Lines, l.num)
}

// hasTemplate reports whether the file's own bytes of line l hold template syntax.
func hasTemplate(content []byte, l *logicalLine) bool {
	for _, sg := range l.segs {
		if tmpl.Has(content[sg.file : sg.file+sg.n]) {
			return true
		}
	}
	return false
}

// unmask gives the fields of a record read from masked text the file's own text where an
// action was masked, so that a message names the address as written ({{ net }}).
func unmask(r *rules.HBARecord, content []byte) {
	fix := func(f *rules.HBAField) {
		if f == nil || f.Quoted || f.Span.End-f.Span.Start != len(f.Text) {
			return
		}
		if own := string(content[f.Span.Start:f.Span.End]); own != f.Text && tmpl.Has([]byte(own)) {
			f.Text = own
		}
	}
	fix(&r.Type)
	fix(r.Address)
	fix(r.Mask)
	fix(&r.Method)
	for _, fs := range [][]rules.HBAField{r.Databases, r.Users, r.Options} {
		for i := range fs {
			fix(&fs[i])
		}
	}
}

// lastEnd is where the last token of a line ends, in the line's text.
func lastEnd(tl *tokenizedLine) int {
	last := tl.fields[len(tl.fields)-1]
	return last[len(last)-1].end
}

// include recognises an include line as the server does: exactly two fields, the first of
// which starts with one of the directives (quoted or not; a list's first token counts).
func (p *lineParser) include() (Include, bool) {
	if len(p.fields) != 2 || !includeDirectives[p.fields[0][0].text] {
		return Include{}, false
	}
	first, target := p.fields[0][0], p.fields[1][0]
	last := p.fields[1][len(p.fields[1])-1]
	return Include{
		Line:      p.l.num,
		Directive: first.text,
		Target:    p.hbaField(target),
		Span:      rules.Span{Start: p.l.startOffset(first.start), End: p.l.endOffset(last.end)},
	}, true
}

// Analyze returns the records of a pg_hba.conf file and the notices for the lines the server
// rejects.
func Analyze(path string, content []byte) ([]rules.HBARecord, []result.Notice) {
	f := Parse(path, content)
	return f.Records, f.Notices
}

// Findings analyzes a pg_hba.conf file and evaluates its records, with positions filled in.
func Findings(path string, content []byte) ([]rules.Finding, []result.Notice) {
	recs, ns := Analyze(path, content)
	fs := rules.EvaluateHBA(recs)
	rules.Locate(fs, content)
	return fs, ns
}
