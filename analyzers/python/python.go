// Package python extracts PostgreSQL connection settings from Python source files parsed with
// tree-sitter (analyzers/treesitter/syntax): connection strings in literals, concatenations, f-strings and
// simple format strings; the keyword arguments of psycopg2, psycopg 3, psycopg_pool, asyncpg
// and SQLAlchemy calls; Django's DATABASES; ssl.SSLContext objects with verification switched
// off that reach asyncpg; and os.environ settings of PGSSLMODE. A name assigned once in the file
// is followed to its value; a reassigned name is a run-time value.
//
// The work per file is bounded (evaluation depth, name lookups, text per value), and nodes
// that do not parse are skipped.
package python

import (
	"sort"
	"strings"

	"github.com/pgtlslint/pgtlslint/analyzers/treesitter/syntax"
	"github.com/pgtlslint/pgtlslint/model/manifest"
	"github.com/pgtlslint/pgtlslint/model/strval"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// Analyze returns the connections configured in a parsed file. hint is what the project says
// about the driver; forced is true when the user chose it (--driver, a config rule).
func Analyze(tree *syntax.Tree, path string, hint manifest.Hint, forced bool) (out []*rules.Target) {
	if tree == nil || tree.Root == nil {
		return nil
	}
	a := &analysis{
		tree: tree, path: path, hint: hint, forced: forced,
		lits:     map[litKey]*strval.Literal{},
		imports:  map[string]string{},
		bindings: map[*syntax.Node]map[string]*binding{},
		consumed: map[*syntax.Node]bool{},
	}
	a.index()
	out = append(out, a.callTargets()...)
	out = append(out, a.djangoTargets()...)
	out = append(out, a.envTargets()...)
	out = append(out, a.rootTargets()...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Anchor.Start < out[j].Anchor.Start })
	return out
}

// analysis is the state of one file's analysis.
type analysis struct {
	tree   *syntax.Tree
	path   string
	hint   manifest.Hint
	forced bool
	lits   map[litKey]*strval.Literal
	// imports maps a name bound by an import to the dotted name it stands for.
	imports map[string]string
	// importDriver is what the file's imports say about the driver.
	importDriver   drivers.ID
	importEvidence string
	// bindings holds, per scope (nil: the module), the names bound there.
	bindings map[*syntax.Node]map[string]*binding
	// attrSets are assignments to attributes (ctx.check_hostname = False), in source order.
	attrSets []*syntax.Node
	calls    []*syntax.Node
	lookups  int
	// consumed are expressions already part of a target made from a call.
	consumed map[*syntax.Node]bool
}

// binding is a name bound in one scope.
type binding struct {
	count int
	def   *syntax.Node // the value of its only plain assignment
	stmt  *syntax.Node // that assignment
	// grown is true when the name is appended to or rebuilt from itself (dsn += "...", dsn =
	// dsn + "..."): a string assigned to it may reach its use with more parameters.
	grown bool
}

func (a *analysis) text(n *syntax.Node) string { return a.tree.Text(n) }

// scopeOf returns the function, lambda or class whose body holds n, or nil for the module.
func scopeOf(n *syntax.Node) *syntax.Node {
	return n.Ancestor("function_definition", "lambda", "class_definition")
}

func (a *analysis) bind(scope *syntax.Node, name string, def, stmt *syntax.Node, weight int) {
	m := a.bindings[scope]
	if m == nil {
		m = map[string]*binding{}
		a.bindings[scope] = m
	}
	b := m[name]
	if b == nil {
		b = &binding{}
		m[name] = b
	}
	b.count += weight
	if weight == 1 {
		b.def, b.stmt = def, stmt
	}
}

// bindAll marks every identifier under n as bound more than once (an unknown value).
func (a *analysis) bindAll(scope, n *syntax.Node) {
	n.Walk(func(c *syntax.Node) bool {
		if c.Kind == "identifier" && c.Field != "attribute" {
			a.bind(scope, a.text(c), nil, nil, 2)
		}
		// a.b and a[b] bind no name.
		return c.Kind != "attribute" && c.Kind != "subscript"
	})
}

