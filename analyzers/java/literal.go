package java

import (
	"strings"
	"unicode/utf8"

	"github.com/pgtlslint/pgtlslint/analyzers/treesitter/syntax"
	"github.com/pgtlslint/pgtlslint/model/strval"
)

// unit is one character of a decoded Java string literal: the bytes it stands for and the
// file bytes [start, end) it is written as (several for an escape sequence).
type unit struct {
	text       string
	start, end int
	verbatim   bool // written as itself: a one-byte character copied from the file
}

// decoded is a string literal read once: its characters and the literal for strval.
type decoded struct {
	units []unit
	lit   *strval.Literal
}

// decodeLiteral decodes a string_literal node: a "..." string or a """ text block. It returns
// false for anything it cannot read exactly.
func (f *file) decodeLiteral(n *syntax.Node) (*decoded, bool) {
	if d, ok := f.lits[n]; ok {
		return d, d != nil
	}
	var d *decoded
	text := f.tree.Text(n)
	switch {
	case strings.HasPrefix(text, `"""`) && len(text) >= 6 && strings.HasSuffix(text, `"""`):
		d = decodeTextBlock(f.tree.Src, n.Start+3, n.End-3)
	case len(text) >= 2 && text[0] == '"' && text[len(text)-1] == '"':
		start, end := n.Start+1, n.End-1
		units, ok := decodeEscapes(f.tree.Src, start, end, false)
		if ok {
			d = &decoded{units: units, lit: &strval.Literal{Start: start, End: end, Escape: escapeString}}
		}
	}
	f.lits[n] = d
	return d, d != nil
}

// decodeEscapes reads the characters of src[start:end], Java escapes included. In a text block
// (block true) a backslash at the end of the range is a line continuation and is dropped.
func decodeEscapes(src []byte, start, end int, block bool) ([]unit, bool) {
	var out []unit
	for i := start; i < end; {
		c := src[i]
		if c != '\\' {
			out = append(out, unit{text: string(c), start: i, end: i + 1, verbatim: true})
			i++
			continue
		}
		if i+1 >= end {
			if block {
				return out, true
			}
			return nil, false
		}
		e := src[i+1]
		simple := map[byte]string{'b': "\b", 't': "\t", 'n': "\n", 'f': "\f", 'r': "\r", 's': " ", '"': "\"", '\'': "'", '\\': "\\"}
		if s, ok := simple[e]; ok {
			out = append(out, unit{text: s, start: i, end: i + 2})
			i += 2
			continue
		}
		switch {
		case e >= '0' && e <= '7':
			maxDigits := 2
			if e <= '3' {
				maxDigits = 3
			}
			j, v := i+1, 0
			for j < end && j < i+1+maxDigits && src[j] >= '0' && src[j] <= '7' {
				v = v*8 + int(src[j]-'0')
				j++
			}
			out = append(out, unit{text: string(rune(v)), start: i, end: j})
			i = j
		case e == 'u':
			j := i + 1
			for j < end && src[j] == 'u' {
				j++
			}
			if j+4 > end {
				return nil, false
			}
			r, ok := hex4(src[j : j+4])
			if !ok {
				return nil, false
			}
			j += 4
			if utf8.ValidRune(rune(r)) {
				out = append(out, unit{text: string(rune(r)), start: i, end: j})
			} else {
				// A lone surrogate (half of a pair written as two escapes): keep it as a
				// character no connection string holds.
				out = append(out, unit{text: "\uFFFD", start: i, end: j})
			}
			i = j
		default:
			return nil, false
		}
	}
	return out, true
}

func hex4(b []byte) (int, bool) {
	v := 0
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			v = v*16 + int(c-'0')
		case c >= 'a' && c <= 'f':
			v = v*16 + int(c-'a'+10)
		case c >= 'A' && c <= 'F':
			v = v*16 + int(c-'A'+10)
		default:
			return 0, false
		}
	}
	return v, true
}

// decodeTextBlock reads a text block whose content (after the opening and before the closing
// delimiter) is src[start:end]: incidental indentation and trailing spaces are stripped, then
// escapes are read (JLS 15 §3.10.6).
func decodeTextBlock(src []byte, start, end int) *decoded {
	// The opening delimiter is followed by spaces and a line terminator.
	i := start
	for i < end && (src[i] == ' ' || src[i] == '\t' || src[i] == '\f') {
		i++
	}
	if i >= end || (src[i] != '\n' && src[i] != '\r') {
		return nil
	}
	if src[i] == '\r' && i+1 < end && src[i+1] == '\n' {
		i++
	}
	i++
	type line struct{ s, e, term int } // content [s, e), line terminator at term (-1: none)
	var lines []line
	for s := i; ; {
		e := s
		for e < end && src[e] != '\n' && src[e] != '\r' {
			e++
		}
		if e >= end {
			lines = append(lines, line{s, e, -1})
			break
		}
		next := e + 1
		if src[e] == '\r' && next < end && src[next] == '\n' {
			next++
		}
		lines = append(lines, line{s, e, e})
		s = next
	}
	blank := func(l line) bool {
		for k := l.s; k < l.e; k++ {
			if src[k] != ' ' && src[k] != '\t' && src[k] != '\f' {
				return false
			}
		}
		return true
	}
	indent := -1
	for k, l := range lines {
		last := k == len(lines)-1
		if blank(l) && !last {
			continue
		}
		n := 0
		for l.s+n < l.e && (src[l.s+n] == ' ' || src[l.s+n] == '\t' || src[l.s+n] == '\f') {
			n++
		}
		if indent < 0 || n < indent {
			indent = n
		}
	}
	if indent < 0 {
		indent = 0
	}
	var units []unit
	for k, l := range lines {
		s, e := l.s, l.e
		for e > s && (src[e-1] == ' ' || src[e-1] == '\t' || src[e-1] == '\f') {
			e--
		}
		s = min(s+indent, e)
		u, ok := decodeEscapes(src, s, e, true)
		if !ok {
			return nil
		}
		units = append(units, u...)
		continuation := false
		if e > s && src[e-1] == '\\' {
			// An odd run of backslashes ends in a line continuation.
			n := 0
			for k := e - 1; k >= s && src[k] == '\\'; k-- {
				n++
			}
			continuation = n%2 == 1
		}
		if l.term >= 0 && !continuation && k < len(lines)-1 {
			units = append(units, unit{text: "\n", start: l.term, end: l.term + 1})
		}
	}
	return &decoded{units: units, lit: &strval.Literal{Start: start, End: end, Escape: escapeTextBlock}}
}

// escapeString writes text for a "..." literal.
func escapeString(text string) (string, bool) {
	var b strings.Builder
	for _, r := range text {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '"':
			b.WriteString(`\"`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 || r == utf8.RuneError {
				return "", false
			}
			b.WriteRune(r)
		}
	}
	return b.String(), true
}

// escapeTextBlock writes text for a text block: only text that needs no escape and cannot
// change the indentation.
func escapeTextBlock(text string) (string, bool) {
	for _, r := range text {
		if r < 0x20 || r == '\\' || r == '"' || r == utf8.RuneError {
			return "", false
		}
	}
	return text, true
}
