// Package drivers is the driver table: everything pgtlslint knows about each PostgreSQL client
// driver, as data, in one entry per driver (one file per driver or family):
//
//   - how to recognise it: the packages that bring it into a project (npm, PyPI, Maven, Go
//     modules, crates, gems), the modules source files import, the calls that open connections
//     with it, the names frameworks use for it, the URL dialects that select it;
//   - what it does with TLS settings: its default mode, what every mode means, which spellings
//     and cases it accepts, which environment variables it reads, where its CA comes from, how
//     verification gets switched off (the entry's resolver, Resolve);
//   - how to fix it, in its own spelling: the key and value of a verified mode, the CA step,
//     the fix text (Secure);
//   - the sources (driver code or docs, with the version read) that prove each fact.
//
// Analyzers and rules ask the table; none keeps a list of packages, modules, calls or
// environment variables of its own, and nothing outside this package switches on driver ids.
// docs/drivers.md is generated from the table (go generate ./rules/...).
//
// The package does no I/O.
package drivers

import (
	"sort"
	"strings"
)

//go:generate go run ../../internal/gendocs -drivers ../../docs/drivers.md

// ID names a driver. IDs are stable: they appear in JSON and SARIF output and in --driver.
type ID string

// The drivers' IDs are declared in the files of their entries.

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

// Driver is one entry of the table.
type Driver struct {
	ID       ID
	Name     string   // how messages name it
	Aliases  []string // other names accepted by --driver
	Language string   // the language of its users' code, as people write it ("Go", "C#")
	// Family is the driver whose TLS semantics this one inherits (psycopg2 → libpq), or "".
	Family ID
	// Syntaxes are the connection-string syntaxes the driver reads; a syntax only one driver
	// reads (jdbc, adonet, r2dbc, pdo) names that driver (ReaderOf).
	Syntaxes []string

	// Recognition: each name is written here and nowhere else (see identify.go).
	Packages []Package // dependencies of a manifest that bring the driver in
	Modules  []Module  // modules a source file imports
	Calls    []Call    // calls that open a connection with the driver
	// FrameworkNames are the values by which framework configs select the driver (Knex's
	// client, TypeORM's type, Sequelize's dialect).
	FrameworkNames []string
	// EngineWords are words a framework's engine setting holds when it names a backend of
	// the driver (Django's ENGINE: django.db.backends.postgresql, a third-party
	// ...postgresql_backend, GeoDjango's ...postgis).
	EngineWords []string
	// SQLDrivers are the names the driver registers with Go's database/sql, and SQLDriverSays
	// how evidence calls such a name.
	SQLDrivers    []string
	SQLDriverSays string
	// TLSConfigTypes are the Go types of the driver with a TLSConfig field it uses as given
	// (pgx's Config, ConnConfig, FallbackConfig).
	TLSConfigTypes []string
	// Dialects are SQLAlchemy URL dialects (postgresql+NAME://) that hand the URL to it.
	Dialects []string
	// Programs are command-line programs that are the driver (psql): a connection on their
	// command line is its.
	Programs []string
	// MarkerKeys and MarkerModes are keys (lower case, blanks removed) and mode values of its
	// syntax that only this driver has: they tell its ADO.NET strings from SQL Server's and
	// MySQL's, which share the grammar and most keys.
	MarkerKeys, MarkerModes []string

	// Semantics.
	// Default is the effective mode when nothing sets one, and DefaultText says it in words.
	Default     Mode
	DefaultText string
	// Modes maps each sslmode the driver accepts to what it does.
	Modes map[Mode]Behavior
	// CaseInsensitive is true when mode values are matched without regard to case.
	CaseInsensitive bool
	// RequireHonoursRootCert: `require` with a CA given checks the chain (verify-ca).
	RequireHonoursRootCert bool
	// Env lists the environment variables the driver reads for TLS (see env.go for what each
	// one sets).
	Env []string
	// Keywords are the keyword arguments of its connect calls that carry connection settings
	// (psycopg hands these to libpq; asyncpg.connect has its own).
	Keywords []string
	// ContextArg is the keyword argument that takes an ssl.SSLContext built in code, or "".
	ContextArg string
	// FillsServerName: a tls.Config set in code gets ServerName from the host (lib/pq); pgx
	// uses such a config as it is.
	FillsServerName bool
	// InvalidMode is the driver's own error for an sslmode it does not accept (a format with
	// one %q verb for the value).
	InvalidMode string

	// CA handling.
	// CAParam names the CA setting and DefaultCA where the driver looks when none is given.
	CAParam   string
	DefaultCA string
	// NeedsCAFile is true when verify-ca/verify-full fail unless a CA file is given or the
	// default file exists (no system store fallback).
	NeedsCAFile bool
	// CAStep is the sentence a fix adds when no CA is named: where the driver finds the CA.
	CAStep string
	// CAOther is what else names a CA besides sslrootcert=/path (PGTLS005's fix), "" for
	// nothing else.
	CAOther string
	// SystemRoot says whether sslrootcert=system selects the system trust store.
	SystemRoot     bool
	SystemRootText string

	// The fix.
	// ModeKeys are the keys that carry the mode in the driver's spelling, the first the one a
	// fix writes; a mode written under another of them keeps its key.
	ModeKeys []string
	// ModeKeyAsWritten: keys match without regard to case or spaces (ADO.NET), so a fix keeps
	// the key as written.
	ModeKeyAsWritten bool
	// ViaModeKey is the key a framework uses instead (SQLAlchemy hands asyncpg ?ssl=).
	ViaModeKey map[string]string
	// SecureValue is the mode value that asks for full verification, in its spelling.
	SecureValue string
	// Disablers lists the ways verification gets switched off or weakened.
	Disablers []string
	// FixText is the minimal secure setting in this driver's syntax.
	FixText string

	// resolve works out the Effect of an Input (resolve.go); secure adds the driver's own
	// operations and text to a fix plan and reports whether it made the whole plan (fix.go).
	resolve func(d *Driver, in *Input, e *Effect)
	secure  func(d *Driver, in Input, e Effect, p *Plan) bool

	// Sources prove the facts above.
	Sources []Source
}

