package rules

import "github.com/pgtlslint/pgtlslint/rules/drivers"

// Server-side settings: what the PostgreSQL server itself reads (pg_hba.conf, postgresql.conf,
// ALTER SYSTEM, its command line, the official image's environment). Analyzers describe them
// with the types below; EvaluateHBA and EvaluateServer turn them into findings of rules
// PGTLS101–121. No client driver is involved: findings name the server as the reader.

// ServerDriver is the Driver of server-side findings; ServerDriverName says it in words.
const (
	ServerDriver     drivers.ID = "postgresql-server"
	ServerDriverName string     = "PostgreSQL server"
)

// HBAField is one token of a pg_hba.conf record, or one item of a comma-separated list.
type HBAField struct {
	// Text is the token as the server reads it: quotes removed.
	Text string
	// Quoted is true when a double quote comes before the token's first character, which is
	// what the server tests: "all" (and ""all) name a database or role called all, not the
	// keyword, while a"ll" is still the keyword.
	Quoted bool
	// Span is where the token is written, quotes included.
	Span Span
}

// HBARecord is one record of a pg_hba.conf file: one line, or several joined by backslash
// continuations.
type HBARecord struct {
	Path string
	// Type is local, host, hostssl, hostnossl, hostgssenc or hostnogssenc.
	Type      HBAField
	Databases []HBAField
	Users     []HBAField
	// Address is nil for local records. Mask is the separate netmask of the
	// "address mask" form (10.0.0.0 255.0.0.0), nil otherwise.
	Address *HBAField
	Mask    *HBAField
	Method  HBAField
	// Options are the name=value auth options after the method (clientcert=verify-full).
	Options []HBAField
	// Span covers the whole record.
	Span Span
	// Editor makes fix edits; nil means the record cannot be edited safely.
	Editor HBAEditor
}

// HBAEditor makes fix edits to one record.
type HBAEditor interface {
	// Replace returns the edits that put text in place of field f, keeping the fields after
	// it in their columns where the whitespace allows.
	Replace(f HBAField, text string) []Edit
}

// ServerOrigin says where a server setting was written; messages and evidence name it.
type ServerOrigin string

// The origins of server settings.
const (
	OriginConfFile     ServerOrigin = "postgresql.conf"
	OriginAlterSystem  ServerOrigin = "ALTER SYSTEM"
	OriginCommandLine  ServerOrigin = "postgres command line"
	OriginContainerEnv ServerOrigin = "postgres image environment"
)

// ServerSetting is one setting the server reads: a configuration parameter (ssl,
// listen_addresses, ssl_min_protocol_version, password_encryption), or for
// OriginContainerEnv an environment variable of the official image
// (POSTGRES_HOST_AUTH_METHOD).
type ServerSetting struct {
	// Name is the parameter's name in lower case (parameter names are case-insensitive), or
	// the environment variable's name as written.
	Name string
	// Value is what the server reads: quotes removed, escapes decoded.
	Value string
	// Pair spans the whole setting (name, separator, value); Val the value as written.
	Pair Span
	Val  Span
	// SetValue, when not nil, returns the edits that make the setting read v; the editor
	// quotes v as the syntax needs.
	SetValue func(v string) []Edit
}

// ServerConfig is the settings one file (or one command line) gives a server, in the order
// written: a later setting of the same name wins.
type ServerConfig struct {
	Path     string
	Origin   ServerOrigin
	Settings []ServerSetting
	// Complete means the settings are the whole of the server's configuration file (a
	// postgresql.conf with no include directives): a parameter it does not set is at the
	// server's default (ssl off, listen_addresses localhost).
	Complete bool
	// Local marks the ephemeral test databases of CI workflow files
	// (docs/rules.md#local-targets): no finding.
	Local bool
}
