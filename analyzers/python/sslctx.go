package python

import (
	"strings"

	"github.com/pgtlslint/pgtlslint/analyzers/treesitter/syntax"
	"github.com/pgtlslint/pgtlslint/model/strval"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// sslContext reads asyncpg's ssl argument when it is an ssl.SSLContext made in this file:
// ssl.create_default_context(...) or ssl.SSLContext(...), directly or through a name assigned
// once, with the check_hostname and verify_mode assignments made to that name in the scope of
// its definition. It reports whether the argument was one.
func (a *analysis) sslContext(t *rules.Target, ed *strval.KeyedEditor, s setting, val *syntax.Node) bool {
	expr := val
	var b *binding
	if val.Kind == "identifier" {
		b = a.lookup(val)
		if b == nil || b.count != 1 || b.def == nil || b.stmt == nil {
			return false
		}
		expr = b.def.Unwrap()
	}
	if expr == nil || expr.Kind != "call" {
		return false
	}
	unverified := false
	switch a.dotted(expr.Child("function")) {
	case "ssl.create_default_context", "ssl.SSLContext":
	case "ssl._create_unverified_context":
		unverified = true
	default:
		return false
	}
	t.Params = append(t.Params, rules.Param{
		Setting: drivers.Setting{Name: "ssl", Written: "ssl", Value: drivers.SSLContextValue},
		Val:     span(val), Pair: span(s.pair),
	})
	ed.Slots["ssl"] = strval.Slot{Value: span(val), Remove: s.remove}
	if unverified {
		t.Params = append(t.Params, rules.Param{
			Setting: drivers.Setting{Name: drivers.SSLVerifyMode, Written: drivers.SSLVerifyMode, Value: "CERT_NONE"},
			Val:     span(expr), Pair: span(expr),
		})
	}
	if b == nil {
		return true
	}
	name := a.text(val)
	scope := scopeOf(b.stmt)
	for _, st := range a.attrSets {
		l, r := st.Child("left"), st.Child("right").Unwrap()
		obj, attr := l.Child("object"), l.Child("attribute")
		if obj == nil || attr == nil || r == nil || obj.Kind != "identifier" || a.text(obj) != name ||
			scopeOf(st) != scope || st.Start < b.stmt.End {
			continue
		}
		p := rules.Param{Val: span(r), Pair: span(st)}
		slot := strval.Slot{Value: span(r)}
		switch a.text(attr) {
		case "check_hostname":
			p.Name, p.Written = drivers.SSLCheckHostname, drivers.SSLCheckHostname
			switch r.Kind {
			case "true":
				p.Value = "True"
			case "false":
				p.Value = "False"
			default:
				p.Value, p.Dynamic = a.text(r), true
			}
			slot.Render = func(v string) (string, bool) { return v, v == "True" || v == "False" }
		case "verify_mode":
			p.Name, p.Written = drivers.SSLVerifyMode, drivers.SSLVerifyMode
			text := a.text(r)
			p.Value = text[strings.LastIndexByte(text, '.')+1:]
			switch {
			case r.Kind != "attribute" && r.Kind != "identifier":
				p.Dynamic = true
			case r.Kind == "attribute" && strings.HasPrefix(p.Value, "CERT_"):
				// ssl.CERT_NONE → ssl.CERT_REQUIRED; a bare imported name cannot be changed
				// without an import.
				prefix := text[:strings.LastIndexByte(text, '.')+1]
				slot.Render = func(v string) (string, bool) { return prefix + v, isIdent(v) }
			}
		default:
			continue
		}
		t.Params = append(t.Params, p)
		ed.Slots[p.Written] = slot
	}
	return true
}