// index reads the file once: imports, name bindings, attribute assignments and calls.
func (a *analysis) index() {
	a.tree.Root.Walk(func(n *syntax.Node) bool {
		if n.Error {
			return false
		}
		switch n.Kind {
		case "import_statement":
			for _, c := range n.NamedChildren() {
				a.addImport("", c)
			}
		case "import_from_statement":
			mod := a.text(n.Child("module_name"))
			for _, c := range n.Children {
				if c.Field == "name" {
					a.addImport(mod, c)
				}
			}
		case "assignment":
			a.indexAssignment(n)
		case "augmented_assignment":
			if l := n.Child("left"); l != nil {
				a.bindAll(scopeOf(n), l)
				a.markGrown(scopeOf(n), l)
			}
		case "for_statement", "for_in_clause":
			if l := n.Child("left"); l != nil {
				a.bindAll(scopeOf(n), l)
			}
		case "as_pattern":
			if al := n.Child("alias"); al != nil {
				a.bindAll(scopeOf(n), al)
			}
		case "named_expression":
			if nm := n.Child("name"); nm != nil {
				a.bindAll(scopeOf(n), nm)
			}
		case "parameters", "lambda_parameters":
			for _, c := range n.NamedChildren() {
				if nm := c.Child("name"); nm != nil {
					a.bindAll(scopeOf(c), nm)
				} else if c.Kind == "identifier" {
					a.bindAll(scopeOf(c), c)
				} else {
					for _, cc := range c.NamedChildren() {
						if cc.Kind == "identifier" {
							a.bindAll(scopeOf(c), cc)
						}
					}
				}
			}
			return false
		case "function_definition", "class_definition":
			if nm := n.Child("name"); nm != nil {
				a.bind(scopeOf(n), a.text(nm), nil, nil, 2)
			}
		case "global_statement", "nonlocal_statement":
			// The name is bound in another scope: unknown here.
			for _, c := range n.NamedChildren() {
				a.bind(scopeOf(n), a.text(c), nil, nil, 2)
			}
		case "call":
			a.calls = append(a.calls, n)
		}
		return true
	})
}

func (a *analysis) indexAssignment(n *syntax.Node) {
	l, r := n.Child("left"), n.Child("right")
	if l == nil {
		return
	}
	scope := scopeOf(n)
	switch {
	case l.Kind == "identifier" && r != nil:
		// a = b = "x": the inner assignment binds b; a takes its value.
		v := r
		for v != nil && v.Kind == "assignment" {
			v = v.Child("right")
		}
		if v == nil {
			a.bind(scope, a.text(l), nil, nil, 2)
			return
		}
		a.bind(scope, a.text(l), v, n, 1)
		if a.uses(v, a.text(l)) {
			a.markGrown(scope, l)
		}
	case l.Kind == "identifier":
		// An annotation without a value binds nothing yet.
	case l.Kind == "attribute":
		a.attrSets = append(a.attrSets, n)
	case l.Kind == "subscript":
	default:
		a.bindAll(scope, l)
	}
}

// markGrown records that the name l is appended to or rebuilt from itself in scope.
func (a *analysis) markGrown(scope, l *syntax.Node) {
	if l.Kind != "identifier" {
		return
	}
	a.bind(scope, a.text(l), nil, nil, 0)
	a.bindings[scope][a.text(l)].grown = true
}

// uses reports whether expression n reads the name.
func (a *analysis) uses(n *syntax.Node, name string) bool {
	found := false
	n.Walk(func(c *syntax.Node) bool {
		if c.Kind == "identifier" && c.Field != "attribute" && a.text(c) == name {
			found = true
		}
		return !found
	})
	return found
}

// grown reports whether a root is the value assigned to a name that is appended to or rebuilt
// from itself later.
func (a *analysis) grown(root *syntax.Node) bool {
	p := root.Parent
	for p != nil && p.Kind == "parenthesized_expression" {
		p = p.Parent
	}
	if p == nil || p.Kind != "assignment" || p.Child("right") == nil || p.Child("right").Unwrap() != root.Unwrap() {
		return false
	}
	l := p.Child("left")
	if l == nil || l.Kind != "identifier" {
		return false
	}
	b := a.lookup(l)
	return b != nil && b.grown
}

// definition returns the value of the only assignment of the name id, in its scope or the
// scopes around it; nil when there is none or more than one.
func (a *analysis) definition(id *syntax.Node) *syntax.Node {
	b := a.lookup(id)
	if b == nil || b.count != 1 || b.def == nil {
		return nil
	}
	// A use inside the definition's own value (x = x + "...") is not that value.
	if b.def.Contains(id.Start, id.End) {
		return nil
	}
	return b.def
}

func (a *analysis) lookup(id *syntax.Node) *binding {
	name := a.text(id)
	for s := scopeOf(id); ; s = scopeOf(s) {
		if b := a.bindings[s][name]; b != nil {
			return b
		}
		if s == nil {
			return nil
		}
	}
}

// resolveName follows a chain of names to the expression they stand for.
func (a *analysis) resolveName(n *syntax.Node) *syntax.Node {
	n = n.Unwrap()
	for i := 0; i < strval.MaxDepth && n != nil && n.Kind == "identifier"; i++ {
		d := a.definition(n)
		if d == nil {
			return n
		}
		n = d.Unwrap()
	}
	return n
}

