package rules

import (
	"fmt"
	"net/netip"
	"strings"
)

// The address column of a pg_hba.conf host record, read the way the server reads it (hba.c,
// parse_hba_line): the keywords all, samehost and samenet (unquoted only); an IP address with a
// CIDR suffix or followed by a separate netmask column; anything else is a host name, or with a
// leading dot a domain suffix. The server decides "IP address or host name" with
// getaddrinfo(AI_NUMERICHOST): a string that does not parse as a numeric address is a host
// name, so 10.0.0.256 is a (strange) host name while 10.0.0.256/8 is an error.

// HBANet is what an address column means.
type HBANet struct {
	// Keyword is all, samehost or samenet; "" otherwise.
	Keyword string
	// Host is a host name, or a suffix when it starts with a dot.
	Host string
	// Prefix is the IP range of the numeric forms. A netmask that is not contiguous
	// (255.0.255.0, which the server accepts) counts by its leading one bits: a wider range.
	Prefix netip.Prefix
}

// ParseHBAIP parses a numeric address as glibc's getaddrinfo(AI_NUMERICHOST) does: IPv6, or
// IPv4 in any inet_aton form (10.1 is 10.0.0.1, 0x7f000001 and 017700000001 are 127.0.0.1).
func ParseHBAIP(s string) (netip.Addr, bool) {
	if strings.Contains(s, ":") {
		a, err := netip.ParseAddr(s)
		return a, err == nil
	}
	return parseInetAton(s)
}

// parseInetAton is inet_aton_exact: one to four dot-separated parts, each decimal, octal
// (leading 0) or hex (leading 0x); the last part fills the remaining bytes.
func parseInetAton(s string) (netip.Addr, bool) {
	parts := strings.Split(s, ".")
	if len(parts) > 4 {
		return netip.Addr{}, false
	}
	var vals [4]uint64
	for i, p := range parts {
		v, ok := parseInetPart(p)
		if !ok {
			return netip.Addr{}, false
		}
		vals[i] = v
	}
	last := len(parts) - 1
	var n uint64
	for i := range last {
		if vals[i] > 0xff {
			return netip.Addr{}, false
		}
		n = n<<8 | vals[i]
	}
	rest := uint(8 * (4 - last))
	if vals[last] >= 1<<rest {
		return netip.Addr{}, false
	}
	n = n<<rest | vals[last]
	return netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)}), true
}

// parseInetPart reads one part of an inet_aton address.
func parseInetPart(p string) (uint64, bool) {
	if p == "" || p[0] < '0' || p[0] > '9' {
		return 0, false
	}
	base, digits := uint64(10), p
	if p[0] == '0' {
		base, digits = 8, p[1:]
		if len(digits) > 0 && (digits[0] == 'x' || digits[0] == 'X') {
			base, digits = 16, digits[1:]
		}
	}
	var v uint64
	for i := 0; i < len(digits); i++ {
		d, ok := digitValue(digits[i], base)
		if !ok {
			return 0, false
		}
		v = v*base + d
		if v > 0xffffffff {
			return 0, false
		}
	}
	return v, true
}

func digitValue(c byte, base uint64) (uint64, bool) {
	var d uint64
	switch {
	case c >= '0' && c <= '9':
		d = uint64(c - '0')
	case c >= 'a' && c <= 'f':
		d = uint64(c-'a') + 10
	case c >= 'A' && c <= 'F':
		d = uint64(c-'A') + 10
	default:
		return 0, false
	}
	return d, d < base
}

// HBANeedsMask reports whether an address column is a numeric address without a CIDR suffix,
// which the server follows with a separate netmask column.
func HBANeedsMask(addr HBAField) bool {
	if hbaAddrKeyword(addr) != "" || strings.Contains(addr.Text, "/") {
		return false
	}
	_, ok := ParseHBAIP(addr.Text)
	return ok
}

// hbaAddrKeyword is the keyword an address column holds, "" for none. Quoted keywords are
// host names, as in the server.
func hbaAddrKeyword(addr HBAField) string {
	if addr.Quoted {
		return ""
	}
	switch addr.Text {
	case "all", "samehost", "samenet":
		return addr.Text
	}
	return ""
}

