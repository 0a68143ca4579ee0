package drivers

import "strings"

// Asyncpg is the ID of the driver in this file.
const Asyncpg ID = "asyncpg"

// resolveAsyncpg follows asyncpg 0.31 (docs/drivers.md#asyncpg), also behind SQLAlchemy.
func resolveAsyncpg(d *Driver, in *Input, e *Effect) {
	if in.Syntax == "keyword" {
		e.invalid("", "asyncpg accepts only postgres:// or postgresql:// DSNs: a keyword=value string is rejected (invalid DSN)")
		return
	}
	if resolveSSLContext(d, in, e) {
		return
	}
	if ca, has := caSetting(in, "sslrootcert"); has {
		e.CA = ca.Written + "=" + ca.Value
		if ca.Value == "system" {
			e.invalid(ca.Written, "asyncpg has no sslrootcert=system: it opens a file named \"system\" (FileNotFoundError)")
			e.Invalid[len(e.Invalid)-1].Fix = &Plan{Text: "Use sslrootcert=/path/to/ca.crt, or ssl=True in code for a CA in the system store."}
		}
	}
	var s Setting
	var ok bool
	if in.Via == ViaSQLAlchemy {
		// SQLAlchemy passes URL query parameters to asyncpg.connect as keyword arguments, and
		// asyncpg.connect has no sslmode argument.
		if bad, has := in.byKey("sslmode"); has {
			e.invalid("sslmode", "SQLAlchemy passes sslmode=%s to asyncpg.connect(), which has no sslmode argument: TypeError: connect() got an unexpected keyword argument 'sslmode'; use ssl= instead", bad.Value)
		}
		s, ok = in.byKey("ssl")
	} else {
		s, ok = in.byKey("sslmode", "ssl")
		if ok && s.Written == "ssl" && in.Syntax == "uri" {
			ok = false
		}
	}
	if !ok {
		modeFromEnv(d, in, e, "PGSSLMODE")
		return
	}
	if e.decide(s) {
		return
	}
	switch s.Value {
	case "True", "true":
		if s.Written == "ssl" && in.Syntax != "uri" {
			// ssl=True: ssl.create_default_context(): system CAs and the host name.
			e.Mode, e.Behavior = ModeVerifyFull, d.Modes[ModeVerifyFull]
			e.CA = "the system store (ssl=True)"
			return
		}
	case "False", "false":
		if s.Written == "ssl" && in.Syntax != "uri" {
			e.Mode, e.Behavior = ModeDisable, d.Modes[ModeDisable]
			return
		}
	}
	// String modes: SSLMode.parse accepts the libpq names, with _ for -, case-sensitively.
	m := Mode(strings.ReplaceAll(s.Value, "_", "-"))
	if _, valid := d.Modes[m]; !valid || strings.ToLower(s.Value) != s.Value {
		e.invalid(s.Written, "asyncpg rejects %s=%s (sslmode parameter must be one of: disable, allow, prefer, require, verify-ca, verify-full)", s.Written, s.Value)
		return
	}
	e.Mode, e.Behavior = m, d.Modes[m]
	if m == ModeRequire && e.CA != "" {
		e.VerifiesCA = true
		e.Note = "with a CA file, asyncpg's require checks the chain (as verify-ca) but not the host name"
	}
}

// secureAsyncpg writes the fix the way asyncpg takes it: ?ssl= in a SQLAlchemy URL (asyncpg's
// connect has no sslmode argument), the ssl keyword argument in code.
func secureAsyncpg(_ *Driver, in Input, e Effect, p *Plan) bool {
	if in.Via == ViaSQLAlchemy {
		if _, ok := in.byKey("sslmode"); ok {
			p.remove("sslmode")
		}
		p.Text = "Use ?ssl=verify-full in the SQLAlchemy URL (never sslmode), or connect_args={\"ssl\": ssl.create_default_context(cafile=...)}."
		return false
	}
	p.Text = "Use sslmode=verify-full, or ssl=ssl.create_default_context(cafile=...) in code."
	p.Ops, p.Text = asyncpgKwargsFix(in, e, p.Ops, p.Text)
	return false
}