func (a *analysis) addImport(from string, n *syntax.Node) {
	var name, alias string
	switch n.Kind {
	case "dotted_name":
		name = a.text(n)
		alias = strings.SplitN(name, ".", 2)[0]
		if from == "" {
			// import a.b binds a, which stands for a.
			a.imports[alias] = alias
			a.noteModule(name)
			return
		}
	case "aliased_import":
		name = a.text(n.Child("name"))
		alias = a.text(n.Child("alias"))
	default:
		return
	}
	full := name
	if from != "" {
		full = from + "." + name
	}
	a.imports[alias] = full
	a.noteModule(full)
}

// noteModule records what an import says about the driver: of the drivers the file's imports
// name, the one of the best-ranked module (the framework first, then the async driver, as the
// manifest inference does).
func (a *analysis) noteModule(full string) {
	root := strings.SplitN(full, ".", 2)[0]
	im, ok := drivers.ImportOf(drivers.LangPython, root)
	if !ok {
		return
	}
	if a.importDriver == "" || im.Module.Rank < bestModuleRank(drivers.Get(a.importDriver)) {
		a.importDriver, a.importEvidence = im.Driver.ID, im.Evidence(root)
	}
}

// bestModuleRank is the rank of a driver's best-ranked Python module.
func bestModuleRank(d *drivers.Driver) int {
	best := -1
	for _, m := range d.Modules {
		if m.Lang == drivers.LangPython && (best < 0 || m.Rank < best) {
			best = m.Rank
		}
	}
	return best
}

// dotted returns the dotted name a call's function stands for, with imported names expanded:
// "psycopg2.connect" for pg.connect after import psycopg2 as pg.
func (a *analysis) dotted(fn *syntax.Node) string {
	var parts []string
	for n := fn; n != nil; {
		switch n.Kind {
		case "identifier":
			name := a.text(n)
			if full, ok := a.imports[name]; ok {
				name = full
			}
			parts = append(parts, name)
			n = nil
		case "attribute":
			parts = append(parts, a.text(n.Child("attribute")))
			n = n.Child("object")
		default:
			return ""
		}
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return strings.Join(parts, ".")
}

// decideDriver picks the driver of a connection: the call that reads it, a forced hint, the
// file's imports, then the hint.
func (a *analysis) decideDriver(call drivers.ID, callEvidence string) (drivers.ID, string) {
	if call != "" {
		return call, callEvidence
	}
	if a.forced && a.hint.Driver != "" {
		return a.hint.Driver, a.hint.Evidence
	}
	if a.importDriver != "" {
		return a.importDriver, a.importEvidence
	}
	return a.hint.Driver, a.hint.Evidence
}

// span is the span of a node.
func span(n *syntax.Node) rules.Span { return rules.Span{Start: n.Start, End: n.End} }

// rootTargets finds connection strings that no known call reads: maximal string expressions
// whose value is a PostgreSQL URL or a libpq keyword string naming a host.
func (a *analysis) rootTargets() []*rules.Target {
	type built struct {
		root *syntax.Node
		t    *rules.Target
	}
	var all []built
	consumed := map[*syntax.Node]bool{}
	a.tree.Root.Walk(func(n *syntax.Node) bool {
		if n.Error {
			return false
		}
		if !a.isRoot(n) {
			return true
		}
		if a.consumed[n] {
			return false
		}
		v, ev := a.value(n)
		drv, evd := a.decideDriver("", "")
		t := strval.ConnTarget(v, span(n), strval.Source{Path: a.path, Driver: drv, Evidence: evd})
		if t == nil {
			return false
		}
		t.Open = t.Open || a.grown(n)
		for d := range ev.pulled {
			consumed[d.Unwrap()] = true
		}
		all = append(all, built{n, t})
		return false
	})
	var out []*rules.Target
	for _, b := range all {
		if !consumed[b.root] {
			out = append(out, b.t)
		}
	}
	return out
}

// isRoot reports whether n is a maximal string expression worth evaluating.
func (a *analysis) isRoot(n *syntax.Node) bool {
	switch n.Kind {
	case "string", "concatenated_string":
	case "binary_operator":
		op := n.Child("operator")
		if op == nil || (op.Kind != "+" && op.Kind != "%") {
			return false
		}
		if op.Kind == "%" && !isStringLit(n.Child("left")) {
			return false
		}
	case "call":
		if a.formatReceiver(n) == nil {
			return false
		}
	default:
		return false
	}
	p := n.Parent
	for p != nil && p.Kind == "parenthesized_expression" {
		p = p.Parent
	}
	if p == nil {
		return true
	}
	switch p.Kind {
	case "concatenated_string", "binary_operator":
		return false
	case "expression_statement":
		// A bare string statement is a docstring or a comment: it configures nothing.
		return false
	case "attribute":
		// "...".format(...): the call is the root.
		return false
	}
	return true
}
