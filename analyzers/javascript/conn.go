package javascript

import (
	"strings"

	"github.com/pgtlslint/pgtlslint/analyzers/treesitter/syntax"
	"github.com/pgtlslint/pgtlslint/model/strval"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// prop is one property of an object literal.
type prop struct {
	key   string
	pair  *syntax.Node // the pair (or shorthand property, method) in its object
	value *syntax.Node // the value expression
}

// props returns the properties of an object expression (following a name bound to one, and
// merging the arguments of Object.assign), the last of a key winning; spreads of known objects
// are merged in their place. open is true when a spread or a merged source is not known here:
// it may add any property at run time.
func (a *analyzer) props(n *syntax.Node, depth int) (ps map[string]prop, obj *syntax.Node, open bool) {
	v := a.eval(n, depth)
	if v.kind != kObject || depth > strval.MaxDepth {
		return nil, nil, false
	}
	obj = v.node
	out := map[string]prop{}
	if obj.Kind == "call_expression" {
		for _, arg := range args(obj) {
			open = a.mergeProps(out, arg, depth) || open
		}
		return out, obj, open
	}
	for _, c := range obj.Children {
		if c.Error {
			continue
		}
		switch c.Kind {
		case "pair":
			k := a.keyOf(c.Child("key"))
			if k != "" {
				out[k] = prop{key: k, pair: c, value: c.Child("value")}
			}
		case "shorthand_property_identifier":
			out[a.tree.Text(c)] = prop{key: a.tree.Text(c), pair: c, value: c}
		case "method_definition":
			if k := a.keyOf(c.Child("name")); k != "" {
				out[k] = prop{key: k, pair: c, value: c}
			}
		case "spread_element":
			for _, e := range c.NamedChildren() {
				open = a.mergeProps(out, e, depth) || open
			}
		}
	}
	return out, obj, open
}

// mergeProps adds the properties of the object n evaluates to; it reports whether they are
// open, or not known at all.
func (a *analyzer) mergeProps(out map[string]prop, n *syntax.Node, depth int) bool {
	sub, _, open := a.props(n, depth+1)
	for k, p := range sub {
		out[k] = p
	}
	return sub == nil || open
}

// isObjectAssign reports whether a call is Object.assign(target, ...sources), whose value is
// the object the arguments make together.
func (a *analyzer) isObjectAssign(call *syntax.Node) bool {
	f := unwrap(call.Child("function"))
	return f != nil && f.Kind == "member_expression" && a.tree.Text(f) == "Object.assign"
}

// keyOf is the name of a property key; "" for computed keys.
func (a *analyzer) keyOf(k *syntax.Node) string {
	if k == nil {
		return ""
	}
	switch k.Kind {
	case "property_identifier", "identifier", "number", "private_property_identifier":
		return a.tree.Text(k)
	case "string":
		v := &strval.Value{}
		a.appendLiteral(v, k, true, 0)
		if holes, _ := v.Holes(); !holes {
			return v.String()
		}
	}
	return ""
}

// str returns the string value of a property, or nil.
func (a *analyzer) str(p prop, ok bool) *strval.Value {
	if !ok {
		return nil
	}
	v := a.eval(p.value, 0)
	if v.kind != kString {
		return nil
	}
	return v.str
}

// flavor is what reads an options object.
type flavor struct {
	drv drivers.ID
	ev  string
	via string
	// shape is how the driver reads its options object: ShapePostgresJSCall for Postgres.js,
	// whose options beat the URL; pg's otherwise.
	shape string
}

// connections finds the calls and configuration objects that configure PostgreSQL.
func (a *analyzer) connections() {
	done := map[*syntax.Node]bool{}
	a.tree.Root.Walk(func(n *syntax.Node) bool {
		if n.Error {
			return false
		}
		switch n.Kind {
		case "new_expression":
			a.newExpr(n, done)
		case "call_expression":
			a.callExpr(n, done)
		case "object":
			if !done[n] {
				a.configObject(n, done)
			}
		}
		return true
	})
}

func args(n *syntax.Node) []*syntax.Node {
	var out []*syntax.Node
	for _, c := range n.Child("arguments").NamedChildren() {
		if c.Kind != "comment" && !c.Error {
			out = append(out, c)
		}
	}
	return out
}

// markObjects records the object literals among a recognised call's arguments, so that they
// are not analyzed again as configs of their own.
func markObjects(as []*syntax.Node, done map[*syntax.Node]bool) {
	for _, x := range as {
		if u := unwrap(x); u != nil && u.Kind == "object" {
			done[u] = true
		}
	}
}

func (a *analyzer) newExpr(n *syntax.Node, done map[*syntax.Node]bool) {
	b, name, bound := a.callee(n.Child("constructor"))
	c, ok := a.jsCall(b, name, bound, true)
	if ok {
		a.call(c, exportName(b, name), args(n), done)
	}
}

func (a *analyzer) callExpr(n *syntax.Node, done map[*syntax.Node]bool) {
	b, name, bound := a.callee(n.Child("function"))
	c, ok := a.jsCall(b, name, bound, false)
	if ok {
		a.call(c, exportName(b, name), args(n), done)
	}
}

// jsCall returns what the driver table says of a call: an export of a module the file
// imports, or a bare name the project's driver exports (new Pool() in a node-postgres project,
// postgres() in a Postgres.js one) when the file imports nothing by that name.
func (a *analyzer) jsCall(b binding, name string, bound, isNew bool) (drivers.JSCall, bool) {
	if bound {
		return drivers.JSCallOf(b.module, b.export, isNew)
	}
	if name == "" || a.hint.Driver == "" {
		return drivers.JSCall{}, false
	}
	for _, c := range drivers.For(a.hint.Driver).Base().JSCalls() {
		// Only the driver's own connection exports: a framework's (knex()) is always imported.
		own := c.Shape == drivers.ShapePgOptions || c.Shape == drivers.ShapePostgresJSCall
		if own && c.New == isNew && (c.Export == name || c.Export == "default" && c.Module == name) {
			return c, true
		}
	}
	return drivers.JSCall{}, false
}

// call reads the arguments of a call the driver table knows, by the shape of its arguments.
func (a *analyzer) call(c drivers.JSCall, export string, as []*syntax.Node, done map[*syntax.Node]bool) {
	markObjects(as, done)
	switch c.Shape {
	case drivers.ShapePgOptions:
		if len(as) > 0 {
			ev := c.Evidence
			if ev == "" {
				ev = "new " + export + "() from " + c.Module
			}
			a.pgConfig(as[0], flavor{drv: c.Driver.ID, ev: ev})
		}
	case drivers.ShapePostgresJSCall:
		a.postgresJS(as, flavor{drv: c.Driver.ID, ev: "postgres() from the postgres package (" + c.Driver.Name + ")", shape: c.Shape})
	case drivers.ShapeKnexConfig:
		if len(as) > 0 {
			a.knex(as[0], done)
		}
	case drivers.ShapeTypeORMOptions:
		if len(as) > 0 {
			a.typeorm(as[0], done)
		}
	case drivers.ShapeSequelizeConfig:
		a.sequelize(as)
	}
}

func exportName(b binding, name string) string {
	if b.export != "" && b.export != "default" && b.export != "*" {
		return b.export
	}
	if name != "" {
		return name
	}
	return "Pool"
}

// configObject recognises configuration objects outside a call: a knexfile's {client: 'pg',
// connection}, TypeORM's {type: 'postgres', ...}, Sequelize's {dialect: 'postgres', host}.
func (a *analyzer) configObject(n *syntax.Node, done map[*syntax.Node]bool) {
	ps, _, _ := a.props(n, 0)
	if ps == nil {
		return
	}
	kindOf := func(k string) string {
		if v := a.str(ps[k], ps[k].value != nil); v != nil {
			if holes, _ := v.Holes(); !holes {
				return v.String()
			}
		}
		return ""
	}
	switch {
	case frameworkDriver(kindOf("client")) != nil && ps["connection"].value != nil:
		done[n] = true
		a.knex(n, done)
	case frameworkDriver(kindOf("type")) != nil && (ps["url"].value != nil || ps["host"].value != nil):
		done[n] = true
		a.typeorm(n, done)
	case frameworkDriver(kindOf("dialect")) != nil && (ps["host"].value != nil || ps["dialectOptions"].value != nil):
		done[n] = true
		a.sequelizeOptions(nil, n)
	}
}

// frameworkDriver is the driver a framework config's client, type or dialect names, or nil.
func frameworkDriver(name string) *drivers.Driver {
	d, _ := drivers.ForFrameworkName(name)
	return d
}

// pgConfig reads the argument of new Pool(...), new PrismaPg(...) or a Knex connection: a
// connection string or an options object.
func (a *analyzer) pgConfig(arg *syntax.Node, f flavor) {
	v := a.eval(arg, 0)
	switch v.kind {
	case kString:
		a.urlOnly(arg, v.str, f)
	case kObject:
		ps, obj, open := a.props(arg, 0)
		n := len(a.targets)
		a.options(ps, obj, "connectionString", "ssl", nil, f)
		a.markOpen(n, open)
	}
}

// markOpen marks the targets made since the first n as open when their options object spreads
// or merges one not known here: it may carry any setting (docs/rules.md#pgtls004-sslmode-missing).
func (a *analyzer) markOpen(n int, open bool) {
	for _, t := range a.targets[n:] {
		t.Open = t.Open || open
	}
}

// urlOnly makes the target of a connection string handed to a driver.
func (a *analyzer) urlOnly(expr *syntax.Node, v *strval.Value, f flavor) {
	t := strval.ConnTarget(v, rules.Span{Start: expr.Start, End: expr.End}, strval.Source{Path: a.path, Driver: f.drv, Evidence: f.ev, Called: true})
	if t != nil {
		t.Via = f.via
		a.targets = append(a.targets, t)
		a.pgConn = true
	}
}

func (a *analyzer) postgresJS(as []*syntax.Node, f flavor) {
	var url *syntax.Node
	var optsNode *syntax.Node
	if len(as) > 0 {
		if v := a.eval(as[0], 0); v.kind == kObject {
			optsNode = as[0]
		} else {
			url = as[0]
			if len(as) > 1 {
				optsNode = as[1]
			}
		}
	}
	var ps map[string]prop
	var obj *syntax.Node
	open := false
	if optsNode != nil {
		ps, obj, open = a.props(optsNode, 0)
	}
	if ps == nil {
		ps = map[string]prop{}
	}
	if url != nil {
		ps["\x00url"] = prop{key: "\x00url", value: url}
	}
	n := len(a.targets)
	a.options(ps, obj, "\x00url", "ssl", nil, f)
	a.markOpen(n, open)
}

func (a *analyzer) knex(arg *syntax.Node, done map[*syntax.Node]bool) {
	ps, _, _ := a.props(arg, 0)
	if ps == nil {
		return
	}
	client := a.str(ps["client"], ps["client"].value != nil)
	if client == nil {
		return
	}
	d := frameworkDriver(client.String())
	if d == nil {
		return
	}
	conn := ps["connection"]
	if conn.value == nil {
		return
	}
	if u := unwrap(conn.value); u != nil && u.Kind == "object" {
		done[u] = true
	}
	a.pgConfig(conn.value, flavor{drv: d.ID, ev: "Knex client '" + client.String() + "' hands its connection to " + d.Name})
}

func (a *analyzer) typeorm(arg *syntax.Node, done map[*syntax.Node]bool) {
	ps, obj, open := a.props(arg, 0)
	if ps == nil {
		return
	}
	typ := a.str(ps["type"], ps["type"].value != nil)
	if typ == nil {
		return
	}
	d := frameworkDriver(typ.String())
	if d == nil {
		return
	}
	sslKey := "ssl"
	var extra map[string]prop
	if e := ps["extra"]; e.value != nil {
		var extraOpen bool
		extra, _, extraOpen = a.props(e.value, 0)
		open = open || extraOpen
		if u := unwrap(e.value); u != nil && u.Kind == "object" {
			done[u] = true
		}
	}
	// TypeORM puts options.extra on top of its pool config (Object.assign): extra.ssl wins.
	var ignored []ignoredProp
	if es, ok := extra["ssl"]; ok {
		if s, has := ps["ssl"]; has {
			ignored = append(ignored, ignoredProp{p: s, written: "ssl", reason: "extra"})
		}
		ps["ssl"] = es
		sslKey = "extra.ssl"
	}
	n := len(a.targets)
	a.options(ps, obj, "url", sslKey, ignored, flavor{drv: d.ID, ev: "TypeORM type '" + typ.String() + "' hands its options to " + d.Name})
	a.markOpen(n, open)
}

func (a *analyzer) sequelize(as []*syntax.Node) {
	// new Sequelize(url, options), new Sequelize(options), new Sequelize(db, user, pass, options).
	var url *syntax.Node
	var opts *syntax.Node
	switch len(as) {
	case 0:
		return
	case 1:
		if v := a.eval(as[0], 0); v.kind == kObject {
			opts = as[0]
		} else {
			url = as[0]
		}
	case 2:
		url, opts = as[0], as[1]
	default:
		opts = as[len(as)-1]
		if len(as) >= 3 {
			// password as the third argument
			a.sequelizePassword = as[2]
		}
	}
	if opts == nil {
		return
	}
	a.sequelizeOptions(url, opts)
	a.sequelizePassword = nil
}

// sequelizeOptions reads Sequelize's options: only dialectOptions.ssl reaches pg; a top-level
// ssl is dropped (docs/drivers.md#node-postgres).
func (a *analyzer) sequelizeOptions(url, opts *syntax.Node) {
	ps, obj, open := a.props(opts, 0)
	if ps == nil {
		return
	}
	dialect := a.str(ps["dialect"], ps["dialect"].value != nil)
	if dialect == nil {
		return
	}
	d := frameworkDriver(dialect.String())
	if d == nil {
		return
	}
	var ignored []ignoredProp
	if s, ok := ps["ssl"]; ok {
		ignored = append(ignored, ignoredProp{p: s, written: "ssl", reason: drivers.ViaSequelize})
		delete(ps, "ssl")
	}
	sslKey := "dialectOptions.ssl"
	if do := ps["dialectOptions"]; do.value != nil {
		dps, _, doOpen := a.props(do.value, 0)
		open = open || doOpen
		if s, ok := dps["ssl"]; ok {
			ps["ssl"] = s
		}
	}
	if url != nil {
		ps["\x00url"] = prop{key: "\x00url", value: url}
	}
	if a.sequelizePassword != nil {
		ps["password"] = prop{key: "password", value: a.sequelizePassword}
	}
	n := len(a.targets)
	a.options(ps, obj, "\x00url", sslKey, ignored, flavor{drv: d.ID, ev: "Sequelize dialect '" + dialect.String() + "' hands dialectOptions to " + d.Name, via: drivers.ViaSequelize})
	a.markOpen(n, open)
}

// ignoredProp is a TLS setting the reader drops.
type ignoredProp struct {
	p       prop
	written string
	reason  string
}

// urlTLSKeys are the URL parameters that make node-postgres replace the ssl object
// (docs/drivers.md#node-postgres).
var urlTLSKeys = map[string]bool{"sslmode": true, "ssl": true, "sslrootcert": true, "sslcert": true, "sslkey": true, "uselibpqcompat": true}

// options makes the targets of an options object: urlKey names its connection string,
// sslKey the written path of its ssl option.
func (a *analyzer) options(ps map[string]prop, obj *syntax.Node, urlKey, sslKey string, ignored []ignoredProp, f flavor) {
	a.pgConn = true
	ssl, hasSSL := ps["ssl"]
	ed := &strval.KeyedEditor{Slots: map[string]strval.Slot{}}
	var params []rules.Param
	var secrets []rules.Span
	pjs := f.shape == drivers.ShapePostgresJSCall

	// The connection string.
	var ut *rules.Target
	urlDynamic := false
	var urlNode *syntax.Node
	if u, ok := ps[urlKey]; ok && u.value != nil {
		urlNode = u.value
		if v := a.eval(u.value, 0); v.kind == kString {
			ut = strval.ConnTarget(v.str, rules.Span{Start: u.value.Start, End: u.value.End},
				strval.Source{Path: a.path, Driver: f.drv, Evidence: f.ev, Called: true})
			if ut == nil {
				urlDynamic = true
			}
		} else if v.kind != kUndefined && v.kind != kNull {
			urlDynamic = true
		}
	}
	var urlTLS []string
	if ut != nil {
		ut.Via = f.via
		for _, p := range ut.Params {
			if urlTLSKeys[p.Written] {
				urlTLS = append(urlTLS, p.Written+"="+p.Value)
			}
		}
	}
	// The password option.
	if pw, ok := ps["password"]; ok && pw.value != nil {
		if v := a.eval(pw.value, 0); v.kind == kString {
			holes, lit := v.str.Holes()
			if lit {
				sp := v.str.Span(0, v.str.Len())
				params = append(params, rules.Param{Setting: drivers.Setting{Name: "password", Written: "password", Value: v.str.String(), Dynamic: holes},
					Val: sp, Pair: span(pw.pair)})
				secrets = append(secrets, sp)
			}
		}
	}
	var dropped []rules.Param
	for _, ig := range ignored {
		dropped = append(dropped, rules.Param{Setting: drivers.Setting{Name: "ignored", Written: ig.written, Value: ig.reason},
			Val: span(ig.p.value), Pair: span(ig.p.pair)})
	}

	objectOwns := hasSSL && (len(urlTLS) == 0 || pjs)
	if ut != nil && f.via == drivers.ViaSequelize {
		// Sequelize turns URL parameters into dialectOptions and hands only dialectOptions.ssl
		// to pg: sslmode and the certificate files are dropped (docs/drivers.md#node-postgres).
		urlSSL := false
		for _, p := range ut.Params {
			switch p.Written {
			case "sslmode", "sslrootcert", "sslcert", "sslkey", "uselibpqcompat":
				dropped = append(dropped, rules.Param{Setting: drivers.Setting{Name: "ignored", Written: p.Written, Value: drivers.IgnoredSequelizeURL}, Val: p.Val, Pair: p.Pair})
			case "ssl":
				urlSSL = true
			}
		}
		objectOwns = !urlSSL
	}
	if ut != nil && !objectOwns {
		// The URL decides TLS; node-postgres drops an ssl object for the URL's TLS parameters.
		ut.Params = append(ut.Params, params...)
		ut.Secrets = append(ut.Secrets, secrets...)
		a.targets = append(a.targets, ut)
		if hasSSL {
			dropped = append(dropped, rules.Param{Setting: drivers.Setting{Name: "ignored", Written: sslKey, Value: "url:" + strings.Join(urlTLS, "&")},
				Val: span(ssl.value), Pair: span(ssl.pair)})
		}
		if len(dropped) > 0 {
			a.targets = append(a.targets, &rules.Target{Path: a.path, Driver: f.drv, Evidence: f.ev, Syntax: "options", Via: f.via,
				Fragment: true, Hosts: ut.Hosts, HostUnknown: ut.HostUnknown, Anchor: dropped[0].Pair, Params: dropped})
		}
		return
	}
	params = append(params, dropped...)
	for _, ig := range ignored {
		ed.Slots[ig.written] = strval.Slot{Remove: a.removeSpan(ig.p.pair)}
	}

	t := &rules.Target{Path: a.path, Driver: f.drv, Evidence: f.ev, Syntax: "options", Via: f.via, Editor: ed}
	switch {
	case ut != nil:
		t.Hosts, t.HostUnknown, t.Anchor = ut.Hosts, ut.HostUnknown, ut.Anchor
		t.Secrets = ut.Secrets
		for _, p := range ut.Params {
			if !urlTLSKeys[p.Written] && p.Written != "password" || p.Name == "password" {
				t.Params = append(t.Params, p)
			}
		}
	case urlDynamic:
		// A connection string known only at run time may carry TLS settings of its own.
		t.HostUnknown, t.Fragment = true, true
		t.Anchor = span(urlNode)
	default:
		h, ok := ps["host"]
		if ok && h.value != nil {
			v := a.eval(h.value, 0)
			switch v.kind {
			case kString:
				sp := v.str.Span(0, v.str.Len())
				holes, _ := v.str.Holes()
				for _, name := range strings.Split(v.str.String(), ",") {
					t.Hosts = append(t.Hosts, rules.Host{Name: strings.TrimSpace(name), Span: sp, Dynamic: holes || rules.IsDynamic(name)})
				}
				t.Anchor = sp
			case kUndefined, kNull:
				t.Anchor = span(h.pair)
			default:
				t.Hosts = []rules.Host{{Name: a.tree.Text(h.value), Span: span(h.value), Dynamic: true}}
				t.Anchor = span(h.value)
			}
		} else if obj != nil {
			t.Anchor = rules.Span{Start: obj.Start, End: obj.Start + 1}
		}
	}
	t.Params = append(t.Params, params...)
	t.Secrets = append(t.Secrets, secrets...)
	if hasSSL {
		a.sslParams(t, ed, ssl, sslKey)
	}
	if obj != nil && obj.Kind == "object" && !hasSSL {
		o := obj
		ed.Insert = func(key, value string) (rules.Edit, bool) {
			if key != "ssl" || sslKey != "ssl" {
				return rules.Edit{}, false
			}
			return rules.Edit{Start: o.Start + 1, End: o.Start + 1, NewText: "ssl: " + render(value) + ", "}, true
		}
	}
	if t.Anchor == (rules.Span{}) && len(t.Params) > 0 {
		t.Anchor = t.Params[0].Pair
	}
	a.targets = append(a.targets, t)
}

// sslParams adds the ssl option and, for an object, its TLS keys.
func (a *analyzer) sslParams(t *rules.Target, ed *strval.KeyedEditor, ssl prop, key string) {
	v := a.eval(ssl.value, 0)
	val, dyn := renderValue(v)
	vs := span(ssl.value)
	if v.node != nil && !dyn {
		vs = span(v.node)
	}
	t.Params = append(t.Params, rules.Param{Setting: drivers.Setting{Name: "ssl", Written: key, Value: val, Dynamic: dyn}, Val: vs, Pair: span(ssl.pair)})
	if !dyn && v.kind != kObject && editable(v) {
		ed.Slots[key] = strval.Slot{Value: vs, Render: func(s string) (string, bool) { return render(s), true }}
	}
	if v.kind != kObject {
		return
	}
	sub, _, _ := a.props(ssl.value, 0)
	for _, k := range []string{"rejectUnauthorized", "ca", "checkServerIdentity"} {
		p, ok := sub[k]
		if !ok || p.value == nil {
			continue
		}
		sv := a.eval(p.value, 0)
		sval, sdyn := renderValue(sv)
		if k == "checkServerIdentity" {
			sval, sdyn = "custom", false
			if sv.kind == kFunc && a.noopFunc(sv.node) {
				sval = "noop"
			}
		}
		if k == "ca" {
			sval, sdyn = "ca", false
		}
		svs := span(p.value)
		if sv.node != nil && !sdyn && k == "rejectUnauthorized" {
			svs = span(sv.node)
		}
		w := key + "." + k
		t.Params = append(t.Params, rules.Param{Setting: drivers.Setting{Name: "ssl." + k, Written: w, Value: sval, Dynamic: sdyn}, Val: svs, Pair: span(p.pair)})
		slot := strval.Slot{Remove: a.removeSpan(p.pair)}
		if k == "rejectUnauthorized" && editable(sv) {
			slot.Value = svs
			slot.Render = func(s string) (string, bool) { return render(s), true }
		}
		ed.Slots[w] = slot
	}
}

// noopFunc reports whether a function checks nothing: an empty body, or one that returns
// undefined or null.
func (a *analyzer) noopFunc(n *syntax.Node) bool {
	body := n.Child("body")
	if body == nil {
		return false
	}
	switch body.Kind {
	case "statement_block":
		for _, c := range body.NamedChildren() {
			if c.Kind == "comment" {
				continue
			}
			if c.Kind == "return_statement" {
				r := c.NamedChildren()
				if len(r) == 0 || r[0].Kind == "undefined" || r[0].Kind == "null" || a.tree.Text(r[0]) == "undefined" {
					continue
				}
			}
			return false
		}
		return true
	case "undefined", "null":
		return true
	case "identifier":
		return a.tree.Text(body) == "undefined"
	}
	return false
}

// removeSpan is the pair with the comma after it (or, for the last one, before it).
func (a *analyzer) removeSpan(pair *syntax.Node) rules.Span {
	if pair == nil || pair.Parent == nil {
		return rules.Span{}
	}
	sib := pair.Parent.Children
	for i, c := range sib {
		if c != pair {
			continue
		}
		if i+1 < len(sib) && sib[i+1].Kind == "," {
			end := sib[i+1].End
			for end < len(a.tree.Src) && a.tree.Src[end] == ' ' {
				end++
			}
			return rules.Span{Start: pair.Start, End: end}
		}
		if i > 0 && sib[i-1].Kind == "," {
			return rules.Span{Start: sib[i-1].Start, End: pair.End}
		}
		return rules.Span{Start: pair.Start, End: pair.End}
	}
	return rules.Span{}
}

// editable reports whether a value is a literal a fix can replace.
func editable(v jv) bool {
	if v.node == nil {
		return false
	}
	switch v.node.Kind {
	case "true", "false", "number", "null", "undefined", "string":
		return true
	case "identifier":
		return v.kind == kUndefined
	}
	return false
}

// renderValue writes a value the way the drivers package reads options (see
// rules/drivers/jsoptions.go); dyn is true when it is not known.
func renderValue(v jv) (string, bool) {
	switch v.kind {
	case kBool, kNumber:
		return v.text, false
	case kNull:
		return "null", false
	case kUndefined:
		return "undefined", false
	case kObject:
		return "{}", false
	case kFunc:
		return "function", false
	case kString:
		if holes, _ := v.str.Holes(); !holes {
			return "'" + v.str.String() + "'", false
		}
	}
	return "", true
}

// render writes a fix value as a JavaScript expression: booleans as themselves, the rest as
// strings.
func render(s string) string {
	if s == "true" || s == "false" {
		return s
	}
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

func span(n *syntax.Node) rules.Span {
	if n == nil {
		return rules.Span{}
	}
	return rules.Span{Start: n.Start, End: n.End}
}
