// Package conninfo parses PostgreSQL connection strings the way the software that reads them
// does: libpq URIs and keyword=value strings exactly as libpq's PQconninfoParse, JDBC URLs as
// pgjdbc, and ADO.NET strings as Npgsql. Every parameter keeps the byte spans of its key and value
// in the input, so that findings point at the right bytes and fixes replace exactly them.
//
// The package does no I/O.
package conninfo

// Syntax names the grammar a connection string is written in.
type Syntax string

// The syntaxes the parsers understand.
const (
	SyntaxURI     Syntax = "uri"     // libpq URI: postgres:// or postgresql://
	SyntaxKeyword Syntax = "keyword" // libpq keyword=value
	SyntaxJDBC    Syntax = "jdbc"    // jdbc:postgresql:...
	SyntaxADONET  Syntax = "adonet"  // Npgsql Key=Value;Key=Value
)

// Span is a half-open byte range [Start, End) in the parsed input.
type Span struct {
	Start, End int
}

// Len returns the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Param is one parameter as the input sets it.
type Param struct {
	// Name is the canonical parameter name: the libpq keyword for URI and keyword=value input
	// (after libpq's own rewrites: URI ssl=true and keyword requiressl both set "sslmode"), the
	// pgjdbc property name for JDBC (PGHOST, PGPORT and PGDBNAME for the URL's host list, port
	// list and database, and for host=, port= and dbname= in the query, which pgjdbc translates
	// in any case), and for ADO.NET the libpq keyword of the same meaning where there is one
	// ("SSL Mode" → "sslmode", "Root Certificate" → "sslrootcert", "Username" → "user",
	// "Timeout" → "connect_timeout") or else the display name lower-cased with spaces removed
	// ("trustservercertificate"); an ADO.NET key Npgsql does not know is lower-cased with
	// spaces removed.
	Name string
	// Written is the key as written, after percent-decoding ("ssl", "requiressl", "SSL Mode").
	// For URI components outside the query it is the component: "user", "password", "host",
	// "port", "dbname".
	Written string
	// Value is the value the reader ends up with, after unquoting, unescaping, percent-decoding
	// and libpq's rewrites (URI ssl=true gives "require"). For ADO.NET enum properties it is the
	// member name Npgsql ends up with ("verifyfull" gives "VerifyFull"), for booleans "true" or
	// "false", and "" for a key given without a value, which resets the property.
	Value string
	// RawValue is the decoded value as written, before rewrites ("true" for ssl=true).
	RawValue string
	// Key spans the key in the input; empty (Start == End) for URI components that have none.
	Key Span
	// Val spans the value in the input, quotes included (empty span at its position when empty).
	Val Span
	// Pair spans the whole item: key, separator and value, without the surrounding delimiters.
	// For URI components it equals Val.
	Pair Span
	// InQuery is true for URI and JDBC query parameters.
	InQuery bool
}

// Host is one host of a (possibly multi-host) connection string, as the reader will try it.
// libpq strings without a host have one Host with the empty Name (libpq's default: PGHOST or
// the Unix socket); JDBC URLs without one have localhost:5432 (pgjdbc's default); ADO.NET strings
// without Host have none (Npgsql refuses to connect).
type Host struct {
	Name     string // decoded, IPv6 without brackets; "" for a URI without host (Unix socket default)
	Port     string // the port paired with this host ("" when the reader uses its default)
	Span     Span   // the host as written (brackets of IPv6 included); empty at its position if absent
	PortSpan Span   // the port as written; for a list given in one value, the whole value
}

// Error is the reason the reader rejects a string. For URI and keyword=value input the message is
// libpq's, without the trailing newline; libpq quotes the offending part, which can be a
// password, so show ConnString.RedactedError rather than Msg.
type Error struct {
	Msg    string
	Offset int // byte offset the error refers to, or -1
}

// Error returns Msg, so that *Error can be used as an error.
func (e *Error) Error() string { return e.Msg }

// ConnString is a parsed connection string.
type ConnString struct {
	Input  string
	Syntax Syntax
	// Params in input order, repeats included. Lookup applies "last one wins".
	Params []Param
	// Hosts in order: from the URI host list, from host= in keyword strings (split at commas,
	// with port= matched by position), from the JDBC host list, or from Host= in ADO.NET. A
	// later host= (PGHOST) parameter replaces the list, as it does for the reader.
	Hosts []Host
	// Err is non-nil when the reader rejects the string; Params then holds what was parsed
	// before the error.
	Err *Error

	libpq    int         // libpq major version the string was parsed for (URI, keyword)
	anyParam bool        // parsed WithAnyParameter
	uri      *uriLayout  // where the parts of a URI are
	jdbc     *jdbcLayout // where the parts of a JDBC URL are
}

// Edit replaces the bytes [Start, End) of the input with NewText; ApplyEdits applies a list.
type Edit struct {
	Start, End int
	NewText    string
}
