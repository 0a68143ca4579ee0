// Package json reads JSON with a scanner of its own rather than encoding/json: it needs the
// byte offsets of every string, keeps an explicit stack (a document nested 10,000 levels deep
// must not overflow the goroutine stack), and accepts what JSON-with-comments files hold (// and
// /* */ comments, trailing commas: tsconfig.json, devcontainer.json, .vscode settings).
package json

import (
	"fmt"
	"strings"

	"github.com/pgtlslint/pgtlslint/analyzers/config/doc"
	"github.com/pgtlslint/pgtlslint/rules"
)

// maxPathDepth bounds the key path kept for entries; deeper keys share the path of that depth.
const maxPathDepth = 64

// frame is an object or array being read.
type frame struct {
	obj     bool
	key     string // the key this container is the value of
	path    string
	depth   int
	sc      *doc.Scope
	g       *doc.Group
	members []member
	shell   bool
	// pending is the key read and waiting for its value.
	pending    string
	pendingPos int
}

// member is one member of an object or element of an array, for removing it later.
type member struct {
	start, end int // key (or element) start, value end
	e          *doc.Entry
}

type state int

const (
	stValue state = iota
	stKeyOrEnd
	stColon
	stCommaOrEnd
	stValueOrEnd
	stEnd
)

// parser is the state of one Parse.
type parser struct {
	d     *doc.Document
	s     string
	i     int
	stack []*frame
	state state
}

// Parse extracts the settings of a JSON document; base skips a byte order mark.
func Parse(_ string, content []byte, base int) (*doc.Document, error) {
	p := &parser{d: doc.New(), s: string(content), i: base}
	for {
		end, err := p.step()
		if err != nil {
			return nil, err
		}
		if end {
			return p.d, nil
		}
	}
}

// fail returns the error of a syntax error at s[at].
func (p *parser) fail(at int, msg string, args ...any) error {
	return fmt.Errorf("json: line %d: %s", 1+strings.Count(p.s[:min(at, len(p.s))], "\n"), fmt.Sprintf(msg, args...))
}

func (p *parser) top() *frame { return p.stack[len(p.stack)-1] }

// step reads the next token; end is true at the end of the document.
func (p *parser) step() (end bool, err error) {
	p.i = skipSpace(p.s, p.i)
	if p.i < 0 {
		return false, p.fail(len(p.s), "unterminated comment")
	}
	if p.i >= len(p.s) {
		if p.state == stEnd {
			return true, nil
		}
		return false, p.fail(len(p.s), "unexpected end of input")
	}
	c := p.s[p.i]
	if read, err := p.punct(c); read || err != nil {
		return false, err
	}
	if (c == '}' || c == ']') && len(p.stack) > 0 && p.state != stValue {
		return false, p.close(c)
	}
	if p.state != stValue {
		return false, p.fail(p.i, "unexpected %q", c)
	}
	return false, p.value(c)
}

// punct reads what the state expects at c other than a value or a closing bracket: a colon, a
// comma, a key. It reports whether it read c.
func (p *parser) punct(c byte) (bool, error) {
	switch p.state {
	case stEnd:
		return true, p.fail(p.i, "unexpected %q after the top-level value", c)
	case stColon:
		if c != ':' {
			return true, p.fail(p.i, "expected ':' after object key, found %q", c)
		}
		p.i++
		p.state = stValue
		return true, nil
	case stCommaOrEnd:
		if c == ',' {
			p.comma()
			return true, nil
		}
		if !p.top().closes(c) {
			return true, p.fail(p.i, "expected ',' or a closing bracket, found %q", c)
		}
	case stKeyOrEnd:
		if c != '}' {
			return true, p.key(c)
		}
	case stValueOrEnd:
		if c != ']' {
			p.state = stValue
		}
	}
	return false, nil
}

// closes reports whether c is the bracket that closes f.
func (f *frame) closes(c byte) bool {
	return c == '}' && f.obj || c == ']' && !f.obj
}

// comma reads the ',' after a member.
func (p *parser) comma() {
	p.i++
	if p.top().obj {
		p.state = stKeyOrEnd
	} else {
		p.state = stValueOrEnd
	}
}

// key reads an object's key.
func (p *parser) key(c byte) error {
	if c != '"' {
		return p.fail(p.i, "expected a string key, found %q", c)
	}
	end := doc.JSONStringEnd(p.s, p.i)
	if end < 0 {
		return p.fail(p.i, "unterminated string")
	}
	k, _, ok := doc.DecodeQuoted(p.s[p.i:end], p.i, '"', doc.JSONEsc, false)
	if !ok {
		return p.fail(p.i, "invalid string")
	}
	top := p.top()
	top.pending, top.pendingPos = k, p.i
	p.i = end
	p.state = stColon
	return nil
}

