package rules

import (
	"path"
	"sort"
	"strings"
)

// EvaluateServer returns the findings of rules PGTLS111, 112, 113 and 121 for the settings one
// file (or command line, or container environment) gives a PostgreSQL server, ordered by
// position then rule. Only the effective setting of each name is judged (the last one written:
// the server reads the file top to bottom and a later line overrides an earlier one), and the
// finding sits on it. Values are read the way the server reads them: booleans with parse_bool's
// prefixes, enums case-insensitively in ASCII only. A value the server would reject is not this
// rule set's business: the server refuses it, so it never takes effect.
func EvaluateServer(c *ServerConfig) []Finding {
	if c == nil || c.Local {
		return nil
	}
	e := &serverEval{c: c, last: effectiveSettings(c)}
	// The image's environment holds variables, not server parameters: its own rules read it.
	scope := ScopeServer
	if c.Origin == OriginContainerEnv {
		scope = ScopeContainer
	}
	for _, d := range rulesIn(scope) {
		d.server(e)
	}
	sort.SliceStable(e.out, func(i, j int) bool {
		if e.out[i].Span.Start != e.out[j].Span.Start {
			return e.out[i].Span.Start < e.out[j].Span.Start
		}
		return e.out[i].RuleID < e.out[j].RuleID
	})
	return e.out
}

// serverEval is what the server checks see of one configuration.
type serverEval struct {
	c    *ServerConfig
	last map[string]*ServerSetting // the effective setting of each name
	out  []Finding
}

// effectiveSettings maps each name to its last setting. Parameter names are case-insensitive
// (guc_name_compare); environment variable names are not.
func effectiveSettings(c *ServerConfig) map[string]*ServerSetting {
	m := make(map[string]*ServerSetting, len(c.Settings))
	for i := range c.Settings {
		s := &c.Settings[i]
		m[settingKey(c.Origin, s.Name)] = s
	}
	return m
}

func settingKey(o ServerOrigin, name string) string {
	if o == OriginContainerEnv {
		return name
	}
	return asciiLower(name)
}

func (e *serverEval) get(name string) *ServerSetting {
	return e.last[settingKey(e.c.Origin, name)]
}

// serverSSLOff is PGTLS111: docs/rules.md#pgtls111-server-ssl-off.
var serverSSLOff = register(Rule{
	ID: "PGTLS111", Name: "server-ssl-off", Severity: SeverityError, SecuritySeverity: "8.1",
	Short: "The PostgreSQL server has TLS switched off while it accepts network connections",
	Tags:  []string{"security", "tls", "postgresql", "server", "postgresql.conf", "external/cwe/cwe-319"},
})

func init() { onServerSettings(serverSSLOff, (*serverEval).checkSSLOff) }

// checkSSLOff is PGTLS111 server-ssl-off: ssl switched off, or left at its default (off) in a
// complete postgresql.conf whose listen_addresses reaches the network.
func (e *serverEval) checkSSLOff() {
	ssl := e.get("ssl")
	if ssl != nil {
		if on, ok := pgParseBool(ssl.Value); ok && !on {
			e.report(serverSSLOff, ssl.Val, e.written(ssl)+" switches TLS off on the PostgreSQL server. Every TCP connection to it is then plaintext: passwords and data can be read and changed on the network, and clients with sslmode=require or verify-full cannot connect. "+sslOnAdvice+".", sslFix())
		}
		return
	}
	// Without the whole file, ssl may be set elsewhere (an included file, ALTER SYSTEM).
	la := e.get("listen_addresses")
	if !e.c.Complete || la == nil || listenIsLocal(la.Value) {
		return
	}
	e.report(serverSSLOff, la.Val, e.written(la)+" accepts TCP connections from the network while ssl is not set (its default is off). The PostgreSQL server then serves every connection in plaintext: passwords and data can be read and changed on the network. "+sslOnAdvice+", or listen on localhost only.", sslFix())
}

const sslOnAdvice = "Set ssl = on with ssl_cert_file and ssl_key_file naming the server's certificate and key"

// sslFix has no edit: ssl = on without a certificate and key that the server can read stops it
// from starting (be_tls_init reports FATAL at startup; on a reload it keeps running without TLS).
func sslFix() *Fix {
	return &Fix{Description: "Set ssl = on, with ssl_cert_file and ssl_key_file pointing at the server's certificate and private key " +
		"(by default server.crt and server.key in the data directory). Install them first: a server started with ssl = on " +
		"and no readable certificate or key refuses to start, and the key must be readable only by the server's user " +
		"(mode 0600, or 0640 owned by root). Use a certificate whose name matches what clients connect to, signed by a CA " +
		"the clients trust, so that they can use sslmode=verify-full. ssl takes effect on a reload. Then change host lines " +
		"in pg_hba.conf to hostssl (PGTLS101)."}
}

