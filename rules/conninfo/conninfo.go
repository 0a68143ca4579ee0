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
	// pgjdbc property name for JDBC, and for ADO.NET the libpq keyword of the same meaning where
	// there is one ("SSL Mode" → "sslmode", "Root Certificate" → "sslrootcert", "Username" →
	// "user") or else the key lower-cased with spaces removed ("trustservercertificate").
	Name string
	// Written is the key as written, after percent-decoding ("ssl", "requiressl", "SSL Mode").
	// For URI components outside the query it is the component: "user", "password", "host",
	// "port", "dbname".
	Written string
	// Value is the value the reader ends up with, after unquoting, unescaping, percent-decoding
	// and libpq's rewrites (URI ssl=true gives "require").
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

// Host is one host of a (possibly multi-host) connection string.
type Host struct {
	Name     string // decoded; "" for a URI without host (Unix socket default)
	Port     string
	Span     Span // the host as written (brackets of IPv6 included); empty at its position if absent
	PortSpan Span
}

// Error is the reason the reader rejects a string. For URI and keyword=value input the message is
// libpq's, without the trailing newline.
type Error struct {
	Msg    string
	Offset int // byte offset the error refers to, or -1
}

func (e *Error) Error() string { return e.Msg }

// ConnString is a parsed connection string.
type ConnString struct {
	Input  string
	Syntax Syntax
	// Params in input order, repeats included. Lookup applies "last one wins".
	Params []Param
	// Hosts in order: from the URI host list, from host= in keyword strings (split at commas,
	// with port= matched by position), from the JDBC host list, or from Host= in ADO.NET.
	Hosts []Host
	// Err is non-nil when the reader rejects the string; Params then holds what was parsed
	// before the error.
	Err *Error
}

// Edit replaces the bytes [Start, End) of the input with NewText.
type Edit struct {
	Start, End int
	NewText    string
}
