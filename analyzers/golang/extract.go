package golang

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"sort"
	"strings"

	"github.com/pgtlslint/pgtlslint/model/strval"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// Hint is what the caller knows about the driver of a file's connections.
type Hint struct {
	Driver   drivers.ID
	Evidence string
	// Forced hints (--driver, a driver rule of the project configuration) beat the file's
	// imports; others (the module's go.mod) only fill in when nothing in the code says.
	Forced bool
}

// target is a rules.Target found in the package, with the file its root sits in. Its spans are
// token.Pos values of the unit's FileSet.
type target struct {
	*rules.Target
	file *ast.File
}

// callUse is a call that reads a connection string (or a config), and what it says about the
// driver.
type callUse struct {
	call     *ast.CallExpr
	driver   drivers.ID
	evidence string
	pg       bool // false: a database/sql driver that is not PostgreSQL's
}

// dsnCall describes a function that takes a connection string.
type dsnCall struct {
	arg int // the connection string argument
	// driverArg, when >= 0, is database/sql's driver name argument.
	driverArg int
}

// sqlCalls are the database/sql-style openers, which take a database/sql driver name beside
// the connection string: the name says which driver reads it (the driver table's SQLDrivers).
var sqlCalls = map[string]map[string]dsnCall{
	databaseSQL: {"Open": {1, 0}},
	sqlxPath:    {"Open": {1, 0}, "Connect": {1, 0}, "MustOpen": {1, 0}, "MustConnect": {1, 0}, "ConnectContext": {2, 1}},
}

// dsnCallOf returns the description of a call that takes a connection string, and the
// driver its function says: a driver's own call (the driver table's Calls), or a
// database/sql opener whose driver name argument names one.
func (u *unit) dsnCallOf(call *ast.CallExpr) (dsnCall, callUse, bool) {
	path, name := u.funcOf(call)
	if path == "" {
		return dsnCall{}, callUse{}, false
	}
	if im, ok := drivers.ImportOf(drivers.LangGo, path); ok {
		c, ok := im.CallOf(name)
		if !ok || c.TLSConfig > 0 || c.DSN >= len(call.Args) {
			return dsnCall{}, callUse{}, false
		}
		ev := "call to " + im.Short() + "." + name
		if im.Module.Note != "" {
			ev += " " + im.Module.Note
		}
		return dsnCall{arg: c.DSN, driverArg: -1}, callUse{call: call, pg: true, driver: im.Driver.ID, evidence: ev}, true
	}
	dc, ok := sqlCalls[path][name]
	if !ok || dc.arg >= len(call.Args) || dc.driverArg >= len(call.Args) {
		return dsnCall{}, callUse{}, false
	}
	cu := callUse{call: call, pg: true}
	arg := call.Args[dc.driverArg]
	driverName := ""
	if tv := u.info.Types[arg]; tv.Value != nil && tv.Value.Kind() == constant.String {
		driverName = constant.StringVal(tv.Value)
	} else if lit, ok := ast.Unparen(arg).(*ast.BasicLit); ok && lit.Kind == token.STRING {
		driverName = strings.Trim(lit.Value, "`\"")
	}
	fn := path[strings.LastIndexByte(path, '/')+1:] + "." + name
	if d, ok := drivers.ForSQLDriver(driverName); ok {
		cu.driver, cu.evidence = d.ID, fn+`("`+driverName+`"): `+d.SQLDriverSays
	} else if driverName != "" {
		// Another database's driver. An empty name is known only at run time: the imports
		// decide.
		cu.pg = false
	}
	return dc, cu, true
}

// roots finds the connection-string targets of the package. A root is a maximal string
// expression: a literal, a concatenation or a fmt.Sprintf call that is not itself part of a
// larger one. Its value follows names to their definitions; a definition that a larger
// connection string was built from is not reported again on its own.
func (u *unit) roots(hintFor func(*ast.File) Hint) []target {
	callOf := map[ast.Expr]callUse{}
	for _, f := range u.files {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			dc, cu, ok := u.dsnCallOf(call)
			if !ok {
				return true
			}
			arg := ast.Unparen(call.Args[dc.arg])
			for depth := 0; depth < strval.MaxDepth; depth++ {
				id, ok := arg.(*ast.Ident)
				if !ok {
					break
				}
				d, ok := u.singleDef(u.objectOf(id))
				if !ok {
					break
				}
				arg = ast.Unparen(d)
			}
			if _, seen := callOf[arg]; !seen {
				callOf[arg] = cu
			}
			return true
		})
	}
	type built struct {
		root ast.Expr
		file *ast.File
		t    *rules.Target
	}
	var all []built
	consumed := map[ast.Expr]bool{}
	for _, f := range u.files {
		ast.Inspect(f, func(n ast.Node) bool {
			e, ok := n.(ast.Expr)
			if !ok || !u.isRoot(e) {
				return true
			}
			ev := newEvaluator(u)
			var v strval.Value
			ev.eval(&v, e, true, 0)
			cu, called := callOf[ast.Unparen(e)]
			if called && !cu.pg {
				return true
			}
			t := u.connTarget(&v, e, f, cu, called, hintFor(f))
			if t == nil {
				return true
			}
			t.Open = t.Open || u.grown(e)
			for d := range ev.pulled {
				consumed[ast.Unparen(d)] = true
			}
			all = append(all, built{root: e, file: f, t: t})
			// The parts of a root are not roots; Sprintf arguments are not either.
			return false
		})
	}
	var out []target
	for _, b := range all {
		if consumed[ast.Unparen(b.root)] {
			continue
		}
		out = append(out, target{Target: b.t, file: b.file})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Anchor.Start < out[j].Anchor.Start })
	return out
}

