package config

import (
	"strconv"
	"unicode/utf8"
)

// Decoders of quoted strings. Each takes the raw text with its quotes, as it sits in the file
// at offset base, and returns the decoded text with its mapping; ok is false for text the
// format would reject or read otherwise. The same functions check edited text (base 0), so an
// edit is accepted only if the format reads it back as intended.

// escFunc decodes the escape sequence starting with the backslash at raw[k]: the text it
// stands for and its width in raw bytes.
type escFunc func(raw string, k int) (text string, width int, ok bool)

// decodeQuoted decodes raw = q ... q. Inside, a backslash starts an escape (when esc is not
// nil), q ends the string early (which fails), and newline is accepted only when multiline.
func decodeQuoted(raw string, base int, q byte, esc escFunc, multiline bool) (string, *mapping, bool) {
	if len(raw) < 2 || raw[0] != q || raw[len(raw)-1] != q {
		return "", nil, false
	}
	var b builder
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
			b.esc(text, base+k, base+k+w)
			k += w
			continue
		case c == '\n' && !multiline:
			return "", nil, false
		}
		b.lit(c, base+k)
		k++
	}
	s, m := b.done(base + end)
	if len(s) == 0 {
		m = identity(base+1, 0)
	}
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

// simpleEsc returns an escFunc for a table of one-letter escapes plus \u (and \U, \x when
// asked). Unknown escapes fail, unless keepUnknown: then the backslash is literal (dotenv).
func simpleEsc(table map[byte]string, u4, u8, x2, keepUnknown bool) escFunc {
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

// jsonEsc decodes JSON escapes, surrogate pairs included.
func jsonEsc(raw string, k int) (string, int, bool) {
	if k+1 >= len(raw) {
		return "", 0, false
	}
	switch raw[k+1] {
	case '"':
		return "\"", 2, true
	case '\\':
		return "\\", 2, true
	case '/':
		return "/", 2, true
	case 'b':
		return "\b", 2, true
	case 'f':
		return "\f", 2, true
	case 'n':
		return "\n", 2, true
	case 'r':
		return "\r", 2, true
	case 't':
		return "\t", 2, true
	case 'u':
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
	return "", 0, false
}

var (
	envEscapes  = simpleEsc(map[byte]string{'n': "\n", 'r': "\r", 't': "\t", '"': "\"", '\\': "\\"}, false, false, false, true)
	tomlEscapes = simpleEsc(map[byte]string{'b': "\b", 't': "\t", 'n': "\n", 'f': "\f", 'r': "\r", '"': "\"", '\\': "\\", 'e': "\x1b"}, true, true, true, false)
	yamlEscapes = simpleEsc(map[byte]string{
		'0': "\x00", 'a': "\a", 'b': "\b", 't': "\t", '\t': "\t", 'n': "\n", 'v': "\v", 'f': "\f", 'r': "\r", 'e': "\x1b",
		' ': " ", '"': "\"", '/': "/", '\\': "\\", 'N': "\u0085", '_': "\u00a0", 'L': "\u2028", 'P': "\u2029",
	}, true, true, true, false)
)

// decodeSingleQuotedYAML decodes a one-line YAML single-quoted scalar: ” is a quote.
func decodeSingleQuotedYAML(raw string, base int) (string, *mapping, bool) {
	if len(raw) < 2 || raw[0] != '\'' || raw[len(raw)-1] != '\'' {
		return "", nil, false
	}
	var b builder
	end := len(raw) - 1
	for k := 1; k < end; {
		c := raw[k]
		if c == '\n' || c == '\r' {
			return "", nil, false
		}
		if c == '\'' {
			if k+1 < end && raw[k+1] == '\'' {
				b.esc("'", base+k, base+k+2)
				k += 2
				continue
			}
			return "", nil, false
		}
		b.lit(c, base+k)
		k++
	}
	s, m := b.done(base + end)
	if len(s) == 0 {
		m = identity(base+1, 0)
	}
	return s, m, true
}

// literalQuoted decodes raw = q ... q with no escapes at all (TOML literal strings, shell and
// dotenv single quotes).
func literalQuoted(raw string, base int, q byte, multiline bool) (string, *mapping, bool) {
	return decodeQuoted(raw, base, q, nil, multiline)
}
