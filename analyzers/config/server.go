package config

import (
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/pgtlslint/pgtlslint/analyzers/pgconf"
	"github.com/pgtlslint/pgtlslint/rules"
)

// Server settings: besides the connections of clients, config files start PostgreSQL servers.
// Two kinds are read here and handed on as rules.ServerConfig for rules.EvaluateServer:
//
//   - POSTGRES_HOST_AUTH_METHOD, the official image's variable (PGTLS121), wherever an
//     environment variable is set: Compose environment:, Kubernetes env: and ConfigMap data:,
//     Dockerfile ENV, env files, shell assignments and docker run -e. One ServerConfig per
//     scope that sets it.
//   - the postgres command line (-c name=value, -cname=value, --name=value, -h, -i, -l): the
//     argv of a Compose or Kubernetes container (command:, args:, entrypoint: as lists), a
//     Dockerfile's exec-form ENTRYPOINT and CMD, docker run's arguments after the image, and
//     shell commands that run postgres, postmaster or pg_ctl -o. One ServerConfig per command
//     line.
//
// A command line is taken for a server's only when that is clear: the program is postgres or
// postmaster (any path, behind docker-entrypoint.sh, gosu, su-exec, tini, dumb-init); or the
// container's image is a PostgreSQL one and the arguments start with an option (the image's
// entrypoint then runs postgres with them); or a -c names a parameter that only the server has
// (ssl, ssl_min_protocol_version, ...). Other programs take -c too (psql -c SQL, sh -c script).

// hostAuthVar is the official image's variable that puts its value into pg_hba.conf.
const hostAuthVar = "POSTGRES_HOST_AUTH_METHOD"

// hostAuth records a POSTGRES_HOST_AUTH_METHOD setting. A scope keeps one ServerConfig with its
// last setting: as in a shell, the later one is what the container gets.
func (a *analysis) hostAuth(e *entry) {
	if e.buildArg {
		// A Dockerfile ARG exists only while the image is built: the container's
		// entrypoint never sees it.
		return
	}
	v := e.val
	if fb, ok := fallback(v); ok {
		// ${POSTGRES_HOST_AUTH_METHOD:-trust}: trust unless someone sets it.
		v = fb
	}
	st := rules.ServerSetting{Name: e.key, Value: v.s, Pair: e.pair, Val: v.full(), SetValue: setValue(v)}
	if c := a.hostAuths[e.sc]; c != nil {
		c.Settings[0] = st
		return
	}
	c := &rules.ServerConfig{Path: a.path, Origin: rules.OriginContainerEnv, Settings: []rules.ServerSetting{st}, Local: a.ci}
	if a.hostAuths == nil {
		a.hostAuths = map[*scope]*rules.ServerConfig{}
	}
	a.hostAuths[e.sc] = c
	a.servers = append(a.servers, c)
}

// setValue returns the editor of a server setting's value v, or nil when v's bytes cannot be
// edited safely. The new text goes in as it is, so it is accepted only where the format reads
// it literally (the token check decodes the edited bytes): TLSv1.2 and scram-sha-256 need no
// quotes anywhere these values sit.
func setValue(v value) func(string) []rules.Edit {
	if !v.editable() {
		return nil
	}
	sp := v.full()
	return func(text string) []rules.Edit {
		e := rules.Edit{Start: sp.Start, End: sp.End, NewText: text}
		if !v.tok.check([]rules.Edit{e}) {
			return nil
		}
		return []rules.Edit{e}
	}
}

// sortServers orders the server configs by position, as the targets are.
func (a *analysis) sortServers() {
	sort.SliceStable(a.servers, func(i, j int) bool {
		return a.servers[i].Settings[0].Pair.Start < a.servers[j].Settings[0].Pair.Start
	})
}

// serverHint reports whether text may hold a server setting that analyzeShell reads: it gates
// the shell analysis of values that hold no connection string.
func serverHint(s string) bool {
	return strings.Contains(s, "ssl") || strings.Contains(s, "password_encryption") ||
		strings.Contains(s, "password-encryption") || strings.Contains(s, hostAuthVar) ||
		strings.Contains(s, "postmaster")
}

// pgImageNames are the last path components of images whose entrypoint runs postgres with the
// container's arguments, when they start with an option: the official image and the images
// built on it or on its entrypoint.
var pgImageNames = map[string]bool{
	"postgres": true, "postgresql": true, "postgis": true, "timescaledb": true, "timescaledb-ha": true,
	"pgvector": true, "citus": true, "postgresql-repmgr": true, "paradedb": true,
}

