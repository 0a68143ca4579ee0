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
	// (ViaSQLAlchemy: SQLAlchemy passes URL query parameters to asyncpg as keyword arguments).
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

// decideBy is decide for the first of keys the input sets: it returns that setting when its
// value is known now, and false when the input sets none of keys or the value is only known
// at run time.
func (e *Effect) decideBy(in *Input, keys ...string) (Setting, bool) {
	s, ok := in.byKey(keys...)
	if !ok || e.decide(s) {
		return Setting{}, false
	}
	return s, true
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

// Resolve works out what driver d does with in: the entry's resolver, after the variables
// every driver on Node.js reads.
func (d *Driver) Resolve(in Input) Effect {
	var e Effect
	nodeTLSEnv(d, &in, &e)
	d.resolve(d, &in, &e)
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
