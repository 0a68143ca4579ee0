package rules

import (
	"fmt"
	"strings"

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

// checkPlaintextAllowed is PGTLS001 plaintext-allowed.
func checkPlaintextAllowed(c *evalCtx) {
	e := c.e
	if !e.Explicit || e.Dynamic || e.Mode == "" || c.loc.local || e.Encrypts == drivers.EncryptAlways || c.modeRejected() {
		return
	}
	msg := fmt.Sprintf("%s (%s) %s", c.setting(), c.driverName, weakModeText(e.Mode))
	msg = c.withNote(msg) + ", so anyone on the network path can read and change the traffic, passwords included. "
	plan := c.secure()
	c.report("PGTLS001", "", c.spanOf(e.SettingKey), msg+plan.Text, plan)
}

// checkServerNotVerified is PGTLS002 server-not-verified.
func checkServerNotVerified(c *evalCtx) {
	e := c.e
	if !e.Explicit || e.Dynamic || c.loc.local || e.Encrypts != drivers.EncryptAlways || e.VerifiesCA || len(e.Disabled) > 0 || c.modeRejected() {
		return
	}
	msg := c.withNote(fmt.Sprintf("%s (%s) encrypts but does not check the server certificate", c.setting(), c.driverName)) +
		", so anyone on the network path can impersonate the server. "
	sev := Severity("")
	if e.ChannelBinding {
		sev = SeverityNote
		msg += "channel_binding=require makes SCRAM authenticate the server, so an impostor cannot complete the login, but the server is still not verified by TLS. "
	}
	plan := c.secure()
	c.report("PGTLS002", sev, c.spanOf(e.SettingKey), msg+plan.Text, plan)
}

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
	c.report("PGTLS003", "", c.spanOf(e.SettingKey), msg, plan)
}

// checkSSLModeMissing is PGTLS004 sslmode-missing.
func checkSSLModeMissing(c *evalCtx) {
	e := c.e
	if c.t.Fragment || e.Explicit || e.Dynamic || c.loc.local || len(e.Invalid) > 0 || (e.VerifiesCA && e.VerifiesHost && e.Encrypts == drivers.EncryptAlways) {
		return
	}
	sev := SeverityWarning
	if c.d.Modes[c.d.Default].Encrypts == drivers.EncryptNever {
		sev = SeverityError
	}
	msg := fmt.Sprintf("No TLS setting: %s uses its default, %s, so the server is never verified and an attacker on the path can read the traffic or impersonate the server. ", c.driverName, c.d.DefaultText)
	plan := c.secure()
	c.report("PGTLS004", sev, c.t.Anchor, msg+plan.Text, plan)
}

// checkRootCertMissing is PGTLS005 sslrootcert-missing.
func checkRootCertMissing(c *evalCtx) {
	e := c.e
	if !e.Explicit || e.Dynamic || !c.d.NeedsCAFile || e.CA != "" || c.loc.local {
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
	c.report("PGTLS005", "", c.spanOf(e.SettingKey), msg+text, &drivers.Plan{Text: text})
}

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
		c.report("PGTLS006", "", c.pairOf(p.Key), msg, plan)
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
		c.report("PGTLS007", "", p.Val, msg, &plan)
	}
}

// literalPassword reports whether a password value is a real literal rather than a placeholder,
// a reference or a redaction.
func literalPassword(p Param) bool {
	if p.Dynamic || p.Value == "" || IsDynamic(p.Value) {
		return false
	}
	if strings.Trim(p.Value, "*xX.") == "" {
		return false
	}
	return true
}

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
	c.report("PGTLS008", "", p.Val, msg, &drivers.Plan{Text: text})
}

// checkSSLModeInvalid is PGTLS009 sslmode-invalid.
func checkSSLModeInvalid(c *evalCtx) {
	for _, p := range c.e.Invalid {
		plan := p.Fix
		if plan == nil {
			plan = c.secure()
		}
		c.report("PGTLS009", "", c.spanOf(p.Key), c.problemMessage(p.Text, plan.Text), plan)
	}
}

// checkDriverSemanticsChange is PGTLS010 driver-semantics-change.
func checkDriverSemanticsChange(c *evalCtx) {
	p := c.e.SemanticsChange
	if p == nil || c.loc.local {
		return
	}
	plan := c.secure()
	c.report("PGTLS010", "", c.spanOf(p.Key), c.problemMessage(p.Text, plan.Text), plan)
}

// checkTLSSettingIgnored is PGTLS011 tls-setting-ignored.
func checkTLSSettingIgnored(c *evalCtx) {
	for _, p := range c.e.Ignored {
		plan := p.Fix
		if plan == nil {
			plan = &drivers.Plan{Ops: []drivers.Op{{Key: p.Key, Remove: true}}, Text: "Remove " + p.Key + " from the connection string."}
		}
		c.report("PGTLS011", "", c.pairOf(p.Key), c.problemMessage(p.Text, plan.Text), plan)
	}
}