// serverWeakTLSVersion is PGTLS112: docs/rules.md#pgtls112-server-weak-tls-version.
var serverWeakTLSVersion = register(Rule{
	ID: "PGTLS112", Name: "server-weak-tls-version", Severity: SeverityError, SecuritySeverity: "7.5",
	Short: "The server accepts TLS versions older than 1.2",
	Tags:  []string{"security", "tls", "postgresql", "server", "postgresql.conf", "external/cwe/cwe-327"},
})

func init() { onServerSettings(serverWeakTLSVersion, (*serverEval).checkTLSVersions) }

// checkTLSVersions is PGTLS112 server-weak-tls-version: a minimum below TLS 1.2, or a maximum
// that caps every connection below it. The empty value means no limit; it is valid only for
// the maximum (the minimum's enum omits it), so it is never weak.
func (e *serverEval) checkTLSVersions() {
	if s := e.get("ssl_min_protocol_version"); s != nil && tlsBelow12(s.Value) {
		e.report(serverWeakTLSVersion, s.Val, e.written(s)+" lets the PostgreSQL server accept "+tlsAccepts(s.Value)+" connections. "+tlsDeprecated(s.Value)+" Set ssl_min_protocol_version = 'TLSv1.2' (the default since PostgreSQL 13), or 'TLSv1.3' when every client supports it.",
			e.fixWith(s, "TLSv1.2", "Set ssl_min_protocol_version = 'TLSv1.2', or 'TLSv1.3' when every client supports TLS 1.3, or remove the line on PostgreSQL 13 and later. Before raising the minimum, check the version column of pg_stat_ssl for what clients actually use."))
	}
	if s := e.get("ssl_max_protocol_version"); s != nil && tlsBelow12(s.Value) {
		e.report(serverWeakTLSVersion, s.Val, e.written(s)+" caps every TLS connection to the PostgreSQL server at "+tlsName(s.Value)+". That version is deprecated (RFC 8996) and relies on outdated constructions, and clients that require TLS 1.2 cannot connect at all. Remove the cap: ssl_max_protocol_version = '' (the default, no maximum).",
			e.fixWith(s, "", "Set ssl_max_protocol_version = '' (no maximum, the default) or remove the line; a maximum of 'TLSv1.3' also works where the server's OpenSSL supports it."))
	}
}

// tlsBelow12 is true for the server's enum values below TLS 1.2, matched as
// config_enum_lookup_by_name does (pg_strcasecmp: ASCII case folding, no trimming).
func tlsBelow12(v string) bool {
	return asciiEqualFold(v, "TLSv1") || asciiEqualFold(v, "TLSv1.1")
}

func tlsName(v string) string {
	if asciiEqualFold(v, "TLSv1") {
		return "TLS 1.0"
	}
	return "TLS 1.1"
}

func tlsDeprecated(v string) string {
	if asciiEqualFold(v, "TLSv1") {
		return "Both versions are deprecated (RFC 8996) and rely on outdated constructions."
	}
	return "TLS 1.1 is deprecated (RFC 8996) and relies on outdated constructions."
}

func tlsAccepts(v string) string {
	if asciiEqualFold(v, "TLSv1") {
		return "TLS 1.0 and 1.1"
	}
	return "TLS 1.1"
}

// serverMD5Passwords is PGTLS113: docs/rules.md#pgtls113-server-md5-passwords.
var serverMD5Passwords = register(Rule{
	ID: "PGTLS113", Name: "server-md5-passwords", Severity: SeverityWarning, SecuritySeverity: "5.3",
	Short: "The server stores new passwords as MD5 hashes instead of SCRAM",
	Tags:  []string{"security", "postgresql", "server", "postgresql.conf", "authentication", "external/cwe/cwe-328"},
})

func init() { onServerSettings(serverMD5Passwords, (*serverEval).checkMD5Passwords) }

