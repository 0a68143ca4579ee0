package conninfo

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

const jdbcPrefix = "jdbc:postgresql:"

// jdbcLayout records where the parts of a JDBC URL are, for edits and redaction.
type jdbcLayout struct {
	hosts []jdbcHost // the host list of the "//" form
	query Span       // after '?'; Start==-1 when there is no '?'
}

type jdbcHost struct {
	name     string // as pgjdbc stores it ("localhost" for an empty host before a port)
	span     Span
	port     string
	portSpan Span
}

// ParseJDBC parses a PostgreSQL JDBC URL as pgjdbc's Driver.parseURL does:
//
//	jdbc:postgresql:database
//	jdbc:postgresql://host1[:port1][,host2[:port2]...]/[database][?key=value&key2=value2...]
//	jdbc:postgresql:// and jdbc:postgresql:/// (no host, no database)
//
// The URL is cut at its first '?'. Host names are taken as written (IPv6 in brackets), ports
// default to 5432, the database and every query value are URL-decoded with Java's URLDecoder
// ('+' is a space), query keys are not decoded and are case-sensitive except host, port and
// dbname, which pgjdbc turns into PGHOST, PGPORT and PGDBNAME whatever their case. A key without
// '=' sets the property to "". Later keys override earlier ones and the URL's own parts.
//
// Param.Name is pgjdbc's property name: PGHOST, PGPORT and PGDBNAME for the host list, the port
// list and the database (Written is then "host", "port", "dbname"), otherwise the key. Err is set
// where parseURL returns null or throws: a wrong prefix, "jdbc:postgresql:/x" (also the bare
// "jdbc:postgresql:/"), more than one '/' after "//", no '/' after the hosts, an undecodable
// value, a port that is not a number in 1..65535, or host and port lists of different lengths.
// The messages are this package's, worded after pgjdbc's log lines, and never quote the URL.
// A service= parameter is kept as a parameter: pgjdbc also rejects the URL when pg_service.conf
// does not define the service, which a static parser cannot know.
func ParseJDBC(s string) *ConnString {
	c := &ConnString{Input: s, Syntax: SyntaxJDBC}
	lay := &jdbcLayout{query: Span{-1, -1}}
	c.jdbc = lay
	c.Err = parseJDBCInto(c, lay)
	c.Hosts = jdbcHosts(c, lay)
	return c
}

func parseJDBCInto(c *ConnString, lay *jdbcLayout) *Error {
	s := c.Input
	server, argsStart := s, -1
	if q := strings.IndexByte(s, '?'); q >= 0 {
		server, argsStart = s[:q], q+1
		lay.query = Span{argsStart, len(s)}
	}
	if !strings.HasPrefix(server, jdbcPrefix) {
		return &Error{Msg: `JDBC URL must start with "jdbc:postgresql:"`, Offset: 0}
	}
	rest, restStart := server[len(jdbcPrefix):], len(jdbcPrefix)
	switch {
	case rest == "//" || rest == "///":
		// No host and no database: pgjdbc falls back to localhost:5432 and the user name.
	case strings.HasPrefix(rest, "//"):
		body, bodyStart := rest[2:], restStart+2
		if strings.Count(body, "/") > 1 {
			return &Error{Msg: "JDBC URL contains too many / characters", Offset: bodyStart}
		}
		slash := strings.IndexByte(body, '/')
		if slash < 0 {
			return &Error{Msg: "JDBC URL must contain a / at the end of the host or port", Offset: len(server)}
		}
		if !strings.HasSuffix(body, "/") {
			sp := Span{bodyStart + slash + 1, bodyStart + len(body)}
			val, ok := javaURLDecode(s[sp.Start:sp.End])
			if !ok {
				return &Error{Msg: "JDBC URL database name is not valid URL encoding", Offset: sp.Start}
			}
			c.Params = append(c.Params, Param{
				Name: "PGDBNAME", Written: "dbname", Value: val, RawValue: val,
				Key: Span{sp.Start, sp.Start}, Val: sp, Pair: sp,
			})
		}
		if err := parseJDBCHosts(c, lay, Span{bodyStart, bodyStart + slash}); err != nil {
			return err
		}
	case strings.HasPrefix(rest, "/"):
		return &Error{Msg: `JDBC URL must not have a single "/" after "jdbc:postgresql:"`, Offset: restStart}
	default:
		sp := Span{restStart, len(server)}
		val, ok := javaURLDecode(rest)
		if !ok {
			return &Error{Msg: "JDBC URL database name is not valid URL encoding", Offset: sp.Start}
		}
		c.Params = append(c.Params, Param{
			Name: "PGDBNAME", Written: "dbname", Value: val, RawValue: val,
			Key: Span{sp.Start, sp.Start}, Val: sp, Pair: sp,
		})
	}

	if argsStart >= 0 {
		for _, tok := range javaSplit(s[argsStart:], '&', argsStart) {
			if tok.text == "" {
				continue
			}
			eq := strings.IndexByte(tok.text, '=')
			if eq < 0 {
				c.Params = append(c.Params, Param{
					Name: tok.text, Written: tok.text,
					Key:     Span{tok.start, tok.start + len(tok.text)},
					Val:     Span{tok.start + len(tok.text), tok.start + len(tok.text)},
					Pair:    Span{tok.start, tok.start + len(tok.text)},
					InQuery: true,
				})
				continue
			}
			key := tok.text[:eq]
			val, ok := javaURLDecode(tok.text[eq+1:])
			if !ok {
				return &Error{Msg: fmt.Sprintf("JDBC URL value of %q is not valid URL encoding", key), Offset: tok.start + eq + 1}
			}
			c.Params = append(c.Params, Param{
				Name: jdbcPropertyName(key), Written: key, Value: val, RawValue: val,
				Key:     Span{tok.start, tok.start + eq},
				Val:     Span{tok.start + eq + 1, tok.start + len(tok.text)},
				Pair:    Span{tok.start, tok.start + len(tok.text)},
				InQuery: true,
			})
		}
	}
	return jdbcConsistency(c)
}

