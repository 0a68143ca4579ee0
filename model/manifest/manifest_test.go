package manifest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// tree writes files (slash paths relative to the root) into a temporary directory.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for p, content := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestForFile(t *testing.T) {
	for _, c := range []struct {
		name     string
		files    map[string]string
		file     string
		driver   drivers.ID
		evidence string // a substring of the evidence
		pg       bool
	}{
		{"pg", map[string]string{"package.json": `{"dependencies": {"pg": "^8.11.3"}}`}, ".env", drivers.NodePostgres, "package.json depends on pg", true},
		{"pg as dev dependency", map[string]string{"package.json": `{"devDependencies": {"pg": "8"}}`}, ".env", drivers.NodePostgres, "pg", true},
		{"postgres.js wins over pg", map[string]string{"package.json": `{"dependencies": {"pg": "8", "postgres": "^3.4.5"}}`}, ".env", drivers.PostgresJS, "also pg", true},
		{"prisma 5", map[string]string{"package.json": `{"dependencies": {"@prisma/client": "^5.22.0"}}`}, ".env", drivers.Prisma, "@prisma/client ^5.22.0", true},
		{"prisma 6 CLI", map[string]string{"package.json": `{"devDependencies": {"prisma": "~6.1.0"}}`}, ".env", drivers.Prisma, "prisma ~6.1.0", true},
		{"prisma 7", map[string]string{"package.json": `{"dependencies": {"@prisma/client": "7.0.1", "pg": "8"}}`}, ".env", drivers.Prisma7, "@prisma/client 7.0.1", true},
		{"prisma adapter", map[string]string{"package.json": `{"dependencies": {"@prisma/client": "^6.0.0", "@prisma/adapter-pg": "^6.0.0"}}`}, ".env", drivers.Prisma7, "@prisma/adapter-pg", true},
		{"knex wraps pg", map[string]string{"package.json": `{"dependencies": {"knex": "^3.1.0"}}`}, ".env", drivers.NodePostgres, "knex (which uses pg)", true},
		{"no pg", map[string]string{"package.json": `{"dependencies": {"express": "^4"}}`}, ".env", "", "", false},
		{"neon: its serverless driver", map[string]string{"package.json": `{"dependencies": {"@neondatabase/serverless": "^0.9"}}`}, ".env", drivers.Neon, "depends on @neondatabase/serverless", true},
		{"pg-native: PostgreSQL but no driver entry", map[string]string{"package.json": `{"dependencies": {"pg-native": "^3"}}`}, ".env", "", "", true},
		{"broken package.json", map[string]string{"package.json": `{"dependencies": {"pg": `}, ".env", "", "", false},
		{"go pgx", map[string]string{"go.mod": "module x\n\ngo 1.22\n\nrequire (\n\tgithub.com/jackc/pgx/v5 v5.7.1\n\tgithub.com/lib/pq v1.10.9\n)\n"}, "config/app.yaml", drivers.Pgx, "go.mod depends on github.com/jackc/pgx/v5 (also github.com/lib/pq", true},
		{"go lib/pq", map[string]string{"go.mod": "module x\nrequire github.com/lib/pq v1.10.9\n"}, ".env", drivers.LibPQGo, "github.com/lib/pq", true},
		{"go indirect only", map[string]string{"go.mod": "module x\nrequire github.com/lib/pq v1.10.9 // indirect\n"}, ".env", "", "", false},
		{"gorm postgres", map[string]string{"go.mod": "module x\nrequire gorm.io/driver/postgres v1.5.9\n"}, ".env", drivers.Pgx, "gorm.io/driver/postgres", true},
		{"psycopg2-binary", map[string]string{"requirements.txt": "flask==3.0\npsycopg2-binary>=2.9 # db\n"}, ".env", drivers.Psycopg2, "requirements.txt depends on psycopg2-binary", true},
		{"django", map[string]string{"requirements.txt": "Django>=5\npsycopg[binary]==3.2.1\n"}, ".env", drivers.Django, "django (also psycopg", true},
		{"django without a PostgreSQL driver", map[string]string{"requirements.txt": "Django>=5\nmysqlclient\n"}, ".env", "", "", false},
		{"sqlalchemy with asyncpg", map[string]string{"requirements-prod.txt": "SQLAlchemy[asyncio]==2.0\nasyncpg\n"}, ".env", drivers.Asyncpg, "sqlalchemy with asyncpg", true},
		{"sqlalchemy with psycopg2", map[string]string{"requirements.txt": "sqlalchemy\nasyncpg\npsycopg2\n"}, ".env", drivers.SQLAlchemy, "sqlalchemy", true},
		{"requirements dir", map[string]string{"requirements/base.txt": "asyncpg==0.29\n"}, ".env", drivers.Asyncpg, "asyncpg", true},
		{"pyproject PEP 621", map[string]string{"pyproject.toml": "[project]\nname = \"x\"\ndependencies = [\"psycopg[binary]>=3.1\", \"fastapi\"]\n"}, ".env", drivers.Psycopg, "pyproject.toml depends on psycopg", true},
		{"pyproject poetry", map[string]string{"pyproject.toml": "[tool.poetry.dependencies]\npython = \"^3.12\"\nasyncpg = \"^0.29\"\n"}, ".env", drivers.Asyncpg, "asyncpg", true},
		{"pyproject broken", map[string]string{"pyproject.toml": "[project\n"}, ".env", "", "", false},
		{"Pipfile", map[string]string{"Pipfile": "[packages]\npsycopg2 = \"*\"\n"}, ".env", drivers.Psycopg2, "Pipfile depends on psycopg2", true},
		{"pom", map[string]string{"pom.xml": `<project><dependencyManagement><dependencies><dependency><groupId>io.r2dbc</groupId><artifactId>r2dbc-postgresql</artifactId></dependency></dependencies></dependencyManagement>
<dependencies><dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId><scope>runtime</scope></dependency></dependencies></project>`}, "src/main/resources/application.properties", drivers.Pgjdbc, "pom.xml depends on org.postgresql:postgresql", true},
		{"pom r2dbc", map[string]string{"pom.xml": `<project><dependencies><dependency><groupId>org.postgresql</groupId><artifactId>r2dbc-postgresql</artifactId></dependency></dependencies></project>`}, "application.yml", drivers.R2DBC, "r2dbc-postgresql", true},
		{"gradle kts", map[string]string{"build.gradle.kts": "dependencies {\n    // implementation(\"io.r2dbc:r2dbc-postgresql:1.0\")\n    runtimeOnly(\"org.postgresql:postgresql:42.7.4\")\n}\n"}, "application.yml", drivers.Pgjdbc, "build.gradle.kts depends on org.postgresql:postgresql", true},
		{"gradle catalog", map[string]string{"build.gradle": "dependencies { runtimeOnly libs.postgresql }\n", "gradle/libs.versions.toml": "[libraries]\npostgresql = { module = \"org.postgresql:postgresql\", version = \"42.7.4\" }\n"}, "application.yml", drivers.Pgjdbc, "gradle/libs.versions.toml", true},
		{"cargo sqlx", map[string]string{"Cargo.toml": "[dependencies]\nsqlx = { version = \"0.8\", features = [\"postgres\", \"runtime-tokio\"] }\n"}, ".env", drivers.Sqlx, "sqlx (postgres)", true},
		{"gemfile", map[string]string{"Gemfile": "source 'https://rubygems.org'\ngem 'pg', '~> 1.5'\n"}, "config/database.yml", drivers.Libpq, "Gemfile depends on pg (libpq)", true},
		{"go beats node", map[string]string{"go.mod": "module x\nrequire github.com/lib/pq v1.10.9\n", "package.json": `{"dependencies": {"pg": "8"}}`}, ".env", drivers.LibPQGo, "also pg in package.json", true},
		{"no manifest", map[string]string{"README.md": "x"}, ".env", "", "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			root := tree(t, c.files)
			in := NewInferrer(root)
			h := in.ForFile(filepath.Join(root, filepath.FromSlash(c.file)))
			if h.Driver != c.driver || !strings.Contains(h.Evidence, c.evidence) {
				t.Errorf("ForFile = %+v, want driver %q with evidence containing %q", h, c.driver, c.evidence)
			}
			if got := in.HasPostgres(filepath.Join(root, filepath.FromSlash(c.file))); got != c.pg {
				t.Errorf("HasPostgres = %v, want %v", got, c.pg)
			}
		})
	}
}

