package config

import (
	"strings"

	"github.com/pgtlslint/pgtlslint/analyzers/config/doc"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// Connector configurations: a block with connector.class naming a connector of the driver table
// (Debezium's PostgreSQL connector) is a connection its driver reads, made of the keys under the
// connector's prefixes (database.hostname, database.sslmode). The block is a Kafka Connect REST
// payload or connect-standalone properties (connector.class beside the keys), Debezium Server's
// debezium.source.* properties, or a Strimzi KafkaConnector (spec.class beside spec.config).
// Values are taken as written: ${file:...} and ${env:...} are Kafka's config providers, not
// placeholders with a default.

// connectorTargets adds the connection of every connector configuration of the file. A
// configuration with its class written twice counts once, with the last class, as Kafka Connect
// reads it.
func (a *analysis) connectorTargets() {
	var ix *connectorIndex
	type config struct {
		class *doc.Entry
		c     *drivers.Connector
		base  string
	}
	var order []any
	last := map[any]config{}
	for _, e := range a.entries {
		base, ok := classBase(e.Path)
		if !ok {
			continue
		}
		c, ok := drivers.ConnectorOf(e.Val.Text)
		if !ok {
			continue
		}
		if ix == nil {
			ix = a.connectorIndex()
		}
		var k any = blockKey{sc: e.Scope, block: base}
		if g := ix.groupOf[e]; g != nil {
			k = g
		}
		if _, seen := last[k]; !seen {
			order = append(order, k)
		}
		last[k] = config{class: e, c: c, base: base}
	}
	for _, k := range order {
		cf := last[k]
		if t := a.connectorTarget(cf.c, cf.class, ix.settings(cf.c, cf.class, cf.base)); t != nil {
			a.targets = append(a.targets, t)
			a.hasPG = true
		}
	}
}

// classBase returns the key path before connector.class (or Strimzi's class), and whether the
// path is one.
func classBase(p string) (string, bool) {
	for _, k := range []string{"connector.class", "class"} {
		if base, ok := strings.CutSuffix(p, k); ok && (base == "" || strings.HasSuffix(base, ".")) {
			return base, true
		}
	}
	return "", false
}

// connectorIndex finds the settings beside a connector class: in a nested file the mapping of
// the class entry (each YAML document has its own), in a flat one the keys below the class's
// key path.
type connectorIndex struct {
	groupOf  map[*doc.Entry]*doc.Group
	children map[blockKey][]*doc.Entry // by environment and the key path before the last key
}

func (a *analysis) connectorIndex() *connectorIndex {
	ix := &connectorIndex{groupOf: map[*doc.Entry]*doc.Group{}, children: map[blockKey][]*doc.Entry{}}
	for _, g := range a.doc.Groups {
		for _, e := range g.Entries {
			ix.groupOf[e] = g
		}
	}
	for _, e := range a.entries {
		if i := strings.LastIndexByte(e.Path, '.'); i > 0 {
			k := blockKey{sc: e.Scope, block: e.Path[:i]}
			ix.children[k] = append(ix.children[k], e)
		}
	}
	return ix
}

// connSetting is one key a connector hands to its driver, without the prefix.
type connSetting struct {
	name string
	e    *doc.Entry
}

// settings returns the keys connector c's class entry class hands to the driver, in file order:
// those of its mapping (or of the mapping's config: Strimzi), or those under its key path base.
func (ix *connectorIndex) settings(c *drivers.Connector, class *doc.Entry, base string) []connSetting {
	var out []connSetting
	if g := ix.groupOf[class]; g != nil {
		for _, m := range []*doc.Group{g, g.Sub["config"]} {
			if m == nil {
				continue
			}
			for _, p := range c.Prefixes {
				out = append(out, prefixed(m.Entries, p)...)
				if sub := m.Sub[strings.TrimSuffix(p, ".")]; sub != nil {
					out = append(out, prefixed(sub.Entries, "")...)
				}
			}
		}
		return out
	}
	for _, p := range c.Prefixes {
		parent := strings.TrimSuffix(base+p, ".")
		for _, e := range ix.children[blockKey{sc: class.Scope, block: parent}] {
			out = append(out, connSetting{name: e.Path[len(parent)+1:], e: e})
		}
	}
	return out
}

// prefixed returns the entries whose key starts with p, named without it.
func prefixed(es []*doc.Entry, p string) []connSetting {
	var out []connSetting
	for _, e := range es {
		if name, ok := strings.CutPrefix(e.Key, p); ok && name != "" && !strings.Contains(name, ".") {
			out = append(out, connSetting{name: name, e: e})
		}
	}
	return out
}

// connectorTarget makes the connection of connector c whose class entry is class from the
// settings it hands over, or nil when they name no host.
func (a *analysis) connectorTarget(c *drivers.Connector, class *doc.Entry, settings []connSetting) *rules.Target {
	var host *doc.Entry
	for _, s := range settings {
		if s.name == c.Host {
			host = s.e
		}
	}
	if host == nil {
		return nil
	}
	t := &rules.Target{Path: a.path, Driver: c.Driver.ID, Syntax: "properties", Anchor: host.Val.Full(), Hosts: optionHosts(host.Val),
		Evidence: c.Name + " (connector.class " + class.Val.Text + ") hands " + strings.Join(c.Prefixes, "*, ") + "* to " + c.Driver.Name}
	ed := &envEditor{vars: map[string]*doc.Var{}}
	for _, s := range settings {
		p := entryParam(paramName(c, s.name), s.e, s.e.Val)
		// The driver reads the key without the prefix (sslmode, not database.sslmode).
		p.Written = s.name
		t.Params = append(t.Params, p)
		if s.name == "password" && s.e.Val.Text != "" && !rules.IsDynamic(s.e.Val.Text) {
			t.Secrets = append(t.Secrets, s.e.Val.Full())
		}
		if env := doc.FixVar(s.name); env != "" {
			ed.vars[env] = &doc.Var{Name: s.e.Key, Val: s.e.Val, Pair: s.e.Pair}
		}
	}
	if len(ed.vars) > 0 {
		t.Editor = ed
	}
	return t
}

// paramName is the driver's name for a connector key: its host key is the host.
func paramName(c *drivers.Connector, key string) string {
	if key == c.Host {
		return "host"
	}
	return key
}
