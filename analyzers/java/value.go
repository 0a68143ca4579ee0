package java

import (
	"github.com/pgtlslint/pgtlslint/analyzers/treesitter/syntax"
	"github.com/pgtlslint/pgtlslint/model/strval"
)

// scopeKinds are the nodes whose local variables are their own.
var scopeKinds = []string{"method_declaration", "constructor_declaration", "compact_constructor_declaration",
	"lambda_expression", "static_initializer", "class_body", "interface_body", "enum_body_declarations", "record_declaration"}

func isScope(n *syntax.Node) bool {
	if n.Kind == "block" && n.Parent != nil && n.Parent.Kind == "class_body" {
		return true // an instance initializer
	}
	for _, k := range scopeKinds {
		if n.Kind == k {
			return true
		}
	}
	return false
}

// scopeOf is the nearest scope around n.
func scopeOf(n *syntax.Node) *syntax.Node {
	for p := n.Parent; p != nil; p = p.Parent {
		if isScope(p) {
			return p
		}
	}
	return nil
}

// decl is one declaration of a name in a scope.
type decl struct {
	declarator *syntax.Node // variable_declarator, or the formal parameter
	typ        *syntax.Node // the declared type
	value      *syntax.Node // the initializer, nil for parameters and bare declarations
	final      bool
	field      bool
}

// scopeInfo is what a scope declares and assigns.
type scopeInfo struct {
	decls    map[string][]decl
	assigned map[string]bool
	// grown are the names appended to or rebuilt from themselves (url += ..., url = url +
	// ...): a string declared for them may reach its use with more parameters.
	grown map[string]bool
}

// info indexes a scope once: the declarations of its own (not of nested scopes or classes) and
// every name assigned in it (nested lambdas included: an assignment anywhere makes a hole).
func (f *file) info(scope *syntax.Node) *scopeInfo {
	if si, ok := f.scopes[scope]; ok {
		return si
	}
	si := &scopeInfo{decls: map[string][]decl{}, assigned: map[string]bool{}, grown: map[string]bool{}}
	f.scopes[scope] = si
	if scope.Kind == "lambda_expression" {
		if p := scope.Child("parameters"); p != nil && p.Kind == "identifier" {
			si.decls[f.tree.Text(p)] = []decl{{declarator: p}}
		}
	}
	scope.Walk(func(n *syntax.Node) bool {
		if n.Error {
			return false
		}
		if n != scope && isScope(n) {
			if n.Kind == "lambda_expression" {
				markAssigned(f, n, si)
			}
			if n.Kind == "class_body" || n.Kind == "interface_body" {
				return false
			}
			// The parameters of a method belong to it; skip its body.
			return false
		}
		switch n.Kind {
		case "assignment_expression":
			if l := n.Child("left"); l != nil && l.Kind == "identifier" {
				name := f.tree.Text(l)
				si.assigned[name] = true
				if op := n.Child("operator"); op != nil && f.tree.Text(op) != "=" || f.mentions(n.Child("right"), name) {
					si.grown[name] = true
				}
			}
		case "update_expression":
			for _, c := range n.NamedChildren() {
				if c.Kind == "identifier" {
					si.assigned[f.tree.Text(c)] = true
				}
			}
		case "formal_parameter", "spread_parameter", "catch_formal_parameter", "resource":
			if name := n.Child("name"); name != nil {
				si.decls[f.tree.Text(name)] = append(si.decls[f.tree.Text(name)], decl{declarator: n, typ: n.Child("type")})
			}
		case "inferred_parameters":
			for _, c := range n.NamedChildren() {
				si.decls[f.tree.Text(c)] = append(si.decls[f.tree.Text(c)], decl{declarator: c})
			}
		case "local_variable_declaration", "field_declaration", "constant_declaration":
			final := n.Kind == "constant_declaration" || (scope.Kind == "interface_body" && n.Kind == "field_declaration")
			if m := n.FirstNamed("modifiers"); m != nil {
				for _, c := range m.Children {
					if f.tree.Text(c) == "final" {
						final = true
					}
				}
			}
			for _, c := range n.Children {
				if c.Field != "declarator" || c.Kind != "variable_declarator" {
					continue
				}
				name := c.Child("name")
				if name == nil {
					continue
				}
				nm := f.tree.Text(name)
				si.decls[nm] = append(si.decls[nm], decl{declarator: c, typ: n.Child("type"), value: c.Child("value"),
					final: final, field: n.Kind != "local_variable_declaration"})
			}
		}
		return true
	})
	return si
}

// mentions reports whether expression n reads the name.
func (f *file) mentions(n *syntax.Node, name string) bool {
	found := false
	if n != nil {
		n.Walk(func(c *syntax.Node) bool {
			found = found || c.Kind == "identifier" && f.tree.Text(c) == name
			return !found
		})
	}
	return found
}

