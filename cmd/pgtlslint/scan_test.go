package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeTree creates files (slash paths → content) under a new temporary directory.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, c := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

type jsonReport struct {
	Findings []struct {
		Path     string `json:"path"`
		RuleID   string `json:"rule_id"`
		Severity string `json:"severity"`
		Message  string `json:"message"`
		Driver   string `json:"driver"`
		Evidence string `json:"evidence"`
		Start    struct{ Line, Col int }
		Fix      *struct {
			Edits []json.RawMessage `json:"edits"`
		} `json:"fix"`
	} `json:"findings"`
	Notices []struct {
		Path, Kind, Message string
	} `json:"notices"`
}

func scanJSON(t *testing.T, args ...string) (int, jsonReport, string) {
	t.Helper()
	code, out, errOut := runCLI(t, "", append([]string{"scan", "--format", "json"}, args...)...)
	var rep jsonReport
	if code != exitError {
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("exit %d, bad JSON: %v\n%s\n%s", code, err, out, errOut)
		}
	}
	return code, rep, errOut
}

func found(rep jsonReport) map[string]bool {
	m := map[string]bool{}
	for _, f := range rep.Findings {
		m[f.Path+" "+f.RuleID] = true
	}
	return m
}

const secretPassword = "Pa55w0rd-XYZZY"

func TestScanEndToEnd(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"web/package.json":    `{"dependencies": {"pg": "^8.11.0"}}`,
		"web/.env":            "DATABASE_URL=postgres://app@db.example.com:5432/app\n",
		"api/.env":            "DATABASE_URL=postgres://app:" + secretPassword + "@db.example.com/app?sslmode=require\n",
		"local/.env":          "DATABASE_URL=postgres://app@localhost/app?sslmode=disable\n",
		"suppressed/.env":     "# pgtlslint:ignore PGTLS002 -- legacy, OPS-1\nDATABASE_URL=postgres://db.example.com/app?sslmode=require\n",
		"README.md":           "Use postgres://db.example.com/app?sslmode=disable in production\n",
		"node_modules/x/.env": "DATABASE_URL=postgres://db.example.com/app?sslmode=disable\n",
		"binary.bin":          "postgres://db.example.com/app?sslmode=disable\x00\x01\x02",
		"bad-utf8.xml":        "postgres://db.example.com/app?sslmode=disable \xff\xfe\n",
		"crlf/app.properties": "spring.datasource.url=jdbc:postgresql://db.example.com/app?sslmode=prefer\r\nx=1\r\n",
		"broken/values.yaml":  "a: [\n  url: postgres://db.example.com/app?sslmode=disable\n",
	})
	t.Chdir(dir)
	code, rep, errOut := scanJSON(t, ".")
	if code != exitFindings {
		t.Fatalf("exit %d, want %d; stderr %s", code, exitFindings, errOut)
	}
	got := found(rep)
	for _, want := range []string{
		"web/.env PGTLS004",            // pg from package.json: no TLS at all
		"api/.env PGTLS002",            // libpq semantics: require does not verify
		"api/.env PGTLS008",            // literal password
		"bad-utf8.xml PGTLS001",        // invalid UTF-8 does not stop the search
		"crlf/app.properties PGTLS001", // pgjdbc prefer
		"broken/values.yaml PGTLS001",  // broken YAML falls back to the text search
	} {
		if !got[want] {
			t.Errorf("missing finding %s; got %v", want, got)
		}
	}
	for _, not := range []string{"local/.env", "suppressed/.env", "README.md", "node_modules/x/.env", "binary.bin"} {
		for k := range got {
			if strings.HasPrefix(k, not+" ") {
				t.Errorf("unexpected finding %s", k)
			}
		}
	}
	for _, f := range rep.Findings {
		if f.Path == "web/.env" && (f.Driver != "node-postgres" || !strings.Contains(f.Evidence, "package.json")) {
			t.Errorf("web/.env driver %q evidence %q", f.Driver, f.Evidence)
		}
		if f.Path == "crlf/app.properties" && f.Start.Line != 1 {
			t.Errorf("CRLF line %d", f.Start.Line)
		}
	}
	// Every output format: never the password.
	for _, format := range []string{"text", "json", "sarif", "github"} {
		_, out, errOut := runCLI(t, "", "scan", "--format", format, "--include-suppressed", ".")
		if strings.Contains(out+errOut, secretPassword) {
			t.Errorf("%s output leaks the password", format)
		}
		if !strings.Contains(out, "PGTLS002") {
			t.Errorf("%s output lacks PGTLS002", format)
		}
	}
}

