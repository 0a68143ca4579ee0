package report_test

import (
	"io"
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/report"
	"github.com/pgtlslint/pgtlslint/report/reporttest"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/scan/result"
)

func writeCompact(t *testing.T, results []result.Result, notices []result.Notice, opts report.TextOptions) string {
	t.Helper()
	out := reporttest.Written(t, "compact report", func(w io.Writer) error { return report.WriteCompact(w, results, notices, opts) })
	return out
}

func TestWriteCompact(t *testing.T) {
	fs, results, notices := reporttest.Standard()
	got := writeCompact(t, results, notices, report.TextOptions{Source: fs.Source(), Files: 12, Walked: 30, Read: 20})
	want := "app/db.go:10:46: warning PGTLS008 The connection string holds a password: lib/pq can read it from PGPASSWORD or ~/.pgpass instead. Move it out of the source. [lib/pq]\n" +
		"app/db.go:10:85: error PGTLS001 lib/pq never encrypts this connection: sslmode=disable sends queries, data and the password in plaintext. Set sslmode=verify-full and sslrootcert to the CA of the server. [lib/pq]\n"
	if !strings.HasPrefix(got, want) {
		t.Errorf("got:\n%s\nwant it to start with:\n%s", got, want)
	}
	for _, want := range []string{
		"\n\ndump/big.sql: skipped: file is larger than 1 MiB (3.2 MiB)\nsecrets/locked.env: unreadable:",
		"\n\n4 findings (2 errors, 2 warnings) in 3 files; 2 suppressed not shown; 30 files walked, 20 read, 12 analyzed; 2 files skipped\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the compact report lacks\n%s\nreport:\n%s", want, got)
		}
	}
	if strings.Contains(got, "  10 |") || strings.Contains(got, "fix:") || strings.Contains(got, "legacy.py") {
		t.Errorf("the compact report has a code frame, a fix line or a suppressed finding:\n%s", got)
	}
	// Suppressed findings only when asked for, marked; --quiet: the findings and nothing else.
	got = writeCompact(t, results, notices, report.TextOptions{IncludeSuppressed: true, Quiet: true})
	if lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n"); len(lines) != 6 ||
		!strings.Contains(got, "sslmode=require. Use sslmode=verify-full. [psycopg2] [suppressed: inline: the legacy VPN terminates TLS]\n") {
		t.Errorf("--include-suppressed --quiet:\n%s", got)
	}
	if got := writeCompact(t, nil, notices, report.TextOptions{Quiet: true}); got != "" {
		t.Errorf("quiet with no findings: %q", got)
	}
}

func TestWriteTextQuiet(t *testing.T) {
	fs, results, notices := reporttest.Standard()
	got := writeText(t, results, notices, report.TextOptions{Source: fs.Source(), Files: 12, Quiet: true})
	if !strings.HasPrefix(got, "app/db.go:10:46:") || !strings.HasSuffix(got, "^^^^^^^^^^^^^^\n  fix: Set sslmode=verify-full.\n") ||
		strings.Contains(got, "skipped") || strings.Contains(got, "findings") {
		t.Errorf("quiet report:\n%s", got)
	}
	if got := writeText(t, nil, notices, report.TextOptions{Quiet: true}); got != "" {
		t.Errorf("quiet with no findings: %q", got)
	}
}

