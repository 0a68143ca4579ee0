//go:build cgo

package python_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/analyzers/python"
	"github.com/pgtlslint/pgtlslint/analyzers/treesitter"
	"github.com/pgtlslint/pgtlslint/model/manifest"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

func analyze(t testing.TB, src string, hint manifest.Hint, forced bool) ([]*rules.Target, []rules.Finding) {
	t.Helper()
	p := treesitter.NewParser()
	defer p.Close()
	tree, err := p.Parse(treesitter.Python, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	ts := python.Analyze(tree, "x.py", hint, forced)
	var fs []rules.Finding
	for _, tg := range ts {
		fs = append(fs, rules.Evaluate(tg, rules.Options{})...)
	}
	return ts, fs
}

func only(t *testing.T, fs []rules.Finding, rule string) rules.Finding {
	t.Helper()
	var got []rules.Finding
	for _, f := range fs {
		if f.RuleID == rule {
			got = append(got, f)
		}
	}
	if len(got) != 1 {
		t.Fatalf("want one %s, got %d of %d findings: %+v", rule, len(got), len(fs), fs)
	}
	return got[0]
}

// The finding sits on the bytes of the weak value, whatever escapes, holes and format
// placeholders come before it in the literal.
func TestSpansThroughEscapes(t *testing.T) {
	cases := []struct{ src, want string }{
		{`import psycopg2
psycopg2.connect("postgresql://ap\u0070@db.example.com/app?sslmode=require")`, "require"},
		{`import psycopg2
psycopg2.connect(f"postgresql://{user}@db.example.com/\x61pp?sslmode=prefer")`, "prefer"},
		{`import psycopg2
psycopg2.connect("postgresql://%s@db.example.com/app?sslmode=%s&x=%%" % (u, m) if False else "postgresql://u@db.example.com/app?sslmode=allow")`, "allow"},
		{`import psycopg2
psycopg2.connect("postgresql://%(user)s@db.example.com/app?sslmode=disable" % vars)`, "disable"},
		{`import psycopg2
psycopg2.connect(r"host=db.example.com\\x dbname=app sslmode=require")`, "require"},
		{`import psycopg2
BASE = "postgresql://u@db.example.com/app"
psycopg2.connect(BASE + '?sslmode=' 'require')`, "require"},
		{`import psycopg2
M = """re\
quire"""
psycopg2.connect(host="db.example.com", sslmode=M)`, "re\\\nquire"},
	}
	for _, c := range cases {
		_, fs := analyze(t, c.src, manifest.Hint{}, false)
		var weak *rules.Finding
		for i := range fs {
			switch fs[i].RuleID {
			case "PGTLS001", "PGTLS002":
				weak = &fs[i]
			}
		}
		if weak == nil {
			t.Errorf("%s: no weak-mode finding in %+v", c.src, fs)
			continue
		}
		if got := c.src[weak.Span.Start:weak.Span.End]; got != c.want {
			t.Errorf("%s: span text %q, want %q", c.src, got, c.want)
		}
	}
}

func TestDriverDecision(t *testing.T) {
	url := `"postgresql://u@db.example.com/app?sslmode=require"`
	cases := []struct {
		name, src string
		hint      manifest.Hint
		forced    bool
		driver    drivers.ID
		evidence  string
	}{
		{"import", "import psycopg2\nDSN = " + url, manifest.Hint{}, false, drivers.Psycopg2, "import of psycopg2"},
		{"import beats hint", "from psycopg import connect\nDSN = " + url, manifest.Hint{Driver: drivers.Asyncpg, Evidence: "requirements.txt"}, false, drivers.Psycopg, "import of psycopg"},
		{"hint", "DSN = " + url, manifest.Hint{Driver: drivers.Asyncpg, Evidence: "requirements.txt"}, false, drivers.Asyncpg, "requirements.txt"},
		{"forced beats import", "import psycopg2\nDSN = " + url, manifest.Hint{Driver: drivers.Psycopg, Evidence: "--driver"}, true, drivers.Psycopg, "--driver"},
		{"call beats forced", "import asyncpg\nasyncpg.connect(" + url + ")", manifest.Hint{Driver: drivers.Psycopg, Evidence: "--driver"}, true, drivers.Asyncpg, "call to asyncpg.connect"},
		{"alias", "import psycopg2 as pg\npg.connect(" + url + ")", manifest.Hint{}, false, drivers.Psycopg2, "call to psycopg2.connect"},
		{"scheme", "from sqlalchemy import create_engine\ncreate_engine(\"postgresql+asyncpg://u@db.example.com/app?ssl=require\")", manifest.Hint{}, false, drivers.Asyncpg, "URL scheme postgresql+asyncpg"},
		{"django first", "import django\nimport psycopg2\nDSN = " + url, manifest.Hint{}, false, drivers.Django, "import of django"},
	}
	for _, c := range cases {
		ts, _ := analyze(t, c.src, c.hint, c.forced)
		if len(ts) != 1 {
			t.Errorf("%s: %d targets", c.name, len(ts))
			continue
		}
		if ts[0].Driver != c.driver || ts[0].Evidence != c.evidence {
			t.Errorf("%s: driver %s (%s), want %s (%s)", c.name, ts[0].Driver, ts[0].Evidence, c.driver, c.evidence)
		}
	}
}

func TestEdits(t *testing.T) {
	cases := []struct {
		name, src, rule, want string
	}{
		{"insert kwarg", `import psycopg2
psycopg2.connect(host="db.example.com")`, "PGTLS004", `psycopg2.connect(host="db.example.com", sslmode="verify-full")`},
		{"insert asyncpg ssl", `import asyncpg
asyncpg.connect(host="db.example.com",
)`, "PGTLS004", `asyncpg.connect(host="db.example.com", ssl="verify-full",
)`},
		{"kwarg wins over dsn", `import psycopg
psycopg.connect("postgresql://db.example.com/app?sslmode=verify-full", sslmode='require')`, "PGTLS002", `psycopg.connect("postgresql://db.example.com/app?sslmode=verify-full", sslmode='verify-full')`},
		{"asyncpg ssl False", `import asyncpg
asyncpg.connect("postgresql://db.example.com/app", ssl=False)`, "PGTLS001", `asyncpg.connect("postgresql://db.example.com/app", ssl="verify-full")`},
		{"verify_mode", `import ssl, asyncpg
ctx = ssl.create_default_context()
ctx.verify_mode = ssl.CERT_NONE
asyncpg.connect("postgresql://db.example.com/app", ssl=ctx)`, "PGTLS006", `ctx.verify_mode = ssl.CERT_REQUIRED`},
		{"escaped quote", `import psycopg2
psycopg2.connect('host=db.example.com dbname=it\'s sslmode=allow')`, "PGTLS001", `psycopg2.connect('host=db.example.com dbname=it\'s sslmode=verify-full')`},
		{"pool dict", `from psycopg_pool import ConnectionPool
ConnectionPool("postgresql://db.example.com/app", kwargs={"autocommit": True})`, "PGTLS004", `ConnectionPool("postgresql://db.example.com/app?sslmode=verify-full", kwargs={"autocommit": True})`},
		{"pool dict dynamic dsn", `from psycopg_pool import ConnectionPool
ConnectionPool(f"host={h} dbname=app", kwargs={"sslmode": "prefer"})`, "PGTLS001", `kwargs={"sslmode": "verify-full"}`},
	}
	for _, c := range cases {
		_, fs := analyze(t, c.src, manifest.Hint{}, false)
		var f *rules.Finding
		for i := range fs {
			if fs[i].RuleID == c.rule {
				f = &fs[i]
			}
		}
		if f == nil || f.Fix == nil || len(f.Fix.Edits) == 0 {
			t.Errorf("%s: no %s with an edit in %+v", c.name, c.rule, fs)
			continue
		}
		got := rules.ApplyFixes(c.src, []rules.Finding{*f})
		if !strings.Contains(got, c.want) {
			t.Errorf("%s: fixed:\n%s\nwant it to contain:\n%s", c.name, got, c.want)
		}
	}
}

// An import-less raw string with a quote cannot be edited: no edit at all.
func TestNoEditInRawQuote(t *testing.T) {
	_, fs := analyze(t, `import psycopg2
psycopg2.connect(r"host=db.example.com dbname=a sslmode=allow", sslmode=None)`, manifest.Hint{}, false)
	f := only(t, fs, "PGTLS001")
	if f.Fix == nil || len(f.Fix.Edits) != 1 {
		t.Fatalf("want one edit, got %+v", f.Fix)
	}
}

func TestRobust(t *testing.T) {
	deep := strings.Repeat("(", 3000) + `"postgresql://db.example.com/a?sslmode=require"` + strings.Repeat(")", 3000)
	long := "import psycopg2\nX = " + strings.Repeat(`"a" + `, 20000) + `"postgresql://db.example.com/a?sslmode=require"`
	chain := "import psycopg2\nA0 = \"postgresql://db.example.com/a?sslmode=require\"\n"
	for i := 1; i < 200; i++ {
		chain += "A" + itoa(i) + " = A" + itoa(i-1) + "\n"
	}
	chain += "psycopg2.connect(A199)\n"
	cyc := "import psycopg2\nA = B\nB = A\npsycopg2.connect(A + \"?sslmode=require\")\n"
	broken := "import psycopg2\npsycopg2.connect(\"postgresql://db.example.com/a?sslmode=require\", sslmode=\n  def ("
	for _, src := range []string{deep, long, chain, cyc, broken, "", "\x00\xff", "f'{'"} {
		analyze(t, src, manifest.Hint{}, false)
	}
}

func itoa(i int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + fmtInt(i)) }