// checkMD5Passwords is PGTLS113 server-md5-passwords. PostgreSQL 10 to 13 also read on, true,
// yes and 1 as md5 (hidden enum aliases, matched case-insensitively but not as prefixes);
// PostgreSQL 14 removed them and rejects those values.
func (e *serverEval) checkMD5Passwords() {
	s := e.get("password_encryption")
	if s == nil {
		return
	}
	var what string
	switch {
	case asciiEqualFold(s.Value, "md5"):
		what = e.written(s) + " makes the PostgreSQL server store every new or changed password as an MD5 hash"
	case asciiEqualFold(s.Value, "on"), asciiEqualFold(s.Value, "true"), asciiEqualFold(s.Value, "yes"), s.Value == "1":
		what = e.written(s) + " means md5 on PostgreSQL 10 to 13 (14 and later reject the value), so the server stores every new or changed password as an MD5 hash"
	default:
		return
	}
	e.report(serverMD5Passwords, s.Val, what+". Such a hash is enough to log in wherever md5 authentication is allowed (pass-the-hash), and roles with MD5 passwords cannot log in on scram-sha-256 lines of pg_hba.conf. Set password_encryption = 'scram-sha-256' (the default since PostgreSQL 14).",
		e.fixWith(s, "scram-sha-256", "Set password_encryption = 'scram-sha-256' and reload. Existing MD5 hashes are not converted: each stays MD5 until that password is set again, and until then it still works on md5 lines of pg_hba.conf but fails on scram-sha-256 lines. Find them with SELECT rolname FROM pg_authid WHERE rolpassword LIKE 'md5%'; and set those passwords again (psql \\password ROLE), then switch pg_hba.conf md5 lines to scram-sha-256 (md5 lines already use SCRAM for roles with SCRAM passwords). Clients need SCRAM support (libpq 10 or later; current drivers all have it)."))
}

// containerTrustAuth is PGTLS121: docs/rules.md#pgtls121-container-trust-auth.
var containerTrustAuth = register(Rule{
	ID: "PGTLS121", Name: "container-trust-auth", Severity: SeverityError, SecuritySeverity: "9.1",
	Short: "POSTGRES_HOST_AUTH_METHOD=trust lets anyone who reaches the container log in without a password",
	Tags:  []string{"security", "postgresql", "server", "container", "authentication", "external/cwe/cwe-306"},
})

func init() { onContainerEnv(containerTrustAuth, (*serverEval).checkContainerTrust) }

// checkContainerTrust is PGTLS121 container-trust-auth. The official image's entrypoint writes
// the variable's value into pg_hba.conf as the method of "host all all all", and the server
// compares method names case-sensitively (hba.c strcmp), so only "trust" itself means trust:
// "TRUST" is an invalid method and the server does not start.
func (e *serverEval) checkContainerTrust() {
	s := e.get("POSTGRES_HOST_AUTH_METHOD")
	// The image writes the value into a pg_hba.conf line, whose tokenizer drops the blanks
	// around it.
	if s == nil || strings.Trim(s.Value, " \t") != "trust" {
		return
	}
	e.report(containerTrustAuth, s.Val, e.written(s)+" in the postgres image environment makes the official image write host all all all trust into pg_hba.conf. Anyone who reaches the container's port then connects as any role, the superuser included, without a password. Give the superuser a password from a secret (POSTGRES_PASSWORD_FILE) and set POSTGRES_HOST_AUTH_METHOD=scram-sha-256, or leave it unset.",
		&Fix{Description: "Give the superuser a password from a secret (POSTGRES_PASSWORD_FILE, or a Kubernetes Secret in POSTGRES_PASSWORD via secretKeyRef) and set POSTGRES_HOST_AUTH_METHOD=scram-sha-256, or leave it unset with a password. For a local development database, publish the port on 127.0.0.1 only. The variable is read only when the data directory is initialised: for an existing volume, also change the trust line in its pg_hba.conf and reload."})
}

// fixWith is a fix that sets s to v when the analyzer can edit it.
func (e *serverEval) fixWith(s *ServerSetting, v, desc string) *Fix {
	fx := &Fix{Description: desc}
	if s.SetValue != nil {
		edits := s.SetValue(v)
		for i := range edits {
			edits[i].Path = e.c.Path
		}
		fx.Edits = edits
	}
	return fx
}

// report adds a finding of the verdict's rule, with its severity, at span.
func (e *serverEval) report(v verdict, at Span, msg string, fix *Fix) {
	r, sev := v.decide()
	e.out = append(e.out, Finding{
		RuleID: r.ID, RuleName: r.Name, Severity: sev, Path: e.c.Path, Span: at,
		Message: msg, Driver: ServerDriver, DriverName: ServerDriverName,
		Evidence: string(e.c.Origin), Fix: fix,
	})
}

