package pgconf

import (
	"strings"

	"github.com/pgtlslint/pgtlslint/rules"
)

// confEditor returns the SetValue of a setting whose value is the token val: the edit
// replaces the value's bytes only, so the name, the separator and a trailing comment stay as
// written. A quoted value stays quoted; an unquoted one stays unquoted when the new value is a
// single token the server accepts unquoted. glued says the value touches the name ("a0+5",
// "ssl'off'"): a bare new value there would run into the name, so a blank goes first.
func confEditor(path string, val token, glued bool) func(string) []rules.Edit {
	quoted := val.kind == tokString
	return func(v string) []rules.Edit {
		text := confValue(v, quoted)
		if glued && text[0] != '\'' {
			text = " " + text
		}
		return []rules.Edit{{Path: path, Start: val.start, End: val.end, NewText: text}}
	}
}

// confValue writes v as a postgresql.conf value.
func confValue(v string, quoted bool) string {
	if !quoted && isBareValue(v) {
		return v
	}
	return quoteConfValue(v)
}

// quoteConfValue writes v as a single-quoted postgresql.conf string that the server decodes
// back to v: quotes doubled, backslashes and line breaks escaped (a string cannot span lines).
func quoteConfValue(v string) string {
	var b strings.Builder
	b.Grow(len(v) + 2)
	b.WriteByte('\'')
	for i := 0; i < len(v); i++ {
		switch c := v[i]; c {
		case '\'':
			b.WriteString("''")
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// isBareValue reports whether v, written unquoted, is one value token of exactly v.
func isBareValue(v string) bool {
	if v == "" {
		return false
	}
	b := []byte(v)
	switch b[0] {
	case ' ', '\t', '\r', '\n', '#':
		return false
	}
	kind, n := scanToken(b)
	t := token{kind: kind}
	return n == len(b) && t.isValue() && kind != tokString
}
