package doc

import (
	"regexp"

	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// The driver knowledge the config analysis uses is the driver table's (rules/drivers): these
// are views of it in the shapes the formats need, not lists of their own.

// NodeTLSVar turns off Node.js certificate checks for every TLS client of the process.
const NodeTLSVar = drivers.NodeTLSRejectUnauthorized

// HostVar is the variable that sets the host.
var HostVar, _ = drivers.ParamEnv("host")

// EnvParam is a variable of a PostgreSQL environment target, with the parameter it sets.
type EnvParam struct {
	Env, Param string
	// Libpq: a connection string takes it from its environment when its driver reads it.
	Libpq bool
}

// EnvParams are the variables that make an environment target, in the driver table's order
// (all but the host, which makes its hosts).
var EnvParams = func() []EnvParam {
	var out []EnvParam
	for _, v := range drivers.EnvVars() {
		if v.Param != "host" {
			out = append(out, EnvParam{Env: v.Name, Param: v.Param, Libpq: v.Libpq && v.TLS})
		}
	}
	return out
}()

// ClientVars are the environment variables that configure PostgreSQL clients (or turn off
// Node.js certificate checks) wherever they are set.
var ClientVars = func() []string {
	var out []string
	for _, v := range drivers.EnvVars() {
		out = append(out, v.Name)
	}
	return append(out, NodeTLSVar)
}()

// IsClientVar reports whether name is one of ClientVars.
func IsClientVar(name string) bool {
	_, ok := drivers.EnvParam(name)
	return ok || name == NodeTLSVar
}

// FixVar returns the variable a fix operation's key edits (sslmode edits PGSSLMODE, a variable
// itself), or "". A fix never sets a password.
func FixVar(key string) string {
	if p, ok := drivers.EnvParam(key); ok && p == "password" || key == "password" {
		return ""
	}
	v, _ := drivers.ParamEnv(key)
	return v
}

// PGWord matches words that say PostgreSQL.
var PGWord = regexp.MustCompile(`(?i)postgres|pgsql|npgsql|(?:^|[^a-z0-9])pg(?:[^a-z0-9]|$)`)