func fmtInt(i int) string {
	if i == 0 {
		return "0"
	}
	s := ""
	for ; i > 0; i /= 10 {
		s = string(rune('0'+i%10)) + s
	}
	return s
}

func FuzzAnalyze(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/python/*.py")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	f.Add("import asyncpg\nasyncpg.connect(f\"postgresql://{h}/x?sslmode={m}\", ssl=ctx)")
	f.Add("x = 'postgresql://u:p@h.example.com/d?sslmode=require' % (a,) + r'\\' + b'x'")
	f.Add("DATABASES = {'d': {'ENGINE': 'django.db.backends.postgresql', 'HOST': 'h.example.com', 'OPTIONS': {}}}")
	p := treesitter.NewParser()
	defer p.Close()
	f.Fuzz(func(t *testing.T, src string) {
		tree, err := p.Parse(treesitter.Python, []byte(src))
		if err != nil {
			return
		}
		for _, tg := range python.Analyze(tree, "f.py", manifest.Hint{}, false) {
			for _, fd := range rules.Evaluate(tg, rules.Options{}) {
				if fd.Span.Start < 0 || fd.Span.End > len(src) || fd.Span.Start > fd.Span.End {
					t.Fatalf("%s span %+v outside %d bytes", fd.RuleID, fd.Span, len(src))
				}
				if fd.Fix != nil {
					for _, e := range fd.Fix.Edits {
						if e.Start < 0 || e.End > len(src) || e.Start > e.End {
							t.Fatalf("%s edit %+v outside %d bytes", fd.RuleID, e, len(src))
						}
					}
				}
			}
		}
	})
}
