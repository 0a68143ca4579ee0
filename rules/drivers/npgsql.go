package drivers

import "strings"

// Npgsql is the ID of the driver in this file.
const Npgsql ID = "npgsql"

var npgsqlModes = map[string]Mode{
	"disable": ModeDisable, "allow": ModeAllow, "prefer": ModePrefer, "require": ModeRequire,
	"verifyca": ModeVerifyCA, "verifyfull": ModeVerifyFull,
	"0": ModeDisable, "1": ModeAllow, "2": ModePrefer, "3": ModeRequire, "4": ModeVerifyCA, "5": ModeVerifyFull,
}

// resolveNpgsql follows Npgsql 8–10 (docs/drivers.md#npgsql).
func resolveNpgsql(d *Driver, in *Input, e *Effect) {
	if ca, ok := in.byName("sslrootcert"); ok {
		e.CA = ca.Written + "=" + ca.Value
	}
	if t, ok := in.byName("trustservercertificate"); ok && strings.EqualFold(t.Value, "true") {
		e.Disabled = append(e.Disabled, Problem{Key: t.Written, Text: t.Written + "=true turned certificate validation off in Npgsql 5 and was required to use Require in 6.0.4–7.x; since 8.0 it does nothing, and validation comes only from SSL Mode=VerifyFull"})
	}
	s, ok := in.byName("sslmode")
	if !ok {
		return
	}
	if e.decide(s) {
		return
	}
	m, valid := npgsqlModes[strings.ToLower(strings.TrimSpace(s.Value))]
	if !valid {
		e.invalid(s.Written, "Npgsql rejects %s=%s: it expects an SslMode name such as VerifyFull (Enum.Parse fails on %q)", s.Written, s.Value, s.Value)
		return
	}
	e.Mode, e.Behavior = m, d.Modes[m]
	if m == ModeRequire && e.CA != "" {
		e.Note = "Npgsql's Require does not validate the certificate even with Root Certificate set"
	}
}

// secureNpgsql drops Trust Server Certificate along with the mode.
func secureNpgsql(_ *Driver, in Input, _ Effect, p *Plan) bool {
	if t, ok := in.byName("trustservercertificate"); ok {
		p.Ops = append(p.Ops, Op{Key: t.Written, Remove: true})
	}
	return false
}

func init() {
	register(&Driver{
		ID: Npgsql, Name: "Npgsql", Aliases: []string{"dotnet", "ado.net"}, Language: "C#",
		Syntaxes:        []string{"adonet"},
		Default:         ModePrefer,
		DefaultText:     "Prefer: TLS without validation, plaintext fallback",
		Modes:           libpqModes,
		CaseInsensitive: true,
		Env:             []string{"PGSSLROOTCERT", "PGSSLCERT", "PGSSLKEY"},
		CAParam:         "Root Certificate",
		DefaultCA:       "the OS trust store (an existing ~/.postgresql/root.crt first)",
		CAStep:          "The OS trust store is used; for a private CA add Root Certificate=/path/to/ca.pem.",
		SystemRootText:  "not supported",
		ModeKeys:        []string{"SSL Mode"},
		MarkerKeys:      []string{"searchpath", "rootcertificate", "servercompatibilitymode", "includeerrordetail", "sslnegotiation"},
		MarkerModes:     []string{"disable", "allow", "prefer", "require"},
		// ADO.NET keys match without regard to case and spaces: a fix keeps the key as written.
		ModeKeyAsWritten: true,
		SecureValue:      "VerifyFull",
		Disablers: []string{"SSL Mode up to Require (Require never validates, even with Root Certificate)",
			"Trust Server Certificate=true (disabled validation up to 5.x; a no-op since 8.0)",
			"UserCertificateValidationCallback"},
		FixText: "SSL Mode=VerifyFull (+Root Certificate=/path/to/ca.pem for a private CA)",
		resolve: resolveNpgsql,
		secure:  secureNpgsql,
		Sources: []Source{
			src("https://github.com/npgsql/npgsql/blob/3cb5804b/src/Npgsql/NpgsqlConnectionStringBuilder.cs", "Npgsql 10.0",
				"SslMode defaults to Prefer; the enum Disable, Allow, Prefer, Require, VerifyCA, VerifyFull, parsed with Enum.Parse ignoring case (verify-full throws); Trust Server Certificate is obsolete and does nothing since 8.0",
				FactDefault, FactModes, FactFix),
			src("https://github.com/npgsql/npgsql/blob/3cb5804b/src/Npgsql/Internal/NpgsqlConnector.cs", "Npgsql 10.0",
				"Prefer and Require accept any certificate, even with Root Certificate; VerifyCA/VerifyFull use Root Certificate, PGSSLROOTCERT or an existing ~/.postgresql/root.crt, else the OS store; custom validation callbacks only with Prefer/Require",
				FactCA, FactSystemRoot, FactDisablers),
			src("https://github.com/npgsql/npgsql/blob/3cb5804b/src/Npgsql/PostgresEnvironment.cs", "Npgsql 10.0",
				"PGSSLCERT, PGSSLKEY, PGSSLROOTCERT are read; PGSSLMODE is not",
				FactEnv),
		},
	})
}
