package pgconf

// The lexer follows the flex scanner of src/backend/utils/misc/guc-file.l token for token:
//
//	INTEGER         {SIGN}?({DIGIT}+|0x{HEXDIGIT}+){UNIT_LETTER}*
//	REAL            {SIGN}?{DIGIT}*"."{DIGIT}*{EXPONENT}?
//	LETTER          [A-Za-z_\200-\377]
//	ID              {LETTER}{LETTER_OR_DIGIT}*
//	QUALIFIED_ID    {ID}"."{ID}
//	UNQUOTED_STRING {LETTER}({LETTER_OR_DIGIT}|[-._:/])*
//	STRING          \'([^'\\\n]|\\.|\'\')*\'
//
// with "\n" ending a line, [ \t\r]+ skipped, "#.*" a comment and any other byte an error
// token. flex takes the longest match and, between matches of equal length, the rule listed
// first (ID, QUALIFIED_ID, STRING, UNQUOTED_STRING, INTEGER, REAL, "="); scanWord and
// scanNumber reproduce that choice. No token spans a line.

type tokKind uint8

const (
	tokEOF tokKind = iota
	tokID
	tokQualifiedID
	tokString
	tokUnquoted
	tokInteger
	tokReal
	tokEquals
	tokEOL
	tokError
)

// token is one token: its kind, its bytes [start, end) and its 1-based line.
type token struct {
	kind       tokKind
	start, end int
	line       int
}

// isValue reports whether the token can be a parameter's value. A QUALIFIED_ID cannot: the
// server's parser does not accept it there, so "search_path = a.b" is a syntax error.
func (t token) isValue() bool {
	switch t.kind {
	case tokID, tokString, tokUnquoted, tokInteger, tokReal:
		return true
	}
	return false
}

// isName reports whether the token can start a line as a parameter's name.
func (t token) isName() bool {
	return t.kind == tokID || t.kind == tokQualifiedID
}

type lexer struct {
	src  []byte
	pos  int
	line int
}

func newLexer(src []byte) *lexer {
	return &lexer{src: src, line: 1}
}

// next returns the next token, skipping blanks and comments.
func (l *lexer) next() token {
	for l.pos < len(l.src) {
		switch l.src[l.pos] {
		case '\n':
			t := token{kind: tokEOL, start: l.pos, end: l.pos + 1, line: l.line}
			l.pos++
			l.line++
			return t
		case ' ', '\t', '\r':
			l.pos++
		case '#':
			l.skipLine()
		default:
			kind, n := scanToken(l.src[l.pos:])
			t := token{kind: kind, start: l.pos, end: l.pos + n, line: l.line}
			l.pos += n
			return t
		}
	}
	return token{kind: tokEOF, start: l.pos, end: l.pos, line: l.line}
}

// skipLine moves to the newline that ends the current line (or to the end of the input).
func (l *lexer) skipLine() {
	for l.pos < len(l.src) && l.src[l.pos] != '\n' {
		l.pos++
	}
}

// scanToken scans the token at the start of b (not a blank, newline or '#').
func scanToken(b []byte) (tokKind, int) {
	c := b[0]
	switch {
	case isLetter(c):
		return scanWord(b)
	case c == '\'':
		if n := scanString(b); n > 0 {
			return tokString, n
		}
	case c == '=':
		return tokEquals, 1
	case isDigit(c) || c == '.' || c == '+' || c == '-':
		if k, n := scanNumber(b); n > 0 {
			return k, n
		}
	}
	return tokError, 1
}

// scanWord scans an ID, QUALIFIED_ID or UNQUOTED_STRING; b starts with a letter.
func scanWord(b []byte) (tokKind, int) {
	id := 1
	for id < len(b) && isLetterOrDigit(b[id]) {
		id++
	}
	unq := id
	for unq < len(b) && (isLetterOrDigit(b[unq]) || isUnquotedPunct(b[unq])) {
		unq++
	}
	if unq == id {
		return tokID, id
	}
	// UNQUOTED_STRING covers every QUALIFIED_ID, so a qualified name wins only when it is
	// just as long (it is listed first).
	if b[id] == '.' && id+1 < len(b) && isLetter(b[id+1]) {
		q := id + 2
		for q < len(b) && isLetterOrDigit(b[q]) {
			q++
		}
		if q == unq {
			return tokQualifiedID, q
		}
	}
	return tokUnquoted, unq
}

