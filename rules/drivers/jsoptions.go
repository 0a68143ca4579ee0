package drivers

import (
	"fmt"
	"strings"
)

// Options objects of the Node.js drivers (Syntax "options"): `new pg.Pool({...})`,
// `postgres(url, {...})` and the frameworks that hand such an object to pg (Knex's connection,
// TypeORM's DataSource options, Sequelize's dialectOptions, Prisma 7's PrismaPg). The
// JavaScript analyzer writes each setting with its canonical Name and, as Written, the key path
// as it stands in the source ("ssl.rejectUnauthorized", "dialectOptions.ssl"), so that findings
// sit on that key:
//
//	Name "ssl"                     the ssl option: "false", "true" (booleans), "'text'" (a
//	                               string, quoted), "{}" (an object), "null", "undefined", "0"
//	Name "ssl.rejectUnauthorized"  "true" or "false"
//	Name "ssl.ca"                  present when the object names a CA
//	Name "ssl.checkServerIdentity" "noop" for a function that checks nothing
//	Name "ignored"                 a TLS setting the driver drops; Value says why: "url:<params>"
//	                               (the connectionString's TLS parameters replace the ssl
//	                               object, docs/drivers.md#node-postgres), "sequelize" (Sequelize
//	                               hands only dialectOptions.ssl to pg)
//
// Settings of the connection string that do not touch TLS (password, ...) may stand beside
// them under their libpq names.

// optionsIgnored records the TLS settings a Node.js driver drops.
func optionsIgnored(d *Driver, in *Input, e *Effect) {
	for _, s := range in.Settings {
		if s.Name != "ignored" {
			continue
		}
		var text string
		switch {
		case strings.HasPrefix(s.Value, "url:"):
			text = fmt.Sprintf("%s replaces the %s object with the TLS settings of the connectionString URL (%s), so everything in %s is dropped", d.Name, s.Written, strings.TrimPrefix(s.Value, "url:"), s.Written)
		case s.Value == "extra":
			text = fmt.Sprintf("TypeORM puts extra.ssl over %s when it builds the %s pool, so %s has no effect", s.Written, d.Name, s.Written)
		case s.Value == IgnoredSequelizeURL:
			text = fmt.Sprintf("Sequelize turns %s in the URL into a dialect option it never hands to %s, so it has no effect and the connection gets no TLS from it", s.Written, d.Name)
		case s.Value == ViaSequelize:
			text = fmt.Sprintf("Sequelize does not hand a top-level %s option to %s (only dialectOptions.ssl reaches it), so it has no effect", s.Written, d.Name)
		default:
			text = fmt.Sprintf("%s does not read %s", d.Name, s.Written)
		}
		fix := &Plan{Ops: []Op{{Key: s.Written, Remove: true}}}
		switch {
		case strings.HasPrefix(s.Value, "url:"):
			fix.Text = "Put the TLS settings in one place: sslmode=verify-full in the URL, or remove the ssl parameters from the URL and keep ssl: { rejectUnauthorized: true, ca: fs.readFileSync('ca.pem', 'utf8') }."
			fix.Ops = nil
		case s.Value == IgnoredSequelizeURL:
			fix.Text = "Set TLS in dialectOptions: { ssl: { rejectUnauthorized: true, ca: fs.readFileSync('ca.pem', 'utf8') } } instead."
			fix.Ops = nil
		case s.Value == ViaSequelize:
			fix.Text = "Move it to dialectOptions: { ssl: { rejectUnauthorized: true, ca: fs.readFileSync('ca.pem', 'utf8') } }."
			fix.Ops = nil
		default:
			fix.Text = "Remove " + s.Written + " and keep the TLS settings in one place."
		}
		e.Ignored = append(e.Ignored, Problem{Key: s.Written, Text: text, Fix: fix})
	}
}

// optionsTLSObject applies the keys of an ssl object (tls.connect options) to an effect that
// already encrypts and verifies.
func optionsTLSObject(d *Driver, in *Input, e *Effect) {
	if ca, ok := in.byName("ssl.ca"); ok {
		e.CA = ca.Written
	}
	if ru, ok := in.byName("ssl.rejectUnauthorized"); ok {
		if ru.Dynamic {
			e.Dynamic = true
			return
		}
		if isFalsyJS(ru.Value) && ru.Value != "undefined" {
			e.Mode, e.Behavior = ModeRequire, Behavior{Encrypts: EncryptAlways}
			e.Disabled = append(e.Disabled, Problem{Key: ru.Written,
				Text: fmt.Sprintf("%s: %s makes %s encrypt without checking the server certificate", ru.Written, ru.Value, d.Name),
				Fix: &Plan{Ops: []Op{{Key: ru.Written, Value: "true"}},
					Text: "Use rejectUnauthorized: true, with ca: fs.readFileSync('ca.pem', 'utf8') for a private CA."}})
			return
		}
	}
	if ci, ok := in.byName("ssl.checkServerIdentity"); ok && ci.Value == "noop" && !ci.Dynamic {
		e.Mode, e.Behavior = ModeVerifyCA, Behavior{Encrypts: EncryptAlways, VerifiesCA: true}
		e.Setting, e.SettingKey = ci.Written+": () => {}", ci.Written
	}
}

