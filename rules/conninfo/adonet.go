package conninfo

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// adoKind is the .NET type of an NpgsqlConnectionStringBuilder property; it decides which
// values the builder accepts.
type adoKind int

const (
	adoString adoKind = iota
	adoInt
	adoBool
	adoEnum
)

// adoProperty is one connection string property of NpgsqlConnectionStringBuilder.
type adoProperty struct {
	display  string   // [DisplayName], the canonical key ("SSL Mode")
	property string   // C# property name, also accepted as a key ("SslMode")
	synonyms []string // [NpgsqlConnectionStringProperty(...)]
	name     string   // Param.Name: the libpq keyword of the same meaning, or display lower-cased without spaces
	kind     adoKind
	enum     []string // members in declaration order, for adoEnum
}

// adoProperties is NpgsqlConnectionStringBuilder's property list (npgsql/npgsql @ 3cb5804b,
// src/Npgsql/NpgsqlConnectionStringBuilder.cs). Keys match after ToUpperInvariant against the
// display name, the property name or a synonym, so "SSL Mode", "sslmode" and "SslMode" are one
// key and "SSL_Mode" is none.
var adoProperties = []adoProperty{
	{display: "Host", property: "Host", synonyms: []string{"Server"}, name: "host"},
	{display: "Port", property: "Port", name: "port", kind: adoInt},
	{display: "Database", property: "Database", synonyms: []string{"DB"}, name: "dbname"},
	{display: "Username", property: "Username", synonyms: []string{"User Name", "UserId", "User Id", "UID"}, name: "user"},
	{display: "Password", property: "Password", synonyms: []string{"PSW", "PWD"}, name: "password"},
	{display: "Passfile", property: "Passfile", name: "passfile"},
	{display: "Application Name", property: "ApplicationName", name: "application_name"},
	{display: "Enlist", property: "Enlist", name: "enlist", kind: adoBool},
	{display: "Search Path", property: "SearchPath", name: "searchpath"},
	{display: "Client Encoding", property: "ClientEncoding", name: "client_encoding"},
	{display: "Encoding", property: "Encoding", name: "encoding"},
	{display: "Timezone", property: "Timezone", name: "timezone"},
	{display: "SSL Mode", property: "SslMode", name: "sslmode", kind: adoEnum,
		enum: []string{"Disable", "Allow", "Prefer", "Require", "VerifyCA", "VerifyFull"}},
	{display: "SSL Negotiation", property: "SslNegotiation", name: "sslnegotiation", kind: adoEnum,
		enum: []string{"Postgres", "Direct"}},
	{display: "GSS Encryption Mode", property: "GssEncryptionMode", name: "gssencmode", kind: adoEnum,
		enum: []string{"Disable", "Prefer", "Require"}},
	{display: "SSL Certificate", property: "SslCertificate", name: "sslcert"},
	{display: "SSL Key", property: "SslKey", name: "sslkey"},
	{display: "SSL Password", property: "SslPassword", name: "sslpassword"},
	{display: "Root Certificate", property: "RootCertificate", name: "sslrootcert"},
	{display: "Check Certificate Revocation", property: "CheckCertificateRevocation", name: "checkcertificaterevocation", kind: adoBool},
	{display: "Kerberos Service Name", property: "KerberosServiceName", synonyms: []string{"Krbsrvname"}, name: "krbsrvname"},
	{display: "Include Realm", property: "IncludeRealm", name: "includerealm", kind: adoBool},
	{display: "Persist Security Info", property: "PersistSecurityInfo", name: "persistsecurityinfo", kind: adoBool},
	{display: "Log Parameters", property: "LogParameters", name: "logparameters", kind: adoBool},
	{display: "Include Error Detail", property: "IncludeErrorDetail", name: "includeerrordetail", kind: adoBool},
	{display: "Include Failed Batched Command", property: "IncludeFailedBatchedCommand", name: "includefailedbatchedcommand", kind: adoBool},
	{display: "Channel Binding", property: "ChannelBinding", name: "channel_binding", kind: adoEnum,
		enum: []string{"Disable", "Prefer", "Require"}},
	{display: "Require Auth", property: "RequireAuth", name: "require_auth"},
	{display: "Pooling", property: "Pooling", name: "pooling", kind: adoBool},
	{display: "Minimum Pool Size", property: "MinPoolSize", name: "minimumpoolsize", kind: adoInt},
	{display: "Maximum Pool Size", property: "MaxPoolSize", name: "maximumpoolsize", kind: adoInt},
	{display: "Connection Idle Lifetime", property: "ConnectionIdleLifetime", name: "connectionidlelifetime", kind: adoInt},
	{display: "Connection Pruning Interval", property: "ConnectionPruningInterval", name: "connectionpruninginterval", kind: adoInt},
	{display: "Connection Lifetime", property: "ConnectionLifetime", synonyms: []string{"Load Balance Timeout"}, name: "connectionlifetime", kind: adoInt},
	{display: "Timeout", property: "Timeout", name: "connect_timeout", kind: adoInt},
	{display: "Command Timeout", property: "CommandTimeout", name: "commandtimeout", kind: adoInt},
	{display: "Cancellation Timeout", property: "CancellationTimeout", name: "cancellationtimeout", kind: adoInt},
	{display: "Target Session Attributes", property: "TargetSessionAttributes", name: "target_session_attrs"},
	{display: "Load Balance Hosts", property: "LoadBalanceHosts", name: "load_balance_hosts", kind: adoBool},
	{display: "Host Recheck Seconds", property: "HostRecheckSeconds", name: "hostrecheckseconds", kind: adoInt},
	{display: "Keepalive", property: "KeepAlive", name: "keepalive", kind: adoInt},
	{display: "TCP Keepalive", property: "TcpKeepAlive", name: "keepalives", kind: adoBool},
	{display: "TCP Keepalive Time", property: "TcpKeepAliveTime", name: "keepalives_idle", kind: adoInt},
	{display: "TCP Keepalive Interval", property: "TcpKeepAliveInterval", name: "keepalives_interval", kind: adoInt},
	{display: "Read Buffer Size", property: "ReadBufferSize", name: "readbuffersize", kind: adoInt},
	{display: "Write Buffer Size", property: "WriteBufferSize", name: "writebuffersize", kind: adoInt},
	{display: "Socket Receive Buffer Size", property: "SocketReceiveBufferSize", name: "socketreceivebuffersize", kind: adoInt},
	{display: "Socket Send Buffer Size", property: "SocketSendBufferSize", name: "socketsendbuffersize", kind: adoInt},
	{display: "Max Auto Prepare", property: "MaxAutoPrepare", name: "maxautoprepare", kind: adoInt},
	{display: "Auto Prepare Min Usages", property: "AutoPrepareMinUsages", name: "autoprepareminusages", kind: adoInt},
	{display: "No Reset On Close", property: "NoResetOnClose", name: "noresetonclose", kind: adoBool},
	{display: "Replication Mode", property: "ReplicationMode", name: "replication", kind: adoEnum,
		enum: []string{"Off", "Physical", "Logical"}},
	{display: "Options", property: "Options", name: "options"},
	{display: "Array Nullability Mode", property: "ArrayNullabilityMode", name: "arraynullabilitymode", kind: adoEnum,
		enum: []string{"Never", "Always", "PerInstance"}},
	// Obsolete, but still accepted by the builder.
	{display: "Load Table Composites", property: "LoadTableComposites", name: "loadtablecomposites", kind: adoBool},
	{display: "Server Compatibility Mode", property: "ServerCompatibilityMode", name: "servercompatibilitymode", kind: adoEnum,
		enum: []string{"None", "Redshift", "NoTypeLoading"}},
	{display: "Trust Server Certificate", property: "TrustServerCertificate", name: "trustservercertificate", kind: adoBool},
	{display: "Internal Command Timeout", property: "InternalCommandTimeout", name: "internalcommandtimeout", kind: adoInt},
}

