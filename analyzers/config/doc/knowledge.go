package doc

import (
	"regexp"

	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// Driver knowledge the config analysis uses, each table once, until the driver table
// (rules/drivers) holds it: which environment variables configure PostgreSQL clients and which
// libpq parameter each one is, which programs are libpq's, what marks an ADO.NET string as
// Npgsql's, which drivers read a Java datasource and which one sequelize hands its options to.

// NodeTLSVar turns off Node.js certificate checks for every TLS client of the process.
const NodeTLSVar = "NODE_TLS_REJECT_UNAUTHORIZED"

// HostVar is libpq's variable for the host.
const HostVar = "PGHOST"

// ClientVars are the environment variables that configure PostgreSQL clients (or turn off
// Node.js certificate checks) wherever they are set, in the order the text search tries them.
var ClientVars = []string{"PGSSLMODE", "PGSSLROOTCERT", HostVar, "PGPASSWORD", "PGSSL", NodeTLSVar}

var clientVar = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range ClientVars {
		m[n] = true
	}
	return m
}()

// IsClientVar reports whether name is one of ClientVars.
func IsClientVar(name string) bool { return clientVar[name] }

// EnvParam is a client variable with the libpq parameter it sets.
type EnvParam struct{ Env, Param string }

// EnvParams are the variables of a PostgreSQL environment target, in the order of its
// parameters. The first two (PGSSLMODE, PGSSLROOTCERT) are the ones a scope's connection
// strings read when their driver does.
var EnvParams = []EnvParam{
	{"PGSSLMODE", "sslmode"}, {"PGSSLROOTCERT", "sslrootcert"}, {"PGSSL", "ssl"}, {"PGPASSWORD", "password"},
}

// fixVars maps the key of a fix operation to the environment variable that carries it: the
// libpq name ("sslmode" edits PGSSLMODE) or the variable itself. A fix never sets a password.
var fixVars = func() map[string]string {
	m := map[string]string{NodeTLSVar: NodeTLSVar}
	for _, p := range EnvParams {
		if p.Param != "password" {
			m[p.Param], m[p.Env] = p.Env, p.Env
		}
	}
	return m
}()

// FixVar returns the variable a fix operation's key edits, or "".
func FixVar(key string) string { return fixVars[key] }

// LibpqPrograms are libpq's command-line programs: a connection on their command line is
// libpq's.
var LibpqPrograms = map[string]bool{
	"psql": true, "pg_dump": true, "pg_dumpall": true, "pg_restore": true, "pgbench": true,
	"createdb": true, "dropdb": true, "createuser": true, "dropuser": true, "vacuumdb": true,
	"reindexdb": true, "clusterdb": true, "pg_basebackup": true, "pg_receivewal": true,
}

// PGWord matches words that say PostgreSQL.
var PGWord = regexp.MustCompile(`(?i)postgres|pgsql|npgsql|(?:^|[^a-z0-9])pg(?:[^a-z0-9]|$)`)

// NpgsqlKeys are ADO.NET keys (lower case, blanks removed) only Npgsql has; NpgsqlModes the SSL
// Mode values only Npgsql spells that way. Either marks an ADO.NET string as PostgreSQL's
// rather than SQL Server's or MySQL's, which share the grammar and most keys.
var (
	NpgsqlKeys  = map[string]bool{"searchpath": true, "rootcertificate": true, "servercompatibilitymode": true, "includeerrordetail": true, "sslnegotiation": true}
	NpgsqlModes = map[string]bool{"disable": true, "allow": true, "prefer": true, "require": true}
)

// DatasourceDrivers are the drivers that read a Spring, Quarkus or Micronaut datasource.
var DatasourceDrivers = []drivers.ID{drivers.Pgjdbc, drivers.R2DBC}

// SequelizeDriver is the driver sequelize-cli hands a config file's dialectOptions to.
const SequelizeDriver = drivers.NodePostgres
