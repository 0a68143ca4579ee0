package pgconf

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A small SQL scanner, enough to find ALTER SYSTEM statements in SQL files and psql scripts
// and to read their values as the server's scanner (src/backend/parser/scan.l) does. It knows
// what can hide a semicolon or the words ALTER SYSTEM: comments (-- and nested /* */), quoted
// identifiers, string constants of every kind and dollar quotes, plus psql's backslash
// commands, which run to the end of their line.

type sqlKind uint8

const (
	sqlEOF    sqlKind = iota
	sqlIdent          // unquoted identifier or keyword; text is lower-cased
	sqlQIdent         // "quoted identifier"
	sqlString         // '...', E'...', N'...', U&'...', $$...$$; text is the decoded value
	sqlNumber         // integer or decimal constant; text as the server prints it
	sqlOp             // operator or punctuation; text as written
	sqlSemi           // ;
	sqlOther          // a token that is never a GUC value: bit strings, $1, numbers with junk
)

type sqlTok struct {
	kind       sqlKind
	text       string
	start, end int
}

type sqlLexer struct {
	src []byte
	pos int
}

// next returns the next token, skipping blanks, comments and psql backslash commands.
func (l *sqlLexer) next() sqlTok {
	for l.pos < len(l.src) {
		start := l.pos
		c := l.src[start]
		switch {
		case isSQLSpace(c):
			l.pos++
		case c == '-' && l.peek(1) == '-':
			l.skipToEOL()
		case c == '/' && l.peek(1) == '*':
			l.skipBlockComment()
		case c == '\\':
			// A psql meta-command (\set, \connect, \gexec ...) takes the rest of the line.
			l.skipToEOL()
		default:
			t := l.token()
			t.start = start
			t.end = l.pos
			return t
		}
	}
	return sqlTok{kind: sqlEOF, start: l.pos, end: l.pos}
}

func (l *sqlLexer) peek(k int) byte {
	if l.pos+k < len(l.src) {
		return l.src[l.pos+k]
	}
	return 0
}

func (l *sqlLexer) skipToEOL() {
	for l.pos < len(l.src) && l.src[l.pos] != '\n' {
		l.pos++
	}
}

// skipBlockComment skips a /* */ comment; they nest, and an unterminated one runs to the end.
func (l *sqlLexer) skipBlockComment() {
	depth := 0
	for l.pos < len(l.src) {
		switch {
		case l.src[l.pos] == '/' && l.peek(1) == '*':
			depth++
			l.pos += 2
		case l.src[l.pos] == '*' && l.peek(1) == '/':
			depth--
			l.pos += 2
			if depth == 0 {
				return
			}
		default:
			l.pos++
		}
	}
}

// token scans the token at l.pos (not a blank or comment).
func (l *sqlLexer) token() sqlTok {
	c := l.src[l.pos]
	switch {
	case c == '\'':
		return l.stringConst(false)
	case (c == 'E' || c == 'e') && l.peek(1) == '\'':
		l.pos++
		return l.stringConst(true)
	case (c == 'N' || c == 'n') && l.peek(1) == '\'':
		l.pos++
		return l.stringConst(false)
	case (c == 'B' || c == 'b' || c == 'X' || c == 'x') && l.peek(1) == '\'':
		l.pos++
		l.stringConst(false)
		return sqlTok{kind: sqlOther}
	case (c == 'U' || c == 'u') && l.peek(1) == '&' && l.peek(2) == '\'':
		l.pos += 2
		t := l.stringConst(false)
		t.text = decodeUnicodeEscapes(t.text)
		return t
	case (c == 'U' || c == 'u') && l.peek(1) == '&' && l.peek(2) == '"':
		l.pos += 2
		return l.quotedIdent()
	case c == '"':
		return l.quotedIdent()
	case c == '$':
		return l.dollar()
	case c == ';':
		l.pos++
		return sqlTok{kind: sqlSemi, text: ";"}
	case isSQLIdentStart(c):
		start := l.pos
		for l.pos < len(l.src) && isSQLIdentCont(l.src[l.pos]) {
			l.pos++
		}
		return sqlTok{kind: sqlIdent, text: asciiLower(string(l.src[start:l.pos]))}
	case isDigit(c) || c == '.' && isDigit(l.peek(1)):
		return l.number()
	case isSQLOpChar(c):
		return l.operator()
	}
	l.pos++
	return sqlTok{kind: sqlOp, text: string(c)}
}

