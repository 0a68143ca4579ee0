package rules

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// The client-side rules PGTLS001–011. Each check reads the driver's Effect for the target; the
// facts behind the effects are in the drivers package.

// weakModeText says what an effective mode that can send plaintext does.
func weakModeText(m drivers.Mode) string {
	switch m {
	case drivers.ModeDisable:
		return "never uses TLS"
	case drivers.ModeAllow:
		return "starts without TLS and uses it only if the server insists"
	default:
		return "uses TLS only if the server offers it, falls back to plaintext, and never checks the certificate"
	}
}

// modeRejected reports whether the setting that decided the mode is itself rejected: then
// PGTLS009 says so and the rules about what the mode does stay silent.
func (c *evalCtx) modeRejected() bool {
	for _, p := range c.e.Invalid {
		if p.Key == c.e.SettingKey {
			return true
		}
	}
	// A switch that disables verification and also decides the mode (pgjdbc's
	// NonValidatingFactory alone) is reported once, by PGTLS006, whose fix covers both.
	for _, p := range c.e.Disabled {
		if p.Key == c.e.SettingKey {
			return true
		}
	}
	return false
}

// problemMessage makes a driver's sentence about a setting into a message that names the driver.
func (c *evalCtx) problemMessage(text, fix string) string {
	if !strings.Contains(text, c.driverName) {
		text = c.driverName + ": " + text
	}
	return text + ". " + fix
}

// plaintextAllowed is PGTLS001: docs/rules.md#pgtls001-plaintext-allowed.
var plaintextAllowed = register(Rule{
	ID: "PGTLS001", Name: "plaintext-allowed", Severity: SeverityError, SecuritySeverity: "8.1",
	Short: "The connection can run without TLS and send queries, data and credentials in plaintext",
	Tags:  []string{"security", "tls", "postgresql", "client", "external/cwe/cwe-319"},
})

func init() { onTargets(plaintextAllowed, checkPlaintextAllowed) }

// checkPlaintextAllowed is PGTLS001 plaintext-allowed.
func checkPlaintextAllowed(c *evalCtx) {
	e := c.e
	if !e.Explicit || e.Dynamic || e.Mode == "" || c.loc.local || e.Encrypts == drivers.EncryptAlways || c.modeRejected() {
		return
	}
	msg := fmt.Sprintf("%s (%s) %s", c.setting(), c.driverName, weakModeText(e.Mode))
	msg = c.withNote(msg) + ", so anyone on the network path can read and change the traffic, passwords included. "
	plan := c.secure()
	c.report(plaintextAllowed, c.spanOf(e.SettingKey), msg+plan.Text, plan)
}

// serverNotVerified is PGTLS002: docs/rules.md#pgtls002-server-not-verified.
var (
	serverNotVerified = register(Rule{
		ID: "PGTLS002", Name: "server-not-verified", Severity: SeverityWarning, SecuritySeverity: "7.4",
		Short: "TLS is used but the server certificate is not checked, so the server can be impersonated",
		Tags:  []string{"security", "tls", "postgresql", "client", "external/cwe/cwe-295"},
		Levels: []Level{{Reason: "channel-binding", Severity: SeverityNote,
			Doc: "channel_binding=require (libpq 13+, pgx 5.9+) makes SCRAM authenticate the server, so an impostor cannot complete the login; TLS still does not verify the server."}},
	})
	channelBinding = serverNotVerified.reason("channel-binding")
)

func init() { onTargets(serverNotVerified, checkServerNotVerified) }

// checkServerNotVerified is PGTLS002 server-not-verified.
func checkServerNotVerified(c *evalCtx) {
	e := c.e
	if !e.Explicit || e.Dynamic || c.loc.local || e.Encrypts != drivers.EncryptAlways || e.VerifiesCA || len(e.Disabled) > 0 || c.modeRejected() {
		return
	}
	msg := c.withNote(fmt.Sprintf("%s (%s) encrypts but does not check the server certificate", c.setting(), c.driverName)) +
		", so anyone on the network path can impersonate the server. "
	var v verdict = serverNotVerified
	if e.ChannelBinding {
		v = channelBinding
		msg += "channel_binding=require makes SCRAM authenticate the server, so an impostor cannot complete the login, but the server is still not verified by TLS. "
	}
	plan := c.secure()
	c.report(v, c.spanOf(e.SettingKey), msg+plan.Text, plan)
}

