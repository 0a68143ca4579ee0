package javascript

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pgtlslint/pgtlslint/analyzers/treesitter/syntax"
	"github.com/pgtlslint/pgtlslint/model/strval"
)

// kind is what an expression evaluates to, as far as the file says.
type kind int

const (
	kUnknown kind = iota
	kString
	kBool
	kNumber
	kNull
	kUndefined
	kObject
	kFunc
)

// jv is the value of an expression.
type jv struct {
	kind kind
	str  *strval.Value // kString
	text string        // kBool, kNumber: the literal
	// node is where the value is written: the literal, the object or the function (after
	// following names and unwrapping type assertions).
	node *syntax.Node
}

// unwrap skips parentheses and TypeScript's type-only wrappers (as, satisfies, !, <T>x).
func unwrap(n *syntax.Node) *syntax.Node {
	for i := 0; n != nil && i < 64; i++ {
		switch n.Kind {
		case "parenthesized_expression", "as_expression", "satisfies_expression", "non_null_expression", "type_assertion":
			var inner *syntax.Node
			for _, c := range n.Children {
				if c.Named && !strings.HasSuffix(c.Kind, "type") && c.Kind != "type_identifier" && c.Kind != "type_arguments" && !c.Error {
					inner = c
					break
				}
			}
			if inner == nil {
				return n
			}
			n = inner
		default:
			return n
		}
	}
	return n
}

// lookupDecl returns the value expression a name is bound to when the file binds it exactly
// once (one declarator with a value, never assigned again), or nil.
func (a *analyzer) lookupDecl(name string) *syntax.Node {
	if a.lookups >= strval.MaxLookups {
		return nil
	}
	a.lookups++
	ds := a.decls[name]
	if len(ds) != 1 || a.assigned[name] {
		return nil
	}
	return ds[0]
}

// eval evaluates an expression.
func (a *analyzer) eval(n *syntax.Node, depth int) jv {
	n = unwrap(n)
	if n == nil || n.Error || depth > strval.MaxDepth {
		return jv{}
	}
	switch n.Kind {
	case "string", "template_string":
		v := &strval.Value{}
		a.appendString(v, n, true, depth)
		return jv{kind: kString, str: v, node: n}
	case "binary_expression":
		op := n.Child("operator")
		if op == nil || a.tree.Text(op) != "+" {
			return jv{node: n}
		}
		l, r := a.eval(n.Child("left"), depth+1), a.eval(n.Child("right"), depth+1)
		if l.kind != kString && r.kind != kString {
			return jv{node: n}
		}
		v := &strval.Value{}
		a.appendString(v, n, true, depth)
		return jv{kind: kString, str: v, node: n}
	case "true", "false":
		return jv{kind: kBool, text: n.Kind, node: n}
	case "number":
		return jv{kind: kNumber, text: a.tree.Text(n), node: n}
	case "unary_expression":
		// !0, !1, -0: only the boolean negations of literals are worth knowing.
		op := n.Child("operator")
		arg := unwrap(n.Child("argument"))
		if op != nil && a.tree.Text(op) == "!" && arg != nil && arg.Kind == "number" {
			if t := a.tree.Text(arg); t == "0" {
				return jv{kind: kBool, text: "true", node: n}
			}
			return jv{kind: kBool, text: "false", node: n}
		}
		return jv{node: n}
	case "null":
		return jv{kind: kNull, node: n}
	case "undefined":
		return jv{kind: kUndefined, node: n}
	case "object":
		return jv{kind: kObject, node: n}
	case "call_expression":
		switch {
		case a.isObjectAssign(n):
			return jv{kind: kObject, node: n}
		case a.isPathJoin(n):
			v := &strval.Value{}
			a.appendJoin(v, n, depth)
			return jv{kind: kString, str: v, node: n}
		}
	case "arrow_function", "function_expression", "function", "method_definition":
		return jv{kind: kFunc, node: n}
	case "identifier":
		name := a.tree.Text(n)
		if name == "undefined" {
			return jv{kind: kUndefined, node: n}
		}
		if d := a.lookupDecl(name); d != nil {
			return a.eval(d, depth+1)
		}
	}
	return jv{node: n}
}

// appendString appends the string value of n to v; parts unknown at run time become holes.
// direct is false for literals reached through a name.
func (a *analyzer) appendString(v *strval.Value, n *syntax.Node, direct bool, depth int) {
	n = unwrap(n)
	if n == nil || n.Error || depth > strval.MaxDepth || v.Len() > strval.MaxText {
		if n != nil {
			v.AddHole(n.Start, n.End)
		}
		return
	}
	switch n.Kind {
	case "string", "template_string":
		a.used[n.Start] = true
		a.appendLiteral(v, n, direct, depth)
		return
	case "binary_expression":
		if op := n.Child("operator"); op != nil && a.tree.Text(op) == "+" {
			a.appendString(v, n.Child("left"), direct, depth+1)
			a.appendString(v, n.Child("right"), direct, depth+1)
			return
		}
	case "number":
		v.AddFixed(a.tree.Text(n), n.Start, n.End)
		return
	case "call_expression":
		if a.isPathJoin(n) {
			a.appendJoin(v, n, depth)
			return
		}
	case "true", "false", "null":
		v.AddFixed(n.Kind, n.Start, n.End)
		return
	case "identifier":
		if d := a.lookupDecl(a.tree.Text(n)); d != nil {
			if x := unwrap(d); x != nil && (x.Kind == "string" || x.Kind == "template_string" || x.Kind == "binary_expression" || x.Kind == "number" || x.Kind == "identifier" ||
				x.Kind == "call_expression" && a.isPathJoin(x)) {
				a.appendString(v, d, false, depth+1)
				return
			}
		}
	}
	v.AddHole(n.Start, n.End)
}