// TestNearestManifestDecides checks the walk up: the first directory with any manifest decides,
// even when it names no driver, and the walk never leaves the root.
func TestNearestManifestDecides(t *testing.T) {
	root := tree(t, map[string]string{
		"package.json":                  `{"dependencies": {"pg": "8"}}`,
		"services/api/.env":             "",
		"services/api/src/db/config.js": "",
		"web/package.json":              `{"dependencies": {"react": "18"}}`,
		"web/.env":                      "",
		"tools/go.mod":                  "module tools\nrequire github.com/jackc/pgx/v5 v5.7.1\n",
		"tools/cmd/x/.env":              "",
	})
	in := NewInferrer(root)
	for file, want := range map[string]drivers.ID{
		"services/api/.env":             drivers.NodePostgres,
		"services/api/src/db/config.js": drivers.NodePostgres,
		"web/.env":                      "",
		"tools/cmd/x/.env":              drivers.Pgx,
		".env":                          drivers.NodePostgres,
	} {
		if got := in.ForFile(filepath.Join(root, filepath.FromSlash(file))).Driver; got != want {
			t.Errorf("%s: driver %q, want %q", file, got, want)
		}
	}
	// Evidence names the manifest relative to the root.
	if ev := in.ForFile(filepath.Join(root, "tools", "cmd", "x", ".env")).Evidence; !strings.HasPrefix(ev, "tools/go.mod depends on") {
		t.Errorf("evidence %q does not name tools/go.mod", ev)
	}
	// A scan rooted below the manifest does not look above the root.
	sub := NewInferrer(filepath.Join(root, "services"))
	if got := sub.ForFile(filepath.Join(root, "services", "api", ".env")); got.Driver != "" {
		t.Errorf("walk left the root: %+v", got)
	}
}

