package config

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pgtlslint/pgtlslint/internal/fixtures"
	"github.com/pgtlslint/pgtlslint/model/manifest"
	"github.com/pgtlslint/pgtlslint/rules"
)

// allKinds are the kinds Analyze understands.
var allKinds = []string{KindEnv, KindYAML, KindJSON, KindTOML, KindProperties, KindINI, KindDockerfile, KindShell, KindText, KindSQL}

// weakLine returns a one-setting file of the kind whose connection string has sslmode=disable
// for a remote host.
func weakLine(kind string) string {
	const url = "postgres://db.example.com/app?sslmode=disable"
	switch kind {
	case KindEnv, KindProperties:
		return "DATABASE_URL=" + url
	case KindYAML:
		return "url: " + url
	case KindJSON:
		return `{"url": "` + url + `"}`
	case KindTOML:
		return `url = "` + url + `"`
	case KindINI:
		return "url = " + url
	case KindDockerfile:
		return "ENV DATABASE_URL=" + url
	case KindShell:
		return `psql "` + url + `"`
	}
	return `connect("` + url + `")`
}

// disableSpans analyzes content and returns the text of every finding's span for PGTLS001.
func disableSpans(t *testing.T, kind string, content []byte) ([]string, []rules.Finding) {
	t.Helper()
	ts, _, _ := Analyze("f", kind, content, manifest.Hint{})
	var out []string
	var all []rules.Finding
	for _, tg := range ts {
		fixtures.CheckSpans(t, tg, len(content))
		fs := rules.Evaluate(tg, rules.Options{})
		rules.Locate(fs, content)
		for _, f := range fs {
			if f.RuleID == "PGTLS001" {
				out = append(out, string(content[f.Span.Start:f.Span.End]))
			}
		}
		all = append(all, fs...)
	}
	return out, all
}

// TestOffsetsSurviveEncodingQuirks puts the setting after a byte order mark, CRLF lines,
// invalid UTF-8, NUL bytes and multi-byte characters, and checks that the finding still sits
// on the bytes "disable" of the right line.
func TestOffsetsSurviveEncodingQuirks(t *testing.T) {
	cases := map[string]func(kind, line string) (string, int){
		"bom": func(_, line string) (string, int) { return "\xef\xbb\xbf" + line + "\n", 1 },
		"crlf": func(kind, line string) (string, int) {
			pre := "# first\r\n# second\r\n"
			if kind == KindJSON {
				pre = "\r\n\r\n"
			}
			return pre + line + "\r\n", 3
		},
		"multibyte": func(kind, line string) (string, int) {
			pre := "# héllo wörld ✓ 日本\n"
			if kind == KindJSON {
				return strings.Replace(line, `{"url"`, `{"ü✓": "日本", "url"`, 1) + "\n", 1
			}
			if kind == KindYAML {
				return pre + "ключ: значение ✓\n" + line + "\n", 3
			}
			return pre + line + "\n", 2
		},
		"invalid-utf8": func(kind, line string) (string, int) {
			if kind == KindJSON {
				return strings.Replace(line, `{"url"`, "{\"a\": \"\xff\xfe\", \"url\"", 1) + "\n", 1
			}
			return "# \xff\xfe\xc3\n" + line + "\n", 2
		},
		"nul": func(kind, line string) (string, int) {
			if kind == KindJSON {
				return line + "\n", 1
			}
			return "# a\x00b\n" + line + "\n\x00\n", 2
		},
	}
	for name, mk := range cases {
		for _, kind := range allKinds {
			content, wantLine := mk(kind, weakLine(kind))
			got, fs := disableSpans(t, kind, []byte(content))
			if len(got) == 0 {
				t.Errorf("%s/%s: no PGTLS001 in %q", name, kind, content)
				continue
			}
			for _, g := range got {
				if g != "disable" {
					t.Errorf("%s/%s: finding spans %q, want \"disable\"", name, kind, g)
				}
			}
			for _, f := range fs {
				if f.RuleID == "PGTLS001" && f.Start.Line != wantLine {
					t.Errorf("%s/%s: finding on line %d, want %d", name, kind, f.Start.Line, wantLine)
				}
			}
		}
	}
}