// ParseHBANet reads an address column and, for the "address netmask" form, the netmask column
// (nil for the other forms). The error is the server's message for a column it rejects.
func ParseHBANet(addr HBAField, mask *HBAField) (HBANet, error) {
	if k := hbaAddrKeyword(addr); k != "" {
		return HBANet{Keyword: k}, nil
	}
	host, bits, slash := strings.Cut(addr.Text, "/")
	ip, ok := ParseHBAIP(host)
	if !ok {
		if slash {
			return HBANet{}, fmt.Errorf("specifying both host name and CIDR mask is invalid: %q", addr.Text)
		}
		return HBANet{Host: host}, nil
	}
	ip = ip.WithZone("")
	if slash {
		n, ok := parseCIDRBits(bits, ip.BitLen())
		if !ok {
			return HBANet{}, fmt.Errorf("invalid CIDR mask in address %q", addr.Text)
		}
		return HBANet{Prefix: netip.PrefixFrom(ip, n)}, nil
	}
	if mask == nil {
		return HBANet{}, fmt.Errorf("end-of-line before netmask specification")
	}
	m, ok := ParseHBAIP(mask.Text)
	if !ok {
		return HBANet{}, fmt.Errorf("invalid IP mask %q: Name or service not known", mask.Text)
	}
	if m.Is4() != ip.Is4() {
		return HBANet{}, fmt.Errorf("IP address and mask do not match")
	}
	return HBANet{Prefix: netip.PrefixFrom(ip, leadingOnes(m.AsSlice()))}, nil
}

// parseCIDRBits reads a CIDR length as pg_sockaddr_cidr_mask does (strtol: leading white space
// and a sign allowed, nothing after the digits), in 0..max.
func parseCIDRBits(s string, max int) (int, bool) {
	s = strings.TrimLeft(s, " \t\n\v\f\r")
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg, s = s[0] == '-', s[1:]
	}
	if s == "" {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
		if n > max {
			return 0, false
		}
	}
	if neg && n != 0 {
		return 0, false
	}
	return n, true
}

// leadingOnes counts the leading one bits of a netmask.
func leadingOnes(b []byte) int {
	n := 0
	for _, c := range b {
		for bit := 7; bit >= 0; bit-- {
			if c&(1<<bit) == 0 {
				return n
			}
			n++
		}
	}
	return n
}

// hbaScope says how far from the server the clients of a record can be.
type hbaScope int

const (
	// scopeLocal: a local (Unix socket) record.
	scopeLocal hbaScope = iota
	// scopeLoopback: 127.0.0.0/8, ::1, the host name localhost, samehost (the server's own
	// addresses: the kernel delivers such traffic on the machine, it never crosses a network).
	scopeLoopback
	// scopePrivate: RFC 1918, shared (CGNAT) and link-local ranges, IPv6 unique local and
	// link-local, samenet (the server's own subnets).
	scopePrivate
	// scopeNamed: a host name or domain suffix. Where those hosts are is not known, so they
	// count as public: a name says nothing about the network path.
	scopeNamed
	// scopePublic: any other range.
	scopePublic
	// scopeWorld: all, 0.0.0.0/0, ::/0.
	scopeWorld
)

// privateRanges are the ranges not routed on the internet.
var privateRanges = []netip.Prefix{
	netip.MustParsePrefix("10.0.0.0/8"),
	netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.168.0.0/16"),
	netip.MustParsePrefix("100.64.0.0/10"), // shared address space (RFC 6598, CGNAT)
	netip.MustParsePrefix("169.254.0.0/16"),
	netip.MustParsePrefix("fc00::/7"),
	netip.MustParsePrefix("fe80::/10"),
}

var loopbackRanges = []netip.Prefix{
	netip.MustParsePrefix("127.0.0.0/8"),
	netip.MustParsePrefix("::1/128"),
}

// scope classifies a parsed address column.
func (n HBANet) scope() hbaScope {
	switch n.Keyword {
	case "all":
		return scopeWorld
	case "samehost":
		return scopeLoopback
	case "samenet":
		return scopePrivate
	}
	if n.Host != "" || !n.Prefix.IsValid() {
		if isLoopbackName(strings.ToLower(n.Host)) {
			return scopeLoopback
		}
		return scopeNamed
	}
	p := unmapPrefix(n.Prefix)
	switch {
	case p.Bits() == 0:
		return scopeWorld
	case within(p, loopbackRanges):
		return scopeLoopback
	case within(p, privateRanges):
		return scopePrivate
	}
	return scopePublic
}

// unmapPrefix turns an IPv4-mapped IPv6 range (::ffff:10.0.0.0/104) into its IPv4 range.
func unmapPrefix(p netip.Prefix) netip.Prefix {
	a := p.Addr()
	if a.Is4In6() && p.Bits() >= 96 {
		return netip.PrefixFrom(a.Unmap(), p.Bits()-96).Masked()
	}
	return p.Masked()
}

// within reports whether all of p lies in one of the ranges.
func within(p netip.Prefix, ranges []netip.Prefix) bool {
	for _, r := range ranges {
		if r.Addr().BitLen() == p.Addr().BitLen() && p.Bits() >= r.Bits() && r.Contains(p.Addr()) {
			return true
		}
	}
	return false
}
