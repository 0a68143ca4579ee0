// Package server reads the settings config files give PostgreSQL servers, besides the
// connections of clients, for rules.EvaluateServer:
//
//   - POSTGRES_HOST_AUTH_METHOD, the official image's variable (PGTLS121), wherever an
//     environment variable is set (HostAuth);
//   - the postgres command line (-c name=value, -cname=value, --name=value, -h, -i, -l) of a
//     container or a script (Argv).
//
// A command line is taken for a server's only when that is clear: the program is postgres or
// postmaster (any path, behind docker-entrypoint.sh, gosu, su-exec, tini, dumb-init); or the
// container's image is a PostgreSQL one and the arguments start with an option (the image's
// entrypoint then runs postgres with them); or a -c names a parameter that only the server has
// (ssl, ssl_min_protocol_version, ...). Other programs take -c too (psql -c SQL, sh -c script).
package server

import (
	"path"
	"regexp"
	"strings"

	"github.com/pgtlslint/pgtlslint/analyzers/config/doc"
	"github.com/pgtlslint/pgtlslint/analyzers/config/shell"
	"github.com/pgtlslint/pgtlslint/analyzers/pgconf"
	"github.com/pgtlslint/pgtlslint/rules"
)

// HostAuthVar is the official image's variable that puts its value into pg_hba.conf.
const HostAuthVar = "POSTGRES_HOST_AUTH_METHOD"

// EntrypointVars are the variables only the official image's entrypoint (docker-entrypoint.sh,
// https://github.com/docker-library/postgres) reads, to initialize the server: a container
// environment that sets one runs a PostgreSQL server, whatever its image is called (images
// built on the official one, such as debezium/example-postgres).
var EntrypointVars = map[string]bool{
	"POSTGRES_PASSWORD": true, "POSTGRES_PASSWORD_FILE": true, "POSTGRES_INITDB_ARGS": true,
	"POSTGRES_INITDB_WALDIR": true, HostAuthVar: true,
}

// HostAuth returns the server setting of a POSTGRES_HOST_AUTH_METHOD entry; false for a
// Dockerfile ARG, which exists only while the image is built: the container's entrypoint never
// sees it.
func HostAuth(e *doc.Entry) (rules.ServerSetting, bool) {
	if e.BuildArg {
		return rules.ServerSetting{}, false
	}
	// ${POSTGRES_HOST_AUTH_METHOD:-trust}: trust unless someone sets it.
	v := doc.Resolve(e.Val)
	return rules.ServerSetting{Name: e.Key, Value: v.Text, Pair: e.Pair, Val: v.Full(), SetValue: v.Setter()}, true
}

// PasswordVar reports whether a password variable configures a database server (the official
// images' POSTGRES_PASSWORD), not a client: it is not a client password (rules.md PGTLS008).
func PasswordVar(key string) bool {
	switch strings.ToUpper(key) {
	case "POSTGRES_PASSWORD", "POSTGRESQL_PASSWORD", "POSTGRES_PASSWORD_FILE", "PGPOOL_POSTGRES_PASSWORD":
		return true
	}
	return false
}

// Hint reports whether text may hold a server setting a script sets: it gates the shell
// analysis of values that hold no connection string.
func Hint(s string) bool {
	return strings.Contains(s, "ssl") || strings.Contains(s, "password_encryption") ||
		strings.Contains(s, "password-encryption") || strings.Contains(s, HostAuthVar) ||
		strings.Contains(s, "postmaster")
}

// pgImageNames are the last path components of images whose entrypoint runs postgres with the
// container's arguments, when they start with an option: the official image and the images
// built on it or on its entrypoint.
var pgImageNames = map[string]bool{
	"postgres": true, "postgresql": true, "postgis": true, "timescaledb": true, "timescaledb-ha": true,
	"pgvector": true, "citus": true, "postgresql-repmgr": true, "paradedb": true,
}

// IsPGImage reports whether an image reference (registry/name:tag@digest) names a PostgreSQL
// server image. Names that merely contain "postgres" (postgres-exporter, postgrest) are other
// programs.
func IsPGImage(ref string) bool {
	ref = strings.ToLower(strings.TrimSpace(ref))
	if i := strings.IndexByte(ref, '@'); i >= 0 {
		ref = ref[:i]
	}
	name := ref[strings.LastIndexByte(ref, '/')+1:]
	if i := strings.IndexByte(name, ':'); i >= 0 {
		name = name[:i]
	}
	return pgImageNames[name]
}