// TestLongLine runs every kind over a 2 MB single line with connection strings at both ends
// and many trigger words in between: the search must stay linear.
func TestLongLine(t *testing.T) {
	filler := strings.Repeat("sslmode=x PGHOST postgres ", 2<<20/26)
	for _, kind := range allKinds {
		line := weakLine(kind)
		var content string
		switch kind {
		case KindJSON:
			content = `{"a": "` + filler + `", "url": "postgres://db.example.com/app?sslmode=disable"}`
		case KindText, KindSQL, KindShell:
			content = line + " " + filler + " " + line
		default:
			// Line-based formats: the long line is another setting.
			content = strings.Replace(line, "postgres://db.example.com/app?sslmode=disable", "x"+filler, 1) + "\n" + line + "\n"
		}
		start := time.Now()
		got, _ := disableSpans(t, kind, []byte(content))
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%s: %v for a 2 MB line", kind, d)
		}
		if len(got) == 0 {
			t.Errorf("%s: the connection string next to a 2 MB line was lost", kind)
		}
	}
}

// TestDeepNesting feeds documents nested 10,000 and more levels deep: no stack overflow, and
// for JSON (which has no depth limit of its own here) the value at the bottom is found.
func TestDeepNesting(t *testing.T) {
	const n = 100000
	deepJSON := strings.Repeat(`{"a": [`, n) + `"postgres://db.example.com/app?sslmode=disable"` + strings.Repeat(`]}`, n)
	got, _ := disableSpans(t, KindJSON, []byte(deepJSON))
	if len(got) != 1 {
		t.Errorf("deep JSON: %d findings, want 1", len(got))
	}
	for _, c := range []struct{ kind, doc string }{
		{KindYAML, strings.Repeat("[", n) + strings.Repeat("]", n)},
		{KindYAML, strings.Repeat("- ", 20000) + "postgres://db.example.com/app?sslmode=disable\n"},
		{KindTOML, "a = " + strings.Repeat("[", n) + strings.Repeat("]", n)},
		{KindJSON, strings.Repeat("[", n)},
	} {
		ts, _, ns := Analyze("f", c.kind, []byte(c.doc), manifest.Hint{})
		if len(ns) == 0 && c.kind != KindYAML {
			t.Errorf("%s: no notice for a document nested %d deep", c.kind, n)
		}
		for _, tg := range ts {
			fixtures.CheckSpans(t, tg, len(c.doc))
		}
	}
}

// TestBrokenFilesFallBack checks that a syntax error gives a notice naming the line and that
// the plain-text search still finds the connection string.
func TestBrokenFilesFallBack(t *testing.T) {
	for _, c := range []struct{ kind, doc, want string }{
		{KindYAML, "a:\n  url: postgres://db.example.com/app?sslmode=disable\n   b: [\n", "line"},
		{KindJSON, "{\n\"url\": \"postgres://db.example.com/app?sslmode=disable\",\n\"x\": }\n", "json: line 3"},
		{KindTOML, "url = \"postgres://db.example.com/app?sslmode=disable\"\nx = \n", "toml: line 2"},
	} {
		got, _ := disableSpans(t, c.kind, []byte(c.doc))
		if len(got) != 1 {
			t.Errorf("%s: %d findings after the fallback, want 1", c.kind, len(got))
		}
		_, _, ns := Analyze("f", c.kind, []byte(c.doc), manifest.Hint{})
		if len(ns) != 1 || !strings.Contains(ns[0].Message, c.want) || ns[0].Kind != "parse-error" || ns[0].Path != "f" {
			t.Errorf("%s: notices %+v, want one parse-error naming %q", c.kind, ns, c.want)
		}
	}
}

