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

func writeText(t *testing.T, results []result.Result, notices []result.Notice, opts report.TextOptions) string {
	t.Helper()
	out := reporttest.Written(t, "text report", func(w io.Writer) error { return report.WriteText(w, results, notices, opts) })
	return out
}

// small is one Go file with a finding that has a secret on its line, a fix and evidence.
func small() (reporttest.Files, []result.Result) {
	fs := reporttest.Files{"cmd/app/main.go": "package main\n\n" +
		"const dsn = \"postgres://app:S3cr3tPassw0rd@db.example.com/app?sslmode=disable\"\n"}
	f := fs.Finding("cmd/app/main.go", "PGTLS001", rules.SeverityError, "sslmode=disable",
		"lib/pq never encrypts this connection. Set sslmode=verify-full.")
	f.Evidence = "import of github.com/lib/pq"
	f.Secrets = []rules.Span{fs.Secret("cmd/app/main.go", "S3cr3tPassw0rd")}
	f.Fix = &rules.Fix{Description: "Set sslmode=verify-full and sslrootcert.",
		Edits: []rules.Edit{fs.Edit("cmd/app/main.go", "disable", "verify-full")}}
	return fs, []result.Result{{Finding: f}}
}

func TestWriteTextGolden(t *testing.T) {
	fs, results := small()
	notices := []result.Notice{{Path: "dump.sql", Kind: result.NoticeSkipped, Message: "file is larger than 1 MiB"}}
	got := writeText(t, results, notices, report.TextOptions{Source: fs.Source(), Files: 3})
	want := `cmd/app/main.go:3:63: error PGTLS001 plaintext-allowed: lib/pq never encrypts this connection. Set sslmode=verify-full.
  3 | const dsn = "postgres://app:****@db.example.com/app?sslmode=disable"
    |                                                     ^^^^^^^^^^^^^^^
  fix: Set sslmode=verify-full and sslrootcert.
  driver: lib/pq (import of github.com/lib/pq)

dump.sql: skipped: file is larger than 1 MiB

1 finding (1 error) in 1 file; 3 files scanned; 1 file skipped
`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestWriteTextStandard(t *testing.T) {
	fs, results, notices := reporttest.Standard()
	got := writeText(t, results, notices, report.TextOptions{Source: fs.Source(), Files: 12})
	for _, want := range []string{
		"app/db.go:10:46: warning PGTLS008 password-in-connection-string: The connection string holds a password",
		// The tab is expanded; the secret is masked and the underline sits under the mask.
		"  10 |     return sql.Open(\"postgres\", \"postgres://app:****@db.example.com:5432/app?sslmode=disable\")\n" +
			"     |                                                 ^^^^\n",
		"app/db.go:10:85: error PGTLS001 plaintext-allowed:",
		"config/my settings/ünïcode db.env:2:78: warning PGTLS002 server-not-verified:",
		// Non-ASCII before the span: the caret is under the span, counted in characters.
		"  3 |   url: \"postgres://db.prod.example.com/app?application_name=🐘app&sslmode=prefer\"\n" +
			"    |                                                                   ^^^^^^^^^^^^^^\n",
		"dump/big.sql: skipped: file is larger than 1 MiB (3.2 MiB)\nsecrets/locked.env: unreadable: open secrets/locked.env: permission denied\n",
		"\n4 findings (2 errors, 2 warnings) in 3 files; 2 suppressed not shown; 12 files scanned; 2 files skipped\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the report lacks\n%s\nreport:\n%s", want, got)
		}
	}
	if strings.Contains(got, "legacy.py") {
		t.Error("suppressed findings are shown by default")
	}
	if strings.Contains(got, "\x1b") {
		t.Error("colour codes without Color")
	}
}

func TestWriteTextSuppressed(t *testing.T) {
	fs, results, notices := reporttest.Standard()
	got := writeText(t, results, notices, report.TextOptions{Source: fs.Source(), IncludeSuppressed: true})
	for _, want := range []string{
		"app/legacy.py:4:59: warning PGTLS002 server-not-verified: psycopg2 does not verify the server with sslmode=require. Use sslmode=verify-full. [suppressed: inline: the legacy VPN terminates TLS]\n",
		"app/legacy.py:4:26: note PGTLS005 sslrootcert-missing: psycopg2 has no sslrootcert here. Set sslrootcert to the CA file. [suppressed: baseline]\n",
		"\n6 findings (2 errors, 3 warnings, 1 note) in 4 files; 2 suppressed; 2 files skipped\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the report lacks\n%s\nreport:\n%s", want, got)
		}
	}
}

