package config

import (
	"fmt"
	"strings"

	"github.com/pgtlslint/pgtlslint/rules"
)

// JSON is read by a scanner of its own rather than encoding/json: it needs the byte offsets of
// every string, keeps an explicit stack (a document nested 10,000 levels deep must not
// overflow the goroutine stack), and accepts what JSON-with-comments files hold (// and /* */
// comments, trailing commas: tsconfig.json, devcontainer.json, .vscode settings).

// maxPathDepth bounds the key path kept for entries; deeper keys share the path of that depth.
const maxPathDepth = 64

type jsonFrame struct {
	obj     bool
	key     string // the key this container is the value of
	path    string
	depth   int
	sc      *scope
	g       *group
	members []jsonMember
	shell   bool
	// pending is the key read and waiting for its value.
	pending    string
	pendingPos int
}

// jsonMember is one member of an object or element of an array, for removing it later.
type jsonMember struct {
	start, end int // key (or element) start, value end
	e          *entry
}

type jsonState int

const (
	jsValue jsonState = iota
	jsKeyOrEnd
	jsColon
	jsCommaOrEnd
	jsValueOrEnd
	jsEnd
)

// parseJSON extracts the settings of a JSON document; base skips a byte order mark.
func (a *analysis) parseJSON(content []byte, base int) error {
	s := string(content)
	i := base
	var stack []*jsonFrame
	state := jsValue
	fail := func(at int, msg string) error {
		return fmt.Errorf("json: line %d: %s", 1+strings.Count(s[:min(at, len(s))], "\n"), msg)
	}
	// done attaches a finished value (a scalar value v, or a container) to its parent.
	done := func(start, end int, v *value) {
		if len(stack) == 0 {
			state = jsEnd
			if v != nil {
				a.addEntry(&entry{val: *v})
			}
			return
		}
		top := stack[len(stack)-1]
		state = jsCommaOrEnd
		if v == nil {
			top.members = append(top.members, jsonMember{start: start, end: end})
			if top.obj {
				top.members[len(top.members)-1].start = top.pendingPos
			}
			return
		}
		if top.obj {
			k := top.pending
			e := &entry{key: k, path: joinPath(top.path, k), val: *v, sc: top.sc,
				pair: rules.Span{Start: top.pendingPos, End: end}, shell: top.shell || shellKeys[strings.ToLower(k)]}
			if top.depth > maxPathDepth {
				e.path = top.path
			}
			top.g.entries = append(top.g.entries, e)
			top.members = append(top.members, jsonMember{start: top.pendingPos, end: end, e: e})
			a.addEntry(e)
			return
		}
		e := &entry{key: top.key, path: top.path, val: *v, sc: top.sc, shell: top.shell || shellKeys[strings.ToLower(top.key)]}
		if m := envItem.FindStringIndex(v.s); m != nil && !e.shell {
			name := v.s[:m[1]-1]
			if envNames[name] || envKeys[strings.ToLower(top.key)] {
				e = &entry{key: name, path: joinPath(top.path, name), val: v.sub(m[1], len(v.s)), pair: v.full(), sc: top.sc}
			}
		}
		top.members = append(top.members, jsonMember{start: start, end: end, e: e})
		a.addEntry(e)
	}
	// closeFrame finishes a container: members whose entries are environment variables get
	// the span that removes them with their comma.
	closeFrame := func(f *jsonFrame) {
		for k, m := range f.members {
			if m.e == nil || !envNames[m.e.key] {
				continue
			}
			var sp rules.Span
			switch {
			case len(f.members) == 1:
				sp = rules.Span{Start: m.start, End: m.end}
			case k+1 < len(f.members):
				sp = rules.Span{Start: m.start, End: f.members[k+1].start}
			default:
				sp = rules.Span{Start: f.members[k-1].end, End: m.end}
			}
			m.e.remove = &sp
		}
	}
	for {
		i = skipJSONSpace(s, i)
		if i < 0 {
			return fail(len(s), "unterminated comment")
		}
		if i >= len(s) {
			if state == jsEnd {
				return nil
			}
			return fail(len(s), "unexpected end of input")
		}
		c := s[i]
		switch state {
		case jsEnd:
			return fail(i, fmt.Sprintf("unexpected %q after the top-level value", c))
		case jsColon:
			if c != ':' {
				return fail(i, fmt.Sprintf("expected ':' after object key, found %q", c))
			}
			i++
			state = jsValue
			continue
		case jsCommaOrEnd:
			top := stack[len(stack)-1]
			switch {
			case c == ',':
				i++
				if top.obj {
					state = jsKeyOrEnd
				} else {
					state = jsValueOrEnd
				}
				continue
			case (c == '}' && top.obj) || (c == ']' && !top.obj):
				// handled below as a close
			default:
				return fail(i, fmt.Sprintf("expected ',' or a closing bracket, found %q", c))
			}
		case jsKeyOrEnd:
			if c == '}' {
				break
			}
			if c != '"' {
				return fail(i, fmt.Sprintf("expected a string key, found %q", c))
			}
			end := jsonStringEnd(s, i)
			if end < 0 {
				return fail(i, "unterminated string")
			}
			k, _, ok := decodeQuoted(s[i:end], i, '"', jsonEsc, false)
			if !ok {
				return fail(i, "invalid string")
			}
			top := stack[len(stack)-1]
			top.pending, top.pendingPos = k, i
			i = end
			state = jsColon
			continue
		case jsValueOrEnd:
			if c == ']' {
				break
			}
			state = jsValue
		}
		// Closing brackets.
		if (c == '}' || c == ']') && len(stack) > 0 && (state == jsKeyOrEnd || state == jsValueOrEnd || state == jsCommaOrEnd) {
			top := stack[len(stack)-1]
			if (c == '}') != top.obj {
				return fail(i, fmt.Sprintf("unexpected %q", c))
			}
			stack = stack[:len(stack)-1]
			closeFrame(top)
			i++
			done(0, i, nil)
			continue
		}
		if state != jsValue {
			return fail(i, fmt.Sprintf("unexpected %q", c))
		}
		switch c {
		case '{', '[':
			f := &jsonFrame{obj: c == '{', sc: a.fileScope}
			if len(stack) > 0 {
				parent := stack[len(stack)-1]
				f.sc, f.depth, f.path, f.shell = parent.sc, parent.depth+1, parent.path, parent.shell
				if parent.obj {
					f.key = parent.pending
					if f.depth <= maxPathDepth {
						f.path = joinPath(parent.path, f.key)
					}
					if envKeys[strings.ToLower(f.key)] {
						f.sc = a.newScope()
					}
					f.shell = f.key == "scripts" || shellKeys[strings.ToLower(f.key)]
				} else {
					f.key = parent.key
				}
			}
			if f.obj {
				f.g = &group{name: f.key, path: f.path, sub: map[string]*group{}}
				a.groups = append(a.groups, f.g)
				for k := len(stack) - 1; k >= 0; k-- {
					if stack[k].obj {
						if k == len(stack)-1 {
							stack[k].g.sub[strings.ToLower(f.key)] = f.g
						}
						break
					}
				}
			}
			stack = append(stack, f)
			i++
			if f.obj {
				state = jsKeyOrEnd
			} else {
				state = jsValueOrEnd
			}
		case '"':
			end := jsonStringEnd(s, i)
			if end < 0 {
				return fail(i, "unterminated string")
			}
			raw := s[i:end]
			val, m, ok := decodeQuoted(raw, i, '"', jsonEsc, false)
			if !ok {
				return fail(i, "invalid string")
			}
			v := newToken(raw, i, val, m, func(r string) (string, bool) {
				d, _, ok := decodeQuoted(r, 0, '"', jsonEsc, false)
				return d, ok && !strings.ContainsFunc(r, func(c rune) bool { return c < 0x20 })
			})
			start := i
			i = end
			done(start, end, &v)
		default:
			j := i
			for j < len(s) && (isWordChar(s[j]) || s[j] == '-' || s[j] == '+' || s[j] == '.') {
				j++
			}
			lit := s[i:j]
			if !jsonLiteral(lit) {
				return fail(i, fmt.Sprintf("invalid value starting with %q", c))
			}
			// Numbers and booleans are values too (port: 5432, ssl: true); they are never
			// edited.
			v := value{s: lit, m: identity(i, len(lit))}
			start := i
			i = j
			done(start, j, &v)
		}
	}
}

// jsonLiteral reports whether s is true, false, null or a number.
func jsonLiteral(s string) bool {
	switch s {
	case "true", "false", "null":
		return true
	case "":
		return false
	}
	for k := 0; k < len(s); k++ {
		c := s[k]
		if (c < '0' || c > '9') && strings.IndexByte("-+.eE", c) < 0 {
			return false
		}
	}
	return true
}

// jsonStringEnd returns the offset after the string starting at s[i], or -1. Strings do not
// span lines.
func jsonStringEnd(s string, i int) int {
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

// skipJSONSpace skips white space and comments; it returns -1 for an unterminated comment.
func skipJSONSpace(s string, i int) int {
	for i < len(s) {
		switch s[i] {
		case ' ', '\t', '\n', '\r':
			i++
		case '/':
			switch {
			case i+1 < len(s) && s[i+1] == '/':
				for i < len(s) && s[i] != '\n' {
					i++
				}
			case i+1 < len(s) && s[i+1] == '*':
				e := strings.Index(s[i+2:], "*/")
				if e < 0 {
					return -1
				}
				i += e + 4
			default:
				return i
			}
		default:
			return i
		}
	}
	return i
}
