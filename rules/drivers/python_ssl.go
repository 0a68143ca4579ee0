package drivers

// Python code can give asyncpg (directly, or through SQLAlchemy's connect_args) an
// ssl.SSLContext instead of a mode: asyncpg then uses the context as given (docs/drivers.md#asyncpg), so
// what decides verification is the context's check_hostname and verify_mode. The Python analyzer
// describes such a context with the settings below.

const (
	// SSLContextValue is the value of the ssl setting when it is an ssl.SSLContext made in code
	// (ssl.create_default_context(), ssl.SSLContext(PROTOCOL_TLS_CLIENT)): both verify the chain
	// and the host name unless told otherwise.
	SSLContextValue = "<ssl.SSLContext>"
	// SSLCheckHostname is the Setting name of an assignment ctx.check_hostname = True/False on
	// that context; its value is "True" or "False".
	SSLCheckHostname = "ssl.check_hostname"
	// SSLVerifyMode is the Setting name of an assignment ctx.verify_mode = ssl.CERT_...; its
	// value is the constant's name ("CERT_NONE").
	SSLVerifyMode = "ssl.verify_mode"
)

// resolveSSLContext works out what asyncpg does with an SSLContext given as its ssl argument;
// false when the ssl setting is not one.
func resolveSSLContext(d *Driver, in *Input, e *Effect) bool {
	s, ok := in.byKey("ssl")
	if !ok || s.Value != SSLContextValue {
		return false
	}
	e.Explicit, e.Setting, e.SettingKey = true, "ssl=<ssl.SSLContext>", s.Written
	e.CA = "the SSLContext's CA certificates"
	hostOff, verifyOff := false, false
	ch, hasCh := in.byName(SSLCheckHostname)
	vm, hasVM := in.byName(SSLVerifyMode)
	if (hasCh && ch.Dynamic) || (hasVM && vm.Dynamic) {
		e.Dynamic = true
		return true
	}
	if hasVM && vm.Value == "CERT_NONE" {
		verifyOff = true
		e.Disabled = append(e.Disabled, Problem{Key: vm.Written,
			Text: "an ssl.SSLContext with verify_mode = ssl.CERT_NONE given to " + d.Name + " accepts any server certificate",
			Fix: &Plan{Ops: []Op{{Key: vm.Written, Value: "CERT_REQUIRED"}},
				Text: "Set verify_mode = ssl.CERT_REQUIRED (the default of ssl.create_default_context()) and load the server's CA with cafile=... if it is private."}})
	}
	if hasCh && ch.Value == "False" {
		hostOff = true
		e.Disabled = append(e.Disabled, Problem{Key: ch.Written,
			Text: "an ssl.SSLContext with check_hostname = False given to " + d.Name + " does not check that the certificate names the server",
			Fix: &Plan{Ops: []Op{{Key: ch.Written, Value: "True"}},
				Text: "Set check_hostname = True (the default of ssl.create_default_context()) and connect with the host name the certificate carries."}})
	}
	switch {
	case verifyOff:
		e.Mode, e.Behavior = ModeRequire, Behavior{Encrypts: EncryptAlways}
	case hostOff:
		e.Mode, e.Behavior = ModeVerifyCA, Behavior{Encrypts: EncryptAlways, VerifiesCA: true}
	default:
		e.Mode, e.Behavior = ModeVerifyFull, d.Modes[ModeVerifyFull]
	}
	return true
}

// asyncpgKwargsFix is the fix when asyncpg's mode comes from its ssl keyword argument:
// asyncpg.connect has no sslmode argument, so the mode is set there, as a string.
func asyncpgKwargsFix(in Input, e Effect, ops []Op, text string) ([]Op, string) {
	if in.Syntax != "kwargs" || (e.SettingKey != "ssl" && e.SettingKey != "") {
		return ops, text
	}
	return []Op{{Key: "ssl", Value: string(ModeVerifyFull)}},
		"Use ssl=\"verify-full\", or ssl=ssl.create_default_context(cafile=...), or ssl=True for a CA in the system store."
}
