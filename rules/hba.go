package rules

import (
	"fmt"
	"sort"
	"strings"
)

// The pg_hba.conf rules PGTLS101–104. Each check reads one record; the server reads the
// records in order and the first match wins, but every line that matches somebody is a line
// an attacker can aim for, so each record is judged on its own.

// hbaCtx is what every check sees of one record.
type hbaCtx struct {
	r      *HBARecord
	typ    string // connection type as the server compares it: quotes do not matter
	method string
	net    HBANet
	scope  hbaScope
	out    []Finding
}

// EvaluateHBA returns the findings for the records of pg_hba.conf files, ordered by file,
// position, then rule. Start and End are left for Locate.
func EvaluateHBA(recs []HBARecord) []Finding {
	var out []Finding
	for i := range recs {
		out = append(out, evaluateHBARecord(&recs[i])...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Span.Start != b.Span.Start {
			return a.Span.Start < b.Span.Start
		}
		return a.RuleID < b.RuleID
	})
	return out
}

func evaluateHBARecord(r *HBARecord) []Finding {
	c := &hbaCtx{r: r, typ: r.Type.Text, method: r.Method.Text, scope: scopeLocal}
	if c.typ != "local" {
		if r.Address == nil {
			return nil // not a record the server accepts
		}
		net, err := ParseHBANet(*r.Address, r.Mask)
		if err != nil {
			return nil
		}
		c.net, c.scope = net, net.scope()
	}
	for _, d := range rulesIn(ScopeHBA) {
		d.hba(c)
	}
	return c.out
}

// hostType reports whether the record is for TCP connections (host, hostssl, hostnossl,
// hostgssenc, hostnogssenc).
func (c *hbaCtx) hostType() bool { return c.typ != "local" }

// acceptsPlaintext reports whether the record's type matches TCP connections that use no
// encryption: host, hostnossl, and hostnogssenc (which only excludes GSSAPI-encrypted
// connections). hostssl needs TLS; hostgssenc needs GSSAPI encryption, which is encryption
// too (Kerberos-protected, not TLS), so neither accepts plaintext.
func (c *hbaCtx) acceptsPlaintext() bool {
	switch c.typ {
	case "host", "hostnossl", "hostnogssenc":
		return true
	}
	return false
}

// remote reports whether the record admits clients that are not on the server's machine.
func (c *hbaCtx) remote() bool { return c.scope > scopeLoopback }

// report adds a finding of the verdict's rule, with its severity, at the span of field at.
func (c *hbaCtx) report(v verdict, at HBAField, msg string, fix *Fix) {
	r, sev := v.decide()
	if fix != nil {
		for i := range fix.Edits {
			fix.Edits[i].Path = c.r.Path
		}
	}
	c.out = append(c.out, Finding{
		RuleID: r.ID, RuleName: r.Name, Severity: sev, Path: c.r.Path, Span: at.Span,
		Message: msg, Driver: ServerDriver, DriverName: ServerDriverName, Evidence: "pg_hba.conf",
		Fix: fix, Secrets: hbaSecrets(c.r),
	})
}

// replace asks the record's editor for the edits that put text in place of f.
func (c *hbaCtx) replace(f HBAField, text string) []Edit {
	if c.r.Editor == nil {
		return nil
	}
	return c.r.Editor.Replace(f, text)
}

// hbaSecrets are the options that hold secrets (an LDAP bind password, RADIUS shared
// secrets): writers must not print them.
func hbaSecrets(r *HBARecord) []Span {
	var out []Span
	for _, o := range r.Options {
		name, _, _ := strings.Cut(o.Text, "=")
		if name == "ldapbindpasswd" || name == "radiussecrets" {
			out = append(out, o.Span)
		}
	}
	return out
}

// where describes the record's address column for messages.
func (c *hbaCtx) where() string {
	n := c.net
	switch {
	case n.Keyword == "all":
		return "any address (all)"
	case n.Keyword == "samenet":
		return "the server's own subnets (samenet)"
	case n.Keyword == "samehost":
		return "the server's own addresses (samehost)"
	case n.Host != "" && strings.HasPrefix(n.Host, "."):
		return "any host name ending in " + n.Host
	case n.Host != "" || !n.Prefix.IsValid():
		return fmt.Sprintf("host name %q", n.Host)
	}
	p := n.Prefix.Masked().String()
	switch c.scope {
	case scopeWorld:
		if n.Prefix.Addr().Is4() {
			return p + " (every IPv4 address)"
		}
		return p + " (every IPv6 address)"
	case scopePrivate:
		return "the private range " + p
	}
	return p
}