// hostnameNotVerified is PGTLS003: docs/rules.md#pgtls003-hostname-not-verified.
var hostnameNotVerified = register(Rule{
	ID: "PGTLS003", Name: "hostname-not-verified", Severity: SeverityNote, SecuritySeverity: "5.3",
	Short: "verify-ca checks the certificate chain but not that the certificate names this server",
	Tags:  []string{"security", "tls", "postgresql", "client", "external/cwe/cwe-297"},
})

func init() { onTargets(hostnameNotVerified, checkHostnameNotVerified) }

// checkHostnameNotVerified is PGTLS003 hostname-not-verified.
func checkHostnameNotVerified(c *evalCtx) {
	e := c.e
	if !e.Explicit || e.Dynamic || c.loc.local || e.Encrypts != drivers.EncryptAlways || !e.VerifiesCA || e.VerifiesHost || len(e.Disabled) > 0 || c.modeRejected() {
		return
	}
	msg := c.withNote(fmt.Sprintf("%s (%s) checks the certificate chain but not the host name", c.setting(), c.driverName)) +
		", so any server holding a certificate from the same CA can impersonate this one. "
	plan := c.secure()
	msg += plan.Text + " Keep verify-ca only on purpose, for servers reached under names their certificates do not carry (a private per-instance CA)."
	c.report(hostnameNotVerified, c.spanOf(e.SettingKey), msg, plan)
}

// sslModeMissing is PGTLS004: docs/rules.md#pgtls004-sslmode-missing.
var (
	sslModeMissing = register(Rule{
		ID: "PGTLS004", Name: "sslmode-missing", Severity: SeverityWarning, SecuritySeverity: "7.4",
		Short: "A connection to a remote host sets no TLS option, so it gets the driver's weak default",
		Tags:  []string{"security", "tls", "postgresql", "client", "external/cwe/cwe-319"},
		Levels: []Level{{Reason: "no-tls-default", Severity: SeverityError,
			Doc: "The driver's default is no TLS at all, so the connection runs in plaintext."}},
	})
	noTLSDefault = sslModeMissing.reason("no-tls-default")
)

func init() { onTargets(sslModeMissing, checkSSLModeMissing) }

// checkSSLModeMissing is PGTLS004 sslmode-missing. A target whose parameters are open may get
// its mode at run time: the mode is unknown there, not missing.
func checkSSLModeMissing(c *evalCtx) {
	e := c.e
	if c.t.Fragment || c.t.Open || e.Explicit || e.Dynamic || c.loc.local || len(e.Invalid) > 0 || (e.VerifiesCA && e.VerifiesHost && e.Encrypts == drivers.EncryptAlways) {
		return
	}
	var v verdict = sslModeMissing
	if c.d.Modes[c.d.Default].Encrypts == drivers.EncryptNever {
		v = noTLSDefault
	}
	msg := fmt.Sprintf("No TLS setting: %s uses its default, %s, so the server is never verified and an attacker on the path can read the traffic or impersonate the server. ", c.driverName, c.d.DefaultText)
	plan := c.secure()
	c.report(v, c.t.Anchor, msg+plan.Text, plan)
}

// sslRootCertMissing is PGTLS005: docs/rules.md#pgtls005-sslrootcert-missing.
var sslRootCertMissing = register(Rule{
	ID: "PGTLS005", Name: "sslrootcert-missing", Severity: SeverityNote, SecuritySeverity: "3.7",
	Short: "verify-full/verify-ca without a CA fails wherever ~/.postgresql/root.crt does not exist",
	Tags:  []string{"security", "tls", "postgresql", "client", "reliability"},
})

func init() { onTargets(sslRootCertMissing, checkRootCertMissing) }

// checkRootCertMissing is PGTLS005 sslrootcert-missing.
func checkRootCertMissing(c *evalCtx) {
	e := c.e
	if !e.Explicit || e.Dynamic || !c.d.NeedsCAFile || e.CA != "" || c.loc.local || c.t.Open {
		return
	}
	if e.Mode != drivers.ModeVerifyCA && e.Mode != drivers.ModeVerifyFull {
		return
	}
	msg := fmt.Sprintf("%s (%s) verifies the server but names no CA: the connection fails unless ~/.postgresql/root.crt exists, a failure that pushes people back to a mode that does not verify. ", c.setting(), c.driverName)
	text := "Name the CA: sslrootcert=/path/to/ca.crt."
	if c.d.CAOther != "" {
		text = "Name the CA: sslrootcert=/path/to/ca.crt, or " + c.d.CAOther + "."
	}
	c.report(sslRootCertMissing, c.spanOf(e.SettingKey), msg+text, &drivers.Plan{Text: text})
}

