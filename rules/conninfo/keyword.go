package conninfo

import (
	"fmt"
	"strings"
)

// ParseKeywordValue parses a libpq keyword=value string exactly as libpq's conninfo_parse does
// (the path PQconninfoParse takes for anything that does not start with a URI designator).
//
// Pairs are separated by white space; white space around '=' is allowed; a value is either a
// run of non-space bytes in which a backslash escapes the next byte, or a single-quoted string in
// which a backslash escapes the next byte. Keywords are case-sensitive and checked against the
// libpq version's keyword list; requiressl is rewritten to sslmode. Later pairs override earlier
// ones. A NUL byte ends the string, as it does for libpq.
func ParseKeywordValue(s string, opts ...Option) *ConnString {
	o := buildOptions(opts)
	c := &ConnString{Input: s, Syntax: SyntaxKeyword, libpq: o.libpq, anyParam: o.anyParam}
	in := cString(s)
	i := 0
	for i < len(in) {
		if isCSpace(in[i]) {
			i++
			continue
		}

		// The keyword runs up to '=' or white space; white space may be followed by '='.
		keyStart := i
		for i < len(in) && in[i] != '=' && !isCSpace(in[i]) {
			i++
		}
		keyEnd := i
		for i < len(in) && isCSpace(in[i]) {
			i++
		}
		keyword := in[keyStart:keyEnd]
		if i >= len(in) || in[i] != '=' {
			c.Err = &Error{
				Msg:    fmt.Sprintf("missing \"=\" after %s in connection info string", cQuote(keyword)),
				Offset: keyStart,
			}
			break
		}
		i++ // '='
		for i < len(in) && isCSpace(in[i]) {
			i++
		}

		valStart := i
		var val strings.Builder
		if i < len(in) && in[i] == '\'' {
			i++
			closed := false
			for i < len(in) {
				ch := in[i]
				if ch == '\\' {
					i++
					if i < len(in) {
						val.WriteByte(in[i])
						i++
					}
					continue
				}
				if ch == '\'' {
					i++
					closed = true
					break
				}
				val.WriteByte(ch)
				i++
			}
			if !closed {
				c.Err = &Error{Msg: "unterminated quoted string in connection info string", Offset: valStart}
				break
			}
		} else {
			for i < len(in) && !isCSpace(in[i]) {
				if in[i] == '\\' {
					i++
					if i < len(in) {
						val.WriteByte(in[i])
						i++
					}
					continue
				}
				val.WriteByte(in[i])
				i++
			}
		}
		valEnd := i

		raw := val.String()
		name, value, ok := libpqStore(keyword, raw, o)
		if !ok {
			c.Err = &Error{Msg: fmt.Sprintf("invalid connection option %s", cQuote(keyword)), Offset: keyStart}
			break
		}
		c.Params = append(c.Params, Param{
			Name:     name,
			Written:  keyword,
			Value:    value,
			RawValue: raw,
			Key:      Span{keyStart, keyEnd},
			Val:      Span{valStart, valEnd},
			Pair:     Span{keyStart, valEnd},
		})
	}
	c.Hosts = libpqHosts(c, len(in))
	return c
}