// TestQuotedValuesMapExactly checks values whose decoded text differs from the file bytes:
// escapes, continuations, block scalars. The finding must sit on the file's bytes of the
// value, and the fix must leave text that decodes to the fixed string.
func TestQuotedValuesMapExactly(t *testing.T) {
	for _, c := range []struct {
		name, kind, doc string
		fixed           string // a substring the fixed file must contain; "" means no edit
	}{
		{"json escapes", KindJSON, `{"u": "postgres:\/\/db.example.com\/app?application_name=\u00e9&sslmode=disable"}`, `&sslmode=verify-full"`},
		{"yaml double escapes", KindYAML, `u: "postgres://db.example.com/app?application_name=\u00e9\x41\"&sslmode=disable"` + "\n", `&sslmode=verify-full"`},
		{"yaml single quotes", KindYAML, "u: 'postgres://db.example.com/app?application_name=it''s&sslmode=disable'\n", "&sslmode=verify-full'"},
		{"yaml literal block", KindYAML, "u: |\n  first line\n  dsn postgres://db.example.com/app?sslmode=disable end\n", "sslmode=verify-full end"},
		{"yaml folded block crlf", KindYAML, "u: >\r\n  postgres://db.example.com/app?sslmode=disable\r\n", "sslmode=verify-full\r\n"},
		{"toml basic escapes", KindTOML, `u = "postgres://db.example.com/app?application_name=\u00e9&sslmode=disable"`, `&sslmode=verify-full"`},
		{"toml literal", KindTOML, `u = 'postgres://db.example.com/app?sslmode=disable'`, "sslmode=verify-full'"},
		{"toml multi-line", KindTOML, "u = \"\"\"\\\n   postgres://db.example.com/app?sslmode=disable\"\"\"", "sslmode=verify-full\"\"\""},
		{"properties continuation", KindProperties, "u = postgres://db.example.com/app\\\n    ?sslmode=disable", "?sslmode=verify-full"},
		{"properties escapes", KindProperties, `u = postgres\://db.example.com/app?sslmode\=disable`, `sslmode\=verify-full`},
		{"env double quotes", KindEnv, `U="postgres://db.example.com/app?application_name=\"a\"&sslmode=disable"`, `&sslmode=verify-full"`},
		{"shell mixed quoting", KindShell, `psql postgres://db.example.com/'app'"?sslmode=disable"`, `"?sslmode=verify-full"`},
		{"dockerfile escape", KindDockerfile, `ENV U=postgres://db.example.com/app?application_name=a\$b&sslmode=disable`, `&sslmode=verify-full`},
		{"xml entities", KindText, `<r url="jdbc:postgresql://db.example.com/app?ssl=true&amp;sslmode=disable"/>`, `&amp;sslmode=verify-full"`},
	} {
		got, fs := disableSpans(t, c.kind, []byte(c.doc))
		if len(got) != 1 || got[0] != "disable" {
			t.Errorf("%s: PGTLS001 spans %q, want [\"disable\"]", c.name, got)
			continue
		}
		out := rules.ApplyFixes(c.doc, fs)
		if c.fixed == "" {
			if out != c.doc {
				t.Errorf("%s: edits made where none are safe: %q", c.name, out)
			}
			continue
		}
		if !strings.Contains(out, c.fixed) {
			t.Errorf("%s: fixed text %q does not contain %q", c.name, out, c.fixed)
		}
		if again, _ := disableSpans(t, c.kind, []byte(out)); len(again) != 0 {
			t.Errorf("%s: PGTLS001 still fires after the fix: %q", c.name, out)
		}
	}
}

// TestUnsafeEditsAreDropped checks places where inserting text would change what the format
// reads: the fix keeps its description but gets no edits.
func TestUnsafeEditsAreDropped(t *testing.T) {
	for _, c := range []struct{ name, kind, doc string }{
		// Adding "?sslmode=..." to an unquoted shell word would bring in a glob character.
		{"unquoted shell word", KindShell, "psql postgres://db.example.com/app\n"},
		// A multi-line plain YAML scalar is folded: its bytes are not the value's.
		{"folded plain scalar", KindYAML, "u: postgres://db.example.com/app?a=1\n  &sslmode=disable\n"},
	} {
		ts, _, _ := Analyze("f", c.kind, []byte(c.doc), manifest.Hint{})
		if len(ts) == 0 {
			t.Errorf("%s: nothing found", c.name)
			continue
		}
		for _, tg := range ts {
			for _, f := range rules.Evaluate(tg, rules.Options{}) {
				if f.Fix != nil && len(f.Fix.Edits) > 0 {
					t.Errorf("%s: %s has edits %+v", c.name, f.RuleID, f.Fix.Edits)
				}
			}
		}
	}
}

