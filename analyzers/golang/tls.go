package golang

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"github.com/pgtlslint/pgtlslint/model/strval"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// A tls.Config with InsecureSkipVerify: true is reported when it reaches a PostgreSQL driver:
// pgx's Config.TLSConfig (pgconn.Config, pgx.ConnConfig, pgxpool.Config.ConnConfig,
// FallbackConfig), by assignment or in a composite literal, directly or through a variable;
// or lib/pq's RegisterTLSConfig. A tls.Config used for anything else is not ours to report.

// sink is where a tls.Config reaches a driver.
type sink struct {
	driver   drivers.ID
	evidence string
	// base is the pgx config expression whose TLSConfig is set (cfg in cfg.TLSConfig = ...),
	// for the fix ServerName: cfg.Host; nil when unknown.
	base ast.Expr
	// host is the Host of a composite literal pgconn.Config{Host: ..., TLSConfig: ...}.
	host ast.Expr
	// hosts are the hosts of the connection string the config was parsed from, when known.
	hosts   []rules.Host
	unknown bool // the hosts are not known here
}

// isTrue reports whether e is the constant true.
func (u *unit) isTrue(e ast.Expr) bool {
	if tv, ok := u.info.Types[e]; ok && tv.Value != nil {
		return tv.Value.Kind() == constant.Bool && constant.BoolVal(tv.Value)
	}
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && id.Name == "true" && u.objectOf(id) == types.Universe.Lookup("true")
}

// isTypeName reports whether a type expression names pkg.name, with pkg matched by match.
func (u *unit) isTypeName(typ ast.Expr, match func(path string) bool, names ...string) bool {
	sel, ok := ast.Unparen(typ).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	p := u.pkgPathOf(sel.X)
	if p == "" || !match(p) {
		return false
	}
	for _, n := range names {
		if sel.Sel.Name == n {
			return true
		}
	}
	return false
}

func isTLSPkg(p string) bool { return p == cryptoTLS }

// configDriver returns the driver of a package whose configuration types carry a TLSConfig the
// driver uses as given (pgx's), or nil.
func configDriver(p string) *drivers.Driver {
	im, ok := drivers.ImportOf(drivers.LangGo, p)
	if !ok || len(im.Driver.TLSConfigTypes) == 0 {
		return nil
	}
	return im.Driver
}

func isPgxPkg(p string) bool { return configDriver(p) != nil }

// pgxConfigTypes are the types with a TLSConfig field (or a ConnConfig holding one).
var pgxConfigTypes = func() []string {
	var out []string
	for _, d := range drivers.All() {
		out = append(out, d.TLSConfigTypes...)
	}
	return out
}()

// pgxDriver is the driver whose configurations carry a TLSConfig.
var pgxDriver = func() *drivers.Driver {
	for _, d := range drivers.All() {
		if len(d.TLSConfigTypes) > 0 {
			return d
		}
	}
	return nil
}()

// isPgxConfig reports whether x is a pgx configuration: by its type when type information has
// it, else by its definition (a ParseConfig call or a composite literal of a pgx config type).
func (u *unit) isPgxConfig(x ast.Expr, depth int) bool {
	if depth > strval.MaxDepth {
		return false
	}
	x = ast.Unparen(x)
	if t := u.info.TypeOf(x); t != nil {
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := t.(*types.Named); ok && n.Obj().Pkg() != nil {
			if isPgxPkg(n.Obj().Pkg().Path()) {
				for _, name := range pgxConfigTypes {
					if n.Obj().Name() == name {
						return true
					}
				}
			}
			return false
		}
	}
	switch x := x.(type) {
	case *ast.Ident:
		d, ok := u.defOf(u.objectOf(x))
		if !ok {
			return false
		}
		return u.isPgxConfigValue(d.expr, depth+1)
	case *ast.SelectorExpr:
		// pgxpool's cfg.ConnConfig.
		return x.Sel.Name == "ConnConfig" && u.isPgxConfig(x.X, depth+1)
	case *ast.StarExpr:
		return u.isPgxConfig(x.X, depth+1)
	}
	return false
}