func TestScanExitCodes(t *testing.T) {
	dir := writeTree(t, map[string]string{"a/.env": "DATABASE_URL=postgres://db.example.com/app?sslmode=verify-ca&sslrootcert=/ca.pem\n"})
	// PGTLS003 is a note: below the default failure level.
	if code, rep, _ := scanJSON(t, dir); code != exitOK || len(rep.Findings) != 1 {
		t.Errorf("note only: exit %d, %d findings", code, len(rep.Findings))
	}
	if code, _, _ := scanJSON(t, "--fail-on", "note", dir); code != exitFindings {
		t.Errorf("--fail-on note: exit %d", code)
	}
	if code, _, errOut := runCLI(t, "", "scan", filepath.Join(dir, "does-not-exist")); code != exitError || errOut == "" {
		t.Errorf("missing path: exit %d, %q", code, errOut)
	}
	if code, _, _ := runCLI(t, "", "scan", "--format", "xml", dir); code != exitError {
		t.Errorf("bad format: exit %d", code)
	}
	cfg := filepath.Join(dir, ".pgtlslint.yml")
	if err := os.WriteFile(cfg, []byte("rules:\n  PGTLS003: error\nfail_on: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCLI(t, "", "scan", dir); code != exitError || !strings.Contains(errOut, `unknown key "fail_on"`) {
		t.Errorf("bad config: exit %d, %q", code, errOut)
	}
	if err := os.WriteFile(cfg, []byte("rules:\n  PGTLS003: error\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, rep, _ := scanJSON(t, dir); code != exitFindings || rep.Findings[0].Severity != "error" {
		t.Errorf("severity override: exit %d %+v", code, rep.Findings)
	}
	if err := os.WriteFile(cfg, []byte("rules:\n  hostname-not-verified: off\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, rep, _ := scanJSON(t, dir); code != exitOK || len(rep.Findings) != 0 {
		t.Errorf("rule off: exit %d %+v", code, rep.Findings)
	}
}

func TestScanFix(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"svc/.env":            "DATABASE_URL=postgres://db.example.com/app?sslmode=require\nPGSSLMODE=prefer\n",
		"svc/app.yaml":        "db:\n  url: \"postgres://db.example.com/app?ssl=true\"\n",
		"java/app.properties": "spring.datasource.url=jdbc:postgresql://db.example.com/app?sslfactory=org.postgresql.ssl.NonValidatingFactory\n",
	})
	if err := os.Chmod(filepath.Join(dir, "svc/.env"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, before, _ := scanJSON(t, dir)
	if code != exitFindings || len(before.Findings) < 3 {
		t.Fatalf("before: exit %d, %+v", code, before.Findings)
	}
	_, _, errOut := runCLI(t, "", "scan", "--fix", "--format", "json", dir)
	if !strings.Contains(errOut, "applied") {
		t.Errorf("--fix said nothing: %q", errOut)
	}
	withEdits := 0
	for _, f := range before.Findings {
		if f.Fix != nil && len(f.Fix.Edits) > 0 {
			withEdits++
		}
	}
	if withEdits < 3 {
		t.Fatalf("only %d findings had automatic fixes before --fix", withEdits)
	}
	_, after, _ := scanJSON(t, dir)
	for _, f := range after.Findings {
		if f.Fix != nil && len(f.Fix.Edits) > 0 {
			t.Errorf("a finding with an automatic fix is still reported after --fix: %+v", f)
		}
	}
	env, _ := os.ReadFile(filepath.Join(dir, "svc/.env"))
	if !strings.Contains(string(env), "sslmode=verify-full") {
		t.Errorf(".env after fix:\n%s", env)
	}
	if st, _ := os.Stat(filepath.Join(dir, "svc/.env")); st.Mode().Perm() != 0o600 {
		t.Errorf("mode changed to %v", st.Mode().Perm())
	}
}

func TestScanSymlinkLoopAndUnreadable(t *testing.T) {
	dir := writeTree(t, map[string]string{"ok/.env": "DATABASE_URL=postgres://db.example.com/app?sslmode=disable\n"})
	if err := os.Symlink(dir, filepath.Join(dir, "ok", "loop")); err != nil {
		t.Skip("no symlinks:", err)
	}
	if err := os.Symlink(filepath.Join(dir, "nowhere"), filepath.Join(dir, "dangling.env")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	code, rep, errOut := scanJSON(t, ".")
	if code != exitFindings || !found(rep)["ok/.env PGTLS001"] {
		t.Fatalf("exit %d, findings %v, stderr %s", code, found(rep), errOut)
	}
	if len(rep.Notices) == 0 {
		t.Error("no notice for the symlink loop or the dangling link")
	}
}

// TestScanSurvivesBadInput: every kind of bad file sits beside a good one, and the good one's
// finding is still reported; nothing panics (a panic would be an analyzer-panic notice).
func TestScanSurvivesBadInput(t *testing.T) {
	deepDir := strings.Repeat("d/", 200)
	deepJSON := strings.Repeat(`{"a":`, 50000) + `"postgres://db.example.com/app?sslmode=disable"` + strings.Repeat("}", 50000)
	files := map[string]string{
		"good/.env":          "DATABASE_URL=postgres://db.example.com/app?sslmode=disable\n",
		"bom/.env":           "\ufeffDATABASE_URL=postgres://db.example.com/app?sslmode=require\n",
		"nul/config.yaml":    "url: postgres://db.example.com/app?sslmode=disable\n\x00\x00",
		"long/one-line.json": `{"url": "` + strings.Repeat("x", 2<<20) + `"}`,
		"big/huge.env":       strings.Repeat("# padding\n", 150000) + "DATABASE_URL=postgres://db.example.com/app?sslmode=disable\n",
		"deep/nested.json":   deepJSON,
		deepDir + ".env":     "DATABASE_URL=postgres://db.example.com/app?sslmode=prefer\n",
		"crlf/.env":          "A=1\r\nDATABASE_URL=postgres://db.example.com/app?sslmode=allow\r\n",
	}
	dir := writeTree(t, files)
	t.Chdir(dir)
	code, rep, errOut := scanJSON(t, "--max-file-size", "3MiB", ".")
	if code != exitFindings {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	got := found(rep)
	for _, want := range []string{"good/.env PGTLS001", "bom/.env PGTLS002", deepDir + ".env PGTLS001", "crlf/.env PGTLS001"} {
		if !got[want] {
			t.Errorf("missing %s; got %v", want, got)
		}
	}
	for _, f := range rep.Findings {
		if f.Path == "crlf/.env" && (f.Start.Line != 2 || f.Start.Col != 52) {
			t.Errorf("CRLF position %d:%d, want 2:52", f.Start.Line, f.Start.Col)
		}
		if f.Path == "bom/.env" && f.Start.Line != 1 {
			t.Errorf("BOM position %+v", f.Start)
		}
	}
	kinds := map[string]string{}
	for _, n := range rep.Notices {
		kinds[n.Path] = n.Kind
		if n.Kind == "analyzer-panic" {
			t.Errorf("panic: %+v", n)
		}
	}
	if kinds["nul/config.yaml"] != "skipped" {
		t.Errorf("NUL file not reported as skipped: %v", rep.Notices)
	}
	// Under the default 1 MiB cap the big files are skipped and say so.
	code, rep, _ = scanJSON(t, ".")
	if code != exitFindings {
		t.Fatalf("exit %d", code)
	}
	skipped := 0
	for _, n := range rep.Notices {
		if n.Kind == "skipped" && (n.Path == "big/huge.env" || n.Path == "long/one-line.json") {
			skipped++
		}
	}
	if skipped != 2 {
		t.Errorf("over-cap files not both reported as skipped: %+v", rep.Notices)
	}
}
