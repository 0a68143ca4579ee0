package conninfo

import (
	"fmt"
	"strings"
)

// This file holds what the two libpq grammars share: the C-string view of the input, the store
// step (conninfo_storeval) with its requiressl rewrite, and the percent-decoder.

const (
	uriDesignator      = "postgresql://"
	shortURIDesignator = "postgres://"
)

// uriPrefixLength mirrors libpq's uri_prefix_length: the scheme is matched case-sensitively,
// so "Postgresql://" is not a URI and ends up in the keyword=value parser.
func uriPrefixLength(s string) int {
	switch {
	case strings.HasPrefix(s, uriDesignator):
		return len(uriDesignator)
	case strings.HasPrefix(s, shortURIDesignator):
		return len(shortURIDesignator)
	}
	return 0
}

// cString returns s up to its first NUL byte: libpq is handed a C string and never sees what
// follows a NUL, so neither may we.
func cString(s string) string {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return s[:i]
	}
	return s
}

// isCSpace is isspace() in the C locale, which is what libpq runs under unless the application
// calls setlocale; other locales could add bytes above 0x7f, which we do not model.
func isCSpace(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\v', '\f', '\r':
		return true
	}
	return false
}

// libpqStore is conninfo_storeval without the URI decoding: it applies the requiressl rewrite and
// checks the keyword against the version's PQconninfoOptions. It returns the keyword and value
// libpq stores, and ok=false when the keyword is unknown. With WithAnyParameter it accepts
// everything as written.
func libpqStore(keyword, value string, o options) (name, val string, ok bool) {
	if o.anyParam {
		return keyword, value, true
	}
	// libpq rewrites requiressl before looking the keyword up, so it is accepted by every
	// version even though it left PQconninfoOptions long ago, and "requiressl=1" beats an
	// earlier sslmode=verify-full.
	if keyword == "requiressl" {
		keyword = "sslmode"
		if strings.HasPrefix(value, "1") {
			value = "require"
		} else {
			value = "prefer"
		}
	}
	if !isLibpqKeyword(keyword, o.libpq) {
		return keyword, value, false
	}
	return keyword, value, true
}

// uriDecode is conninfo_uri_decode. Before libpq 18 every byte but '%' is copied as is, so a
// space stays a space and '+' stays '+'. From 18 on, leading and trailing spaces are dropped and
// a space inside the component is an error.
func uriDecode(str string, major int) (string, *Error) {
	trimSpaces := major >= 18
	var b strings.Builder
	b.Grow(len(str))
	q := 0
	if trimSpaces {
		for q < len(str) && str[q] == ' ' {
			q++
		}
	}
	for q < len(str) {
		c := str[q]
		if c != '%' {
			if trimSpaces && c == ' ' {
				break
			}
			b.WriteByte(c)
			q++
			continue
		}
		hi, okHi := hexDigit(str, q+1)
		lo, okLo := hexDigit(str, q+2)
		if !okHi || !okLo {
			return "", &Error{Msg: fmt.Sprintf("invalid percent-encoded token: %s", cQuote(str)), Offset: -1}
		}
		v := hi<<4 | lo
		if v == 0 {
			return "", &Error{Msg: fmt.Sprintf("forbidden value %%00 in percent-encoded value: %s", cQuote(str)), Offset: -1}
		}
		b.WriteByte(v)
		q += 3
	}
	if trimSpaces {
		for q < len(str) && str[q] == ' ' {
			q++
		}
		if q < len(str) {
			return "", &Error{Msg: fmt.Sprintf("unexpected spaces found in %s, use percent-encoded spaces (%%20) instead", cQuote(str)), Offset: -1}
		}
	}
	return b.String(), nil
}

func hexDigit(s string, i int) (byte, bool) {
	if i >= len(s) {
		return 0, false
	}
	c := s[i]
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// cQuote formats s the way libpq's "\"%s\"" does: between double quotes, bytes as they are.
// Go's %q would escape them and so differ from libpq's message.
func cQuote(s string) string { return `"` + s + `"` }

// splitHostList splits a libpq host or port list at commas, as libpq's connectOptions2 does; an
// empty list is one empty entry.
func splitHostList(s string) []string { return strings.Split(s, ",") }

// libpqHosts builds Hosts from the effective host and port parameters, pairing ports with hosts by
// position as libpq does (a single port applies to every host).
func libpqHosts(c *ConnString, defaultPos int) []Host {
	hostParam, hasHost := c.Lookup("host")
	portParam, hasPort := c.Lookup("port")
	var names []string
	var spans []Span
	if hasHost {
		names, spans = splitParamList(c.Input, hostParam)
	} else {
		names = []string{""}
		spans = []Span{{defaultPos, defaultPos}}
	}
	var ports []string
	var portSpans []Span
	if hasPort {
		ports, portSpans = splitParamList(c.Input, portParam)
	}
	hosts := make([]Host, len(names))
	for i, n := range names {
		hosts[i] = Host{Name: n, Span: spans[i]}
		switch {
		case len(ports) == len(names):
			hosts[i].Port, hosts[i].PortSpan = ports[i], portSpans[i]
		case len(ports) == 1:
			hosts[i].Port, hosts[i].PortSpan = ports[0], portSpans[0]
		}
	}
	return hosts
}

// splitParamList splits a comma-separated parameter value. Each piece gets its own span when the
// value is written literally (no quotes, escapes or percent-encoding), else the whole value span.
func splitParamList(input string, p Param) ([]string, []Span) {
	parts := splitHostList(p.Value)
	spans := make([]Span, len(parts))
	raw := input[p.Val.Start:p.Val.End]
	if raw == p.Value {
		off := p.Val.Start
		for i, part := range parts {
			spans[i] = Span{off, off + len(part)}
			off += len(part) + 1
		}
	} else {
		for i := range spans {
			spans[i] = p.Val
		}
	}
	return parts, spans
}