// written shows a setting as its origin spells it, and where it is.
func (e *serverEval) written(s *ServerSetting) string {
	v := s.Value
	if v == "" || strings.ContainsAny(v, " \t'\",") {
		v = "'" + strings.ReplaceAll(v, "'", "''") + "'"
	}
	switch e.c.Origin {
	case OriginAlterSystem:
		return "ALTER SYSTEM SET " + s.Name + " = " + v
	case OriginCommandLine:
		// Not "-c name=value": the option may be spelled --name=value, -i, -l or -h.
		return s.Name + "=" + v + " on the postgres command line"
	case OriginContainerEnv:
		return s.Name + "=" + v
	}
	file := string(OriginConfFile)
	if e.c.Path != "" {
		file = path.Base(strings.ReplaceAll(e.c.Path, "\\", "/"))
	}
	return s.Name + " = " + v + " in " + file
}

// pgParseBool reads a boolean as the server's parse_bool does (src/backend/utils/adt/bool.c):
// true, false, yes, no, on, off, 1, 0 and unique prefixes of the words, in any ASCII case, with
// no surrounding blanks; "o" alone is ambiguous. ok is false for anything else.
func pgParseBool(v string) (val, ok bool) {
	if v == "" {
		return false, false
	}
	switch v[0] {
	case 't', 'T':
		return true, asciiPrefixFold(v, "true")
	case 'f', 'F':
		return false, asciiPrefixFold(v, "false")
	case 'y', 'Y':
		return true, asciiPrefixFold(v, "yes")
	case 'n', 'N':
		return false, asciiPrefixFold(v, "no")
	case 'o', 'O':
		if len(v) < 2 {
			return false, false
		}
		if asciiPrefixFold(v, "on") {
			return true, true
		}
		return false, asciiPrefixFold(v, "off")
	case '1':
		return true, len(v) == 1
	case '0':
		return false, len(v) == 1
	}
	return false, false
}

// asciiPrefixFold reports whether v is a prefix of word, ignoring ASCII case only: the server's
// pg_strncasecmp does not fold non-ASCII letters (strings.EqualFold would take "ſ" for "s").
func asciiPrefixFold(v, word string) bool {
	return len(v) <= len(word) && asciiEqualFold(v, word[:len(v)])
}

func asciiEqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if asciiLowerByte(a[i]) != asciiLowerByte(b[i]) {
			return false
		}
	}
	return true
}

func asciiLowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		b[i] = asciiLowerByte(c)
	}
	return string(b)
}

// listenIsLocal reports whether listen_addresses accepts connections only on the machine
// itself: every item is localhost or a loopback address, or the list is empty (Unix sockets
// only). The list is split as the postmaster's SplitGUCList does: comma-separated, blanks
// around items ignored, double quotes allowed. A list the server cannot split stops it from
// starting, so it is treated as local: no connection reaches such a server.
func listenIsLocal(v string) bool {
	items, ok := splitGUCList(v)
	if !ok {
		return true
	}
	for _, it := range items {
		if !listenItemIsLocal(it) {
			return false
		}
	}
	return true
}

func listenItemIsLocal(it string) bool {
	return isLoopbackName(strings.ToLower(it))
}

// splitGUCList splits a list-valued parameter like SplitGUCList (src/backend/utils/adt/varlena.c):
// items separated by commas, whitespace around them skipped, "double quoted" items with ""
// for a quote. An empty string is an empty list; an empty item is a syntax error.
func splitGUCList(s string) ([]string, bool) {
	var items []string
	i := skipGUCSpace(s, 0)
	if i == len(s) {
		return nil, true
	}
	for {
		item, next, ok := gucListItem(s, i)
		if !ok {
			return nil, false
		}
		items = append(items, item)
		i = skipGUCSpace(s, next)
		if i == len(s) {
			return items, true
		}
		if s[i] != ',' {
			return nil, false
		}
		i = skipGUCSpace(s, i+1)
	}
}

// gucListItem reads one item starting at i and returns it and the offset after it.
func gucListItem(s string, i int) (string, int, bool) {
	if i < len(s) && s[i] == '"' {
		var b strings.Builder
		for j := i + 1; j < len(s); j++ {
			if s[j] != '"' {
				b.WriteByte(s[j])
				continue
			}
			if j+1 < len(s) && s[j+1] == '"' {
				b.WriteByte('"')
				j++
				continue
			}
			return b.String(), j + 1, true
		}
		return "", 0, false // unterminated quote
	}
	j := i
	for j < len(s) && s[j] != ',' && !isGUCSpace(s[j]) {
		j++
	}
	return s[i:j], j, j > i
}

func skipGUCSpace(s string, i int) int {
	for i < len(s) && isGUCSpace(s[i]) {
		i++
	}
	return i
}

// isGUCSpace is scanner_isspace: the blanks the server's list splitting skips.
func isGUCSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}
