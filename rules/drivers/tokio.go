package drivers

// The IDs of the drivers in this file.
const (
	TokioPostgres ID = "tokio-postgres"
	Martin        ID = "martin"
)

// tokioRules are the ways the drivers built on tokio-postgres differ: Martin rewrites verify-*
// to require and applies the check itself, tokio-postgres leaves verification to the TLS
// connector.
type tokioRules struct {
	// verifyModes: verify-ca and verify-full are read (Martin); otherwise they do not parse.
	verifyModes bool
	// rootCertEnv: require with PGSSLROOTCERT checks the chain (Martin).
	rootCertEnv bool
	// requireNote is said of require.
	requireNote string
}

// resolve follows tokio-postgres 0.7 (docs/drivers.md#tokio-postgres) and Martin
// (docs/drivers.md#martin).
func (r tokioRules) resolve(d *Driver, in *Input, e *Effect) {
	for _, key := range []string{"sslrootcert", "sslcert", "sslkey", "sslcrl", "sslpassword", "ssl"} {
		if _, ok := in.byKey(key); ok {
			e.invalid(key, "%s does not know the parameter %s: the connection string fails to parse (UnknownOption)", d.Name, key)
			e.Invalid[len(e.Invalid)-1].Fix = &Plan{Ops: []Op{{Key: key, Remove: true}},
				Text: "Remove " + key + " from the string; configure certificates on the TLS connector instead."}
		}
	}
	s, ok := e.decideBy(in, "sslmode")
	if !ok {
		return
	}
	switch s.Value {
	case "disable", "prefer", "require":
		e.Mode = Mode(s.Value)
		e.Behavior = d.Modes[e.Mode]
	case "verify-ca", "verify-full":
		if r.verifyModes {
			e.Mode = Mode(s.Value)
			e.Behavior = libpqModes[e.Mode]
			return
		}
		e.invalid("sslmode", "%s knows only disable, prefer and require: sslmode=%s fails to parse (InvalidValue(\"sslmode\")); verification comes from the TLS connector", d.Name, s.Value)
	default:
		e.invalid("sslmode", "%s rejects sslmode=%s (InvalidValue(\"sslmode\"))", d.Name, s.Value)
	}
	if e.Mode != ModeRequire {
		return
	}
	if r.rootCertEnv {
		e.Behavior = libpqModes[ModeRequire]
		if _, ok := in.Env["PGSSLROOTCERT"]; ok {
			e.VerifiesCA = true
		}
	}
	if r.requireNote != "" {
		e.Note = r.requireNote
	}
}

