package python

import (
	"slices"
	"strings"

	"github.com/pgtlslint/pgtlslint/analyzers/treesitter/syntax"
	"github.com/pgtlslint/pgtlslint/model/strval"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// Django's DATABASES setting: for the PostgreSQL backends, OPTIONS entries become keyword
// arguments of psycopg's connect (docs/drivers.md#django); HOST absent or empty is the Unix socket.

func (a *analysis) djangoTargets() []*rules.Target {
	var out []*rules.Target
	a.tree.Root.Walk(func(n *syntax.Node) bool {
		if n.Error {
			return false
		}
		if n.Kind != "assignment" {
			return true
		}
		l, r := n.Child("left"), n.Child("right")
		if l == nil || r == nil || l.Kind != "identifier" || a.text(l) != "DATABASES" {
			return true
		}
		dbs := a.resolveName(r)
		if dbs == nil || dbs.Kind != "dictionary" {
			return true
		}
		for _, s := range a.dictSettings(dbs) {
			db := a.resolveName(s.value)
			if db == nil || db.Kind != "dictionary" {
				continue
			}
			if t := a.djangoTarget(db); t != nil {
				out = append(out, t)
			}
		}
		return true
	})
	return out
}

// djangoTarget reads one database entry.
func (a *analysis) djangoTarget(db *syntax.Node) *rules.Target {
	entries := a.dictSettings(db)
	var engine string
	for _, e := range entries {
		if e.key == "ENGINE" {
			v, _ := a.value(e.value)
			if h, _ := v.Holes(); !h {
				engine = v.String()
			}
		}
	}
	django := drivers.Get(drivers.Django)
	if !slices.ContainsFunc(django.EngineWords, func(w string) bool { return strings.Contains(engine, w) }) {
		return nil
	}
	drv, evd := a.decideDriver(django.ID, "Django DATABASES ENGINE "+engine)
	t := &rules.Target{Path: a.path, Driver: drv, Evidence: evd, Syntax: "kwargs", Anchor: span(db)}
	ed := &strval.KeyedEditor{Slots: map[string]strval.Slot{}}
	var options *syntax.Node
	for _, e := range entries {
		switch e.key {
		case "HOST":
			v, _ := a.value(e.value)
			holes, literal := v.Holes()
			switch {
			case holes || !literal:
				t.Hosts = []rules.Host{{Name: v.String(), Span: span(e.value), Dynamic: true}}
				t.Anchor = span(e.pair)
			case v.Len() > 0:
				t.Hosts = nil
				for _, h := range strings.Split(v.String(), ",") {
					t.Hosts = append(t.Hosts, rules.Host{Name: h, Span: v.Span(0, v.Len())})
				}
				t.Anchor = v.Span(0, v.Len())
			}
		case "PASSWORD":
			v, _ := a.value(e.value)
			holes, literal := v.Holes()
			p := rules.Param{Setting: drivers.Setting{Name: "password", Written: "PASSWORD", Value: v.String(), Dynamic: holes || !literal},
				Val: span(e.value), Pair: span(e.pair)}
			if literal {
				p.Val = v.Span(0, v.Len())
			}
			t.Params = append(t.Params, p)
			if !p.Dynamic && p.Value != "" {
				t.Secrets = append(t.Secrets, p.Val)
			}
		case "OPTIONS":
			o := a.resolveName(e.value)
			if o == nil || o.Kind != "dictionary" {
				// Options built at run time may set anything.
				t.Params = append(t.Params, rules.Param{Setting: drivers.Setting{Name: "sslmode", Written: "OPTIONS", Value: HoleText, Dynamic: true},
					Val: span(e.value), Pair: span(e.pair)})
				continue
			}
			options = o
			for _, s := range a.dictSettings(o) {
				if slices.Contains(django.Keywords, s.key) && s.key != "host" {
					a.addSetting(t, ed, s, false)
				}
			}
		}
	}
	ed.Insert = func(key, value string) (rules.Edit, bool) {
		k, ok1 := pyString(key)
		v, ok2 := pyString(value)
		if !ok1 || !ok2 {
			return rules.Edit{}, false
		}
		if options != nil {
			return dictInsert(options, k+": "+v)
		}
		return dictInsert(db, `"OPTIONS": {`+k+": "+v+"}")
	}
	t.Editor = ed
	return t
}

// HoleText stands for a run-time value.
const HoleText = strval.HoleText
