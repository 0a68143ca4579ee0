//go:build cgo

package treesitter

import (
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/analyzers/treesitter/syntax"
)

func sexp(t *syntax.Tree, n *syntax.Node, b *strings.Builder) {
	if !n.Named {
		return
	}
	b.WriteString("(")
	if n.Field != "" {
		b.WriteString(n.Field + ": ")
	}
	b.WriteString(n.Kind)
	for _, c := range n.Children {
		if c.Named {
			b.WriteString(" ")
			sexp(t, c, b)
		}
	}
	b.WriteString(")")
}

func TestParseEveryLanguage(t *testing.T) {
	p := NewParser()
	defer p.Close()
	cases := []struct {
		lang Language
		src  string
		want string
	}{
		{Python, `psycopg2.connect(sslmode="require")`, `(module (expression_statement (call (function: attribute (object: identifier) (attribute: identifier)) (arguments: argument_list (keyword_argument (name: identifier) (value: string (string_start) (string_content) (string_end)))))))`},
		{JavaScript, `new Pool({ssl: false})`, `(program (expression_statement (new_expression (constructor: identifier) (arguments: arguments (object (pair (key: property_identifier) (value: false)))))))`},
		{TypeScript, `const p: Pool = new Pool({ssl: false})`, `(program (lexical_declaration (variable_declarator (name: identifier) (type: type_annotation (type_identifier)) (value: new_expression (constructor: identifier) (arguments: arguments (object (pair (key: property_identifier) (value: false))))))))`},
		{TSX, `const a = <div>{x}</div>`, `(program (lexical_declaration (variable_declarator (name: identifier) (value: jsx_element (open_tag: jsx_opening_element (name: identifier)) (jsx_expression (identifier)) (close_tag: jsx_closing_element (name: identifier))))))`},
		{Java, `class A { String u = "jdbc:postgresql://h/db"; }`, `(program (class_declaration (name: identifier) (body: class_body (field_declaration (type: type_identifier) (declarator: variable_declarator (name: identifier) (value: string_literal (string_fragment)))))))`},
	}
	for _, c := range cases {
		tree, err := p.Parse(c.lang, []byte(c.src))
		if err != nil {
			t.Fatalf("%s: %v", c.lang, err)
		}
		var b strings.Builder
		sexp(tree, tree.Root, &b)
		if b.String() != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.lang, b.String(), c.want)
		}
		if tree.Errors != 0 {
			t.Errorf("%s: %d errors", c.lang, tree.Errors)
		}
	}
}

func TestParseBrokenAndDeep(t *testing.T) {
	p := NewParser()
	defer p.Close()
	tree, err := p.Parse(Python, []byte("def f(:\n  x = 'a"))
	if err != nil || tree.Errors == 0 {
		t.Fatalf("broken Python: err %v, %d errors, want a tree with errors", err, tree.Errors)
	}
	// Deep nesting: the copy keeps every level without recursion.
	deep := "x = " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + ";"
	tree, err = p.Parse(JavaScript, []byte(deep))
	if err != nil {
		t.Fatal(err)
	}
	arrays := 0
	tree.Root.Walk(func(n *syntax.Node) bool {
		if n.Kind == "array" {
			arrays++
		}
		return true
	})
	if arrays != 5000 || tree.Errors != 0 {
		t.Errorf("%d nested arrays and %d errors, want 5000 and 0", arrays, tree.Errors)
	}
	if _, err := p.Parse(Java, []byte{0xff, 0xfe, 0, 1, 'x'}); err != nil {
		t.Errorf("binary input: %v", err)
	}
}

// BenchmarkParse measures parsing plus the copy into a syntax.Tree, per language, on a file
// of about 100 KB.
func BenchmarkParse(b *testing.B) {
	bodies := map[Language]string{
		Python:     "def f(a, b=1):\n    conn = psycopg2.connect(host='db.example.com', sslmode='require')\n    return [x * 2 for x in range(a) if x % 3]\n",
		JavaScript: "export async function f(a) {\n  const pool = new Pool({ host: 'db.example.com', ssl: { rejectUnauthorized: false } });\n  return a.map((x) => x * 2);\n}\n",
		TypeScript: "export async function f(a: number[]): Promise<number[]> {\n  const pool: Pool = new Pool({ host: 'db.example.com', ssl: false });\n  return a.map((x) => x * 2);\n}\n",
		Java:       "class C {\n  void f() {\n    Properties p = new Properties();\n    p.setProperty(\"sslmode\", \"require\");\n    int[] a = new int[] {1, 2, 3};\n  }\n}\n",
	}
	for lang, body := range bodies {
		src := []byte(strings.Repeat(body, 100_000/len(body)))
		b.Run(lang.String(), func(b *testing.B) {
			p := NewParser()
			defer p.Close()
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := p.Parse(lang, src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
