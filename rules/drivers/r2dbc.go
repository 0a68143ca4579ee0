package drivers

import "strings"

// R2DBC is the ID of the driver in this file.
const R2DBC ID = "r2dbc"

// resolveR2DBC follows r2dbc-postgresql 1.x (docs/drivers.md#r2dbc).
func resolveR2DBC(d *Driver, in *Input, e *Effect) {
	if ca, ok := in.byKey("sslRootCert"); ok {
		e.CA = "sslRootCert=" + ca.Value
	}
	if s, ok := in.byKey("sslMode", "sslmode"); ok {
		if e.decide(s) {
			return
		}
		v := strings.ReplaceAll(strings.ToLower(s.Value), "_", "-")
		if v == "tunnel" {
			v = string(ModeRequire)
		}
		m, ok := d.validMode(v)
		if !ok {
			e.invalid(s.Written, "R2DBC rejects %s=%s", s.Written, s.Value)
			return
		}
		e.Mode, e.Behavior = m, d.Modes[m]
		return
	}
	if s, ok := in.byKey("ssl"); ok && strings.EqualFold(s.Value, "true") {
		e.Explicit, e.Setting, e.SettingKey = true, "ssl=true", "ssl"
		e.Mode, e.Behavior = ModeVerifyFull, d.Modes[ModeVerifyFull]
	}
}

// npgsqlModes maps Npgsql's SslMode enum (names and numbers, case-insensitive) to libpq modes.

func init() {
	register(&Driver{
		ID: R2DBC, Name: "R2DBC PostgreSQL", Aliases: []string{"r2dbc-postgresql"}, Language: "Java",
		Syntaxes:        []string{"r2dbc"},
		Packages:        []Package{{Ecosystem: Maven, Name: "*:r2dbc-postgresql", Rank: 1}},
		Default:         ModeDisable,
		DefaultText:     "DISABLE: plaintext",
		Modes:           copyModes(libpqModes, nil),
		CaseInsensitive: true,
		CAParam:         "sslRootCert",
		DefaultCA:       "the JDK truststore",
		CAStep:          "The JDK truststore is used; for a private CA add sslRootCert=/path/to/ca.crt.",
		SystemRootText:  "not supported",
		ModeKeys:        []string{"sslMode", "sslmode"},
		SecureValue:     string(ModeVerifyFull),
		Disablers:       []string{"sslMode up to require", "a custom sslHostnameVerifier", "sslContextBuilderCustomizer"},
		FixText:         "sslMode=verify-full (+sslRootCert=/path/to/ca.crt)",
		resolve:         resolveR2DBC,
		Sources: []Source{
			src("https://github.com/pgjdbc/r2dbc-postgresql/blob/1874ffd1/src/main/java/io/r2dbc/postgresql/PostgresqlConnectionConfiguration.java", "r2dbc-postgresql 1.1.0",
				"sslMode defaults to DISABLE; ssl=true (or r2dbcs:) enables VERIFY_FULL; verify-ca/verify-full use sslRootCert or the JDK truststore, lower modes InsecureTrustManagerFactory",
				FactDefault, FactModes, FactCA, FactSystemRoot, FactDisablers, FactFix),
			src("https://github.com/pgjdbc/r2dbc-postgresql/blob/1874ffd1/src/main/java/io/r2dbc/postgresql/client/SSLMode.java", "r2dbc-postgresql 1.1.0",
				"fromValue matches the value or the enum name without regard to case; the artifact is r2dbc-postgresql (io.r2dbc, later org.postgresql)",
				FactModes, FactPackages),
		},
	})
}
