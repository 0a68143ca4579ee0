package drivers

// The environment variables that configure PostgreSQL connections, and the connection
// parameter each one sets: the one table every analyzer reads (env files, Compose and
// Kubernetes env, shell exports, os.Setenv, os.environ). Which variables a driver reads is its
// entry's Env list; a variable no driver reads is harmless on an Input.

// EnvVar is one environment variable.
type EnvVar struct {
	Name  string // PGSSLMODE
	Param string // the parameter it sets, in libpq's (or the reading driver's) spelling: sslmode
	// TLS: the variable sets TLS behaviour (as opposed to the host or a secret).
	TLS bool
	// Secret: its value is a secret, never printed.
	Secret bool
	// Libpq: libpq's own variable, which a connection string takes from its environment when
	// its driver reads it (PGSSL is Postgres.js's alone).
	Libpq bool
}

// envVars are the variables, with the parameter each sets (docs/drivers.md#libpq: libpq's
// PQconndefaults; PGSSL is Postgres.js's own).
var envVars = []EnvVar{
	{Name: "PGSSLMODE", Param: "sslmode", TLS: true, Libpq: true},
	{Name: "PGSSLROOTCERT", Param: "sslrootcert", TLS: true, Libpq: true},
	{Name: "PGSSL", Param: "ssl", TLS: true},
	{Name: "PGPASSWORD", Param: "password", Secret: true, Libpq: true},
	{Name: "PGHOST", Param: "host", Libpq: true},
}

// NodeTLSRejectUnauthorized is Node.js's switch for certificate verification, read by every
// driver that runs on Node.js (docs/drivers.md#node-postgres).
const NodeTLSRejectUnauthorized = "NODE_TLS_REJECT_UNAUTHORIZED"

// EnvVars returns the variables that configure connections.
func EnvVars() []EnvVar { return append([]EnvVar(nil), envVars...) }

// EnvParam returns the parameter a variable sets.
func EnvParam(name string) (string, bool) {
	for _, v := range envVars {
		if v.Name == name {
			return v.Param, true
		}
	}
	return "", false
}

// ParamEnv returns the variable that sets a parameter (sslmode → PGSSLMODE); a variable's own
// name maps to itself, so that a fix's operation on either reaches the variable.
func ParamEnv(key string) (string, bool) {
	for _, v := range envVars {
		if v.Param == key || v.Name == key {
			return v.Name, true
		}
	}
	if key == NodeTLSRejectUnauthorized {
		return key, true
	}
	return "", false
}

// ReadIn reports whether a driver whose users write code in language (as Driver.Language
// names it) reads the variable: os.Setenv("PGSSLMODE") matters to Go code, os.Setenv("PGSSL")
// does not.
func ReadIn(language, name string) bool {
	for _, d := range All() {
		if d.Language == language && contains(d.Env, name) {
			return true
		}
	}
	return false
}

// EnvFor returns the parameter a variable set in code of the language configures: the host
// (PGHOST), or a setting a driver of that language reads.
func EnvFor(language, name string) (string, bool) {
	param, ok := EnvParam(name)
	if !ok || (param != "host" && !ReadIn(language, name)) {
		return "", false
	}
	return param, true
}
