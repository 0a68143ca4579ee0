// Package config finds PostgreSQL connection settings in configuration files: .env files,
// YAML (Compose, Kubernetes, Helm values, Spring application.yml, CI workflows), JSON, TOML,
// Java properties, INI, Dockerfiles, shell scripts, and connection strings in any other text.
//
// Analyze turns each setting into a rules.Target with byte spans in the file and, where the
// bytes can be changed safely, an Editor for fix edits. It knows formats, not drivers: what a
// setting means is for rules.Evaluate. The driver of a config file's settings comes from the
// setting itself when it says (a jdbc:postgresql: URL, a postgresql+asyncpg:// scheme, psql on a
// command line) and otherwise from the manifest hint the caller passes (manifest.Inferrer).
//
// Analyze never fails: a file that does not parse gets a parse-error notice and is searched as plain text,
// so no connection string is lost.
package config

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/pgtlslint/pgtlslint/model/manifest"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/conninfo"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
	"github.com/pgtlslint/pgtlslint/scan/result"
)

// The kinds Analyze understands; any other kind is searched as text.
const (
	KindEnv        = "env"
	KindYAML       = "yaml"
	KindJSON       = "json"
	KindTOML       = "toml"
	KindProperties = "properties"
	KindINI        = "ini"
	KindDockerfile = "dockerfile"
	KindShell      = "shell"
	KindText       = "text"
	KindSQL        = "sql"
)

// Analyze finds the connection settings of one file. kind is one of the Kind constants; path
// is only copied into the targets (and its name decides a few things: CI workflow files,
// pg_service.conf). content is not kept: every target holds copies of what it needs. Spans are
// byte offsets into content; the caller computes lines with rules.Locate.
func Analyze(path string, kind string, content []byte, hint manifest.Hint) (ts []*rules.Target, ss []*rules.ServerConfig, ns []result.Notice) {
	defer func() {
		if r := recover(); r != nil {
			// A bug here must not cost the user the file: report it and fall back to the
			// plain-text search, which is simple enough to trust.
			ns = []result.Notice{{Path: path, Kind: result.NoticePanic, Message: fmt.Sprintf("config analyzer panic: %v", r)}}
			ts, ss = nil, nil
			func() {
				defer func() { _ = recover() }()
				a := newAnalysis(path, hint)
				a.searchText(fileValue(content), a.fileScope, textComments(kind))
				ts, ss = a.finish()
			}()
		}
	}()
	return analyze(path, kind, content, hint)
}

// analyze is Analyze without the safety net, for the fuzz test: there a panic must surface.
func analyze(path string, kind string, content []byte, hint manifest.Hint) ([]*rules.Target, []*rules.ServerConfig, []result.Notice) {
	if kind == KindSQL {
		// Connection strings in SQL are read by the server's libpq: dblink, postgres_fdw,
		// CREATE SUBSCRIPTION. The project's client driver has nothing to do with them.
		hint = manifest.Hint{Driver: drivers.Libpq, Evidence: "SQL: dblink, postgres_fdw and subscriptions connect with the server's libpq"}
	}
	a := newAnalysis(path, hint)
	body := content
	base := 0
	if len(body) >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF {
		// A UTF-8 byte order mark is not part of the first line's text.
		body, base = body[3:], 3
	}
	var err error
	switch kind {
	case KindEnv:
		a.parseEnv(content, base)
	case KindYAML:
		err = a.parseYAML(content)
	case KindJSON:
		err = a.parseJSON(content, base)
	case KindTOML:
		err = a.parseTOML(content, base)
	case KindProperties:
		a.parseProperties(content, base)
	case KindINI:
		a.parseINI(content, base)
	case KindDockerfile:
		a.parseDockerfile(content, base)
	case KindShell:
		a.analyzeShell(value{s: string(body), m: identity(base, len(body))}, a.fileScope)
	default:
		a.searchText(fileValue(content), a.fileScope, textComments(kind))
	}
	if err != nil {
		// Start over: what the broken parse found so far is dropped, and the text search
		// finds every connection string and variable setting in the file instead.
		a = newAnalysis(path, hint)
		a.notices = append(a.notices, result.Notice{Path: path, Kind: result.NoticeParseError, Message: err.Error()})
		a.searchText(fileValue(content), a.fileScope, textComments(kind))
	} else {
		a.finishEntries()
	}
	ts, ss := a.finish()
	return ts, ss, a.notices
}

