// Package reporttest builds findings for the tests of the report writers (text, JSON, GitHub,
// SARIF): in-memory files, findings located by searching their text, and one standard set of
// results that exercises fixes, secrets, suppressions, notices and awkward paths.
package reporttest

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/report"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
	"github.com/pgtlslint/pgtlslint/scan/result"
)

// Files maps a path (as in findings) to the file's content.
type Files map[string]string

// Source reads from the map.
func (fs Files) Source() report.Source {
	return func(p string) ([]byte, bool) {
		c, ok := fs[p]
		return []byte(c), ok
	}
}

// Span returns the span of the n-th (0-based) occurrence of needle in content; it panics when
// there is none, which is a mistake in the test.
func Span(content, needle string, n int) rules.Span {
	off := 0
	for i := 0; ; i++ {
		j := strings.Index(content[off:], needle)
		if j < 0 {
			panic(fmt.Sprintf("reporttest: occurrence %d of %q not found", n, needle))
		}
		if i == n {
			return rules.Span{Start: off + j, End: off + j + len(needle)}
		}
		off += j + len(needle)
	}
}

// Finding returns a finding of rule id at the first occurrence of needle in the file at path,
// with its name from the catalog, the given severity and message, the pq driver, and Start and
// End located in the content.
func (fs Files) Finding(path, id string, sev rules.Severity, needle, msg string) rules.Finding {
	content, ok := fs[path]
	if !ok {
		panic("reporttest: no file " + path)
	}
	r, ok := rules.LookupRule(id)
	if !ok {
		panic("reporttest: no rule " + id)
	}
	f := rules.Finding{
		RuleID: r.ID, RuleName: r.Name, Severity: sev, Path: path, Span: Span(content, needle, 0),
		Message: msg, Driver: "lib/pq", DriverName: "lib/pq",
	}
	fs.Locate(&f)
	return f
}

// Locate fills f.Start and f.End from f.Span and the content of f.Path.
func (fs Files) Locate(f *rules.Finding) {
	one := []rules.Finding{*f}
	rules.Locate(one, []byte(fs[f.Path]))
	f.Start, f.End = one[0].Start, one[0].End
}

// Secret returns the span of the first occurrence of a secret in the file at path.
func (fs Files) Secret(path, secret string) rules.Span {
	return Span(fs[path], secret, 0)
}

// Edit returns an edit of the file at path that replaces the first occurrence of old.
func (fs Files) Edit(path, old, newText string) rules.Edit {
	sp := Span(fs[path], old, 0)
	return rules.Edit{Path: path, Start: sp.Start, End: sp.End, NewText: newText}
}

// Secrets are the passwords of the Standard files: no writer may output them.
var Secrets = []string{"S3cr3tPassw0rd", "hunter2-Very-Secret"}

// Paths of the Standard files.
const (
	GoFile      = "app/db.go"
	EnvFile     = "config/my settings/ünïcode db.env" // spaces and non-ASCII
	YAMLFile    = "deploy/values.yaml"                // non-ASCII before a finding on its line
	PythonFile  = "app/legacy.py"                     // suppressed findings
	SkippedFile = "dump/big.sql"
)