// isPGImage reports whether an image reference (registry/name:tag@digest) names a PostgreSQL
// server image. Names that merely contain "postgres" (postgres-exporter, postgrest) are other
// programs.
func isPGImage(ref string) bool {
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

// serverOnly are the parameters whose -c setting says the program is a PostgreSQL server
// whatever its name: no other program's -c takes these.
var serverOnly = map[string]bool{
	"ssl": true, "ssl_min_protocol_version": true, "ssl_max_protocol_version": true,
	"password_encryption": true, "listen_addresses": true,
}

// gucName matches a parameter name as the server accepts it on the command line (custom
// parameters have a dot).
var gucName = regexp.MustCompile(`^[a-z_][a-z0-9_$]*(\.[a-z_][a-z0-9_$]*)*$`)

// serverArgv reads argv, a whole command line (program and arguments as the program receives
// them), and makes a ServerConfig of it when it starts a PostgreSQL server. pg says the program
// is the entrypoint of a PostgreSQL image: docker-entrypoint.sh puts "postgres" before
// arguments that start with '-'. It reports whether argv was taken for a server's, settings or
// not.
func (a *analysis) serverArgv(argv []value, pg bool) bool {
	i := 0
wrappers:
	for i < len(argv) {
		switch path.Base(argv[i].s) {
		case "docker-entrypoint.sh", "docker-entrypoint":
			pg = true
			i++
		case "gosu", "su-exec":
			i += 2 // the user
		case "tini", "dumb-init", "exec":
			i++
			if i < len(argv) && argv[i].s == "--" {
				i++
			}
		default:
			break wrappers
		}
	}
	if i >= len(argv) {
		return false
	}
	switch prog := path.Base(argv[i].s); {
	case prog == "postgres" || prog == "postmaster":
		a.serverSettings(argv[i+1:])
	case prog == "pg_ctl":
		a.serverSettings(a.pgCtlOptions(argv[i+1:]))
	case pg && strings.HasPrefix(argv[i].s, "-"):
		a.serverSettings(argv[i:])
	default:
		return a.serverOptions(argv[i:])
	}
	return true
}

// serverOptions reads the -c settings of a program that is not known to be a server: they
// count only when one of them names a parameter that only the server has.
func (a *analysis) serverOptions(argv []value) bool {
	var args []value
	found := false
	for j := 0; j < len(argv); j++ {
		s := argv[j].s
		var arg value
		switch {
		case s == "-c" && j+1 < len(argv):
			args = append(args, argv[j], argv[j+1])
			arg = argv[j+1]
			j++
		case strings.HasPrefix(s, "-c") && len(s) > 2:
			args = append(args, argv[j])
			arg = argv[j].sub(2, len(s))
		default:
			continue
		}
		if name, _, ok := pgconf.CommandLineSetting(arg.s); ok && serverOnly[name] && !strings.HasPrefix(arg.s, "-") {
			found = true
		}
	}
	if !found {
		return false
	}
	a.serverSettings(args)
	return true
}

// pgShortFlags and pgShortArgs are the postmaster's short options without and with an
// argument (its getopt string, "B:bC:c:D:d:EeFf:h:ijk:lN:nOPp:r:S:sTt:W:-:").
const (
	pgShortFlags = "bEeFijlnOPsT"
	pgShortArgs  = "BCcDdfhkNprStW"
)

// serverSettings reads the arguments of postgres (after the program name) as its getopt does
// and records the parameters they set as one ServerConfig.
func (a *analysis) serverSettings(args []value) {
	c := &rules.ServerConfig{Path: a.path, Origin: rules.OriginCommandLine, Local: a.ci}
	for j := 0; j < len(args); j++ {
		w := args[j]
		s := w.s
		if strings.HasPrefix(s, "--") {
			// --name=value; -- alone and --single, --describe-config are not settings.
			if st, ok := commandSetting(w.sub(2, len(s)), true); ok {
				c.Settings = append(c.Settings, st)
			}
			continue
		}
		if len(s) < 2 || s[0] != '-' {
			continue // getopt skips operands (postgres then refuses them)
		}
	cluster:
		for p := 1; p < len(s); p++ {
			o := s[p]
			switch {
			case strings.IndexByte(pgShortFlags, o) >= 0:
				if name, val, ok := pgconf.ShortOptionSetting("-"+string(o), ""); ok {
					// -i and -l: the option itself is the setting; it has no value to edit.
					sp := w.span(0, 2)
					if p > 1 {
						sp = w.span(p, p+1) // inside a cluster such as -il
					}
					c.Settings = append(c.Settings, rules.ServerSetting{Name: name, Value: val, Pair: sp, Val: sp})
				}
			case strings.IndexByte(pgShortArgs, o) >= 0:
				var arg value
				switch {
				case p+1 < len(s):
					arg = w.sub(p+1, len(s))
				case j+1 < len(args):
					j++
					arg = args[j]
				default:
					break cluster
				}
				if o == 'c' {
					if st, ok := commandSetting(arg, false); ok {
						c.Settings = append(c.Settings, st)
					}
				} else if name, _, ok := pgconf.ShortOptionSetting("-"+string(o), arg.s); ok {
					// -h HOST, -p PORT: the value is the argument as written.
					v := resolve(arg)
					sp := rules.Span{Start: w.full().Start, End: arg.full().End}
					if sp.Start > sp.End {
						// The option and its argument come from two instructions in
						// the other order (a Dockerfile's CMD before its ENTRYPOINT).
						sp = arg.full()
					}
					c.Settings = append(c.Settings, rules.ServerSetting{Name: name, Value: v.s, Pair: sp, Val: v.full(), SetValue: setValue(v)})
				}
				break cluster // the argument takes the rest of the word
			default:
				break cluster // an unknown option: postgres stops with an error
			}
		}
	}
	if len(c.Settings) > 0 {
		a.servers = append(a.servers, c)
	}
}

// commandSetting reads name=value: the argument of -c, or the text after the dashes of a
// --name=value long option.
func commandSetting(pair value, long bool) (rules.ServerSetting, bool) {
	raw := pair.s
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
	eq := strings.IndexByte(pair.s, '=')
	v := pair.sub(eq+1, len(pair.s))
	st := rules.ServerSetting{Name: name, Value: val, Pair: pair.full(), Val: v.full()}
	if v.s != val {
		// CommandLineSetting read the value otherwise than the bytes after '=': the spans
		// stay, the edits do not.
		return st, true
	}
	v = resolve(v)
	st.Value, st.Val, st.SetValue = v.s, v.full(), setValue(v)
	return st, true
}

// resolve returns the default of a value that is one placeholder with a default (Compose
// interpolates ${SSL:-off} in command: before the container starts), or the value itself.
func resolve(v value) value {
	if fb, ok := fallback(v); ok {
		return fb
	}
	return v
}

// pgCtlOptions returns the postgres arguments that pg_ctl passes on: its -o options, which it
// joins with blanks and puts into the shell command that starts the server.
func (a *analysis) pgCtlOptions(args []value) []value {
	var out []value
	for j := 0; j < len(args); j++ {
		s := args[j].s
		switch {
		case (s == "-o" || s == "--options") && j+1 < len(args):
			out = append(out, a.splitWords(args[j+1])...)
			j++
		case strings.HasPrefix(s, "--options="):
			out = append(out, a.splitWords(args[j].sub(len("--options="), len(s)))...)
		case strings.HasPrefix(s, "-o") && len(s) > 2:
			out = append(out, a.splitWords(args[j].sub(2, len(s)))...)
		}
	}
	return out
}

// splitWords splits a value into words as the shell does (pg_ctl -o "-c ssl=off"); the words
// map into the file through v, so their edits are checked by v's syntax too.
func (a *analysis) splitWords(v value) []value {
	var out []value
	for i := 0; i < len(v.s); {
		switch v.s[i] {
		case ' ', '\t', '\n', '\r':
			i++
			continue
		}
		w := a.shellWord(v, i)
		if w.e <= i {
			i++ // an operator: not part of any word
			continue
		}
		out = append(out, w.val)
		i = w.e
	}
	return out
}

// dockerGlobalFlags are options of docker and podman before the subcommand that take no value.
var dockerGlobalFlags = map[string]bool{
	"-D": true, "--debug": true, "--tls": true, "--tlsverify": true, "--remote": true, "-r": true,
	"--help": true, "-v": true, "--version": true, "--syslog": true,
}

// dockerRunFlags are the options of docker run and create that take no value; every other
// option does (unless written --name=value).
var dockerRunFlags = map[string]bool{
	"-d": true, "--detach": true, "-i": true, "--interactive": true, "-t": true, "--tty": true,
	"--rm": true, "--privileged": true, "--read-only": true, "--init": true, "-P": true,
	"--publish-all": true, "--no-healthcheck": true, "--oom-kill-disable": true, "-q": true,
	"--quiet": true, "--disable-content-trust": true, "--sig-proxy": true, "--help": true,
	"--use-api-socket": true, "--replace": true, "--tls-verify": true,
}

// dockerRun reads docker run (or create) in words, the command whose program is words[k]: the
// image and the container's command line after it.
func (a *analysis) dockerRun(words []shWord, k int) {
	j := k + 1
	for j < len(words) && strings.HasPrefix(words[j].val.s, "-") {
		o := words[j].val.s
		j++
		if !strings.Contains(o, "=") && !dockerGlobalFlags[o] {
			j++ // --context NAME, -H HOST
		}
	}
	if j < len(words) && words[j].val.s == "container" {
		j++
	}
	if j >= len(words) || (words[j].val.s != "run" && words[j].val.s != "create") {
		return
	}
	j++
	var entrypoint *value
	for j < len(words) {
		o := words[j].val.s
		if o == "--" {
			j++
			break
		}
		if len(o) < 2 || o[0] != '-' {
			break
		}
		j++
		switch {
		case strings.HasPrefix(o, "--entrypoint="):
			ep := words[j-1].val.sub(len("--entrypoint="), len(o))
			entrypoint = &ep
		case strings.Contains(o, "=") || dockerRunFlags[o]:
		case o[1] != '-' && strings.Trim(o[1:], "ditPq") == "":
			// A cluster of flags: -it, -dit.
		case o[1] != '-' && len(o) > 2:
			// A short option with its value attached: -p5432:5432.
		default:
			if o == "--entrypoint" && j < len(words) {
				ep := words[j].val
				entrypoint = &ep
			}
			j++
		}
	}
	if j >= len(words) {
		return
	}
	pg := isPGImage(words[j].val.s)
	var argv []value
	if entrypoint != nil {
		// --entrypoint replaces the image's entrypoint (one program, no arguments): the
		// words after the image are its arguments.
		argv = append(argv, *entrypoint)
		pg = false
	}
	for _, w := range words[j+1:] {
		argv = append(argv, w.val)
	}
	if len(argv) > 0 {
		a.serverArgv(argv, pg)
	}
}

// execForm reads the JSON array of a Dockerfile exec-form instruction in s[b:e]. Line
// continuations (the escape character before a line break) and comment lines inside the
// instruction are blanks between its strings, as Docker removes them before it reads the JSON.
func execForm(s string, b, e int, esc byte) ([]value, bool) {
	skip := func(i int) int {
		for i < e {
			switch {
			case s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n':
				i++
			case s[i] == esc && i+1 < e && (s[i+1] == '\n' || s[i+1] == '\r'):
				i++
			case s[i] == '#' && i > b && strings.TrimLeft(s[strings.LastIndexByte(s[:i], '\n')+1:i], " \t") == "" &&
				strings.LastIndexByte(s[:i], '\n') >= b:
				i = lineEndAt(s, i)
			default:
				return i
			}
		}
		return i
	}
	i := skip(b)
	if i >= e || s[i] != '[' {
		return nil, false
	}
	i = skip(i + 1)
	var out []value
	if i < e && s[i] == ']' {
		return nil, skip(i+1) == e
	}
	for {
		if i >= e || s[i] != '"' {
			return nil, false
		}
		end := jsonStringEnd(s[:e], i)
		if end < 0 {
			return nil, false
		}
		raw := s[i:end]
		val, m, ok := decodeQuoted(raw, i, '"', jsonEsc, false)
		if !ok {
			return nil, false
		}
		out = append(out, newToken(raw, i, val, m, decodeJSONString))
		i = skip(end)
		switch {
		case i < e && s[i] == ',':
			i = skip(i + 1)
		case i < e && s[i] == ']':
			if skip(i+1) != e {
				return nil, false
			}
			return out, true
		default:
			return nil, false
		}
	}
}

// decodeJSONString decodes an edited JSON string token; control characters must be escaped.
func decodeJSONString(r string) (string, bool) {
	d, _, ok := decodeQuoted(r, 0, '"', jsonEsc, false)
	return d, ok && !strings.ContainsFunc(r, func(c rune) bool { return c < 0x20 })
}

// dockerStage is what one build stage of a Dockerfile says about the container's command line.
type dockerStage struct {
	pg    bool    // its base image is a PostgreSQL image
	ep    []value // the exec-form ENTRYPOINT
	epSet bool    // an ENTRYPOINT was given, in either form
	cmd   []value // the exec-form CMD
}

// fromStage starts the stage of a FROM instruction; stages maps the names given with AS to
// whether they are PostgreSQL images, for FROM of an earlier stage.
func fromStage(body string, stages map[string]bool) dockerStage {
	f := strings.Fields(body)
	for len(f) > 0 && strings.HasPrefix(f[0], "--") {
		f = f[1:] // --platform=...
	}
	if len(f) == 0 {
		return dockerStage{}
	}
	st := dockerStage{pg: isPGImage(f[0]) || stages[strings.ToLower(f[0])]}
	if len(f) >= 3 && strings.EqualFold(f[1], "as") {
		stages[strings.ToLower(f[2])] = st.pg
	}
	return st
}

// endStage reads the command line a stage's container runs: ENTRYPOINT followed by CMD, or
// CMD alone under the image's entrypoint.
func (a *analysis) endStage(st dockerStage) {
	switch {
	case st.ep != nil:
		argv := append([]value(nil), st.ep...)
		a.serverArgv(append(argv, st.cmd...), false)
	case !st.epSet && st.cmd != nil:
		a.serverArgv(st.cmd, st.pg)
	}
}
