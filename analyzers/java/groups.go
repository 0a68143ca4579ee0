package java

import (
	"sort"
	"strings"

	"github.com/pgtlslint/pgtlslint/analyzers/treesitter/syntax"
	"github.com/pgtlslint/pgtlslint/model/strval"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// gkind is what object a group of settings configures.
type gkind int

const (
	gProps      gkind = iota // java.util.Properties
	gDataSource              // a pgjdbc data source (PGSimpleDataSource, ...)
	gHikari                  // HikariConfig or HikariDataSource
	gCall                    // DriverManager.getConnection(url, user, password)
)

// dataSources are pgjdbc's data source classes, whose setters take the connection properties.
var dataSources = map[string]bool{"PGSimpleDataSource": true, "PGConnectionPoolDataSource": true,
	"PGXADataSource": true, "BaseDataSource": true, "PGPoolingDataSource": true}

// Special keys of a group: not connection properties but what a setter says about the target.
const (
	keyURL   = "@url"
	keyHost  = "@host"
	keyHosts = "@hosts"
)

// dsSetters maps the lower-cased setter names of pgjdbc's BaseDataSource to property keys.
var dsSetters = map[string]string{
	"setsslmode": "sslmode", "setssl": "ssl", "setsslfactory": "sslfactory", "setsslrootcert": "sslrootcert",
	"setsslcert": "sslcert", "setsslkey": "sslkey", "setsslhostnameverifier": "sslhostnameverifier",
	"setsslfactoryarg": "sslfactoryarg", "setsslpassword": "sslpassword", "setpassword": "password",
	"setservername": keyHost, "setservernames": keyHosts, "seturl": keyURL,
}

// dsSetterOf is the setter an inserted property is written with, per key.
var dsSetterOf = map[string]string{"sslmode": "setSslMode", "sslfactory": "setSslfactory", "sslrootcert": "setSslRootCert"}

// setting is one call of a group that sets something.
type setting struct {
	key  string
	call *syntax.Node // the method_invocation
	val  *syntax.Node // the value expression
}

// group is the settings of one object in one scope.
type group struct {
	kind     gkind
	typ      string
	recv     string
	scope    *syntax.Node
	settings []setting
	url      *syntax.Node // the URL handed over with the object (getConnection, connect)
	pgClass  string       // a HikariCP class setter naming pgjdbc ("dataSourceClassName org.postgresql..."), "-" for another
	// open is true when the object may hold settings this code does not show: Properties
	// handed in, loaded, merged or handed to other code (docs/rules.md#pgtls004-sslmode-missing).
	open bool
}

// hikariClass records what a HikariCP class setter says: a pgjdbc class is evidence, a class of
// another database (com.mysql.cj.jdbc.Driver) or a data source class of no known driver rules the
// group out; a driver class of no known database says nothing (a wrapper such as P6Spy's).
func hikariClass(g *group, setter, cls string) {
	if im, ok := drivers.ImportOf(drivers.LangJava, cls); ok && im.Driver == pgjdbc {
		prop := strings.TrimPrefix(setter, "set") // the HikariCP property: dataSourceClassName
		g.pgClass = strings.ToLower(prop[:1]) + prop[1:] + " " + cls
		return
	}
	if _, other := drivers.OtherDatabaseOf(cls); other || setter == "setDataSourceClassName" {
		g.pgClass = "-"
	}
}

type groupKey struct {
	scope, declarator *syntax.Node
}

// typeName is the simple name of a declared type: java.util.Properties → Properties.
func (f *file) typeName(d decl) string {
	t := ""
	if d.typ != nil {
		t = f.tree.Text(d.typ)
	}
	if (t == "var" || t == "") && d.value != nil {
		if v := d.value.Unwrap(); v.Kind == "object_creation_expression" {
			t = f.tree.Text(v.Child("type"))
		}
	}
	if i := strings.IndexByte(t, '<'); i >= 0 {
		t = t[:i]
	}
	if i := strings.LastIndexByte(t, '.'); i >= 0 {
		t = t[i+1:]
	}
	return strings.TrimSpace(t)
}

// receiver returns the declaration of a call's receiver (a name or this.name).
func (f *file) receiver(call *syntax.Node) (string, decl, bool) {
	obj := call.Child("object")
	if obj == nil {
		return "", decl{}, false
	}
	obj = obj.Unwrap()
	switch obj.Kind {
	case "identifier":
		name := f.tree.Text(obj)
		d, ok := f.lookup(obj, name)
		return name, d, ok
	case "field_access":
		if o, fl := obj.Child("object"), obj.Child("field"); o != nil && fl != nil && o.Kind == "this" {
			if body := obj.Ancestor("class_body", "interface_body"); body != nil {
				ds := f.info(body).decls[f.tree.Text(fl)]
				if len(ds) == 1 {
					return f.tree.Text(fl), ds[0], true
				}
			}
		}
	}
	return "", decl{}, false
}

// keyOf evaluates a property key argument.
func (f *file) keyOf(n *syntax.Node) (string, bool) {
	v := f.newEvaluator().value(n)
	if holes, lit := v.Holes(); holes || !lit {
		return "", false
	}
	return v.String(), true
}

// collect finds the groups of the file.
func (f *file) collect() []*group {
	groups := map[groupKey]*group{}
	var order []*group
	get := func(k groupKey, kind gkind, typ, recv string) *group {
		g := groups[k]
		if g == nil {
			g = &group{kind: kind, typ: typ, recv: recv, scope: k.scope}
			groups[k] = g
			order = append(order, g)
		}
		return g
	}
	var conns []*syntax.Node
	f.tree.Root.Walk(func(n *syntax.Node) bool {
		if n.Error {
			return false
		}
		if n.Kind != "method_invocation" {
			return true
		}
		nameNode := n.Child("name")
		if nameNode == nil {
			return true
		}
		name := f.tree.Text(nameNode)
		args := n.Child("arguments").NamedChildren()
		if name == "getConnection" || name == "connect" {
			conns = append(conns, n)
			return true
		}
		for _, arg := range args {
			// Properties handed to other code may come back with more settings.
			if d, ok := f.propertiesArg(arg); ok {
				get(groupKey{scope: scopeOf(n), declarator: d.declarator}, gProps, "Properties", f.tree.Text(arg.Unwrap())).open = true
			}
		}
		recv, d, ok := f.receiver(n)
		if !ok {
			return true
		}
		typ := f.typeName(d)
		k := groupKey{scope: scopeOf(n), declarator: d.declarator}
		lower := strings.ToLower(name)
		switch {
		case typ == "Properties" && (name == "setProperty" || name == "put") && len(args) == 2:
			if key, ok := f.keyOf(args[0]); ok {
				g := get(k, gProps, typ, recv)
				g.settings = append(g.settings, setting{key: key, call: n, val: args[1]})
				g.open = g.open || !f.freshProperties(d)
			}
		case typ == "Properties" && (name == "load" || name == "loadFromXML" || name == "putAll"):
			get(k, gProps, typ, recv).open = true
		case dataSources[typ] && len(args) == 1 && dsSetters[lower] != "":
			g := get(k, gDataSource, typ, recv)
			g.settings = append(g.settings, setting{key: dsSetters[lower], call: n, val: args[0]})
		case dataSources[typ] && name == "setProperty" && len(args) == 2:
			if key, ok := f.keyOf(args[0]); ok {
				g := get(k, gDataSource, typ, recv)
				g.settings = append(g.settings, setting{key: key, call: n, val: args[1]})
			}
		case typ == "HikariConfig" || typ == "HikariDataSource":
			switch {
			case name == "addDataSourceProperty" && len(args) == 2:
				if key, ok := f.keyOf(args[0]); ok {
					g := get(k, gHikari, typ, recv)
					switch key {
					case "serverName":
						key = keyHost
					case "serverNames":
						key = keyHosts
					case "url":
						key = keyURL
					}
					g.settings = append(g.settings, setting{key: key, call: n, val: args[1]})
				}
			case name == "setJdbcUrl" && len(args) == 1:
				g := get(k, gHikari, typ, recv)
				g.settings = append(g.settings, setting{key: keyURL, call: n, val: args[0]})
			case name == "setPassword" && len(args) == 1:
				g := get(k, gHikari, typ, recv)
				g.settings = append(g.settings, setting{key: "password", call: n, val: args[0]})
			case (name == "setDataSourceClassName" || name == "setDriverClassName") && len(args) == 1:
				if cls, ok := f.keyOf(args[0]); ok {
					hikariClass(get(k, gHikari, typ, recv), name, cls)
				}
			}
		}
		return true
	})
	// DriverManager.getConnection(url, props) and driver.connect(url, props) tie a URL to a
	// Properties object; getConnection(url, user, password) has a password of its own.
	for _, c := range conns {
		args := c.Child("arguments").NamedChildren()
		switch len(args) {
		case 2:
			a := args[1].Unwrap()
			if a.Kind == "null_literal" {
				continue
			}
			d, ok := f.propertiesArg(a)
			if !ok {
				// Properties made elsewhere: the URL goes with settings not seen here.
				g := get(groupKey{scope: scopeOf(c), declarator: c}, gProps, "Properties", "")
				g.url, g.open = args[0], true
				continue
			}
			g := get(groupKey{scope: scopeOf(c), declarator: d.declarator}, gProps, "Properties", f.tree.Text(a))
			if g.url == nil {
				g.url = args[0]
			}
			g.open = g.open || !f.freshProperties(d)
		case 3:
			if f.tree.Text(c.Child("name")) != "getConnection" {
				continue
			}
			g := get(groupKey{scope: scopeOf(c), declarator: c}, gCall, "DriverManager", "")
			g.url = args[0]
			g.settings = append(g.settings, setting{key: "password", call: c, val: args[2]})
		}
	}
	return order
}

// propertiesArg returns the declaration of an argument that names a Properties object.
func (f *file) propertiesArg(arg *syntax.Node) (decl, bool) {
	a := arg.Unwrap()
	if a.Kind != "identifier" {
		return decl{}, false
	}
	d, ok := f.lookup(a, f.tree.Text(a))
	if !ok || f.typeName(d) != "Properties" {
		return decl{}, false
	}
	return d, true
}

// freshProperties reports whether a Properties object starts empty where it is declared: a
// local new Properties(), not a parameter, a field or a copy of defaults.
func (f *file) freshProperties(d decl) bool {
	if d.field || d.value == nil {
		return false
	}
	v := d.value.Unwrap()
	return v.Kind == "object_creation_expression" && len(v.Child("arguments").NamedChildren()) == 0
}

// relevant reports whether a property key is one the rules read.
func relevant(key string) bool {
	return strings.HasPrefix(key, "ssl") || key == "password" || strings.HasPrefix(key, "@")
}

// groupTargets makes a target of every group, and marks the URL expressions they used as
// consumed so that they are not reported again on their own.
func (f *file) groupTargets(consumed map[*syntax.Node]bool) []*rules.Target {
	var out []*rules.Target
	for _, g := range f.collect() {
		if t := f.groupTarget(g, consumed); t != nil {
			out = append(out, t)
		}
	}
	return out
}

// urlOf returns the URL expression of a group: the last setUrl/setJdbcUrl, or the URL it was
// handed to getConnection with.
func (g *group) urlOf() (*syntax.Node, int) {
	for i := len(g.settings) - 1; i >= 0; i-- {
		if g.settings[i].key == keyURL {
			return g.settings[i].val, i
		}
	}
	if g.url != nil {
		return g.url, -1
	}
	return nil, -1
}

func (f *file) groupTarget(g *group, consumed map[*syntax.Node]bool) *rules.Target {
	useful := false
	for _, s := range g.settings {
		if relevant(s.key) {
			useful = true
		}
	}
	if !useful && g.url == nil {
		return nil
	}
	evidence := ""
	switch g.kind {
	case gDataSource:
		evidence = g.typ + " setter"
	case gHikari:
		if g.pgClass == "-" {
			return nil
		}
		if g.pgClass != "" {
			evidence = "HikariCP " + g.pgClass
		}
	}
	// The URL, if any.
	var ut *rules.Target
	urlNode, urlAt := g.urlOf()
	if urlNode != nil {
		ev := f.newEvaluator()
		v := ev.value(urlNode)
		ut = strval.ConnTarget(v, span(urlNode), strval.Source{Path: f.path, Driver: pgjdbc.ID, Evidence: "jdbc:postgresql: URL", Called: true})
		if ut == nil {
			if _, lit := v.Holes(); lit {
				return nil // a URL, but not PostgreSQL's
			}
		} else if ut.Driver != pgjdbc.ID {
			return nil // the URL alone is reported as a root
		}
		consumed[urlNode.Unwrap()] = true
		for d := range ev.pulled {
			consumed[d] = true
		}
	}
	if ut == nil && evidence == "" {
		if evidence = f.pgEvidence(); evidence == "" {
			return nil
		}
	}
	if g.kind == gCall && ut == nil {
		return nil
	}
	ed := &setterEditor{f: f, g: g, slots: map[string]strval.Slot{}}
	var params []rules.Param
	var secrets []rules.Span
	var hosts []rules.Host
	hostSet := false
	anchor := rules.Span{Start: -1}
	urlParams := func() {
		if ut != nil {
			params = append(params, ut.Params...)
		}
	}
	for i, s := range g.settings {
		if i == urlAt && g.kind == gDataSource {
			// A data source reads its URL when setUrl is called: later setters win.
			urlParams()
		}
		switch s.key {
		case keyURL:
			continue
		case keyHost, keyHosts:
			hosts = append(hosts, f.hostsOf(s.val)...)
			hostSet = true
			if anchor.Start < 0 {
				anchor = span(s.call)
			}
			continue
		}
		if !relevant(s.key) {
			continue
		}
		p, sl := f.param(s)
		params = append(params, p)
		ed.slots[s.key] = sl
		if s.key == "password" || s.key == "sslpassword" {
			secrets = append(secrets, p.Val)
		}
	}
	if g.kind != gDataSource || urlAt < 0 {
		// The URL beats the Properties (docs/drivers.md#pgjdbc).
		urlParams()
	}
	ed.prepareInsert()
	var t *rules.Target
	if ut != nil {
		urlKeys := map[string]bool{}
		for _, p := range ut.Params {
			urlKeys[p.Written] = true
		}
		t = ut
		t.Params = params
		t.Secrets = append(secrets, t.Secrets...)
		if hostSet && (g.kind != gDataSource || !urlLast(g, urlAt)) {
			t.Hosts = hosts
		}
		t.Editor = &jointEditor{url: ut.Editor, urlKeys: urlKeys, keyed: ed}
		t.Open = t.Open || g.open
		return t
	}
	t = &rules.Target{Path: f.path, Driver: pgjdbc.ID, Evidence: evidence, Syntax: "properties",
		Params: params, Secrets: secrets, Editor: ed, Open: g.open}
	if hostSet {
		t.Hosts = hosts
	} else {
		// The host is set where this code does not see (or by a URL known at run time): the
		// settings seen are checked, missing ones are not.
		t.HostUnknown, t.Fragment = true, true
	}
	if anchor.Start < 0 && len(g.settings) > 0 {
		anchor = span(g.settings[0].call)
	}
	if anchor.Start < 0 {
		anchor = span(urlNode)
	}
	t.Anchor = anchor
	return t
}

// urlLast reports whether the data source's setUrl comes after its host setters.
func urlLast(g *group, urlAt int) bool {
	for i := urlAt + 1; i < len(g.settings); i++ {
		if k := g.settings[i].key; k == keyHost || k == keyHosts {
			return false
		}
	}
	return true
}

// hostsOf reads the hosts of setServerName("h") or setServerNames(new String[]{"a", "b"}).
func (f *file) hostsOf(n *syntax.Node) []rules.Host {
	n = n.Unwrap()
	var elems []*syntax.Node
	switch n.Kind {
	case "array_creation_expression":
		if init := n.Child("value"); init != nil {
			elems = init.NamedChildren()
		} else {
			return []rules.Host{{Name: strval.HoleText, Span: span(n), Dynamic: true}}
		}
	case "array_initializer":
		elems = n.NamedChildren()
	default:
		elems = []*syntax.Node{n}
	}
	var out []rules.Host
	for _, e := range elems {
		v := f.newEvaluator().value(e)
		holes, lit := v.Holes()
		h := rules.Host{Name: v.String(), Span: span(e), Dynamic: holes || !lit}
		if lit && v.Len() > 0 {
			h.Span = v.Span(0, v.Len())
		}
		// A comma list in one string is several hosts (serverName "a,b").
		if !h.Dynamic && strings.Contains(h.Name, ",") {
			for _, part := range strings.Split(h.Name, ",") {
				out = append(out, rules.Host{Name: strings.TrimSpace(part), Span: h.Span})
			}
			continue
		}
		out = append(out, h)
	}
	return out
}

// param reads one keyed setting and the slot a fix edits.
func (f *file) param(s setting) (rules.Param, strval.Slot) {
	val := s.val.Unwrap()
	p := rules.Param{Setting: drivers.Setting{Name: s.key, Written: s.key}, Val: span(val), Pair: span(s.call)}
	sl := strval.Slot{Remove: f.statementOf(s.call)}
	switch val.Kind {
	case "true", "false":
		p.Value = val.Kind
		sl.Value = span(val)
		sl.Render = func(v string) (string, bool) {
			if v == "true" || v == "false" {
				return v, true
			}
			return "", false
		}
		return p, sl
	}
	v := f.newEvaluator().value(val)
	holes, lit := v.Holes()
	p.Value = v.String()
	p.Dynamic = holes || !lit
	if lit && v.Len() > 0 {
		p.Val = v.Span(0, v.Len())
	}
	if l, ok := v.WholeLiteral(); ok && l.Escape != nil {
		sl.Value = rules.Span{Start: l.Start, End: l.End}
		sl.Render = l.Escape
	}
	return p, sl
}

// statementOf is the span a removal deletes: the call's statement, with its whole line when
// nothing else is on it. Empty when the call is not a statement of its own.
func (f *file) statementOf(call *syntax.Node) rules.Span {
	st := call.Parent
	if st == nil || st.Kind != "expression_statement" || st.Parent == nil || st.Parent.Kind != "block" {
		return rules.Span{}
	}
	src := f.tree.Src
	s, e := st.Start, st.End
	ls := s
	for ls > 0 && (src[ls-1] == ' ' || src[ls-1] == '\t') {
		ls--
	}
	le := e
	for le < len(src) && (src[le] == ' ' || src[le] == '\t' || src[le] == '\r') {
		le++
	}
	if (ls == 0 || src[ls-1] == '\n') && le < len(src) && src[le] == '\n' {
		return rules.Span{Start: ls, End: le + 1}
	}
	return rules.Span{Start: s, End: e}
}

// setterEditor applies fix plans to the setter calls of a group: a key that is set is edited
// in its value literal, a removed key loses its statement, and a missing key gets a new
// statement (in place of a removed one, or after the group's last statement).
type setterEditor struct {
	f     *file
	g     *group
	slots map[string]strval.Slot
	// at is where a new statement goes, indent its indentation; at < 0: nowhere.
	at     int
	indent string
}

func (e *setterEditor) prepareInsert() {
	e.at = -1
	if e.g.kind == gCall {
		return
	}
	var last *syntax.Node
	for _, s := range e.g.settings {
		if last == nil || s.call.End > last.End {
			last = s.call
		}
	}
	if last == nil || e.g.recv == "" {
		return
	}
	st := last.Parent
	if st == nil || st.Kind != "expression_statement" || st.Parent == nil || st.Parent.Kind != "block" {
		return
	}
	src := e.f.tree.Src
	ls := st.Start
	for ls > 0 && (src[ls-1] == ' ' || src[ls-1] == '\t') {
		ls--
	}
	if ls > 0 && src[ls-1] != '\n' {
		return
	}
	e.at, e.indent = st.End, string(src[ls:st.Start])
}

// statement writes the call that sets key to value, or false.
func (e *setterEditor) statement(key, value string) (string, bool) {
	lit, ok := escapeString(value)
	if !ok {
		return "", false
	}
	k, _ := escapeString(key)
	switch e.g.kind {
	case gProps:
		return e.g.recv + `.setProperty("` + k + `", "` + lit + `");`, true
	case gHikari:
		return e.g.recv + `.addDataSourceProperty("` + k + `", "` + lit + `");`, true
	case gDataSource:
		if m := dsSetterOf[key]; m != "" {
			return e.g.recv + "." + m + `("` + lit + `");`, true
		}
	}
	return "", false
}

func (e *setterEditor) has(key string) bool {
	_, ok := e.slots[key]
	return ok
}

func (e *setterEditor) canInsert(key string) bool {
	_, ok := e.statement(key, "x")
	return ok && e.at >= 0
}

// Apply implements rules.Editor.
func (e *setterEditor) Apply(ops []drivers.Op) ([]rules.Edit, bool) {
	var out []rules.Edit
	var freed []rules.Span // statements removed, where a new one can go instead
	for _, op := range ops {
		if !op.Remove {
			continue
		}
		s, ok := e.slots[op.Key]
		if !ok {
			continue
		}
		if s.Remove == (rules.Span{}) {
			return nil, false
		}
		freed = append(freed, s.Remove)
	}
	for _, op := range ops {
		if op.Remove {
			continue
		}
		if s, ok := e.slots[op.Key]; ok {
			if s.Render == nil {
				return nil, false
			}
			text, ok := s.Render(op.Value)
			if !ok {
				return nil, false
			}
			out = append(out, rules.Edit{Start: s.Value.Start, End: s.Value.End, NewText: text})
			continue
		}
		stmt, ok := e.statement(op.Key, op.Value)
		if !ok {
			return nil, false
		}
		if len(freed) > 0 {
			r := freed[0]
			freed = freed[1:]
			text := stmt
			// A removal that takes the whole line keeps the line.
			if r.End > r.Start && e.f.tree.Src[r.End-1] == '\n' {
				text = e.lineIndent(r.Start) + stmt + "\n"
			}
			out = append(out, rules.Edit{Start: r.Start, End: r.End, NewText: text})
			continue
		}
		if e.at < 0 {
			return nil, false
		}
		out = append(out, rules.Edit{Start: e.at, End: e.at, NewText: "\n" + e.indent + stmt})
	}
	for _, r := range freed {
		out = append(out, rules.Edit{Start: r.Start, End: r.End})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out, true
}

// lineIndent is the indentation of the line starting at off.
func (e *setterEditor) lineIndent(off int) string {
	src := e.f.tree.Src
	end := off
	for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	return string(src[off:end])
}

// jointEditor edits a connection made of a URL and keyed settings: a key the URL has is edited
// in the URL (which wins), a key only the settings have is edited there, and a missing key is
// added to the settings when they can take it, else to the URL.
type jointEditor struct {
	url     rules.Editor
	urlKeys map[string]bool
	keyed   *setterEditor
}

// Apply implements rules.Editor.
func (e *jointEditor) Apply(ops []drivers.Op) ([]rules.Edit, bool) {
	var toURL, toKeyed []drivers.Op
	for _, op := range ops {
		switch {
		case op.Remove:
			if e.urlKeys[op.Key] {
				toURL = append(toURL, op)
			}
			if e.keyed.has(op.Key) {
				toKeyed = append(toKeyed, op)
			}
		case e.urlKeys[op.Key]:
			toURL = append(toURL, op)
		case e.keyed.has(op.Key) || e.keyed.canInsert(op.Key):
			toKeyed = append(toKeyed, op)
		default:
			toURL = append(toURL, op)
		}
	}
	var out []rules.Edit
	if len(toURL) > 0 {
		if e.url == nil {
			return nil, false
		}
		ed, ok := e.url.Apply(toURL)
		if !ok {
			return nil, false
		}
		out = append(out, ed...)
	}
	if len(toKeyed) > 0 {
		ed, ok := e.keyed.Apply(toKeyed)
		if !ok {
			return nil, false
		}
		out = append(out, ed...)
	}
	return out, true
}
