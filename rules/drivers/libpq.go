package drivers

import (
	"fmt"
	"strings"
)

// The IDs of the drivers in this file.
const (
	Libpq      ID = "libpq"
	Psycopg2   ID = "psycopg2"
	Psycopg    ID = "psycopg"
	Django     ID = "django"
	SQLAlchemy ID = sqlalchemy
	PHP        ID = "php-pgsql"
)

// sqlalchemy is SQLAlchemy's distribution and module, and the name of what it does to settings:
// it splits its URLs and hands the query to the DBAPI (Via).
const sqlalchemy = "sqlalchemy"

// ViaSQLAlchemy marks settings SQLAlchemy hands to a DBAPI.
const ViaSQLAlchemy = sqlalchemy

// libpqRules are the ways drivers that follow libpq's sslmode (libpq itself and the drivers
// that hand it their settings, lib/pq, pgx) differ from one another; the entries say which
// apply.
type libpqRules struct {
	// sslAliases: URI ssl=true and keyword requiressl are read as sslmode (libpq, pgx 5.11+);
	// otherwise they are unknown keys sent to the server (lib/pq).
	sslAliases bool
	// registeredPrefix is the sslmode prefix naming a tls.Config registered in code
	// (lib/pq's pqgo-<name>).
	registeredPrefix string
	// systemRootForces: sslrootcert=system means verify-full whatever sslmode says (pgx);
	// otherwise a weaker explicit sslmode is rejected.
	systemRootForces bool
	// preferHonoursRootCert: prefer and allow check the chain when a CA file is given.
	preferHonoursRootCert bool
	// channelBinding: channel_binding=require is read (SCRAM authenticates the server).
	channelBinding bool
	// tlsOverrideText and tlsOverrideFix report a tls.Config with InsecureSkipVerify that
	// reaches the driver from code (the Go drivers).
	tlsOverrideText, tlsOverrideFix string
}

func (r libpqRules) resolve(d *Driver, in *Input, e *Effect) {
	libpq := d.LibpqFamily()
	var ms Setting
	var ok bool
	if r.sslAliases {
		// URI ssl=true and keyword requiressl are read as sslmode.
		ms, ok = in.byName("sslmode")
	} else {
		ms, ok = in.byKey("sslmode")
		// Unknown keys are sent to the server as run-time parameters.
		if s, has := in.byKey("ssl", "requiressl"); has {
			e.invalid(s.Written, "%s does not know %s and sends it to the server, which refuses the connection (parameter \"%s\" cannot be changed now)", d.Name, s.Written, s.Written)
			fix := &Plan{Ops: []Op{{Key: s.Written, Remove: true}}, Text: "Remove " + s.Written + ": " + d.Name + " reads only sslmode."}
			if !ok {
				fix.Ops = append(fix.Ops, Op{Key: "sslmode", Value: string(ModeVerifyFull)})
				fix.Text = "Replace " + s.Written + " with sslmode=verify-full: " + d.Name + " reads only sslmode."
			}
			e.Invalid[len(e.Invalid)-1].Fix = fix
		}
	}
	if ca, has := caSetting(in, "sslrootcert"); has {
		e.CA = ca.Written + "=" + ca.Value
	}
	r.tlsOverride(d, in, e)
	switch {
	case ok && ms.Dynamic:
		e.Dynamic, e.Explicit = true, true
		return
	case ok:
		m, valid := d.validMode(ms.Value)
		if !valid {
			if r.registeredPrefix != "" && strings.HasPrefix(ms.Value, r.registeredPrefix) {
				// A tls.Config registered in code: only the code knows.
				e.Dynamic, e.Explicit = true, true
				e.Setting = ms.Written + "=" + ms.Value
				return
			}
			e.Explicit = true
			e.Setting = ms.Written + "=" + ms.Value
			e.SettingKey = ms.Written
			e.invalid(ms.Written, "%s does not accept sslmode=%q and every connection fails (%s)", d.Name, ms.Value, d.invalidModeText(ms.Value))
			return
		}
		e.setMode(d, m, ms)
		if ms.Written == "requiressl" {
			e.Note = "requiressl is an old spelling: libpq rewrites it to sslmode=" + string(m)
		}
	default:
		if !modeFromEnv(d, in, e, "PGSSLMODE") {
			e.Mode = d.Default
		}
	}
	if ca, has := in.byKey("sslrootcert"); has && ca.Value == "system" && d.SystemRoot {
		switch {
		case r.systemRootForces:
			// verify-full with the system pool, whatever sslmode says.
			e.Mode, e.Behavior, e.Explicit = ModeVerifyFull, d.Modes[ModeVerifyFull], true
			e.Setting = "sslrootcert=system"
		case !e.Explicit:
			e.Mode, e.Behavior, e.Explicit = ModeVerifyFull, d.Modes[ModeVerifyFull], true
			e.Setting = "sslrootcert=system"
		case e.Mode != ModeVerifyFull:
			e.invalid(e.SettingKey, "%s rejects sslmode=%s together with sslrootcert=system (weak sslmode %q may not be used with sslrootcert=system); libpq 15 and older instead read a file named \"system\" and, with require, connect without verification", d.Name, e.Mode, e.Mode)
		}
	}
	if e.CA != "" && e.Explicit {
		switch e.Mode {
		case ModeRequire:
			switch {
			case libpq:
				// libpq checks the chain only if the file exists and silently skips the
				// check when it does not (docs/drivers.md#libpq): nothing is guaranteed.
				e.Note = "with sslrootcert, libpq checks the chain only if that file exists, silently skips the check when it does not, and never checks the host name"
			case d.RequireHonoursRootCert:
				e.VerifiesCA = true
				e.Note = d.Name + " turns require with sslrootcert into verify-ca: the chain is checked, the host name is not"
			}
		case ModePrefer, ModeAllow:
			if r.preferHonoursRootCert {
				e.VerifiesCA = true
			}
		}
	}
	if r.channelBinding && e.Mode == ModeRequire {
		if cb, has := in.byName("channel_binding"); has && cb.Value == "require" {
			e.ChannelBinding = true
		}
	}
}

