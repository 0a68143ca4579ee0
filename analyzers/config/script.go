package config

import (
	"github.com/pgtlslint/pgtlslint/analyzers/config/doc"
	"github.com/pgtlslint/pgtlslint/analyzers/config/server"
	"github.com/pgtlslint/pgtlslint/analyzers/config/shell"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// scriptHandler turns what a shell script does (shell.Handler) into the analysis' entries,
// targets and server configs.
type scriptHandler struct{ a *analysis }

// Scope implements shell.Handler.
func (h scriptHandler) Scope(parent *doc.Scope) *doc.Scope {
	if parent == nil {
		return h.a.doc.NewScope()
	}
	return h.a.doc.Child(parent)
}

// Assign implements shell.Handler.
func (h scriptHandler) Assign(e *doc.Entry) { h.a.addEntry(e) }

// Script implements shell.Handler.
func (h scriptHandler) Script(v doc.Value, sc *doc.Scope) { h.a.analyzeShell(v, sc) }

// Text implements shell.Handler.
func (h scriptHandler) Text(v doc.Value, sc *doc.Scope, comments []string) {
	h.a.searchText(v, sc, comments)
}

// Client implements shell.Handler: the connection of a libpq program is libpq's, whatever the
// manifest says. A host given as $VAR is left alone, since the script then takes its whole
// connection, PGSSLMODE included, from the environment.
func (h scriptHandler) Client(prog string, c shell.Conn, sc *doc.Scope) bool {
	a := h.a
	ev := prog + " command line (libpq)"
	if c.DB != nil && rules.ConnKind(c.DB.Text) != "" {
		if t := a.connValue(*c.DB, sc, drivers.Libpq, ev, prog); t != nil {
			t.Open = t.Open || c.Open
		}
		return true
	}
	if host := c.Host; host != nil && host.Text != "" && !rules.IsDynamic(host.Text) {
		t := &rules.Target{Path: a.path, Driver: drivers.Libpq, Evidence: ev, Syntax: "keyword",
			Hosts: hostList(*host), Anchor: host.Full(), Editor: &envEditor{sc: sc}, Open: c.Open}
		a.hasPG = true
		a.conns[sc] = append(a.conns[sc], t)
		a.targets = append(a.targets, t)
	}
	return false
}

// Run implements shell.Handler.
func (h scriptHandler) Run(argv []doc.Value) {
	h.a.serverArgv(argv, h.a.pgArgs)
}

// Container implements shell.Handler.
func (h scriptHandler) Container(image string, argv []doc.Value, imageEntrypoint bool) {
	if len(argv) > 0 {
		h.a.serverArgv(argv, imageEntrypoint && server.IsPGImage(image))
	}
}

// serverArgv records the settings of argv when it starts a PostgreSQL server (server.Argv).
func (a *analysis) serverArgv(argv []doc.Value, pg bool) {
	settings, _ := server.Argv(argv, pg)
	a.addServer(settings)
}

// addServer records the settings of a server's command line.
func (a *analysis) addServer(settings []rules.ServerSetting) {
	if len(settings) > 0 {
		a.servers = append(a.servers, &rules.ServerConfig{Path: a.path, Origin: rules.OriginCommandLine, Settings: settings, Local: a.ci})
	}
}

// hostAuth records a POSTGRES_HOST_AUTH_METHOD setting. A scope keeps one ServerConfig with its
// last setting: as in a shell, the later one is what the container gets.
func (a *analysis) hostAuth(e *doc.Entry) {
	st, ok := server.HostAuth(e)
	if !ok {
		return
	}
	if c := a.hostAuths[e.Scope]; c != nil {
		c.Settings[0] = st
		return
	}
	c := &rules.ServerConfig{Path: a.path, Origin: rules.OriginContainerEnv, Settings: []rules.ServerSetting{st}, Local: a.ci}
	if a.hostAuths == nil {
		a.hostAuths = map[*doc.Scope]*rules.ServerConfig{}
	}
	a.hostAuths[e.Scope] = c
	a.servers = append(a.servers, c)
}

// service makes the target of one pg_service.conf service: libpq reads its keywords as if they
// were a connection string.
func (a *analysis) service(svc *doc.Service) {
	t := &rules.Target{Path: a.path, Driver: drivers.Libpq, Evidence: "pg_service.conf service [" + svc.Name + "] (read by libpq)",
		Syntax: "keyword", Anchor: svc.Header, Editor: svc.Editor}
	for _, k := range svc.Keys {
		t.Params = append(t.Params, rules.Param{Setting: drivers.Setting{Name: k.Key, Written: k.Key, Value: k.Val.Text, Dynamic: rules.IsDynamic(k.Val.Text)},
			Val: k.Val.Full(), Pair: k.Pair})
		switch k.Key {
		case "host":
			t.Hosts = hostList(k.Val)
			t.Anchor = k.Val.Full()
		case "password":
			if k.Val.Text != "" {
				t.Secrets = append(t.Secrets, k.Val.Full())
			}
		}
	}
	a.hasPG = true
	a.conns[a.doc.File()] = append(a.conns[a.doc.File()], t)
	a.targets = append(a.targets, t)
}
