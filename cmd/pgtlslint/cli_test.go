package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestExplainNotAConnString: a string no driver reads as a connection string gets one line on
// standard error saying what was expected, and exit 2, not a table of defaults and exit 0. A
// bare keyword is a connection string.
func TestExplainNotAConnString(t *testing.T) {
	for _, s := range []string{"not a conn string", "mysql://app:pw-Secret9@db.example.com/app", "jdbc:mysql://db.example.com/app", "", "redis://cache.example.com:6379"} {
		code, out, errOut := runCLI(t, "", "explain", s)
		if code != exitError || out != "" || strings.Count(errOut, "\n") != 1 ||
			!strings.HasPrefix(errOut, "pgtlslint: explain: ") || !strings.Contains(errOut, "expected a postgresql:// or postgres:// URI") {
			t.Errorf("explain %q: exit %d, stdout %q, stderr %q; want exit 2 and one line saying what was expected", s, code, out, errOut)
		}
		if strings.Contains(errOut, "pw-Secret9") {
			t.Errorf("explain %q: the error repeats the password: %q", s, errOut)
		}
	}
	if code, _, errOut := runCLI(t, "mysql://db.example.com/app\n", "explain", "-"); code != exitError || !strings.Contains(errOut, "a mysql:// URL is not") {
		t.Errorf("explain - (mysql://): exit %d, stderr %q", code, errOut)
	}
	for _, s := range []string{"host=db", "dbname=x", "host=db.example.com foo=bar"} {
		if code, out, errOut := runCLI(t, "", "explain", s); code != exitOK || !strings.Contains(out, "How each driver reads it:") {
			t.Errorf("explain %q: exit %d, stderr %q, output:\n%s", s, code, errOut, out)
		}
	}
}

// noticeTree has findings (two in app/.env, three on line 8 of pg_hba.conf), three files of
// 383 bytes over a 200-byte cap, one binary file and a pg_hba.conf
// with parse errors on lines 9 and 10 (line 10 sorts before line 9 as text).
func noticeTree(t *testing.T) string {
	t.Helper()
	pad := strings.Repeat("# padding padding padding padding\n", 10)
	return writeTree(t, map[string]string{
		"app/.env": "DATABASE_URL=postgres://db.example.com/app?sslmode=require\n" +
			"REPORTS_URL=postgres://reports.example.com/app?sslmode=disable\n",
		"big/a.env":     pad + "DATABASE_URL=postgres://db.example.com/app\n",
		"big/b.env":     pad + "DATABASE_URL=postgres://db.example.com/app\n",
		"big/c.env":     pad + "DATABASE_URL=postgres://db.example.com/app\n",
		"blob/data.env": "DATABASE_URL=postgres://db.example.com/app\n\x00\x01",
		"pg_hba.conf": "# comment\n#\n#\n#\n#\n#\n#\n" + "host all all 0.0.0.0/0 md5\n" +
			"host all all\n" + "hots all all 10.0.0.0/8 md5\n",
	})
}

func TestScanNoticesGrouped(t *testing.T) {
	dir := noticeTree(t)
	t.Chdir(dir)
	code, out, _ := runCLI(t, "", "scan", "--no-color", "--max-file-size", "200", ".")
	if code != exitFindings {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	// One line per kind of notice with several, after the notices alone of their kind.
	want := "\nblob/data.env: skipped: binary file (NUL byte in the first 8 KiB)\n" +
		"2 parse errors in 1 file (--verbose lists them)\n" +
		"3 files skipped: larger than 200 bytes (--verbose lists them)\n\n"
	if !strings.Contains(out, want) {
		t.Errorf("the report lacks\n%s\nreport:\n%s", want, out)
	}
	if strings.Contains(out, "big/a.env") || strings.Contains(out, "line 9") {
		t.Errorf("counted notices are listed without --verbose:\n%s", out)
	}
	// --verbose lists every notice, by path and line as numbers.
	_, out, _ = runCLI(t, "", "scan", "--no-color", "--verbose", "--max-file-size", "200", ".")
	for _, want := range []string{
		"big/a.env: skipped: 383 bytes, over the 200-byte cap\nbig/b.env: skipped:",
		"pg_hba.conf: parse-error: line 9: end-of-line before IP address specification\n" +
			"pg_hba.conf: parse-error: line 10: invalid connection type \"hots\"\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the --verbose report lacks\n%s\nreport:\n%s", want, out)
		}
	}
	// JSON keeps every notice, in the same order.
	_, rep, _ := scanJSON(t, "--max-file-size", "200", ".")
	var texts []string
	for _, n := range rep.Notices {
		texts = append(texts, n.Path+": "+n.Message)
	}
	wantJSON := []string{"big/a.env: 383 bytes, over the 200-byte cap", "big/b.env: 383 bytes, over the 200-byte cap",
		"big/c.env: 383 bytes, over the 200-byte cap", "blob/data.env: binary file (NUL byte in the first 8 KiB)",
		"pg_hba.conf: line 9: end-of-line before IP address specification", `pg_hba.conf: line 10: invalid connection type "hots"`}
	if strings.Join(texts, "\n") != strings.Join(wantJSON, "\n") {
		t.Errorf("JSON notices\n%s\nwant\n%s", strings.Join(texts, "\n"), strings.Join(wantJSON, "\n"))
	}
}