// grown reports whether the variable a root is assigned to is changed after (dsn += "?sslmode=
// ...", dsn = dsn + ..., &dsn handed on): the string that reaches the connection may carry more
// parameters than the root.
func (u *unit) grown(root ast.Expr) bool {
	obj := u.assignedTo(root)
	if obj == nil {
		return false
	}
	for _, d := range u.defs[obj] {
		if d.index == -2 || d.expr != nil && d.expr != root && u.mentions(d.expr, obj) {
			return true
		}
	}
	return false
}

// assignedTo returns the variable whose definition's value is root, or nil.
func (u *unit) assignedTo(root ast.Expr) types.Object {
	switch p := u.parents[root].(type) {
	case *ast.AssignStmt:
		if len(p.Lhs) != len(p.Rhs) {
			return nil
		}
		for i, r := range p.Rhs {
			if id, ok := ast.Unparen(p.Lhs[i]).(*ast.Ident); ok && r == root {
				return u.objectOf(id)
			}
		}
	case *ast.ValueSpec:
		for i, r := range p.Values {
			if i < len(p.Names) && r == root {
				return u.info.Defs[p.Names[i]]
			}
		}
	}
	return nil
}

// mentions reports whether expression e uses obj.
func (u *unit) mentions(e ast.Expr, obj types.Object) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && u.objectOf(id) == obj {
			found = true
		}
		return !found
	})
	return found
}

// isRoot reports whether e is a maximal string expression.
func (u *unit) isRoot(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.BasicLit:
		if x.Kind != token.STRING {
			return false
		}
	case *ast.BinaryExpr:
		if x.Op != token.ADD {
			return false
		}
	case *ast.CallExpr:
		if !u.isSprintf(x) {
			return false
		}
	default:
		return false
	}
	// The parent first: only a maximal expression is worth a look at its operands.
	p := u.parents[e]
	for {
		pe, ok := p.(*ast.ParenExpr)
		if !ok {
			break
		}
		p = u.parents[pe]
	}
	switch p := p.(type) {
	case *ast.BinaryExpr:
		if p.Op == token.ADD {
			return false
		}
	case *ast.ImportSpec, *ast.Field:
		return false
	case *ast.CallExpr:
		if u.isSprintf(p) {
			return false
		}
	}
	if x, ok := e.(*ast.BinaryExpr); ok {
		return u.maybeString(x)
	}
	return true
}

// jvmKinds are the connection strings a Go program only writes for a JVM to read (a Debezium or
// Kafka Connect config, a Flyway command line): their reader is the one of their syntax
// (pgjdbc, R2DBC), whatever the Go program imports.
var jvmKinds = map[string]bool{"jdbc": true, "r2dbc": true}

// connTarget makes a target of a root's value when it is a connection string: a PostgreSQL URI,
// a libpq keyword string that names a host or a JDBC or R2DBC URL, anywhere; any string handed
// to a call that reads one.
func (u *unit) connTarget(v *strval.Value, root ast.Expr, f *ast.File, cu callUse, called bool, hint Hint) *rules.Target {
	if _, literal := v.Holes(); !literal {
		return nil
	}
	s := string(v.Text)
	kind := rules.ConnKind(s)
	jvm := jvmKinds[kind] && !called
	if kind != "uri" && kind != "keyword" && !jvm && !called {
		return nil
	}
	drv, ev := u.decideDriver(f, cu, called, hint)
	t, cs := rules.ParseConnString(s, rules.StringSource{Path: u.names[f], Driver: drv, Evidence: ev})
	if cs == nil {
		return nil
	}
	if kind == "keyword" && !called && (cs.Err != nil || !rules.KeywordConn(cs.Params)) {
		return nil
	}
	if string(cs.Syntax) != "uri" && string(cs.Syntax) != "keyword" && !jvm {
		return nil
	}
	strval.ToFile(t, v)
	t.Anchor = rules.Span{Start: int(root.Pos()), End: int(root.End())}
	t.Editor = &strval.LiteralEditor{Inner: t.Editor, V: v}
	return t
}

// decideDriver picks the driver of a connection: the call that reads it, a forced hint, the
// file's imports, the package's imports, then the hint.
func (u *unit) decideDriver(f *ast.File, cu callUse, called bool, hint Hint) (drivers.ID, string) {
	if called && cu.driver != "" {
		return cu.driver, cu.evidence
	}
	if hint.Forced && hint.Driver != "" {
		return hint.Driver, hint.Evidence
	}
	if d, ev := u.importDriver(f); d != "" {
		return d, ev
	}
	for _, g := range u.files {
		if d, ev := u.importDriver(g); d != "" {
			return d, ev + " in " + u.names[g]
		}
	}
	return hint.Driver, hint.Evidence
}