// adoByKey maps every accepted key, upper-cased, to its property.
var adoByKey = func() map[string]*adoProperty {
	m := make(map[string]*adoProperty)
	for i := range adoProperties {
		p := &adoProperties[i]
		for _, k := range append([]string{p.display, p.property}, p.synonyms...) {
			m[strings.ToUpper(k)] = p
		}
	}
	return m
}()

// adoLookup finds the Npgsql property a key names.
func adoLookup(key string) *adoProperty { return adoByKey[strings.ToUpper(key)] }

// adoCanonicalName is Param.Name for an ADO.NET key: the property's name, or for a key Npgsql
// does not know, the key lower-cased without spaces.
func adoCanonicalName(key string) string {
	if p := adoLookup(key); p != nil {
		return p.name
	}
	return strings.ToLower(strings.ReplaceAll(key, " ", ""))
}

// adoDisplayForName returns the display key of the property whose Param.Name is name.
func adoDisplayForName(name string) (string, bool) {
	for _, p := range adoProperties {
		if p.name == name {
			return p.display, true
		}
	}
	return "", false
}

// ParseADONET parses an Npgsql connection string: the ADO.NET grammar of .NET's
// DbConnectionStringBuilder (key=value pairs separated by ';'; white space around keys, '=' and
// unquoted values is dropped; values may be quoted with " or ', a doubled quote standing for
// itself; "==" in a key is a literal '='; a trailing ';' is fine) followed by
// NpgsqlConnectionStringBuilder's key matching (case-insensitive, against display name, property
// name and synonyms: "SSL Mode", "SslMode", "Server" for Host, "User Id" for Username, "PWD" for
// Password, ...). Later keys override earlier ones.
//
// Err is set where the builder throws: a syntax error (with .NET's message; the index is a byte
// offset here, .NET counts UTF-16 units), an unknown key, or a value the property's type refuses
// (an SSL Mode of "verify-full", a Port of "abc" or 0). Params then still holds every pair of a
// syntactically valid string. An empty value ("SSL Mode=;") resets the property to its default;
// such a pair has Value "".
//
// Param.Value of enum properties is the member name .NET ends up with ("verifyfull" and "5" both
// give "VerifyFull"), and of booleans "true" or "false"; RawValue is the value as written.
func ParseADONET(s string) *ConnString {
	c := &ConnString{Input: s, Syntax: SyntaxADONET}
	pairs, err := adoScan(s)
	for _, p := range pairs {
		prop := adoLookup(p.key)
		param := Param{
			Name:     adoCanonicalName(p.key),
			Written:  p.key,
			Value:    p.val,
			RawValue: p.val,
			Key:      p.keySpan,
			Val:      p.valSpan,
			Pair:     Span{p.keySpan.Start, p.valSpan.End},
		}
		if err == nil && c.Err == nil {
			switch {
			case prop == nil:
				c.Err = &Error{Msg: fmt.Sprintf("Couldn't set %s: keyword not supported by Npgsql", strings.ToLower(p.key)), Offset: p.keySpan.Start}
			case p.hasVal:
				v, ok := adoConvert(prop, p.val)
				if !ok {
					c.Err = &Error{
						Msg:    fmt.Sprintf("Couldn't set %s: %q is not a valid %s", strings.ToLower(p.key), p.val, adoKindName(prop)),
						Offset: p.valSpan.Start,
					}
				} else {
					param.Value = v
				}
			}
		}
		c.Params = append(c.Params, param)
	}
	if err != nil {
		c.Err = err
	}
	c.Hosts = adoHosts(c)
	return c
}

