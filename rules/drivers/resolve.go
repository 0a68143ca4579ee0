package drivers

import (
	"fmt"
	"strings"
)

// Setting is one parameter as the driver will receive it.
type Setting struct {
	// Name is the canonical name (the libpq keyword where there is one: "sslmode"; for ADO.NET
	// the mapped name; for options objects the dotted path, "ssl.rejectUnauthorized").
	Name string
	// Written is the key as written ("ssl" for a URI ssl=true that libpq reads as sslmode).
	Written string
	Value   string
	// Dynamic is true when the value is not known statically (a variable, ${VAR}, %s).
	Dynamic bool
}

// Input is everything a driver is given for one connection.
type Input struct {
	// Syntax is how the settings are written: uri, keyword, jdbc, adonet, r2dbc, pdo, options,
	// kwargs, env.
	Syntax string
	// Via names a framework that rewrites the settings before the driver sees them
	// ("sqlalchemy" passes URL query parameters to asyncpg as keyword arguments).
	Via string
	// Settings in the order they are written; later ones win.
	Settings []Setting
	// Env holds environment variables known to apply to this connection (PGSSLMODE, ...).
	Env map[string]string
}

// byName returns the last setting with the given canonical name.
func (in *Input) byName(name string) (Setting, bool) {
	for i := len(in.Settings) - 1; i >= 0; i-- {
		if in.Settings[i].Name == name {
			return in.Settings[i], true
		}
	}
	return Setting{}, false
}

// byKey returns the last setting whose written key is one of keys (exact case).
func (in *Input) byKey(keys ...string) (Setting, bool) {
	for i := len(in.Settings) - 1; i >= 0; i-- {
		for _, k := range keys {
			if in.Settings[i].Written == k {
				return in.Settings[i], true
			}
		}
	}
	return Setting{}, false
}

// Problem is one thing wrong with a setting, for one of the rules that report it.
type Problem struct {
	Key  string // the setting as the user wrote it (written key), "" when it is about the whole string
	Text string // a sentence: what the driver does with it
	// Fix overrides the rule's default fix (Driver.Secure) when the problem needs another one.
	Fix *Plan `json:"-"`
}

// Effect is what a driver will do with an Input.
type Effect struct {
	// Mode is the effective mode in libpq's vocabulary; "" when unknown (dynamic) or rejected.
	Mode Mode `json:"mode,omitempty"`
	// Setting says what decided the mode, as written: "sslmode=require", "ssl=true",
	// "PGSSLMODE=require"; "" when the driver's default applies.
	Setting string `json:"setting,omitempty"`
	// SettingKey is the written key of Setting, to point findings at it.
	SettingKey string `json:"-"`
	// Explicit is false when no TLS setting was given and the default applies.
	Explicit bool `json:"explicit"`
	// Dynamic is true when the deciding value is not known statically.
	Dynamic bool `json:"dynamic,omitempty"`
	Behavior
	// CA is the CA setting given ("sslrootcert=/x", "sslfactory=...DefaultJavaSSLFactory"), or "".
	CA string `json:"ca,omitempty"`
	// ChannelBinding is true when channel_binding=require lets SCRAM authenticate the server.
	ChannelBinding bool `json:"channel_binding,omitempty"`
	// Note adds a driver-specific fact to messages about the mode ("Prisma 6 does not know
	// verify-full and silently uses prefer").
	Note string `json:"note,omitempty"`
	// Invalid lists settings the driver rejects or misreads (PGTLS009).
	Invalid []Problem `json:"invalid,omitempty"`
	// Disabled lists explicit switches that turn verification off (PGTLS006).
	Disabled []Problem `json:"disabled,omitempty"`
	// Ignored lists settings the driver drops, or that break the connection (PGTLS011).
	Ignored []Problem `json:"ignored,omitempty"`
	// SemanticsChange is set when the meaning of the setting is announced to change (PGTLS010).
	SemanticsChange *Problem `json:"semantics_change,omitempty"`
}

func (e *Effect) setMode(d *Driver, m Mode, s Setting) {
	e.decide(s)
	e.Mode = m
	e.Behavior = d.Modes[m]
}

// decide records that setting s decides the mode, and reports whether its value is only known
// at run time, when nothing more can be said.
func (e *Effect) decide(s Setting) bool {
	e.Explicit, e.Setting, e.SettingKey = true, s.Written+"="+s.Value, s.Written
	e.Dynamic = s.Dynamic
	return s.Dynamic
}