// InsecureSkipVerify is the Setting name of a Go tls.Config field InsecureSkipVerify that
// reaches a pgx configuration (Config.TLSConfig) or a lib/pq registered TLS config.
const InsecureSkipVerify = "tls.InsecureSkipVerify"

// tlsOverride reports a tls.Config with InsecureSkipVerify set in code (the Go drivers: pgx
// uses a TLSConfig set in code as given, lib/pq a registered one for sslmode=pqgo-<name>).
func (r libpqRules) tlsOverride(_ *Driver, in *Input, e *Effect) {
	s, ok := in.byName(InsecureSkipVerify)
	if !ok || s.Dynamic || s.Value != "true" || r.tlsOverrideText == "" {
		return
	}
	e.Disabled = append(e.Disabled, Problem{Key: s.Written, Text: r.tlsOverrideText,
		Fix: &Plan{Ops: []Op{{Key: s.Written, Remove: true}}, Text: r.tlsOverrideFix}})
}

// invalidModeText is the driver's own error for an sslmode it does not accept.
func (d *Driver) invalidModeText(v string) string {
	if strings.Contains(d.InvalidMode, "%") {
		return fmt.Sprintf(d.InvalidMode, v)
	}
	return d.InvalidMode
}

// The libpq family: libpq itself and what hands it the settings unchanged.

var libpqEnv = []string{"PGSSLMODE", "PGSSLROOTCERT", "PGSSLCERT", "PGSSLKEY", "PGREQUIRESSL", "PGSSLMINPROTOCOLVERSION", "PGSSLMAXPROTOCOLVERSION"}

// libpqKeywords are the keyword arguments psycopg hands to libpq that matter here.
var libpqKeywords = []string{"host", "hostaddr", "password", "sslmode", "requiressl", "sslrootcert", "sslcert", "sslkey",
	"sslcrl", "sslnegotiation", "ssl_min_protocol_version", "ssl_max_protocol_version", "channel_binding", "sslsni", "gssencmode"}

var libpqDisablers = []string{
	"sslmode=disable, allow, prefer or require",
	"PGSSLMODE set to one of those",
	"requiressl=0 (rewritten to sslmode=prefer)",
	"sslrootcert naming a missing file (require then silently does not verify)",
}

const (
	libpqSystemRoot = "sslrootcert=system uses the system store from libpq 16 on and then allows only verify-full; libpq 15 and older read a file named \"system\""
	libpqCAStep     = "It then needs the server's CA: sslrootcert=/path/to/ca.crt, PGSSLROOTCERT, or ~/.postgresql/root.crt; with libpq 16+ and a public CA, sslrootcert=system."
	libpqCAOther    = "sslrootcert=system with libpq 16+ and a public CA"
)