// isFalsyJS reports whether the rendering of a JavaScript value is falsy.
func isFalsyJS(v string) bool {
	switch v {
	case "false", "0", "null", "undefined", "''", "NaN", "-0":
		return true
	}
	return false
}

// decideOption records that the option s decides the mode, written the JavaScript way.
func decideOption(e *Effect, s Setting) bool {
	dyn := e.decide(s)
	e.Setting = s.Written + ": " + s.Value
	return dyn
}

// sslOption reads the ssl option of an options object after the options the driver ignores.
// It returns the option when its value is known now; otherwise false, and whether the object
// still decided something: a run-time ssl value decides the mode, and an object without ssl
// decides only when it holds ignored options.
func sslOption(d *Driver, in *Input, e *Effect) (s Setting, ok, handled bool) {
	optionsIgnored(d, in, e)
	s, ok = in.byName("ssl")
	if !ok {
		return s, false, len(e.Ignored) > 0
	}
	if decideOption(e, s) {
		return s, false, true
	}
	return s, true, true
}

// resolveNodeOptions reads a node-postgres options object; false leaves the input to the
// connection-string code (no ssl key).
func resolveNodeOptions(d *Driver, in *Input, e *Effect) bool {
	s, ok, handled := sslOption(d, in, e)
	if !ok {
		return handled
	}
	switch {
	case isFalsyJS(s.Value):
		e.Mode, e.Behavior = ModeDisable, Behavior{Encrypts: EncryptNever}
	case s.Value == "'no-verify'":
		// connection-parameters.js: ssl 'no-verify' → { rejectUnauthorized: false }.
		e.Mode, e.Behavior = ModeRequire, Behavior{Encrypts: EncryptAlways}
		e.Disabled = append(e.Disabled, Problem{Key: s.Written,
			Text: fmt.Sprintf("%s: 'no-verify' makes %s encrypt without checking the server certificate", s.Written, d.Name),
			Fix:  &Plan{Ops: []Op{{Key: s.Written, Value: "true"}}, Text: "Use ssl: true, or ssl: { rejectUnauthorized: true, ca: fs.readFileSync('ca.pem', 'utf8') } for a private CA."}})
	default:
		// true, an object and any other truthy value: tls.connect with Node's defaults.
		e.Mode, e.Behavior = ModeVerifyFull, verified
		if s.Value == "'false'" {
			e.Note = "the string 'false' is truthy: node-postgres turns TLS on"
		}
		if s.Value == "{}" {
			optionsTLSObject(d, in, e)
		}
	}
	return true
}

// resolvePostgresJSOptions reads a Postgres.js options object, which beats the URL
// (docs/drivers.md#postgres-js); false leaves the input to the connection-string code (no ssl
// key).
func resolvePostgresJSOptions(d *Driver, in *Input, e *Effect) bool {
	s, ok, handled := sslOption(d, in, e)
	if !ok {
		return handled
	}
	switch {
	case isFalsyJS(s.Value):
		e.Mode = ModeDisable
	case s.Value == "{}":
		e.Mode, e.Behavior = ModeVerifyFull, verified
		optionsTLSObject(d, in, e)
		return true
	case strings.HasPrefix(s.Value, "'"):
		switch v := strings.Trim(s.Value, "'"); v {
		case "prefer", "require", "allow":
			e.Mode = Mode(v)
			if v == "allow" {
				e.Note = "Postgres.js treats allow like require: TLS without a certificate check"
			}
		case "disable":
			e.Mode = ModeDisable
		default:
			// connection.js: any other truthy value gets Node's defaults.
			e.Mode = ModeVerifyFull
			if v == "verify-ca" {
				e.Note = "Postgres.js checks the host name for verify-ca too"
			}
		}
	default:
		e.Mode = ModeVerifyFull
	}
	e.Behavior = d.Modes[e.Mode]
	return true
}

// secureNodeOptions is the fix for a Node.js options object: the ssl option set to the driver's
// verifying value (true for node-postgres, 'verify-full' for Postgres.js), or the no-op
// checkServerIdentity removed.
func secureNodeOptions(in Input, e Effect, value, text string) Plan {
	if e.SettingKey != "" && strings.HasSuffix(e.SettingKey, ".checkServerIdentity") {
		return Plan{Ops: []Op{{Key: e.SettingKey, Remove: true}},
			Text: "Remove checkServerIdentity: without it Node.js checks that the certificate names the host."}
	}
	key := "ssl"
	if s, ok := in.byName("ssl"); ok {
		key = s.Written
	}
	return Plan{Ops: []Op{{Key: key, Value: value}}, Text: text}
}