func adoKindName(p *adoProperty) string {
	switch p.kind {
	case adoInt:
		if p.name == "port" {
			return "port number"
		}
		return "integer"
	case adoBool:
		return "boolean"
	case adoEnum:
		return "value (" + strings.Join(p.enum, ", ") + ")"
	}
	return "value"
}

// adoConvert checks a value the way the property setter converts it, and returns the value the
// builder ends up with.
func adoConvert(p *adoProperty, v string) (string, bool) {
	switch p.kind {
	case adoInt:
		n, err := strconv.ParseInt(strings.TrimFunc(v, unicode.IsSpace), 10, 32)
		if err != nil || (p.name == "port" && n <= 0) {
			return "", false
		}
		return strconv.FormatInt(n, 10), true
	case adoBool:
		// Boolean.Parse: "True" or "False" in any case, white space and NULs around allowed.
		t := strings.TrimFunc(v, func(r rune) bool { return unicode.IsSpace(r) || r == 0 })
		switch {
		case strings.EqualFold(t, "true"):
			return "true", true
		case strings.EqualFold(t, "false"):
			return "false", true
		}
		return "", false
	case adoEnum:
		return adoParseEnum(p.enum, v)
	}
	return v, true
}

// adoParseEnum is Enum.Parse(type, s, ignoreCase: true) for an enum whose members are numbered
// from 0: a member name in any case, a number (defined or not), or a comma-separated list of
// those, which .NET ORs together even for enums without [Flags].
func adoParseEnum(members []string, v string) (string, bool) {
	t := strings.TrimFunc(v, unicode.IsSpace)
	if t == "" {
		return "", false
	}
	acc := int64(0)
	for _, part := range strings.Split(t, ",") {
		part = strings.TrimFunc(part, unicode.IsSpace)
		if n, err := strconv.ParseInt(part, 10, 32); err == nil {
			if len(strings.Split(t, ",")) == 1 {
				if n >= 0 && n < int64(len(members)) {
					return members[n], true
				}
				return part, true
			}
			acc |= n
			continue
		}
		found := false
		for i, m := range members {
			if strings.EqualFold(m, part) {
				acc |= int64(i)
				found = true
				break
			}
		}
		if !found {
			return "", false
		}
	}
	if acc >= 0 && acc < int64(len(members)) {
		return members[acc], true
	}
	return strconv.FormatInt(acc, 10), true
}

