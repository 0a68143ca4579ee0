package conninfo

import (
	"fmt"
	"strings"
)

// uriHost is one netloc of a URI hostspec, before decoding.
type uriHost struct {
	host     string // raw, without IPv6 brackets
	span     Span   // as written, brackets included
	port     string // raw
	portSpan Span
}

// uriLayout records where the parts of a libpq URI are, for edits and redaction.
type uriLayout struct {
	hostspec Span // the whole host[:port][,...] list
	hosts    []uriHost
	query    Span // after '?'; Start==-1 when there is no '?'
}

// ParseURI parses a libpq connection URI exactly as libpq's conninfo_uri_parse_options does:
//
//	postgresql://[user[:password]@][host][:port][,...][/dbname][?param1=value1&...]
//
// Every part may be percent-encoded (%XX; '+' is not a space; %00 is rejected). The user info
// ends at the first '@' that comes before any '/'; several host[:port] pairs are separated by
// commas and are stored comma-joined as libpq does, ports included ("h1:5432,h2" gives
// host=h1,h2 port=5432,). Query parameter names are libpq keywords; ssl=true is rewritten to
// sslmode=require and requiressl to sslmode, any other ssl value is rejected. Later parameters
// override earlier ones and the URI parts. A string without a postgresql:// or postgres:// prefix
// is rejected with libpq's internal error; use Parse to dispatch on the syntax.
func ParseURI(s string, opts ...Option) *ConnString {
	o := buildOptions(opts)
	c := &ConnString{Input: s, Syntax: SyntaxURI}
	lay, err := parseURIInto(c, o)
	c.Err = err
	c.uri = lay
	c.libpq = o.libpq
	c.anyParam = o.anyParam
	c.Hosts = uriHosts(c, lay, o)
	return c
}

func parseURIInto(c *ConnString, o options) (*uriLayout, *Error) {
	in := cString(c.Input)
	lay := &uriLayout{query: Span{-1, -1}}
	prefix := uriPrefixLength(in)
	if prefix == 0 {
		lay.hostspec = Span{0, 0}
		return lay, &Error{Msg: fmt.Sprintf("invalid URI propagated to internal parser routine: %s", cQuote(in)), Offset: 0}
	}
	start := prefix

	component := func(name string, sp Span, raw string) *Error {
		val, err := uriDecode(raw, o.libpq)
		if err != nil {
			err.Offset = sp.Start
			return err
		}
		c.Params = append(c.Params, Param{
			Name: name, Written: name, Value: val, RawValue: val,
			Key: Span{sp.Start, sp.Start}, Val: sp, Pair: sp,
		})
		return nil
	}

	// User info: only if an '@' comes before the first '/'. The query is not a stop, so
	// "postgres://h?user=a@b" has the user "h?user=a" and the host "b", as in libpq.
	p := start
	for p < len(in) && in[p] != '@' && in[p] != '/' {
		p++
	}
	if p < len(in) && in[p] == '@' {
		at := p
		userEnd := start
		for in[userEnd] != ':' && in[userEnd] != '@' {
			userEnd++
		}
		if userEnd > start {
			if err := component("user", Span{start, userEnd}, in[start:userEnd]); err != nil {
				return lay, err
			}
		}
		if in[userEnd] == ':' {
			pwStart := userEnd + 1
			if at > pwStart {
				if err := component("password", Span{pwStart, at}, in[pwStart:at]); err != nil {
					return lay, err
				}
			}
		}
		p = at + 1
	} else {
		p = start
	}

	// Host list.
	var hostbuf, portbuf strings.Builder
	lay.hostspec.Start = p
	var term byte // the byte that ended the hostspec: 0, '/' or '?'
	for {
		var h uriHost
		if p < len(in) && in[p] == '[' {
			open := p
			p++
			hs := p
			for p < len(in) && in[p] != ']' {
				p++
			}
			if p >= len(in) {
				return lay, &Error{
					Msg:    fmt.Sprintf("end of string reached when looking for matching \"]\" in IPv6 host address in URI: %s", cQuote(in)),
					Offset: open,
				}
			}
			if p == hs {
				return lay, &Error{
					Msg:    fmt.Sprintf("IPv6 host address may not be empty in URI: %s", cQuote(in)),
					Offset: open,
				}
			}
			h.host = in[hs:p]
			p++ // ']'
			h.span = Span{open, p}
			if p < len(in) && in[p] != ':' && in[p] != '/' && in[p] != '?' && in[p] != ',' {
				return lay, &Error{
					Msg: fmt.Sprintf("unexpected character %s at position %d in URI (expected \":\" or \"/\"): %s",
						cQuote(in[p:p+1]), p+1, cQuote(in)),
					Offset: p,
				}
			}
		} else {
			hs := p
			for p < len(in) && in[p] != ':' && in[p] != '/' && in[p] != '?' && in[p] != ',' {
				p++
			}
			h.host = in[hs:p]
			h.span = Span{hs, p}
		}
		hostbuf.WriteString(h.host)
		term = 0
		if p < len(in) {
			term = in[p]
		}
		if term == ':' {
			p++
			ps := p
			for p < len(in) && in[p] != '/' && in[p] != '?' && in[p] != ',' {
				p++
			}
			h.port, h.portSpan = in[ps:p], Span{ps, p}
			portbuf.WriteString(h.port)
			term = 0
			if p < len(in) {
				term = in[p]
			}
		} else {
			h.portSpan = Span{p, p}
		}
		lay.hosts = append(lay.hosts, h)
		if term != ',' {
			break
		}
		p++
		hostbuf.WriteByte(',')
		portbuf.WriteByte(',')
	}
	lay.hostspec.End = p
	hostspecSpan := lay.hostspec
	if hostbuf.Len() > 0 {
		if err := component("host", hostspecSpan, hostbuf.String()); err != nil {
			return lay, err
		}
	}
	if portbuf.Len() > 0 {
		if err := component("port", hostspecSpan, portbuf.String()); err != nil {
			return lay, err
		}
	}

	if term == '/' {
		p++
		ds := p
		for p < len(in) && in[p] != '?' {
			p++
		}
		// libpq leaves an empty dbname unset so that PGDATABASE still applies.
		if p > ds {
			if err := component("dbname", Span{ds, p}, in[ds:p]); err != nil {
				return lay, err
			}
		}
		term = 0
		if p < len(in) {
			term = in[p]
		}
	}
	if term != '?' {
		return lay, nil
	}
	p++
	lay.query = Span{p, len(in)}
	return lay, parseURIQuery(c, in, p, o)
}

