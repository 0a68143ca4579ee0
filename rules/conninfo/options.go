package conninfo

// DefaultLibpqVersion is the libpq major version the parsers imitate unless told otherwise: the
// newest release, because a linter should accept what current clients accept.
const DefaultLibpqVersion = 18

// Oldest and newest libpq major versions the keyword table describes. Versions outside the range
// are clamped to it.
const (
	minLibpqVersion = 12
	maxLibpqVersion = 19
)

// Option changes how the libpq parsers behave.
type Option func(*options)

type options struct {
	libpq    int  // libpq major version
	anyParam bool // accept every keyword and skip libpq's rewrites
}

// WithLibpqVersion makes ParseURI, ParseKeywordValue and Parse behave like libpq of the given
// major version: the set of accepted keywords differs between releases (libpq 15 rejects
// sslnegotiation, libpq 14 rejects authtype), and so does URI percent-decoding (libpq 18 trims
// and rejects unencoded spaces). Versions below 12 are treated as 12 and above 19 as 19.
func WithLibpqVersion(major int) Option {
	return func(o *options) { o.libpq = major }
}

// WithAnyParameter makes ParseURI, ParseKeywordValue and Parse read the libpq grammars for a
// program that is not libpq but borrows its syntax (pgx, lib/pq, node-postgres, asyncpg...):
// every keyword is accepted and kept as written, and libpq's own rewrites are not applied, so
// URI ssl=true stays Name "ssl" with Value "true" and requiressl stays requiressl. Grammar errors
// (quotes, '=', percent-encoding, IPv6 brackets) are still reported with libpq's messages.
func WithAnyParameter() Option {
	return func(o *options) { o.anyParam = true }
}

func buildOptions(opts []Option) options {
	o := options{libpq: DefaultLibpqVersion}
	for _, f := range opts {
		if f != nil {
			f(&o)
		}
	}
	if o.libpq < minLibpqVersion {
		o.libpq = minLibpqVersion
	}
	if o.libpq > maxLibpqVersion {
		o.libpq = maxLibpqVersion
	}
	return o
}

// libpqKeyword is one entry of libpq's PQconninfoOptions array.
type libpqKeyword struct {
	name  string
	since int // first major version that accepts it (12 means "12 or earlier")
	until int // first major version that rejects it again; 0 if still accepted
}

// libpqKeywords lists PQconninfoOptions in libpq's own order, from REL_12 to REL_18 (and the
// servicefile keyword that master added after the REL_18 branch). Sources: fe-connect.c of 12.0,
// 14.3, 15 (checked against PQconndefaults of the installed libpq 15 by the oracle test), an
// early-2025 master snapshot and the REL_18-era tree with the OAuth options.
//
// Two build-dependent entries are recorded as a Linux build with GSSAPI (Debian, RHEL, the
// official images) has them: before 14, krbsrvname existed only with GSSAPI or SSPI and gsslib
// only with both (that is, on Windows); from 14 on, all GSS options are always present.
var libpqKeywords = []libpqKeyword{
	{name: "authtype", until: 14},
	{name: "service"},
	{name: "servicefile", since: 19},
	{name: "user"},
	{name: "password"},
	{name: "passfile"},
	{name: "channel_binding", since: 13},
	{name: "connect_timeout"},
	{name: "dbname"},
	{name: "host"},
	{name: "hostaddr"},
	{name: "port"},
	{name: "client_encoding"},
	{name: "tty", until: 14},
	{name: "options"},
	{name: "application_name"},
	{name: "fallback_application_name"},
	{name: "keepalives"},
	{name: "keepalives_idle"},
	{name: "keepalives_interval"},
	{name: "keepalives_count"},
	{name: "tcp_user_timeout"},
	{name: "sslmode"},
	{name: "sslnegotiation", since: 17},
	{name: "sslcompression"},
	{name: "sslcert"},
	{name: "sslkey"},
	{name: "sslcertmode", since: 16},
	{name: "sslpassword", since: 13},
	{name: "sslrootcert"},
	{name: "sslcrl"},
	{name: "sslcrldir", since: 14},
	{name: "sslsni", since: 14},
	{name: "requirepeer"},
	{name: "require_auth", since: 16},
	{name: "min_protocol_version", since: 18},
	{name: "max_protocol_version", since: 18},
	{name: "ssl_min_protocol_version", since: 13},
	{name: "ssl_max_protocol_version", since: 13},
	{name: "gssencmode"},
	{name: "krbsrvname"},
	{name: "gsslib", since: 14},
	{name: "gssdelegation", since: 16},
	{name: "replication"},
	{name: "target_session_attrs"},
	{name: "load_balance_hosts", since: 16},
	{name: "scram_client_key", since: 18},
	{name: "scram_server_key", since: 18},
	{name: "oauth_issuer", since: 18},
	{name: "oauth_client_id", since: 18},
	{name: "oauth_client_secret", since: 18},
	{name: "oauth_scope", since: 18},
	{name: "sslkeylogfile", since: 18},
}

func (k libpqKeyword) validIn(major int) bool {
	return (k.since == 0 || major >= k.since) && (k.until == 0 || major < k.until)
}

// isLibpqKeyword reports whether libpq of the given major version has keyword in its
// PQconninfoOptions. The comparison is case-sensitive, as libpq's strcmp is.
func isLibpqKeyword(keyword string, major int) bool {
	for _, k := range libpqKeywords {
		if k.name == keyword {
			return k.validIn(major)
		}
	}
	return false
}

// LibpqKeywords returns the keywords libpq of the given major version accepts in a connection
// string, in PQconninfoOptions order. The pseudo-keyword requiressl, which libpq rewrites to
// sslmode before looking it up, is not among them.
func LibpqKeywords(major int) []string {
	o := buildOptions([]Option{WithLibpqVersion(major)})
	var out []string
	for _, k := range libpqKeywords {
		if k.validIn(o.libpq) {
			out = append(out, k.name)
		}
	}
	return out
}

// IsLibpqKeyword reports whether libpq of the given major version accepts keyword (exact case).
func IsLibpqKeyword(keyword string, major int) bool {
	return isLibpqKeyword(keyword, buildOptions([]Option{WithLibpqVersion(major)}).libpq)
}
