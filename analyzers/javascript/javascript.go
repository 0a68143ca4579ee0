// Package javascript extracts PostgreSQL connection settings from JavaScript, TypeScript and
// TSX files: node-postgres (new Pool/Client), Postgres.js (postgres(url, opts)), Prisma 7's
// PrismaPg, Knex, TypeORM and Sequelize configuration objects, connection-string literals, and
// assignments to process.env.NODE_TLS_REJECT_UNAUTHORIZED. Values are followed through
// template literals, concatenations and names bound once in the file (model/strval keeps
// the file offset of every byte, so findings sit on the literal that holds the weak value and
// fixes edit inside it).
package javascript

import (
	"sort"
	"strings"

	"github.com/pgtlslint/pgtlslint/analyzers/treesitter/syntax"
	"github.com/pgtlslint/pgtlslint/model/manifest"
	"github.com/pgtlslint/pgtlslint/model/strval"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// binding is what an imported name stands for: a module and the export ("default", "*" for
// the whole module, or a named export).
type binding struct {
	module, export string
}

type analyzer struct {
	tree   *syntax.Tree
	path   string
	hint   manifest.Hint
	forced bool

	decls    map[string][]*syntax.Node // name → value expressions of its declarators
	assigned map[string]bool           // names assigned after their declaration
	// grown are the names appended to or rebuilt from themselves (url += ..., url = url +
	// ...): a string declared for them may reach its use with more parameters.
	grown    map[string]bool
	binds    map[string]binding
	modules  []string // modules imported, in source order
	lookups  int
	used     map[int]bool // string literals read for a connection (by start offset)
	targets  []*rules.Target
	pgConn   bool // a PostgreSQL connection was found
	envNodes []*syntax.Node
	// sequelizePassword is the password argument of new Sequelize(db, user, password, opts).
	sequelizePassword *syntax.Node
}

// Analyze returns the connections configured in a parsed file. hint is what the project says
// about the driver; forced is true when the user chose it (--driver, a config rule).
func Analyze(tree *syntax.Tree, path string, hint manifest.Hint, forced bool) []*rules.Target {
	if tree == nil || tree.Root == nil {
		return nil
	}
	a := &analyzer{tree: tree, path: path, hint: hint, forced: forced,
		decls: map[string][]*syntax.Node{}, assigned: map[string]bool{}, grown: map[string]bool{}, binds: map[string]binding{},
		used: map[int]bool{}}
	a.collect()
	a.connections()
	a.bareStrings()
	a.nodeTLS()
	sort.SliceStable(a.targets, func(i, j int) bool { return a.targets[i].Anchor.Start < a.targets[j].Anchor.Start })
	return a.targets
}

// collect records declarations, assignments and imports.
func (a *analyzer) collect() {
	a.tree.Root.Walk(func(n *syntax.Node) bool {
		if n.Error {
			return false
		}
		switch n.Kind {
		case "variable_declarator":
			name, val := n.Child("name"), n.Child("value")
			if name == nil {
				return true
			}
			switch name.Kind {
			case "identifier":
				id := a.tree.Text(name)
				if val != nil {
					a.decls[id] = append(a.decls[id], val)
					if mod, ok := a.requireOf(val); ok {
						a.bind(id, mod, "*")
					} else if u := unwrap(val); u != nil && u.Kind == "member_expression" {
						if mod, ok := a.requireOf(u.Child("object")); ok {
							a.bind(id, mod, a.tree.Text(u.Child("property")))
						}
					}
				} else {
					// let x; assigned later: not followed.
					a.assigned[id] = true
				}
			case "object_pattern":
				if mod, ok := a.requireOf(val); ok {
					for _, c := range name.NamedChildren() {
						switch c.Kind {
						case "shorthand_property_identifier_pattern":
							a.bind(a.tree.Text(c), mod, a.tree.Text(c))
						case "pair_pattern":
							k, v := c.Child("key"), c.Child("value")
							if k != nil && v != nil && v.Kind == "identifier" {
								a.bind(a.tree.Text(v), mod, a.tree.Text(k))
							}
						}
					}
				}
			}
		case "assignment_expression", "augmented_assignment_expression":
			if l := unwrap(n.Child("left")); l != nil && l.Kind == "identifier" {
				name := a.tree.Text(l)
				a.assigned[name] = true
				if n.Kind == "augmented_assignment_expression" || a.mentions(n.Child("right"), name) {
					a.grown[name] = true
				}
			}
			if l := unwrap(n.Child("left")); l != nil && a.isNodeTLSEnv(l) {
				a.envNodes = append(a.envNodes, n)
			}
		case "update_expression":
			if l := unwrap(n.Child("argument")); l != nil && l.Kind == "identifier" {
				a.assigned[a.tree.Text(l)] = true
			}
		case "import_statement":
			a.importStatement(n)
			return false
		case "call_expression":
			if mod, ok := a.requireOf(n); ok {
				a.addModule(mod)
			}
		}
		return true
	})
}

// requireOf returns the module of require('m') or import('m') (also awaited).
func (a *analyzer) requireOf(n *syntax.Node) (string, bool) {
	n = unwrap(n)
	if n != nil && n.Kind == "await_expression" {
		for _, c := range n.Children {
			if c.Named {
				n = unwrap(c)
				break
			}
		}
	}
	if n == nil || n.Kind != "call_expression" {
		return "", false
	}
	f := n.Child("function")
	if f == nil || (a.tree.Text(f) != "require" && f.Kind != "import") {
		return "", false
	}
	args := n.Child("arguments")
	if named := args.NamedChildren(); len(named) > 0 {
		if c := named[0]; c.Kind == "string" && c.End-c.Start >= 2 {
			return string(a.tree.Src[c.Start+1 : c.End-1]), true
		}
	}
	return "", false
}

func (a *analyzer) bind(name, mod, export string) {
	a.binds[name] = binding{module: mod, export: export}
	a.addModule(mod)
}

func (a *analyzer) addModule(mod string) {
	for _, m := range a.modules {
		if m == mod {
			return
		}
	}
	a.modules = append(a.modules, mod)
}

func (a *analyzer) importStatement(n *syntax.Node) {
	srcNode := n.Child("source")
	if srcNode == nil || srcNode.End-srcNode.Start < 2 {
		return
	}
	mod := string(a.tree.Src[srcNode.Start+1 : srcNode.End-1])
	a.addModule(mod)
	clause := n.FirstNamed("import_clause")
	for _, c := range clause.NamedChildren() {
		switch c.Kind {
		case "identifier":
			a.bind(a.tree.Text(c), mod, "default")
		case "namespace_import":
			if id := c.FirstNamed("identifier"); id != nil {
				a.bind(a.tree.Text(id), mod, "*")
			}
		case "named_imports":
			for _, s := range c.NamedChildren() {
				if s.Kind != "import_specifier" {
					continue
				}
				name, alias := s.Child("name"), s.Child("alias")
				local := name
				if alias != nil {
					local = alias
				}
				if name != nil {
					a.bind(a.tree.Text(local), mod, a.tree.Text(name))
				}
			}
		}
	}
}

// callee resolves a called or constructed expression to a module export: pg.Pool, Pool
// imported from pg, require('pg').Pool, postgres imported from postgres. ok is false when the
// name is not imported in the file; then name is the bare identifier (or "").
func (a *analyzer) callee(n *syntax.Node) (b binding, name string, ok bool) {
	n = unwrap(n)
	if n == nil {
		return binding{}, "", false
	}
	switch n.Kind {
	case "identifier":
		name = a.tree.Text(n)
		b, ok = a.binds[name]
		return b, name, ok
	case "member_expression":
		obj, prop := unwrap(n.Child("object")), n.Child("property")
		if prop == nil || obj == nil {
			return binding{}, "", false
		}
		if mod, isReq := a.requireOf(obj); isReq {
			return binding{module: mod, export: a.tree.Text(prop)}, "", true
		}
		if obj.Kind == "identifier" {
			if ob, has := a.binds[a.tree.Text(obj)]; has && (ob.export == "*" || ob.export == "default") {
				return binding{module: ob.module, export: a.tree.Text(prop)}, "", true
			}
		}
	}
	return binding{}, "", false
}

// fileDriver decides who reads the strings of the file that no call claims: a forced hint,
// then the file's imports, then the project's manifest.
func (a *analyzer) fileDriver() (drivers.ID, string) {
	if a.forced && a.hint.Driver != "" {
		return a.hint.Driver, a.hint.Evidence
	}
	if im, path, ok := drivers.BestImport(drivers.LangJavaScript, a.modules); ok {
		return im.Driver.ID, im.Evidence(path)
	}
	return a.hint.Driver, a.hint.Evidence
}

// isNodeTLSEnv reports whether n is process.env.NODE_TLS_REJECT_UNAUTHORIZED (or
// process.env['NODE_TLS_REJECT_UNAUTHORIZED']).
func (a *analyzer) isNodeTLSEnv(n *syntax.Node) bool {
	var obj *syntax.Node
	var key string
	switch n.Kind {
	case "member_expression":
		obj = n.Child("object")
		key = a.tree.Text(n.Child("property"))
	case "subscript_expression":
		obj = n.Child("object")
		idx := unwrap(n.Child("index"))
		if idx == nil || idx.Kind != "string" || idx.End-idx.Start < 2 {
			return false
		}
		key = string(a.tree.Src[idx.Start+1 : idx.End-1])
	default:
		return false
	}
	return key == "NODE_TLS_REJECT_UNAUTHORIZED" && isProcessEnv(a.tree, obj)
}

// isProcessEnv reports whether n is process.env.
func isProcessEnv(t *syntax.Tree, n *syntax.Node) bool {
	n = unwrap(n)
	if n == nil || n.Kind != "member_expression" {
		return false
	}
	return t.Text(n.Child("object")) == "process" && t.Text(n.Child("property")) == "env"
}

// nodeTLS makes targets of process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0' in a file or project
// that talks to PostgreSQL (docs/rules.md#pgtls006-verification-disabled); the shape is the config analyzer's.
func (a *analyzer) nodeTLS() {
	if len(a.envNodes) == 0 || (a.hint.Driver == "" && !a.pgConn) {
		return
	}
	drv, ev := drivers.NodeTLSReader(a.hint.Driver, a.hint.Evidence)
	for _, n := range a.envNodes {
		if op := a.tree.Text(childOp(n)); op != "=" {
			continue
		}
		right := n.Child("right")
		v := a.eval(right, 0)
		val, dyn := "", true
		switch v.kind {
		case kString:
			if holes, _ := v.str.Holes(); !holes {
				val, dyn = v.str.String(), false
			}
		case kNumber, kBool:
			val, dyn = v.text, false
		}
		vs := rules.Span{Start: right.Start, End: right.End}
		if v.node != nil && !dyn {
			vs = rules.Span{Start: v.node.Start, End: v.node.End}
		}
		pair := rules.Span{Start: n.Start, End: n.End}
		ed := &strval.KeyedEditor{Slots: map[string]strval.Slot{"NODE_TLS_REJECT_UNAUTHORIZED": {Value: vs, Remove: a.statementRemoval(n)}}}
		t := &rules.Target{Path: a.path, Driver: drv, Evidence: ev, Syntax: "env", Fragment: true, HostUnknown: true,
			Params: []rules.Param{{Setting: drivers.Setting{Name: "NODE_TLS_REJECT_UNAUTHORIZED", Written: "NODE_TLS_REJECT_UNAUTHORIZED",
				Value: val, Dynamic: dyn}, Val: vs, Pair: pair}},
			Anchor: vs, Editor: ed}
		a.targets = append(a.targets, t)
	}
}

// childOp returns the operator token of an assignment.
func childOp(n *syntax.Node) *syntax.Node {
	if op := n.Child("operator"); op != nil {
		return op
	}
	for _, c := range n.Children {
		if !c.Named && strings.HasSuffix(c.Kind, "=") {
			return c
		}
	}
	return nil
}

// statementRemoval is the span that deletes the statement holding expression n: the whole line
// when the statement stands alone on it. It is empty (no edit) when the statement is not
// directly in a block, where deleting it would change what the code around it means.
func (a *analyzer) statementRemoval(n *syntax.Node) rules.Span {
	st := n.Parent
	if st == nil || st.Kind != "expression_statement" || st.Parent == nil {
		return rules.Span{}
	}
	switch st.Parent.Kind {
	case "program", "statement_block":
	default:
		return rules.Span{}
	}
	src := a.tree.Src
	start, end := st.Start, st.End
	ls := start
	for ls > 0 && (src[ls-1] == ' ' || src[ls-1] == '\t') {
		ls--
	}
	le := end
	for le < len(src) && (src[le] == ' ' || src[le] == '\t') {
		le++
	}
	if (ls == 0 || src[ls-1] == '\n') && (le == len(src) || src[le] == '\n' || src[le] == '\r') {
		if le < len(src) && src[le] == '\r' {
			le++
		}
		if le < len(src) && src[le] == '\n' {
			le++
		}
		return rules.Span{Start: ls, End: le}
	}
	return rules.Span{Start: start, End: end}
}

// bareStrings makes targets of connection-string literals no call has claimed. A
// concatenation is read as one value from its outermost +, so every literal is read once.
func (a *analyzer) bareStrings() {
	drv, ev := a.fileDriver()
	a.tree.Root.Walk(func(n *syntax.Node) bool {
		if n.Error {
			return false
		}
		plus := n.Kind == "binary_expression" && a.tree.Text(n.Child("operator")) == "+"
		if n.Kind != "string" && n.Kind != "template_string" && !plus {
			return true
		}
		if p := n.Parent; p != nil && (p.Kind == "import_statement" || p.Kind == "export_statement") {
			return false
		}
		if a.used[n.Start] && !plus || a.usedUnder(n) {
			return false
		}
		v := &strval.Value{}
		a.appendString(v, n, true, 0)
		holes, literal := v.Holes()
		if !literal || holes && !strings.Contains(v.String(), "://") {
			return plus
		}
		t := strval.ConnTarget(v, rules.Span{Start: n.Start, End: n.End}, strval.Source{Path: a.path, Driver: drv, Evidence: ev})
		if t != nil {
			t.Open = t.Open || a.grownRoot(n)
			a.targets = append(a.targets, t)
			a.pgConn = true
		}
		return false
	})
}

// mentions reports whether expression n reads the name.
func (a *analyzer) mentions(n *syntax.Node, name string) bool {
	found := false
	if n != nil {
		n.Walk(func(c *syntax.Node) bool {
			found = found || c.Kind == "identifier" && a.tree.Text(c) == name
			return !found
		})
	}
	return found
}

// grownRoot reports whether a string is the value declared or assigned for a name that is
// appended to or rebuilt from itself.
func (a *analyzer) grownRoot(n *syntax.Node) bool {
	p := n.Parent
	for p != nil && p.Kind == "parenthesized_expression" {
		p = p.Parent
	}
	if p == nil {
		return false
	}
	var name *syntax.Node
	switch {
	case p.Kind == "variable_declarator" && p.Child("value") == n:
		name = p.Child("name")
	case p.Kind == "assignment_expression" && p.Child("right") == n:
		name = unwrap(p.Child("left"))
	}
	return name != nil && name.Kind == "identifier" && a.grown[a.tree.Text(name)]
}

// usedUnder reports whether a string literal under n was read for a connection.
func (a *analyzer) usedUnder(n *syntax.Node) bool {
	found := false
	n.Walk(func(c *syntax.Node) bool {
		if found {
			return false
		}
		if (c.Kind == "string" || c.Kind == "template_string") && a.used[c.Start] {
			found = true
		}
		return true
	})
	return found
}
