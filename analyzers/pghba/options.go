package pghba

import (
	"fmt"
	"strings"
)

// Authentication options (parse_hba_auth_opt in hba.c): name=value tokens after the method,
// each valid for some methods only, and the arguments some methods cannot do without.

// optionMethods lists, for each option, the methods it is valid for and how the server names
// them in its message. clientcert and clientname depend on the connection type instead.
var optionMethods = map[string]struct {
	methods []string
	names   string
}{
	"map":                    {[]string{"ident", "peer", "gss", "sspi", "cert", "oauth"}, "ident, peer, gssapi, sspi, cert, and oauth"},
	"pamservice":             {[]string{"pam"}, "pam"},
	"pam_use_hostname":       {[]string{"pam"}, "pam"},
	"ldapurl":                {[]string{"ldap"}, "ldap"},
	"ldaptls":                {[]string{"ldap"}, "ldap"},
	"ldapscheme":             {[]string{"ldap"}, "ldap"},
	"ldapserver":             {[]string{"ldap"}, "ldap"},
	"ldapport":               {[]string{"ldap"}, "ldap"},
	"ldapbinddn":             {[]string{"ldap"}, "ldap"},
	"ldapbindpasswd":         {[]string{"ldap"}, "ldap"},
	"ldapsearchattribute":    {[]string{"ldap"}, "ldap"},
	"ldapsearchfilter":       {[]string{"ldap"}, "ldap"},
	"ldapbasedn":             {[]string{"ldap"}, "ldap"},
	"ldapprefix":             {[]string{"ldap"}, "ldap"},
	"ldapsuffix":             {[]string{"ldap"}, "ldap"},
	"krb_realm":              {[]string{"gss", "sspi"}, "gssapi and sspi"},
	"include_realm":          {[]string{"gss", "sspi"}, "gssapi and sspi"},
	"compat_realm":           {[]string{"sspi"}, "sspi"},
	"upn_username":           {[]string{"sspi"}, "sspi"},
	"radiusservers":          {[]string{"radius"}, "radius"},
	"radiusports":            {[]string{"radius"}, "radius"},
	"radiussecrets":          {[]string{"radius"}, "radius"},
	"radiusidentifiers":      {[]string{"radius"}, "radius"},
	"issuer":                 {[]string{"oauth"}, "oauth"},
	"scope":                  {[]string{"oauth"}, "oauth"},
	"validator":              {[]string{"oauth"}, "oauth"},
	"delegate_ident_mapping": {[]string{"oauth"}, "oauth"},
}

// optionSet collects the options of one record.
type optionSet struct {
	typ, method string
	set         map[string]string
	// counts of the RADIUS lists.
	radius map[string]int
}

func newOptionSet(typ, method string) *optionSet {
	return &optionSet{typ: typ, method: method, set: map[string]string{}, radius: map[string]int{}}
}

