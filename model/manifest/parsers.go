package manifest

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"regexp"
	"strconv"
	"strings"

	toml "github.com/pelletier/go-toml/v2"
	"golang.org/x/mod/modfile"

	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// Each parser returns the drivers a manifest names and whether anything in it talks to
// PostgreSQL (a client pgtlslint has no driver entry for counts too, for HasPostgres). A
// manifest that does not parse names nothing.

// parseGoMod reads the direct requirements of go.mod.
func parseGoMod(data []byte) ([]candidate, bool) {
	f, err := modfile.ParseLax("go.mod", data, nil)
	if err != nil {
		return nil, false
	}
	var cs []candidate
	pg := false
	for _, r := range f.Require {
		p := r.Mod.Path
		switch {
		case strings.HasPrefix(p, "github.com/go-pg/pg"), strings.HasPrefix(p, "github.com/uptrace/bun/driver/pgdriver"),
			strings.HasPrefix(p, "github.com/jackc/pgconn"):
			pg = true
		}
		if r.Indirect {
			continue
		}
		switch {
		case p == "github.com/jackc/pgx" || strings.HasPrefix(p, "github.com/jackc/pgx/"):
			cs = append(cs, candidate{rank: rankGo, driver: drivers.Pgx, pkg: p})
		case p == "gorm.io/driver/postgres":
			cs = append(cs, candidate{rank: rankGo + 1, driver: drivers.Pgx, pkg: p + " (pgx)"})
		case p == "github.com/lib/pq":
			cs = append(cs, candidate{rank: rankGo + 2, driver: drivers.LibPQGo, pkg: p})
		}
	}
	return cs, pg || len(cs) > 0
}

// nodeDeps are the Node.js packages that choose a driver, with their rank.
var nodeDeps = map[string]struct {
	rank   int
	driver drivers.ID
}{
	"@prisma/adapter-pg":    {0, drivers.Prisma7},
	"postgres":              {3, drivers.PostgresJS},
	"pg":                    {4, drivers.NodePostgres},
	"pg-promise":            {5, drivers.NodePostgres},
	"knex":                  {5, drivers.NodePostgres},
	"sequelize":             {5, drivers.NodePostgres},
	"typeorm":               {5, drivers.NodePostgres},
	"slonik":                {5, drivers.NodePostgres},
	"@mikro-orm/postgresql": {5, drivers.NodePostgres},
	"connect-pg-simple":     {5, drivers.NodePostgres},
}

// nodePG are Node.js PostgreSQL clients with no driver entry of their own.
var nodePG = map[string]bool{
	"pg-native": true, "@neondatabase/serverless": true, "@vercel/postgres": true, "pg-pool": true,
	"drizzle-orm": false, "kysely": false,
}

// parsePackageJSON reads dependencies and devDependencies.
func parsePackageJSON(data []byte) ([]candidate, bool) {
	var pj struct {
		Dependencies    map[string]any `json:"dependencies"`
		DevDependencies map[string]any `json:"devDependencies"`
	}
	if err := json.Unmarshal(data, &pj); err != nil {
		return nil, false
	}
	deps := map[string]string{}
	for _, m := range []map[string]any{pj.DevDependencies, pj.Dependencies} {
		for k, v := range m {
			s, _ := v.(string)
			deps[k] = s
		}
	}
	var cs []candidate
	pg := false
	for name, ver := range deps {
		if nodePG[name] {
			pg = true
		}
		if d, ok := nodeDeps[name]; ok {
			pkg := name
			if d.rank == 5 {
				pkg += " (which uses pg)"
			}
			cs = append(cs, candidate{rank: rankNode + d.rank, driver: d.driver, pkg: pkg})
			continue
		}
		if name == "@prisma/client" || name == "prisma" {
			major, known := npmMajor(ver)
			c := candidate{rank: rankNode + 2, driver: drivers.Prisma, pkg: name}
			switch {
			case known && major >= 7:
				c.rank, c.driver = rankNode+1, drivers.Prisma7
			case !known && (ver == "latest" || ver == "next" || ver == "*" || ver == ""):
				// The newest release is 7 or later.
				c.rank, c.driver = rankNode+1, drivers.Prisma7
			}
			if ver != "" {
				c.pkg += " " + ver
			}
			if name == "prisma" {
				c.rank++ // the CLI alone says less than the client
			}
			cs = append(cs, c)
		}
	}
	return cs, pg || len(cs) > 0
}

var npmVersion = regexp.MustCompile(`(\d+)(?:\.\d+|\.x)*`)

// npmMajor reads the major version of an npm range: "^6.19.0", "~5", ">=7.0.0 <8", "7.x".
func npmMajor(v string) (int, bool) {
	v = strings.TrimSpace(v)
	if strings.HasPrefix(v, "npm:") || strings.Contains(v, "/") || strings.HasPrefix(v, "workspace:") || strings.HasPrefix(v, "file:") {
		return 0, false
	}
	m := npmVersion.FindStringSubmatch(v)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	return n, err == nil
}