// hbaHostNotHostSSL is PGTLS101: docs/rules.md#pgtls101-hba-host-not-hostssl.
var (
	hbaHostNotHostSSL = register(Rule{
		ID: "PGTLS101", Name: "hba-host-not-hostssl", Severity: SeverityError, SecuritySeverity: "8.1",
		Short: "A pg_hba.conf host or hostnossl line accepts remote connections without TLS",
		Tags:  []string{"security", "tls", "postgresql", "server", "pg_hba", "external/cwe/cwe-319"},
		Levels: []Level{{Reason: "private-range", Severity: SeverityWarning,
			Doc: "The address is a private range (RFC 1918, CGNAT 100.64.0.0/10, link-local, IPv6 unique local and link-local) or samenet."}},
	})
	privateRange = hbaHostNotHostSSL.reason("private-range")
)

func init() { onHBARecords(hbaHostNotHostSSL, checkHBAHostNotHostSSL) }

// checkHBAHostNotHostSSL is PGTLS101 hba-host-not-hostssl.
func checkHBAHostNotHostSSL(c *hbaCtx) {
	if !c.acceptsPlaintext() || c.method == "reject" || !c.remote() {
		return
	}
	var v verdict = hbaHostNotHostSSL
	if c.scope == scopePrivate {
		v = privateRange
	}
	var what, why string
	switch c.typ {
	case "hostnossl":
		what = fmt.Sprintf("This hostnossl line accepts only connections without TLS, from %s.", c.where())
		why = " Every session it admits is plaintext: anyone on the network path reads and changes the traffic."
	case "hostnogssenc":
		what = fmt.Sprintf("This hostnogssenc line accepts connections from %s without TLS (it only turns away GSSAPI-encrypted ones).", c.where())
	default:
		what = fmt.Sprintf("This host line accepts connections from %s without TLS (host matches plaintext and TLS connections alike).", c.where())
	}
	if why == "" {
		why = " A client, or an attacker who strips TLS from its connection, can authenticate and send queries in plaintext."
	}
	if c.scope == scopeNamed {
		what += " A host name says nothing about the network in between."
	}
	msg := what + why + " Use hostssl so that only TLS connections match."
	fix := &Fix{
		Description: "Replace " + c.typ + " with hostssl. hostssl lines need ssl = on with a certificate and key (PGTLS111). " +
			"A plaintext connection that no longer matches falls through to the lines below: make sure none of them accepts it, " +
			"or end the file with hostnossl all all 0.0.0.0/0 reject and hostnossl all all ::/0 reject. " +
			"Clients still need sslmode=verify-full to stop an attacker in the middle.",
		Edits: c.replace(c.r.Type, "hostssl"),
	}
	c.report(v, c.r.Type, msg, fix)
}

// hbaTrustRemote is PGTLS102: docs/rules.md#pgtls102-hba-trust-remote.
var hbaTrustRemote = register(Rule{
	ID: "PGTLS102", Name: "hba-trust-remote", Severity: SeverityError, SecuritySeverity: "9.1",
	Short: "pg_hba.conf trusts remote connections, so anyone who reaches the port logs in without a password",
	Tags:  []string{"security", "postgresql", "server", "pg_hba", "authentication", "external/cwe/cwe-306"},
})

func init() { onHBARecords(hbaTrustRemote, checkHBATrustRemote) }

// checkHBATrustRemote is PGTLS102 hba-trust-remote. The fix has no edit: scram-sha-256 in
// place of trust locks out every role that has no password (or only an MD5 one), which
// needs a person to set them first.
func checkHBATrustRemote(c *hbaCtx) {
	if !c.hostType() || c.method != "trust" || !c.remote() {
		return
	}
	msg := fmt.Sprintf("This %s line trusts every connection from %s: the server asks for no password or certificate. "+
		"Anyone who reaches the port logs in as any role the line names, superusers included, and TLS does not change that. "+
		"Use scram-sha-256, or cert on a hostssl line.", c.typ, c.where())
	fix := &Fix{Description: "Replace trust with scram-sha-256 once every role that connects through this line has a password " +
		"stored as SCRAM (password_encryption = scram-sha-256, the default since PostgreSQL 14, then ALTER ROLE ... PASSWORD " +
		"or psql's \\password). Roles without a password cannot log in after the change, so no automatic edit is offered. " +
		"Where clients have certificates, hostssl ... cert authenticates them instead. Reload the server and check pg_hba_file_rules."}
	c.report(hbaTrustRemote, c.r.Method, msg, fix)
}