// grownRoot reports whether a string is the initial value of a local that is appended to or
// rebuilt from itself in its scope.
func (f *file) grownRoot(n *syntax.Node) bool {
	p := n.Parent
	for p != nil && p.Kind == "parenthesized_expression" {
		p = p.Parent
	}
	if p == nil || p.Kind != "variable_declarator" || p.Child("value") == nil || p.Child("value").Unwrap() != n {
		return false
	}
	name := p.Child("name")
	s := scopeOf(p)
	return name != nil && s != nil && f.info(s).grown[f.tree.Text(name)]
}

// markAssigned records the names assigned inside a nested lambda.
func markAssigned(f *file, lambda *syntax.Node, si *scopeInfo) {
	lambda.Walk(func(n *syntax.Node) bool {
		if n.Kind == "class_body" || n.Error {
			return false
		}
		if n.Kind == "assignment_expression" {
			if l := n.Child("left"); l != nil && l.Kind == "identifier" {
				si.assigned[f.tree.Text(l)] = true
			}
		}
		return true
	})
}

// lookup finds the declaration a simple name at use refers to: a local of an enclosing scope,
// else a field of an enclosing class, else the only field of that name in the file.
func (f *file) lookup(use *syntax.Node, name string) (decl, bool) {
	for s := scopeOf(use); s != nil; s = scopeOf(s) {
		si := f.info(s)
		ds := si.decls[name]
		if len(ds) == 0 {
			continue
		}
		if len(ds) != 1 {
			return decl{}, false
		}
		d := ds[0]
		if !d.field && si.assigned[name] {
			return decl{}, false
		}
		return d, true
	}
	ds := f.fields[name]
	if len(ds) == 1 {
		return ds[0], true
	}
	return decl{}, false
}

// constant returns the initializer of a name that always holds it: a final field, or a local
// that is never assigned again.
func (f *file) constant(use *syntax.Node, name string) *syntax.Node {
	d, ok := f.lookup(use, name)
	if !ok || d.value == nil || (d.field && !d.final) {
		return nil
	}
	return d.value
}

// classField returns the initializer of the final field name of the class cls of this file.
func (f *file) classField(cls, name string) *syntax.Node {
	body := f.classes[cls]
	if body == nil {
		return nil
	}
	ds := f.info(body).decls[name]
	if len(ds) != 1 || !ds[0].field || !ds[0].final || ds[0].value == nil {
		return nil
	}
	return ds[0].value
}

// evaluator builds the string value of an expression, bounded.
type evaluator struct {
	f       *file
	lookups int
	// pulled are the definitions (initializers) the value was built from.
	pulled map[*syntax.Node]bool
	active map[*syntax.Node]bool
}

func (f *file) newEvaluator() *evaluator {
	return &evaluator{f: f, pulled: map[*syntax.Node]bool{}, active: map[*syntax.Node]bool{}}
}

// value evaluates n as a root expression.
func (ev *evaluator) value(n *syntax.Node) *strval.Value {
	v := &strval.Value{}
	ev.eval(v, n, true, 0)
	return v
}

// resolve follows a name (identifier, Class.NAME, this.NAME) to its constant initializer.
func (ev *evaluator) resolve(n *syntax.Node) *syntax.Node {
	if ev.lookups >= strval.MaxLookups {
		return nil
	}
	ev.lookups++
	f := ev.f
	switch n.Kind {
	case "identifier":
		return f.constant(n, f.tree.Text(n))
	case "field_access":
		obj, field := n.Child("object"), n.Child("field")
		if obj == nil || field == nil {
			return nil
		}
		switch obj.Kind {
		case "this":
			if body := n.Ancestor("class_body", "interface_body"); body != nil {
				ds := f.info(body).decls[f.tree.Text(field)]
				if len(ds) == 1 && ds[0].final {
					return ds[0].value
				}
			}
		case "identifier":
			return f.classField(f.tree.Text(obj), f.tree.Text(field))
		}
	}
	return nil
}

