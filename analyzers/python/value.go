package python

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pgtlslint/pgtlslint/analyzers/treesitter/syntax"
	"github.com/pgtlslint/pgtlslint/model/strval"
)

// fmtMode says how a literal's text is read: as itself, as the left operand of % or as the
// receiver of .format(), where placeholders are run-time parts.
type fmtMode int

const (
	fmtNone fmtMode = iota
	fmtPercent
	fmtBrace
)

// litKey identifies a literal read in one mode.
type litKey struct {
	n    *syntax.Node
	mode fmtMode
}

// strInfo is what a string node's prefix and quotes say.
type strInfo struct {
	raw, bytes, fmt bool
	quote           string // ', ", ''' or """
	start, end      int    // the content
}

// stringInfo reads a string node's prefix and quotes; false for a node that is not a complete
// string literal.
func (a *analysis) stringInfo(n *syntax.Node) (strInfo, bool) {
	if n == nil || n.Kind != "string" || len(n.Children) < 2 || n.Error {
		return strInfo{}, false
	}
	first, last := n.Children[0], n.Children[len(n.Children)-1]
	if first.Kind != "string_start" || last.Kind != "string_end" || first.Error || last.Error {
		return strInfo{}, false
	}
	open := a.text(first)
	i := strings.IndexAny(open, `'"`)
	if i < 0 {
		return strInfo{}, false
	}
	prefix := strings.ToLower(open[:i])
	si := strInfo{
		raw:   strings.Contains(prefix, "r"),
		bytes: strings.Contains(prefix, "b"),
		fmt:   strings.Contains(prefix, "f") || strings.Contains(prefix, "t"),
		quote: open[i:],
		start: first.End,
		end:   last.Start,
	}
	if si.start > si.end || a.text(last) != si.quote {
		return strInfo{}, false
	}
	return si, true
}

// literal returns the strval.Literal of a string node read in a mode, with the Escape that
// writes text back into it.
func (a *analysis) literal(n *syntax.Node, si strInfo, mode fmtMode) *strval.Literal {
	k := litKey{n, mode}
	if l := a.lits[k]; l != nil {
		return l
	}
	l := &strval.Literal{Start: si.start, End: si.end, Escape: escaper(si, mode)}
	a.lits[k] = l
	return l
}