// hbaWeakAuth is PGTLS103: docs/rules.md#pgtls103-hba-weak-auth.
var (
	hbaWeakAuth = register(Rule{
		ID: "PGTLS103", Name: "hba-weak-auth", Severity: SeverityWarning, SecuritySeverity: "6.5",
		Short: "pg_hba.conf uses md5 or clear-text password authentication instead of scram-sha-256",
		Tags:  []string{"security", "postgresql", "server", "pg_hba", "authentication", "external/cwe/cwe-523"},
		Levels: []Level{{Reason: "password-without-tls", Severity: SeverityError,
			Doc: "The password method on a line that accepts connections without TLS (host, hostnossl, hostnogssenc) from other machines: anyone on the network path reads the password."}},
	})
	passwordWithoutTLS = hbaWeakAuth.reason("password-without-tls")
)

func init() { onHBARecords(hbaWeakAuth, checkHBAWeakAuth) }

// checkHBAWeakAuth is PGTLS103 hba-weak-auth.
func checkHBAWeakAuth(c *hbaCtx) {
	var v verdict = hbaWeakAuth
	var msg string
	switch c.method {
	case "md5":
		msg = "md5 authentication is deprecated (PostgreSQL 18 deprecates MD5 passwords), and for a role whose password is stored as an MD5 hash that hash is itself enough to log in. " +
			"Anyone who obtains pg_authid, a dump or a backup can connect as those roles without cracking anything (pass-the-hash). " +
			"Use scram-sha-256."
	case "password":
		if c.acceptsPlaintext() && c.remote() {
			v = passwordWithoutTLS
			msg = fmt.Sprintf("password authentication sends the password in clear text, and this %s line accepts connections from %s without TLS. "+
				"Anyone on the network path reads the password. Use scram-sha-256 (and hostssl).", c.typ, c.where())
		} else {
			msg = "password authentication sends the password itself to the server, in clear text inside the connection. " +
				"A client that does not verify the server's certificate hands it to whoever impersonates the server, and the server side sees every password. " +
				"Use scram-sha-256, which proves the password without sending it."
		}
	default:
		return
	}
	fix := &Fix{
		Description: "Replace " + c.method + " with scram-sha-256. A scram-sha-256 line rejects roles whose password is still stored as an MD5 hash " +
			"(an md5 line already uses SCRAM for roles stored as SCRAM, so the switch is safe role by role): first set " +
			"password_encryption = scram-sha-256 (PGTLS113), find the MD5 roles with SELECT rolname FROM pg_authid WHERE rolpassword LIKE 'md5%', " +
			"and set their passwords again (psql's \\password). Clients need libpq 10 or an equally recent driver for SCRAM.",
		Edits: c.replace(c.r.Method, "scram-sha-256"),
	}
	c.report(v, c.r.Method, msg, fix)
}

// hbaOpenToWorld is PGTLS104: docs/rules.md#pgtls104-hba-open-to-world.
var hbaOpenToWorld = register(Rule{
	ID: "PGTLS104", Name: "hba-open-to-world", Severity: SeverityWarning, SecuritySeverity: "5.3",
	Short: "A pg_hba.conf line admits every database and every role from any address",
	Tags:  []string{"security", "postgresql", "server", "pg_hba", "external/cwe/cwe-284"},
})

func init() { onHBARecords(hbaOpenToWorld, checkHBAOpenToWorld) }

// checkHBAOpenToWorld is PGTLS104 hba-open-to-world.
func checkHBAOpenToWorld(c *hbaCtx) {
	if !c.hostType() || c.method == "reject" || c.scope != scopeWorld || !hasAllKeyword(c.r.Databases) || !hasAllKeyword(c.r.Users) {
		return
	}
	at := *c.r.Address
	msg := fmt.Sprintf("This %s line admits every database and every role from %s. "+
		"Every role, superusers and forgotten test roles included, is open to password guessing from anywhere the port is reachable, and one leaked password is enough. "+
		"Narrow the database, role and address columns to what connects through this line.", c.typ, c.where())
	fix := &Fix{Description: "Name the application's database(s), its role(s) or a +group, and the network its clients are in " +
		"(hostssl app app_user 10.20.0.0/16 scram-sha-256). Give administrators a separate line limited to their addresses, " +
		"or let them connect over local. Keep listen_addresses and the firewall as narrow as the lines."}
	c.report(hbaOpenToWorld, at, msg, fix)
}

// hasAllKeyword reports whether a database or role list holds the keyword all (unquoted; a
// quoted "all" names a database or role called all).
func hasAllKeyword(fs []HBAField) bool {
	for _, f := range fs {
		if !f.Quoted && f.Text == "all" {
			return true
		}
	}
	return false
}
