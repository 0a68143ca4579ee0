package drivers

// Pgx is the ID of the driver in this file.
const Pgx ID = "pgx"

// pgx v5, with its pgconn, pgxpool and stdlib packages (docs/drivers.md#pgx).
func init() {
	// pgconn, pgx v4's lower layer as a module of its own: PostgreSQL, but nothing here says
	// which TLS code it runs (even as an indirect requirement).
	registerOther(Package{Ecosystem: GoModules, Name: "github.com/jackc/pgconn", Prefix: true, Indirect: true})
	register(&Driver{
		ID: Pgx, Name: "pgx", Aliases: []string{"pgx/v5", "pgxpool", "github.com/jackc/pgx"}, Language: "Go",
		Syntaxes: []string{"uri", "keyword"},
		Packages: []Package{
			{Ecosystem: GoModules, Name: "github.com/jackc/pgx", Prefix: true, Rank: 0},
			// gorm's PostgreSQL dialector opens its connections with pgx.
			{Ecosystem: GoModules, Name: "gorm.io/driver/postgres", Rank: 1, Note: "(pgx)"},
		},
		Modules: []Module{
			{Lang: LangGo, Path: "github.com/jackc/pgx", Prefix: true},
			{Lang: LangGo, Path: "gorm.io/driver/postgres", Note: "(which uses pgx)", Short: "gorm's postgres"},
		},
		Calls: []Call{
			{Lang: LangGo, Func: "Connect", DSN: 1}, {Lang: LangGo, Func: "ParseConfig", DSN: 0},
			{Lang: LangGo, Func: "ParseConfigWithOptions", DSN: 0}, {Lang: LangGo, Func: "ConnectWithOptions", DSN: 1},
			{Lang: LangGo, Package: "pgxpool", Func: "New", DSN: 1}, {Lang: LangGo, Package: "pgxpool", Func: "Connect", DSN: 1},
			{Lang: LangGo, Package: "pgxpool", Func: "ParseConfig", DSN: 0},
			{Lang: LangGo, Package: "pgconn", Func: "Connect", DSN: 1}, {Lang: LangGo, Package: "pgconn", Func: "ParseConfig", DSN: 0},
			{Lang: LangGo, Package: "pgconn", Func: "ParseConfigWithOptions", DSN: 0}, {Lang: LangGo, Package: "pgconn", Func: "ConnectWithOptions", DSN: 1},
			{Lang: LangGo, Module: "gorm.io/driver/postgres", Func: "Open", DSN: 0},
		},
		SQLDrivers:     []string{"pgx", "pgx/v5", "pgx/v4"},
		SQLDriverSays:  "pgx's database/sql driver",
		TLSConfigTypes: []string{"Config", "ConnConfig", "FallbackConfig"},
		Default:        ModePrefer,
		DefaultText:    "prefer: TLS with InsecureSkipVerify, plaintext fallback",
		Modes:          libpqModes,
		// require with any sslrootcert becomes verify-ca; prefer/allow never verify.
		RequireHonoursRootCert: true,
		Env:                    []string{"PGSSLMODE", "PGSSLROOTCERT", "PGSSLCERT", "PGSSLKEY"},
		InvalidMode:            "sslmode is invalid",
		CAParam:                "sslrootcert",
		DefaultCA:              "Go's system roots (an existing ~/.postgresql/root.crt first)",
		CAStep:                 "Go's system roots are used (or ~/.postgresql/root.crt if present); for a private CA add sslrootcert=/path/to/ca.crt.",
		SystemRoot:             true,
		SystemRootText:         "supported since 5.7.0: system roots and verify-full, whatever sslmode says",
		SecureValue:            string(ModeVerifyFull),
		Disablers:              []string{"sslmode=disable/allow/prefer/require", "the default (prefer)", "Config.TLSConfig = &tls.Config{InsecureSkipVerify: true}"},
		FixText:                "sslmode=verify-full (+sslrootcert=/path/to/ca.crt for a private CA)",
		resolve: libpqRules{sslAliases: true, systemRootForces: true, channelBinding: true,
			tlsOverrideText: "a tls.Config with InsecureSkipVerify: true used as pgx's TLSConfig accepts any server certificate",
			tlsOverrideFix:  "Drop InsecureSkipVerify and set ServerName to the host: pgx uses a TLSConfig set in code as it is and does not fill in ServerName. Or drop the hand-built tls.Config and use sslmode=verify-full in the connection string.",
		}.resolve,
		Sources: []Source{
			src("https://github.com/jackc/pgx/blob/v5.12.0/pgconn/config.go", "pgx v5.12.0",
				"sslmode defaults to prefer (InsecureSkipVerify, then plaintext); require with sslrootcert goes on to verify-ca; other values: sslmode is invalid; sslrootcert=system forces verify-full (5.7.0+); parseEnvSettings reads PGSSLMODE, PGSSLROOTCERT, PGSSLCERT, PGSSLKEY; a TLSConfig set in code is used as given",
				FactDefault, FactModes, FactEnv, FactSystemRoot, FactDisablers, FactFix),
			src("https://github.com/jackc/pgx/blob/v5.12.0/pgconn/defaults.go", "pgx v5.12.0",
				"~/.postgresql/root.crt is the default sslrootcert when it exists; verify-full without a CA uses Go's system roots (verified)",
				FactCA),
			src("https://github.com/jackc/pgx/blob/v5.12.0/stdlib/sql.go", "pgx v5.12.0",
				"registers the database/sql drivers \"pgx\" and \"pgx/v5\" (pgx v4's stdlib registers \"pgx\" and \"pgx/v4\"); pgx.Connect, pgxpool.New and pgconn.Connect take a connection string",
				FactPackages),
			src("https://github.com/go-gorm/postgres/blob/02aaae5124c6e081ecf0f4019ab9f6572aefa3a8/postgres.go", "gorm.io/driver/postgres at 02aaae51",
				"Open(dsn) parses the DSN with pgx.ParseConfig and opens it with pgx's stdlib",
				FactPackages),
		},
	})
}