// pep503 normalizes a Python distribution name.
func pep503(n string) string {
	n = strings.ToLower(strings.TrimSpace(n))
	return strings.NewReplacer("_", "-", ".", "-").Replace(n)
}

var reqName = regexp.MustCompile(`^\s*([A-Za-z0-9][A-Za-z0-9._-]*)`)

// parseRequirements returns the distribution names of a requirements file.
func parseRequirements(data []byte) []string {
	var out []string
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if i := strings.Index(line, " #"); i >= 0 {
			line = line[:i]
		}
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "-") {
			continue
		}
		if m := reqName.FindStringSubmatch(line); m != nil {
			out = append(out, pep503(m[1]))
		}
	}
	return out
}

// pythonCandidates applies the Python precedence to a set of distribution names.
func pythonCandidates(names []string) ([]candidate, bool) {
	has := map[string]bool{}
	for _, n := range names {
		has[n] = true
	}
	psycopg := has["psycopg"] || has["psycopg-binary"] || has["psycopg-c"] || has["psycopg-pool"]
	psycopg2 := has["psycopg2"] || has["psycopg2-binary"]
	sqla := has["sqlalchemy"] || has["flask-sqlalchemy"] || has["sqlmodel"]
	var cs []candidate
	if has["django"] {
		cs = append(cs, candidate{rank: rankPython, driver: drivers.Django, pkg: "django"})
	}
	if sqla {
		c := candidate{rank: rankPython + 1, driver: drivers.SQLAlchemy, pkg: "sqlalchemy"}
		if has["asyncpg"] && !psycopg && !psycopg2 {
			c.driver, c.pkg = drivers.Asyncpg, "sqlalchemy with asyncpg"
		}
		cs = append(cs, c)
	}
	if has["asyncpg"] {
		cs = append(cs, candidate{rank: rankPython + 2, driver: drivers.Asyncpg, pkg: "asyncpg"})
	}
	if psycopg {
		cs = append(cs, candidate{rank: rankPython + 3, driver: drivers.Psycopg, pkg: "psycopg"})
	}
	if psycopg2 {
		pkg := "psycopg2"
		if has["psycopg2-binary"] && !has["psycopg2"] {
			pkg = "psycopg2-binary"
		}
		cs = append(cs, candidate{rank: rankPython + 4, driver: drivers.Psycopg2, pkg: pkg})
	}
	if len(cs) > 0 && !psycopg && !psycopg2 && !has["asyncpg"] {
		// Django or SQLAlchemy with no PostgreSQL driver: the project may use another
		// database altogether.
		return nil, false
	}
	pg := len(cs) > 0 || has["pg8000"] || has["databases"] && has["asyncpg"]
	return cs, pg
}

// pep508Name returns the distribution name at the start of a PEP 508 requirement.
func pep508Name(s string) string {
	if m := reqName.FindStringSubmatch(s); m != nil {
		return pep503(m[1])
	}
	return ""
}

// parsePyproject reads PEP 621 dependencies, optional dependencies, PEP 735 dependency groups
// and Poetry's tables.
func parsePyproject(data []byte) ([]candidate, bool) {
	var doc map[string]any
	if err := toml.Unmarshal(data, &doc); err != nil {
		return nil, false
	}
	var names []string
	addList := func(v any) {
		if l, ok := v.([]any); ok {
			for _, x := range l {
				if s, ok := x.(string); ok {
					if n := pep508Name(s); n != "" {
						names = append(names, n)
					}
				}
			}
		}
	}
	addKeys := func(v any) {
		if m, ok := v.(map[string]any); ok {
			for k := range m {
				names = append(names, pep503(k))
			}
		}
	}
	if p, ok := doc["project"].(map[string]any); ok {
		addList(p["dependencies"])
		if od, ok := p["optional-dependencies"].(map[string]any); ok {
			for _, l := range od {
				addList(l)
			}
		}
	}
	if dg, ok := doc["dependency-groups"].(map[string]any); ok {
		for _, l := range dg {
			addList(l)
		}
	}
	if tool, ok := doc["tool"].(map[string]any); ok {
		if po, ok := tool["poetry"].(map[string]any); ok {
			addKeys(po["dependencies"])
			addKeys(po["dev-dependencies"])
			if groups, ok := po["group"].(map[string]any); ok {
				for _, g := range groups {
					if gm, ok := g.(map[string]any); ok {
						addKeys(gm["dependencies"])
					}
				}
			}
		}
		if uv, ok := tool["uv"].(map[string]any); ok {
			addList(uv["dev-dependencies"])
		}
	}
	return pythonCandidates(names)
}

// parsePipfile reads [packages] and [dev-packages].
func parsePipfile(data []byte) ([]candidate, bool) {
	var doc map[string]any
	if err := toml.Unmarshal(data, &doc); err != nil {
		return nil, false
	}
	var names []string
	for _, sec := range []string{"packages", "dev-packages"} {
		if m, ok := doc[sec].(map[string]any); ok {
			for k := range m {
				names = append(names, pep503(k))
			}
		}
	}
	return pythonCandidates(names)
}