func (e *Effect) invalid(key, format string, args ...any) {
	e.Invalid = append(e.Invalid, Problem{Key: key, Text: fmt.Sprintf(format, args...)})
}

// noEditCA is the fix for a CA setting the driver cannot read: only a person knows the path.
var noEditCA = Plan{Text: "Give the CA file's path: sslrootcert=/path/to/ca.crt."}

// validMode returns the libpq mode that v names for the driver, and whether it is one.
func (d *Driver) validMode(v string) (Mode, bool) {
	if d.CaseInsensitive {
		v = strings.ToLower(v)
	}
	m := Mode(v)
	_, ok := d.Modes[m]
	return m, ok
}

// Resolve works out what driver d does with in.
func (d *Driver) Resolve(in Input) Effect {
	var e Effect
	nodeTLSEnv(d, &in, &e)
	switch d.ID {
	case NodePostgres, Prisma7:
		resolveNodePostgres(d, &in, &e)
	case PostgresJS:
		resolvePostgresJS(d, &in, &e)
	case Prisma:
		resolvePrisma(d, &in, &e)
	case Pgjdbc:
		resolvePgjdbc(d, &in, &e)
	case R2DBC:
		resolveR2DBC(d, &in, &e)
	case Npgsql:
		resolveNpgsql(d, &in, &e)
	case TokioPostgres, Martin:
		resolveTokio(d, &in, &e)
	case Sqlx:
		resolveSqlx(d, &in, &e)
	case Asyncpg:
		resolveAsyncpg(d, &in, &e)
	default: // libpq family, lib/pq, pgx
		resolveLibpqLike(d, &in, &e)
	}
	if !e.Explicit && !e.Dynamic {
		e.Mode = d.Default
		e.Behavior = d.Modes[d.Default]
	}
	return e
}

// modeFromEnv applies PGSSLMODE when the connection itself sets no mode.
func modeFromEnv(d *Driver, in *Input, e *Effect, name string) bool {
	v, ok := in.Env[name]
	if !ok {
		return false
	}
	s := Setting{Name: "sslmode", Written: name, Value: v}
	if m, ok := d.validMode(v); ok {
		e.setMode(d, m, s)
		return true
	}
	e.Explicit = true
	e.Setting = name + "=" + v
	e.invalid(name, "%s=%s is not a mode %s accepts, so every connection fails", name, v, d.Name)
	return true
}

// caSetting returns the CA parameter given in the settings or the environment.
func caSetting(in *Input, keys ...string) (Setting, bool) {
	if s, ok := in.byKey(keys...); ok {
		return s, true
	}
	if v, ok := in.Env["PGSSLROOTCERT"]; ok {
		return Setting{Name: "sslrootcert", Written: "PGSSLROOTCERT", Value: v}, true
	}
	return Setting{}, false
}

func resolveLibpqLike(d *Driver, in *Input, e *Effect) {
	libpq := d.LibpqFamily()
	var ms Setting
	var ok bool
	if libpq || d.ID == Pgx {
		// libpq and pgx (5.11+) read URI ssl=true and keyword requiressl as sslmode.
		ms, ok = in.byName("sslmode")
	} else {
		ms, ok = in.byKey("sslmode")
		// lib/pq sends unknown keys to the server as run-time parameters.
		if s, has := in.byKey("ssl", "requiressl"); has {
			e.invalid(s.Written, "lib/pq does not know %s and sends it to the server, which refuses the connection (parameter \"%s\" cannot be changed now)", s.Written, s.Written)
			fix := &Plan{Ops: []Op{{Key: s.Written, Remove: true}}, Text: "Remove " + s.Written + ": lib/pq reads only sslmode."}
			if !ok {
				fix.Ops = append(fix.Ops, Op{Key: "sslmode", Value: string(ModeVerifyFull)})
				fix.Text = "Replace " + s.Written + " with sslmode=verify-full: lib/pq reads only sslmode."
			}
			e.Invalid[len(e.Invalid)-1].Fix = fix
		}
	}
	if ca, has := caSetting(in, "sslrootcert"); has {
		e.CA = ca.Written + "=" + ca.Value
	}
	goTLSOverride(d, in, e)
	switch {
	case ok && ms.Dynamic:
		e.Dynamic, e.Explicit = true, true
		return
	case ok:
		m, valid := d.validMode(ms.Value)
		if !valid {
			if d.ID == LibPQGo && strings.HasPrefix(ms.Value, "pqgo-") {
				// A tls.Config registered with pq.RegisterTLSConfig: only the Go code knows.
				e.Dynamic, e.Explicit = true, true
				e.Setting = ms.Written + "=" + ms.Value
				return
			}
			e.Explicit = true
			e.Setting = ms.Written + "=" + ms.Value
			e.SettingKey = ms.Written
			e.invalid(ms.Written, "%s does not accept sslmode=%q and every connection fails (%s)", d.Name, ms.Value, invalidModeText(d, ms.Value))
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
		case d.ID == Pgx:
			// pgx forces verify-full with the system pool, whatever sslmode says.
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
				// check when it does not (drivers.md §3.1): nothing is guaranteed.
				e.Note = "with sslrootcert, libpq checks the chain only if that file exists, silently skips the check when it does not, and never checks the host name"
			case d.RequireHonoursRootCert:
				e.VerifiesCA = true
				e.Note = d.Name + " turns require with sslrootcert into verify-ca: the chain is checked, the host name is not"
			}
		case ModePrefer, ModeAllow:
			if d.ID != Pgx && d.RequireHonoursRootCert {
				e.VerifiesCA = true
			}
		}
	}
	if (libpq || d.ID == Pgx) && e.Mode == ModeRequire {
		if cb, has := in.byName("channel_binding"); has && cb.Value == "require" {
			e.ChannelBinding = true
		}
	}
}