// isPgxConfigValue reports whether an expression produces a pgx configuration.
func (u *unit) isPgxConfigValue(e ast.Expr, depth int) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		p, name := u.funcOf(e)
		return isPgxPkg(p) && strings.HasPrefix(name, "ParseConfig")
	case *ast.UnaryExpr:
		return e.Op == token.AND && u.isPgxConfigValue(e.X, depth)
	case *ast.CompositeLit:
		return u.isTypeName(e.Type, isPgxPkg, pgxConfigTypes...)
	case *ast.Ident, *ast.SelectorExpr:
		return u.isPgxConfig(e, depth)
	}
	return false
}

// configHosts returns the hosts of the connection string a pgx config was parsed from.
func (u *unit) configHosts(x ast.Expr) ([]rules.Host, bool) {
	for depth := 0; depth < strval.MaxDepth; depth++ {
		switch e := ast.Unparen(x).(type) {
		case *ast.SelectorExpr:
			x = e.X
			continue
		case *ast.StarExpr:
			x = e.X
			continue
		case *ast.Ident:
			d, ok := u.defOf(u.objectOf(e))
			if !ok {
				return nil, false
			}
			call, ok := ast.Unparen(d.expr).(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return nil, false
			}
			ev := newEvaluator(u)
			var v strval.Value
			ev.eval(&v, call.Args[0], false, 0)
			if _, lit := v.Holes(); !lit {
				return nil, false
			}
			t, cs := rules.ParseConnString(string(v.Text), rules.StringSource{Driver: pgxDriver.ID})
			if cs == nil || cs.Err != nil || t.HostUnknown {
				return nil, false
			}
			hs := make([]rules.Host, len(t.Hosts))
			for i, h := range t.Hosts {
				hs[i] = rules.Host{Name: h.Name, Dynamic: h.Dynamic}
			}
			if len(hs) == 0 {
				// No host in the string: pgx takes PGHOST or its default, not known here.
				return nil, false
			}
			return hs, true
		}
		return nil, false
	}
	return nil, false
}

// sinkOf finds where the tls.Config value e (a composite literal, &literal, or a variable
// holding one) reaches a driver.
func (u *unit) sinkOf(e ast.Expr, seen map[types.Object]bool) (sink, bool) {
	for {
		p, ok := u.parents[e].(*ast.ParenExpr)
		if !ok {
			break
		}
		e = p
	}
	if p, ok := u.parents[e].(*ast.UnaryExpr); ok && p.Op == token.AND {
		e = p
	}
	switch p := u.parents[e].(type) {
	case *ast.AssignStmt:
		for i, r := range p.Rhs {
			if r != e || i >= len(p.Lhs) || len(p.Lhs) != len(p.Rhs) {
				continue
			}
			switch l := ast.Unparen(p.Lhs[i]).(type) {
			case *ast.SelectorExpr:
				if l.Sel.Name == "TLSConfig" && u.isPgxConfig(l.X, 0) {
					s := sink{driver: pgxDriver.ID, evidence: "tls.Config assigned to a " + pgxDriver.Name + " configuration's TLSConfig", base: l.X}
					s.hosts, s.unknown = u.configHosts(l.X)
					s.unknown = !s.unknown
					return s, true
				}
			case *ast.Ident:
				return u.sinkOfVar(u.objectOf(l), seen)
			}
		}
	case *ast.ValueSpec:
		for i, v := range p.Values {
			if v == e && len(p.Values) == len(p.Names) {
				return u.sinkOfVar(u.info.Defs[p.Names[i]], seen)
			}
		}
	case *ast.KeyValueExpr:
		key, ok := p.Key.(*ast.Ident)
		if !ok || key.Name != "TLSConfig" || p.Value != e {
			return sink{}, false
		}
		cl, ok := u.parents[p].(*ast.CompositeLit)
		if !ok || !u.isPgxConfigValue(cl, 0) {
			return sink{}, false
		}
		s := sink{driver: pgxDriver.ID, evidence: "tls.Config in a " + pgxDriver.Name + " configuration's TLSConfig", unknown: true}
		for _, el := range cl.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Host" {
					s.host = kv.Value
					if lit, ok := kv.Value.(*ast.BasicLit); ok && lit.Kind == token.STRING {
						var v strval.Value
						if u.addLit(&v, lit, false) {
							s.hosts, s.unknown = []rules.Host{{Name: string(v.Text)}}, false
						}
					}
				}
			}
		}
		return s, true
	case *ast.CallExpr:
		path, name := u.funcOf(p)
		if im, ok := drivers.ImportOf(drivers.LangGo, path); ok {
			if c, ok := im.CallOf(name); ok && c.TLSConfig > 0 && len(p.Args) >= c.TLSConfig && p.Args[c.TLSConfig-1] == e {
				return sink{driver: im.Driver.ID, evidence: "tls.Config registered with " + im.Short() + "." + name, unknown: true}, true
			}
		}
	}
	return sink{}, false
}