// libpqModes is libpq's table (docs/drivers.md#libpq) without a root certificate file.
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

func register(d *Driver) *Driver {
	if _, dup := registry[d.ID]; dup {
		panic("drivers: " + string(d.ID) + " registered twice")
	}
	if d.resolve == nil {
		panic("drivers: " + string(d.ID) + " has no resolver")
	}
	if len(d.ModeKeys) == 0 {
		d.ModeKeys = []string{"sslmode"}
	}
	registry[d.ID] = d
	return d
}

// Lookup finds a driver by ID or alias, case-insensitively.
func Lookup(name string) (*Driver, bool) {
	n := strings.ToLower(strings.TrimSpace(name))
	if d, ok := registry[ID(n)]; ok {
		return d, true
	}
	for _, d := range All() {
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

// Base is the driver whose semantics d inherits (psycopg2's libpq, Prisma 7's node-postgres),
// or d itself.
func (d *Driver) Base() *Driver {
	if d.Family != "" {
		return Get(d.Family)
	}
	return d
}

// ReadsNodeOptions reports whether the driver takes node-postgres' options objects (pg itself,
// and what hands its config to pg).
func (d *Driver) ReadsNodeOptions() bool {
	return d.ID == NodePostgres || d.Family == NodePostgres
}

// OnNode reports whether the driver runs on Node.js, whose NODE_TLS_REJECT_UNAUTHORIZED
// applies to it.
func (d *Driver) OnNode() bool { return d.Language == "JavaScript" }

// NodeTLSReader is the driver a NODE_TLS_REJECT_UNAUTHORIZED setting is reported for: the
// project's driver (hint, with its evidence) when it runs on Node.js, else node-postgres, since
// the variable is Node's own and the file or project talks to PostgreSQL.
func NodeTLSReader(hint ID, evidence string) (ID, string) {
	if d, ok := Lookup(string(hint)); ok && d.OnNode() {
		return hint, evidence
	}
	why := "a PostgreSQL connection in the same file"
	if evidence != "" {
		why = evidence
	}
	return NodePostgres, "NODE_TLS_REJECT_UNAUTHORIZED is read by Node.js; node-postgres assumed (" + why + ")"
}

// ReaderOf returns the one driver that reads a syntax no other driver reads (jdbc, adonet,
// r2dbc, pdo), or nil.
func ReaderOf(syntax string) *Driver {
	var found *Driver
	for _, d := range All() {
		for _, s := range d.Syntaxes {
			if s != syntax {
				continue
			}
			if found != nil {
				return nil
			}
			found = d
		}
	}
	return found
}