// InsecureSkipVerify is the Setting name of a Go tls.Config field InsecureSkipVerify that
// reaches a pgx configuration (Config.TLSConfig) or a lib/pq registered TLS config.
const InsecureSkipVerify = "tls.InsecureSkipVerify"

// goTLSOverride reports a tls.Config with InsecureSkipVerify set in code: pgx uses the config
// as given (drivers.md §13), lib/pq uses a registered one for sslmode=pqgo-<name> (§12).
func goTLSOverride(d *Driver, in *Input, e *Effect) {
	s, ok := in.byName(InsecureSkipVerify)
	if !ok || s.Dynamic || s.Value != "true" {
		return
	}
	var text, fix string
	switch d.ID {
	case LibPQGo:
		text = "a tls.Config with InsecureSkipVerify: true registered for lib/pq (pq.RegisterTLSConfig, used by sslmode=pqgo-<name>) accepts any server certificate"
		fix = "Set InsecureSkipVerify to false: lib/pq fills in ServerName from the host (sslsni=1, the default) and checks the chain against RootCAs or Go's system roots."
	default:
		text = "a tls.Config with InsecureSkipVerify: true used as pgx's TLSConfig accepts any server certificate"
		fix = "Drop InsecureSkipVerify and set ServerName to the host: pgx uses a TLSConfig set in code as it is and does not fill in ServerName. Or drop the hand-built tls.Config and use sslmode=verify-full in the connection string."
	}
	e.Disabled = append(e.Disabled, Problem{Key: s.Written, Text: text,
		Fix: &Plan{Ops: []Op{{Key: s.Written, Remove: true}}, Text: fix}})
}

func invalidModeText(d *Driver, v string) string {
	switch d.ID {
	case LibPQGo:
		return fmt.Sprintf("pq: unsupported sslmode %q", v)
	case Pgx:
		return "sslmode is invalid"
	default:
		return fmt.Sprintf("invalid sslmode value: %q", v)
	}
}

