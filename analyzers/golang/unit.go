package golang

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"

	"github.com/pgtlslint/pgtlslint/model/strval"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// unit is one type-checked package: its files, type information and the indexes the
// extraction needs. It is built once and then only read, so files may be analyzed from several
// goroutines.
type unit struct {
	fset  *token.FileSet
	files []*ast.File
	info  *types.Info
	// names maps each file to the name findings use for it.
	names   map[*ast.File]string
	parents map[ast.Node]ast.Node
	defs    map[types.Object][]def
	uses    map[types.Object][]*ast.Ident
	imports map[*ast.File][]importOf
	// lits holds the strval.Literal of each string literal evaluated.
	lits map[*ast.BasicLit]*strval.Literal
}

// def is one definition of a variable or constant: the expression assigned, or, for
// a, b := f(), the call and the index of the result.
type def struct {
	expr  ast.Expr
	index int // -1: expr is the value itself
}

// importOf is one import of a file.
type importOf struct {
	path string
	name string // the name it is used under ("" for _ and . imports)
	spec *ast.ImportSpec
}

func newUnit(fset *token.FileSet, files []*ast.File, info *types.Info, names map[*ast.File]string) *unit {
	u := &unit{
		fset: fset, files: files, info: info, names: names,
		parents: map[ast.Node]ast.Node{},
		defs:    map[types.Object][]def{},
		uses:    map[types.Object][]*ast.Ident{},
		imports: map[*ast.File][]importOf{},
		lits:    map[*ast.BasicLit]*strval.Literal{},
	}
	for _, f := range files {
		for _, is := range f.Imports {
			p, err := strconv.Unquote(is.Path.Value)
			if err != nil {
				continue
			}
			name := packageName(p)
			if is.Name != nil {
				name = is.Name.Name
				if name == "_" || name == "." {
					name = ""
				}
			}
			u.imports[f] = append(u.imports[f], importOf{path: p, name: name, spec: is})
		}
		var stack []ast.Node
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return false
			}
			if len(stack) > 0 {
				u.parents[n] = stack[len(stack)-1]
			}
			stack = append(stack, n)
			u.noteDefs(n)
			return true
		})
	}
	for id, obj := range info.Uses {
		if obj != nil {
			u.uses[obj] = append(u.uses[obj], id)
		}
	}
	for _, ids := range u.uses {
		sort.Slice(ids, func(i, j int) bool { return ids[i].Pos() < ids[j].Pos() })
	}
	return u
}