func init() {
	register(&Driver{
		ID: TokioPostgres, Name: "tokio-postgres", Aliases: []string{"rust-postgres", "postgres-rs", "deadpool-postgres"}, Language: "Rust",
		Syntaxes: []string{"uri", "keyword"},
		Packages: []Package{
			{Ecosystem: Crates, Name: "tokio-postgres", Rank: 1, OneOf: "tokio-postgres"},
			{Ecosystem: Crates, Name: "postgres", Rank: 1, OneOf: "tokio-postgres"},
			{Ecosystem: Crates, Name: "deadpool-postgres", Rank: 1, OneOf: "tokio-postgres"},
			{Ecosystem: Crates, Name: "bb8-postgres", Rank: 1, OneOf: "tokio-postgres"},
		},
		Default:     ModePrefer,
		DefaultText: "prefer: plaintext when the connector cannot do TLS (NoTls)",
		// Verification is the connector's job: postgres-openssl and postgres-native-tls verify
		// chain and host name by default, so require with such a connector is verify-full.
		Modes: map[Mode]Behavior{
			ModeDisable: {Encrypts: EncryptNever},
			ModePrefer:  {Encrypts: EncryptMaybe, Fallback: true},
			ModeRequire: verified,
		},
		CAParam:        "none in the string: configure the TLS connector (e.g. SslConnector::builder().set_ca_file)",
		DefaultCA:      "the connector's default (OpenSSL paths / OS store)",
		SystemRootText: "not supported (sslrootcert is a parse error)",
		SecureValue:    string(ModeRequire),
		Disablers:      []string{"NoTls", "SslVerifyMode::NONE", "set_verify_hostname(false)", "danger_accept_invalid_certs(true)"},
		FixText:        "sslmode=require with a verifying TLS connector (postgres-openssl, postgres-native-tls); verify-full does not parse",
		resolve:        tokioRules{requireNote: "verification is done by the TLS connector: postgres-openssl and postgres-native-tls check chain and host name by default"}.resolve,
		secure: func(_ *Driver, _ Input, _ Effect, p *Plan) bool {
			p.Text = "Use sslmode=require with a verifying TLS connector (postgres-openssl or postgres-native-tls); tokio-postgres does not parse verify-full."
			return false
		},
		Sources: []Source{
			src("https://github.com/sfackler/rust-postgres/blob/e1cd6bee/tokio-postgres/src/config.rs", "tokio-postgres 0.7.13",
				"SslMode { Disable, Prefer, Require }, default Prefer; any other sslmode is InvalidValue(\"sslmode\"); sslrootcert and the other certificate keys are UnknownOption",
				FactDefault, FactModes, FactCA, FactSystemRoot),
			src("https://github.com/sfackler/rust-postgres/blob/e1cd6bee/tokio-postgres/src/connect_tls.rs", "tokio-postgres 0.7.13",
				"Prefer with a connector that cannot do TLS (NoTls) connects in plaintext; the handshake and its verification are the connector's (postgres-openssl and postgres-native-tls verify chain and host name by default)",
				FactDisablers, FactFix),
			src("https://github.com/sfackler/rust-postgres/blob/e1cd6bee/postgres/Cargo.toml", "postgres 0.19",
				"the synchronous postgres crate wraps tokio-postgres (as deadpool-postgres and bb8-postgres do)",
				FactPackages),
		},
	})

	register(&Driver{
		ID: Martin, Name: "Martin", Aliases: []string{"maplibre-martin"}, Language: "Rust",
		Syntaxes:               []string{"uri", "keyword"},
		Default:                ModePrefer,
		DefaultText:            "prefer: not verified, plaintext fallback",
		Modes:                  libpqModes,
		RequireHonoursRootCert: true,
		Env:                    []string{"PGSSLROOTCERT", "PGSSLCERT", "PGSSLKEY"},
		CAParam:                "ssl_root_cert (config), --ca-root-file or PGSSLROOTCERT",
		DefaultCA:              "the OS trust store",
		CAStep:                 "The OS store is used; for a private CA set ssl_root_cert, --ca-root-file or PGSSLROOTCERT.",
		SystemRootText:         "not supported",
		SecureValue:            string(ModeVerifyFull),
		Disablers:              []string{"sslmode=prefer/require", "danger_accept_invalid_certs (≤ 0.6)"},
		FixText:                "?sslmode=verify-full (+ssl_root_cert / PGSSLROOTCERT for a private CA)",
		resolve:                tokioRules{verifyModes: true, rootCertEnv: true}.resolve,
		Sources: []Source{
			src("https://github.com/maplibre/martin/blob/39ac533a/martin-core/src/tiles/postgres/tls.rs", "martin 1.14",
				"parse_conn_str rewrites sslmode=verify-ca|verify-full to require and remembers the mode; make_connector: disable and prefer never verify, require verifies the chain when a root certificate is configured, verify-ca the chain, verify-full chain and host; roots are the OS store plus ssl_root_cert",
				FactDefault, FactModes, FactCA, FactSystemRoot, FactDisablers, FactFix),
			src("https://github.com/maplibre/martin/blob/39ac533a/martin/src/config/args/postgres.rs", "martin 1.14",
				"PGSSLCERT, PGSSLKEY, PGSSLROOTCERT are read; PGSSLMODE is not",
				FactEnv),
		},
	})
}
