package golang

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/rules"
)

// analyzeSource analyzes src as the only file of a package and evaluates its targets, checking
// that every span and edit maps into the file.
func analyzeSource(t testing.TB, src []byte) ([]rules.Finding, error) {
	dir := t.TempDir()
	p := filepath.Join(dir, "x.go")
	if err := os.WriteFile(p, src, 0o644); err != nil {
		t.Fatal(err)
	}
	ps := &Packages{}
	res, err := ps.Analyze("x.go", p, src)
	if err != nil {
		return nil, err
	}
	var out []rules.Finding
	for _, tg := range res.Targets {
		for _, f := range rules.Evaluate(tg, rules.Options{}) {
			for _, pos := range []int{f.Span.Start, f.Span.End} {
				if _, off, ok := res.Locate(pos); !ok || off < 0 || off > len(src) {
					t.Fatalf("finding %s: position %d is not in the file", f.RuleID, pos)
				}
			}
			if f.Fix != nil {
				for _, e := range f.Fix.Edits {
					_, a, ok1 := res.Locate(e.Start)
					_, b, ok2 := res.Locate(e.End)
					if !ok1 || !ok2 || a > b || b > len(src) {
						t.Fatalf("finding %s: edit %+v is not in the file", f.RuleID, e)
					}
				}
			}
			out = append(out, f)
		}
	}
	return out, nil
}

func TestBadInput(t *testing.T) {
	deep := "package x\nimport \"github.com/jackc/pgx/v5\"\nvar _, _ = pgx.Connect(nil, \"host=db.example.com sslmode=require\"" +
		strings.Repeat(` + " application_name=a"`, 50000) + ")\n"
	sprintf := "package x\nimport \"fmt\"\nvar dsn = fmt.Sprintf(\"host=db.example.com sslmode=%s application_name=" + strings.Repeat("%%", 1000) + "\", \"disable\")\n"
	nested := "package x\nvar dsn = " + strings.Repeat("(", 5000) + `"postgres://db.example.com/app?sslmode=disable"` + strings.Repeat(")", 5000) + "\n"
	var doubling strings.Builder
	doubling.WriteString("package x\nconst c0 = \"host=db.example.com sslmode=disable \"\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&doubling, "const c%d = c%d + c%d\n", i, i-1, i-1)
	}
	doubling.WriteString("var dsn = c40 + \"x=y\"\n")
	cases := []struct {
		name, src string
		rule      string // a finding that must be there; "" for none
		syntaxErr bool
	}{
		{"not Go", "this is not Go: host=db.example.com sslmode=disable", "", true},
		{"truncated", "package x\nvar dsn = \"postgres://db.example.com/app?sslmode=disable", "", true},
		// Not valid Go either: the scan searches such a file as text.
		{"invalid UTF-8", "package x\nvar dsn = \"postgres://db.example.com/\xff\xfe?sslmode=disable\"\n", "", true},
		{"deep concatenation", deep, "PGTLS002", false},
		{"many verbs", sprintf, "PGTLS001", false},
		{"nested parentheses", nested, "PGTLS001", false},
		{"self-referencing constants", "package x\nconst a = b + \" sslmode=disable\"\nconst b = a\nvar _ = \"host=db.example.com \" + a\n", "", false},
		{"constants doubling 40 times", doubling.String(), "PGTLS001", false},
		{"parenthesized function", "package x\nimport \"database/sql\"\nvar _, _ = (sql.Open)(\"postgres\", \"host=db.example.com dbname=app sslmode=disable\")\n", "PGTLS001", false},
		{"cgo", "package x\n// #include <stdio.h>\nimport \"C\"\nvar dsn = \"postgres://db.example.com/app?sslmode=disable\"\n", "PGTLS001", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs, err := analyzeSource(t, []byte(c.src))
			if c.syntaxErr {
				if !errors.Is(err, ErrSyntax) {
					t.Fatalf("error %v, want ErrSyntax", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.rule == "" {
				if len(fs) != 0 {
					t.Errorf("findings %v, want none", fs)
				}
				return
			}
			for _, f := range fs {
				if f.RuleID == c.rule {
					return
				}
			}
			t.Errorf("no %s in %d findings", c.rule, len(fs))
		})
	}
}

func FuzzAnalyzeSource(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "src", filepath.FromSlash(FixturesPath), "*", "*.go"))
	if len(seeds) == 0 {
		f.Fatal("no fixtures to seed the corpus with")
	}
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("package x\nvar _ = \"host=a sslmode=disable\" + `b` + \"\\x00\"\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		_, _ = analyzeSource(t, src)
	})
}
