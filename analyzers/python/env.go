package python

import (
	"strings"

	"github.com/pgtlslint/pgtlslint/analyzers/treesitter/syntax"
	"github.com/pgtlslint/pgtlslint/model/strval"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// os.environ["PGSSLMODE"] = ..., os.environ.setdefault("PGSSLMODE", ...) and
// os.putenv("PGSSLMODE", ...) configure the libpq connections (and asyncpg's) the process opens
// afterwards. The settings of one function make one target, with PGHOST as its host when the
// function sets it.

// pythonLanguage is how the driver table names the language of the drivers Python code
// configures through the environment.
const pythonLanguage = "Python"

// envSet is one assignment of an environment variable.
type envSet struct {
	name  string
	param string // the parameter it sets
	value *syntax.Node
	stmt  *syntax.Node
}

// envOf recognises an environment assignment.
func (a *analysis) envOf(n *syntax.Node) (envSet, bool) {
	var key, val *syntax.Node
	switch n.Kind {
	case "assignment":
		l := n.Child("left")
		if l == nil || l.Kind != "subscript" || a.dotted(l.Child("value")) != "os.environ" {
			return envSet{}, false
		}
		key, val = l.Child("subscript"), n.Child("right")
	case "call":
		switch a.dotted(n.Child("function")) {
		case "os.environ.setdefault", "os.putenv":
		default:
			return envSet{}, false
		}
		ca, ok := a.args(n)
		if !ok || len(ca.pos) != 2 {
			return envSet{}, false
		}
		key, val = ca.pos[0], ca.pos[1]
	default:
		return envSet{}, false
	}
	if key == nil || val == nil {
		return envSet{}, false
	}
	kv, _ := a.value(key)
	if h, _ := kv.Holes(); h {
		return envSet{}, false
	}
	name := kv.String()
	param, ok := drivers.EnvFor(pythonLanguage, name)
	if !ok {
		return envSet{}, false
	}
	return envSet{name: name, param: param, value: val, stmt: n}, true
}

func (a *analysis) envTargets() []*rules.Target {
	byScope := map[*syntax.Node][]envSet{}
	var order []*syntax.Node
	a.tree.Root.Walk(func(n *syntax.Node) bool {
		if n.Error {
			return false
		}
		es, ok := a.envOf(n)
		if !ok {
			return true
		}
		s := scopeOf(n)
		if _, seen := byScope[s]; !seen {
			order = append(order, s)
		}
		byScope[s] = append(byScope[s], es)
		return true
	})
	var out []*rules.Target
	for _, s := range order {
		if t := a.envTarget(byScope[s]); t != nil {
			out = append(out, t)
		}
	}
	return out
}

func (a *analysis) envTarget(sets []envSet) *rules.Target {
	drv, evd := a.decideDriver("", "")
	t := &rules.Target{Path: a.path, Driver: drv, Evidence: evd, Syntax: "env", Fragment: true, HostUnknown: true}
	ed := &strval.KeyedEditor{Slots: map[string]strval.Slot{}}
	own := false
	for _, s := range sets {
		v, _ := a.value(s.value)
		holes, literal := v.Holes()
		dynamic := holes || !literal
		val := v.String()
		valSpan := span(s.value)
		if literal {
			valSpan = v.Span(0, v.Len())
		}
		if s.param == "host" {
			t.HostUnknown = false
			if dynamic {
				t.Hosts = []rules.Host{{Name: val, Span: valSpan, Dynamic: true}}
				continue
			}
			t.Hosts = nil
			for _, h := range strings.Split(val, ",") {
				t.Hosts = append(t.Hosts, rules.Host{Name: h, Span: valSpan})
			}
			continue
		}
		own = true
		t.Params = append(t.Params, rules.Param{
			Setting: drivers.Setting{Name: s.param, Written: s.name, Value: val, Dynamic: dynamic},
			Val:     valSpan, Pair: span(s.stmt),
		})
		if !dynamic {
			if t.Env == nil {
				t.Env = map[string]string{}
			}
			t.Env[s.name] = val
		}
		if lit, ok := v.WholeLiteral(); ok {
			slot := strval.Slot{Value: rules.Span{Start: lit.Start, End: lit.End}, Render: lit.Escape}
			ed.Slots[s.name] = slot
			ed.Slots[s.param] = slot
		}
		if t.Anchor == (rules.Span{}) {
			t.Anchor = span(s.stmt)
		}
	}
	if !own {
		return nil
	}
	t.Editor = ed
	return t
}