func TestIsCIWorkflow(t *testing.T) {
	for p, want := range map[string]bool{
		".github/workflows/test.yml":      true,
		"a/b/.github/workflows/ci.yaml":   true,
		".gitlab-ci.yml":                  true,
		"sub/.gitlab-ci.yml":              true,
		".github/dependabot.yml":          false,
		".github/workflows/README.md":     false,
		"deploy/workflows/test.yml":       false,
		`C:\repo\.github\workflows\x.yml`: true,
	} {
		if got := IsCIWorkflow(p); got != want {
			t.Errorf("IsCIWorkflow(%q) = %v, want %v", p, got, want)
		}
	}
}

// TestDriverEvidence checks which evidence wins: the string's own syntax over the manifest,
// the manifest over nothing, psql over both.
func TestDriverEvidence(t *testing.T) {
	hint := manifest.Hint{Driver: "node-postgres", Evidence: "package.json depends on pg"}
	for _, c := range []struct{ kind, doc, driver, evidence string }{
		{KindEnv, "U=jdbc:postgresql://db.example.com/app", "pgjdbc", "jdbc:postgresql: URL"},
		{KindEnv, "U=postgresql+asyncpg://db.example.com/app", "asyncpg", "URL scheme postgresql+asyncpg"},
		{KindEnv, "U=r2dbc:postgresql://db.example.com/app", "r2dbc", "r2dbc:postgresql: URL"},
		{KindEnv, "U=postgres://db.example.com/app", "node-postgres", "package.json depends on pg"},
		{KindShell, "psql postgres://db.example.com/app", "libpq", "psql command line (libpq)"},
		{KindSQL, "select dblink_connect('postgres://db.example.com/app')", "libpq", "SQL: dblink, postgres_fdw and subscriptions connect with the server's libpq"},
	} {
		ts, _, _ := Analyze("f", c.kind, []byte(c.doc), hint)
		if len(ts) != 1 {
			t.Errorf("%q: %d targets", c.doc, len(ts))
			continue
		}
		if string(ts[0].Driver) != c.driver || ts[0].Evidence != c.evidence {
			t.Errorf("%q: driver %s (%s), want %s (%s)", c.doc, ts[0].Driver, ts[0].Evidence, c.driver, c.evidence)
		}
	}
}