// verificationDisabled is PGTLS006: docs/rules.md#pgtls006-verification-disabled.
var verificationDisabled = register(Rule{
	ID: "PGTLS006", Name: "verification-disabled", Severity: SeverityError, SecuritySeverity: "8.1",
	Short: "Certificate verification is switched off explicitly, so any server certificate is accepted",
	Tags:  []string{"security", "tls", "postgresql", "client", "external/cwe/cwe-295"},
})

func init() { onTargets(verificationDisabled, checkVerificationDisabled) }

// checkVerificationDisabled is PGTLS006 verification-disabled. Only an explicitly local host
// silences it: whoever switches verification off is configuring TLS for a server elsewhere.
func checkVerificationDisabled(c *evalCtx) {
	if c.loc.explicit {
		return
	}
	for _, p := range c.e.Disabled {
		plan := c.secure()
		if p.Fix != nil {
			plan = p.Fix
		}
		msg := c.problemMessage(p.Text+"; anyone on the network path can impersonate the server", plan.Text)
		c.report(verificationDisabled, c.pairOf(p.Key), msg, plan)
	}
}

// tlsVersionKeys are the client settings for the TLS version range.
var tlsVersionKeys = map[string]bool{
	"ssl_min_protocol_version": true, "sslminprotocolversion": true,
	"ssl_max_protocol_version": true, "sslmaxprotocolversion": true,
	"pgsslminprotocolversion": true, "pgsslmaxprotocolversion": true,
}

// belowTLS12 reports whether a TLS version name is older than TLS 1.2.
func belowTLS12(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "tlsv1", "tlsv1.0", "tlsv1.1", "sslv3", "sslv2":
		return true
	}
	return false
}

// weakTLSVersion is PGTLS007: docs/rules.md#pgtls007-weak-tls-version.
var weakTLSVersion = register(Rule{
	ID: "PGTLS007", Name: "weak-tls-version", Severity: SeverityError, SecuritySeverity: "7.5",
	Short: "The client allows TLS versions older than 1.2 or caps TLS below 1.2",
	Tags:  []string{"security", "tls", "postgresql", "client", "external/cwe/cwe-327"},
})

func init() { onTargets(weakTLSVersion, checkWeakTLSVersion) }

// checkWeakTLSVersion is PGTLS007 weak-tls-version.
func checkWeakTLSVersion(c *evalCtx) {
	if c.loc.local {
		return
	}
	for _, p := range c.t.Params {
		if !tlsVersionKeys[strings.ToLower(p.Written)] || p.Dynamic || !belowTLS12(p.Value) {
			continue
		}
		var plan drivers.Plan
		var what string
		if strings.Contains(strings.ToLower(p.Written), "max") {
			what = "caps TLS below 1.2"
			plan = drivers.Plan{Ops: []drivers.Op{{Key: p.Written, Remove: true}}, Text: "Remove the cap or raise it to TLSv1.3."}
		} else {
			what = "allows TLS versions older than 1.2"
			plan = drivers.Plan{Ops: []drivers.Op{{Key: p.Written, Value: "TLSv1.2"}}, Text: "Use " + p.Written + "=TLSv1.2 (or TLSv1.3)."}
		}
		msg := fmt.Sprintf("%s=%s (%s) %s, which have known weaknesses and are disabled by current servers. %s", p.Written, p.Value, c.driverName, what, plan.Text)
		c.report(weakTLSVersion, p.Val, msg, &plan)
	}
}

// literalPassword reports whether a password value is a real literal rather than a placeholder,
// a reference or a redaction.
func literalPassword(p Param) bool {
	if p.Dynamic || p.Value == "" || IsDynamic(p.Value) {
		return false
	}
	if strings.Trim(p.Value, "*xX.") == "" || placeholderPassword(p.Value) {
		return false
	}
	return true
}

// placeholderPasswords are the words that stand for a password in examples and templates
// (docs/rules.md#pgtls008-password-in-connection-string): whoever reads them learns nothing,
// compared without case, '_', '-' and spaces.
var placeholderPasswords = map[string]bool{
	"password": true, "passwd": true, "pass": true, "pwd": true, "secret": true,
	"changeme": true, "changeit": true, "replaceme": true, "placeholder": true,
	"example": true, "dummy": true, "redacted": true, "mysecretpassword": true,
}

