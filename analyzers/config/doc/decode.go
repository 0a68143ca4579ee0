package doc

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pgtlslint/pgtlslint/model/srcmap"
)

// Decoders of quoted strings. Each takes the raw text with its quotes, as it sits in the file
// at offset base, and returns the decoded text with its mapping; ok is false for text the
// format would reject or read otherwise. The same functions check edited text (base 0), so an
// edit is accepted only if the format reads it back as intended.

// EscFunc decodes the escape sequence starting with the backslash at raw[k]: the text it
// stands for and its width in raw bytes.
type EscFunc func(raw string, k int) (text string, width int, ok bool)

// DecodeQuoted decodes raw = q ... q. Inside, a backslash starts an escape (when esc is not
// nil), q ends the string early (which fails), and newline is accepted only when multiline.
func DecodeQuoted(raw string, base int, q byte, esc EscFunc, multiline bool) (string, *srcmap.Map, bool) {
	if len(raw) < 2 || raw[0] != q || raw[len(raw)-1] != q {
		return "", nil, false
	}
	var b srcmap.Builder
	end := len(raw) - 1
	for k := 1; k < end; {
		c := raw[k]
		switch {
		case c == q:
			return "", nil, false
		case c == '\\' && esc != nil:
			text, w, ok := esc(raw[:end], k)
			if !ok {
				return "", nil, false
			}
			b.Esc(text, base+k, base+k+w)
			k += w
			continue
		case c == '\n' && !multiline:
			return "", nil, false
		}
		b.Lit(c, base+k)
		k++
	}
	s, m := b.DoneAt(base+end, base+1)
	return s, m, true
}

// hexEsc decodes n hex digits after raw[k+1] (the \x, \u or \U letter) as a code point.
func hexEsc(raw string, k, n int) (string, int, bool) {
	if k+2+n > len(raw) {
		return "", 0, false
	}
	v, err := strconv.ParseUint(raw[k+2:k+2+n], 16, 32)
	if err != nil || !utf8.ValidRune(rune(v)) {
		return "", 0, false
	}
	return string(rune(v)), 2 + n, true
}

// simpleEsc returns an EscFunc for a table of one-letter escapes plus \u (and \U, \x when
// asked). Unknown escapes fail, unless keepUnknown: then the backslash is literal (dotenv).
func simpleEsc(table map[byte]string, u4, u8, x2, keepUnknown bool) EscFunc {
	return func(raw string, k int) (string, int, bool) {
		if k+1 >= len(raw) {
			return "", 0, false
		}
		c := raw[k+1]
		if t, ok := table[c]; ok {
			return t, 2, true
		}
		switch {
		case c == 'u' && u4:
			return hexEsc(raw, k, 4)
		case c == 'U' && u8:
			return hexEsc(raw, k, 8)
		case c == 'x' && x2:
			return hexEsc(raw, k, 2)
		}
		if keepUnknown {
			return raw[k : k+2], 2, true
		}
		return "", 0, false
	}
}

// jsonEscapes are JSON's one-letter escapes.
var jsonEscapes = map[byte]string{'"': "\"", '\\': "\\", '/': "/", 'b': "\b", 'f': "\f", 'n': "\n", 'r': "\r", 't': "\t"}

// JSONEsc decodes JSON escapes, surrogate pairs included.
func JSONEsc(raw string, k int) (string, int, bool) {
	if k+1 >= len(raw) {
		return "", 0, false
	}
	if t, ok := jsonEscapes[raw[k+1]]; ok {
		return t, 2, true
	}
	if raw[k+1] == 'u' {
		return jsonUnicode(raw, k)
	}
	return "", 0, false
}