// adoHosts splits the effective Host at commas and each entry at its port the way Npgsql's
// TrySplitHostPort does; entries without a port get Port, or 5432.
func adoHosts(c *ConnString) []Host {
	hp, ok := c.Lookup("host")
	if !ok || hp.Value == "" {
		return nil
	}
	defPort := "5432"
	var defPortSpan Span
	if pp, ok := c.Lookup("port"); ok && pp.Value != "" {
		defPort, defPortSpan = pp.Value, pp.Val
	}
	names, spans := splitParamList(c.Input, hp)
	hosts := make([]Host, len(names))
	for i, n := range names {
		h := Host{Name: n, Port: defPort, Span: spans[i], PortSpan: defPortSpan}
		if host, port, ok := splitNpgsqlHostPort(n); ok {
			h.Name, h.Port = host, port
			if spans[i].Len() == len(n) {
				h.Span = Span{spans[i].Start, spans[i].Start + len(host)}
				h.PortSpan = Span{spans[i].Start + len(host) + 1, spans[i].End}
			} else {
				h.PortSpan = spans[i]
			}
		}
		h.Name = unbracket(h.Name)
		hosts[i] = h
	}
	return hosts
}

// splitNpgsqlHostPort is TrySplitHostPort: the port follows the last ':' when that is the only
// colon or it comes after a bracketed IPv6 address.
func splitNpgsqlHostPort(h string) (host, port string, ok bool) {
	sep := strings.LastIndexByte(h, ':')
	if sep < 0 {
		return "", "", false
	}
	other := strings.LastIndexByte(h[:sep], ':')
	v6end := strings.LastIndexByte(h, ']')
	if other == -1 || (sep > v6end && other < v6end) {
		return h[:sep], h[sep+1:], true
	}
	return "", "", false
}

// adoPair is one key=value pair as the .NET parser reads it.
type adoPair struct {
	key     string // unescaped, original case, trailing white space removed
	keySpan Span
	val     string // unquoted, or trimmed
	valSpan Span   // quotes included; empty at the end of '=' when there is no value
	hasVal  bool   // false for "key=" followed by ';' or the end: .NET removes the key
}

type adoState int

const (
	adoNothingYet adoState = iota
	adoKey
	adoKeyEqual
	adoKeyEnd
	adoUnquoted
	adoQuoted      // inside a value quoted with quote
	adoQuotedQuote // a quote inside adoQuoted: the end, or the first of a doubled quote
	adoQuotedEnd
	adoNullTermination
)

func adoSyntaxError(at int) *Error {
	return &Error{
		Msg:    fmt.Sprintf("Format of the initialization string does not conform to specification starting at index %d.", at),
		Offset: at,
	}
}

// adoScan splits s into pairs with the state machine of .NET's
// DbConnectionOptions.GetKeyValuePair (non-ODBC rules).
func adoScan(s string) ([]adoPair, *Error) {
	var pairs []adoPair
	pos := 0
	for pos < len(s) {
		p, next, err := adoNext(s, pos)
		if err != nil {
			return pairs, err
		}
		if p == nil {
			break
		}
		pairs = append(pairs, *p)
		pos = next
	}
	return pairs, nil
}

func isDotNetSpace(r rune) bool   { return unicode.IsSpace(r) }
func isDotNetControl(r rune) bool { return unicode.IsControl(r) }