// resolveNodePostgres follows pg-connection-string 2.x and pg 8 (drivers.md §8).
func resolveNodePostgres(d *Driver, in *Input, e *Effect) {
	if in.Syntax == "options" && resolveNodeOptions(d, in, e) {
		return
	}
	if in.Syntax == "keyword" {
		e.invalid("", "%s reads connection strings as URLs only: a keyword=value string is parsed as a relative URL and its settings are lost", d.Name)
	}
	if ca, ok := in.byKey("sslrootcert"); ok {
		e.CA = "sslrootcert=" + ca.Value
		if ca.Value == "system" {
			e.invalid("sslrootcert", "%s has no sslrootcert=system: it reads a file named \"system\" and throws ENOENT", d.Name)
			e.Invalid[len(e.Invalid)-1].Fix = &noEditCA
		}
	}
	compat := false
	if c, ok := in.byKey("uselibpqcompat"); ok && c.Value == "true" {
		compat = true
	}
	if d.ID == Prisma7 {
		if s, ok := in.byKey("sslaccept"); ok {
			e.Ignored = append(e.Ignored, Problem{Key: "sslaccept", Text: fmt.Sprintf("%s hands the URL to node-postgres, which ignores sslaccept=%s", d.Name, s.Value)})
		}
	}
	unverified := Behavior{Encrypts: EncryptAlways}
	if s, ok := in.byKey("sslmode"); ok {
		if e.decide(s) {
			return
		}
		if compat {
			e.Setting += " with uselibpqcompat=true"
			switch s.Value {
			case "disable":
				e.Mode, e.Behavior = ModeDisable, Behavior{Encrypts: EncryptNever}
			case "prefer", "require":
				e.Mode, e.Behavior = ModeRequire, unverified
				if e.CA != "" && s.Value == "require" {
					e.Mode, e.Behavior = ModeVerifyCA, Behavior{Encrypts: EncryptAlways, VerifiesCA: true}
				}
				e.Note = "uselibpqcompat=true gives " + s.Value + " libpq's meaning: no certificate check (and no plaintext fallback in pg)"
			case "verify-ca":
				e.Mode, e.Behavior = ModeVerifyCA, Behavior{Encrypts: EncryptAlways, VerifiesCA: true}
				if e.CA == "" {
					e.invalid("sslmode", "with uselibpqcompat=true, %s throws on sslmode=verify-ca without sslrootcert", d.Name)
				}
			default:
				e.Mode, e.Behavior = ModeVerifyFull, verified
			}
			return
		}
		switch s.Value {
		case "disable":
			e.Mode, e.Behavior = ModeDisable, Behavior{Encrypts: EncryptNever}
		case "no-verify":
			e.Mode, e.Behavior = ModeRequire, unverified
			e.Disabled = append(e.Disabled, Problem{Key: "sslmode", Text: fmt.Sprintf("sslmode=no-verify makes %s encrypt without checking the server certificate", d.Name)})
		case "verify-full":
			e.Mode, e.Behavior = ModeVerifyFull, verified
		case "prefer", "require", "verify-ca", "allow":
			e.Mode, e.Behavior = ModeVerifyFull, verified
			e.SemanticsChange = &Problem{Key: "sslmode", Text: fmt.Sprintf("sslmode=%s makes pg 8 require TLS and verify the certificate and host name like verify-full, but pg 9 (pg-connection-string 3) announces libpq's meaning, which does not verify the server", s.Value)}
		default:
			e.Mode, e.Behavior = ModeVerifyFull, verified
			e.invalid("sslmode", "%s does not know sslmode=%s and treats it as verify-full (only the exact value disable turns TLS off)", d.Name, s.Value)
		}
		return
	}
	if s, ok := in.byKey("ssl"); ok {
		if e.decide(s) {
			return
		}
		switch s.Value {
		case "0", "":
			e.Mode, e.Behavior = ModeDisable, Behavior{Encrypts: EncryptNever}
		case "no-verify":
			e.Mode, e.Behavior = ModeRequire, unverified
			e.Disabled = append(e.Disabled, Problem{Key: "ssl", Text: fmt.Sprintf("ssl=no-verify makes %s encrypt without checking the server certificate", d.Name)})
		case "false":
			e.Mode, e.Behavior = ModeVerifyFull, verified
			e.SemanticsChange = &Problem{Key: "ssl", Text: fmt.Sprintf("ssl=false in the URL turns TLS on in %s (the string \"false\" is truthy) and verifies the server; it does not disable TLS", d.Name)}
		default:
			e.Mode, e.Behavior = ModeVerifyFull, verified
		}
		return
	}
	if e.CA != "" {
		// sslrootcert alone turns the ssl object on: verified TLS.
		e.Mode, e.Behavior, e.Explicit = ModeVerifyFull, verified, true
		e.Setting, e.SettingKey = e.CA, "sslrootcert"
		return
	}
	if v, ok := in.Env["PGSSLMODE"]; ok {
		e.Explicit, e.Setting, e.SettingKey = true, "PGSSLMODE="+v, "PGSSLMODE"
		switch v {
		case "disable":
			e.Mode, e.Behavior = ModeDisable, Behavior{Encrypts: EncryptNever}
		case "prefer", "require", "verify-ca", "verify-full":
			e.Mode, e.Behavior = ModeVerifyFull, verified
		case "no-verify":
			e.Mode, e.Behavior = ModeRequire, unverified
			e.Disabled = append(e.Disabled, Problem{Key: "PGSSLMODE", Text: "PGSSLMODE=no-verify makes node-postgres skip certificate verification"})
		default:
			// allow and unknown values leave pg's default: no TLS.
			e.Mode, e.Behavior = ModeDisable, Behavior{Encrypts: EncryptNever}
		}
	}
}