// TestPathForms checks the paths the walker hands over: relative to the working directory
// (the root as given joined with the path below it) and slash-separated.
func TestPathForms(t *testing.T) {
	root := tree(t, map[string]string{"app/package.json": `{"dependencies": {"pg": "8"}}`, "app/.env": ""})
	t.Chdir(root)
	in := NewInferrer(".")
	for _, p := range []string{"app/.env", "./app/.env", filepath.Join(root, "app", ".env")} {
		if got := in.ForFile(p); got.Driver != drivers.NodePostgres {
			t.Errorf("ForFile(%q) = %+v", p, got)
		}
	}
	// A root that is a file: its repository bounds the walk.
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	fileRoot := NewInferrer(filepath.Join(root, "app", ".env"))
	if got := fileRoot.ForFile(filepath.Join(root, "app", ".env")); got.Driver != drivers.NodePostgres {
		t.Errorf("file root: %+v", got)
	}
}

// TestConcurrentUse runs many lookups at once (run with -race): each directory is read once
// and every caller gets the same answer.
func TestConcurrentUse(t *testing.T) {
	files := map[string]string{"package.json": `{"dependencies": {"pg": "8"}}`}
	for i := range 20 {
		files[fmt.Sprintf("d%d/sub/.env", i)] = ""
	}
	root := tree(t, files)
	in := NewInferrer(root)
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				p := filepath.Join(root, fmt.Sprintf("d%d", (g+i)%20), "sub", ".env")
				if in.ForFile(p).Driver != drivers.NodePostgres || !in.HasPostgres(p) {
					t.Errorf("%s: wrong hint", p)
					return
				}
			}
		}()
	}
	wg.Wait()
}