// stringConst scans a quoted string from the opening quote at l.pos, with a doubled quote
// for a quote and, for E-strings, backslash escapes. Constants separated only by whitespace that
// includes a newline are one constant (SQL's continuation rule). Backslashes are literal in
// plain strings: standard_conforming_strings has been on by default since PostgreSQL 9.1.
func (l *sqlLexer) stringConst(escapes bool) sqlTok {
	var b strings.Builder
	for {
		l.pos++ // the opening quote
		for l.pos < len(l.src) {
			c := l.src[l.pos]
			if c == '\'' {
				if l.peek(1) == '\'' {
					b.WriteByte('\'')
					l.pos += 2
					continue
				}
				break
			}
			if c == '\\' && escapes && l.pos+1 < len(l.src) {
				l.pos += l.escape(&b)
				continue
			}
			b.WriteByte(c)
			l.pos++
		}
		if l.pos >= len(l.src) {
			return sqlTok{kind: sqlOther} // unterminated
		}
		l.pos++ // the closing quote
		if !l.continuation() {
			return sqlTok{kind: sqlString, text: b.String()}
		}
	}
}

// continuation moves to the quote that continues a string constant, if one does: blanks and
// -- comments with at least one newline among them, then a quote.
func (l *sqlLexer) continuation() bool {
	i, newline := l.pos, false
	for i < len(l.src) {
		switch c := l.src[i]; {
		case c == '\n':
			newline = true
			i++
		case isSQLSpace(c):
			i++
		case c == '-' && i+1 < len(l.src) && l.src[i+1] == '-':
			for i < len(l.src) && l.src[i] != '\n' {
				i++
			}
		case c == '\'' && newline:
			l.pos = i
			return true
		default:
			return false
		}
	}
	return false
}

// escape decodes the backslash escape at l.pos into b and returns its length.
func (l *sqlLexer) escape(b *strings.Builder) int {
	s := l.src[l.pos+1:]
	switch s[0] {
	case 'b':
		b.WriteByte('\b')
	case 'f':
		b.WriteByte('\f')
	case 'n':
		b.WriteByte('\n')
	case 'r':
		b.WriteByte('\r')
	case 't':
		b.WriteByte('\t')
	case 'x':
		n := 1
		v := 0
		for n < 3 && n < len(s) && isHexDigit(s[n]) {
			v = v<<4 + hexVal(s[n])
			n++
		}
		if n == 1 {
			b.WriteByte('x')
			return 2
		}
		b.WriteByte(byte(v))
		return 1 + n
	case 'u', 'U':
		width := 4
		if s[0] == 'U' {
			width = 8
		}
		if r, ok := hexRune(s[1:], width); ok {
			b.WriteRune(r)
			return 2 + width
		}
		b.WriteByte(s[0])
	default:
		if '0' <= s[0] && s[0] <= '7' {
			n, v := 0, 0
			for n < 3 && n < len(s) && '0' <= s[n] && s[n] <= '7' {
				v = v<<3 + int(s[n]-'0')
				n++
			}
			b.WriteByte(byte(v))
			return 1 + n
		}
		b.WriteByte(s[0])
	}
	return 2
}

// decodeUnicodeEscapes decodes the \XXXX and \+XXXXXX escapes of a U&-string (with the
// default escape character; a UESCAPE clause is rare enough to leave alone).
func decodeUnicodeEscapes(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		switch s[i+1] {
		case '\\':
			b.WriteByte('\\')
			i++
		case '+':
			if r, ok := hexRune([]byte(s[i+2:]), 6); ok {
				b.WriteRune(r)
				i += 7
				continue
			}
			b.WriteByte('\\')
		default:
			if r, ok := hexRune([]byte(s[i+1:]), 4); ok {
				b.WriteRune(r)
				i += 4
				continue
			}
			b.WriteByte('\\')
		}
	}
	return b.String()
}

func hexRune(s []byte, width int) (rune, bool) {
	if len(s) < width {
		return 0, false
	}
	v := 0
	for _, c := range s[:width] {
		if !isHexDigit(c) {
			return 0, false
		}
		v = v<<4 + hexVal(c)
	}
	if v > utf8.MaxRune {
		return 0, false
	}
	return rune(v), true
}

func hexVal(c byte) int {
	switch {
	case isDigit(c):
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	}
	return int(c-'A') + 10
}

// quotedIdent scans a "quoted identifier" with "" for a quote; its case is kept.
func (l *sqlLexer) quotedIdent() sqlTok {
	var b strings.Builder
	for l.pos++; l.pos < len(l.src); l.pos++ {
		if l.src[l.pos] != '"' {
			b.WriteByte(l.src[l.pos])
			continue
		}
		if l.peek(1) != '"' {
			l.pos++
			return sqlTok{kind: sqlQIdent, text: b.String()}
		}
		b.WriteByte('"')
		l.pos++
	}
	return sqlTok{kind: sqlOther} // unterminated
}