// fileValue is the whole file as one value, mapped onto itself.
func fileValue(content []byte) value {
	return value{s: string(content), m: identity(0, len(content))}
}

// textComments returns the line-comment markers of a kind searched as text: matches on lines
// that start with one are not configuration.
func textComments(kind string) []string {
	switch kind {
	case KindSQL:
		return []string{"--", "/*", "*"}
	case KindYAML, KindTOML, KindProperties, KindINI, KindEnv, KindDockerfile, KindShell:
		return []string{"#", ";", "!"}
	}
	return []string{"#", "//", "--", "/*", "*", ";", "<!--", "rem ", "REM ", "::"}
}

// analysis is the state of one Analyze call.
type analysis struct {
	path      string
	hint      manifest.Hint
	ci        bool
	fileScope *scope
	scopes    []*scope
	entries   []*entry
	groups    []*group
	targets   []*rules.Target
	notices   []result.Notice
	// urls maps the normalized key prefix of a URL setting ("spring.datasource") to its
	// target, so that a password setting beside it can join it.
	urls map[string]*urlSetting
	// hasPG is true once the file has shown a PostgreSQL connection or PG* variable.
	hasPG bool
	// servers are the settings of PostgreSQL servers: container environments, command lines.
	servers []*rules.ServerConfig
	// hostAuths holds the POSTGRES_HOST_AUTH_METHOD config of each scope that sets it.
	hostAuths map[*scope]*rules.ServerConfig
	// pgArgs is set while a container command of a PostgreSQL image is read as shell: there
	// a command that starts with an option is the arguments of the image's entrypoint.
	pgArgs bool
}

type urlSetting struct {
	t      *rules.Target // nil when the URL is not a PostgreSQL one
	static bool          // the value is a literal, not a placeholder
}

func newAnalysis(p string, hint manifest.Hint) *analysis {
	a := &analysis{path: p, hint: hint, ci: IsCIWorkflow(p), urls: map[string]*urlSetting{}}
	a.fileScope = a.newScope()
	return a
}

// scope is a set of settings that share one environment: an env file, a shell script, one
// Compose service's environment, one Kubernetes container's env list.
type scope struct {
	vars  map[string]*envVar
	conns []*rules.Target
	// parent is the scope this one adds to: a command's own NAME=value prefix (PGSSLMODE=x
	// psql ...) applies to that command on top of the script's variables.
	parent *scope
}

// get returns the variable as the scope sees it: its own, or its parent's.
func (s *scope) get(name string) *envVar {
	for ; s != nil; s = s.parent {
		if v := s.vars[name]; v != nil {
			return v
		}
	}
	return nil
}

// child returns a new scope on top of s.
func (a *analysis) child(s *scope) *scope {
	c := a.newScope()
	c.parent = s
	return c
}

func (a *analysis) newScope() *scope {
	s := &scope{vars: map[string]*envVar{}}
	a.scopes = append(a.scopes, s)
	return s
}

// envNames are the environment variables that configure PostgreSQL clients (or turn off
// Node.js certificate checks) wherever they are set.
var envNames = map[string]bool{
	"PGSSLMODE": true, "PGSSLROOTCERT": true, "PGHOST": true, "PGPASSWORD": true, "PGSSL": true,
	"NODE_TLS_REJECT_UNAUTHORIZED": true,
}

// setVar records a variable setting; a later one wins, as in a shell.
func (s *scope) setVar(v *envVar) {
	s.vars[v.name] = v
}

// entry is one key = value setting of a structured file.
type entry struct {
	key  string // as written
	path string // the keys leading to it, joined with '.'
	val  value
	pair rules.Span // key to value end
	sc   *scope
	// remove deletes the setting cleanly (its line, its list item), or is nil.
	remove *rules.Span
	// shell marks values that are shell commands (YAML run:, command:).
	shell bool
	// pgImage marks the command of a container whose image is a PostgreSQL one, with the
	// image's entrypoint (see serverArgv).
	pgImage bool
	// buildArg marks a Dockerfile ARG: set while the image builds, not in the container.
	buildArg bool
}