// TestScanSummaryCounts: the summary says how much of the tree was walked, read and
// analyzed, not one count that looks like the whole tree.
func TestScanSummaryCounts(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"app/.env":      "DATABASE_URL=postgres://db.example.com/app?sslmode=require\n",
		"app/other.env": "PORT=8080\n",
		"app/main.c":    "int main(void) { return 0; }\n", // read: connection strings hide in any text
		"app/logo.png":  "\x89PNG",                        // not read
	})
	_, out, _ := runCLI(t, "", "scan", "--no-color", dir)
	if !strings.HasSuffix(out, "\n1 finding (1 warning) in 1 file; 4 files walked, 3 read, 1 analyzed\n") {
		t.Errorf("summary:\n%s", out)
	}
	var rep struct{ Summary map[string]int }
	_, js, _ := runCLI(t, "", "scan", "--format", "json", dir)
	if err := json.Unmarshal([]byte(js), &rep); err != nil {
		t.Fatal(err)
	}
	if s := rep.Summary; s["walked"] != 4 || s["read"] != 3 || s["scanned"] != 1 {
		t.Errorf("JSON summary %v", s)
	}
}

// TestScanFixSaidOnce: the text report says a fix once, on its fix line, where the message
// ends with it.
func TestScanFixSaidOnce(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"a.env": "DATABASE_URL=postgres://db.example.com/app?sslmode=require\n",
		"b.env": "DATABASE_URL=postgres://db.example.com/app?sslmode=verify-ca&sslrootcert=/etc/ca.pem\n",
	})
	_, out, _ := runCLI(t, "", "scan", "--no-color", "--fail-on", "never", dir)
	_, rep, _ := scanJSON(t, dir)
	if len(rep.Findings) != 2 {
		t.Fatalf("findings %+v", rep.Findings)
	}
	var js struct {
		Findings []struct {
			Message string
			Fix     struct{ Description string }
		}
	}
	_, raw, _ := runCLI(t, "", "scan", "--format", "json", dir)
	if err := json.Unmarshal([]byte(raw), &js); err != nil {
		t.Fatal(err)
	}
	blocks := strings.Split(out, "\n\n") // one per finding, then the summary
	if len(blocks) != 3 {
		t.Fatalf("output:\n%s", out)
	}
	for i, f := range js.Findings {
		fix, block := f.Fix.Description, blocks[i]
		at := strings.Index(f.Message, fix)
		if at < 0 {
			t.Fatalf("the fixture's message does not hold its fix: %q / %q", f.Message, fix)
		}
		if n := strings.Count(block, fix); n != 1 || !strings.Contains(block, "\n  fix: "+fix) {
			t.Errorf("the fix %q is said %d times, or not on the fix line:\n%s", fix, n, block)
		}
		// The rest of the message is still said: what is wrong on the head line, and what
		// follows the fix (verify-ca's caveat) on the fix line.
		head, after := strings.TrimSpace(f.Message[:at]), f.Message[at+len(fix):]
		if !strings.Contains(block+"\n", ": "+head+"\n") || !strings.Contains(block+"\n", fix+after+"\n") {
			t.Errorf("the message %q is not said in full:\n%s", f.Message, block)
		}
	}
}

// compactLine is the compact format: path:line:col: severity RULEID message [driver].
var compactLine = regexp.MustCompile(`^[^:\s][^:]*:[0-9]+:[0-9]+: (error|warning|note) PGTLS[0-9]{3} \S.* \[[a-z0-9./-]+\]$`)