// add checks one name=value token.
func (o *optionSet) add(tok string) error {
	name, val, ok := strings.Cut(tok, "=")
	if !ok {
		return fmt.Errorf("authentication option not in name=value format: %s", tok)
	}
	switch name {
	case "clientcert":
		return o.clientCert(val)
	case "clientname":
		return o.clientName(val)
	}
	m, known := optionMethods[name]
	if !known {
		return fmt.Errorf("unrecognized authentication option name: %q", name)
	}
	if !contains(m.methods, o.method) {
		return fmt.Errorf("authentication option %q is only valid for authentication methods %s", name, m.names)
	}
	o.set[name] = val
	return o.value(name, val)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (o *optionSet) clientCert(val string) error {
	if o.typ != "hostssl" {
		return fmt.Errorf("clientcert can only be configured for \"hostssl\" rows")
	}
	switch {
	case val == "verify-full":
	case val == "verify-ca" && o.method == "cert":
		return fmt.Errorf("clientcert only accepts \"verify-full\" when using \"cert\" authentication")
	case val == "verify-ca":
	default:
		return fmt.Errorf("invalid value for clientcert: %q", val)
	}
	return nil
}

func (o *optionSet) clientName(val string) error {
	if o.typ != "hostssl" {
		return fmt.Errorf("clientname can only be configured for \"hostssl\" rows")
	}
	if val != "CN" && val != "DN" {
		return fmt.Errorf("invalid value for clientname: %q", val)
	}
	return nil
}

// value checks the values the server parses when it reads the file.
func (o *optionSet) value(name, val string) error {
	switch name {
	case "ldapport":
		if atoi(val) == 0 {
			return fmt.Errorf("invalid LDAP port number: %q", val)
		}
	case "ldapurl":
		return o.ldapURL(val)
	case "radiusservers", "radiussecrets", "radiusidentifiers", "radiusports":
		items, ok := splitGUCList(val)
		if !ok {
			return fmt.Errorf("could not parse RADIUS list %q", val)
		}
		if name == "radiusports" {
			for _, it := range items {
				if atoi(it) == 0 {
					return fmt.Errorf("invalid RADIUS port number: %q", val)
				}
			}
		}
		o.radius[name] = len(items)
	}
	return nil
}

// ldapURL checks an ldapurl as far as the scheme, and records the parts that count as other
// options (the base DN, the search attribute and filter).
func (o *optionSet) ldapURL(val string) error {
	scheme, rest, ok := strings.Cut(val, "://")
	if !ok {
		return fmt.Errorf("could not parse LDAP URL %q: Bad parameter to an ldap routine", val)
	}
	if scheme != "ldap" && scheme != "ldaps" {
		return fmt.Errorf("unsupported LDAP URL scheme: %s", scheme)
	}
	_, path, hasDN := strings.Cut(rest, "/")
	if !hasDN {
		return nil
	}
	o.set["ldapbasedn"] = path
	parts := strings.Split(path, "?")
	if len(parts) > 1 && parts[1] != "" {
		o.set["ldapsearchattribute"] = parts[1]
	}
	if len(parts) > 3 && parts[3] != "" {
		o.set["ldapsearchfilter"] = parts[3]
	}
	return nil
}

// complete checks the arguments a method needs, once all options are read.
func (o *optionSet) complete() error {
	switch o.method {
	case "ldap":
		return o.completeLDAP()
	case "radius":
		return o.completeRADIUS()
	case "oauth":
		for _, arg := range []string{"scope", "issuer"} {
			if _, ok := o.set[arg]; !ok {
				return fmt.Errorf("authentication method \"oauth\" requires argument %q to be set", arg)
			}
		}
	}
	return nil
}

func (o *optionSet) has(names ...string) bool {
	for _, n := range names {
		if _, ok := o.set[n]; ok {
			return true
		}
	}
	return false
}

func (o *optionSet) completeLDAP() error {
	if o.has("ldapprefix", "ldapsuffix") {
		if o.has("ldapbasedn", "ldapbinddn", "ldapbindpasswd", "ldapsearchattribute", "ldapsearchfilter") {
			return fmt.Errorf("cannot mix options for simple bind and search+bind modes")
		}
	} else if !o.has("ldapbasedn") {
		return fmt.Errorf("authentication method \"ldap\" requires argument \"ldapbasedn\", \"ldapprefix\", or \"ldapsuffix\" to be set")
	}
	if o.has("ldapsearchattribute") && o.has("ldapsearchfilter") {
		return fmt.Errorf("cannot use ldapsearchattribute together with ldapsearchfilter")
	}
	return nil
}

func (o *optionSet) completeRADIUS() error {
	servers, secrets := o.radius["radiusservers"], o.radius["radiussecrets"]
	if servers == 0 {
		return fmt.Errorf("authentication method \"radius\" requires argument \"radiusservers\" to be set")
	}
	if secrets == 0 {
		return fmt.Errorf("authentication method \"radius\" requires argument \"radiussecrets\" to be set")
	}
	if secrets != 1 && secrets != servers {
		return fmt.Errorf("the number of RADIUS secrets (%d) must be 1 or the same as the number of RADIUS servers (%d)", secrets, servers)
	}
	for _, l := range []struct{ key, what string }{{"radiusports", "ports"}, {"radiusidentifiers", "identifiers"}} {
		if n := o.radius[l.key]; n > 1 && n != servers {
			return fmt.Errorf("the number of RADIUS %s (%d) must be 1 or the same as the number of RADIUS servers (%d)", l.what, n, servers)
		}
	}
	return nil
}

// atoi is C's atoi: leading white space, a sign, then as many digits as there are; 0 when
// there are none.
func atoi(s string) int {
	s = strings.TrimLeft(s, " \t\n\v\f\r")
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg, s = s[0] == '-', s[1:]
	}
	n := 0
	for i := 0; i < len(s) && s[i] >= '0' && s[i] <= '9' && n < 1<<31; i++ {
		n = n*10 + int(s[i]-'0')
	}
	if neg {
		return -n
	}
	return n
}

// splitGUCList is the server's SplitGUCList with a comma separator: items may be double-quoted
// ("" for a quote), unquoted items end at a comma or white space, and empty unquoted items
// are a syntax error. An empty string is an empty list.
func splitGUCList(s string) ([]string, bool) {
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
	i := 0
	skip := func() {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
	}
	skip()
	var out []string
	for i < len(s) {
		item, ok := gucItem(s, &i, isSpace)
		if !ok {
			return nil, false
		}
		out = append(out, item)
		skip()
		if i == len(s) {
			break
		}
		if s[i] != ',' {
			return nil, false
		}
		i++
		skip()
		if i == len(s) {
			return nil, false // a separator promises another item
		}
	}
	return out, true
}

// gucItem reads one item of a GUC list at *i.
func gucItem(s string, i *int, isSpace func(byte) bool) (string, bool) {
	if s[*i] == '"' {
		var b strings.Builder
		j := *i + 1
		for {
			k := strings.IndexByte(s[j:], '"')
			if k < 0 {
				return "", false
			}
			b.WriteString(s[j : j+k])
			j += k + 1
			if j < len(s) && s[j] == '"' {
				b.WriteByte('"')
				j++
				continue
			}
			break
		}
		*i = j
		return b.String(), true
	}
	start := *i
	for *i < len(s) && s[*i] != ',' && !isSpace(s[*i]) {
		(*i)++
	}
	return s[start:*i], *i > start
}
