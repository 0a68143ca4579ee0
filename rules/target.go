package rules

import (
	"net/netip"
	"path"
	"regexp"
	"strings"

	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// Param is one setting of a Target, with where it sits in the file.
type Param struct {
	drivers.Setting
	// Val spans the value; Pair the key, separator and value.
	Val  Span
	Pair Span
}

// Host is one host a connection goes to.
type Host struct {
	Name    string
	Span    Span
	Dynamic bool
}

// Editor turns a fix plan into byte edits of the file. Analyzers supply one per syntax (a
// connection string, an options object, keyword arguments).
type Editor interface {
	Apply(ops []drivers.Op) ([]Edit, bool)
}

// Target is one configured connection, as an analyzer found it.
type Target struct {
	Path string
	// Driver that reads the settings; "" means nothing says, and libpq semantics apply.
	Driver drivers.ID
	// Evidence says why that driver ("import of github.com/lib/pq", "URL scheme
	// postgresql+asyncpg").
	Evidence string
	// Syntax and Via are passed to the driver: see drivers.Input.
	Syntax string
	Via    string
	Params []Param
	// Hosts the connection goes to; none means the host is omitted (libpq: the Unix socket),
	// unless HostUnknown says the host is set somewhere this target does not see.
	Hosts       []Host
	HostUnknown bool
	// Local marks a connection known to need no TLS whatever its host says: the ephemeral
	// databases of CI workflow files (docs/rules.md#local-targets).
	Local bool
	// Fragment marks settings that apply to connections configured elsewhere (PGSSLMODE in an
	// env file, NODE_TLS_REJECT_UNAUTHORIZED): rules about missing settings do not apply.
	Fragment bool
	// Env holds environment variables known to apply (PGSSLMODE ...).
	Env map[string]string
	// Anchor is where a finding about a missing setting sits: the connection string, or the
	// line of the host of an options object.
	Anchor Span
	// Secrets are spans holding secrets, carried into every finding of this target.
	Secrets []Span
	Editor  Editor
}

// Options are the user's settings that change what Evaluate reports.
type Options struct {
	// TrustedHosts are host globs (path.Match syntax, "*.internal") that need no TLS.
	TrustedHosts []string
	// LocalServices are single-label host names known to be containers on the same host
	// (services of a Compose file in the repository).
	LocalServices []string
}

// param returns the last param whose written key is key.
func (t *Target) param(key string) (Param, bool) {
	for i := len(t.Params) - 1; i >= 0; i-- {
		if t.Params[i].Written == key {
			return t.Params[i], true
		}
	}
	return Param{}, false
}

// paramByName returns the last param with the canonical name.
func (t *Target) paramByName(name string) (Param, bool) {
	for i := len(t.Params) - 1; i >= 0; i-- {
		if t.Params[i].Name == name {
			return t.Params[i], true
		}
	}
	return Param{}, false
}

func (t *Target) input() drivers.Input {
	in := drivers.Input{Syntax: t.Syntax, Via: t.Via, Env: t.Env}
	for _, p := range t.Params {
		in.Settings = append(in.Settings, p.Setting)
	}
	return in
}

// placeholder matches values that are filled in later: ${VAR}, $VAR, $(cmd), {{ tpl }}, <%= erb %>,
// %s, %(name)s, {name}, <name>, env(...).
var placeholder = regexp.MustCompile(`\$\{|\$[A-Za-z_]|\$\(|\{\{|<%|%[-+# 0-9.]*[svdqxX]|%\([A-Za-z_]+\)|\{[A-Za-z_][A-Za-z0-9_.]*\}|<[A-Za-z_][A-Za-z0-9_ -]*>|(?i:env)\(`)

// IsDynamic reports whether a value is a placeholder or reference rather than a literal.
func IsDynamic(v string) bool {
	return placeholder.MatchString(v)
}

// hostIsLocal reports whether a literal host needs no TLS: Unix sockets, loopback, localhost,
// trusted globs and local container names.
func hostIsLocal(h string, opt Options) bool {
	if h == "" || strings.HasPrefix(h, "/") || strings.HasPrefix(h, "@") {
		return true
	}
	name := strings.TrimSuffix(strings.ToLower(h), ".")
	name = strings.TrimSuffix(strings.TrimPrefix(name, "["), "]")
	if isLoopbackName(name) {
		return true
	}
	for _, g := range opt.TrustedHosts {
		if ok, _ := path.Match(strings.ToLower(g), name); ok {
			return true
		}
	}
	if !strings.Contains(name, ".") {
		for _, s := range opt.LocalServices {
			if strings.EqualFold(s, name) {
				return true
			}
		}
	}
	return false
}

// isLoopbackName reports whether a lower-case host name or address always means this machine:
// localhost and *.localhost (RFC 6761), 127.0.0.0/8 and ::1 (also IPv4-mapped). Client hosts,
// pg_hba.conf host names and listen_addresses items all use it.
func isLoopbackName(name string) bool {
	if name == "localhost" || strings.HasSuffix(name, ".localhost") {
		return true
	}
	ip, err := netip.ParseAddr(name)
	return err == nil && ip.Unmap().IsLoopback()
}

// locality is what the hosts of a target say about needing TLS.
type locality struct {
	local    bool // every host is local (or the host is omitted)
	explicit bool // every host is local and at least one is written out
}

func (t *Target) locality(opt Options) locality {
	if t.Local {
		return locality{local: true, explicit: true}
	}
	if len(t.Hosts) == 0 {
		return locality{local: !t.HostUnknown}
	}
	written := false
	for _, h := range t.Hosts {
		if h.Dynamic || !hostIsLocal(h.Name, opt) {
			return locality{}
		}
		if h.Name != "" {
			written = true
		}
	}
	return locality{local: true, explicit: written}
}
