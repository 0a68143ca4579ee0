// Package java extracts PostgreSQL connection settings from Java source files: JDBC and R2DBC
// URLs written as literals, constants, concatenations, text blocks and String.format calls;
// java.util.Properties handed to DriverManager.getConnection; the setters of pgjdbc's data
// sources (PGSimpleDataSource and its kin); and HikariCP configurations. Each setting keeps the
// span of the literal that holds it, so findings sit there and fixes edit it.
//
// The analysis is syntactic and bounded (see value.go): a name is followed to a final field
// or to a local variable that is never assigned again, in this file only; anything else is a
// run-time hole.
package java

import (
	"sort"
	"strings"

	"github.com/pgtlslint/pgtlslint/analyzers/treesitter/syntax"
	"github.com/pgtlslint/pgtlslint/model/manifest"
	"github.com/pgtlslint/pgtlslint/model/strval"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// file is one Java file being analyzed.
type file struct {
	tree    *syntax.Tree
	path    string
	hint    manifest.Hint
	lits    map[*syntax.Node]*decoded
	scopes  map[*syntax.Node]*scopeInfo
	fields  map[string][]decl
	classes map[string]*syntax.Node
	// pgImport is the driver an import of the file names (org.postgresql), with its
	// evidence; pgURL is set by a jdbc:postgresql: literal.
	pgImport         *drivers.Driver
	pgImportEvidence string
	pgURL            bool
}

// pgjdbc is the driver of java.util.Properties and of the data sources' setters: the one driver
// that reads connection properties.
var pgjdbc = drivers.ReaderOf("properties")

// Analyze returns the connections configured in a parsed file. hint is what the project says
// about the driver. The forced flag of the other languages does not apply: a JDBC URL or a
// pgjdbc class names the driver itself, and a bare Properties object takes the hint anyway.
func Analyze(tree *syntax.Tree, path string, hint manifest.Hint, _ bool) (out []*rules.Target) {
	if tree == nil || tree.Root == nil {
		return nil
	}
	f := &file{tree: tree, path: path, hint: hint, lits: map[*syntax.Node]*decoded{},
		scopes: map[*syntax.Node]*scopeInfo{}, fields: map[string][]decl{}, classes: map[string]*syntax.Node{}}
	f.index()
	consumed := map[*syntax.Node]bool{}
	out = f.groupTargets(consumed)
	out = append(out, f.roots(consumed)...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Anchor.Start < out[j].Anchor.Start })
	return out
}

// index records the classes, fields and imports of the file.
func (f *file) index() {
	var bodies []*syntax.Node
	f.tree.Root.Walk(func(n *syntax.Node) bool {
		if n.Error {
			return false
		}
		switch n.Kind {
		case "import_declaration":
			if f.pgImport == nil {
				if im, ok := drivers.ImportOf(drivers.LangJava, importPath(f.tree.Text(n))); ok {
					f.pgImport, f.pgImportEvidence = im.Driver, "import of "+im.Module.Path
				}
			}
			return false
		case "class_declaration", "interface_declaration", "enum_declaration", "record_declaration":
			if name, body := n.Child("name"), n.Child("body"); name != nil && body != nil {
				nm := f.tree.Text(name)
				if _, dup := f.classes[nm]; dup {
					f.classes[nm] = nil // two classes of that name: neither is followed
				} else {
					f.classes[nm] = body
				}
			}
		case "class_body", "interface_body", "enum_body_declarations":
			bodies = append(bodies, n)
		case "string_literal":
			if strings.Contains(f.tree.Text(n), "jdbc:postgresql:") && !f.inLogCall(n) {
				f.pgURL = true
			}
			return false
		}
		return true
	})
	for _, b := range bodies {
		for name, ds := range f.info(b).decls {
			for _, d := range ds {
				if d.field {
					f.fields[name] = append(f.fields[name], d)
				}
			}
		}
	}
}

