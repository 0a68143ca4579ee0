package drivers

// LibPQGo is the ID of the driver in this file.
const LibPQGo ID = "lib/pq"

// lib/pq, the pure Go driver (docs/drivers.md#lib-pq).
func init() {
	register(&Driver{
		ID: LibPQGo, Name: "lib/pq", Aliases: []string{"pq", "github.com/lib/pq"}, Language: "Go",
		Syntaxes: []string{"uri", "keyword"},
		Packages: []Package{{Ecosystem: GoModules, Name: "github.com/lib/pq", Rank: 2}},
		Modules:  []Module{{Lang: LangGo, Path: "github.com/lib/pq", Short: "pq"}},
		Calls: []Call{
			{Lang: LangGo, Func: "NewConnector", DSN: 0}, {Lang: LangGo, Func: "Open", DSN: 0},
			{Lang: LangGo, Func: "DialOpen", DSN: 1}, {Lang: LangGo, Func: "NewConfig", DSN: 0},
			{Lang: LangGo, Func: "ParseURL", DSN: 0},
			{Lang: LangGo, Func: "RegisterTLSConfig", DSN: -1, TLSConfig: 2},
		},
		SQLDrivers:    []string{"postgres"},
		SQLDriverSays: "the driver name lib/pq registers",
		Default:       ModeRequire,
		DefaultText:   "require: encrypted but the certificate is not checked (lib/pq ≤ 1.12.3)",
		Modes: copyModes(libpqModes, map[Mode]Behavior{
			// lib/pq ≤ 1.12 has no plaintext-first allow: it is handled like prefer.
			ModeAllow: {Encrypts: EncryptMaybe, Fallback: true},
		}),
		RequireHonoursRootCert: true,
		Env:                    []string{"PGSSLMODE", "PGSSLROOTCERT", "PGSSLCERT", "PGSSLKEY"},
		FillsServerName:        true,
		InvalidMode:            "pq: unsupported sslmode %q",
		CAParam:                "sslrootcert",
		DefaultCA:              "Go's system roots (an existing ~/.postgresql/root.crt first, since 1.12.0)",
		CAStep:                 "Go's system roots are used (or ~/.postgresql/root.crt if present); for a private CA add sslrootcert=/path/to/ca.crt.",
		SystemRoot:             true,
		SystemRootText:         "supported since 1.12.0: system roots, and then only verify-full is allowed",
		SecureValue:            string(ModeVerifyFull),
		Disablers:              []string{"sslmode=disable/allow/prefer/require", "the default (require)", "sslmode=pqgo-<name> with pq.RegisterTLSConfig(name, &tls.Config{InsecureSkipVerify: true})"},
		FixText:                "sslmode=verify-full (+sslrootcert=/path/to/ca.crt for a private CA)",
		resolve: libpqRules{registeredPrefix: "pqgo-", preferHonoursRootCert: true,
			tlsOverrideText: "a tls.Config with InsecureSkipVerify: true registered for lib/pq (pq.RegisterTLSConfig, used by sslmode=pqgo-<name>) accepts any server certificate",
			tlsOverrideFix:  "Set InsecureSkipVerify to false: lib/pq fills in ServerName from the host (sslsni=1, the default) and checks the chain against RootCAs or Go's system roots.",
		}.resolve,
		Sources: []Source{
			src("https://github.com/lib/pq/blob/v1.12.3/connector.go", "lib/pq v1.12.3",
				"SSLMode defaults to require; the values disable, allow, prefer, require, verify-ca, verify-full and pqgo-<key>; the env struct tags PGSSLMODE, PGSSLCERT, PGSSLKEY, PGSSLROOTCERT; sslrootcert=system allows only verify-full; NewConnector, Open, DialOpen, NewConfig, ParseURL take the DSN; database/sql driver name postgres",
				FactPackages, FactDefault, FactModes, FactEnv, FactSystemRoot),
			src("https://github.com/lib/pq/blob/v1.12.3/ssl.go", "lib/pq v1.12.3",
				"require and prefer set InsecureSkipVerify; a root certificate turns them into verify-ca; ~/.postgresql/root.crt is the default only for an explicit mode; verify-full without a CA uses Go's system roots. Verified with a wrong HOME",
				FactCA, FactDisablers),
			src("https://github.com/lib/pq/blob/v1.12.3/conn.go", "lib/pq v1.12.3",
				"RegisterTLSConfig registers a tls.Config for sslmode=pqgo-<name>; a failed TLS setup with prefer retries with sslmode=disable (plaintext)",
				FactDisablers, FactFix),
		},
	})
}