// dollar scans a dollar-quoted string ($$...$$, $tag$...$tag$) or a parameter ($1).
func (l *sqlLexer) dollar() sqlTok {
	i := l.pos + 1
	for i < len(l.src) && isSQLIdentCont(l.src[i]) && l.src[i] != '$' {
		if i == l.pos+1 && isDigit(l.src[i]) {
			break // $1 is a parameter; tags cannot start with a digit
		}
		i++
	}
	if i >= len(l.src) || l.src[i] != '$' {
		l.pos++
		for l.pos < len(l.src) && isDigit(l.src[l.pos]) {
			l.pos++
		}
		return sqlTok{kind: sqlOther}
	}
	body := i + 1
	tag := i + 1 - l.pos
	end := bytes.Index(l.src[body:], l.src[l.pos:i+1])
	if end < 0 {
		l.pos = len(l.src)
		return sqlTok{kind: sqlOther} // unterminated: the rest is inside it
	}
	l.pos = body + end + tag
	return sqlTok{kind: sqlString, text: string(l.src[body : body+end])}
}

// number scans a numeric constant: decimal digits with _ separators, a fraction and an
// exponent, or a 0x, 0o, 0b integer. An integer that fits in 32 bits is printed in decimal, as
// the server prints integer constants; anything else keeps its text, as float constants do.
// Letters right after a number are junk the server rejects.
func (l *sqlLexer) number() sqlTok {
	start := l.pos
	if l.src[l.pos] == '0' && strings.ContainsRune("xXoObB", rune(l.peek(1))) {
		l.pos += 2
		for l.pos < len(l.src) && (isHexDigit(l.src[l.pos]) || l.src[l.pos] == '_') {
			l.pos++
		}
	} else {
		l.digits()
		if l.pos < len(l.src) && l.src[l.pos] == '.' && l.peek(1) != '.' {
			l.pos++
			l.digits()
		}
		if c := l.peek(0); c == 'e' || c == 'E' {
			j := l.pos + 1
			if j < len(l.src) && (l.src[j] == '+' || l.src[j] == '-') {
				j++
			}
			if j < len(l.src) && isDigit(l.src[j]) {
				l.pos = j
				l.digits()
			}
		}
	}
	text := string(l.src[start:l.pos])
	if l.pos < len(l.src) && isSQLIdentStart(l.src[l.pos]) {
		for l.pos < len(l.src) && isSQLIdentCont(l.src[l.pos]) {
			l.pos++
		}
		return sqlTok{kind: sqlOther}
	}
	base := 10
	if len(text) > 1 && text[0] == '0' && !isDigit(text[1]) && text[1] != '.' && text[1] != '_' {
		base = 0 // 0x, 0o, 0b; a plain leading zero is still decimal
	}
	if n, err := strconv.ParseInt(strings.ReplaceAll(text, "_", ""), base, 32); err == nil {
		text = strconv.FormatInt(n, 10)
	}
	return sqlTok{kind: sqlNumber, text: text}
}

func (l *sqlLexer) digits() {
	for l.pos < len(l.src) && (isDigit(l.src[l.pos]) || l.src[l.pos] == '_') {
		l.pos++
	}
}

// operator scans an operator as scan.l does: the longest run of operator characters, cut
// before a comment start, and without trailing + and - unless it holds one of ~!@#^&|`?%
// (so "=-1" is "=" then "-1").
func (l *sqlLexer) operator() sqlTok {
	start := l.pos
	for l.pos < len(l.src) && isSQLOpChar(l.src[l.pos]) {
		if l.pos > start && (l.src[l.pos-1] == '-' && l.src[l.pos] == '-' || l.src[l.pos-1] == '/' && l.src[l.pos] == '*') {
			l.pos--
			break
		}
		l.pos++
	}
	op := string(l.src[start:l.pos])
	if len(op) > 1 && !strings.ContainsAny(op, "~!@#^&|`?%") {
		for len(op) > 1 && (op[len(op)-1] == '+' || op[len(op)-1] == '-') {
			op = op[:len(op)-1]
		}
		l.pos = start + len(op)
	}
	return sqlTok{kind: sqlOp, text: op}
}

func isSQLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func isSQLIdentStart(c byte) bool { return isAlpha(c) || c == '_' || c >= 0x80 }
func isSQLIdentCont(c byte) bool  { return isSQLIdentStart(c) || isDigit(c) || c == '$' }
func isSQLOpChar(c byte) bool     { return strings.IndexByte("~!@#^&|`?+-*/%<>=", c) >= 0 }

// asciiLower lower-cases ASCII letters only, as the server's downcase_identifier does for
// identifiers in multibyte encodings.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