func TestScanCompact(t *testing.T) {
	dir := noticeTree(t)
	t.Chdir(dir)
	code, out, _ := runCLI(t, "", "scan", "--format", "compact", "--max-file-size", "200", ".")
	if code != exitFindings {
		t.Fatalf("exit %d", code)
	}
	_, rep, _ := scanJSON(t, "--max-file-size", "200", ".")
	lines := strings.Split(out, "\n")
	if len(rep.Findings) < 3 || len(lines) < len(rep.Findings) {
		t.Fatalf("%d findings, output:\n%s", len(rep.Findings), out)
	}
	for i, f := range rep.Findings {
		if !compactLine.MatchString(lines[i]) || !strings.HasPrefix(lines[i], f.Path+":") || !strings.Contains(lines[i], " "+f.RuleID+" "+f.Message+" ["+f.Driver+"]") {
			t.Errorf("line %d %q: want %s:%d:%d: %s %s ... [%s]", i, lines[i], f.Path, f.Start.Line, f.Start.Col, f.Severity, f.RuleID, f.Driver)
		}
	}
	// Then the notices and the summary, after an empty line, as in the text format.
	if rest := strings.Join(lines[len(rep.Findings):], "\n"); !strings.HasPrefix(rest, "\nblob/data.env: skipped:") || !strings.Contains(rest, "files walked") {
		t.Errorf("after the findings:\n%s", rest)
	}
	if _, q, _ := runCLI(t, "", "scan", "--format", "compact", "--quiet", "--max-file-size", "200", "."); strings.Count(q, "\n") != len(rep.Findings) {
		t.Errorf("--quiet compact output is not one line per finding:\n%s", q)
	}
}