// close reads the bracket that closes the container on top of the stack.
func (p *parser) close(c byte) error {
	top := p.top()
	if !top.closes(c) {
		return p.fail(p.i, "unexpected %q", c)
	}
	p.stack = p.stack[:len(p.stack)-1]
	top.finish()
	p.i++
	p.done(0, p.i, nil)
	return nil
}

// value reads a value: a container's opening bracket, a string or a literal.
func (p *parser) value(c byte) error {
	switch c {
	case '{', '[':
		p.open(c == '{')
		return nil
	case '"':
		end := doc.JSONStringEnd(p.s, p.i)
		if end < 0 {
			return p.fail(p.i, "unterminated string")
		}
		v, ok := doc.JSONString(p.s[p.i:end], p.i)
		if !ok {
			return p.fail(p.i, "invalid string")
		}
		start := p.i
		p.i = end
		p.done(start, end, &v)
		return nil
	}
	j := p.i
	for j < len(p.s) && (doc.IsWordChar(p.s[j]) || p.s[j] == '-' || p.s[j] == '+' || p.s[j] == '.') {
		j++
	}
	lit := p.s[p.i:j]
	if !literal(lit) {
		return p.fail(p.i, "invalid value starting with %q", c)
	}
	// Numbers and booleans are values too (port: 5432, ssl: true); they are never edited.
	v := doc.Verbatim(lit, p.i)
	start := p.i
	p.i = j
	p.done(start, j, &v)
	return nil
}

// open starts an object or array.
func (p *parser) open(obj bool) {
	f := &frame{obj: obj, sc: p.d.File()}
	if len(p.stack) > 0 {
		parent := p.top()
		f.sc, f.depth, f.path, f.shell = parent.sc, parent.depth+1, parent.path, parent.shell
		if parent.obj {
			f.key = parent.pending
			if f.depth <= maxPathDepth {
				f.path = doc.JoinPath(parent.path, f.key)
			}
			if doc.EnvKeys[strings.ToLower(f.key)] {
				f.sc = p.d.NewScope()
			}
			f.shell = f.key == "scripts" || doc.ShellKeys[strings.ToLower(f.key)]
		} else {
			f.key = parent.key
		}
	}
	if obj {
		f.g = p.d.AddGroup(f.key, f.path)
		if len(p.stack) > 0 && p.top().obj {
			// An object is the sub-group of the object it is a member of (not of one it is
			// an array element in).
			p.top().g.Sub[strings.ToLower(f.key)] = f.g
		}
	}
	p.stack = append(p.stack, f)
	p.i++
	if obj {
		p.state = stKeyOrEnd
	} else {
		p.state = stValueOrEnd
	}
}

// done attaches a finished value (a scalar value v, or a container) to its parent.
func (p *parser) done(start, end int, v *doc.Value) {
	if len(p.stack) == 0 {
		p.state = stEnd
		if v != nil {
			p.d.Add(&doc.Entry{Val: *v})
		}
		return
	}
	top := p.top()
	p.state = stCommaOrEnd
	switch {
	case v == nil:
		m := member{start: start, end: end}
		if top.obj {
			m.start = top.pendingPos
		}
		top.members = append(top.members, m)
	case top.obj:
		k := top.pending
		e := &doc.Entry{Key: k, Path: doc.JoinPath(top.path, k), Val: *v, Scope: top.sc,
			Pair: rules.Span{Start: top.pendingPos, End: end}, Shell: top.shell || doc.ShellKeys[strings.ToLower(k)]}
		if top.depth > maxPathDepth {
			e.Path = top.path
		}
		top.g.Entries = append(top.g.Entries, e)
		top.members = append(top.members, member{start: top.pendingPos, end: end, e: e})
		p.d.Add(e)
	default:
		e := &doc.Entry{Key: top.key, Path: top.path, Val: *v, Scope: top.sc, Shell: top.shell || doc.ShellKeys[strings.ToLower(top.key)]}
		if item := doc.EnvListItem(*v, top.key, top.path, top.sc); !e.Shell && item != nil {
			e = item
		}
		top.members = append(top.members, member{start: start, end: end, e: e})
		p.d.Add(e)
	}
}

// finish ends a container: members whose entries are client variables get the span that
// removes them with their comma.
func (f *frame) finish() {
	for k, m := range f.members {
		if m.e == nil || !doc.IsClientVar(m.e.Key) {
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
		m.e.Remove = &sp
	}
}

// literal reports whether s is true, false, null or a number.
func literal(s string) bool {
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

// skipSpace skips white space and comments; it returns -1 for an unterminated comment.
func skipSpace(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r':
			i++
		case strings.HasPrefix(s[i:], "//"):
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case strings.HasPrefix(s[i:], "/*"):
			e := strings.Index(s[i+2:], "*/")
			if e < 0 {
				return -1
			}
			i += e + 4
		default:
			return i
		}
	}
	return i
}