// sinkOfVar finds where a variable holding a tls.Config reaches a driver.
func (u *unit) sinkOfVar(obj types.Object, seen map[types.Object]bool) (sink, bool) {
	if obj == nil || seen[obj] {
		return sink{}, false
	}
	seen[obj] = true
	for _, id := range u.uses[obj] {
		if s, ok := u.sinkOf(id, seen); ok {
			return s, true
		}
	}
	return sink{}, false
}

// tlsTargets finds tls.Config values with InsecureSkipVerify: true that reach a driver.
func (u *unit) tlsTargets() []target {
	var out []target
	for _, f := range u.files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CompositeLit:
				if t := u.tlsLiteral(f, n); t != nil {
					out = append(out, target{Target: t, file: f})
				}
			case *ast.AssignStmt:
				if t := u.tlsAssign(f, n); t != nil {
					out = append(out, target{Target: t, file: f})
				}
			}
			return true
		})
	}
	return out
}

// isTLSConfigLit reports whether a composite literal is a crypto/tls.Config.
func (u *unit) isTLSConfigLit(cl *ast.CompositeLit) bool {
	if u.isTypeName(cl.Type, isTLSPkg, "Config") {
		return true
	}
	if t := u.info.TypeOf(cl); t != nil {
		if n, ok := t.(*types.Named); ok && n.Obj().Pkg() != nil {
			return n.Obj().Pkg().Path() == cryptoTLS && n.Obj().Name() == "Config"
		}
	}
	return false
}

// field returns the key-value element of a composite literal with the given field name.
func field(cl *ast.CompositeLit, name string) *ast.KeyValueExpr {
	for _, el := range cl.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			if k, ok := kv.Key.(*ast.Ident); ok && k.Name == name {
				return kv
			}
		}
	}
	return nil
}

// tlsLiteral handles tls.Config{InsecureSkipVerify: true, ...}.
func (u *unit) tlsLiteral(f *ast.File, cl *ast.CompositeLit) *rules.Target {
	if !u.isTLSConfigLit(cl) {
		return nil
	}
	kv := field(cl, "InsecureSkipVerify")
	if kv == nil || !u.isTrue(kv.Value) {
		return nil
	}
	s, ok := u.sinkOf(cl, map[types.Object]bool{})
	if !ok {
		return nil
	}
	var edits []rules.Edit
	switch {
	case drivers.For(s.driver).FillsServerName || field(cl, "ServerName") != nil:
		// lib/pq fills in ServerName from the host; a config that names the server already
		// verifies it once the switch is off.
		edits = []rules.Edit{{Start: int(kv.Value.Pos()), End: int(kv.Value.End()), NewText: "false"}}
	case s.base != nil && simpleExpr(s.base):
		edits = []rules.Edit{{Start: int(kv.Pos()), End: int(kv.End()), NewText: "ServerName: " + types.ExprString(s.base) + ".Host"}}
	case s.host != nil && simpleExpr(s.host):
		edits = []rules.Edit{{Start: int(kv.Pos()), End: int(kv.End()), NewText: "ServerName: " + types.ExprString(s.host)}}
	}
	if s.base != nil && !u.visibleAt(s.base, cl.Pos()) {
		// cfg.TLSConfig = tlsConf with tlsConf built before cfg exists: ServerName: cfg.Host
		// would not compile there.
		edits = nil
	}
	return u.tlsTarget(f, s, kv.Value, kv, edits)
}

