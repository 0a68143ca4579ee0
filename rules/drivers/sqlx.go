package drivers

import "strings"

// Sqlx is the ID of the driver in this file.
const Sqlx ID = "sqlx"

// resolveSqlx follows sqlx 0.8 (docs/drivers.md#sqlx).
func resolveSqlx(d *Driver, in *Input, e *Effect) {
	if ca, ok := in.byKey("sslrootcert", "ssl-root-cert", "ssl-ca"); ok {
		e.CA = ca.Written + "=" + ca.Value
	}
	for _, s := range in.Settings {
		// Keys are matched exactly: SSLMODE or ssl_mode are dropped with a log line.
		k := strings.ToLower(s.Written)
		if (k == "sslmode" || k == "ssl-mode" || k == "ssl_mode") && s.Written != "sslmode" && s.Written != "ssl-mode" {
			e.invalid(s.Written, "sqlx ignores the unknown parameter %s (only sslmode or ssl-mode are read), so the default prefer applies", s.Written)
		}
	}
	s, ok := in.byKey("sslmode", "ssl-mode")
	if !ok {
		modeFromEnv(d, in, e, "PGSSLMODE")
		return
	}
	if s.Dynamic {
		e.Dynamic, e.Explicit = true, true
		return
	}
	m, valid := d.validMode(s.Value)
	if !valid {
		e.Explicit, e.Setting, e.SettingKey = true, s.Written+"="+s.Value, s.Written
		e.invalid(s.Written, "sqlx rejects %s=%s (unknown value for `ssl_mode`)", s.Written, s.Value)
		return
	}
	e.setMode(d, m, s)
	if m == ModeAllow {
		e.Note = "sqlx does not implement allow: it never uses TLS"
	}
	if m == ModeRequire && e.CA != "" {
		e.Note = "sqlx's require does not verify the certificate even with a root certificate"
	}
}

func init() {
	register(&Driver{
		ID: Sqlx, Name: "sqlx", Aliases: []string{"sqlx-postgres"}, Language: "Rust",
		Syntaxes:        []string{"uri"},
		Packages:        []Package{{Ecosystem: Crates, Name: "sqlx", Feature: "postgres", Rank: 0, Note: "(postgres)"}},
		Default:         ModePrefer,
		DefaultText:     "prefer: TLS if available, never verified, plaintext fallback",
		Modes:           copyModes(libpqModes, map[Mode]Behavior{ModeAllow: {Encrypts: EncryptNever}}),
		CaseInsensitive: true,
		Env:             []string{"PGSSLMODE", "PGSSLROOTCERT", "PGSSLCERT", "PGSSLKEY"},
		CAParam:         "sslrootcert (or ssl-root-cert, ssl-ca)",
		DefaultCA:       "webpki-roots or the OS store, by build feature",
		CAStep:          "webpki or OS roots are used; for a private CA add sslrootcert=/path/to/ca.crt.",
		SystemRootText:  "not supported (a file named system)",
		ModeKeys:        []string{"sslmode", "ssl-mode"},
		SecureValue:     string(ModeVerifyFull),
		Disablers:       []string{"sslmode=disable/allow/prefer/require (require never verifies, even with sslrootcert)", "a misspelt key such as ssl_mode (ignored: prefer)"},
		FixText:         "sslmode=verify-full (+sslrootcert=/path/to/ca.crt)",
		resolve:         resolveSqlx,
		Sources: []Source{
			src("https://github.com/launchbadge/sqlx/blob/v0.8.6/sqlx-postgres/src/options/ssl_mode.rs", "sqlx 0.8.6",
				"PgSslMode defaults to Prefer; FromStr lowercases the value", FactDefault, FactModes),
			src("https://github.com/launchbadge/sqlx/blob/v0.8.6/sqlx-postgres/src/connection/tls.rs", "sqlx 0.8.6",
				"maybe_upgrade: allow and disable never use TLS; certificates are checked only for verify-ca and verify-full, host names only for verify-full: require never verifies, despite the enum's doc comment",
				FactModes, FactDisablers, FactFix),
			src("https://github.com/launchbadge/sqlx/blob/v0.8.6/sqlx-postgres/src/options/mod.rs", "sqlx 0.8.6",
				"PGSSLMODE, PGSSLROOTCERT, PGSSLCERT, PGSSLKEY; sslrootcert, ssl-root-cert or ssl-ca in the URL, else webpki-roots or the OS store; no system keyword; the postgres feature of the sqlx crate",
				FactEnv, FactCA, FactSystemRoot, FactPackages),
		},
	})
}
