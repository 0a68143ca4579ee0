package drivers

// The driver table. Each entry cites its section of shared/drivers.md.

var libpqEnv = []string{"PGSSLMODE", "PGSSLROOTCERT", "PGSSLCERT", "PGSSLKEY", "PGREQUIRESSL", "PGSSLMINPROTOCOLVERSION", "PGSSLMAXPROTOCOLVERSION"}

var libpqDisablers = []string{
	"sslmode=disable, allow, prefer or require",
	"PGSSLMODE set to one of those",
	"requiressl=0 (rewritten to sslmode=prefer)",
	"sslrootcert naming a missing file (require then silently does not verify)",
}

const libpqSystemRoot = "sslrootcert=system uses the system store from libpq 16 on and then allows only verify-full; libpq 15 and older read a file named \"system\""

func libpqLike(id ID, name string, aliases []string, lang, fix, source string) *Driver {
	return &Driver{
		ID: id, Name: name, Aliases: aliases, Language: lang, Family: Libpq,
		Syntaxes:               []string{"uri", "keyword"},
		Default:                ModePrefer,
		DefaultText:            "prefer: TLS if the server offers it, never verified, plaintext fallback",
		Modes:                  libpqModes,
		RequireHonoursRootCert: true,
		CAParam:                "sslrootcert",
		DefaultCA:              "~/.postgresql/root.crt",
		NeedsCAFile:            true,
		SystemRoot:             true,
		SystemRootText:         libpqSystemRoot,
		Disablers:              libpqDisablers,
		FixText:                fix,
		Env:                    libpqEnv,
		Source:                 source,
	}
}