// escaper returns the function that writes text so that it reads back as text inside a
// literal; it refuses what the literal cannot hold.
func escaper(si strInfo, mode fmtMode) func(string) (string, bool) {
	q := si.quote[:1]
	triple := len(si.quote) == 3
	return func(text string) (string, bool) {
		if !utf8.ValidString(text) {
			return "", false
		}
		var b strings.Builder
		for _, r := range text {
			switch {
			case (si.fmt || mode == fmtBrace) && (r == '{' || r == '}'):
				b.WriteRune(r)
				b.WriteRune(r)
			case mode == fmtPercent && r == '%':
				b.WriteString("%%")
			case si.raw:
				if r == '\\' || string(r) == q || r == '\n' || r == '\r' || r < 0x20 || r == 0x7f {
					return "", false
				}
				b.WriteRune(r)
			case r == '\\':
				b.WriteString(`\\`)
			case string(r) == q:
				b.WriteString(`\` + q)
			case r == '\n' && !triple:
				b.WriteString(`\n`)
			case r == '\n':
				b.WriteRune(r)
			case r == '\r':
				b.WriteString(`\r`)
			case r == '\t':
				b.WriteString(`\t`)
			case r < 0x20 || r == 0x7f:
				b.WriteString(`\x` + strconv.FormatInt(int64(r)+0x100, 16)[1:])
			default:
				b.WriteRune(r)
			}
		}
		return b.String(), true
	}
}

// addString appends a string literal's value: every byte mapped to the source bytes it is
// written as. f-string interpolations and format placeholders become holes. Bytes literals
// are not text: a hole.
func (a *analysis) addString(v *strval.Value, n *syntax.Node, direct bool, mode fmtMode) {
	si, ok := a.stringInfo(n)
	if !ok || si.bytes {
		v.AddHole(n.Start, n.End)
		return
	}
	lit := a.literal(n, si, mode)
	p := v.BeginLiteral(lit, direct)
	// Interpolations of an f-string, in order.
	var interp []*syntax.Node
	if si.fmt {
		n.Walk(func(c *syntax.Node) bool {
			if c.Kind == "interpolation" {
				interp = append(interp, c)
				return false
			}
			return true
		})
	}
	src := a.tree.Src
	brace := si.fmt || mode == fmtBrace
	for i := si.start; i < si.end; {
		if v.Len() > strval.MaxText {
			v.AddHole(i, si.end)
			return
		}
		if len(interp) > 0 && i >= interp[0].Start {
			v.AddHole(interp[0].Start, interp[0].End)
			i = max(interp[0].End, i+1)
			interp = interp[1:]
			p = v.BeginLiteral(lit, direct)
			continue
		}
		c := src[i]
		switch {
		case brace && (c == '{' || c == '}') && i+1 < si.end && src[i+1] == c:
			v.AddDecoded(p, string(c), i, i+2)
			i += 2
		case mode == fmtBrace && c == '{':
			j := strings.IndexByte(string(src[i:si.end]), '}')
			if j < 0 {
				v.AddByte(p, c, i)
				i++
				continue
			}
			v.AddHole(i, i+j+1)
			p = v.BeginLiteral(lit, direct)
			i += j + 1
		case mode == fmtPercent && c == '%':
			if i+1 < si.end && src[i+1] == '%' {
				v.AddDecoded(p, "%", i, i+2)
				i += 2
				continue
			}
			j := percentSpec(src[i:si.end])
			if j == 0 {
				v.AddByte(p, c, i)
				i++
				continue
			}
			v.AddHole(i, i+j)
			p = v.BeginLiteral(lit, direct)
			i += j
		case c == '\\' && !si.raw && i+1 < si.end:
			dec, n := decodeEscape(src[i:si.end])
			if n <= 1 {
				v.AddByte(p, c, i)
				i++
				continue
			}
			if dec == "\\" && n == 2 && src[i+1] != '\\' {
				// An unknown escape keeps its backslash: both bytes as themselves.
				v.AddByte(p, '\\', i)
				v.AddByte(p, src[i+1], i+1)
			} else {
				v.AddDecoded(p, dec, i, i+n)
			}
			i += n
		case c == '\\' && si.raw && i+1 < si.end:
			// In a raw string a backslash stays but still keeps the next byte from ending it.
			v.AddByte(p, c, i)
			v.AddByte(p, src[i+1], i+1)
			i += 2
		case c == '\r' && i+1 < si.end && src[i+1] == '\n':
			// Python reads CRLF in source as LF.
			v.AddDecoded(p, "\n", i, i+2)
			i += 2
		default:
			v.AddByte(p, c, i)
			i++
		}
	}
}

// percentSpec returns the length of a %-format specification at the start of s, or 0.
func percentSpec(s []byte) int {
	i := 1
	if i < len(s) && s[i] == '(' {
		j := i
		for j < len(s) && s[j] != ')' {
			j++
		}
		if j == len(s) {
			return 0
		}
		i = j + 1
	}
	for i < len(s) && strings.IndexByte("-+ #0123456789.*", s[i]) >= 0 {
		i++
	}
	if i < len(s) && strings.IndexByte("sdirfFeEgGxXoc", s[i]) >= 0 {
		return i + 1
	}
	return 0
}

// decodeEscape decodes the escape sequence at the start of s (s[0] == '\\'): the text it
// stands for and its length. An unknown escape gives "\\" and 2 (the backslash is kept).
func decodeEscape(s []byte) (string, int) {
	if len(s) < 2 {
		return "\\", 1
	}
	switch c := s[1]; c {
	case '\n':
		return "", 2
	case '\r':
		if len(s) > 2 && s[2] == '\n' {
			return "", 3
		}
		return "", 2
	case '\\', '\'', '"':
		return string(c), 2
	case 'a':
		return "\a", 2
	case 'b':
		return "\b", 2
	case 'f':
		return "\f", 2
	case 'n':
		return "\n", 2
	case 'r':
		return "\r", 2
	case 't':
		return "\t", 2
	case 'v':
		return "\v", 2
	case 'x':
		return hexEscape(s, 2)
	case 'u':
		return hexEscape(s, 4)
	case 'U':
		return hexEscape(s, 8)
	case 'N':
		if len(s) > 2 && s[2] == '{' {
			if j := strings.IndexByte(string(s), '}'); j > 0 {
				// A named character: its name is not looked up here.
				return "\uFFFD", j + 1
			}
		}
		return "\\", 2
	}
	if s[1] >= '0' && s[1] <= '7' {
		n, v := 1, 0
		for n < 4 && n < len(s) && s[n] >= '0' && s[n] <= '7' {
			v = v*8 + int(s[n]-'0')
			n++
		}
		return string(rune(v)), n
	}
	return "\\", 2
}

func hexEscape(s []byte, digits int) (string, int) {
	if len(s) < 2+digits {
		return "\\", 2
	}
	v, err := strconv.ParseUint(string(s[2:2+digits]), 16, 32)
	if err != nil || v > utf8.MaxRune {
		return "\\", 2
	}
	if digits == 2 {
		// \xhh is the code point U+00hh, UTF-8 encoded in the str.
		return string(rune(v)), 4
	}
	return string(rune(v)), 2 + digits
}

// evaluator evaluates one root expression. pulled records the definitions it read.
type evaluator struct {
	a       *analysis
	pulled  map[*syntax.Node]bool
	visited map[*syntax.Node]bool
}

func (a *analysis) newEvaluator() *evaluator {
	return &evaluator{a: a, pulled: map[*syntax.Node]bool{}, visited: map[*syntax.Node]bool{}}
}

// value evaluates n as a string.
func (a *analysis) value(n *syntax.Node) (*strval.Value, *evaluator) {
	ev := a.newEvaluator()
	v := &strval.Value{}
	ev.eval(v, n, true, 0)
	return v, ev
}

// eval appends the value of expression n to v.
func (ev *evaluator) eval(v *strval.Value, n *syntax.Node, direct bool, depth int) {
	n = n.Unwrap()
	if n == nil {
		return
	}
	if depth > strval.MaxDepth || v.Len() > strval.MaxText || n.Error {
		v.AddHole(n.Start, n.End)
		return
	}
	a := ev.a
	switch n.Kind {
	case "string":
		a.addString(v, n, direct, fmtNone)
	case "concatenated_string":
		for _, c := range n.NamedChildren() {
			ev.eval(v, c, direct, depth+1)
		}
	case "binary_operator":
		l, r := n.Child("left"), n.Child("right")
		op := n.Child("operator")
		switch {
		case op != nil && op.Kind == "+":
			ev.eval(v, l, direct, depth+1)
			ev.eval(v, r, direct, depth+1)
		case op != nil && op.Kind == "%" && isStringLit(l):
			ev.evalFmt(v, l, direct, fmtPercent)
		default:
			v.AddHole(n.Start, n.End)
		}
	case "call":
		if recv := a.formatReceiver(n); recv != nil {
			ev.evalFmt(v, recv, direct, fmtBrace)
			return
		}
		if pathJoins[a.dotted(n.Child("function"))] {
			ev.evalJoin(v, n, depth)
			return
		}
		v.AddHole(n.Start, n.End)
	case "identifier":
		def := a.definition(n)
		if def == nil || ev.visited[def] || a.lookups >= strval.MaxLookups {
			v.AddHole(n.Start, n.End)
			return
		}
		a.lookups++
		ev.visited[def] = true
		ev.pulled[def] = true
		ev.eval(v, def, false, depth+1)
		delete(ev.visited, def)
	default:
		v.AddHole(n.Start, n.End)
	}
}

// pathJoins are the calls that join path components with '/'.
var pathJoins = map[string]bool{"os.path.join": true, "posixpath.join": true}

// evalJoin evaluates os.path.join(a, b, ...): the parts with a '/' between them, so that a path
// under a run-time directory reads as one (${}/sock: a Unix-socket directory, see
// docs/rules.md#local-targets). The separators are not in the file: they cannot be edited.
func (ev *evaluator) evalJoin(v *strval.Value, call *syntax.Node, depth int) {
	parts := joinParts(call)
	if len(parts) == 0 {
		v.AddHole(call.Start, call.End)
		return
	}
	for i, p := range parts {
		if i > 0 {
			v.AddFixed("/", parts[i-1].End, p.Start)
		}
		ev.eval(v, p, false, depth+1)
	}
}

// joinParts returns the positional arguments of a call, or nil when it has others (a splat:
// the parts are not known).
func joinParts(call *syntax.Node) []*syntax.Node {
	args := call.Child("arguments")
	if args == nil || args.Kind != "argument_list" || args.Error {
		return nil
	}
	var parts []*syntax.Node
	for _, c := range args.NamedChildren() {
		switch c.Kind {
		case "comment":
		case "keyword_argument", "list_splat", "dictionary_splat":
			return nil
		default:
			parts = append(parts, c)
		}
	}
	return parts
}

// evalFmt evaluates a literal (or implicit concatenation) read as a format string.
func (ev *evaluator) evalFmt(v *strval.Value, n *syntax.Node, direct bool, mode fmtMode) {
	n = n.Unwrap()
	if n.Kind == "concatenated_string" {
		for _, c := range n.NamedChildren() {
			ev.a.addString(v, c, direct, mode)
		}
		return
	}
	ev.a.addString(v, n, direct, mode)
}

// isStringLit reports whether n is a string literal or an implicit concatenation of them.
func isStringLit(n *syntax.Node) bool {
	n = n.Unwrap()
	return n != nil && (n.Kind == "string" || n.Kind == "concatenated_string")
}

// formatReceiver returns the literal of "...".format(...), or nil.
func (a *analysis) formatReceiver(call *syntax.Node) *syntax.Node {
	fn := call.Child("function")
	if fn == nil || fn.Kind != "attribute" {
		return nil
	}
	obj, attr := fn.Child("object"), fn.Child("attribute")
	if attr == nil || a.text(attr) != "format" || !isStringLit(obj) {
		return nil
	}
	return obj.Unwrap()
}