// eval appends the value of n to v; direct says n is written in the root expression itself.
func (ev *evaluator) eval(v *strval.Value, n *syntax.Node, direct bool, depth int) {
	n = n.Unwrap()
	if n == nil || n.Error || depth > strval.MaxDepth || v.Len() > strval.MaxText {
		if n != nil {
			v.AddHole(n.Start, n.End)
		}
		return
	}
	f := ev.f
	switch n.Kind {
	case "string_literal":
		d, ok := f.decodeLiteral(n)
		if !ok {
			v.AddHole(n.Start, n.End)
			return
		}
		addUnits(v, d, d.units, direct)
		return
	case "binary_expression":
		if isConcat(f, n) {
			ev.eval(v, n.Child("left"), direct, depth+1)
			ev.eval(v, n.Child("right"), direct, depth+1)
			return
		}
	case "decimal_integer_literal":
		v.AddFixed(f.tree.Text(n), n.Start, n.End)
		return
	case "identifier", "field_access":
		def := ev.resolve(n)
		if def == nil || ev.active[def] {
			v.AddHole(n.Start, n.End)
			return
		}
		ev.active[def] = true
		ev.pulled[def.Unwrap()] = true
		var inner strval.Value
		ev.eval(&inner, def, true, depth+1)
		delete(ev.active, def)
		v.Append(&inner, false)
		return
	case "method_invocation":
		if format, args, ok := formatCall(f, n); ok {
			ev.format(v, format, args, direct, depth)
			return
		}
	}
	v.AddHole(n.Start, n.End)
}

// addUnits appends decoded characters of a literal.
func addUnits(v *strval.Value, d *decoded, units []unit, direct bool) {
	p := v.BeginLiteral(d.lit, direct)
	for _, u := range units {
		if u.verbatim {
			v.AddByte(p, u.text[0], u.start)
		} else {
			v.AddDecoded(p, u.text, u.start, u.end)
		}
	}
}

// isConcat reports whether n is a + expression.
func isConcat(f *file, n *syntax.Node) bool {
	if n.Kind != "binary_expression" {
		return false
	}
	op := n.Child("operator")
	return op != nil && f.tree.Text(op) == "+"
}

// formatCall recognises String.format(fmt, args...) and fmt.formatted(args...).
func formatCall(f *file, n *syntax.Node) (*syntax.Node, []*syntax.Node, bool) {
	name, obj := n.Child("name"), n.Child("object")
	args := n.Child("arguments").NamedChildren()
	if name == nil || obj == nil {
		return nil, nil, false
	}
	switch f.tree.Text(name) {
	case "format":
		t := f.tree.Text(obj)
		if (t != "String" && t != "java.lang.String") || len(args) == 0 {
			return nil, nil, false
		}
		if f.tree.Text(args[0]) == "Locale.ROOT" || len(args) > 1 && args[0].Kind != "string_literal" && args[0].Kind != "identifier" && args[0].Kind != "binary_expression" {
			args = args[1:]
		}
		if len(args) == 0 {
			return nil, nil, false
		}
		return args[0], args[1:], true
	case "formatted":
		return obj, args, true
	}
	return nil, nil, false
}

// format appends a String.format value: %s and %d take their argument, %% is a percent sign,
// anything else is a hole.
func (ev *evaluator) format(v *strval.Value, format *syntax.Node, args []*syntax.Node, direct bool, depth int) {
	f := ev.f
	lit := format.Unwrap()
	litDirect := direct
	for i := 0; i < strval.MaxDepth && lit != nil && lit.Kind != "string_literal"; i++ {
		if lit.Kind != "identifier" && lit.Kind != "field_access" {
			lit = nil
			break
		}
		def := ev.resolve(lit)
		if def != nil {
			ev.pulled[def.Unwrap()] = true
			def = def.Unwrap()
		}
		lit, litDirect = def, false
	}
	if lit == nil || lit.Kind != "string_literal" {
		v.AddHole(format.Start, format.End)
		return
	}
	d, ok := f.decodeLiteral(lit)
	if !ok {
		v.AddHole(format.Start, format.End)
		return
	}
	next, from := 0, 0
	for i := 0; i < len(d.units); i++ {
		if d.units[i].text != "%" {
			continue
		}
		addUnits(v, d, d.units[from:i], litDirect)
		j := i + 1
		for j < len(d.units) && len(d.units[j].text) == 1 && isFlag(d.units[j].text[0]) {
			j++
		}
		if j >= len(d.units) {
			from = len(d.units)
			v.AddHole(d.units[i].start, d.units[len(d.units)-1].end)
			break
		}
		verb := d.units[j].text
		switch {
		case verb == "%" && j == i+1:
			addUnits(v, d, d.units[j:j+1], litDirect)
		case verb == "n" && j == i+1:
			v.AddFixed("\n", d.units[i].start, d.units[j].end)
		case (verb == "s" || verb == "d") && next < len(args) && j == i+1:
			ev.eval(v, args[next], direct, depth+1)
			next++
		default:
			v.AddHole(d.units[i].start, d.units[j].end)
			next++
		}
		from = j + 1
		i = j
	}
	if from < len(d.units) {
		addUnits(v, d, d.units[from:], litDirect)
	}
}

func isFlag(c byte) bool {
	return c == '-' || c == '#' || c == '+' || c == ' ' || c == '0' || c == ',' || c == '(' || c == '.' || c == '$' || (c >= '1' && c <= '9')
}
