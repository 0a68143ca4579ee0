package pghba

import (
	"bytes"
	"strings"

	"github.com/pgtlslint/pgtlslint/model/tmpl"
)

// sniffSize is how much of a file LooksLikeHBA reads.
const sniffSize = 8 << 10

// LooksLikeHBA reports whether the start of a file reads as pg_hba.conf, so that files with
// other names (hba.conf, pg_hba-prod.conf, a template) are recognised by their content: within
// the first 8 KiB, every line that is not blank or a comment is an include directive or starts
// with a connection type and has all the fields of a record, and at least one line is a
// record the server accepts. Options and methods may be wrong (that is what notices are for);
// a line of another format (key = value, [section]) is not.
func LooksLikeHBA(head []byte) bool {
	head = bytes.TrimPrefix(head, bom)
	if len(head) > sniffSize {
		head = head[:sniffSize]
		// The last line is cut: judge only the complete ones.
		if i := bytes.LastIndexByte(head, '\n'); i >= 0 {
			head = head[:i+1]
		}
	}
	records, fits := 0, true
	var tl tokenizedLine
	eachLine(head, 0, func(l *logicalLine) {
		if !fits {
			return
		}
		tl.tokenize(l.text)
		ok, record := sniffLine(l, &tl)
		fits = ok
		if record {
			records++
		}
	})
	return fits && records > 0
}

// sniffLine reports whether a line fits a pg_hba.conf, and whether it is a valid record.
func sniffLine(l *logicalLine, tl *tokenizedLine) (fits, record bool) {
	if len(tl.fields) == 0 {
		return true, false
	}
	p := &lineParser{l: l, fields: tl.fields}
	if _, ok := p.include(); ok {
		return true, false
	}
	first := tl.fields[0][0].text
	if !connTypes[first] {
		return false, false
	}
	need := 5
	if first == "local" {
		need = 4
	}
	if len(tl.fields) < need {
		return false, false
	}
	return true, p.parse() == nil
}

// LooksLikeNamedHBA reports whether the start of a file named like a pg_hba.conf is in its
// syntax, more leniently than LooksLikeHBA, since the name already says so: no fewer lines
// start with a connection type (in any case: HOST is a typo the notices are for) or an include
// directive than with anything else. Comments, blank lines and lines that start with a
// template action count for neither, so a template whose records are all actions keeps its
// name.
func LooksLikeNamedHBA(head []byte) bool {
	head = bytes.TrimPrefix(head, bom)
	records, other := 0, 0
	var tl tokenizedLine
	eachLine(head, 0, func(l *logicalLine) {
		tl.tokenize(l.text)
		if len(tl.fields) == 0 || tmpl.Has([]byte(tl.fields[0][0].text)) {
			return // a template's line that starts with an action may be anything
		}
		first := strings.ToLower(tl.fields[0][0].text)
		if connTypes[first] || strings.HasPrefix(first, "include") {
			records++
		} else {
			other++
		}
	})
	return records >= other
}