// parseJDBCHosts reads the host list of the "//" form the way parseURL does: split at commas
// (Java's split, which drops trailing empty pieces), the port after the last ':' unless that
// colon is inside brackets, an empty host before a port meaning localhost.
func parseJDBCHosts(c *ConnString, lay *jdbcLayout, list Span) *Error {
	addrs := javaSplit(c.Input[list.Start:list.End], ',', list.Start)
	if len(addrs) == 0 {
		// parseURL throws StringIndexOutOfBoundsException on a list of only commas.
		return &Error{Msg: "JDBC URL host list has no host", Offset: list.Start}
	}
	var names, ports []string
	for _, a := range addrs {
		h := jdbcHost{name: a.text, span: Span{a.start, a.start + len(a.text)}, port: "5432"}
		h.portSpan = Span{h.span.End, h.span.End}
		colon := strings.LastIndexByte(a.text, ':')
		if colon >= 0 && strings.LastIndexByte(a.text, ']') < colon {
			h.port = a.text[colon+1:]
			h.portSpan = Span{a.start + colon + 1, a.start + len(a.text)}
			h.name = a.text[:colon]
			h.span = Span{a.start, a.start + colon}
			if h.name == "" {
				h.name = "localhost"
			}
		}
		lay.hosts = append(lay.hosts, h)
		names = append(names, h.name)
		ports = append(ports, h.port)
	}
	c.Params = append(c.Params,
		Param{
			Name: "PGHOST", Written: "host", Value: strings.Join(names, ","), RawValue: strings.Join(names, ","),
			Key: Span{list.Start, list.Start}, Val: list, Pair: list,
		},
		Param{
			Name: "PGPORT", Written: "port", Value: strings.Join(ports, ","), RawValue: strings.Join(ports, ","),
			Key: Span{list.Start, list.Start}, Val: list, Pair: list,
		})
	return nil
}

// jdbcPropertyName is PGPropertyUtil.translatePGServiceToPGProperty: host, port and dbname, in
// any case, name pgjdbc's PGHOST, PGPORT and PGDBNAME properties.
func jdbcPropertyName(key string) string {
	switch strings.ToUpper(key) {
	case "HOST":
		return "PGHOST"
	case "PORT":
		return "PGPORT"
	case "DBNAME":
		return "PGDBNAME"
	}
	return key
}

// jdbcConsistency is PGPropertyUtil.propertiesConsistencyCheck on what the URL sets: every port
// a number in 1..65535, as many ports as hosts.
func jdbcConsistency(c *ConnString) *Error {
	hosts, ports := "localhost", "5432"
	hostAt, portAt := -1, -1
	if p, ok := c.Lookup("PGHOST"); ok {
		hosts, hostAt = p.Value, p.Val.Start
	}
	if p, ok := c.Lookup("PGPORT"); ok {
		ports, portAt = p.Value, p.Val.Start
	}
	for _, p := range javaSplit(ports, ',', 0) {
		n, err := strconv.ParseInt(p.text, 10, 32)
		if err != nil {
			return &Error{Msg: fmt.Sprintf("JDBC URL invalid port number: %s", p.text), Offset: portAt}
		}
		if n < 1 || n > 65535 {
			return &Error{Msg: fmt.Sprintf("JDBC URL port: %s not valid (1:65535)", p.text), Offset: portAt}
		}
	}
	if len(javaSplit(hosts, ',', 0)) != len(javaSplit(ports, ',', 0)) {
		at := hostAt
		if at < 0 {
			at = portAt
		}
		return &Error{Msg: "JDBC URL properties PGHOST and PGPORT must have the same number of values", Offset: at}
	}
	return nil
}