func init() {
	lp := libpqLike(Libpq, "libpq", []string{"psql", "pg-native", "diesel"}, "C",
		"sslmode=verify-full sslrootcert=/path/to/ca.crt (or sslrootcert=system with libpq 16+ and a public CA)", "§3")
	lp.Family = ""
	register(lp)
	register(libpqLike(Psycopg2, "psycopg2", []string{"psycopg2-binary"}, "Python",
		`psycopg2.connect(..., sslmode="verify-full", sslrootcert="/path/to/ca.crt")`, "§4"))
	register(libpqLike(Psycopg, "psycopg 3", []string{"psycopg3", "psycopg_pool"}, "Python",
		`psycopg.connect(..., sslmode="verify-full", sslrootcert="/path/to/ca.crt")`, "§5"))
	register(libpqLike(Django, "Django (psycopg)", []string{"dj-database-url"}, "Python",
		`DATABASES["default"]["OPTIONS"] = {"sslmode": "verify-full", "sslrootcert": "/path/to/ca.crt"}`, "§5"))
	register(libpqLike(SQLAlchemy, "SQLAlchemy (psycopg)", []string{"sqlalchemy-psycopg2", "sqlalchemy-psycopg"}, "Python",
		`create_engine("postgresql://...?sslmode=verify-full&sslrootcert=/path/to/ca.crt")`, "§6"))
	register(libpqLike(PHP, "PHP pgsql/PDO_pgsql", []string{"php", "pdo_pgsql", "pdo-pgsql", "pgsql"}, "PHP",
		`pgsql:host=...;sslmode=verify-full;sslrootcert=/path/to/ca.crt`, "§14"))

	register(&Driver{
		ID: Asyncpg, Name: "asyncpg", Aliases: []string{"sqlalchemy-asyncpg"}, Language: "Python",
		Syntaxes:               []string{"uri"},
		Default:                ModePrefer,
		DefaultText:            "prefer for TCP hosts: TLS if offered, not verified, plaintext fallback",
		Modes:                  libpqModes,
		RequireHonoursRootCert: true,
		CAParam:                "sslrootcert (DSN), or ssl=ssl.create_default_context(cafile=...)",
		DefaultCA:              "~/.postgresql/root.crt",
		NeedsCAFile:            true,
		SystemRootText:         "not supported: \"system\" is opened as a file (FileNotFoundError)",
		Disablers: []string{"ssl='disable'/'allow'/'prefer'/'require'", "ssl=False",
			"an SSLContext with check_hostname=False or verify_mode=ssl.CERT_NONE"},
		FixText: `asyncpg.connect(dsn, ssl=ssl.create_default_context(cafile="/path/to/ca.crt")), or ssl=True for a public CA`,
		Env:     []string{"PGSSLMODE", "PGSSLROOTCERT", "PGSSLCERT", "PGSSLKEY"},
		Source:  "§7",
	})

	register(&Driver{
		ID: NodePostgres, Name: "node-postgres", Aliases: []string{"pg", "node-postgres", "typeorm", "knex", "sequelize"}, Language: "JavaScript",
		Syntaxes:    []string{"uri", "options"},
		Default:     ModeDisable,
		DefaultText: "no TLS at all (ssl: false)",
		// pg 8 reads every URL sslmode except disable and no-verify as full verification (§8.2).
		Modes: map[Mode]Behavior{
			ModeDisable: {Encrypts: EncryptNever}, ModeAllow: verified, ModePrefer: verified,
			ModeRequire: verified, ModeVerifyCA: verified, ModeVerifyFull: verified,
		},
		CAParam:        "ssl.ca (PEM text), or URL sslrootcert=/path (read at parse time)",
		DefaultCA:      "Node's bundled Mozilla CA list (plus NODE_EXTRA_CA_CERTS)",
		SystemRootText: "not supported: sslrootcert=system throws ENOENT",
		Disablers: []string{"ssl: { rejectUnauthorized: false }", "ssl: 'no-verify'", "URL sslmode=no-verify or ssl=no-verify",
			"PGSSLMODE=no-verify", "uselibpqcompat=true with prefer/require/verify-ca", "checkServerIdentity: () => {}",
			"NODE_TLS_REJECT_UNAUTHORIZED=0"},
		FixText: "URL sslmode=verify-full (+sslrootcert=/path/to/ca.crt), or ssl: { rejectUnauthorized: true, ca: fs.readFileSync('ca.pem', 'utf8') } with no ssl parameters in the URL",
		Env:     []string{"PGSSLMODE", "NODE_TLS_REJECT_UNAUTHORIZED", "NODE_EXTRA_CA_CERTS"},
		Source:  "§8",
	})

	register(&Driver{
		ID: PostgresJS, Name: "Postgres.js", Aliases: []string{"postgres-js", "postgresjs", "postgres"}, Language: "JavaScript",
		Syntaxes:    []string{"uri", "options"},
		Default:     ModeDisable,
		DefaultText: "no TLS at all (ssl: false)",
		// require/allow/prefer set rejectUnauthorized: false; any other truthy value verifies (§9).
		Modes: map[Mode]Behavior{
			ModeDisable: {Encrypts: EncryptNever},
			ModeAllow:   {Encrypts: EncryptAlways},
			ModePrefer:  {Encrypts: EncryptMaybe, Fallback: true},
			ModeRequire: {Encrypts: EncryptAlways}, ModeVerifyCA: verified, ModeVerifyFull: verified,
		},
		CAParam:        "ssl: { ca } in the options object only",
		DefaultCA:      "Node's bundled Mozilla CA list (plus NODE_EXTRA_CA_CERTS)",
		SystemRootText: "URL sslrootcert=system selects verify-full but is also sent to the server, which fails the connection (42704)",
		Disablers:      []string{"ssl: 'require'/'prefer'/'allow'", "ssl: { rejectUnauthorized: false }", "NODE_TLS_REJECT_UNAUTHORIZED=0"},
		FixText:        "ssl: 'verify-full', or ssl: { ca: fs.readFileSync('ca.pem') } in the options object; never sslrootcert in the URL",
		Env:            []string{"PGSSL", "NODE_TLS_REJECT_UNAUTHORIZED", "NODE_EXTRA_CA_CERTS"},
		Source:         "§9",
	})

	register(&Driver{
		ID: Prisma, Name: "Prisma 6 (Rust engine)", Aliases: []string{"prisma6", "quaint"}, Language: "JavaScript",
		Syntaxes:    []string{"uri"},
		Default:     ModePrefer,
		DefaultText: "prefer with sslaccept=accept_invalid_certs: never verified, plaintext fallback",
		// Without sslaccept=strict nothing is verified; verify-ca/verify-full are unknown there and
		// silently become prefer (§10.1). Resolve applies sslaccept.
		Modes: map[Mode]Behavior{
			ModeDisable: {Encrypts: EncryptNever},
			ModePrefer:  {Encrypts: EncryptMaybe, Fallback: true},
			ModeRequire: {Encrypts: EncryptAlways},
		},
		CAParam:        "sslcert=<server CA PEM> (with sslaccept=strict)",
		DefaultCA:      "the OS trust store (with sslaccept=strict)",
		SystemRootText: "not supported",
		Disablers:      []string{"the default (sslaccept=accept_invalid_certs)", "sslaccept=accept_invalid_certs", "sslmode=verify-full/verify-ca (unknown: silently prefer)"},
		FixText:        "sslmode=require&sslaccept=strict (+&sslcert=./ca.pem for a private CA)",
		Source:         "§10.1",
	})

	register(&Driver{
		ID: Prisma7, Name: "Prisma 7 (@prisma/adapter-pg)", Aliases: []string{"prisma-adapter-pg"}, Language: "JavaScript",
		Family:         NodePostgres,
		Syntaxes:       []string{"uri"},
		Default:        ModeDisable,
		DefaultText:    "no TLS at all (node-postgres semantics)",
		Modes:          Get(NodePostgres).Modes,
		CAParam:        Get(NodePostgres).CAParam,
		DefaultCA:      Get(NodePostgres).DefaultCA,
		SystemRootText: Get(NodePostgres).SystemRootText,
		Disablers:      append([]string{"sslaccept has no effect"}, Get(NodePostgres).Disablers...),
		FixText:        "URL sslmode=verify-full (node-postgres semantics; sslaccept is ignored)",
		Env:            Get(NodePostgres).Env,
		Source:         "§10.2",
	})

	register(&Driver{
		ID: LibPQGo, Name: "lib/pq", Aliases: []string{"pq", "github.com/lib/pq"}, Language: "Go",
		Syntaxes:    []string{"uri", "keyword"},
		Default:     ModeRequire,
		DefaultText: "require: encrypted but the certificate is not checked (lib/pq ≤ 1.12.3)",
		Modes: copyModes(libpqModes, map[Mode]Behavior{
			// lib/pq ≤ 1.12 has no plaintext-first allow: it is handled like prefer.
			ModeAllow: {Encrypts: EncryptMaybe, Fallback: true},
		}),
		RequireHonoursRootCert: true,
		CAParam:                "sslrootcert",
		DefaultCA:              "Go's system roots (an existing ~/.postgresql/root.crt first, since 1.12.0)",
		SystemRoot:             true,
		SystemRootText:         "supported since 1.12.0: system roots, and then only verify-full is allowed",
		Disablers:              []string{"sslmode=disable/allow/prefer/require", "the default (require)", "sslmode=pqgo-<name> with pq.RegisterTLSConfig(name, &tls.Config{InsecureSkipVerify: true})"},
		FixText:                "sslmode=verify-full (+sslrootcert=/path/to/ca.crt for a private CA)",
		Env:                    []string{"PGSSLMODE", "PGSSLROOTCERT", "PGSSLCERT", "PGSSLKEY"},
		Source:                 "§12",
	})

	register(&Driver{
		ID: Pgx, Name: "pgx", Aliases: []string{"pgx/v5", "pgxpool", "github.com/jackc/pgx"}, Language: "Go",
		Syntaxes:    []string{"uri", "keyword"},
		Default:     ModePrefer,
		DefaultText: "prefer: TLS with InsecureSkipVerify, plaintext fallback",
		Modes:       libpqModes,
		// pgx: require with any sslrootcert becomes verify-ca; prefer/allow never verify (§13).
		RequireHonoursRootCert: true,
		CAParam:                "sslrootcert",
		DefaultCA:              "Go's system roots (an existing ~/.postgresql/root.crt first)",
		SystemRoot:             true,
		SystemRootText:         "supported since 5.7.0: system roots and verify-full, whatever sslmode says",
		Disablers:              []string{"sslmode=disable/allow/prefer/require", "the default (prefer)", "Config.TLSConfig = &tls.Config{InsecureSkipVerify: true}"},
		FixText:                "sslmode=verify-full (+sslrootcert=/path/to/ca.crt for a private CA)",
		Env:                    []string{"PGSSLMODE", "PGSSLROOTCERT", "PGSSLCERT", "PGSSLKEY"},
		Source:                 "§13",
	})

	register(&Driver{
		ID: Pgjdbc, Name: "pgjdbc", Aliases: []string{"jdbc", "postgresql-jdbc", "hikaricp", "spring"}, Language: "Java",
		Syntaxes:        []string{"jdbc", "properties"},
		Default:         ModePrefer,
		DefaultText:     "prefer: TLS with a non-validating trust manager, plaintext retry",
		Modes:           libpqModes,
		CaseInsensitive: true,
		CAParam:         "sslrootcert",
		DefaultCA:       "~/.postgresql/root.crt (the JVM truststore only with sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory)",
		NeedsCAFile:     true,
		SystemRootText:  "not supported: opens a file named \"system\"",
		Disablers: []string{"sslmode=disable/allow/prefer/require (require never verifies, even with sslrootcert)",
			"ssl=false (means prefer)", "sslfactory=org.postgresql.ssl.NonValidatingFactory", "a custom sslhostnameverifier"},
		FixText: "sslmode=verify-full&sslrootcert=/path/to/ca.crt, or sslmode=verify-full&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory for a CA in the JVM truststore",
		Source:  "§15",
	})

	register(&Driver{
		ID: R2DBC, Name: "R2DBC PostgreSQL", Aliases: []string{"r2dbc-postgresql"}, Language: "Java",
		Syntaxes:        []string{"r2dbc"},
		Default:         ModeDisable,
		DefaultText:     "DISABLE: plaintext",
		Modes:           copyModes(libpqModes, nil),
		CaseInsensitive: true,
		CAParam:         "sslRootCert",
		DefaultCA:       "the JDK truststore",
		SystemRootText:  "not supported",
		Disablers:       []string{"sslMode up to require", "a custom sslHostnameVerifier", "sslContextBuilderCustomizer"},
		FixText:         "sslMode=verify-full (+sslRootCert=/path/to/ca.crt)",
		Source:          "§16",
	})

	register(&Driver{
		ID: Npgsql, Name: "Npgsql", Aliases: []string{"dotnet", "ado.net"}, Language: "C#",
		Syntaxes:        []string{"adonet"},
		Default:         ModePrefer,
		DefaultText:     "Prefer: TLS without validation, plaintext fallback",
		Modes:           libpqModes,
		CaseInsensitive: true,
		CAParam:         "Root Certificate",
		DefaultCA:       "the OS trust store (an existing ~/.postgresql/root.crt first)",
		SystemRootText:  "not supported",
		Disablers: []string{"SSL Mode up to Require (Require never validates, even with Root Certificate)",
			"Trust Server Certificate=true (disabled validation up to 5.x; a no-op since 8.0)",
			"UserCertificateValidationCallback"},
		FixText: "SSL Mode=VerifyFull (+Root Certificate=/path/to/ca.pem for a private CA)",
		Env:     []string{"PGSSLROOTCERT", "PGSSLCERT", "PGSSLKEY"},
		Source:  "§17",
	})

	register(&Driver{
		ID: TokioPostgres, Name: "tokio-postgres", Aliases: []string{"rust-postgres", "postgres-rs", "deadpool-postgres"}, Language: "Rust",
		Syntaxes:    []string{"uri", "keyword"},
		Default:     ModePrefer,
		DefaultText: "prefer: plaintext when the connector cannot do TLS (NoTls)",
		// Verification is the connector's job: postgres-openssl and postgres-native-tls verify
		// chain and host name by default, so require with such a connector is verify-full (§18).
		Modes: map[Mode]Behavior{
			ModeDisable: {Encrypts: EncryptNever},
			ModePrefer:  {Encrypts: EncryptMaybe, Fallback: true},
			ModeRequire: verified,
		},
		CAParam:        "none in the string: configure the TLS connector (e.g. SslConnector::builder().set_ca_file)",
		DefaultCA:      "the connector's default (OpenSSL paths / OS store)",
		SystemRootText: "not supported (sslrootcert is a parse error)",
		Disablers:      []string{"NoTls", "SslVerifyMode::NONE", "set_verify_hostname(false)", "danger_accept_invalid_certs(true)"},
		FixText:        "sslmode=require with a verifying TLS connector (postgres-openssl, postgres-native-tls); verify-full does not parse",
		Source:         "§18",
	})

	register(&Driver{
		ID: Sqlx, Name: "sqlx", Aliases: []string{"sqlx-postgres"}, Language: "Rust",
		Syntaxes:        []string{"uri"},
		Default:         ModePrefer,
		DefaultText:     "prefer: TLS if available, never verified, plaintext fallback",
		Modes:           copyModes(libpqModes, map[Mode]Behavior{ModeAllow: {Encrypts: EncryptNever}}),
		CaseInsensitive: true,
		CAParam:         "sslrootcert (or ssl-root-cert, ssl-ca)",
		DefaultCA:       "webpki-roots or the OS store, by build feature",
		SystemRootText:  "not supported (a file named system)",
		Disablers:       []string{"sslmode=disable/allow/prefer/require (require never verifies, even with sslrootcert)", "a misspelt key such as ssl_mode (ignored: prefer)"},
		FixText:         "sslmode=verify-full (+sslrootcert=/path/to/ca.crt)",
		Env:             []string{"PGSSLMODE", "PGSSLROOTCERT", "PGSSLCERT", "PGSSLKEY"},
		Source:          "§19",
	})

	register(&Driver{
		ID: Martin, Name: "Martin", Aliases: []string{"maplibre-martin"}, Language: "Rust",
		Syntaxes:               []string{"uri", "keyword"},
		Default:                ModePrefer,
		DefaultText:            "prefer: not verified, plaintext fallback",
		Modes:                  libpqModes,
		RequireHonoursRootCert: true,
		CAParam:                "ssl_root_cert (config), --ca-root-file or PGSSLROOTCERT",
		DefaultCA:              "the OS trust store",
		SystemRootText:         "not supported",
		Disablers:              []string{"sslmode=prefer/require", "danger_accept_invalid_certs (≤ 0.6)"},
		FixText:                "?sslmode=verify-full (+ssl_root_cert / PGSSLROOTCERT for a private CA)",
		Env:                    []string{"PGSSLROOTCERT", "PGSSLCERT", "PGSSLKEY"},
		Source:                 "§20",
	})
}