// pgEvidence says why settings not tied to a visible URL are pgjdbc's, or "".
func (f *file) pgEvidence() string {
	switch {
	case f.pgImport != nil:
		return f.pgImportEvidence
	case f.pgURL:
		return "jdbc:postgresql: URL in the same file"
	case drivers.For(f.hint.Driver) == pgjdbc && f.hint.Driver != "":
		return f.hint.Evidence
	}
	return ""
}

// importPath is the package or class an import declaration names: "import static
// org.postgresql.PGProperty.*;" imports from org.postgresql.PGProperty.
func importPath(decl string) string {
	p := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(decl), "import"))
	p = strings.TrimSpace(strings.TrimPrefix(p, "static"))
	p = strings.TrimSuffix(strings.TrimSpace(strings.TrimSuffix(p, ";")), ".*")
	return strings.Join(strings.Fields(p), "")
}

func span(n *syntax.Node) rules.Span { return rules.Span{Start: n.Start, End: n.End} }

// logCalls are method names whose string arguments are messages, not settings.
var logCalls = map[string]bool{"println": true, "print": true, "printf": true, "info": true, "debug": true,
	"warn": true, "warning": true, "error": true, "trace": true, "fine": true, "finer": true, "finest": true,
	"severe": true, "log": true, "fatal": true, "assertEquals": true, "assertThat": true}

// roots finds the connection strings of the file that no group used. A root is a maximal
// string expression: a literal, a + concatenation or a format call not inside a larger one.
func (f *file) roots(consumed map[*syntax.Node]bool) []*rules.Target {
	type built struct {
		root *syntax.Node
		t    *rules.Target
	}
	var all []built
	pulled := map[*syntax.Node]bool{}
	f.tree.Root.Walk(func(n *syntax.Node) bool {
		if n.Error {
			return false
		}
		if !f.isRoot(n) {
			return true
		}
		if consumed[n] || f.inLogCall(n) {
			return false
		}
		ev := f.newEvaluator()
		v := ev.value(n)
		t := strval.ConnTarget(v, span(n), strval.Source{Path: f.path, Driver: f.hint.Driver, Evidence: f.hint.Evidence})
		if t == nil {
			return false
		}
		t.Open = t.Open || f.grownRoot(n)
		if t.Driver == "" && f.pgImport != nil {
			t.Driver, t.Evidence = f.pgImport.ID, f.pgImportEvidence
		}
		for d := range ev.pulled {
			pulled[d] = true
		}
		all = append(all, built{root: n, t: t})
		return false
	})
	var out []*rules.Target
	for _, b := range all {
		if !pulled[b.root] {
			out = append(out, b.t)
		}
	}
	return out
}

// isRoot reports whether n is a maximal string expression.
func (f *file) isRoot(n *syntax.Node) bool {
	switch n.Kind {
	case "string_literal":
	case "binary_expression":
		if !isConcat(f, n) {
			return false
		}
	case "method_invocation":
		if _, _, ok := formatCall(f, n); !ok {
			return false
		}
	default:
		return false
	}
	p := n.Parent
	for p != nil && p.Kind == "parenthesized_expression" {
		p = p.Parent
	}
	if p == nil {
		return true
	}
	if isConcat(f, p) {
		return false
	}
	if p.Kind == "method_invocation" && p.Child("object") != nil && p.Child("object").Unwrap() == n {
		if _, _, ok := formatCall(f, p); ok {
			return false
		}
	}
	if p.Kind == "argument_list" && p.Parent != nil && p.Parent.Kind == "method_invocation" {
		if _, _, ok := formatCall(f, p.Parent); ok {
			return false
		}
	}
	return true
}

// inLogCall reports whether n is an argument of a logging or printing call.
func (f *file) inLogCall(n *syntax.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		switch p.Kind {
		case "method_invocation":
			if name := p.Child("name"); name != nil && logCalls[f.tree.Text(name)] {
				return true
			}
		case "expression_statement", "local_variable_declaration", "field_declaration", "block", "class_body":
			return false
		}
	}
	return false
}