type javaPiece struct {
	text  string
	start int // offset of the piece in the input
}

// javaSplit is Java's String.split with a one-character separator and limit 0: no separator
// gives the whole string (even when empty); otherwise trailing empty pieces are dropped.
func javaSplit(s string, sep byte, base int) []javaPiece {
	if strings.IndexByte(s, sep) < 0 {
		return []javaPiece{{s, base}}
	}
	var out []javaPiece
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == sep {
			out = append(out, javaPiece{s[start:i], base + start})
			start = i + 1
		}
	}
	for len(out) > 0 && out[len(out)-1].text == "" {
		out = out[:len(out)-1]
	}
	return out
}

// javaURLDecode is java.net.URLDecoder.decode(s, UTF-8): '+' is a space, %XX sequences are
// collected into bytes and read as UTF-8. It fails where URLDecoder throws: an incomplete
// trailing escape, or two characters that Integer.parseInt(…, 16) rejects or reads as negative
// ("%-1"; "%+1" is accepted, as in Java). Malformed UTF-8 becomes U+FFFD per bad byte, where Java
// replaces each maximal bad subsequence; the two differ only in how many U+FFFD appear.
func javaURLDecode(s string) (string, bool) {
	if !strings.ContainsAny(s, "%+") {
		return s, true
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		switch s[i] {
		case '+':
			b.WriteByte(' ')
			i++
		case '%':
			var buf []byte
			for i+2 < len(s) && s[i] == '%' {
				v, ok := javaHexByte(s[i+1], s[i+2])
				if !ok {
					return "", false
				}
				buf = append(buf, v)
				i += 3
			}
			if i < len(s) && s[i] == '%' {
				return "", false
			}
			for len(buf) > 0 {
				r, n := utf8.DecodeRune(buf)
				b.WriteRune(r)
				buf = buf[n:]
			}
		default:
			b.WriteByte(s[i])
			i++
		}
	}
	return b.String(), true
}

// javaHexByte is Integer.parseInt of a two-character string in base 16, as URLDecoder uses it.
func javaHexByte(a, b byte) (byte, bool) {
	hb, okB := hexDigit(string([]byte{b}), 0)
	if !okB {
		return 0, false
	}
	switch a {
	case '+':
		return hb, true
	case '-':
		return 0, hb == 0 // "-0" is 0; anything else is negative and rejected
	}
	ha, okA := hexDigit(string([]byte{a}), 0)
	if !okA {
		return 0, false
	}
	return ha<<4 | hb, true
}

// jdbcHosts pairs the effective PGHOST and PGPORT lists. Without a host list in the URL, pgjdbc
// connects to localhost:5432, which is reported as such with an empty span.
func jdbcHosts(c *ConnString, lay *jdbcLayout) []Host {
	hp, hasHost := c.Lookup("PGHOST")
	pp, hasPort := c.Lookup("PGPORT")
	if hasHost && !hp.InQuery && (!hasPort || !pp.InQuery) {
		hosts := make([]Host, len(lay.hosts))
		for i, h := range lay.hosts {
			hosts[i] = Host{Name: unbracket(h.name), Port: h.port, Span: h.span, PortSpan: h.portSpan}
		}
		return hosts
	}
	at := len(c.Input)
	if lay.query.Start >= 0 {
		at = lay.query.Start - 1
	}
	names := []javaPiece{{"localhost", -1}}
	nameSpan := Span{at, at}
	if hasHost {
		names = javaSplit(hp.Value, ',', 0)
		nameSpan = hp.Val
	}
	ports := []javaPiece{{"5432", -1}}
	portSpan := Span{at, at}
	if hasPort {
		ports = javaSplit(pp.Value, ',', 0)
		portSpan = pp.Val
	}
	var hosts []Host
	for i, n := range names {
		h := Host{Name: unbracket(n.text), Span: nameSpan, PortSpan: portSpan}
		if i < len(ports) {
			h.Port = ports[i].text
		}
		hosts = append(hosts, h)
	}
	return hosts
}

func unbracket(h string) string {
	if len(h) >= 2 && h[0] == '[' && h[len(h)-1] == ']' {
		return h[1 : len(h)-1]
	}
	return h
}