func init() {
	register(&Driver{
		ID: Asyncpg, Name: "asyncpg", Aliases: []string{"sqlalchemy-asyncpg"}, Language: "Python",
		Syntaxes: []string{"uri"},
		Packages: []Package{
			{Ecosystem: PyPI, Name: "asyncpg", Rank: 2},
			// SQLAlchemy with asyncpg and no psycopg beside it: the URL most likely reaches asyncpg.
			{Ecosystem: PyPI, Name: sqlalchemy, Rank: 1, Says: sqlalchemy + " with asyncpg", Requires: []ID{Asyncpg}, Unless: []ID{Psycopg, Psycopg2}},
		},
		Modules: []Module{{Lang: LangPython, Path: "asyncpg", Rank: 2}},
		Calls: []Call{
			{Lang: LangPython, Func: "asyncpg.connect", DSN: 0, DSNKeyword: "dsn"},
			{Lang: LangPython, Func: "asyncpg.connection.connect", DSN: 0, DSNKeyword: "dsn"},
			{Lang: LangPython, Func: "asyncpg.create_pool", DSN: 0, DSNKeyword: "dsn"},
			{Lang: LangPython, Func: "asyncpg.pool.create_pool", DSN: 0, DSNKeyword: "dsn"},
		},
		Dialects:    []string{"asyncpg"},
		Keywords:    []string{"host", "password", "ssl"},
		ContextArg:  "ssl",
		Default:     ModePrefer,
		DefaultText: "prefer for TCP hosts: TLS if offered, not verified, plaintext fallback",
		Modes:       libpqModes,
		// require with a CA file checks the chain (verify-ca).
		RequireHonoursRootCert: true,
		Env:                    []string{"PGSSLMODE", "PGSSLROOTCERT", "PGSSLCERT", "PGSSLKEY"},
		CAParam:                "sslrootcert (DSN), or ssl=ssl.create_default_context(cafile=...)",
		DefaultCA:              "~/.postgresql/root.crt",
		NeedsCAFile:            true,
		// asyncpg's own lookup: sslrootcert in the DSN, PGSSLROOTCERT, ~/.postgresql/root.crt;
		// ssl=True and default contexts use the system store instead.
		CAStep:         "It then needs the server's CA: sslrootcert=/path/to/ca.crt in the DSN, PGSSLROOTCERT, or ~/.postgresql/root.crt (ssl=True or ssl.create_default_context() use the system store instead).",
		CAOther:        "ssl=True in code for a CA in the system store",
		SystemRootText: "not supported: \"system\" is opened as a file (FileNotFoundError)",
		ViaModeKey:     map[string]string{ViaSQLAlchemy: "ssl"},
		SecureValue:    string(ModeVerifyFull),
		Disablers: []string{"ssl='disable'/'allow'/'prefer'/'require'", "ssl=False",
			"an SSLContext with check_hostname=False or verify_mode=ssl.CERT_NONE"},
		FixText: `asyncpg.connect(dsn, ssl=ssl.create_default_context(cafile="/path/to/ca.crt")), or ssl=True for a public CA`,
		resolve: resolveAsyncpg,
		secure:  secureAsyncpg,
		Sources: []Source{
			src("https://github.com/MagicStack/asyncpg/blob/db8ecc2a/asyncpg/connect_utils.py", "asyncpg 0.31.0",
				"ssl defaults to PGSSLMODE, then prefer for TCP hosts; SSLMode.parse accepts the libpq names (case-sensitive, _ for -); require loads sslrootcert, PGSSLROOTCERT or ~/.postgresql/root.crt and then verifies the chain; verify-* fail without a CA file; ssl=True is ssl.create_default_context(); an SSLContext is used as given; sslrootcert=system is opened as a file",
				FactDefault, FactModes, FactEnv, FactCA, FactSystemRoot, FactDisablers, FactFix),
			src("https://github.com/MagicStack/asyncpg/blob/db8ecc2a/asyncpg/connection.py", "asyncpg 0.31.0",
				"connect(dsn=None, *, host, password, ssl, ...) and create_pool: no sslmode keyword argument",
				FactPackages),
			src("https://github.com/sqlalchemy/sqlalchemy/blob/rel_2_0_0/lib/sqlalchemy/dialects/postgresql/asyncpg.py", "SQLAlchemy 2.0.0",
				"create_connect_args passes the URL's query to asyncpg.connect as keyword arguments: ?sslmode= raises TypeError, ?ssl= works (sqlalchemy/sqlalchemy#6275)",
				FactPackages, FactFix),
		},
	})
}