// TestWriteTextSaysFixOnce: a message that ends with its fix leaves it to the fix line; one
// that holds it in the middle leaves the fix and what follows it to the fix line; one that does
// not hold it keeps both as they are.
func TestWriteTextSaysFixOnce(t *testing.T) {
	fs := reporttest.Files{"a.env": "A=postgres://h.example.com/d?sslmode=require\n"}
	for _, c := range []struct{ msg, fix, head, fixLine string }{
		{"require does not verify. Use verify-full.", "Use verify-full.", "require does not verify.", "Use verify-full."},
		{"verify-ca skips the name. Use verify-full. Keep verify-ca on purpose only.", "Use verify-full.",
			"verify-ca skips the name.", "Use verify-full. Keep verify-ca on purpose only."},
		{"host lets plaintext in. Use hostssl.", "Replace host with hostssl.", "host lets plaintext in. Use hostssl.", "Replace host with hostssl."},
		{"Use verify-full.", "Use verify-full.", "Use verify-full.", "Use verify-full."},
		{"require does not verify.Use verify-full.", "Use verify-full.", "require does not verify.Use verify-full.", "Use verify-full."},
	} {
		f := fs.Finding("a.env", "PGTLS002", rules.SeverityWarning, "require", c.msg)
		f.Fix = &rules.Fix{Description: c.fix}
		got := writeText(t, []result.Result{{Finding: f}}, nil, report.TextOptions{})
		want := "a.env:1:38: warning PGTLS002 server-not-verified: " + c.head + "\n  fix: " + c.fixLine + "\n"
		if !strings.HasPrefix(got, want) {
			t.Errorf("message %q, fix %q:\n%s\nwant\n%s", c.msg, c.fix, got, want)
		}
	}
}

// TestWriteTextGroupsNotices: without Verbose, a kind of notice with several is one line with
// a count after the notices alone of their kind; Verbose lists them all, by path and line.
func TestWriteTextGroupsNotices(t *testing.T) {
	notices := []result.Notice{
		{Path: "z/big.json", Kind: result.NoticeSkipped, Group: "larger than 1 MiB", Message: "2000000 bytes, over the 1048576-byte cap"},
		{Path: "a/big.sql", Kind: result.NoticeSkipped, Group: "larger than 1 MiB", Message: "3000000 bytes, over the 1048576-byte cap"},
		{Path: "a/blob.env", Kind: result.NoticeSkipped, Group: "binary", Message: "binary file (NUL byte in the first 8 KiB)"},
		{Path: "pg_hba.conf", Kind: result.NoticeParseError, Line: 10, Message: "invalid connection type \"hots\""},
		{Path: "pg_hba.conf", Kind: result.NoticeParseError, Line: 9, Message: "end-of-line before IP address specification"},
		{Path: "b/pg_hba.conf", Kind: result.NoticeParseError, Line: 2, Message: "invalid authentication method \"md6\""},
		{Path: "x.env", Kind: "odd-kind", Message: "one"},
		{Path: "y.env", Kind: "odd-kind", Message: "two"},
		{Kind: result.NoticeNoCgo, Message: "3 source files searched as text"},
	}
	got := writeText(t, nil, notices, report.TextOptions{})
	want := "no-cgo: 3 source files searched as text\n" +
		"a/blob.env: skipped: binary file (NUL byte in the first 8 KiB)\n" +
		"2 odd-kind notices in 2 files (--verbose lists them)\n" +
		"3 parse errors in 2 files (--verbose lists them)\n" +
		"2 files skipped: larger than 1 MiB (--verbose lists them)\n" +
		"\nno findings; 3 files skipped\n"
	if got != want || strings.Contains(got, "big.sql") {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	got = writeText(t, nil, notices, report.TextOptions{Verbose: true})
	want = "a/big.sql: skipped: 3000000 bytes, over the 1048576-byte cap\n" +
		"a/blob.env: skipped: binary file (NUL byte in the first 8 KiB)\n" +
		"b/pg_hba.conf: parse-error: line 2: invalid authentication method \"md6\"\n" +
		"pg_hba.conf: parse-error: line 9: end-of-line before IP address specification\n" +
		"pg_hba.conf: parse-error: line 10: invalid connection type \"hots\"\n" +
		"x.env: odd-kind: one\ny.env: odd-kind: two\n" +
		"z/big.json: skipped: 2000000 bytes, over the 1048576-byte cap\n"
	if !strings.Contains(got, want) {
		t.Errorf("verbose got:\n%s\nwant it to hold:\n%s", got, want)
	}
}
