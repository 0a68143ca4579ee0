package config

import (
	"path"
	"regexp"
	"strings"

	"github.com/pgtlslint/pgtlslint/analyzers/config/doc"
	"github.com/pgtlslint/pgtlslint/analyzers/config/server"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// hostKeys and the other key sets name the settings of an options mapping.
var (
	hostKeys     = []string{"host", "hostname", "server", "hostaddr"}
	passwordKeys = []string{"password", "passwd"}
	dbGroupName  = regexp.MustCompile(`(?i)^(databases?|db|datasources?|default|primary|replica)$`)
)

// optionsGroup reports a mapping that configures a PostgreSQL connection with separate keys:
// host with password (PGTLS008) and sslmode. The reader is not known, so the target is a
// fragment: a missing sslmode is not reported for it (the program may set TLS in code).
func (a *analysis) optionsGroup(g *doc.Group) {
	host := g.Get(hostKeys...)
	if host == nil || host.Val.Text == "" || rules.ConnKind(host.Val.Text) != "" {
		return
	}
	pw := g.Get(passwordKeys...)
	if pw != nil && server.PasswordVar(pw.Key) {
		pw = nil
	}
	dialect := g.Get("dialect")
	sequelize := isSequelize(g, dialect)
	if !sequelize && (pw == nil && g.Get("sslmode") == nil || !a.pgGroup(g)) {
		return
	}
	t := &rules.Target{Path: a.path, Driver: a.hint.Driver, Evidence: a.hint.Evidence, Syntax: "options",
		Fragment: true, Anchor: host.Val.Full(), Hosts: optionHosts(host.Val)}
	if len(t.Hosts) == 0 {
		return
	}
	t.Params = append(t.Params, entryParam("host", host, host.Val))
	if sequelize {
		if !sequelizeSSL(t, g, host, dialect) {
			return
		}
	} else {
		tlsOptions(t, g)
	}
	if pw != nil {
		addPassword(t, pw)
	}
	a.hasPG = true
	a.targets = append(a.targets, t)
}

// isSequelize reports whether a mapping with a dialect is a sequelize-cli connection.
func isSequelize(g *doc.Group, dialect *doc.Entry) bool {
	if dialect == nil || g.Get("username", "database") == nil {
		return false
	}
	_, pg := drivers.ForFrameworkName(dialect.Val.Text)
	return pg
}

// addPassword adds the password of entry pw to t.
func addPassword(t *rules.Target, pw *doc.Entry) {
	v := doc.Resolve(pw.Val)
	t.Params = append(t.Params, entryParam("password", pw, v))
	if v.Text != "" {
		t.Secrets = append(t.Secrets, v.Full())
	}
}

// entryParam is the parameter name set by entry e to value v.
func entryParam(name string, e *doc.Entry, v doc.Value) rules.Param {
	return rules.Param{Setting: drivers.Setting{Name: name, Written: e.Key, Value: v.Text, Dynamic: rules.IsDynamic(v.Text)},
		Val: v.Full(), Pair: e.Pair}
}

// optionHosts splits a host option at commas; blank names are dropped.
func optionHosts(v doc.Value) []rules.Host {
	var hs []rules.Host
	start := 0
	for i := 0; i <= len(v.Text); i++ {
		if i == len(v.Text) || v.Text[i] == ',' {
			if name := strings.TrimSpace(v.Text[start:i]); name != "" {
				hs = append(hs, rules.Host{Name: name, Span: v.Span(start, i), Dynamic: rules.IsDynamic(name)})
			}
			start = i + 1
		}
	}
	return hs
}

// tlsOptions adds the sslmode and sslrootcert of an options mapping, which a fix edits as the
// environment variables would be.
func tlsOptions(t *rules.Target, g *doc.Group) {
	ed := &envEditor{vars: map[string]*doc.Var{}}
	for _, pv := range doc.EnvParams {
		if !pv.Libpq {
			continue
		}
		e := g.Get(pv.Param)
		if e == nil {
			continue
		}
		t.Params = append(t.Params, entryParam(pv.Param, e, e.Val))
		ed.vars[pv.Env] = &doc.Var{Name: e.Key, Val: e.Val, Pair: e.Pair}
	}
	if len(ed.vars) > 0 {
		t.Editor = ed
	}
}

// sequelizeSSL makes t the connection of a sequelize-cli config: it reads config/config.json on
// the side and hands only dialectOptions to pg, so without dialectOptions.ssl there is no TLS
// at all (rules.md). It reports false for a connection left to the JavaScript analysis.
func sequelizeSSL(t *rules.Target, g *doc.Group, host, dialect *doc.Entry) bool {
	d, _ := drivers.ForFrameworkName(dialect.Val.Text)
	t.Driver, t.Evidence = d.ID, "Sequelize config (dialect: "+dialect.Val.Text+") hands dialectOptions to pg"
	t.Fragment = false
	do := g.Sub["dialectoptions"]
	if do == nil {
		return true
	}
	if ssl := do.Get("ssl"); ssl != nil {
		t.Params = append(t.Params, rules.Param{Setting: drivers.Setting{Name: "ssl", Written: "ssl", Value: ssl.Val.Text, Dynamic: rules.IsDynamic(ssl.Val.Text)},
			Val: ssl.Val.Full(), Pair: ssl.Pair})
		return true
	}
	if obj := do.Sub["ssl"]; obj != nil {
		if ru := obj.Get("rejectUnauthorized"); ru != nil && ru.Val.Text == "false" {
			// rules has no setting for an ssl object with rejectUnauthorized: false (the
			// JavaScript analyzer's shape); leave the connection to it.
			return false
		}
		// An ssl object turns verified TLS on in pg.
		t.Params = append(t.Params, rules.Param{Setting: drivers.Setting{Name: "ssl", Written: "ssl", Value: "true"}, Val: host.Val.Full(), Pair: host.Val.Full()})
	}
	return true
}

// pgGroup reports whether a mapping belongs to PostgreSQL: its own entries, key path or file name
// say so (adapter: postgresql, ENGINE: django.db.backends.postgresql, port 5432, a pg: block)
// and say no other database (groupDatabase), or it is a database-looking key in a project whose
// manifest has a PostgreSQL driver.
func (a *analysis) pgGroup(g *doc.Group) bool {
	switch a.groupDatabase(g) {
	case dbPostgres:
		return true
	case dbOther:
		return false
	}
	if a.hint.Driver == "" {
		return false
	}
	segs := append(strings.Split(g.Path, "."), strings.TrimSuffix(path.Base(a.path), path.Ext(a.path)))
	for _, s := range segs {
		if dbGroupName.MatchString(s) {
			return true
		}
	}
	return false
}