// MayStart is the cheap test of one word of a command line: whether it names a program that
// starts a server (or its image's entrypoint) or is a -c option. A command line none of whose
// words passes it is not a server's.
func MayStart(word string) bool {
	switch path.Base(word) {
	case "postgres", "postmaster", "pg_ctl", "docker-entrypoint.sh", "docker-entrypoint":
		return true
	}
	return strings.HasPrefix(word, "-c")
}

// serverOnly are the parameters whose -c setting says the program is a PostgreSQL server
// whatever its name: no other program's -c takes these.
var serverOnly = map[string]bool{
	"ssl": true, "ssl_min_protocol_version": true, "ssl_max_protocol_version": true,
	"password_encryption": true, "listen_addresses": true,
}

// gucName matches a parameter name as the server accepts it on the command line (custom
// parameters have a dot).
var gucName = regexp.MustCompile(`^[a-z_][a-z0-9_$]*(\.[a-z_][a-z0-9_$]*)*$`)

// Argv reads argv, a whole command line (program and arguments as the program receives them),
// and returns the settings it gives a PostgreSQL server when it starts one. pg says the program
// is the entrypoint of a PostgreSQL image: docker-entrypoint.sh puts "postgres" before
// arguments that start with '-'. taken reports whether argv was taken for a server's, settings
// or not.
func Argv(argv []doc.Value, pg bool) (settings []rules.ServerSetting, taken bool) {
	i, pg := unwrap(argv, pg)
	if i >= len(argv) {
		return nil, false
	}
	switch prog := path.Base(argv[i].Text); {
	case prog == "postgres" || prog == "postmaster":
		return readSettings(argv[i+1:]), true
	case prog == "pg_ctl":
		return readSettings(pgCtlOptions(argv[i+1:])), true
	case pg && strings.HasPrefix(argv[i].Text, "-"):
		return readSettings(argv[i:]), true
	}
	return options(argv[i:])
}

// unwrap skips the wrappers that run the program of argv: it returns the program's index and
// whether the image's entrypoint runs it.
func unwrap(argv []doc.Value, pg bool) (int, bool) {
	i := 0
	for i < len(argv) {
		switch path.Base(argv[i].Text) {
		case "docker-entrypoint.sh", "docker-entrypoint":
			pg = true
			i++
		case "gosu", "su-exec":
			i += 2 // the user
		case "tini", "dumb-init", "exec":
			i++
			if i < len(argv) && argv[i].Text == "--" {
				i++
			}
		default:
			return i, pg
		}
	}
	return i, pg
}

// options reads the -c settings of a program that is not known to be a server: they count only
// when one of them names a parameter that only the server has.
func options(argv []doc.Value) ([]rules.ServerSetting, bool) {
	var args []doc.Value
	found := false
	for j := 0; j < len(argv); j++ {
		s := argv[j].Text
		var arg doc.Value
		switch {
		case s == "-c" && j+1 < len(argv):
			args = append(args, argv[j], argv[j+1])
			arg = argv[j+1]
			j++
		case strings.HasPrefix(s, "-c") && len(s) > 2:
			args = append(args, argv[j])
			arg = argv[j].Sub(2, len(s))
		default:
			continue
		}
		if name, _, ok := pgconf.CommandLineSetting(arg.Text); ok && serverOnly[name] && !strings.HasPrefix(arg.Text, "-") {
			found = true
		}
	}
	if !found {
		return nil, false
	}
	return readSettings(args), true
}

// pgShortFlags and pgShortArgs are the postmaster's short options without and with an
// argument (its getopt string, "B:bC:c:D:d:EeFf:h:ijk:lN:nOPp:r:S:sTt:W:-:").
const (
	pgShortFlags = "bEeFijlnOPsT"
	pgShortArgs  = "BCcDdfhkNprStW"
)

// reading is the state of readSettings.
type reading struct {
	args     []doc.Value
	settings []rules.ServerSetting
}

// readSettings reads the arguments of postgres (after the program name) as its getopt does and
// returns the parameters they set.
func readSettings(args []doc.Value) []rules.ServerSetting {
	r := &reading{args: args}
	for j := 0; j < len(args); j++ {
		s := args[j].Text
		switch {
		case strings.HasPrefix(s, "--"):
			// --name=value; -- alone and --single, --describe-config are not settings.
			if st, ok := commandSetting(args[j].Sub(2, len(s)), true); ok {
				r.settings = append(r.settings, st)
			}
		case len(s) >= 2 && s[0] == '-':
			j = r.cluster(j)
		}
		// getopt skips operands (postgres then refuses them)
	}
	return r.settings
}

