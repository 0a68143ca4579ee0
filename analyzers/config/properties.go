package config

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pgtlslint/pgtlslint/rules"
)

// Java .properties as java.util.Properties.load reads them (and with it Spring Boot's
// application.properties): # and ! start comment lines; a line ending in an odd number of
// backslashes continues on the next, whose leading white space is dropped; the key ends at the
// first unescaped '=', ':' or white space; \t \n \r \f \uXXXX are escapes and any other
// backslash escapes the character after it. Trailing white space of a value is dropped for
// the analysis (Spring Boot trims it), not in the file.

// parseProperties extracts every key = value of a properties file.
func (a *analysis) parseProperties(content []byte, base int) {
	s := string(content)
	for pos := base; pos < len(s); {
		ls := pos
		// Leading white space of the natural line.
		for pos < len(s) && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\f') {
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
		a.propertyLine(s, ls, pos, end)
		pos = nextNatural(s, end)
	}
}

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

// propertyLine reads the logical line [ks, end) whose natural line starts at ls.
func (a *analysis) propertyLine(s string, ls, ks, end int) {
	raw := s[ks:end]
	// The key: up to an unescaped separator.
	k := 0
	for k < len(raw) {
		c := raw[k]
		if c == '\\' {
			k += 2
			continue
		}
		if c == '=' || c == ':' || c == ' ' || c == '\t' || c == '\f' {
			break
		}
		k++
	}
	k = min(k, len(raw))
	key, _, ok := decodeProperty(raw[:k], ks)
	if !ok || key == "" {
		return
	}
	v := k
	for v < len(raw) && (raw[v] == ' ' || raw[v] == '\t' || raw[v] == '\f') {
		v++
	}
	if v < len(raw) && (raw[v] == '=' || raw[v] == ':') {
		v++
	}
	for v < len(raw) && (raw[v] == ' ' || raw[v] == '\t' || raw[v] == '\f') {
		v++
	}
	vraw := raw[v:]
	val, m, ok := decodeProperty(vraw, ks+v)
	if !ok {
		return
	}
	full := newToken(vraw, ks+v, val, m, func(r string) (string, bool) {
		d, _, ok := decodeProperty(r, 0)
		return d, ok
	})
	trimmed := full.sub(0, len(strings.TrimRight(val, " \t\f")))
	rm := rules.Span{Start: ls, End: nextNatural(s, end)}
	a.addEntry(&entry{key: key, path: key, val: trimmed, pair: rules.Span{Start: ks, End: trimmed.full().End}, remove: &rm})
}

// decodeProperty decodes escapes and line continuations of raw text at file offset base.
func decodeProperty(raw string, base int) (string, *mapping, bool) {
	var b builder
	for k := 0; k < len(raw); {
		c := raw[k]
		if c != '\\' {
			if c == '\n' || c == '\r' {
				// Only a continuation may contain a line break.
				return "", nil, false
			}
			b.lit(c, base+k)
			k++
			continue
		}
		if k+1 >= len(raw) {
			return "", nil, false
		}
		n := raw[k+1]
		switch n {
		case '\n', '\r':
			j := k + 2
			if n == '\r' && j < len(raw) && raw[j] == '\n' {
				j++
			}
			for j < len(raw) && (raw[j] == ' ' || raw[j] == '\t' || raw[j] == '\f') {
				j++
			}
			b.esc("", base+k, base+j)
			k = j
		case 't', 'n', 'r', 'f':
			b.esc(map[byte]string{'t': "\t", 'n': "\n", 'r': "\r", 'f': "\f"}[n], base+k, base+k+2)
			k += 2
		case 'u':
			if k+6 > len(raw) {
				return "", nil, false
			}
			r, err := strconv.ParseUint(raw[k+2:k+6], 16, 32)
			if err != nil {
				return "", nil, false
			}
			text := string(rune(r))
			if !utf8.ValidRune(rune(r)) {
				text = "\uFFFD"
			}
			b.esc(text, base+k, base+k+6)
			k += 6
		default:
			_, w := utf8.DecodeRuneInString(raw[k+1:])
			b.esc(raw[k+1:k+1+w], base+k, base+k+1+w)
			k += 1 + w
		}
	}
	s, m := b.done(base + len(raw))
	if len(s) == 0 {
		m = identity(base+len(raw), 0)
	}
	return s, m, true
}
