package drivers

import "fmt"

// PostgresJS is the ID of the driver in this file.
const PostgresJS ID = "postgres.js"

// resolvePostgresJS follows Postgres.js 3.4 (docs/drivers.md#postgres-js).
func resolvePostgresJS(d *Driver, in *Input, e *Effect) {
	if in.Syntax == "options" && resolvePostgresJSOptions(d, in, e) {
		return
	}
	for _, key := range []string{"sslrootcert", "sslcert", "sslkey", "sslcrl", "sslaccept", "uselibpqcompat"} {
		if s, ok := in.byKey(key); ok && in.Syntax == "uri" {
			e.Ignored = append(e.Ignored, Problem{Key: key,
				Text: fmt.Sprintf("%s does not read %s from the URL: it sends it to the server as a run-time parameter and the connection fails (42704 unrecognized configuration parameter %q)", d.Name, key, s.Written),
				Fix: &Plan{Ops: []Op{{Key: key, Remove: true}},
					Text: "Remove " + key + " from the connection string and pass the CA as ssl: { ca: fs.readFileSync('ca.pem') } in the options object."}})
		}
	}
	s, ok := in.byKey("sslmode")
	if !ok {
		s, ok = in.byKey("ssl")
	}
	if !ok {
		if rc, has := in.byKey("sslrootcert"); has && rc.Value == "system" {
			e.Mode, e.Behavior, e.Explicit = ModeVerifyFull, verified, true
			e.Setting, e.SettingKey = "sslrootcert=system", "sslrootcert"
			return
		}
		if v, has := in.Env["PGSSL"]; has {
			s, ok = Setting{Name: "ssl", Written: "PGSSL", Value: v}, true
		}
	}
	if !ok {
		return
	}
	if e.decide(s) {
		return
	}
	switch s.Value {
	case "disable", "false", "":
		e.Mode = ModeDisable
	case "prefer":
		e.Mode = ModePrefer
	case "require":
		e.Mode = ModeRequire
	case "allow":
		e.Mode = ModeAllow
		e.Note = "Postgres.js treats allow like require: TLS without a certificate check"
	case "verify-full", "verify-ca", "true":
		e.Mode = ModeVerifyFull
	default:
		e.Mode = ModeVerifyFull
		e.invalid(s.Written, "%s does not know %s=%s and treats it as verify-full", d.Name, s.Written, s.Value)
	}
	e.Behavior = d.Modes[e.Mode]
	if s.Value == "verify-ca" {
		e.Note = "Postgres.js checks the host name for verify-ca too"
	}
}

// securePostgresJS is Postgres.js's fix: ssl: 'verify-full' in the options object, or
// sslmode=verify-full in the URL with no ssl parameter beside it.
func securePostgresJS(_ *Driver, in Input, e Effect, p *Plan) bool {
	if in.Syntax == "options" {
		*p = secureNodeOptions(in, e, "verify-full",
			"Use ssl: 'verify-full' (Node's CA list), or ssl: { ca: fs.readFileSync('ca.pem') } for a private CA.")
		return true
	}
	if _, ok := in.byKey("ssl"); ok {
		p.remove("ssl")
	}
	p.Text = "Use sslmode=verify-full, or ssl: 'verify-full' in the options object."
	return false
}

func init() {
	pjs := register(&Driver{
		ID: PostgresJS, Name: "Postgres.js", Aliases: []string{"postgres-js", "postgresjs", "postgres"}, Language: "JavaScript",
		Syntaxes:    []string{"uri", "options"},
		Packages:    []Package{{Ecosystem: NPM, Name: "postgres", Rank: 3}},
		Modules:     []Module{{Lang: LangJavaScript, Path: "postgres", Rank: 1}},
		Default:     ModeDisable,
		DefaultText: "no TLS at all (ssl: false)",
		// require/allow/prefer set rejectUnauthorized: false; any other truthy value verifies.
		Modes: map[Mode]Behavior{
			ModeDisable: {Encrypts: EncryptNever},
			ModeAllow:   {Encrypts: EncryptAlways},
			ModePrefer:  {Encrypts: EncryptMaybe, Fallback: true},
			ModeRequire: {Encrypts: EncryptAlways}, ModeVerifyCA: verified, ModeVerifyFull: verified,
		},
		Env:            []string{"PGSSL", NodeTLSRejectUnauthorized, "NODE_EXTRA_CA_CERTS"},
		CAParam:        "ssl: { ca } in the options object only",
		DefaultCA:      "Node's bundled Mozilla CA list (plus NODE_EXTRA_CA_CERTS)",
		CAStep:         "Node's CA list is used; for a private CA pass ssl: { ca: fs.readFileSync('ca.pem') } in the options object, not in the URL.",
		SystemRootText: "URL sslrootcert=system selects verify-full but is also sent to the server, which fails the connection (42704)",
		SecureValue:    string(ModeVerifyFull),
		Disablers:      []string{"ssl: 'require'/'prefer'/'allow'", "ssl: { rejectUnauthorized: false }", "NODE_TLS_REJECT_UNAUTHORIZED=0"},
		FixText:        "ssl: 'verify-full', or ssl: { ca: fs.readFileSync('ca.pem') } in the options object; never sslrootcert in the URL",
		resolve:        resolvePostgresJS,
		secure:         securePostgresJS,
		Sources: []Source{
			src("https://github.com/porsager/postgres/blob/e7dfa145/src/index.js", "Postgres.js 3.4.9",
				"the URL's sslmode becomes ssl; sslrootcert=system means ssl verify-full; ssl defaults to false; options beat the URL, which beats PGSSL (PGSSLMODE is not read); unknown URL keys are sent to the server as startup parameters (42704, verified live)",
				FactPackages, FactDefault, FactEnv, FactCA, FactSystemRoot),
			src("https://github.com/porsager/postgres/blob/e7dfa145/src/connection.js", "Postgres.js 3.4.9",
				"require, allow and prefer set rejectUnauthorized: false (prefer falls back to plaintext when the server says N); an object is handed to tls.connect; any other truthy value gets Node's defaults, chain and host name verified (verified live)",
				FactModes, FactDisablers, FactFix),
		},
	})
	registerJS(pjs, JSCall{Module: "postgres", Export: "default", Shape: ShapePostgresJSCall})
}