// group is a mapping (a YAML/JSON/TOML table, an INI section) whose scalar entries may
// together configure one connection: host and password side by side.
type group struct {
	name    string // its own key
	path    string
	entries []*entry
	sub     map[string]*group
}

func (g *group) get(keys ...string) *entry {
	for i := len(g.entries) - 1; i >= 0; i-- {
		for _, k := range keys {
			if strings.EqualFold(g.entries[i].key, k) {
				return g.entries[i]
			}
		}
	}
	return nil
}

// addEntry records a structured setting; finishEntries looks at all of them together.
func (a *analysis) addEntry(e *entry) {
	if e.sc == nil {
		e.sc = a.fileScope
	}
	a.entries = append(a.entries, e)
}

// finishEntries turns the entries of a structured file into targets.
func (a *analysis) finishEntries() {
	// Shell values add entries while they are read: the loop takes those in too.
	for i := 0; i < len(a.entries); i++ {
		e := a.entries[i]
		if e.key == hostAuthVar {
			a.hostAuth(e)
			continue
		}
		if envNames[e.key] {
			v := e.val
			if fb, ok := fallback(v); ok {
				// PGSSLMODE=${PGSSLMODE:-disable}: disable is what runs unless set.
				v = fb
			}
			e.sc.setVar(&envVar{name: e.key, val: v, pair: e.pair, remove: e.remove})
			continue
		}
		a.scanEntry(e)
	}
	a.passwords()
	for _, g := range a.groups {
		a.optionsGroup(g)
	}
}

// scanEntry looks at one value: a connection string, a placeholder with a fallback, a shell
// command, or text that may hold either.
func (a *analysis) scanEntry(e *entry) {
	v := e.val
	if fb, ok := fallback(v); ok {
		v = fb
	}
	if t := a.connValue(v, e.sc, "", "", e.path); t != nil {
		a.noteURL(e, t, true)
		return
	}
	if isURLKey(e.path) {
		a.noteURL(e, nil, !rules.IsDynamic(e.val.s))
	}
	if e.shell {
		a.pgArgs = e.pgImage
		a.analyzeShell(v, e.sc)
		a.pgArgs = false
		return
	}
	a.searchText(v, e.sc, nil)
}

// noteURL remembers a URL setting under its key prefix, for passwords().
func (a *analysis) noteURL(e *entry, t *rules.Target, static bool) {
	if e.path == "" {
		return
	}
	segs := normKey(e.path)
	if len(segs) < 2 || !strings.HasSuffix(segs[len(segs)-1], "url") {
		return
	}
	u := &urlSetting{t: t, static: static}
	prefix := segs[:len(segs)-1]
	a.urls[strings.Join(prefix, ".")] = u
	// quarkus.datasource.jdbc.url and spring.datasource.hikari.jdbc-url pair with a password
	// one level up.
	if last := prefix[len(prefix)-1]; len(prefix) > 1 && (last == "jdbc" || last == "r2dbc" || last == "reactive") {
		a.urls[strings.Join(prefix[:len(prefix)-1], ".")] = u
	}
}

// isURLKey reports whether a key names a URL setting (spring.datasource.url, DATABASE_URL).
func isURLKey(p string) bool {
	segs := normKey(p)
	return len(segs) >= 2 && strings.HasSuffix(segs[len(segs)-1], "url")
}

// normKey splits a key path into lower-case segments at '.', '_' and '-', so that Spring's
// relaxed binding (SPRING_DATASOURCE_URL, spring.datasource.jdbc-url) lines up.
func normKey(p string) []string {
	// jdbcUrl stays one segment, "jdbcurl", which still ends in "url".
	return strings.FieldsFunc(strings.ToLower(p), func(r rune) bool { return r == '.' || r == '_' || r == '-' })
}