// tlsAssign handles cfg.TLSConfig.InsecureSkipVerify = true and tlsConf.InsecureSkipVerify =
// true for a tlsConf that reaches a driver.
func (u *unit) tlsAssign(f *ast.File, as *ast.AssignStmt) *rules.Target {
	if as.Tok != token.ASSIGN || len(as.Lhs) != len(as.Rhs) {
		return nil
	}
	for i, l := range as.Lhs {
		sel, ok := ast.Unparen(l).(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "InsecureSkipVerify" || !u.isTrue(as.Rhs[i]) {
			continue
		}
		var s sink
		found := false
		switch x := ast.Unparen(sel.X).(type) {
		case *ast.SelectorExpr:
			if x.Sel.Name == "TLSConfig" && u.isPgxConfig(x.X, 0) {
				s = sink{driver: pgxDriver.ID, evidence: "InsecureSkipVerify set on a " + pgxDriver.Name + " configuration's TLSConfig"}
				s.hosts, s.unknown = u.configHosts(x.X)
				s.unknown = !s.unknown
				found = true
			}
		case *ast.Ident:
			s, found = u.sinkOfVar(u.objectOf(x), map[types.Object]bool{})
		}
		if !found {
			continue
		}
		edits := []rules.Edit{{Start: int(as.Rhs[i].Pos()), End: int(as.Rhs[i].End()), NewText: "false"}}
		return u.tlsTarget(f, s, as.Rhs[i], as, edits)
	}
	return nil
}

func (u *unit) tlsTarget(f *ast.File, s sink, val ast.Expr, pair ast.Node, edits []rules.Edit) *rules.Target {
	t := &rules.Target{
		Path: u.names[f], Driver: s.driver, Evidence: s.evidence, Syntax: "go", Fragment: true,
		Params: []rules.Param{{
			Setting: drivers.Setting{Name: drivers.InsecureSkipVerify, Written: "InsecureSkipVerify", Value: "true"},
			Val:     rules.Span{Start: int(val.Pos()), End: int(val.End())},
			Pair:    rules.Span{Start: int(pair.Pos()), End: int(pair.End())},
		}},
		Anchor: rules.Span{Start: int(pair.Pos()), End: int(pair.End())},
		Editor: fixedEditor{key: "InsecureSkipVerify", edits: edits},
	}
	if s.unknown || len(s.hosts) == 0 {
		t.HostUnknown = true
	} else {
		t.Hosts = s.hosts
	}
	return t
}

// fixedEditor makes the one edit worked out when the target was found, for the operation that
// removes its key.
type fixedEditor struct {
	key   string
	edits []rules.Edit
}

// Apply implements rules.Editor.
func (e fixedEditor) Apply(ops []drivers.Op) ([]rules.Edit, bool) {
	if len(ops) != 1 || ops[0].Key != e.key || len(e.edits) == 0 {
		return nil, false
	}
	return append([]rules.Edit(nil), e.edits...), true
}

// simpleExpr reports whether an expression can be copied into a fix without changing what the
// program does: names, selectors and literals.
func simpleExpr(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident, *ast.BasicLit:
		return true
	case *ast.SelectorExpr:
		return simpleExpr(e.X)
	}
	return false
}

// visibleAt reports whether the names of a simple expression are declared before pos in a
// scope that holds it, so that the expression can be written there.
func (u *unit) visibleAt(e ast.Expr, pos token.Pos) bool {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			e = x.X
			continue
		case *ast.Ident:
			obj := u.objectOf(x)
			if obj == nil || obj.Parent() == nil {
				return false
			}
			if obj.Pkg() != nil && obj.Parent() == obj.Pkg().Scope() {
				return true
			}
			return obj.Pos() < pos && obj.Parent().Contains(pos)
		}
		return false
	}
}