// placeholderPassword reports whether v is a placeholder word, or an instruction such as
// your_db_password or YOUR_PASSWORD_HERE.
func placeholderPassword(v string) bool {
	w := strings.Map(func(r rune) rune {
		switch r {
		case '_', '-', ' ':
			return -1
		}
		return unicode.ToLower(r)
	}, v)
	return placeholderPasswords[w] || strings.HasPrefix(w, "your") && strings.Contains(w, "pass")
}

// passwordInConnString is PGTLS008: docs/rules.md#pgtls008-password-in-connection-string.
var passwordInConnString = register(Rule{
	ID: "PGTLS008", Name: "password-in-connection-string", Severity: SeverityWarning, SecuritySeverity: "7.5",
	Short: "A literal database password is committed in a connection string or connection settings",
	Tags:  []string{"security", "postgresql", "secrets", "client", "external/cwe/cwe-798"},
})

func init() { onTargets(passwordInConnString, checkPasswordInConnString) }

// checkPasswordInConnString is PGTLS008 password-in-connection-string. The message never holds
// the value.
func checkPasswordInConnString(c *evalCtx) {
	if c.loc.local {
		return
	}
	p, ok := c.t.paramByName("password")
	if !ok || !literalPassword(p) {
		return
	}
	text := "Move the password to a secret store or an environment variable (PGPASSWORD, a .pgpass file, or the driver's password option read from the environment)."
	msg := fmt.Sprintf("The connection settings (%s) hold a literal password; anyone who can read the repository or its history can log in. %s", c.driverName, text)
	c.report(passwordInConnString, p.Val, msg, &drivers.Plan{Text: text})
}

// sslModeInvalid is PGTLS009: docs/rules.md#pgtls009-sslmode-invalid.
var sslModeInvalid = register(Rule{
	ID: "PGTLS009", Name: "sslmode-invalid", Severity: SeverityError, SecuritySeverity: "5.0",
	Short: "The TLS setting is spelled in a way this driver rejects or misreads",
	Tags:  []string{"security", "tls", "postgresql", "client", "correctness"},
})

func init() { onTargets(sslModeInvalid, checkSSLModeInvalid) }

// checkSSLModeInvalid is PGTLS009 sslmode-invalid.
func checkSSLModeInvalid(c *evalCtx) {
	for _, p := range c.e.Invalid {
		plan := p.Fix
		if plan == nil {
			plan = c.secure()
		}
		c.report(sslModeInvalid, c.spanOf(p.Key), c.problemMessage(p.Text, plan.Text), plan)
	}
}

// driverSemanticsChange is PGTLS010: docs/rules.md#pgtls010-driver-semantics-change.
var driverSemanticsChange = register(Rule{
	ID: "PGTLS010", Name: "driver-semantics-change", Severity: SeverityNote, SecuritySeverity: "3.1",
	Short: "node-postgres reads this sslmode as verify-full today; its libpq meaning is weaker",
	Tags:  []string{"security", "tls", "postgresql", "client", "node-postgres"},
})

func init() { onTargets(driverSemanticsChange, checkDriverSemanticsChange) }

// checkDriverSemanticsChange is PGTLS010 driver-semantics-change.
func checkDriverSemanticsChange(c *evalCtx) {
	p := c.e.SemanticsChange
	if p == nil || c.loc.local {
		return
	}
	plan := c.secure()
	c.report(driverSemanticsChange, c.spanOf(p.Key), c.problemMessage(p.Text, plan.Text), plan)
}

// tlsSettingIgnored is PGTLS011: docs/rules.md#pgtls011-tls-setting-ignored.
var tlsSettingIgnored = register(Rule{
	ID: "PGTLS011", Name: "tls-setting-ignored", Severity: SeverityWarning, SecuritySeverity: "6.5",
	Short: "A TLS setting is put where the driver drops it or where it breaks the connection",
	Tags:  []string{"security", "tls", "postgresql", "client", "correctness"},
})

func init() { onTargets(tlsSettingIgnored, checkTLSSettingIgnored) }

// checkTLSSettingIgnored is PGTLS011 tls-setting-ignored.
func checkTLSSettingIgnored(c *evalCtx) {
	for _, p := range c.e.Ignored {
		plan := p.Fix
		if plan == nil {
			plan = &drivers.Plan{Ops: []drivers.Op{{Key: p.Key, Remove: true}}, Text: "Remove " + p.Key + " from the connection string."}
		}
		c.report(tlsSettingIgnored, c.pairOf(p.Key), c.problemMessage(p.Text, plan.Text), plan)
	}
}