// Standard returns the files, results and notices most writer tests use:
//
//   - app/db.go: PGTLS001 (error) on sslmode=disable with a fix, and PGTLS008 on the password
//     itself with a fix that deletes it; both have the password as a secret.
//   - config/my settings/ünïcode db.env: PGTLS002 with a fix that rewrites the whole URL,
//     password included (SafeEdits must narrow it).
//   - deploy/values.yaml: PGTLS001 after "🐘" on the same line (UTF-16 columns differ from
//     bytes), with a fix.
//   - app/legacy.py: PGTLS002 suppressed inline with a reason, PGTLS005 suppressed by a
//     baseline.
//   - notices: a skipped file and an unreadable one.
func Standard() (Files, []result.Result, []result.Notice) {
	fs := Files{
		GoFile: "package app\n\nimport (\n\t\"database/sql\"\n\n\t_ \"github.com/lib/pq\"\n)\n\n" +
			"func open() (*sql.DB, error) {\n" +
			"\treturn sql.Open(\"postgres\", \"postgres://app:S3cr3tPassw0rd@db.example.com:5432/app?sslmode=disable\")\n" +
			"}\n",
		EnvFile: "# staging database\n" +
			"DATABASE_URL=postgresql://svc:hunter2-Very-Secret@db.staging.example.com/app?sslmode=require\n",
		YAMLFile: "# Ünïcode: values\ndatabase:\n" +
			"  url: \"postgres://db.prod.example.com/app?application_name=🐘app&sslmode=prefer\"\n",
		PythonFile: "import psycopg2\n\n# pgtlslint:ignore PGTLS002 -- the legacy VPN terminates TLS\n" +
			"conn = psycopg2.connect(\"host=legacy.internal.example.com sslmode=require\")\n",
	}

	f1 := fs.Finding(GoFile, "PGTLS001", rules.SeverityError, "sslmode=disable",
		"lib/pq never encrypts this connection: sslmode=disable sends queries, data and the password in plaintext. Set sslmode=verify-full and sslrootcert to the CA of the server.")
	f1.Evidence = "import of github.com/lib/pq"
	f1.Secrets = []rules.Span{fs.Secret(GoFile, "S3cr3tPassw0rd")}
	f1.Fix = &rules.Fix{
		Description: "Set sslmode=verify-full, and sslrootcert to the file holding the CA that signed the server's certificate.",
		Edits:       []rules.Edit{fs.Edit(GoFile, "disable", "verify-full")},
	}

	f2 := fs.Finding(GoFile, "PGTLS008", rules.SeverityWarning, "S3cr3tPassw0rd",
		"The connection string holds a password: lib/pq can read it from PGPASSWORD or ~/.pgpass instead. Move it out of the source.")
	f2.Evidence = "import of github.com/lib/pq"
	f2.Secrets = f1.Secrets
	f2.Fix = &rules.Fix{
		Description: "Remove the password from the URL and provide it through PGPASSWORD or a password file.",
		Edits:       []rules.Edit{fs.Edit(GoFile, "app:S3cr3tPassw0rd@", "app@")},
	}

	f3 := fs.Finding(EnvFile, "PGTLS002", rules.SeverityWarning, "sslmode=require",
		"libpq semantics: sslmode=require encrypts but does not check the server's certificate, so anyone on the path can impersonate the server. Use sslmode=verify-full.")
	f3.Driver, f3.DriverName = "libpq", "libpq semantics"
	f3.Secrets = []rules.Span{fs.Secret(EnvFile, "hunter2-Very-Secret")}
	url := fs[EnvFile][strings.Index(fs[EnvFile], "postgresql://"):strings.LastIndex(fs[EnvFile], "\n")]
	f3.Fix = &rules.Fix{
		Description: "Set sslmode=verify-full and sslrootcert.",
		Edits:       []rules.Edit{fs.Edit(EnvFile, url, strings.Replace(url, "sslmode=require", "sslmode=verify-full", 1))},
	}

	f4 := fs.Finding(YAMLFile, "PGTLS001", rules.SeverityError, "sslmode=prefer",
		"lib/pq falls back to plaintext with sslmode=prefer when the server, or an attacker, refuses TLS. Set sslmode=verify-full.")
	f4.Fix = &rules.Fix{
		Description: "Set sslmode=verify-full.",
		Edits:       []rules.Edit{fs.Edit(YAMLFile, "prefer", "verify-full")},
	}

	f5 := fs.Finding(PythonFile, "PGTLS002", rules.SeverityWarning, "sslmode=require",
		"psycopg2 does not verify the server with sslmode=require. Use sslmode=verify-full.")
	f5.Driver, f5.DriverName = drivers.Psycopg2, drivers.Get(drivers.Psycopg2).Name
	f6 := fs.Finding(PythonFile, "PGTLS005", rules.SeverityNote, "host=legacy.internal.example.com",
		"psycopg2 has no sslrootcert here. Set sslrootcert to the CA file.")
	f6.Driver, f6.DriverName = drivers.Psycopg2, drivers.Get(drivers.Psycopg2).Name

	results := []result.Result{
		{Finding: f1}, {Finding: f2}, {Finding: f3}, {Finding: f4},
		{Finding: f5, Suppressed: &result.Suppression{Kind: result.SuppressionInline, Justification: "the legacy VPN terminates TLS"}},
		{Finding: f6, Suppressed: &result.Suppression{Kind: result.SuppressionBaseline}},
	}
	notices := []result.Notice{
		{Path: "secrets/locked.env", Kind: result.NoticeUnreadable, Message: "open secrets/locked.env: permission denied"},
		{Path: SkippedFile, Kind: result.NoticeSkipped, Message: "file is larger than 1 MiB (3.2 MiB)"},
	}
	return fs, results, notices
}

// Written runs write into a buffer and returns what it wrote; the test fails when the writer
// fails or when the output, the report called what, holds one of Secrets.
func Written(t *testing.T, what string, write func(io.Writer) error) string {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, s := range Secrets {
		if strings.Contains(out, s) {
			t.Errorf("the %s holds the secret %q:\n%s", what, s, out)
		}
	}
	return out
}
