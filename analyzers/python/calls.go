package python

import (
	"slices"
	"strings"

	"github.com/pgtlslint/pgtlslint/analyzers/treesitter/syntax"
	"github.com/pgtlslint/pgtlslint/model/strval"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// callSpec is a function that opens PostgreSQL connections, as the driver table describes it.
type callSpec struct {
	drivers.Call
	driver *drivers.Driver
}

// callSpecs are the Python calls of the driver table, by dotted name.
var callSpecs = func() map[string]callSpec {
	out := map[string]callSpec{}
	for name, c := range drivers.CallsOf(drivers.LangPython) {
		out[name] = callSpec{Call: c.Call, driver: c.Driver}
	}
	return out
}()

// setting is one keyword argument or dict entry.
type setting struct {
	key    string
	value  *syntax.Node
	pair   *syntax.Node // the keyword_argument or pair
	remove rules.Span
}

// callTargets makes one target per call that opens a connection.
func (a *analysis) callTargets() []*rules.Target {
	var out []*rules.Target
	for _, call := range a.calls {
		name := a.dotted(call.Child("function"))
		spec, ok := callSpecs[name]
		if !ok {
			continue
		}
		if t := a.callTarget(call, name, spec); t != nil {
			out = append(out, t)
		}
	}
	return out
}

// callArgs is an argument list split into positional arguments (none after a *splat: unknown
// positions) and keyword arguments.
type callArgs struct {
	list *syntax.Node
	pos  []*syntax.Node
	kw   []setting
	// open is true when a *splat or **splat passes arguments not known here: the call may get
	// any setting at run time (psycopg.connect(dsn, **kwargs)).
	open bool
}

// args splits the argument list of a call; false when it has none or does not parse.
func (a *analysis) args(call *syntax.Node) (callArgs, bool) {
	ca := callArgs{list: call.Child("arguments")}
	if ca.list == nil || ca.list.Kind != "argument_list" || ca.list.Error {
		return callArgs{}, false
	}
	named := ca.list.NamedChildren()
	for i, c := range named {
		switch c.Kind {
		case "keyword_argument":
			k, v := c.Child("name"), c.Child("value")
			if k == nil || v == nil {
				continue
			}
			ca.kw = append(ca.kw, setting{key: a.text(k), value: v, pair: c, remove: removeSpan(named, i)})
		case "list_splat", "dictionary_splat":
			ca.open = true
		case "comment":
		default:
			if !ca.open {
				ca.pos = append(ca.pos, c)
			}
		}
	}
	return ca, true
}

// removeSpan is what removing the i-th element of a list (arguments, dict pairs) deletes: the
// element and the separator after it, or before it for the last one.
func removeSpan(named []*syntax.Node, i int) rules.Span {
	n := named[i]
	if i+1 < len(named) {
		return rules.Span{Start: n.Start, End: named[i+1].Start}
	}
	if i > 0 {
		return rules.Span{Start: named[i-1].End, End: n.End}
	}
	return rules.Span{Start: n.Start, End: n.End}
}

func (a *analysis) callTarget(call *syntax.Node, name string, spec callSpec) *rules.Target {
	ca, ok := a.args(call)
	if !ok {
		return nil
	}
	args, pos, kw := ca.list, ca.pos, ca.kw
	var dsn *syntax.Node
	if spec.DSN >= 0 && spec.DSN < len(pos) {
		dsn = pos[spec.DSN]
	}
	var rest []setting
	for _, s := range kw {
		if s.key == spec.DSNKeyword && dsn == nil {
			dsn = s.value
			continue
		}
		rest = append(rest, s)
	}
	short := name
	if i := strings.LastIndexByte(name, '.'); i >= 0 && spec.URLDialect {
		short = name[i+1:]
	}
	drv, evd := a.decideDriver(spec.driver.ID, "call to "+short)
	ed := &callEditor{keyed: &strval.KeyedEditor{Slots: map[string]strval.Slot{}}, dsnKeys: map[string]bool{}}
	var t *rules.Target
	dsnRunTime := false
	if dsn != nil {
		root := a.resolveName(dsn)
		v, ev := a.value(dsn)
		text := v.String()
		dsnRunTime, _ = v.Holes()
		if spec.URLDialect {
			if _, literal := v.Holes(); literal && !strings.HasPrefix(text, "postgres") {
				// Another database's URL.
				return nil
			}
		}
		t = strval.ConnTarget(v, span(root), strval.Source{Path: a.path, Driver: drv, Evidence: evd, Called: true})
		a.consumed[root] = true
		a.consumed[dsn.Unwrap()] = true
		for d := range ev.pulled {
			a.consumed[d.Unwrap()] = true
		}
		if t != nil {
			ed.dsn = t.Editor
			for _, p := range t.Params {
				ed.dsnKeys[p.Written] = true
			}
		}
	}
	if t == nil {
		// A DSN known only at run time may carry any setting: the keyword arguments seen are
		// judged, missing ones are not.
		t = &rules.Target{Path: a.path, Driver: drv, Evidence: evd, Syntax: "kwargs", HostUnknown: dsn != nil,
			Open: dsnRunTime, Anchor: rules.Span{Start: call.Start, End: call.End}}
		if spec.URLDialect {
			t.Driver = spec.driver.ID
		}
	}
	// Which keys the call reads besides the DSN: the keyword arguments of the driver that
	// reads them (the URL's, behind SQLAlchemy), and whether its ssl argument takes an
	// SSLContext.
	var settings []setting
	reader := spec.driver
	if d := drivers.For(t.Driver); d.ContextArg != "" {
		reader = d
	}
	keys := reader.Keywords
	asyncpg := reader.ContextArg != ""
	var dict *syntax.Node
	switch spec.Options {
	case "":
		settings = rest
	default:
		for _, s := range rest {
			if s.key == spec.Options {
				dict = a.resolveName(s.value)
				if dict != nil && dict.Kind == "dictionary" {
					settings = a.dictSettings(dict)
				} else {
					dict = nil
					// Settings built at run time: nothing more is known.
					t.HostUnknown = t.HostUnknown || len(t.Hosts) == 0
					t.Open = true
				}
			}
		}
	}
	added := false
	for _, s := range settings {
		if !slices.Contains(keys, s.key) {
			continue
		}
		if a.addSetting(t, ed.keyed, s, asyncpg) {
			added = true
		}
	}
	if added && t.Syntax != "keyword" {
		t.Syntax = "kwargs"
	}
	if dsn == nil && len(t.Hosts) == 0 {
		// No DSN and no host: libpq's default, the Unix socket (or PGHOST, set elsewhere).
		t.Anchor = rules.Span{Start: call.Start, End: call.End}
	}
	if dsn == nil || ed.dsn == nil {
		for _, h := range t.Hosts {
			t.Anchor = h.Span
			break
		}
	}
	t.Open = t.Open || ca.open
	ed.keyed.Insert = a.inserter(args, dict, spec, asyncpg)
	ed.asyncpg = asyncpg && t.Via != drivers.ViaSQLAlchemy
	t.Editor = ed
	return t
}

// dictSettings reads the entries of a dict literal with string keys.
func (a *analysis) dictSettings(dict *syntax.Node) []setting {
	var out []setting
	named := dict.NamedChildren()
	for i, p := range named {
		if p.Kind != "pair" {
			continue
		}
		k, v := p.Child("key"), p.Child("value")
		if k == nil || v == nil {
			continue
		}
		kv, _ := a.value(k)
		if h, _ := kv.Holes(); h {
			continue
		}
		out = append(out, setting{key: kv.String(), value: v, pair: p, remove: removeSpan(named, i)})
	}
	return out
}

// addSetting adds one keyword setting to a target, with its slot in the editor. It reports
// whether it added one.
func (a *analysis) addSetting(t *rules.Target, ed *strval.KeyedEditor, s setting, asyncpg bool) bool {
	val := s.value.Unwrap()
	p := rules.Param{Setting: drivers.Setting{Name: s.key, Written: s.key}, Pair: span(s.pair), Val: span(val)}
	slot := strval.Slot{Value: span(val), Remove: s.remove, Render: pyString}
	switch val.Kind {
	case "true", "false", "integer":
		p.Value = a.text(val)
	case "none":
		// None is the default.
		return false
	default:
		if asyncpg && s.key == "ssl" {
			if a.sslContext(t, ed, s, val) {
				return true
			}
		}
		v, _ := a.value(val)
		holes, literal := v.Holes()
		p.Value = v.String()
		p.Dynamic = holes || !literal
		if literal {
			p.Val = v.Span(0, v.Len())
			if lit, ok := v.WholeLiteral(); ok {
				slot.Value = rules.Span{Start: lit.Start, End: lit.End}
				slot.Render = lit.Escape
			}
		}
		if p.Dynamic {
			slot.Render = nil
		}
	}
	t.Params = append(t.Params, p)
	ed.Slots[s.key] = slot
	switch s.key {
	case "host":
		t.HostUnknown = false
		if p.Dynamic {
			t.Hosts = []rules.Host{{Name: p.Value, Span: p.Val, Dynamic: true}}
			break
		}
		t.Hosts = nil
		for _, h := range strings.Split(p.Value, ",") {
			t.Hosts = append(t.Hosts, rules.Host{Name: h, Span: p.Val})
		}
	case "password":
		if !p.Dynamic && p.Value != "" {
			t.Secrets = append(t.Secrets, p.Val)
		}
	}
	return true
}

// pyString writes a value as a Python string literal.
func pyString(v string) (string, bool) {
	esc, ok := escaper(strInfo{quote: `"`}, fmtNone)(v)
	if !ok {
		return "", false
	}
	return `"` + esc + `"`, true
}

// inserter returns how a missing setting is added to the call: a keyword argument before the
// closing parenthesis, or an entry of the settings dict.
func (a *analysis) inserter(args, dict *syntax.Node, spec callSpec, asyncpg bool) func(key, value string) (rules.Edit, bool) {
	return func(key, value string) (rules.Edit, bool) {
		if asyncpg && key == "sslmode" {
			// asyncpg.connect has no sslmode argument: ssl takes the same strings.
			key = "ssl"
		}
		val, ok := pyString(value)
		if !ok {
			return rules.Edit{}, false
		}
		if dict != nil {
			k, _ := pyString(key)
			return dictInsert(dict, k+": "+val)
		}
		if spec.Options != "" {
			k, _ := pyString(key)
			return argInsert(args, spec.Options+"={"+k+": "+val+"}")
		}
		if !isIdent(key) {
			return rules.Edit{}, false
		}
		return argInsert(args, key+"="+val)
	}
}

// argInsert adds an argument at the end of an argument list.
func argInsert(args *syntax.Node, text string) (rules.Edit, bool) {
	return listInsert(args, ")", text)
}

// dictInsert adds an entry at the end of a dict literal.
func dictInsert(dict *syntax.Node, text string) (rules.Edit, bool) {
	return listInsert(dict, "}", text)
}

// listInsert adds an element after the last one of a bracketed list (arguments, dict pairs),
// keeping a trailing comma and the layout of a list written one element per line.
func listInsert(list *syntax.Node, closeKind, text string) (rules.Edit, bool) {
	n := len(list.Children)
	if n < 2 || list.Children[n-1].Kind != closeKind || list.Children[n-1].Error {
		return rules.Edit{}, false
	}
	closing := list.Children[n-1]
	var last *syntax.Node
	for _, c := range list.Children[1 : n-1] {
		switch c.Kind {
		case "generator_expression", "dictionary_comprehension":
			return rules.Edit{}, false
		case "comment":
		default:
			last = c
		}
	}
	switch {
	case last == nil:
		return rules.Edit{Start: closing.Start, End: closing.Start, NewText: text}, true
	case last.Kind == ",":
		return rules.Edit{Start: last.End, End: last.End, NewText: " " + text + ","}, true
	default:
		return rules.Edit{Start: last.End, End: last.End, NewText: ", " + text}, true
	}
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if r != '_' && (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') && (i == 0 || r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// callEditor applies a plan to a call: keys written as keyword arguments (or dict entries)
// are edited there, the others in the connection string when it can be edited, and what is
// left is added as a keyword argument.
type callEditor struct {
	dsn     rules.Editor
	dsnKeys map[string]bool
	keyed   *strval.KeyedEditor
	asyncpg bool
}

// Apply implements rules.Editor.
func (e *callEditor) Apply(ops []drivers.Op) ([]rules.Edit, bool) {
	var kwOps, dsnOps, later []drivers.Op
	for _, op := range ops {
		_, inKw := e.keyed.Slots[op.Key]
		switch {
		case inKw:
			kwOps = append(kwOps, op)
		case e.dsn != nil && (e.dsnKeys[op.Key] || !op.Remove):
			dsnOps = append(dsnOps, op)
		case op.Remove:
		default:
			later = append(later, op)
		}
	}
	var out []rules.Edit
	if len(dsnOps) > 0 {
		edits, ok := e.dsn.Apply(dsnOps)
		if !ok {
			// The string cannot be edited there: a set goes to a keyword argument instead.
			for _, op := range dsnOps {
				if op.Remove {
					return nil, false
				}
				later = append(later, op)
			}
		} else {
			out = append(out, edits...)
		}
	}
	kwOps = append(kwOps, later...)
	if len(kwOps) > 0 {
		edits, ok := e.keyed.Apply(kwOps)
		if !ok {
			return nil, false
		}
		out = append(out, edits...)
	}
	return out, true
}