func TestWriteTextColor(t *testing.T) {
	fs, results := small()
	plain := writeText(t, results, nil, report.TextOptions{Source: fs.Source()})
	colored := writeText(t, results, nil, report.TextOptions{Source: fs.Source(), Color: true})
	if strings.Contains(plain, "\x1b") {
		t.Errorf("colour codes without Color:\n%q", plain)
	}
	for _, want := range []string{
		"\x1b[1mcmd/app/main.go:3:63:\x1b[0m \x1b[1;31merror\x1b[0m PGTLS001",
		"\x1b[1;31m^^^^^^^^^^^^^^^\x1b[0m",
		"\x1b[32mfix:\x1b[0m Set sslmode=verify-full",
		"\x1b[1m1 finding (1 error) in 1 file\x1b[0m\n",
	} {
		if !strings.Contains(colored, want) {
			t.Errorf("the coloured report lacks %q:\n%q", want, colored)
		}
	}
	// Without the escape sequences, both say the same.
	stripped := colored
	for _, code := range []string{"\x1b[0m", "\x1b[1m", "\x1b[2m", "\x1b[1;31m", "\x1b[1;33m", "\x1b[1;36m", "\x1b[32m"} {
		stripped = strings.ReplaceAll(stripped, code, "")
	}
	if stripped != plain {
		t.Errorf("the coloured report says something else:\n%s\nplain:\n%s", stripped, plain)
	}
}

func TestWriteTextNothing(t *testing.T) {
	if got := writeText(t, nil, nil, report.TextOptions{}); got != "no findings\n" {
		t.Errorf("got %q", got)
	}
	if got := writeText(t, nil, nil, report.TextOptions{Files: 1}); got != "no findings; 1 file scanned\n" {
		t.Errorf("got %q", got)
	}
}

// TestWriteTextHiddenTests checks the summary's clause for what the scan left out as test
// code, which says how to see it, and that nothing is said when nothing was left out.
func TestWriteTextHiddenTests(t *testing.T) {
	_, results := small()
	for _, tc := range []struct {
		hidden report.HiddenTests
		want   string
	}{
		{report.HiddenTests{Findings: 21}, "1 finding (1 error) in 1 file; 21 findings in test code not shown (--tests shows them); 3 files scanned\n"},
		{report.HiddenTests{Findings: 1, Notices: 2}, "; 1 finding and 2 notices in test code not shown (--tests shows them);"},
		{report.HiddenTests{Notices: 1}, "; 1 notice in test code not shown (--tests shows them);"},
		{report.HiddenTests{}, "1 finding (1 error) in 1 file; 3 files scanned\n"},
	} {
		got := writeText(t, results, nil, report.TextOptions{Files: 3, HiddenTests: tc.hidden})
		if !strings.Contains(got, tc.want) {
			t.Errorf("%+v: the report lacks %q:\n%s", tc.hidden, tc.want, got)
		}
	}
	if got := writeText(t, nil, nil, report.TextOptions{HiddenTests: report.HiddenTests{Findings: 2}}); got != "no findings; 2 findings in test code not shown (--tests shows them)\n" {
		t.Errorf("got %q", got)
	}
}