// scanString returns the length of the longest STRING at the start of b, or 0. A doubled
// quote is either an escaped quote or the end of a shorter string followed by a quote; flex
// keeps the longest match, so the shorter one counts only if the longer never closes.
func scanString(b []byte) int {
	shorter := 0
	for i := 1; i < len(b); {
		switch b[i] {
		case '\'':
			if i+1 < len(b) && b[i+1] == '\'' {
				shorter = i + 1
				i += 2
				continue
			}
			return i + 1
		case '\\':
			// "\\." : flex's "." matches any byte but a newline.
			if i+1 < len(b) && b[i+1] != '\n' {
				i += 2
				continue
			}
			return shorter
		case '\n':
			return shorter
		default:
			i++
		}
	}
	return shorter
}

// scanNumber returns the longer of the INTEGER and REAL matches at the start of b (INTEGER
// on a tie, as it is listed first), or length 0.
func scanNumber(b []byte) (tokKind, int) {
	i := 0
	if b[0] == '+' || b[0] == '-' {
		i = 1
	}
	intLen := scanInteger(b, i)
	realLen := scanReal(b, i)
	switch {
	case intLen == 0 && realLen == 0:
		return tokError, 0
	case realLen > intLen:
		return tokReal, realLen
	}
	return tokInteger, intLen
}

// scanInteger matches ({DIGIT}+|0x{HEXDIGIT}+){UNIT_LETTER}* from i; 0 if none.
func scanInteger(b []byte, i int) int {
	best := 0
	if j := skip(b, i, isDigit); j > i {
		best = skip(b, j, isAlpha)
	}
	// "0x" is lower case only: flex patterns are case-sensitive.
	if i+1 < len(b) && b[i] == '0' && b[i+1] == 'x' {
		if j := skip(b, i+2, isHexDigit); j > i+2 {
			best = max(best, skip(b, j, isAlpha))
		}
	}
	return best
}

// scanReal matches {DIGIT}*"."{DIGIT}*{EXPONENT}? from i; 0 if none. "." alone is a REAL.
func scanReal(b []byte, i int) int {
	j := skip(b, i, isDigit)
	if j >= len(b) || b[j] != '.' {
		return 0
	}
	j = skip(b, j+1, isDigit)
	if j < len(b) && (b[j] == 'e' || b[j] == 'E') {
		e := j + 1
		if e < len(b) && (b[e] == '+' || b[e] == '-') {
			e++
		}
		if d := skip(b, e, isDigit); d > e {
			j = d
		}
	}
	return j
}

func skip(b []byte, i int, ok func(byte) bool) int {
	for i < len(b) && ok(b[i]) {
		i++
	}
	return i
}

func isDigit(c byte) bool    { return '0' <= c && c <= '9' }
func isAlpha(c byte) bool    { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isHexDigit(c byte) bool { return isDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

// isLetter is LETTER: ASCII letters, '_' and every byte with the high bit set (so UTF-8 text
// is made of letters).
func isLetter(c byte) bool        { return isAlpha(c) || c == '_' || c >= 0x80 }
func isLetterOrDigit(c byte) bool { return isLetter(c) || isDigit(c) }
func isUnquotedPunct(c byte) bool {
	return c == '-' || c == '.' || c == '_' || c == ':' || c == '/'
}

// unquoteString decodes a STRING token as DeescapeQuotedString (guc-file.l) does: the quotes
// removed, a doubled quote made one, \b \f \n \r \t and up to three octal digits decoded, any other
// escaped byte kept as it is. The server keeps values as C strings, so a decoded NUL ends
// the value (the server's copy stops there).
func unquoteString(tok []byte) string {
	s := tok[1 : len(tok)-1]
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			i++
			c, i = unescape(s, i)
		case c == '\'' && i+1 < len(s) && s[i+1] == '\'':
			i++
		}
		if c == 0 {
			break
		}
		out = append(out, c)
	}
	return string(out)
}

// unescape decodes the escape whose letter is at s[i]; it returns the byte and the index of
// the escape's last byte.
func unescape(s []byte, i int) (byte, int) {
	switch s[i] {
	case 'b':
		return '\b', i
	case 'f':
		return '\f', i
	case 'n':
		return '\n', i
	case 'r':
		return '\r', i
	case 't':
		return '\t', i
	}
	if s[i] < '0' || s[i] > '7' {
		return s[i], i
	}
	v, k := 0, 0
	for ; k < 3 && i+k < len(s) && '0' <= s[i+k] && s[i+k] <= '7'; k++ {
		v = v<<3 + int(s[i+k]-'0')
	}
	return byte(v), i + k - 1 // (char) octVal: the server truncates to a byte
}