// cluster reads the short options of args[j] (-c, -il, -cssl=on) and returns the index of the
// last word they take.
func (r *reading) cluster(j int) int {
	w := r.args[j]
	s := w.Text
	for p := 1; p < len(s); p++ {
		o := s[p]
		switch {
		case strings.IndexByte(pgShortFlags, o) >= 0:
			r.flag(w, p)
		case strings.IndexByte(pgShortArgs, o) >= 0:
			var arg doc.Value
			switch {
			case p+1 < len(s):
				arg = w.Sub(p+1, len(s))
			case j+1 < len(r.args):
				j++
				arg = r.args[j]
			default:
				return j
			}
			r.option(w, o, arg)
			return j // the argument takes the rest of the word
		default:
			return j // an unknown option: postgres stops with an error
		}
	}
	return j
}

// flag records the setting of the flag w.Text[p] (-i, -l): the option itself is the setting; it
// has no value to edit.
func (r *reading) flag(w doc.Value, p int) {
	name, val, ok := pgconf.ShortOptionSetting("-"+string(w.Text[p]), "")
	if !ok {
		return
	}
	sp := w.Span(0, 2)
	if p > 1 {
		sp = w.Span(p, p+1) // inside a cluster such as -il
	}
	r.settings = append(r.settings, rules.ServerSetting{Name: name, Value: val, Pair: sp, Val: sp})
}

// option records the setting of option o of word w with its argument.
func (r *reading) option(w doc.Value, o byte, arg doc.Value) {
	if o == 'c' {
		if st, ok := commandSetting(arg, false); ok {
			r.settings = append(r.settings, st)
		}
		return
	}
	name, _, ok := pgconf.ShortOptionSetting("-"+string(o), arg.Text)
	if !ok {
		return
	}
	// -h HOST, -p PORT: the value is the argument as written.
	v := doc.Resolve(arg)
	sp := rules.Span{Start: w.Full().Start, End: arg.Full().End}
	if sp.Start > sp.End {
		// The option and its argument come from two instructions in the other order (a
		// Dockerfile's CMD before its ENTRYPOINT).
		sp = arg.Full()
	}
	r.settings = append(r.settings, rules.ServerSetting{Name: name, Value: v.Text, Pair: sp, Val: v.Full(), SetValue: v.Setter()})
}

// commandSetting reads name=value: the argument of -c, or the text after the dashes of a
// --name=value long option. Compose interpolates ${SSL:-off} before the container starts: a
// value that is one placeholder with a default is that default.
func commandSetting(pair doc.Value, long bool) (rules.ServerSetting, bool) {
	raw := pair.Text
	if long {
		raw = "--" + raw // CommandLineSetting reads the option as written
	} else if strings.HasPrefix(raw, "-") {
		// -c -x: the server takes "-x" for a name and refuses it; CommandLineSetting
		// would read it as an option.
		return rules.ServerSetting{}, false
	}
	name, val, ok := pgconf.CommandLineSetting(raw)
	if !ok || !gucName.MatchString(name) {
		return rules.ServerSetting{}, false
	}
	eq := strings.IndexByte(pair.Text, '=')
	v := pair.Sub(eq+1, len(pair.Text))
	st := rules.ServerSetting{Name: name, Value: val, Pair: pair.Full(), Val: v.Full()}
	if v.Text != val {
		// CommandLineSetting read the value otherwise than the bytes after '=': the spans
		// stay, the edits do not.
		return st, true
	}
	v = doc.Resolve(v)
	st.Value, st.Val, st.SetValue = v.Text, v.Full(), v.Setter()
	return st, true
}

// pgCtlOptions returns the postgres arguments that pg_ctl passes on: its -o options, which it
// joins with blanks and puts into the shell command that starts the server.
func pgCtlOptions(args []doc.Value) []doc.Value {
	var out []doc.Value
	for j := 0; j < len(args); j++ {
		s := args[j].Text
		switch {
		case (s == "-o" || s == "--options") && j+1 < len(args):
			out = append(out, shell.Words(args[j+1])...)
			j++
		case strings.HasPrefix(s, "--options="):
			out = append(out, shell.Words(args[j].Sub(len("--options="), len(s)))...)
		case strings.HasPrefix(s, "-o") && len(s) > 2:
			out = append(out, shell.Words(args[j].Sub(2, len(s)))...)
		}
	}
	return out
}