// connValue makes a target of v when it is a PostgreSQL connection string. drv forces the
// driver (psql is libpq whatever the manifest says); otherwise the string's own syntax decides
// and the manifest hint fills in.
func (a *analysis) connValue(v value, sc *scope, drv drivers.ID, ev string, ctx string) *rules.Target {
	s := v.s
	kind := rules.ConnKind(s)
	if kind == "" {
		return nil
	}
	src := rules.StringSource{Path: a.path, Offset: v.m.at, Driver: drv, Evidence: ev}
	t, cs := rules.ParseConnString(s, src)
	if cs == nil {
		return nil
	}
	switch {
	case kind == "keyword" && (string(cs.Syntax) != "keyword" || cs.Err != nil || !rules.KeywordConn(cs.Params)):
		// Not something libpq would read: prose with key=value words in it.
		if string(cs.Syntax) != "adonet" {
			return nil
		}
		if cs.Err != nil || !adoEvidence(cs.Params, ctx+" "+s) {
			return nil
		}
	case kind == "adonet" && (string(cs.Syntax) != "adonet" || cs.Err != nil || !adoEvidence(cs.Params, ctx+" "+s)):
		return nil
	}
	if drv == "" && t.Driver == "" && a.hint.Driver != "" {
		// Nothing in the string names the driver: the project's manifest does.
		src.Driver, src.Evidence = a.hint.Driver, a.hint.Evidence
		t, _ = rules.ParseConnString(s, src)
	}
	t.Editor = editorFor(t.Editor, v)
	a.hasPG = true
	sc.conns = append(sc.conns, t)
	a.targets = append(a.targets, t)
	return t
}

// pgWord matches words that say PostgreSQL.
var pgWord = regexp.MustCompile(`(?i)postgres|pgsql|npgsql|(?:^|[^a-z0-9])pg(?:[^a-z0-9]|$)`)

// adoEvidence reports whether an ADO.NET string is PostgreSQL's (Npgsql) rather than SQL
// Server's or MySQL's, which share the grammar and most keys: port 5432, an SSL Mode value only
// Npgsql spells that way, a key only Npgsql has, or a context that names PostgreSQL.
func adoEvidence(ps []conninfo.Param, ctx string) bool {
	if pgWord.MatchString(ctx) {
		return true
	}
	for _, p := range ps {
		k := strings.ToLower(strings.ReplaceAll(p.Written, " ", ""))
		switch k {
		case "port":
			if strings.TrimSpace(p.Value) == "5432" {
				return true
			}
		case "sslmode":
			switch strings.ToLower(strings.TrimSpace(p.RawValue)) {
			case "disable", "allow", "prefer", "require":
				return true
			}
		case "searchpath", "rootcertificate", "servercompatibilitymode", "includeerrordetail", "sslnegotiation":
			return true
		}
	}
	return false
}

// placeholderFallback matches a whole value that is one placeholder with a default: Spring's
// ${NAME:default} and the shell's and Compose's ${NAME:-default} (also := - =).
var placeholderHead = regexp.MustCompile(`^\$\{[A-Za-z_][A-Za-z0-9_.\-\[\]]*(:-|:=|:|-|=)`)

// refNamespaces are the ${namespace:NAME} references of devcontainer.json and VS Code.
var refNamespaces = map[string]bool{"localEnv": true, "containerEnv": true, "env": true, "config": true, "input": true, "command": true}

// fallback returns the default of a value that is exactly one placeholder with a default: that
// default is what the program reads when the variable is unset, so it is evaluated as a value
// of its own (rules.md, "Local targets").
func fallback(v value) (value, bool) {
	found := false
	for range 8 { // nested defaults: ${A:${B:...}}
		m := placeholderHead.FindStringSubmatchIndex(v.s)
		if m == nil {
			break
		}
		if v.s[m[2]:m[3]] == ":" && m[3] < len(v.s) && strings.IndexByte("+?", v.s[m[3]]) >= 0 {
			break // ${NAME:?error} and ${NAME:+alternative} have no default
		}
		if v.s[m[2]:m[3]] == ":" && refNamespaces[v.s[2:m[2]]] {
			break // ${localEnv:NAME} (devcontainer.json, VS Code) is a reference, not a default
		}
		if matchBrace(v.s, 1) != len(v.s)-1 {
			break // the placeholder is only part of the value
		}
		v = v.sub(m[1], len(v.s)-1)
		found = true
	}
	return v, found && v.s != ""
}

