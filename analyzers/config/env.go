package config

import (
	"strings"

	"github.com/pgtlslint/pgtlslint/rules"
)

// .env files, as dotenv (Node.js), python-dotenv and Docker Compose read them:
//
//	# comment
//	export KEY=value            # "export " is allowed and ignored
//	KEY = value with spaces     # an unquoted value ends at " #"; white space around it is trimmed
//	KEY='literal $NOT_EXPANDED'
//	KEY="escapes \n and ${VAR} interpolation"   # may span lines
//
// ${VAR} in a value makes it dynamic (rules.IsDynamic); a value that is exactly
// ${VAR:-default} is evaluated by its default (see fallback).

// parseEnv reads an env file. Lines that are not settings are skipped: dotenv ignores them too.
func (a *analysis) parseEnv(content []byte, base int) {
	s := string(content)
	for pos := base; pos < len(s); {
		lineEnd := strings.IndexByte(s[pos:], '\n')
		if lineEnd < 0 {
			lineEnd = len(s)
		} else {
			lineEnd += pos
		}
		next := a.envLine(s, pos, lineEnd)
		if next <= pos {
			next = lineEnd + 1
		}
		pos = next
	}
}

// envLine reads the setting on the line [ls, le) and returns where the next line starts (a
// quoted value may have spanned several lines).
func (a *analysis) envLine(s string, ls, le int) int {
	k := ls
	for k < le && (s[k] == ' ' || s[k] == '\t') {
		k++
	}
	if k >= le || s[k] == '#' {
		return le + 1
	}
	if strings.HasPrefix(s[k:le], "export ") || strings.HasPrefix(s[k:le], "export\t") {
		k += len("export")
		for k < le && (s[k] == ' ' || s[k] == '\t') {
			k++
		}
	}
	ks := k
	for k < le && (isWordChar(s[k]) || s[k] == '.' || s[k] == '-') {
		k++
	}
	if k == ks {
		return le + 1
	}
	key := s[ks:k]
	for k < le && (s[k] == ' ' || s[k] == '\t') {
		k++
	}
	if k >= le || s[k] != '=' {
		return le + 1
	}
	k++
	for k < le && (s[k] == ' ' || s[k] == '\t') {
		k++
	}
	v, rawEnd, ok := envValue(s, k, le)
	if !ok {
		return le + 1
	}
	// The line (or lines) of the setting, for removing it.
	lineEnd := strings.IndexByte(s[rawEnd:], '\n')
	if lineEnd < 0 {
		lineEnd = len(s)
	} else {
		lineEnd += rawEnd + 1
	}
	rm := rules.Span{Start: ls, End: lineEnd}
	a.addEntry(&entry{key: key, path: key, val: v, pair: rules.Span{Start: ks, End: v.full().End}, remove: &rm})
	return lineEnd
}

// envValue reads the value starting at s[k] on a line ending at le. It returns the value and
// the offset just after its raw text.
func envValue(s string, k, le int) (value, int, bool) {
	if k < len(s) && (s[k] == '"' || s[k] == '\'' || s[k] == '`') {
		q := s[k]
		end := closingQuote(s, k, q)
		if end < 0 {
			return value{}, 0, false
		}
		raw := s[k : end+1]
		var val string
		var m *mapping
		var ok bool
		dec := func(r string) (string, bool) { d, _, ok := literalQuoted(r, 0, q, true); return d, ok }
		if q == '"' {
			val, m, ok = decodeQuoted(raw, k, q, envEscapes, true)
			dec = func(r string) (string, bool) { d, _, ok := decodeQuoted(r, 0, q, envEscapes, true); return d, ok }
		} else {
			val, m, ok = literalQuoted(raw, k, q, true)
		}
		if !ok {
			return value{}, 0, false
		}
		return newToken(raw, k, val, m, dec), end + 1, true
	}
	e := le
	if c := strings.Index(s[k:le], " #"); c >= 0 {
		e = k + c
	}
	if c := strings.Index(s[k:e], "\t#"); c >= 0 {
		e = k + c
	}
	for e > k && (s[e-1] == ' ' || s[e-1] == '\t' || s[e-1] == '\r') {
		e--
	}
	raw := s[k:e]
	return newToken(raw, k, raw, identity(k, len(raw)), decodeUnquotedEnv), e, true
}

// decodeUnquotedEnv accepts an edited unquoted value only if dotenv still reads all of it.
func decodeUnquotedEnv(raw string) (string, bool) {
	if raw == "" {
		return raw, true
	}
	if strings.ContainsAny(raw, "\n\r") || strings.Contains(raw, " #") || strings.Contains(raw, "\t#") ||
		strings.TrimSpace(raw) != raw || strings.IndexByte("\"'`#", raw[0]) >= 0 {
		return "", false
	}
	return raw, true
}

// closingQuote returns the index of the quote that closes the one at s[k], or -1. In double
// quotes a backslash escapes the next byte.
func closingQuote(s string, k int, q byte) int {
	for i := k + 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			if q == '"' {
				i++
			}
		case q:
			return i
		}
	}
	return -1
}