// resolvePostgresJS follows Postgres.js 3.4 (drivers.md §9).
func resolvePostgresJS(d *Driver, in *Input, e *Effect) {
	if in.Syntax == "options" && resolvePostgresJSOptions(d, in, e) {
		return
	}
	for _, key := range []string{"sslrootcert", "sslcert", "sslkey", "sslcrl", "sslaccept", "uselibpqcompat"} {
		if s, ok := in.byKey(key); ok && in.Syntax == "uri" {
			e.Ignored = append(e.Ignored, Problem{Key: key, Text: fmt.Sprintf("%s does not read %s from the URL: it sends it to the server as a run-time parameter and the connection fails (42704 unrecognized configuration parameter %q)", d.Name, key, s.Written)})
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

// resolvePrisma follows the Prisma 6 engine's URL parameters (drivers.md §10.1).
func resolvePrisma(d *Driver, in *Input, e *Effect) {
	strict := false
	if a, ok := in.byKey("sslaccept"); ok && !a.Dynamic {
		if a.Value == "accept_invalid_certs" {
			e.Disabled = append(e.Disabled, Problem{Key: "sslaccept", Text: "sslaccept=accept_invalid_certs makes Prisma accept any server certificate"})
		} else {
			strict = true
		}
	}
	if c, ok := in.byKey("sslcert"); ok {
		e.CA = "sslcert=" + c.Value
	}
	s, ok := in.byKey("sslmode")
	if !ok {
		return
	}
	if e.decide(s) {
		return
	}
	switch s.Value {
	case "disable", "prefer", "require":
		e.Mode = Mode(s.Value)
	default:
		e.Mode = ModePrefer
		e.Note = fmt.Sprintf("Prisma 6 does not know sslmode=%s and silently uses prefer, without verification", s.Value)
	}
	e.Behavior = d.Modes[e.Mode]
	if strict && e.Mode != ModeDisable {
		e.VerifiesCA, e.VerifiesHost = true, true
	}
}

// resolvePgjdbc follows pgjdbc 42.x (drivers.md §15).
func resolvePgjdbc(d *Driver, in *Input, e *Effect) {
	factory := ""
	if f, ok := in.byKey("sslfactory"); ok {
		factory = f.Value
	}
	if ca, ok := in.byKey("sslrootcert"); ok {
		e.CA = "sslrootcert=" + ca.Value
		if ca.Value == "system" {
			e.invalid("sslrootcert", "pgjdbc has no sslrootcert=system: it opens a file named \"system\" (Could not open SSL root certificate file system)")
			e.Invalid[len(e.Invalid)-1].Fix = &Plan{Text: "Use sslrootcert=/path/to/ca.crt, or sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory for a CA in the JVM truststore."}
		}
	}
	// Only the default LibPQFactory reads sslrootcert or ~/.postgresql/root.crt; any other
	// factory brings its own trust (the JVM truststore, none, sslfactoryarg).
	if factory != "" && !strings.HasSuffix(factory, "LibPQFactory") {
		e.CA = "sslfactory=" + factory
	}
	if s, ok := in.byKey("sslmode"); ok {
		if s.Dynamic {
			e.Dynamic, e.Explicit = true, true
			return
		}
		m, valid := d.validMode(s.Value)
		if !valid {
			e.Explicit, e.Setting, e.SettingKey = true, "sslmode="+s.Value, "sslmode"
			e.invalid("sslmode", "pgjdbc rejects sslmode=%s (Invalid sslmode value)", s.Value)
			return
		}
		e.setMode(d, m, s)
	} else if s, ok := in.byKey("ssl"); ok {
		if e.decide(s) {
			return
		}
		if s.Value == "" || strings.EqualFold(s.Value, "true") {
			e.Mode = ModeVerifyFull
		} else {
			e.Mode = ModePrefer
			e.Note = fmt.Sprintf("pgjdbc reads ssl=%s as sslmode=prefer, not as disable", s.Value)
		}
		e.Behavior = d.Modes[e.Mode]
	}
	if strings.HasSuffix(factory, ".NonValidatingFactory") {
		// The factory replaces the chain check only: with sslmode=verify-full pgjdbc still checks
		// the host name (checked against a real server: a certificate of another CA that
		// names the host connects, one of the right CA for another name is refused), which
		// an attacker's self-made certificate names as easily.
		text := "sslfactory=" + factory + " makes pgjdbc accept a certificate from any CA"
		if e.Mode == ModeVerifyFull {
			text += " (verify-full still checks the host name, which a forged certificate names just as easily)"
		} else {
			e.VerifiesHost = false
		}
		e.Disabled = append(e.Disabled, Problem{Key: "sslfactory", Text: text})
		e.VerifiesCA = false
		if !e.Explicit {
			e.Explicit = true
			e.Setting, e.SettingKey = "sslfactory="+factory, "sslfactory"
			e.Mode, e.Encrypts, e.Fallback = ModePrefer, EncryptMaybe, true
		}
		return
	}
	if e.Explicit && strings.HasSuffix(factory, ".DefaultJavaSSLFactory") && e.Encrypts != EncryptNever {
		// The JVM's default factory always validates the chain; the host name only with verify-full.
		e.VerifiesCA = true
	}
}

// resolveR2DBC follows r2dbc-postgresql 1.x (drivers.md §16).
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
var npgsqlModes = map[string]Mode{
	"disable": ModeDisable, "allow": ModeAllow, "prefer": ModePrefer, "require": ModeRequire,
	"verifyca": ModeVerifyCA, "verifyfull": ModeVerifyFull,
	"0": ModeDisable, "1": ModeAllow, "2": ModePrefer, "3": ModeRequire, "4": ModeVerifyCA, "5": ModeVerifyFull,
}

// NpgsqlSpelling is Npgsql's name for a libpq mode.
func NpgsqlSpelling(m Mode) string {
	switch m {
	case ModeVerifyCA:
		return "VerifyCA"
	case ModeVerifyFull:
		return "VerifyFull"
	}
	s := string(m)
	return strings.ToUpper(s[:1]) + s[1:]
}

// resolveNpgsql follows Npgsql 8–10 (drivers.md §17).
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

// resolveTokio follows tokio-postgres 0.7 and Martin (drivers.md §18, §20).
func resolveTokio(d *Driver, in *Input, e *Effect) {
	for _, key := range []string{"sslrootcert", "sslcert", "sslkey", "sslcrl", "sslpassword", "ssl"} {
		if _, ok := in.byKey(key); ok {
			e.invalid(key, "%s does not know the parameter %s: the connection string fails to parse (UnknownOption)", d.Name, key)
			e.Invalid[len(e.Invalid)-1].Fix = &Plan{Ops: []Op{{Key: key, Remove: true}},
				Text: "Remove " + key + " from the string; configure certificates on the TLS connector instead."}
		}
	}
	s, ok := in.byKey("sslmode")
	if !ok {
		return
	}
	if e.decide(s) {
		return
	}
	switch s.Value {
	case "disable", "prefer", "require":
		e.Mode = Mode(s.Value)
		e.Behavior = d.Modes[e.Mode]
	case "verify-ca", "verify-full":
		if d.ID == Martin {
			// Martin rewrites verify-* to require and applies the check itself.
			e.Mode = Mode(s.Value)
			e.Behavior = libpqModes[e.Mode]
			return
		}
		e.invalid("sslmode", "tokio-postgres knows only disable, prefer and require: sslmode=%s fails to parse (InvalidValue(\"sslmode\")); verification comes from the TLS connector", s.Value)
	default:
		e.invalid("sslmode", "%s rejects sslmode=%s (InvalidValue(\"sslmode\"))", d.Name, s.Value)
	}
	if d.ID == Martin && e.Mode == ModeRequire {
		e.Behavior = libpqModes[ModeRequire]
		if _, ok := in.Env["PGSSLROOTCERT"]; ok {
			e.VerifiesCA = true
		}
	}
	if d.ID == TokioPostgres && e.Mode == ModeRequire {
		e.Note = "verification is done by the TLS connector: postgres-openssl and postgres-native-tls check chain and host name by default"
	}
}

// resolveSqlx follows sqlx 0.8 (drivers.md §19).
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

// resolveAsyncpg follows asyncpg 0.31 (drivers.md §6, §7).
func resolveAsyncpg(d *Driver, in *Input, e *Effect) {
	if in.Syntax == "keyword" {
		e.invalid("", "asyncpg accepts only postgres:// or postgresql:// DSNs: a keyword=value string is rejected (invalid DSN)")
		return
	}
	if resolveSSLContext(d, in, e) {
		return
	}
	if ca, has := caSetting(in, "sslrootcert"); has {
		e.CA = ca.Written + "=" + ca.Value
		if ca.Value == "system" {
			e.invalid(ca.Written, "asyncpg has no sslrootcert=system: it opens a file named \"system\" (FileNotFoundError)")
			e.Invalid[len(e.Invalid)-1].Fix = &Plan{Text: "Use sslrootcert=/path/to/ca.crt, or ssl=True in code for a CA in the system store."}
		}
	}
	var s Setting
	var ok bool
	if in.Via == "sqlalchemy" {
		// SQLAlchemy passes URL query parameters to asyncpg.connect as keyword arguments, and
		// asyncpg.connect has no sslmode argument.
		if bad, has := in.byKey("sslmode"); has {
			e.invalid("sslmode", "SQLAlchemy passes sslmode=%s to asyncpg.connect(), which has no sslmode argument: TypeError: connect() got an unexpected keyword argument 'sslmode'; use ssl= instead", bad.Value)
		}
		s, ok = in.byKey("ssl")
	} else {
		s, ok = in.byKey("sslmode", "ssl")
		if ok && s.Written == "ssl" && in.Syntax == "uri" {
			ok = false
		}
	}
	if !ok {
		modeFromEnv(d, in, e, "PGSSLMODE")
		return
	}
	if e.decide(s) {
		return
	}
	switch s.Value {
	case "True", "true":
		if s.Written == "ssl" && in.Syntax != "uri" {
			// ssl=True: ssl.create_default_context(): system CAs and the host name.
			e.Mode, e.Behavior = ModeVerifyFull, d.Modes[ModeVerifyFull]
			e.CA = "the system store (ssl=True)"
			return
		}
	case "False", "false":
		if s.Written == "ssl" && in.Syntax != "uri" {
			e.Mode, e.Behavior = ModeDisable, d.Modes[ModeDisable]
			return
		}
	}
	// String modes: SSLMode.parse accepts the libpq names, with _ for -, case-sensitively.
	m := Mode(strings.ReplaceAll(s.Value, "_", "-"))
	if _, valid := d.Modes[m]; !valid || strings.ToLower(s.Value) != s.Value {
		e.invalid(s.Written, "asyncpg rejects %s=%s (sslmode parameter must be one of: disable, allow, prefer, require, verify-ca, verify-full)", s.Written, s.Value)
		return
	}
	e.Mode, e.Behavior = m, d.Modes[m]
	if m == ModeRequire && e.CA != "" {
		e.VerifiesCA = true
		e.Note = "with a CA file, asyncpg's require checks the chain (as verify-ca) but not the host name"
	}
}

// nodeTLSEnv reports NODE_TLS_REJECT_UNAUTHORIZED=0 for the drivers that run on Node.js: it
// turns verification off wherever rejectUnauthorized is not set explicitly (drivers.md §8.5).
func nodeTLSEnv(d *Driver, in *Input, e *Effect) {
	if d.Language != "JavaScript" {
		return
	}
	s, ok := in.byKey("NODE_TLS_REJECT_UNAUTHORIZED")
	if !ok {
		if v, has := in.Env["NODE_TLS_REJECT_UNAUTHORIZED"]; has {
			s, ok = Setting{Name: "NODE_TLS_REJECT_UNAUTHORIZED", Written: "NODE_TLS_REJECT_UNAUTHORIZED", Value: v}, true
		}
	}
	if !ok || s.Dynamic || s.Value != "0" {
		return
	}
	e.Disabled = append(e.Disabled, Problem{Key: "NODE_TLS_REJECT_UNAUTHORIZED",
		Text: "NODE_TLS_REJECT_UNAUTHORIZED=0 makes Node.js, and with it " + d.Name + ", accept any server certificate wherever rejectUnauthorized is not set explicitly",
		Fix: &Plan{Ops: []Op{{Key: "NODE_TLS_REJECT_UNAUTHORIZED", Remove: true}},
			Text: "Remove NODE_TLS_REJECT_UNAUTHORIZED=0; for a private CA set NODE_EXTRA_CA_CERTS=/path/to/ca.pem instead."}})
}
