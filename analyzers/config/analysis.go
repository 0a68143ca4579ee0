package config

import (
	"sort"
	"strings"

	"github.com/pgtlslint/pgtlslint/analyzers/config/doc"
	"github.com/pgtlslint/pgtlslint/analyzers/config/server"
	"github.com/pgtlslint/pgtlslint/analyzers/config/shell"
	"github.com/pgtlslint/pgtlslint/analyzers/config/text"
	"github.com/pgtlslint/pgtlslint/model/manifest"
	"github.com/pgtlslint/pgtlslint/rules"
)

// analysis is the state of one Analyze call.
type analysis struct {
	path    string
	hint    manifest.Hint
	ci      bool
	markup  bool // the file is markup: text in it is entity-escaped
	doc     *doc.Document
	entries []*doc.Entry
	targets []*rules.Target
	// conns are the connection strings of each scope, which its environment applies to.
	conns map[*doc.Scope][]*rules.Target
	// urls maps the normalized key prefix of a URL setting ("spring.datasource") to its
	// target, so that a password setting beside it can join it.
	urls map[string]*urlSetting
	// hasPG is true once the file has shown a PostgreSQL connection or PG* variable.
	hasPG bool
	// servers are the settings of PostgreSQL servers: container environments, command lines.
	servers []*rules.ServerConfig
	// hostAuths holds the POSTGRES_HOST_AUTH_METHOD config of each scope that sets it.
	hostAuths map[*doc.Scope]*rules.ServerConfig
	// blockIx is what the entries say about the settings blocks they sit in (blocks()).
	blockIx *blockIndex
	// pgArgs is set while a container command of a PostgreSQL image is read as shell: there
	// a command that starts with an option is the arguments of the image's entrypoint.
	pgArgs bool
	// selfRefs caches, per scope and variable, where its last self-referencing setting starts.
	selfRefs map[*doc.Scope]map[string]int
}

func newAnalysis(p string, hint manifest.Hint, d *doc.Document) *analysis {
	return &analysis{path: p, hint: hint, ci: IsCIWorkflow(p), markup: text.Markup(p), doc: d,
		conns: map[*doc.Scope][]*rules.Target{}, urls: map[string]*urlSetting{}, selfRefs: map[*doc.Scope]map[string]int{}}
}

// run analyzes the document and returns the targets and server configs found.
func (a *analysis) run() ([]*rules.Target, []*rules.ServerConfig) {
	a.load()
	a.finishEntries()
	return a.finish()
}

// load reads the document's items in order: entries wait for finishEntries, scripts and text
// are read now.
func (a *analysis) load() {
	for _, it := range a.doc.Items {
		switch it := it.(type) {
		case *doc.Entry:
			a.addEntry(it)
		case *doc.Script:
			if it.Shell {
				a.analyzeShell(it.Val, it.Scope)
			} else {
				a.searchText(it.Val, it.Scope, it.Comments)
			}
		case *doc.CommandLine:
			a.addServer(it.Settings)
		case *doc.Service:
			a.service(it)
		}
	}
}

// addEntry records a structured setting; finishEntries looks at all of them together. A
// variable is known from here on to the values that refer to it.
func (a *analysis) addEntry(e *doc.Entry) {
	a.entries = append(a.entries, e)
	if e.Var && e.Scope != nil {
		e.Scope.Assign(e)
	}
}

// finishEntries turns the entries of a structured file into targets.
func (a *analysis) finishEntries() {
	// Shell values add entries while they are read: the loop takes those in too.
	for i := 0; i < len(a.entries); i++ {
		e := a.entries[i]
		switch {
		case e.Key == server.HostAuthVar:
			a.hostAuth(e)
		case doc.IsClientVar(e.Key):
			// PGSSLMODE=${PGSSLMODE:-disable}: disable is what runs unless set;
			// PGSSLMODE=$mode: what mode was set to.
			val := e.Val
			if rv, _, ok := deref(e.Val, e.Scope, e.Pair.Start); ok {
				val = rv
			}
			e.Scope.Set(&doc.Var{Name: e.Key, Val: val, Pair: e.Pair, Remove: e.Remove})
		default:
			a.scanEntry(e)
		}
	}
	a.passwords()
	a.connectorTargets()
	for _, g := range a.doc.Groups {
		a.optionsGroup(g)
	}
}

// scanEntry looks at one value: a connection string, a placeholder with a fallback, a shell
// command, or text that may hold either.
func (a *analysis) scanEntry(e *doc.Entry) {
	v := doc.Resolve(e.Val)
	if t := a.connValue(v, e.Scope, "", "", e.Path); t != nil {
		t.Open = t.Open || a.grown(e)
		a.noteURL(e, t, true)
		return
	}
	if isURLKey(e.Path) {
		a.noteURL(e, nil, !rules.IsDynamic(e.Val.Text))
	}
	if e.Shell {
		a.pgArgs = e.PGImage
		a.analyzeShell(v, e.Scope)
		a.pgArgs = false
		return
	}
	a.searchText(v, e.Scope, nil)
}

// analyzeShell reads v as a shell script whose variables live in sc, when it may hold
// something to find.
func (a *analysis) analyzeShell(v doc.Value, sc *doc.Scope) {
	s := v.Text
	if !text.MayHold(s) && !strings.Contains(s, "psql") && !strings.Contains(s, "pg_") && !server.Hint(s) {
		return
	}
	shell.Read(v, sc, scriptHandler{a})
}

// searchText looks through v for connection strings and variable settings. comments lists the
// line-comment markers whose lines are skipped (nil: v is a value, not a file).
func (a *analysis) searchText(v doc.Value, sc *doc.Scope, comments []string) {
	text.Search(v.Text, comments, func(i, j int, ctx string) bool {
		return a.textConn(v, i, j, sc, ctx) != nil
	}, func(name string, i, after int) {
		if ev, ok := text.Assignment(v, name, i, after, a.markup); ok {
			sc.Set(ev)
		}
	})
}

// textConn makes a target of the connection string at decoded [i, j) of v, if it is one.
func (a *analysis) textConn(v doc.Value, i, j int, sc *doc.Scope, ctx string) *rules.Target {
	if i >= j {
		return nil
	}
	return a.connValue(text.Value(v, i, j, a.markup), sc, "", "", ctx)
}

// finish builds the environment targets of every scope, applies each scope's environment to
// its connection strings, and makes CI workflow targets local. It also returns the server
// settings found.
func (a *analysis) finish() ([]*rules.Target, []*rules.ServerConfig) {
	for _, sc := range a.doc.Scopes {
		for name := range sc.Vars {
			if name != doc.NodeTLSVar {
				a.hasPG = true
			}
		}
	}
	for _, sc := range a.doc.Scopes {
		a.envTargets(sc)
	}
	if a.ci {
		for _, t := range a.targets {
			localize(t)
		}
	}
	sort.SliceStable(a.targets, func(i, j int) bool { return a.targets[i].Anchor.Start < a.targets[j].Anchor.Start })
	sort.SliceStable(a.servers, func(i, j int) bool {
		return a.servers[i].Settings[0].Pair.Start < a.servers[j].Settings[0].Pair.Start
	})
	return a.targets, a.servers
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