// matchBrace returns the index of the '}' closing the '{' at s[open], or -1.
func matchBrace(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// passwords attaches password settings to the URL setting beside them
// (spring.datasource.password next to spring.datasource.url), or reports them on their own when
// they belong to a PostgreSQL connection whose URL is elsewhere.
func (a *analysis) passwords() {
	for _, e := range a.entries {
		segs := normKey(e.path)
		if len(segs) < 2 {
			continue
		}
		last := segs[len(segs)-1]
		if last != "password" && last != "passwd" {
			continue
		}
		if serverSide(e.key) {
			continue
		}
		prefix := segs[:len(segs)-1]
		var url *urlSetting
		for k := len(prefix); k >= 1 && k >= len(prefix)-2; k-- {
			if u, ok := a.urls[strings.Join(prefix[:k], ".")]; ok {
				url = u
				break
			}
		}
		v := e.val
		if fb, ok := fallback(v); ok {
			v = fb
		}
		if v.s == "" || rules.IsDynamic(v.s) {
			continue
		}
		p := rules.Param{Setting: drivers.Setting{Name: "password", Written: e.key, Value: v.s}, Val: v.full(), Pair: e.pair}
		switch {
		case url != nil && url.t != nil:
			url.t.Params = append(url.t.Params, p)
			url.t.Secrets = append(url.t.Secrets, v.full())
		case url != nil && url.static:
			// A URL of another database (MySQL) or a literal that is not a connection string.
		case a.pgPasswordContext(prefix):
			t := &rules.Target{Path: a.path, Driver: a.hint.Driver, Evidence: a.hint.Evidence, Syntax: "options",
				Fragment: true, HostUnknown: true, Params: []rules.Param{p}, Anchor: v.full(), Secrets: []rules.Span{v.full()}}
			a.targets = append(a.targets, t)
		}
	}
}

// serverSide reports whether a password variable configures a database server (the official
// images' POSTGRES_PASSWORD), not a client: it is not a client password (rules.md PGTLS008).
func serverSide(key string) bool {
	switch strings.ToUpper(key) {
	case "POSTGRES_PASSWORD", "POSTGRESQL_PASSWORD", "POSTGRES_PASSWORD_FILE", "PGPOOL_POSTGRES_PASSWORD":
		return true
	}
	return false
}

// pgPasswordContext reports whether a password whose URL is not in the file still belongs to a
// PostgreSQL connection: a Spring/Quarkus/Micronaut datasource in a project whose manifest has
// a Java PostgreSQL driver, or beside driver-class-name org.postgresql.Driver.
func (a *analysis) pgPasswordContext(prefix []string) bool {
	ds := false
	for _, s := range prefix {
		if strings.Contains(s, "datasource") || s == "r2dbc" || s == "flyway" || s == "liquibase" {
			ds = true
		}
	}
	if !ds {
		return false
	}
	pre := strings.Join(prefix, ".")
	for _, e := range a.entries {
		// spring.datasource.driver-class-name, quarkus.datasource.db-kind and the like.
		rest, ok := strings.CutPrefix(strings.Join(normKey(e.path), "."), pre+".")
		if ok && !strings.Contains(rest, ".url") && (strings.HasPrefix(rest, "driver") || strings.HasPrefix(rest, "db.kind")) {
			return strings.Contains(strings.ToLower(e.val.s), "postgresql")
		}
	}
	return a.hint.Driver == drivers.Pgjdbc || a.hint.Driver == drivers.R2DBC
}

// hostKeys and the other key sets name the settings of an options mapping.
var (
	hostKeys     = []string{"host", "hostname", "server", "hostaddr"}
	passwordKeys = []string{"password", "passwd"}
	typeKeys     = map[string]bool{
		"adapter": true, "driver": true, "dialect": true, "engine": true, "type": true, "provider": true,
		"client": true, "scheme": true, "protocol": true, "vendor": true, "kind": true, "database_type": true,
		"db_type": true, "dbtype": true, "driver-class-name": true, "driverclassname": true, "driver_class_name": true,
	}
	dbGroupName = regexp.MustCompile(`(?i)^(databases?|db|datasources?|default|primary|replica)$`)
)

// optionsGroup reports a mapping that configures a PostgreSQL connection with separate keys:
// host with password (PGTLS008) and sslmode. The reader is not known, so the target is a
// fragment: a missing sslmode is not reported for it (the program may set TLS in code).
func (a *analysis) optionsGroup(g *group) {
	host := g.get(hostKeys...)
	if host == nil || host.val.s == "" || rules.ConnKind(host.val.s) != "" {
		return
	}
	pw := g.get(passwordKeys...)
	if pw != nil && serverSide(pw.key) {
		pw = nil
	}
	mode := g.get("sslmode")
	dialect := g.get("dialect")
	sequelize := dialect != nil && (dialect.val.s == "postgres" || dialect.val.s == "postgresql") && g.get("username", "database") != nil
	if !sequelize && (pw == nil && mode == nil || !a.pgGroup(g)) {
		return
	}
	t := &rules.Target{Path: a.path, Driver: a.hint.Driver, Evidence: a.hint.Evidence, Syntax: "options",
		Fragment: true, Anchor: host.val.full()}
	start := 0
	for i := 0; i <= len(host.val.s); i++ {
		if i == len(host.val.s) || host.val.s[i] == ',' {
			if name := strings.TrimSpace(host.val.s[start:i]); name != "" {
				t.Hosts = append(t.Hosts, rules.Host{Name: name, Span: host.val.span(start, i), Dynamic: rules.IsDynamic(name)})
			}
			start = i + 1
		}
	}
	if len(t.Hosts) == 0 {
		return
	}
	t.Params = append(t.Params, rules.Param{Setting: drivers.Setting{Name: "host", Written: host.key, Value: host.val.s, Dynamic: rules.IsDynamic(host.val.s)},
		Val: host.val.full(), Pair: host.pair})
	if sequelize {
		// sequelize-cli reads config/config.json on the side and hands only dialectOptions
		// to pg: without dialectOptions.ssl there is no TLS at all (rules.md).
		t.Driver, t.Evidence = drivers.NodePostgres, "Sequelize config (dialect: "+dialect.val.s+") hands dialectOptions to pg"
		t.Fragment = false
		if do := g.sub["dialectoptions"]; do != nil {
			if ssl := do.get("ssl"); ssl != nil {
				t.Params = append(t.Params, rules.Param{Setting: drivers.Setting{Name: "ssl", Written: "ssl", Value: ssl.val.s, Dynamic: rules.IsDynamic(ssl.val.s)},
					Val: ssl.val.full(), Pair: ssl.pair})
			} else if obj := do.sub["ssl"]; obj != nil {
				if ru := obj.get("rejectUnauthorized"); ru != nil && ru.val.s == "false" {
					// rules has no setting for an ssl object with rejectUnauthorized: false
					// (the JavaScript analyzer's shape); leave the connection to it.
					return
				}
				// An ssl object turns verified TLS on in pg.
				t.Params = append(t.Params, rules.Param{Setting: drivers.Setting{Name: "ssl", Written: "ssl", Value: "true"}, Val: host.val.full(), Pair: host.val.full()})
			}
		}
	} else {
		ed := &envEditor{vars: map[string]*envVar{}}
		for _, k := range []string{"sslmode", "sslrootcert"} {
			e := g.get(k)
			if e == nil {
				continue
			}
			t.Params = append(t.Params, rules.Param{Setting: drivers.Setting{Name: k, Written: e.key, Value: e.val.s, Dynamic: rules.IsDynamic(e.val.s)},
				Val: e.val.full(), Pair: e.pair})
			name := "PGSSLMODE"
			if k == "sslrootcert" {
				name = "PGSSLROOTCERT"
			}
			ed.vars[name] = &envVar{name: e.key, val: e.val, pair: e.pair}
		}
		if len(ed.vars) > 0 {
			t.Editor = ed
		}
	}
	if pw != nil {
		v := pw.val
		if fb, ok := fallback(v); ok {
			v = fb
		}
		t.Params = append(t.Params, rules.Param{Setting: drivers.Setting{Name: "password", Written: pw.key, Value: v.s, Dynamic: rules.IsDynamic(v.s)},
			Val: v.full(), Pair: pw.pair})
		if v.s != "" {
			t.Secrets = append(t.Secrets, v.full())
		}
	}
	a.hasPG = true
	a.targets = append(a.targets, t)
}

// pgGroup reports whether a mapping belongs to PostgreSQL: a type key that says so (adapter:
// postgresql, ENGINE: django.db.backends.postgresql, driver: org.postgresql.Driver), port 5432,
// a key path that names it, or a database-looking key in a project whose manifest has a
// PostgreSQL driver.
func (a *analysis) pgGroup(g *group) bool {
	for _, e := range g.entries {
		k := strings.ToLower(e.key)
		if typeKeys[k] && pgWord.MatchString(e.val.s) {
			return true
		}
		if k == "port" && strings.TrimSpace(e.val.s) == "5432" {
			return true
		}
	}
	segs := strings.Split(g.path, ".")
	segs = append(segs, strings.TrimSuffix(path.Base(a.path), path.Ext(a.path)))
	for _, s := range segs {
		if pgWord.MatchString(s) {
			return true
		}
	}
	if a.hint.Driver != "" {
		for _, s := range segs {
			if dbGroupName.MatchString(s) {
				return true
			}
		}
	}
	return false
}

// finish builds the environment targets of every scope, applies each scope's environment to
// its connection strings, and makes CI workflow targets local. It also returns the server
// settings found.
func (a *analysis) finish() ([]*rules.Target, []*rules.ServerConfig) {
	for _, sc := range a.scopes {
		for name := range sc.vars {
			if name != "NODE_TLS_REJECT_UNAUTHORIZED" {
				a.hasPG = true
			}
		}
	}
	for _, sc := range a.scopes {
		a.envTargets(sc)
	}
	if a.ci {
		for _, t := range a.targets {
			localize(t)
		}
	}
	sort.SliceStable(a.targets, func(i, j int) bool { return a.targets[i].Anchor.Start < a.targets[j].Anchor.Start })
	a.sortServers()
	return a.targets, a.servers
}

// pgEnvVars are the variables of the PostgreSQL fragment target, with their libpq names.
var pgEnvVars = []struct{ env, name string }{
	{"PGSSLMODE", "sslmode"}, {"PGSSLROOTCERT", "sslrootcert"}, {"PGSSL", "ssl"}, {"PGPASSWORD", "password"},
}

// envTargets makes the targets of a scope's variables: one fragment for the PG* variables (the
// host from PGHOST when set beside them), one for NODE_TLS_REJECT_UNAUTHORIZED; and gives the
// scope's connection strings the environment they run with.
func (a *analysis) envTargets(sc *scope) {
	env := map[string]string{}
	var params []rules.Param
	var secrets []rules.Span
	var anchor *rules.Span
	own := false
	for _, pv := range pgEnvVars {
		v := sc.get(pv.env)
		if v == nil {
			continue
		}
		dyn := rules.IsDynamic(v.val.s)
		params = append(params, rules.Param{Setting: drivers.Setting{Name: pv.name, Written: pv.env, Value: v.val.s, Dynamic: dyn},
			Val: v.val.full(), Pair: v.pair})
		if pv.env == "PGPASSWORD" {
			if v.val.s != "" {
				secrets = append(secrets, v.val.full())
			}
		} else if !dyn {
			env[pv.env] = v.val.s
		}
		if sc.vars[pv.env] != nil {
			own = true
			if anchor == nil {
				sp := v.val.full()
				anchor = &sp
			}
		}
	}
	if own {
		// The variables a parent scope sets are part of this one's target (a PGSSLROOTCERT
		// of the script beside a command's PGSSLMODE) but only the scope that sets one
		// makes a target of it.
		vars := map[string]*envVar{}
		for _, pv := range pgEnvVars {
			if v := sc.get(pv.env); v != nil {
				vars[pv.env] = v
			}
		}
		t := &rules.Target{Path: a.path, Driver: a.hint.Driver, Evidence: a.hint.Evidence, Syntax: "env",
			Fragment: true, HostUnknown: true, Params: params, Anchor: *anchor, Secrets: secrets,
			Editor: &envEditor{vars: vars}}
		if len(env) > 0 {
			t.Env = env
		}
		if h := sc.get("PGHOST"); h != nil {
			t.Hosts, t.HostUnknown = hostList(h.val), false
		}
		a.targets = append(a.targets, t)
	}
	if nt := sc.vars["NODE_TLS_REJECT_UNAUTHORIZED"]; nt != nil && (a.hint.Driver != "" || a.hasPG) {
		drv, ev := drivers.NodeTLSReader(a.hint.Driver, a.hint.Evidence)
		t := &rules.Target{Path: a.path, Driver: drv, Evidence: ev, Syntax: "env", Fragment: true, HostUnknown: true,
			Params: []rules.Param{{Setting: drivers.Setting{Name: "NODE_TLS_REJECT_UNAUTHORIZED", Written: "NODE_TLS_REJECT_UNAUTHORIZED",
				Value: nt.val.s, Dynamic: rules.IsDynamic(nt.val.s)}, Val: nt.val.full(), Pair: nt.pair}},
			Anchor: nt.val.full(),
			Editor: &envEditor{vars: map[string]*envVar{"NODE_TLS_REJECT_UNAUTHORIZED": nt}}}
		if h := sc.get("PGHOST"); h != nil {
			// node-postgres takes its host from PGHOST too: a local one needs no TLS.
			t.Hosts, t.HostUnknown = hostList(h.val), false
		}
		a.targets = append(a.targets, t)
	}
	for _, t := range sc.conns {
		applyEnv(t, sc, env)
	}
}

// applyEnv gives a connection string the PGSSLMODE and PGSSLROOTCERT of its scope when its
// driver reads them. The variables go first among its params, so that the string's own
// settings win, as they do for libpq; a finding decided by a variable then sits on it.
func applyEnv(t *rules.Target, sc *scope, env map[string]string) {
	d := drivers.For(t.Driver)
	var pre []rules.Param
	for _, pv := range pgEnvVars[:2] {
		v := sc.get(pv.env)
		if v == nil || !slices.Contains(d.Env, pv.env) {
			continue
		}
		pre = append(pre, rules.Param{Setting: drivers.Setting{Name: pv.name, Written: pv.env, Value: v.val.s, Dynamic: rules.IsDynamic(v.val.s)},
			Val: v.val.full(), Pair: v.pair})
		if val, ok := env[pv.env]; ok {
			if t.Env == nil {
				t.Env = map[string]string{}
			}
			t.Env[pv.env] = val
		}
	}
	if len(pre) > 0 {
		t.Params = append(pre, t.Params...)
	}
}

// hostList splits a PGHOST value into hosts.
func hostList(v value) []rules.Host {
	var hs []rules.Host
	start := 0
	for i := 0; i <= len(v.s); i++ {
		if i == len(v.s) || v.s[i] == ',' {
			name := v.s[start:i]
			hs = append(hs, rules.Host{Name: name, Span: v.span(start, i), Dynamic: rules.IsDynamic(name)})
			start = i + 1
		}
	}
	return hs
}

// localize makes a target of a CI workflow local: the databases there are service containers
// and `docker run` instances of the job, ephemeral test databases (docs/rules.md#local-targets).
// Rules about the driver's reading of the settings (PGTLS009, PGTLS011) still apply.
func localize(t *rules.Target) {
	// An omitted host is already local; marking it explicitly local would also silence
	// verification-disabled, which fires for an omitted host.
	if len(t.Hosts) == 0 && !t.HostUnknown {
		return
	}
	t.Local = true
}

// IsCIWorkflow reports whether a slash-separated path is a CI workflow file, whose databases
// are ephemeral test databases: .github/workflows/*.yml and .gitlab-ci.yml.
func IsCIWorkflow(p string) bool {
	p = strings.ReplaceAll(p, "\\", "/")
	base := strings.ToLower(path.Base(p))
	if base == ".gitlab-ci.yml" || base == ".gitlab-ci.yaml" {
		return true
	}
	dir := path.Dir(p)
	return (strings.HasSuffix(dir, ".github/workflows") || dir == ".github/workflows") &&
		(strings.HasSuffix(base, ".yml") || strings.HasSuffix(base, ".yaml"))
}