// parseURIQuery is conninfo_uri_parse_params.
func parseURIQuery(c *ConnString, in string, p int, o options) *Error {
	for p < len(in) {
		keyStart := p
		valStart := -1
		for {
			if p < len(in) && in[p] == '=' {
				if valStart >= 0 {
					return &Error{
						Msg:    fmt.Sprintf("extra key/value separator \"=\" in URI query parameter: %s", cQuote(in[keyStart:valStart-1])),
						Offset: p,
					}
				}
				p++
				valStart = p
				continue
			}
			if p >= len(in) || in[p] == '&' {
				break
			}
			p++
		}
		end := p
		if p < len(in) {
			p++ // '&'
		}
		if valStart < 0 {
			return &Error{
				Msg:    fmt.Sprintf("missing key/value separator \"=\" in URI query parameter: %s", cQuote(in[keyStart:end])),
				Offset: keyStart,
			}
		}
		keyEnd := valStart - 1
		keyword, err := uriDecode(in[keyStart:keyEnd], o.libpq)
		if err != nil {
			err.Offset = keyStart
			return err
		}
		raw, err := uriDecode(in[valStart:end], o.libpq)
		if err != nil {
			err.Offset = valStart
			return err
		}
		name, value := keyword, raw
		// libpq's "improved JDBC compatibility": only the exact ssl=true is understood.
		if keyword == "ssl" && raw == "true" && !o.anyParam {
			name, value = "sslmode", "require"
		}
		name, value, ok := libpqStore(name, value, o)
		if !ok {
			return &Error{Msg: fmt.Sprintf("invalid URI query parameter: %s", cQuote(name)), Offset: keyStart}
		}
		c.Params = append(c.Params, Param{
			Name:     name,
			Written:  keyword,
			Value:    value,
			RawValue: raw,
			Key:      Span{keyStart, keyEnd},
			Val:      Span{valStart, end},
			Pair:     Span{keyStart, end},
			InQuery:  true,
		})
	}
	return nil
}

// uriHosts returns the hosts of the URI: those of the hostspec, with their own spans, unless a
// query parameter overrides host (or port), in which case libpq uses the parameter's list.
func uriHosts(c *ConnString, lay *uriLayout, o options) []Host {
	hp, hasHost := c.Lookup("host")
	pp, hasPort := c.Lookup("port")
	if (hasHost && hp.InQuery) || (hasPort && pp.InQuery) || len(lay.hosts) == 0 {
		return libpqHosts(c, lay.hostspec.Start)
	}
	hosts := make([]Host, len(lay.hosts))
	for i, h := range lay.hosts {
		name := h.host
		if d, err := uriDecode(h.host, o.libpq); err == nil {
			name = d
		}
		port := h.port
		if d, err := uriDecode(h.port, o.libpq); err == nil {
			port = d
		}
		hosts[i] = Host{Name: name, Port: port, Span: h.span, PortSpan: h.portSpan}
	}
	// A single port in libpq's list applies to every host; the URI writes ports per host, so a
	// list of one port only arises with one host, and nothing needs copying here.
	return hosts
}
