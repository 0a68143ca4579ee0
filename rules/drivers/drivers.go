// Package drivers holds what each PostgreSQL client driver does with TLS settings: its default
// sslmode, what every mode means for it, where its CA comes from, how verification gets switched
// off, and the fix in its own syntax. The facts and their sources are in shared/drivers.md; the
// section of that file behind each driver is in Driver.Source.
//
// The package does no I/O.
package drivers

import (
	"sort"
	"strings"
)

// ID names a driver. IDs are stable: they appear in JSON and SARIF output and in --driver.
type ID string

// The drivers pgtlslint knows.
const (
	Libpq         ID = "libpq"
	Psycopg2      ID = "psycopg2"
	Psycopg       ID = "psycopg"
	Django        ID = "django"
	SQLAlchemy    ID = "sqlalchemy"
	Asyncpg       ID = "asyncpg"
	NodePostgres  ID = "node-postgres"
	PostgresJS    ID = "postgres.js"
	Prisma        ID = "prisma"
	Prisma7       ID = "prisma7"
	LibPQGo       ID = "lib/pq"
	Pgx           ID = "pgx"
	PHP           ID = "php-pgsql"
	Pgjdbc        ID = "pgjdbc"
	R2DBC         ID = "r2dbc"
	Npgsql        ID = "npgsql"
	TokioPostgres ID = "tokio-postgres"
	Sqlx          ID = "sqlx"
	Martin        ID = "martin"
)

// Mode is an sslmode in libpq's vocabulary. Drivers with other spellings (Npgsql's VerifyFull,
// pg's ssl: true) are translated into it by Resolve.
type Mode string

// The libpq modes, weakest first.
const (
	ModeDisable    Mode = "disable"
	ModeAllow      Mode = "allow"
	ModePrefer     Mode = "prefer"
	ModeRequire    Mode = "require"
	ModeVerifyCA   Mode = "verify-ca"
	ModeVerifyFull Mode = "verify-full"
)

// Modes lists the libpq modes, weakest first.
var Modes = []Mode{ModeDisable, ModeAllow, ModePrefer, ModeRequire, ModeVerifyCA, ModeVerifyFull}

// Encryption says whether a connection will be encrypted.
type Encryption string

// Encryption values.
const (
	EncryptNever  Encryption = "no"
	EncryptMaybe  Encryption = "maybe" // depends on the server: may end up in plaintext
	EncryptAlways Encryption = "yes"
)

// Behavior is what a driver does on the wire with one setting.
type Behavior struct {
	Encrypts     Encryption `json:"encrypts"`
	VerifiesCA   bool       `json:"verifies_ca"`
	VerifiesHost bool       `json:"verifies_host"`
	// Fallback is true when the driver may end up sending plaintext although TLS was tried
	// or is possible (prefer, allow).
	Fallback bool `json:"plaintext_fallback"`
}

// Driver is the static description of one driver.
type Driver struct {
	ID       ID
	Name     string   // how messages name it
	Aliases  []string // other names accepted by --driver
	Language string
	// Family is the driver whose TLS semantics this one inherits (psycopg2 → libpq), or "".
	Family ID
	// Syntaxes are the connection-string syntaxes the driver reads.
	Syntaxes []string
	// Default is the effective mode when nothing sets one, and DefaultText says it in words.
	Default     Mode
	DefaultText string
	// Modes maps each sslmode the driver accepts to what it does.
	Modes map[Mode]Behavior
	// CaseInsensitive is true when mode values are matched without regard to case.
	CaseInsensitive bool
	// RequireHonoursRootCert: `require` with a CA given checks the chain (verify-ca).
	RequireHonoursRootCert bool
	// CAParam names the CA setting and DefaultCA where the driver looks when none is given.
	CAParam   string
	DefaultCA string
	// NeedsCAFile is true when verify-ca/verify-full fail unless a CA file is given or the
	// default file exists (no system store fallback).
	NeedsCAFile bool
	// SystemRoot says whether sslrootcert=system selects the system trust store.
	SystemRoot     bool
	SystemRootText string
	// Disablers lists the ways verification gets switched off or weakened.
	Disablers []string
	// FixText is the minimal secure setting in this driver's syntax.
	FixText string
	// Env lists the environment variables the driver reads for TLS.
	Env []string
	// Source is the section of drivers.md behind these facts.
	Source string
}

// libpqModes is libpq's table (drivers.md §3.1) without a root certificate file.
var libpqModes = map[Mode]Behavior{
	ModeDisable:    {Encrypts: EncryptNever},
	ModeAllow:      {Encrypts: EncryptMaybe, Fallback: true},
	ModePrefer:     {Encrypts: EncryptMaybe, Fallback: true},
	ModeRequire:    {Encrypts: EncryptAlways},
	ModeVerifyCA:   {Encrypts: EncryptAlways, VerifiesCA: true},
	ModeVerifyFull: {Encrypts: EncryptAlways, VerifiesCA: true, VerifiesHost: true},
}

// copyModes returns a copy of m with the given overrides.
func copyModes(m map[Mode]Behavior, over map[Mode]Behavior) map[Mode]Behavior {
	out := make(map[Mode]Behavior, len(m))
	for k, v := range m {
		out[k] = v
	}
	for k, v := range over {
		out[k] = v
	}
	return out
}

var verified = Behavior{Encrypts: EncryptAlways, VerifiesCA: true, VerifiesHost: true}

var registry = map[ID]*Driver{}

func register(d *Driver) {
	registry[d.ID] = d
}

// Lookup finds a driver by ID or alias, case-insensitively.
func Lookup(name string) (*Driver, bool) {
	n := strings.ToLower(strings.TrimSpace(name))
	if d, ok := registry[ID(n)]; ok {
		return d, true
	}
	for _, d := range registry {
		for _, a := range d.Aliases {
			if a == n {
				return d, true
			}
		}
	}
	return nil, false
}

// For returns the driver that reads settings attributed to id: libpq when id is "" (nothing
// names a driver, so libpq semantics apply) or not a known driver.
func For(id ID) *Driver {
	if d, ok := Lookup(string(id)); ok && id != "" {
		return d
	}
	return registry[Libpq]
}

// Get returns the driver with the given ID; it panics on an unknown ID, which is a programming
// error.
func Get(id ID) *Driver {
	d, ok := registry[id]
	if !ok {
		panic("drivers: unknown driver " + string(id))
	}
	return d
}

// All returns every driver sorted by ID.
func All() []*Driver {
	out := make([]*Driver, 0, len(registry))
	for _, d := range registry {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Names returns every ID and alias, sorted, for help texts.
func Names() []string {
	var out []string
	for _, d := range registry {
		out = append(out, string(d.ID))
		out = append(out, d.Aliases...)
	}
	sort.Strings(out)
	return out
}

// LibpqFamily reports whether the driver hands the settings to libpq unchanged.
func (d *Driver) LibpqFamily() bool {
	return d.ID == Libpq || d.Family == Libpq
}

// NodeTLSReader is the driver a NODE_TLS_REJECT_UNAUTHORIZED setting is reported for: the
// project's driver (hint, with its evidence) when it runs on Node.js, else node-postgres, since
// the variable is Node's own and the file or project talks to PostgreSQL.
func NodeTLSReader(hint ID, evidence string) (ID, string) {
	if d, ok := Lookup(string(hint)); ok && d.Language == "JavaScript" {
		return hint, evidence
	}
	why := "a PostgreSQL connection in the same file"
	if evidence != "" {
		why = evidence
	}
	return NodePostgres, "NODE_TLS_REJECT_UNAUTHORIZED is read by Node.js; node-postgres assumed (" + why + ")"
}
