package drivers

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// sharedNames are table names that are also something else, with where else they stand and
// why that is not a second copy of the driver knowledge.
var sharedNames = map[string]string{
	// npm's pg (node-postgres) and RubyGems' pg (libpq) are two packages of one name, each in
	// its entry; pg is also a Knex client name (node-postgres's FrameworkNames).
	"pg": "npm pg and the Ruby gem pg",
	// npm postgres (Postgres.js), the postgres crate (tokio-postgres), lib/pq's database/sql
	// name, Sequelize's and TypeORM's dialect name; and, outside the table, the server's
	// binary, image and superuser, and the scheme prefix of URLs.
	"postgres": "Postgres.js, the postgres crate, lib/pq's database/sql name; the server and the URL scheme",
}

// TestNamesLiveInTheTable checks that the table is the one place that knows a driver's
// package and module names: no string literal of a non-test Go file elsewhere spells one, and
// within the table each sits in one file, its entry's.
func TestNamesLiveInTheTable(t *testing.T) {
	names := map[string]bool{}
	for _, d := range All() {
		for _, p := range d.Packages {
			names[p.Name] = true
		}
		for _, m := range d.Modules {
			names[m.Path] = true
		}
	}
	for _, p := range otherClients {
		names[p.Name] = true
	}
	files := literalsByFile(t, "../..")
	checked := 0
	for name := range names {
		var in []string
		for f, lits := range files {
			if lits[name] {
				in = append(in, f)
			}
		}
		sort.Strings(in)
		if _, shared := sharedNames[name]; shared {
			continue
		}
		checked++
		if len(in) != 1 || !strings.HasPrefix(in[0], "rules/drivers/") {
			t.Errorf("%q is spelt in %v, want exactly one file of rules/drivers", name, in)
		}
	}
	if checked < 30 {
		t.Errorf("checked %d names, want the table's (30 or more)", checked)
	}
}

// literalsByFile returns the string literals of every non-test Go file under root (testdata
// left out), by slash path relative to root.
func literalsByFile(t *testing.T, root string) map[string]map[string]bool {
	t.Helper()
	out := map[string]map[string]bool{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && p != root) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		lits := map[string]bool{}
		ast.Inspect(f, func(n ast.Node) bool {
			if bl, ok := n.(*ast.BasicLit); ok && bl.Kind == token.STRING {
				if v, err := strconv.Unquote(bl.Value); err == nil {
					lits[v] = true
				}
			}
			return true
		})
		out[filepath.ToSlash(rel)] = lits
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