func TestWriteTextWithoutSource(t *testing.T) {
	_, results := small()
	got := writeText(t, results, nil, report.TextOptions{})
	want := "cmd/app/main.go:3:63: error PGTLS001 plaintext-allowed: lib/pq never encrypts this connection. Set sslmode=verify-full.\n" +
		"  fix: Set sslmode=verify-full and sslrootcert.\n" +
		"  driver: lib/pq (import of github.com/lib/pq)\n\n1 finding (1 error) in 1 file\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// frameOf returns the two code frame lines of the single finding in out, gutters removed.
func frameOf(t *testing.T, out string) (code, underline string) {
	t.Helper()
	lines := strings.Split(out, "\n")
	if len(lines) < 3 {
		t.Fatalf("no code frame in\n%s", out)
	}
	_, code, _ = strings.Cut(lines[1], "| ")
	_, underline, _ = strings.Cut(lines[2], "| ")
	return code, underline
}

func TestWriteTextLongLine(t *testing.T) {
	line := "x = '" + strings.Repeat("a", 3000) + "postgres://u:S3cr3tPassw0rd@h/db?sslmode=disable" + strings.Repeat("b", 3000) + "'"
	fs := reporttest.Files{"long.py": "import psycopg2\n" + line + "\n"}
	f := fs.Finding("long.py", "PGTLS001", rules.SeverityError, "sslmode=disable", "plaintext.")
	f.Secrets = []rules.Span{fs.Secret("long.py", "S3cr3tPassw0rd")}
	out := writeText(t, []result.Result{{Finding: f}}, nil, report.TextOptions{Source: fs.Source(), Width: 60})
	code, underline := frameOf(t, out)
	if n := len([]rune(code)); n > 62 {
		t.Errorf("code frame line of %d characters, want at most 60 plus two \"…\": %q", n, code)
	}
	if !strings.HasPrefix(code, "…") || !strings.HasSuffix(code, "…") {
		t.Errorf("a cut line must show … on both sides: %q", code)
	}
	col := strings.Index(underline, "^")
	if got := string([]rune(code)[col : col+len("sslmode=disable")]); got != "sslmode=disable" {
		t.Errorf("the underline is under %q:\n%s\n%s", got, code, underline)
	}
	if !strings.Contains(code, "u:****@h") {
		t.Errorf("the secret should show as ****: %q", code)
	}
}

func TestWriteTextUnderlines(t *testing.T) {
	for _, c := range []struct {
		name, content, needle string
		secret                string
		wantCode, wantUnder   string
	}{
		{"secret is the span", "pw = 'S3cr3tPassw0rd'\n", "S3cr3tPassw0rd", "S3cr3tPassw0rd",
			"pw = '****'", "      ^^^^"},
		{"span covers the secret", "u = 'postgres://a:S3cr3tPassw0rd@h/d'\n", "postgres://a:S3cr3tPassw0rd@h/d", "S3cr3tPassw0rd",
			"u = 'postgres://a:****@h/d'", "     ^^^^^^^^^^^^^^^^^^^^^"},
		{"tab and wide characters", "\t名前 = \"sslmode=allow\"\n", "sslmode=allow", "",
			"    名前 = \"sslmode=allow\"", "            ^^^^^^^^^^^^^"},
		{"combining mark", "e\u0301 = \"sslmode=allow\"\n", "sslmode=allow", "",
			"e\u0301 = \"sslmode=allow\"", "     ^^^^^^^^^^^^^"},
		{"empty span at end of line", "DATABASE_URL=postgres://h/db\n", "", "",
			"DATABASE_URL=postgres://h/db", "                            ^"},
		{"control characters", "a\x1b[31m = \"sslmode=allow\"\x07\r\n", "sslmode=allow", "",
			"a?[31m = \"sslmode=allow\"?", "          ^^^^^^^^^^^^^"},
		{"invalid UTF-8", "a\xff\xfe = \"sslmode=allow\"\n", "sslmode=allow", "",
			"a?? = \"sslmode=allow\"", "       ^^^^^^^^^^^^^"},
	} {
		t.Run(c.name, func(t *testing.T) {
			fs := reporttest.Files{"f": c.content}
			var f rules.Finding
			if c.needle == "" {
				f = rules.Finding{RuleID: "PGTLS004", Severity: rules.SeverityWarning, Path: "f", Message: "m.",
					Span: rules.Span{Start: strings.Index(c.content, "\n"), End: strings.Index(c.content, "\n")}}
				fs.Locate(&f)
			} else {
				f = fs.Finding("f", "PGTLS001", rules.SeverityError, c.needle, "m.")
			}
			if c.secret != "" {
				f.Secrets = []rules.Span{fs.Secret("f", c.secret)}
			}
			out := writeText(t, []result.Result{{Finding: f}}, nil, report.TextOptions{Source: fs.Source()})
			code, under := frameOf(t, out)
			if code != c.wantCode || under != c.wantUnder {
				t.Errorf("frame\n%q\n%q\nwant\n%q\n%q", code, under, c.wantCode, c.wantUnder)
			}
			if c.secret != "" && strings.Contains(out, c.secret) {
				t.Errorf("the secret is in the output:\n%s", out)
			}
			if strings.ContainsAny(out, "\x1b\x07\r") {
				t.Errorf("control characters reach the terminal: %q", out)
			}
		})
	}
}

func TestWriteTextOutOfRange(t *testing.T) {
	fs := reporttest.Files{"f.env": "A=postgres://u:S3cr3tPassw0rd@h/db?sslmode=disable\nB=ü🐘\n"}
	emoji := strings.Index(fs["f.env"], "🐘")
	var results []result.Result
	for _, f := range []rules.Finding{
		{Span: rules.Span{Start: -10, End: 1 << 30}},
		{Span: rules.Span{Start: 40, End: 3}},
		{Span: rules.Span{Start: emoji + 1, End: emoji + 2}},
		{Start: rules.Position{Line: 99, Col: 400}, End: rules.Position{Line: -3, Col: -1}},
		{Start: rules.Position{Line: 2, Col: 5}, End: rules.Position{Line: 2, Col: 400}},
		{Start: rules.Position{Line: 1, Col: 1}, End: rules.Position{Line: 7, Col: 1}},
	} {
		f.RuleID, f.Path, f.Message = "PGTLS001", "f.env", "m."
		f.Secrets = []rules.Span{fs.Secret("f.env", "S3cr3tPassw0rd"), {Start: -4, End: 2}, {Start: 50, End: 1 << 20}}
		results = append(results, result.Result{Finding: f})
	}
	out := writeText(t, results, nil, report.TextOptions{Source: fs.Source(), Width: 8})
	if !strings.Contains(out, "6 findings") {
		t.Errorf("unexpected report:\n%s", out)
	}
}