// parsePom reads the dependencies of a Maven POM (not those of dependencyManagement, which
// only pin versions).
func parsePom(data []byte) ([]candidate, bool) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	var stack []string
	var group, artifact string
	var cs []candidate
	seen := map[string]bool{}
	inMgmt := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, t.Name.Local)
			if t.Name.Local == "dependencyManagement" {
				inMgmt++
			}
			if t.Name.Local == "dependency" {
				group, artifact = "", ""
			}
		case xml.CharData:
			if n := len(stack); n >= 2 && stack[n-2] == "dependency" {
				switch stack[n-1] {
				case "groupId":
					group += strings.TrimSpace(string(t))
				case "artifactId":
					artifact += strings.TrimSpace(string(t))
				}
			}
		case xml.EndElement:
			if len(stack) == 0 {
				break
			}
			name := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if name == "dependencyManagement" {
				inMgmt--
			}
			if name == "dependency" && inMgmt == 0 {
				if c, ok := javaCandidate(group, artifact); ok && !seen[c.pkg] {
					seen[c.pkg] = true
					cs = append(cs, c)
				}
			}
		}
	}
	return cs, len(cs) > 0
}

// javaCandidate maps Maven coordinates to a driver.
func javaCandidate(group, artifact string) (candidate, bool) {
	switch {
	case group == "org.postgresql" && artifact == "postgresql":
		return candidate{rank: rankJava, driver: drivers.Pgjdbc, pkg: "org.postgresql:postgresql"}, true
	case artifact == "r2dbc-postgresql":
		return candidate{rank: rankJava + 1, driver: drivers.R2DBC, pkg: group + ":r2dbc-postgresql"}, true
	}
	return candidate{}, false
}

var (
	gradleCoord    = regexp.MustCompile(`["']([A-Za-z0-9_.\-]+):([A-Za-z0-9_.\-]+)(?::[^"']*)?["']`)
	gradleGroupArt = regexp.MustCompile(`group\s*[:=]\s*["']([A-Za-z0-9_.\-]+)["']\s*,\s*(?:name|module)\s*[:=]\s*["']([A-Za-z0-9_.\-]+)["']`)
	lineComment    = regexp.MustCompile(`(?m)^\s*//.*$`)
	blockComment   = regexp.MustCompile(`(?s)/\*.*?\*/`)
)

// parseGradle finds PostgreSQL coordinates in a Gradle build script or version catalog.
func parseGradle(data []byte) ([]candidate, bool) {
	text := blockComment.ReplaceAllString(string(data), "")
	text = lineComment.ReplaceAllString(text, "")
	var cs []candidate
	seen := map[string]bool{}
	add := func(g, a string) {
		if c, ok := javaCandidate(g, a); ok && !seen[c.pkg] {
			seen[c.pkg] = true
			cs = append(cs, c)
		}
	}
	for _, m := range gradleCoord.FindAllStringSubmatch(text, -1) {
		add(m[1], m[2])
	}
	for _, m := range gradleGroupArt.FindAllStringSubmatch(text, -1) {
		add(m[1], m[2])
	}
	return cs, len(cs) > 0
}

// parseCargo reads [dependencies], [dev-dependencies] and [workspace.dependencies].
func parseCargo(data []byte) ([]candidate, bool) {
	var doc map[string]any
	if err := toml.Unmarshal(data, &doc); err != nil {
		return nil, false
	}
	deps := map[string]any{}
	collect := func(v any) {
		if m, ok := v.(map[string]any); ok {
			for k, x := range m {
				deps[k] = x
			}
		}
	}
	collect(doc["dependencies"])
	collect(doc["dev-dependencies"])
	if ws, ok := doc["workspace"].(map[string]any); ok {
		collect(ws["dependencies"])
	}
	hasFeature := func(v any, f string) bool {
		m, ok := v.(map[string]any)
		if !ok {
			return false
		}
		l, _ := m["features"].([]any)
		for _, x := range l {
			if s, _ := x.(string); s == f {
				return true
			}
		}
		return false
	}
	var cs []candidate
	if v, ok := deps["sqlx"]; ok && hasFeature(v, "postgres") {
		cs = append(cs, candidate{rank: rankRust, driver: drivers.Sqlx, pkg: "sqlx (postgres)"})
	}
	for _, n := range []string{"tokio-postgres", "postgres", "deadpool-postgres", "bb8-postgres"} {
		if _, ok := deps[n]; ok {
			cs = append(cs, candidate{rank: rankRust + 1, driver: drivers.TokioPostgres, pkg: n})
			break
		}
	}
	if v, ok := deps["diesel"]; ok && hasFeature(v, "postgres") {
		cs = append(cs, candidate{rank: rankRust + 2, driver: drivers.Libpq, pkg: "diesel (postgres, libpq)"})
	}
	return cs, len(cs) > 0
}

var gemPG = regexp.MustCompile(`(?m)^\s*gem\s+["']pg["']`)

// parseGemfile finds the pg gem, which wraps libpq.
func parseGemfile(data []byte) ([]candidate, bool) {
	if gemPG.Match(data) {
		return []candidate{{rank: rankRuby, driver: drivers.Libpq, pkg: "pg (libpq)"}}, true
	}
	return nil, false
}
