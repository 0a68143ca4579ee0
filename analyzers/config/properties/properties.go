// Package properties reads Java .properties files as java.util.Properties.load reads them (and
// with it Spring Boot's application.properties): # and ! start comment lines; a line ending in
// an odd number of backslashes continues on the next, whose leading white space is dropped; the
// key ends at the first unescaped '=', ':' or white space; \t \n \r \f \uXXXX are escapes and
// any other backslash escapes the character after it. Trailing white space of a value is
// dropped for the analysis (Spring Boot trims it), not in the file.
package properties

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pgtlslint/pgtlslint/analyzers/config/doc"
	"github.com/pgtlslint/pgtlslint/model/srcmap"
	"github.com/pgtlslint/pgtlslint/rules"
)

// Parse extracts every key = value of a properties file.
func Parse(_ string, content []byte, base int) (*doc.Document, error) {
	d := doc.New()
	s := string(content)
	for pos := base; pos < len(s); {
		ls := pos
		// Leading white space of the natural line.
		for pos < len(s) && isBlank(s[pos]) {
			pos++
		}
		if pos >= len(s) {
			break
		}
		if s[pos] == '\n' || s[pos] == '\r' || s[pos] == '#' || s[pos] == '!' {
			pos = nextNatural(s, pos)
			continue
		}
		end := logicalEnd(s, pos)
		line(d, s, ls, pos, end)
		pos = nextNatural(s, end)
	}
	return d, nil
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\f' }

// nextNatural returns the start of the natural line after the one holding s[i].
func nextNatural(s string, i int) int {
	for i < len(s) && s[i] != '\n' && s[i] != '\r' {
		i++
	}
	if i < len(s) && s[i] == '\r' {
		i++
	}
	if i < len(s) && s[i] == '\n' {
		i++
	}
	return i
}

// logicalEnd returns the end (before the line break) of the logical line starting at s[i].
func logicalEnd(s string, i int) int {
	for {
		e := i
		for e < len(s) && s[e] != '\n' && s[e] != '\r' {
			e++
		}
		bs := 0
		for k := e - 1; k >= i && s[k] == '\\'; k-- {
			bs++
		}
		if bs%2 == 0 || e >= len(s) {
			return e
		}
		i = nextNatural(s, e)
		if i >= len(s) {
			return len(s)
		}
	}
}

// line reads the logical line [ks, end) whose natural line starts at ls.
func line(d *doc.Document, s string, ls, ks, end int) {
	raw := s[ks:end]
	k := keyEnd(raw)
	key, _, ok := decode(raw[:k], ks)
	if !ok || key == "" {
		return
	}
	v := valueStart(raw, k)
	vraw := raw[v:]
	val, m, ok := decode(vraw, ks+v)
	if !ok {
		return
	}
	full := doc.NewToken(vraw, ks+v, val, m, func(r string) (string, bool) {
		d, _, ok := decode(r, 0)
		return d, ok
	})
	trimmed := full.Sub(0, len(strings.TrimRight(val, " \t\f")))
	rm := rules.Span{Start: ls, End: nextNatural(s, end)}
	d.Add(&doc.Entry{Key: key, Path: key, Val: trimmed, Pair: rules.Span{Start: ks, End: trimmed.Full().End}, Remove: &rm})
}

// keyEnd returns the end of the key of a logical line: its first unescaped separator.
func keyEnd(raw string) int {
	k := 0
	for k < len(raw) {
		c := raw[k]
		if c == '\\' {
			k += 2
			continue
		}
		if c == '=' || c == ':' || isBlank(c) {
			break
		}
		k++
	}
	return min(k, len(raw))
}

// valueStart returns the start of the value after the key ending at raw[k]: past blanks, one
// '=' or ':', and blanks.
func valueStart(raw string, k int) int {
	v := k
	for v < len(raw) && isBlank(raw[v]) {
		v++
	}
	if v < len(raw) && (raw[v] == '=' || raw[v] == ':') {
		v++
	}
	for v < len(raw) && isBlank(raw[v]) {
		v++
	}
	return v
}

// escapes are the one-letter escapes; any other escaped character is itself.
var escapes = map[byte]string{'t': "\t", 'n': "\n", 'r': "\r", 'f': "\f"}

// decode decodes escapes and line continuations of raw text at file offset base.
func decode(raw string, base int) (string, *srcmap.Map, bool) {
	var b srcmap.Builder
	for k := 0; k < len(raw); {
		c := raw[k]
		if c == '\\' {
			w, ok := escape(&b, raw, k, base)
			if !ok {
				return "", nil, false
			}
			k += w
			continue
		}
		if c == '\n' || c == '\r' {
			// Only a continuation may contain a line break.
			return "", nil, false
		}
		b.Lit(c, base+k)
		k++
	}
	s, m := b.DoneAt(base+len(raw), base+len(raw))
	return s, m, true
}

// escape decodes the backslash sequence at raw[k] into b and returns its width.
func escape(b *srcmap.Builder, raw string, k, base int) (int, bool) {
	if k+1 >= len(raw) {
		return 0, false
	}
	n := raw[k+1]
	switch {
	case n == '\n' || n == '\r':
		// A continuation: the line break and the next line's leading white space go.
		j := k + 2
		if n == '\r' && j < len(raw) && raw[j] == '\n' {
			j++
		}
		for j < len(raw) && isBlank(raw[j]) {
			j++
		}
		b.Esc("", base+k, base+j)
		return j - k, true
	case escapes[n] != "":
		b.Esc(escapes[n], base+k, base+k+2)
		return 2, true
	case n == 'u':
		if k+6 > len(raw) {
			return 0, false
		}
		r, err := strconv.ParseUint(raw[k+2:k+6], 16, 32)
		if err != nil {
			return 0, false
		}
		text := string(rune(r))
		if !utf8.ValidRune(rune(r)) {
			text = "\uFFFD"
		}
		b.Esc(text, base+k, base+k+6)
		return 6, true
	}
	_, w := utf8.DecodeRuneInString(raw[k+1:])
	b.Esc(raw[k+1:k+1+w], base+k, base+k+1+w)
	return 1 + w, true
}