// libpqSources prove libpq's own facts, which every member of the family inherits.
var libpqSources = []Source{
	src("https://www.postgresql.org/docs/17/libpq-ssl.html#LIBPQ-SSL-PROTECTION", "PostgreSQL 17 docs",
		"the SSL mode descriptions table: what each sslmode protects against; verify-full is the recommended mode",
		FactModes, FactFix),
	src("https://github.com/postgres/postgres/blob/REL_17_0/src/interfaces/libpq/fe-connect.c", "PostgreSQL 17.0",
		"DefaultSSLMode \"prefer\" with SSL support; sslmode values checked at connect (invalid sslmode value); requiressl rewrites sslmode; weak sslmode may not be used with sslrootcert=system. Verified with libpq 15.20: PQconndefaults prints sslmode compiled=prefer",
		FactDefault, FactModes, FactDisablers),
	src("https://github.com/postgres/postgres/blob/REL_17_0/src/interfaces/libpq/fe-secure-openssl.c", "PostgreSQL 17.0",
		"initialize_SSL: sslrootcert, else ~/.postgresql/root.crt; a root file loaded for any mode sets SSL_VERIFY_PEER (require then acts as verify-ca); a missing file is an error only for verify-*; sslrootcert=system loads the default verify paths. Verified with libpq 15.20 and three home directories",
		FactCA, FactSystemRoot),
	src("https://www.postgresql.org/docs/17/libpq-envars.html", "PostgreSQL 17 docs",
		"PGSSLMODE, PGSSLROOTCERT, PGSSLCERT, PGSSLKEY, PGREQUIRESSL, PGSSLMINPROTOCOLVERSION, PGSSLMAXPROTOCOLVERSION",
		FactEnv),
}

// libpqFamily is an entry that inherits libpq's semantics.
func libpqFamily(d *Driver) *Driver {
	d.Family = Libpq
	d.Default = ModePrefer
	d.DefaultText = "prefer: TLS if the server offers it, never verified, plaintext fallback"
	d.Modes = libpqModes
	d.RequireHonoursRootCert = true
	d.CAParam, d.DefaultCA, d.NeedsCAFile = "sslrootcert", "~/.postgresql/root.crt", true
	d.CAStep, d.CAOther = libpqCAStep, libpqCAOther
	d.SystemRoot, d.SystemRootText = true, libpqSystemRoot
	d.Disablers = libpqDisablers
	d.Env = libpqEnv
	d.Keywords = libpqKeywords
	d.InvalidMode = "invalid sslmode value: %q"
	d.SecureValue = string(ModeVerifyFull)
	d.resolve = libpqRules{sslAliases: true, preferHonoursRootCert: true, channelBinding: true}.resolve
	if len(d.Syntaxes) == 0 {
		d.Syntaxes = []string{"uri", "keyword"}
	}
	d.Sources = append(append([]Source(nil), libpqSources...), d.Sources...)
	return register(d)
}

