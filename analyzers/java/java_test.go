//go:build cgo

package java

import (
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/analyzers/treesitter"
	"github.com/pgtlslint/pgtlslint/internal/sourcetest"
	"github.com/pgtlslint/pgtlslint/model/manifest"
	"github.com/pgtlslint/pgtlslint/rules"
)

func TestFixtures(t *testing.T) {
	st := sourcetest.Run(t, "../../testdata/java", Analyze)
	t.Logf("fixtures: %d files, %d wants, %d oks", st.Files, st.Wants, st.OKs)
	if st.Files < 5 || st.Wants < 30 || st.OKs < 20 {
		t.Errorf("too few fixtures: %+v", st)
	}
}

// analyze parses src and returns the findings.
func analyze(t testing.TB, src string) []rules.Finding {
	t.Helper()
	p := treesitter.NewParser()
	defer p.Close()
	tree, err := p.Parse(treesitter.Java, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var out []rules.Finding
	for _, tg := range Analyze(tree, "X.java", manifest.Hint{}, false) {
		out = append(out, rules.Evaluate(tg, rules.Options{})...)
	}
	return out
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

func spanText(src string, s rules.Span) string { return src[s.Start:s.End] }

func TestEscapeOffsets(t *testing.T) {
	src := `class A { String u = "jdbc:postgresql://db.example.com/a?x=\t\"&sslmode=r\u0065quir\145"; }`
	f := only(t, analyze(t, src), "PGTLS002")
	if got := spanText(src, f.Span); got != `r\u0065quir\145` {
		t.Errorf("span text %q", got)
	}
	if f.Fix == nil || len(f.Fix.Edits) != 1 {
		t.Fatalf("fix %+v", f.Fix)
	}
	fixed := rules.ApplyFixes(src, []rules.Finding{f})
	if !strings.Contains(fixed, `x=\t\"&sslmode=verify-full"`) {
		t.Errorf("fixed: %s", fixed)
	}
}

func TestConstantFollowed(t *testing.T) {
	src := `class K { static final String MODE = "require"; }
class A {
  static final String BASE = "jdbc:postgresql://db.example.com/app";
  void m() { java.sql.DriverManager.getConnection(BASE + "?sslmode=" + K.MODE); }
}`
	fs := analyze(t, src)
	f := only(t, fs, "PGTLS002")
	if got := spanText(src, f.Span); got != "require" {
		t.Errorf("span %q", got)
	}
	if line := strings.Count(src[:f.Span.Start], "\n") + 1; line != 1 {
		t.Errorf("finding on line %d, want the constant's line 1", line)
	}
	if len(fs) != 1 {
		t.Errorf("want only PGTLS002, got %d findings", len(fs))
	}
	fixed := rules.ApplyFixes(src, fs)
	if !strings.Contains(fixed, `MODE = "verify-full"`) {
		t.Errorf("fixed: %s", fixed)
	}
}

func TestEdits(t *testing.T) {
	cases := []struct{ name, src, rule, want string }{
		{"setSsl false", `import org.postgresql.ds.PGSimpleDataSource;
class A { void m() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {"db.example.com"});
    ds.setSsl(false);
} }`, "PGTLS001", `
    ds.setSslMode("verify-full");
} }`},
		{"NonValidatingFactory", `import java.util.Properties;
class A { java.sql.Connection m() throws Exception {
    Properties p = new Properties();
    p.setProperty("sslmode", "verify-full");
    p.setProperty("sslfactory", "org.postgresql.ssl.NonValidatingFactory");
    return java.sql.DriverManager.getConnection("jdbc:postgresql://db.example.com/a", p);
} }`, "PGTLS006", `p.setProperty("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory");`},
		{"missing mode, Properties", `import java.util.Properties;
class A { java.sql.Connection m() throws Exception {
    Properties p = new Properties();
    p.setProperty("user", "app");
    p.setProperty("sslrootcert", "/ca.crt");
    return java.sql.DriverManager.getConnection("jdbc:postgresql://db.example.com/a", p);
} }`, "PGTLS004", `p.setProperty("sslrootcert", "/ca.crt");
    p.setProperty("sslmode", "verify-full");`},
		{"hikari", `class A { void m() {
    com.zaxxer.hikari.HikariConfig c = new com.zaxxer.hikari.HikariConfig();
    c.setJdbcUrl("jdbc:postgresql://db.example.com/a");
    c.addDataSourceProperty("sslmode", "require");
} }`, "PGTLS002", `c.addDataSourceProperty("sslmode", "verify-full");`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := only(t, analyze(t, c.src), c.rule)
			if f.Fix == nil || len(f.Fix.Edits) == 0 {
				t.Fatalf("no edit: %+v", f.Fix)
			}
			fixed := rules.ApplyFixes(c.src, []rules.Finding{f})
			if !strings.Contains(fixed, c.want) {
				t.Errorf("fixed:\n%s\nwant it to hold:\n%s", fixed, c.want)
			}
		})
	}
}

func TestDriverAndEvidence(t *testing.T) {
	p := treesitter.NewParser()
	defer p.Close()
	for src, want := range map[string]string{
		`class A { String u = "jdbc:postgresql://h.example.com/a"; }`:  "pgjdbc",
		`class A { String u = "r2dbc:postgresql://h.example.com/a"; }`: "r2dbc",
	} {
		tree, _ := p.Parse(treesitter.Java, []byte(src))
		ts := Analyze(tree, "X.java", manifest.Hint{}, false)
		if len(ts) != 1 || !strings.Contains(strings.ToLower(string(ts[0].Driver)), want) {
			t.Errorf("%s: %+v", src, ts)
		}
	}
}