// pathModules are the modules whose join and resolve make paths with '/'.
var pathModules = map[string]bool{"path": true, "node:path": true, "path/posix": true, "node:path/posix": true}

// isPathJoin reports whether a call is path.join or path.resolve (imported from path), whose
// value is a path.
func (a *analyzer) isPathJoin(call *syntax.Node) bool {
	b, _, ok := a.callee(call.Child("function"))
	return ok && pathModules[b.module] && (b.export == "join" || b.export == "resolve")
}

// appendJoin appends the value of path.join(a, b, ...): the parts with a '/' between them, so
// that a path under a run-time directory reads as one (${}/sock: a Unix-socket directory, see
// docs/rules.md#local-targets). The separators are not in the file: they cannot be edited.
func (a *analyzer) appendJoin(v *strval.Value, call *syntax.Node, depth int) {
	parts := args(call)
	for _, p := range parts {
		if p.Kind == "spread_element" {
			parts = nil
			break
		}
	}
	if len(parts) == 0 {
		v.AddHole(call.Start, call.End)
		return
	}
	for i, p := range parts {
		if i > 0 {
			v.AddFixed("/", parts[i-1].End, p.Start)
		}
		a.appendString(v, p, false, depth+1)
	}
}

// appendLiteral appends a string or template literal: its text, decoded, with holes for the
// substitutions that are not themselves known strings.
func (a *analyzer) appendLiteral(v *strval.Value, n *syntax.Node, direct bool, depth int) {
	src := a.tree.Src
	if n.End-n.Start < 2 || n.End > len(src) {
		v.AddHole(n.Start, n.End)
		return
	}
	quote := src[n.Start]
	lit := &strval.Literal{Start: n.Start + 1, End: n.End - 1, Escape: escaper(quote)}
	p := v.BeginLiteral(lit, direct)
	pos := n.Start + 1
	end := n.End - 1
	for _, c := range n.Children {
		if c.Start < pos || c.End > end || !c.Named {
			continue
		}
		switch c.Kind {
		case "escape_sequence", "template_substitution":
		default:
			continue
		}
		// Verbatim text before the child.
		v.AddVerbatim(p, string(src[pos:c.Start]), pos)
		if c.Kind == "escape_sequence" {
			v.AddDecoded(p, decodeEscape(string(src[c.Start:c.End])), c.Start, c.End)
		} else {
			var expr *syntax.Node
			for _, e := range c.Children {
				if e.Named {
					expr = e
					break
				}
			}
			if expr != nil {
				a.appendString(v, expr, false, depth+1)
			} else {
				v.AddHole(c.Start, c.End)
			}
			// Later bytes of the literal are a piece of their own.
			p = v.BeginLiteral(lit, direct)
		}
		pos = c.End
	}
	if pos < end {
		v.AddVerbatim(p, string(src[pos:end]), pos)
	}
}

// escaper writes text for a literal delimited by quote.
func escaper(quote byte) func(string) (string, bool) {
	return func(s string) (string, bool) {
		var b strings.Builder
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case c == '\\' || c == quote:
				b.WriteByte('\\')
				b.WriteByte(c)
			case c == '\n':
				b.WriteString(`\n`)
			case c == '\r':
				b.WriteString(`\r`)
			case quote == '`' && c == '$' && i+1 < len(s) && s[i+1] == '{':
				b.WriteString(`\$`)
			default:
				b.WriteByte(c)
			}
		}
		return b.String(), true
	}
}

// decodeEscape decodes one JavaScript escape sequence.
func decodeEscape(e string) string {
	if len(e) < 2 || e[0] != '\\' {
		return e
	}
	switch e[1] {
	case 'n':
		return "\n"
	case 't':
		return "\t"
	case 'r':
		return "\r"
	case 'b':
		return "\b"
	case 'f':
		return "\f"
	case 'v':
		return "\v"
	case '0':
		if len(e) == 2 {
			return "\x00"
		}
	case '\n', '\r':
		return "" // line continuation
	case 'x':
		if r, err := strconv.ParseUint(e[2:], 16, 8); err == nil {
			return string(rune(r))
		}
	case 'u':
		h := strings.Trim(e[2:], "{}")
		if r, err := strconv.ParseUint(h, 16, 32); err == nil && utf8.ValidRune(rune(r)) {
			return string(rune(r))
		}
	}
	return e[1:]
}
