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
// package and module names (and the names of other databases): no string literal of a non-test Go file elsewhere spells one, and
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
	for _, c := range connectors {
		for _, cl := range c.Classes {
			names[cl] = true
		}
	}
	// The names of other databases live in their list too.
	for _, d := range otherDatabases {
		for _, ns := range [][]string{d.Schemes, d.Classes, d.Names, d.Words} {
			for _, n := range ns {
				names[n] = true
			}
		}
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
	eachGoFile(t, root, "", func(rel string, f *ast.File, _ *token.FileSet) {
		lits := map[string]bool{}
		ast.Inspect(f, func(n ast.Node) bool {
			if bl, ok := n.(*ast.BasicLit); ok && bl.Kind == token.STRING {
				if v, err := strconv.Unquote(bl.Value); err == nil {
					lits[v] = true
				}
			}
			return true
		})
		out[rel] = lits
	})
	return out
}

// eachGoFile parses every non-test Go file under root, testdata, hidden directories and the
// directory skip (relative to root, slash-separated; "" for none) left out, and calls visit
// with its slash path relative to root.
func eachGoFile(t *testing.T, root, skip string, visit func(rel string, f *ast.File, fset *token.FileSet)) {
	t.Helper()
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && p != root || skip != "" && rel == skip) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		visit(rel, f, fset)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestNoDriverSwitchOutsideTable checks that code outside this package does not decide by
// driver id: no switch case and no == or != names a driver's ID constant. What differs between
// drivers is a field or a hook of their entries.
func TestNoDriverSwitchOutsideTable(t *testing.T) {
	ids := map[string]bool{}
	eachGoFile(t, ".", "", func(_ string, f *ast.File, _ *token.FileSet) {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, sp := range gd.Specs {
				vs := sp.(*ast.ValueSpec)
				if id, ok := vs.Type.(*ast.Ident); ok && id.Name == "ID" {
					for _, n := range vs.Names {
						ids[n.Name] = true
					}
				}
			}
		}
	})
	if len(ids) < len(All()) {
		t.Fatalf("found %d ID constants for %d drivers", len(ids), len(All()))
	}
	isID := func(e ast.Expr) bool {
		sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
		x, isIdent := func() (*ast.Ident, bool) {
			if !ok {
				return nil, false
			}
			i, ok := sel.X.(*ast.Ident)
			return i, ok
		}()
		return isIdent && x.Name == "drivers" && ids[sel.Sel.Name]
	}
	eachGoFile(t, "../..", "rules/drivers", func(_ string, f *ast.File, fset *token.FileSet) {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CaseClause:
				for _, e := range n.List {
					if isID(e) {
						t.Errorf("%s: a switch case on driver id %s", fset.Position(e.Pos()), idName(e))
					}
				}
			case *ast.BinaryExpr:
				if (n.Op == token.EQL || n.Op == token.NEQ) && (isID(n.X) || isID(n.Y)) {
					t.Errorf("%s: a comparison with a driver id", fset.Position(n.Pos()))
				}
			}
			return true
		})
	})
}

func idName(e ast.Expr) string {
	if sel, ok := ast.Unparen(e).(*ast.SelectorExpr); ok {
		return sel.Sel.Name
	}
	return "?"
}