// jsonUnicode decodes the \uXXXX escape at raw[k], and the low surrogate after a high one.
func jsonUnicode(raw string, k int) (string, int, bool) {
	if k+6 > len(raw) {
		return "", 0, false
	}
	v, err := strconv.ParseUint(raw[k+2:k+6], 16, 32)
	if err != nil {
		return "", 0, false
	}
	r := rune(v)
	if r >= 0xD800 && r < 0xDC00 && k+12 <= len(raw) && raw[k+6] == '\\' && raw[k+7] == 'u' {
		if lo, err := strconv.ParseUint(raw[k+8:k+12], 16, 32); err == nil && lo >= 0xDC00 && lo < 0xE000 {
			return string((r-0xD800)<<10 + (rune(lo) - 0xDC00) + 0x10000), 12, true
		}
	}
	if r >= 0xD800 && r < 0xE000 {
		return "\uFFFD", 6, true
	}
	return string(r), 6, true
}

// The escapes of dotenv's double quotes, TOML's basic strings and YAML's double quotes.
var (
	EnvEscapes  = simpleEsc(map[byte]string{'n': "\n", 'r': "\r", 't': "\t", '"': "\"", '\\': "\\"}, false, false, false, true)
	TOMLEscapes = simpleEsc(map[byte]string{'b': "\b", 't': "\t", 'n': "\n", 'f': "\f", 'r': "\r", '"': "\"", '\\': "\\", 'e': "\x1b"}, true, true, true, false)
	YAMLEscapes = simpleEsc(map[byte]string{
		'0': "\x00", 'a': "\a", 'b': "\b", 't': "\t", '\t': "\t", 'n': "\n", 'v': "\v", 'f': "\f", 'r': "\r", 'e': "\x1b",
		' ': " ", '"': "\"", '/': "/", '\\': "\\", 'N': "\u0085", '_': "\u00a0", 'L': "\u2028", 'P': "\u2029",
	}, true, true, true, false)
)

// DecodeSingleQuotedYAML decodes a one-line YAML single-quoted scalar, where two single quotes
// are one.
func DecodeSingleQuotedYAML(raw string, base int) (string, *srcmap.Map, bool) {
	if len(raw) < 2 || raw[0] != '\'' || raw[len(raw)-1] != '\'' {
		return "", nil, false
	}
	var b srcmap.Builder
	end := len(raw) - 1
	for k := 1; k < end; {
		c := raw[k]
		if c == '\n' || c == '\r' {
			return "", nil, false
		}
		if c == '\'' {
			if k+1 < end && raw[k+1] == '\'' {
				b.Esc("'", base+k, base+k+2)
				k += 2
				continue
			}
			return "", nil, false
		}
		b.Lit(c, base+k)
		k++
	}
	s, m := b.DoneAt(base+end, base+1)
	return s, m, true
}

// LiteralQuoted decodes raw = q ... q with no escapes at all (TOML literal strings, shell and
// dotenv single quotes).
func LiteralQuoted(raw string, base int, q byte, multiline bool) (string, *srcmap.Map, bool) {
	return DecodeQuoted(raw, base, q, nil, multiline)
}

// JSONStringEnd returns the offset after the JSON string starting at s[i], or -1. Strings do not
// span lines.
func JSONStringEnd(s string, i int) int {
	for k := i + 1; k < len(s); k++ {
		switch s[k] {
		case '\\':
			k++
		case '"':
			return k + 1
		case '\n':
			return -1
		}
	}
	return -1
}

// JSONString decodes the JSON string raw found at file offset start as a value whose edits are
// checked by JSON's rules.
func JSONString(raw string, start int) (Value, bool) {
	val, m, ok := DecodeQuoted(raw, start, '"', JSONEsc, false)
	if !ok {
		return Value{}, false
	}
	return NewToken(raw, start, val, m, decodeJSONString), true
}

// decodeJSONString decodes an edited JSON string token; control characters must be escaped.
func decodeJSONString(r string) (string, bool) {
	d, _, ok := DecodeQuoted(r, 0, '"', JSONEsc, false)
	return d, ok && !strings.ContainsFunc(r, func(c rune) bool { return c < 0x20 })
}

// ClosingQuote returns the index of the quote that closes the one at s[k], or -1. In double
// quotes a backslash escapes the next byte.
func ClosingQuote(s string, k int, q byte) int {
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
