package drivers

import (
	"testing"
)

func TestNpmMajor(t *testing.T) {
	for v, want := range map[string]int{"^6.19.0": 6, "~5": 5, ">=7.0.0 <8": 7, "7.x": 7, "5.22.0": 5} {
		if got, ok := npmMajor(v); !ok || got != want {
			t.Errorf("npmMajor(%q) = %d, %v; want %d", v, got, ok, want)
		}
	}
	for _, v := range []string{"latest", "workspace:*", "github:prisma/prisma", "file:../x"} {
		if _, ok := npmMajor(v); ok {
			t.Errorf("npmMajor(%q) claims a version", v)
		}
	}
}

// TestCandidates checks the manifest rules the table holds: frameworks count only with a
// driver beside them, a version range picks Prisma's engine, alternatives of one driver count
// once, and the dependency is shown as the manifest names it.
func TestCandidates(t *testing.T) {
	for _, tc := range []struct {
		eco  Ecosystem
		deps []Dependency
		want []string // driver: shown
		pg   bool
	}{
		{PyPI, []Dependency{{Name: "django"}}, nil, false},
		{PyPI, []Dependency{{Name: "django"}, {Name: "psycopg2-binary"}}, []string{"django: django", "psycopg2: psycopg2-binary"}, true},
		{PyPI, []Dependency{{Name: "psycopg2"}, {Name: "psycopg2-binary"}}, []string{"psycopg2: psycopg2"}, true},
		{PyPI, []Dependency{{Name: "sqlalchemy"}, {Name: "asyncpg"}}, []string{"asyncpg: sqlalchemy with asyncpg", "asyncpg: asyncpg"}, true},
		{PyPI, []Dependency{{Name: "sqlalchemy"}, {Name: "asyncpg"}, {Name: "psycopg-binary"}},
			[]string{"sqlalchemy: sqlalchemy", "asyncpg: asyncpg", "psycopg: psycopg"}, true},
		{PyPI, []Dependency{{Name: "pg8000"}}, nil, true},
		{NPM, []Dependency{{Name: "@prisma/client", Version: "^6.19.0"}}, []string{"prisma: @prisma/client ^6.19.0"}, true},
		{NPM, []Dependency{{Name: "@prisma/client", Version: "latest"}}, []string{"prisma7: @prisma/client latest"}, true},
		{NPM, []Dependency{{Name: "@prisma/client", Version: "github:prisma/prisma"}}, []string{"prisma: @prisma/client github:prisma/prisma"}, true},
		{NPM, []Dependency{{Name: "knex"}, {Name: "pg"}}, []string{"node-postgres: pg", "node-postgres: knex (which uses pg)"}, true},
		{NPM, []Dependency{{Name: "@neondatabase/serverless"}}, []string{"neon-serverless: @neondatabase/serverless"}, true},
		{NPM, []Dependency{{Name: "pg-native"}}, nil, true},
		{GoModules, []Dependency{{Name: "github.com/jackc/pgx/v5"}}, []string{"pgx: github.com/jackc/pgx/v5"}, true},
		{GoModules, []Dependency{{Name: "github.com/lib/pq", Indirect: true}}, nil, false},
		{GoModules, []Dependency{{Name: "github.com/jackc/pgconn", Indirect: true}}, nil, true},
		{Maven, []Dependency{{Name: "io.r2dbc:r2dbc-postgresql"}}, []string{"r2dbc: io.r2dbc:r2dbc-postgresql"}, true},
		{Crates, []Dependency{{Name: "sqlx", Features: []string{"mysql"}}}, nil, false},
		{Crates, []Dependency{{Name: "postgres"}, {Name: "tokio-postgres"}}, []string{"tokio-postgres: tokio-postgres"}, true},
		{RubyGems, []Dependency{{Name: "pg"}}, []string{"libpq: pg (libpq)"}, true},
	} {
		cs, pg := Candidates(tc.eco, tc.deps)
		var got []string
		for _, c := range cs {
			got = append(got, string(c.Driver)+": "+c.Shown())
		}
		if pg != tc.pg || len(got) != len(tc.want) {
			t.Errorf("%s %v: %q (pg %v), want %q (pg %v)", tc.eco, tc.deps, got, pg, tc.want, tc.pg)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%s %v: %q, want %q", tc.eco, tc.deps, got, tc.want)
				break
			}
		}
	}
}

func TestImportOf(t *testing.T) {
	for _, tc := range []struct {
		lang     Lang
		path     string
		want     ID
		pkg      string
		evidence string
	}{
		{LangGo, "github.com/jackc/pgx/v5/pgxpool", Pgx, "pgxpool", "import of github.com/jackc/pgx/v5/pgxpool"},
		{LangGo, "github.com/jackc/pgx/v5", Pgx, "", "import of github.com/jackc/pgx/v5"},
		{LangGo, "gorm.io/driver/postgres", Pgx, "", "import of gorm.io/driver/postgres (which uses pgx)"},
		{LangGo, "github.com/lib/pq", LibPQGo, "", "import of github.com/lib/pq"},
		{LangPython, "psycopg_pool", Psycopg, "", "import of psycopg_pool"},
		{LangJavaScript, "@neondatabase/serverless", Neon, "", "import of @neondatabase/serverless"},
		{LangJava, "org.postgresql.ds.PGSimpleDataSource", Pgjdbc, "", "import of org.postgresql.ds.PGSimpleDataSource"},
	} {
		im, ok := ImportOf(tc.lang, tc.path)
		if !ok || im.Driver.ID != tc.want || im.Package != tc.pkg || im.Evidence(tc.path) != tc.evidence {
			t.Errorf("ImportOf(%s, %q) = %v %q %q, %v", tc.lang, tc.path, im.Driver, im.Package, im.Evidence(tc.path), ok)
		}
	}
	for _, p := range []string{"github.com/jackc/pgxlisten", "github.com/lib/pqx", "pgx", "org.postgresqlx"} {
		if im, ok := ImportOf(LangGo, p); ok {
			t.Errorf("ImportOf(go, %q) = %s", p, im.Driver.ID)
		}
	}
	im, _ := ImportOf(LangGo, "github.com/jackc/pgx/v5/pgxpool")
	if c, ok := im.CallOf("New"); !ok || c.DSN != 1 || im.Short() != "pgxpool" {
		t.Errorf("pgxpool.New: %+v %v %q", c, ok, im.Short())
	}
	if _, ok := im.CallOf("Open"); ok {
		t.Error("pgxpool.Open is gorm's Open")
	}
	gorm, _ := ImportOf(LangGo, "gorm.io/driver/postgres")
	if c, ok := gorm.CallOf("Open"); !ok || c.DSN != 0 || gorm.Short() != "gorm's postgres" {
		t.Errorf("gorm Open: %+v %v", c, ok)
	}
}

func TestReaderOf(t *testing.T) {
	for syn, want := range map[string]ID{"jdbc": Pgjdbc, "adonet": Npgsql, "r2dbc": R2DBC, "pdo": PHP} {
		if d := ReaderOf(syn); d == nil || d.ID != want {
			t.Errorf("ReaderOf(%s) = %v, want %s", syn, d, want)
		}
	}
	if d := ReaderOf("uri"); d != nil {
		t.Errorf("ReaderOf(uri) = %s: many drivers read URIs", d.ID)
	}
}