func adoNext(s string, pos int) (*adoPair, int, *Error) {
	start := pos
	state := adoNothingYet
	var buf strings.Builder
	var keyRaw string
	keyStart, eqPos := -1, -1
	valStart, valEnd := -1, -1
	lastNonSpace := -1 // end of the last non-space rune of an unquoted value
	var quote rune     // the quote of a quoted value: ' or "
	var cur rune
	i := pos
loop:
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		cur = r
		switch state {
		case adoNothingYet:
			if r == ';' || isDotNetSpace(r) {
				i += w
				continue
			}
			if r == 0 {
				state = adoNullTermination
				i += w
				continue
			}
			if isDotNetControl(r) {
				return nil, 0, adoSyntaxError(start)
			}
			start, keyStart = i, i
			if r == '=' {
				state, eqPos = adoKeyEqual, i
				i += w
				continue
			}
			state = adoKey
		case adoKey:
			if r == '=' {
				state, eqPos = adoKeyEqual, i
				i += w
				continue
			}
			if !isDotNetSpace(r) && isDotNetControl(r) {
				return nil, 0, adoSyntaxError(start)
			}
		case adoKeyEqual:
			if r == '=' {
				state = adoKey // "==" is a literal '=' in the key
				break
			}
			keyRaw = strings.TrimRightFunc(buf.String(), isDotNetSpace)
			if keyRaw == "" {
				return nil, 0, adoSyntaxError(start)
			}
			buf.Reset()
			state = adoKeyEnd
			fallthrough
		case adoKeyEnd:
			if isDotNetSpace(r) {
				i += w
				continue
			}
			switch {
			case r == '\'' || r == '"':
				state, valStart, quote = adoQuoted, i, r
				i += w
				continue
			case r == ';' || r == 0:
				break loop
			case isDotNetControl(r):
				return nil, 0, adoSyntaxError(start)
			}
			state, valStart = adoUnquoted, i
		case adoUnquoted:
			if !isDotNetSpace(r) && (isDotNetControl(r) || r == ';') {
				break loop
			}
		case adoQuoted:
			if r == quote {
				state = adoQuotedQuote
				i += w
				continue
			}
			if r == 0 {
				return nil, 0, adoSyntaxError(start)
			}
		case adoQuotedQuote:
			if r == quote {
				state = adoQuoted
				break
			}
			valEnd = i
			state = adoQuotedEnd
			fallthrough
		case adoQuotedEnd:
			if isDotNetSpace(r) {
				i += w
				continue
			}
			if r == ';' {
				break loop
			}
			if r == 0 {
				state = adoNullTermination
				i += w
				continue
			}
			return nil, 0, adoSyntaxError(start)
		case adoNullTermination:
			if r == 0 || isDotNetSpace(r) {
				i += w
				continue
			}
			return nil, 0, adoSyntaxError(i)
		}
		buf.WriteString(s[i : i+w])
		i += w
		if state == adoUnquoted && !isDotNetSpace(r) {
			lastNonSpace = i
		}
	}

	var p *adoPair
	switch state {
	case adoKey, adoQuoted:
		return nil, 0, adoSyntaxError(start)
	case adoKeyEqual:
		keyRaw = strings.TrimRightFunc(buf.String(), isDotNetSpace)
		if keyRaw == "" {
			return nil, 0, adoSyntaxError(start)
		}
		p = &adoPair{key: keyRaw, valSpan: Span{eqPos + 1, eqPos + 1}}
	case adoKeyEnd:
		p = &adoPair{key: keyRaw, valSpan: Span{eqPos + 1, eqPos + 1}}
	case adoUnquoted:
		v := strings.TrimFunc(buf.String(), isDotNetSpace)
		if last, _ := utf8.DecodeLastRuneInString(v); last == '\'' || last == '"' {
			return nil, 0, adoSyntaxError(start)
		}
		p = &adoPair{key: keyRaw, val: v, hasVal: true, valSpan: Span{valStart, lastNonSpace}}
	case adoQuotedQuote, adoQuotedEnd:
		if valEnd < 0 {
			valEnd = i
		}
		p = &adoPair{key: keyRaw, val: buf.String(), hasVal: true, valSpan: Span{valStart, valEnd}}
	}
	if p != nil {
		p.keySpan = Span{keyStart, keyStart + len(strings.TrimRightFunc(s[keyStart:eqPos], isDotNetSpace))}
		if p.key == "" {
			p = nil
		}
	}
	if cur == ';' && i < len(s) {
		i++
	}
	return p, i, nil
}