// packageName guesses the name of the package at an import path, as the go command's
// convention has it: the last element, without a major version suffix (github.com/jackc/pgx/v5
// is pgx) or a gopkg.in version (gopkg.in/yaml.v3 is yaml).
func packageName(path string) string {
	name := path[strings.LastIndexByte(path, '/')+1:]
	if strings.HasPrefix(name, "v") && isDigits(name[1:]) && strings.Contains(path, "/") {
		rest := path[:strings.LastIndexByte(path, '/')]
		name = rest[strings.LastIndexByte(rest, '/')+1:]
	}
	if strings.HasPrefix(path, "gopkg.in/") {
		if i := strings.Index(name, ".v"); i > 0 {
			name = name[:i]
		}
	}
	return strings.TrimPrefix(strings.ReplaceAll(name, "-", "_"), "go_")
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// noteDefs records the definitions a declaration or assignment makes.
func (u *unit) noteDefs(n ast.Node) {
	switch n := n.(type) {
	case *ast.ValueSpec:
		for i, name := range n.Names {
			obj := u.info.Defs[name]
			if obj == nil {
				continue
			}
			switch {
			case len(n.Values) == len(n.Names):
				u.defs[obj] = append(u.defs[obj], def{expr: n.Values[i], index: -1})
			case len(n.Values) == 1:
				u.defs[obj] = append(u.defs[obj], def{expr: n.Values[0], index: i})
			}
			// A var without a value starts as the zero value: the assignments that follow
			// are its definitions.
		}
	case *ast.AssignStmt:
		for i, lhs := range n.Lhs {
			id, ok := ast.Unparen(lhs).(*ast.Ident)
			if !ok {
				continue
			}
			obj := u.objectOf(id)
			if obj == nil {
				continue
			}
			switch {
			case n.Tok != token.ASSIGN && n.Tok != token.DEFINE:
				// x += y and friends: the value is no longer a single expression.
				u.defs[obj] = append(u.defs[obj], def{index: -2})
			case len(n.Rhs) == len(n.Lhs):
				u.defs[obj] = append(u.defs[obj], def{expr: n.Rhs[i], index: -1})
			case len(n.Rhs) == 1:
				u.defs[obj] = append(u.defs[obj], def{expr: n.Rhs[0], index: i})
			}
		}
	case *ast.RangeStmt:
		for _, e := range []ast.Expr{n.Key, n.Value} {
			if id, ok := e.(*ast.Ident); ok {
				if obj := u.objectOf(id); obj != nil {
					u.defs[obj] = append(u.defs[obj], def{index: -2})
				}
			}
		}
	case *ast.UnaryExpr:
		// &x lets anything change x.
		if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && n.Op == token.AND {
			if obj := u.info.Uses[id]; obj != nil {
				u.defs[obj] = append(u.defs[obj], def{index: -2})
			}
		}
	}
}

// singleDef returns the expression a constant or variable always holds, when it has exactly
// one definition that is a single value.
func (u *unit) singleDef(obj types.Object) (ast.Expr, bool) {
	ds := u.defs[obj]
	if len(ds) != 1 || ds[0].index != -1 || ds[0].expr == nil {
		return nil, false
	}
	return ds[0].expr, true
}

// defOf returns the one definition of obj, also when it is a result of a multi-value call.
func (u *unit) defOf(obj types.Object) (def, bool) {
	ds := u.defs[obj]
	if len(ds) != 1 || ds[0].index < -1 || ds[0].expr == nil {
		return def{}, false
	}
	return ds[0], true
}

// objectOf is the object an identifier uses or defines.
func (u *unit) objectOf(id *ast.Ident) types.Object {
	if o := u.info.Uses[id]; o != nil {
		return o
	}
	return u.info.Defs[id]
}

// pkgPathOf returns the import path of the package a selector's qualifier names (pgx in
// pgx.Connect), or "".
func (u *unit) pkgPathOf(x ast.Expr) string {
	id, ok := ast.Unparen(x).(*ast.Ident)
	if !ok {
		return ""
	}
	if pn, ok := u.info.Uses[id].(*types.PkgName); ok {
		return pn.Imported().Path()
	}
	return ""
}

// funcOf returns the package path and name of a package-level function call (pgx.Connect),
// or "", "".
func (u *unit) funcOf(call *ast.CallExpr) (string, string) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return "", ""
	}
	if p := u.pkgPathOf(sel.X); p != "" {
		return p, sel.Sel.Name
	}
	return "", ""
}

// isSprintf reports whether call is fmt.Sprintf.
func (u *unit) isSprintf(call *ast.CallExpr) bool {
	p, n := u.funcOf(call)
	return p == "fmt" && n == "Sprintf"
}

// isPathJoin reports whether call is filepath.Join or path.Join, whose value is a path.
func (u *unit) isPathJoin(call *ast.CallExpr) bool {
	p, n := u.funcOf(call)
	return (p == "path/filepath" || p == "path") && n == "Join"
}

// maybeString reports whether e may be a string: false only when type information says it
// is something else.
func (u *unit) maybeString(e ast.Expr) bool {
	tv, ok := u.info.Types[e]
	if !ok || tv.Type == nil {
		return true
	}
	b, ok := tv.Type.Underlying().(*types.Basic)
	if !ok {
		return false
	}
	return b.Info()&types.IsString != 0 || b.Kind() == types.Invalid
}

// Import paths the analyzer knows besides the drivers' own (the driver table's): the TLS
// configuration and the database/sql openers.
const (
	cryptoTLS   = "crypto/tls"
	databaseSQL = "database/sql"
	sqlxPath    = "github.com/jmoiron/sqlx"
)

// importDriver returns the driver a file's imports name, and why: the first import the driver
// table knows.
func (u *unit) importDriver(f *ast.File) (drivers.ID, string) {
	for _, im := range u.imports[f] {
		if di, ok := drivers.ImportOf(drivers.LangGo, im.path); ok {
			return di.Driver.ID, di.Evidence(im.path)
		}
	}
	return "", ""
}