func init() {
	// pg-native: node-postgres's API over libpq, which decides nothing by itself (pg beside it
	// does).
	registerOther(Package{Ecosystem: NPM, Name: "pg-native"})
	lp := libpqFamily(&Driver{ID: Libpq, Name: "libpq", Aliases: []string{"psql", "pg-native", "diesel"}, Language: "C",
		Packages: []Package{
			// Ruby's pg gem and diesel's PostgreSQL backend link libpq.
			{Ecosystem: RubyGems, Name: "pg", Note: "(libpq)"},
			{Ecosystem: Crates, Name: "diesel", Feature: "postgres", Rank: 2, Note: "(postgres, libpq)"},
		},
		Programs: []string{"psql", "pg_dump", "pg_dumpall", "pg_restore", "pgbench", "createdb", "dropdb", "createuser",
			"dropuser", "vacuumdb", "reindexdb", "clusterdb", "pg_basebackup", "pg_receivewal"},
		FixText: "sslmode=verify-full sslrootcert=/path/to/ca.crt (or sslrootcert=system with libpq 16+ and a public CA)",
		Sources: []Source{
			src("https://www.postgresql.org/docs/17/reference-client.html", "PostgreSQL 17 docs",
				"the client applications (psql, pg_dump, pg_restore, pgbench, createdb, ...) connect through libpq and take its connection strings and environment", FactPackages),
			src("https://github.com/ged/ruby-pg/blob/v1.5.9/ext/pg_connection.c", "ruby-pg 1.5.9", "PG::Connection.new hands its parameters to PQconnectdbParams", FactPackages),
			src("https://github.com/diesel-rs/diesel/blob/v2.2.0/diesel/Cargo.toml", "diesel 2.2.0", "the postgres feature depends on pq-sys, the libpq bindings", FactPackages),
		},
	})
	lp.Family = ""

	libpqFamily(&Driver{ID: Psycopg2, Name: "psycopg2", Aliases: []string{"psycopg2-binary"}, Language: "Python",
		Packages: []Package{
			{Ecosystem: PyPI, Name: "psycopg2", Rank: 4, OneOf: "psycopg2"},
			{Ecosystem: PyPI, Name: "psycopg2-binary", Rank: 4, OneOf: "psycopg2"},
		},
		Modules: []Module{{Lang: LangPython, Path: "psycopg2", Rank: 5}},
		Calls: []Call{
			{Lang: LangPython, Func: "psycopg2.connect", DSN: 0, DSNKeyword: "dsn"},
			{Lang: LangPython, Func: "psycopg2.pool.SimpleConnectionPool", DSN: 2, DSNKeyword: "dsn"},
			{Lang: LangPython, Func: "psycopg2.pool.ThreadedConnectionPool", DSN: 2, DSNKeyword: "dsn"},
		},
		FixText: `psycopg2.connect(..., sslmode="verify-full", sslrootcert="/path/to/ca.crt")`,
		Sources: []Source{
			src("https://github.com/psycopg/psycopg2/blob/2.9.12/lib/__init__.py", "psycopg2 2.9.12",
				"connect(dsn, **kwargs) merges the keyword arguments into the conninfo (make_dsn) and calls libpq's PQconnectdb; psycopg2-binary wheels bundle libpq 16.0-17.9", FactPackages),
		},
	})

	libpqFamily(&Driver{ID: Psycopg, Name: "psycopg 3", Aliases: []string{"psycopg3", "psycopg_pool"}, Language: "Python",
		Packages: []Package{
			{Ecosystem: PyPI, Name: "psycopg", Rank: 3, Says: "psycopg", OneOf: "psycopg"},
			{Ecosystem: PyPI, Name: "psycopg-binary", Rank: 3, Says: "psycopg", OneOf: "psycopg"},
			{Ecosystem: PyPI, Name: "psycopg-c", Rank: 3, Says: "psycopg", OneOf: "psycopg"},
			{Ecosystem: PyPI, Name: "psycopg-pool", Rank: 3, Says: "psycopg", OneOf: "psycopg"},
		},
		Modules: []Module{{Lang: LangPython, Path: "psycopg_pool", Rank: 3}, {Lang: LangPython, Path: "psycopg", Rank: 4}},
		Calls: []Call{
			{Lang: LangPython, Func: "psycopg.connect", DSN: 0, DSNKeyword: "conninfo"},
			{Lang: LangPython, Func: "psycopg.Connection.connect", DSN: 0, DSNKeyword: "conninfo"},
			{Lang: LangPython, Func: "psycopg.AsyncConnection.connect", DSN: 0, DSNKeyword: "conninfo"},
			{Lang: LangPython, Func: "psycopg_pool.ConnectionPool", DSN: 0, DSNKeyword: "conninfo", Options: "kwargs"},
			{Lang: LangPython, Func: "psycopg_pool.AsyncConnectionPool", DSN: 0, DSNKeyword: "conninfo", Options: "kwargs"},
			{Lang: LangPython, Func: "psycopg_pool.NullConnectionPool", DSN: 0, DSNKeyword: "conninfo", Options: "kwargs"},
			{Lang: LangPython, Func: "psycopg_pool.AsyncNullConnectionPool", DSN: 0, DSNKeyword: "conninfo", Options: "kwargs"},
		},
		FixText: `psycopg.connect(..., sslmode="verify-full", sslrootcert="/path/to/ca.crt")`,
		Sources: []Source{
			src("https://github.com/psycopg/psycopg/blob/3.3.4/psycopg/psycopg/conninfo.py", "psycopg 3.3.4",
				"make_conninfo: keyword arguments override the conninfo's keys, then libpq connects; psycopg[binary] bundles libpq 18.0", FactPackages),
			src("https://github.com/psycopg/psycopg/blob/3.3.4/psycopg_pool/psycopg_pool/pool.py", "psycopg_pool 3.3",
				"ConnectionPool(conninfo, kwargs=...) hands conninfo and kwargs to connect", FactPackages),
		},
	})

	libpqFamily(&Driver{ID: Django, Name: "Django (psycopg)", Aliases: []string{"dj-database-url"}, Language: "Python",
		Packages:    []Package{{Ecosystem: PyPI, Name: "django", Rank: 0, Requires: []ID{Psycopg, Psycopg2, Asyncpg}}},
		Modules:     []Module{{Lang: LangPython, Path: "django", Rank: 0, Framework: true}},
		EngineWords: []string{"postgresql", "postgis"},
		FixText:     `DATABASES["default"]["OPTIONS"] = {"sslmode": "verify-full", "sslrootcert": "/path/to/ca.crt"}`,
		Sources: []Source{
			src("https://docs.djangoproject.com/en/5.2/ref/settings/#std-setting-OPTIONS", "Django 5.2 docs",
				"OPTIONS: extra parameters to use when connecting; for PostgreSQL they become keyword arguments of psycopg's connect (django/db/backends/postgresql/base.py get_connection_params)", FactPackages),
		},
	})

	libpqFamily(&Driver{ID: SQLAlchemy, Name: "SQLAlchemy (psycopg)", Aliases: []string{"sqlalchemy-psycopg2", "sqlalchemy-psycopg"}, Language: "Python",
		Packages: []Package{
			{Ecosystem: PyPI, Name: sqlalchemy, Rank: 1, Requires: []ID{Psycopg, Psycopg2}},
			{Ecosystem: PyPI, Name: "flask-sqlalchemy", Rank: 1, Says: sqlalchemy, Requires: []ID{Psycopg, Psycopg2}},
			{Ecosystem: PyPI, Name: "sqlmodel", Rank: 1, Says: sqlalchemy, Requires: []ID{Psycopg, Psycopg2}},
		},
		Modules: []Module{{Lang: LangPython, Path: sqlalchemy, Rank: 1, Framework: true}},
		Calls: []Call{
			{Lang: LangPython, Func: "sqlalchemy.create_engine", DSN: 0, DSNKeyword: "url", Options: "connect_args", URLDialect: true},
			{Lang: LangPython, Func: "sqlalchemy.engine.create_engine", DSN: 0, DSNKeyword: "url", Options: "connect_args", URLDialect: true},
			{Lang: LangPython, Func: "sqlalchemy.ext.asyncio.create_async_engine", DSN: 0, DSNKeyword: "url", Options: "connect_args", URLDialect: true},
			{Lang: LangPython, Func: "sqlalchemy.ext.asyncio.engine.create_async_engine", DSN: 0, DSNKeyword: "url", Options: "connect_args", URLDialect: true},
		},
		Dialects: []string{"psycopg2", "psycopg", "psycopg_async", "psycopg2cffi"},
		FixText:  `create_engine("postgresql://...?sslmode=verify-full&sslrootcert=/path/to/ca.crt")`,
		Sources: []Source{
			src("https://github.com/sqlalchemy/sqlalchemy/blob/rel_2_0_0/lib/sqlalchemy/dialects/postgresql/psycopg2.py", "SQLAlchemy 2.0.0",
				"the URL's query parameters and connect_args go to the DBAPI's connect call, hence to libpq; postgresql:// uses psycopg2 in 2.0 (psycopg in 2.1)", FactPackages),
		},
	})

	libpqFamily(&Driver{ID: PHP, Name: "PHP pgsql/PDO_pgsql", Aliases: []string{"php", "pdo_pgsql", "pdo-pgsql", "pgsql"}, Language: "PHP",
		Syntaxes: []string{"uri", "keyword", "pdo"},
		FixText:  `pgsql:host=...;sslmode=verify-full;sslrootcert=/path/to/ca.crt`,
		Sources: []Source{
			src("https://github.com/php/php-src/blob/php-8.2.0/ext/pdo_pgsql/pgsql_driver.c", "PHP 8.2.0",
				"pdo_pgsql_handle_factory replaces every ';' of the DSN with a space and hands it to PQconnectdb; pg_connect (ext/pgsql/pgsql.c) calls PQconnectdb", FactPackages),
		},
	})
}