// TestScanQuiet: --quiet prints the findings and nothing else; the exit status is unchanged,
// and JSON keeps its notices and summary.
func TestScanQuiet(t *testing.T) {
	dir := noticeTree(t)
	t.Chdir(dir)
	code, out, errOut := runCLI(t, "", "scan", "--quiet", "--no-color", "--max-file-size", "200", ".")
	if code != exitFindings || errOut != "" {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	if !strings.HasPrefix(out, "app/.env:1:") || strings.Contains(out, "skipped") || strings.Contains(out, "walked") || strings.HasSuffix(out, "\n\n") {
		t.Errorf("--quiet output:\n%s", out)
	}
	clean := writeTree(t, map[string]string{".env": "DATABASE_URL=postgres://localhost/app\n"})
	if code, out, errOut := runCLI(t, "", "scan", "-q", clean); code != exitOK || out != "" || errOut != "" {
		t.Errorf("--quiet, no findings: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	_, js, _ := runCLI(t, "", "scan", "--format", "json", "--max-file-size", "200", ".")
	_, jsQuiet, _ := runCLI(t, "", "scan", "--format", "json", "--quiet", "--max-file-size", "200", ".")
	if js != jsQuiet {
		t.Error("--quiet changes the JSON report")
	}
	if code, _, _ := runCLI(t, "", "scan", "--quiet", "--verbose", "."); code != exitError {
		t.Errorf("--quiet --verbose: exit %d", code)
	}
}

// TestScanMissingRoot: one missing path among several is named on standard error after the
// report of the others, and the scan exits 2; with no path left there is no report.
func TestScanMissingRoot(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"a/.env": "DATABASE_URL=postgres://db.example.com/app?sslmode=require\n",
		"b/.env": "DATABASE_URL=postgres://db.example.com/app?sslmode=disable\n",
	})
	t.Chdir(dir)
	code, out, errOut := runCLI(t, "", "scan", "--no-color", "a", "no/such", "b")
	if code != exitError || errOut != "pgtlslint: cannot scan no/such: no such file or directory\n" {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	if !strings.Contains(out, "a/.env:1:") || !strings.Contains(out, "b/.env:1:") {
		t.Errorf("the other roots are not reported:\n%s", out)
	}
	code, js, _ := runCLI(t, "", "scan", "--format", "json", "no/such", "b", "gone")
	var rep jsonReport
	if err := json.Unmarshal([]byte(js), &rep); err != nil || code != exitError || len(rep.Findings) != 1 {
		t.Errorf("JSON: exit %d, %v, findings %+v", code, err, rep.Findings)
	}
	code, out, errOut = runCLI(t, "", "scan", "no/such", "gone")
	if code != exitError || out != "" || strings.Count(errOut, "\n") != 2 || !strings.Contains(errOut, "cannot scan gone") {
		t.Errorf("only missing roots: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// TestScanOutputSaysWhere: --output says on standard error where the report went.
func TestScanOutputSaysWhere(t *testing.T) {
	dir := writeTree(t, map[string]string{"a/.env": "DATABASE_URL=postgres://db.example.com/app?sslmode=require\n"})
	out := filepath.Join(t.TempDir(), "report.sarif")
	code, stdout, errOut := runCLI(t, "", "scan", "--format", "sarif", "-o", out, dir)
	if code != exitFindings || stdout != "" || errOut != "pgtlslint: wrote the sarif report (1 finding) to "+out+"\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, errOut)
	}
	if b, err := os.ReadFile(out); err != nil || !strings.Contains(string(b), "PGTLS002") {
		t.Errorf("report file: %v\n%s", err, b)
	}
	if _, _, errOut := runCLI(t, "", "scan", "--quiet", "--output", out, dir); errOut != "" {
		t.Errorf("--quiet --output: stderr %q", errOut)
	}
}

// TestHelpShowsFlagsAsTyped: every command's help shows flags as --flag (no pflag value hints
// such as --fix[=true|false]), has examples, and lists each driver once.
func TestHelpShowsFlagsAsTyped(t *testing.T) {
	for _, cmd := range []string{"scan", "explain", "rules"} {
		code, out, _ := runCLI(t, "", cmd, "--help")
		if code != exitOK || !strings.Contains(out, "Examples:") || !strings.Contains(out, "  -h, --help ") {
			t.Errorf("%s --help: exit %d\n%s", cmd, code, out)
		}
		if strings.Contains(out, "[=") || regexp.MustCompile(`--[a-z-]+ (string|int|bool)\b|(^|\s)-[a-z]{2,}`).MatchString(out) {
			t.Errorf("%s --help shows a flag not as typed:\n%s", cmd, out)
		}
	}
	_, out, _ := runCLI(t, "", "scan", "--help")
	for _, want := range []string{"      --fix ", "  -q, --quiet ", "  -o, --output FILE ", "--format FORMAT ", "compact"} {
		if !strings.Contains(out, want) {
			t.Errorf("scan --help lacks %q", want)
		}
	}
	for _, id := range []string{"node-postgres", "libpq", "pgx"} {
		if n := len(regexp.MustCompile(`(?m)^  `+regexp.QuoteMeta(id)+` `).FindAllString(out, -1)); n != 1 {
			t.Errorf("scan --help lists %s %d times", id, n)
		}
	}
	if !strings.Contains(out, "pg, typeorm, knex, sequelize") {
		t.Error("scan --help does not list node-postgres' other names")
	}
}

// TestRulesOneRule: `rules RULE` shows that rule's documentation, by id or name.
func TestRulesOneRule(t *testing.T) {
	code, byID, _ := runCLI(t, "", "rules", "PGTLS004")
	_, byName, _ := runCLI(t, "", "rules", "sslmode-missing")
	if code != exitOK || byID != byName || !strings.HasPrefix(byID, "PGTLS004 sslmode-missing: ") ||
		!strings.Contains(byID, "error for no-tls-default") || !strings.Contains(byID, "What does not fire") {
		t.Errorf("rules PGTLS004: exit %d\n%s", code, byID)
	}
	if strings.Contains(byID, "PGTLS001") {
		t.Error("rules PGTLS004 shows other rules")
	}
	_, md, _ := runCLI(t, "", "rules", "--format", "markdown", "pgtls004")
	if !strings.HasPrefix(md, "## PGTLS004 `sslmode-missing`\n") || !strings.Contains(md, "`no-tls-default`") {
		t.Errorf("markdown:\n%s", md)
	}
	_, js, _ := runCLI(t, "", "rules", "--format", "json", "PGTLS004")
	var rs []map[string]any
	if err := json.Unmarshal([]byte(js), &rs); err != nil || len(rs) != 1 || rs[0]["id"] != "PGTLS004" {
		t.Errorf("json: %v\n%s", err, js)
	}
	code, out, errOut := runCLI(t, "", "rules", "PGTLS04")
	if code != exitError || out != "" || !strings.Contains(errOut, `unknown rule "PGTLS04"; did you mean PGTLS004 (sslmode-missing)`) {
		t.Errorf("unknown rule: exit %d, stderr %q", code, errOut)
	}
	if code, _, errOut := runCLI(t, "", "rules", "ssl-mode-missing"); code != exitError || !strings.Contains(errOut, "did you mean PGTLS004 (sslmode-missing)?") {
		t.Errorf("a misspelt name: exit %d, stderr %q", code, errOut)
	}
}