// TestSecretsCarried checks that password values are marked as secrets wherever they are.
func TestSecretsCarried(t *testing.T) {
	for _, c := range []struct{ kind, doc string }{
		{KindEnv, "PGSSLMODE=require\nPGPASSWORD=Sup3rS3cret\n"},
		{KindProperties, "spring.datasource.url=jdbc:postgresql://db.example.com/app\nspring.datasource.password=Sup3rS3cret\n"},
		{KindYAML, "db:\n  adapter: postgresql\n  host: db.example.com\n  password: Sup3rS3cret\n"},
		{KindEnv, "U=postgres://app:Sup3rS3cret@db.example.com/app\n"},
		// A password read from a variable: findings sit on the assignments beside it.
		{KindShell, "PW=Sup3rS3cret; MODE=disable\npsql \"host=db.example.com dbname=app password=$PW sslmode=$MODE\"\n"},
		{KindEnv, "DB_PASS=Sup3rS3cret\nU=postgres://app:${DB_PASS}@db.example.com/app?sslmode=${MODE:-disable}\n"},
	} {
		ts, _, _ := Analyze("f", c.kind, []byte(c.doc), manifest.Hint{})
		found := false
		for _, tg := range ts {
			for _, s := range tg.Secrets {
				if c.doc[s.Start:s.End] == "Sup3rS3cret" {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("%s %q: the password is not among the secrets", c.kind, c.doc)
		}
	}
}

// TestAnalyzeDoesNotKeepContent checks that targets do not alias the caller's buffer, which the
// walker reuses for the next file.
func TestAnalyzeDoesNotKeepContent(t *testing.T) {
	for _, kind := range allKinds {
		buf := []byte(weakLine(kind) + "\n")
		orig := bytes.Clone(buf)
		ts, _, _ := Analyze("f", kind, buf, manifest.Hint{})
		for i := range buf {
			buf[i] = 'x'
		}
		for _, tg := range ts {
			fs := rules.Evaluate(tg, rules.Options{})
			out := rules.ApplyFixes(string(orig), fs)
			if !strings.Contains(out, "verify-full") {
				t.Errorf("%s: the fix no longer applies once the buffer is reused: %q", kind, out)
			}
		}
	}
}

// TestPasswordsBesideURLs checks which password settings join the URL setting beside them
// (PGTLS008 for a remote host) and which do not.
func TestPasswordsBesideURLs(t *testing.T) {
	for _, c := range []struct {
		name, kind, doc string
		hint            manifest.Hint
		want            bool
	}{
		{"spring", KindProperties, "spring.datasource.url=jdbc:postgresql://db.example.com/app?sslmode=verify-full&sslrootcert=/ca\nspring.datasource.password=Sup3r\n", manifest.Hint{}, true},
		{"hikari jdbc-url", KindProperties, "spring.datasource.hikari.jdbc-url=jdbc:postgresql://db.example.com/app?sslmode=verify-full&sslrootcert=/ca\nspring.datasource.hikari.password=Sup3r\n", manifest.Hint{}, true},
		{"quarkus", KindProperties, "quarkus.datasource.jdbc.url=jdbc:postgresql://db.example.com/app?sslmode=verify-full&sslrootcert=/ca\nquarkus.datasource.password=Sup3r\n", manifest.Hint{}, true},
		{"relaxed env names", KindEnv, "SPRING_DATASOURCE_URL=jdbc:postgresql://db.example.com/app?sslmode=verify-full&sslrootcert=/ca\nSPRING_DATASOURCE_PASSWORD=Sup3r\n", manifest.Hint{}, true},
		{"DATABASE_PASSWORD", KindEnv, "DATABASE_URL=postgres://db.example.com/app?sslmode=verify-full&sslrootcert=/ca\nDATABASE_PASSWORD=Sup3r\n", manifest.Hint{}, true},
		{"placeholder", KindProperties, "spring.datasource.url=jdbc:postgresql://db.example.com/app\nspring.datasource.password=${DB_PASSWORD}\n", manifest.Hint{}, false},
		{"local URL", KindProperties, "spring.datasource.url=jdbc:postgresql://localhost/app\nspring.datasource.password=Sup3r\n", manifest.Hint{}, false},
		{"server-side POSTGRES_PASSWORD", KindEnv, "POSTGRES_URL=postgres://db.example.com/app?sslmode=verify-full&sslrootcert=/ca\nPOSTGRES_PASSWORD=Sup3r\n", manifest.Hint{}, false},
		{"MySQL URL", KindProperties, "spring.datasource.url=jdbc:mysql://db.example.com/app\nspring.datasource.password=Sup3r\n", manifest.Hint{Driver: "pgjdbc"}, false},
		{"URL elsewhere, pgjdbc project", KindProperties, "spring.datasource.password=Sup3r\n", manifest.Hint{Driver: "pgjdbc"}, true},
		{"URL elsewhere, driver class", KindYAML, "spring:\n  datasource:\n    driver-class-name: org.postgresql.Driver\n    password: Sup3r\n", manifest.Hint{}, true},
		{"URL elsewhere, no PostgreSQL", KindProperties, "spring.datasource.password=Sup3r\n", manifest.Hint{}, false},
		{"redis beside host", KindYAML, "redis:\n  host: cache.example.com\n  password: Sup3r\n", manifest.Hint{Driver: "pgx"}, false},
		{"database beside host in a PostgreSQL project", KindYAML, "database:\n  host: db.example.com\n  password: Sup3r\n", manifest.Hint{Driver: "pgx"}, true},
		{"CockroachDB adapter", KindYAML, "ledger:\n  adapter: cockroachdb\n  host: crdb.example.com\n  password: Sup3r\n", manifest.Hint{}, true},
		{"MySQL adapter in a PostgreSQL project", KindYAML, "database:\n  adapter: mysql2\n  host: db.example.com\n  password: Sup3r\n", manifest.Hint{Driver: "pgx"}, false},
		{"MySQL port in a PostgreSQL project", KindYAML, "database:\n  host: db.example.com\n  port: 3306\n  password: Sup3r\n", manifest.Hint{Driver: "pgx"}, false},
		{"MySQL URL with a placeholder", KindProperties, "spring.datasource.url=jdbc:mysql://${DB_HOST}/app\nspring.datasource.password=Sup3r\n", manifest.Hint{Driver: "pgjdbc"}, false},
		{"MySQL fallback URL", KindProperties, "spring.datasource.url=${DB_URL:jdbc:mysql://db.example.com/app}\nspring.datasource.password=Sup3r\n", manifest.Hint{Driver: "pgjdbc"}, false},
		{"H2 platform", KindProperties, "spring.datasource.password=Sup3r\nspring.jpa.database=H2\n", manifest.Hint{Driver: "pgjdbc"}, false},
		{"PostgreSQL platform, no manifest", KindProperties, "spring.datasource.password=Sup3r\nspring.jpa.database=POSTGRESQL\n", manifest.Hint{}, true},
		{"two datasources, one MySQL", KindProperties, "a.datasource.driver-class-name=com.mysql.cj.jdbc.Driver\na.datasource.password=Sup3r\nb.datasource.driver-class-name=org.postgresql.Driver\nb.datasource.password=Sup3r\n", manifest.Hint{}, true},
		{"Laravel pgsql", KindEnv, "DB_CONNECTION=pgsql\nDB_HOST=db.example.com\nDB_PASSWORD=Sup3r\n", manifest.Hint{}, true},
		{"Laravel pgsql without a host", KindEnv, "DB_CONNECTION=pgsql\nDB_PASSWORD=Sup3r\n", manifest.Hint{}, false},
		{"Laravel mysql", KindEnv, "DB_CONNECTION=mysql\nDB_HOST=db.example.com\nDB_PASSWORD=Sup3r\n", manifest.Hint{Driver: "pgx"}, false},
	} {
		ts, _, _ := Analyze("f", c.kind, []byte(c.doc), c.hint)
		got := false
		for _, tg := range ts {
			for _, f := range rules.Evaluate(tg, rules.Options{}) {
				got = got || f.RuleID == "PGTLS008"
			}
		}
		if got != c.want {
			t.Errorf("%s: PGTLS008 %v, want %v", c.name, got, c.want)
		}
	}
}

// TestManyPasswordBlocks feeds a file of many datasource blocks, each with its password and
// driver class, and one key thousands of segments deep: deciding each block's database must
// not cost a pass over the whole file.
func TestManyPasswordBlocks(t *testing.T) {
	var b strings.Builder
	for i := range 40000 {
		fmt.Fprintf(&b, "app%d.datasource.driver-class-name=com.mysql.cj.jdbc.Driver\napp%d.datasource.password=Sup3r%d\n", i, i, i)
	}
	b.WriteString(strings.Repeat("a.", 200000) + "datasource.password=Sup3r\n")
	b.WriteString("last.datasource.driver-class-name=org.postgresql.Driver\nlast.datasource.password=Sup3r\n")
	start := time.Now()
	ts, _, _ := Analyze("application.properties", KindProperties, []byte(b.String()), manifest.Hint{Driver: "pgjdbc"})
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("%v for %d bytes of datasource blocks", d, b.Len())
	}
	n := 0
	for _, tg := range ts {
		for _, f := range rules.Evaluate(tg, rules.Options{}) {
			if f.RuleID == "PGTLS008" {
				n++
			}
		}
	}
	// The last block and the deep one (which names no other database) are PostgreSQL's.
	if n != 2 {
		t.Errorf("%d PGTLS008, want 2", n)
	}
}

// TestManyConnectorClasses feeds one connector configuration whose class is written many times
// beside many keys: it is read once.
func TestManyConnectorClasses(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"database.hostname": "db.example.com", "database.sslmode": "disable"`)
	for i := range 50000 {
		fmt.Fprintf(&b, `, "connector.class": "io.debezium.connector.postgresql.PostgresConnector", "k%d": "v"`, i)
	}
	b.WriteString("}")
	start := time.Now()
	got, _ := disableSpans(t, KindJSON, []byte(b.String()))
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("%v for %d bytes", d, b.Len())
	}
	if len(got) != 1 {
		t.Errorf("%d findings of sslmode=disable, want 1", len(got))
	}
}
