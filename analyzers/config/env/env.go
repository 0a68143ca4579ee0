// Package env reads .env files, as dotenv (Node.js), python-dotenv and Docker Compose read
// them:
//
//	# comment
//	export KEY=value            # "export " is allowed and ignored
//	KEY = value with spaces     # an unquoted value ends at " #"; white space around it is trimmed
//	KEY='literal $NOT_EXPANDED'
//	KEY="escapes \n and ${VAR} interpolation"   # may span lines
//
// ${VAR} in a value makes it dynamic (rules.IsDynamic), unless VAR is a key above it: a
// value that is exactly ${VAR} reads that key's value, and one that is exactly ${VAR:-default}
// reads its default when no key above sets VAR (see the analysis' deref). Single-quoted and
// backquoted values expand nothing.
package env

import (
	"strings"

	"github.com/pgtlslint/pgtlslint/analyzers/config/doc"
	"github.com/pgtlslint/pgtlslint/model/srcmap"
	"github.com/pgtlslint/pgtlslint/rules"
)

// Parse reads an env file. Lines that are not settings are skipped: dotenv ignores them too.
func Parse(_ string, content []byte, base int) (*doc.Document, error) {
	d := doc.New()
	s := string(content)
	for pos := base; pos < len(s); {
		lineEnd := strings.IndexByte(s[pos:], '\n')
		if lineEnd < 0 {
			lineEnd = len(s)
		} else {
			lineEnd += pos
		}
		next := line(d, s, pos, lineEnd)
		if next <= pos {
			next = lineEnd + 1
		}
		pos = next
	}
	return d, nil
}

// skipBlanks returns the first index from k on (before le) that is not a blank.
func skipBlanks(s string, k, le int) int {
	for k < le && (s[k] == ' ' || s[k] == '\t') {
		k++
	}
	return k
}

// line reads the setting on the line [ls, le) and returns where the next line starts (a
// quoted value may have spanned several lines).
func line(d *doc.Document, s string, ls, le int) int {
	name, ks, k, ok := key(s, ls, le)
	if !ok {
		return le + 1
	}
	v, rawEnd, ok := value(s, k, le)
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
	d.Add(&doc.Entry{Key: name, Path: name, Val: v, Pair: rules.Span{Start: ks, End: v.Full().End}, Remove: &rm, Var: true})
	return lineEnd
}

// key reads "[export] KEY =" on the line [ls, le): the key, where it starts and where the value
// starts.
func key(s string, ls, le int) (name string, ks, vs int, ok bool) {
	k := skipBlanks(s, ls, le)
	if k >= le || s[k] == '#' {
		return "", 0, 0, false
	}
	if strings.HasPrefix(s[k:le], "export ") || strings.HasPrefix(s[k:le], "export\t") {
		k = skipBlanks(s, k+len("export"), le)
	}
	ks = k
	for k < le && (doc.IsWordChar(s[k]) || s[k] == '.' || s[k] == '-') {
		k++
	}
	if k == ks {
		return "", 0, 0, false
	}
	name = s[ks:k]
	k = skipBlanks(s, k, le)
	if k >= le || s[k] != '=' {
		return "", 0, 0, false
	}
	return name, ks, skipBlanks(s, k+1, le), true
}

// value reads the value starting at s[k] on a line ending at le. It returns the value and the
// offset just after its raw text.
func value(s string, k, le int) (doc.Value, int, bool) {
	if k < len(s) && (s[k] == '"' || s[k] == '\'' || s[k] == '`') {
		return quotedValue(s, k)
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
	return doc.NewToken(raw, k, raw, srcmap.Identity(k, len(raw)), decodeUnquoted), e, true
}

// quotedValue reads the quoted value at s[k]: double quotes have escapes, single quotes and
// backquotes none; all may span lines.
func quotedValue(s string, k int) (doc.Value, int, bool) {
	q := s[k]
	end := doc.ClosingQuote(s, k, q)
	if end < 0 {
		return doc.Value{}, 0, false
	}
	raw := s[k : end+1]
	decode := func(r string, base int) (string, *srcmap.Map, bool) {
		if q == '"' {
			return doc.DecodeQuoted(r, base, q, doc.EnvEscapes, true)
		}
		return doc.LiteralQuoted(r, base, q, true)
	}
	val, m, ok := decode(raw, k)
	if !ok {
		return doc.Value{}, 0, false
	}
	v := doc.NewToken(raw, k, val, m, func(r string) (string, bool) {
		d, _, ok := decode(r, 0)
		return d, ok
	})
	if q != '"' {
		// Single quotes and backquotes interpolate nothing.
		v = v.AsLiteral()
	}
	return v, end + 1, true
}

// decodeUnquoted accepts an edited unquoted value only if dotenv still reads all of it.
func decodeUnquoted(raw string) (string, bool) {
	if raw == "" {
		return raw, true
	}
	if strings.ContainsAny(raw, "\n\r") || strings.Contains(raw, " #") || strings.Contains(raw, "\t#") ||
		strings.TrimSpace(raw) != raw || strings.IndexByte("\"'`#", raw[0]) >= 0 {
		return "", false
	}
	return raw, true
}
