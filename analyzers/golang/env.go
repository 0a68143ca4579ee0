package golang

import (
	"go/ast"

	"github.com/pgtlslint/pgtlslint/model/strval"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// os.Setenv("PGSSLMODE", ...) (and testing's t.Setenv) configures every libpq-style connection
// the process opens afterwards: pgx and lib/pq read PGSSLMODE and PGSSLROOTCERT. The settings of
// one function make one target, with PGHOST as its host when the function sets it.

// goLanguage is how the driver table names the language of the Go drivers, whose variables a
// Setenv configures.
const goLanguage = "Go"

// envSet is one Setenv call.
type envSet struct {
	name  string
	param string // the parameter it sets
	val   strval.Value
	call  *ast.CallExpr
}

// envTargets finds the Setenv calls of each function.
func (u *unit) envTargets(hintFor func(*ast.File) Hint) []target {
	var out []target
	for _, f := range u.files {
		byFunc := map[ast.Node][]envSet{}
		var order []ast.Node
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) != 2 {
				return true
			}
			sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "Setenv" {
				return true
			}
			if p := u.pkgPathOf(sel.X); p != "" && p != "os" {
				return true
			}
			ev := newEvaluator(u)
			var k strval.Value
			ev.eval(&k, call.Args[0], false, 0)
			name := string(k.Text)
			param, known := drivers.EnvFor(goLanguage, name)
			if h, _ := k.Holes(); h || !known {
				return true
			}
			es := envSet{name: name, param: param, call: call}
			ev.eval(&es.val, call.Args[1], false, 0)
			fn := u.enclosingFunc(call)
			if _, seen := byFunc[fn]; !seen {
				order = append(order, fn)
			}
			byFunc[fn] = append(byFunc[fn], es)
			return true
		})
		for _, fn := range order {
			if t := u.envTarget(f, byFunc[fn], hintFor(f)); t != nil {
				out = append(out, target{Target: t, file: f})
			}
		}
	}
	return out
}

// enclosingFunc returns the function declaration or literal around n, or the file.
func (u *unit) enclosingFunc(n ast.Node) ast.Node {
	for p := u.parents[n]; p != nil; p = u.parents[p] {
		switch p.(type) {
		case *ast.FuncDecl, *ast.FuncLit, *ast.File:
			return p
		}
	}
	return nil
}

func (u *unit) envTarget(f *ast.File, sets []envSet, hint Hint) *rules.Target {
	drv, ev := u.decideDriver(f, callUse{}, false, hint)
	t := &rules.Target{Path: u.names[f], Driver: drv, Evidence: ev, Syntax: "env", Fragment: true, HostUnknown: true}
	ed := &envEditor{vals: map[string]*strval.Value{}}
	own := false
	for i := range sets {
		s := &sets[i]
		holes, _ := s.val.Holes()
		val := string(s.val.Text)
		if s.param == "host" {
			if holes {
				t.Hosts, t.HostUnknown = []rules.Host{{Name: val, Dynamic: true}}, false
			} else {
				t.Hosts, t.HostUnknown = nil, false
				start := 0
				for j := 0; j <= len(val); j++ {
					if j == len(val) || val[j] == ',' {
						t.Hosts = append(t.Hosts, rules.Host{Name: val[start:j], Span: s.val.Span(start, j)})
						start = j + 1
					}
				}
			}
			continue
		}
		own = true
		t.Params = append(t.Params, rules.Param{
			Setting: drivers.Setting{Name: s.param, Written: s.name, Value: val, Dynamic: holes},
			Val:     s.val.Span(0, s.val.Len()),
			Pair:    rules.Span{Start: int(s.call.Pos()), End: int(s.call.End())},
		})
		if !holes {
			if t.Env == nil {
				t.Env = map[string]string{}
			}
			t.Env[s.name] = val
		}
		ed.vals[s.name] = &s.val
		if t.Anchor == (rules.Span{}) {
			t.Anchor = rules.Span{Start: int(s.call.Pos()), End: int(s.call.End())}
		}
	}
	if !own {
		return nil
	}
	t.Editor = ed
	return t
}

// envEditor rewrites the value literal of a Setenv call.
type envEditor struct {
	vals map[string]*strval.Value
}

// Apply implements rules.Editor: every operation must set a variable whose value is one whole
// string literal.
func (e *envEditor) Apply(ops []drivers.Op) ([]rules.Edit, bool) {
	var out []rules.Edit
	for _, op := range ops {
		name, _ := drivers.ParamEnv(op.Key)
		v := e.vals[name]
		if v == nil || op.Remove {
			return nil, false
		}
		lit, ok := v.WholeLiteral()
		if !ok {
			return nil, false
		}
		text, ok := lit.Escape(op.Value)
		if !ok {
			return nil, false
		}
		out = append(out, rules.Edit{Start: lit.Start, End: lit.End, NewText: text})
	}
	return out, true
}
