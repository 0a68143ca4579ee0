package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// explainJSON is the part of explain's JSON contract that other tools depend on.
type explainJSON struct {
	Input   string            `json:"input"`
	Syntax  string            `json:"syntax"`
	Params  map[string]string `json:"params"`
	Error   *string           `json:"error"`
	Drivers []struct {
		Driver       string `json:"driver"`
		Encrypts     string `json:"encrypts"`
		VerifiesCA   *bool  `json:"verifies_ca"`
		VerifiesHost *bool  `json:"verifies_host"`
		Fallback     *bool  `json:"plaintext_fallback"`
	} `json:"drivers"`
	Findings []struct {
		RuleID   string `json:"rule_id"`
		Rule     string `json:"rule"`
		Severity string `json:"severity"`
		Message  string `json:"message"`
		Driver   string `json:"driver"`
		Fix      *struct {
			Description string `json:"description"`
			Edits       []struct {
				Start, End int
				NewText    string `json:"new_text"`
			} `json:"edits"`
		} `json:"fix"`
	} `json:"findings"`
	Fixed string `json:"fixed"`
}

func explainToJSON(t *testing.T, args ...string) explainJSON {
	t.Helper()
	code, out, errOut := runCLI(t, "", append([]string{"explain", "--format", "json"}, args...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var ex explainJSON
	if err := json.Unmarshal([]byte(out), &ex); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, out)
	}
	return ex
}

func TestExplainJSONContract(t *testing.T) {
	ex := explainToJSON(t, "postgresql://app:pw-Secret9@db.example.com:5433,db2.example.com/app?ssl=true&application_name=x")
	if ex.Syntax != "uri" {
		t.Errorf("syntax %q", ex.Syntax)
	}
	want := map[string]string{"user": "app", "password": "****", "host": "db.example.com,db2.example.com",
		"port": "5433,", "dbname": "app", "sslmode": "require", "application_name": "x"}
	for k, v := range want {
		if ex.Params[k] != v {
			t.Errorf("params[%s] = %q, want %q (all: %v)", k, ex.Params[k], v, ex.Params)
		}
	}
	if ex.Error != nil {
		t.Errorf("error present for a string libpq accepts: %q", *ex.Error)
	}
	if strings.Contains(ex.Input, "pw-Secret9") || !strings.Contains(ex.Input, "****") {
		t.Errorf("input not redacted: %s", ex.Input)
	}
	if len(ex.Drivers) < 8 {
		t.Errorf("only %d drivers read a URI", len(ex.Drivers))
	}
	seen := map[string]bool{}
	for _, d := range ex.Drivers {
		seen[d.Driver] = true
		if d.Encrypts == "" || d.VerifiesCA == nil || d.VerifiesHost == nil || d.Fallback == nil {
			t.Errorf("driver %s lacks a behaviour field", d.Driver)
		}
	}
	for _, d := range []string{"libpq", "pgx", "lib/pq", "node-postgres", "asyncpg", "postgres.js"} {
		if !seen[d] {
			t.Errorf("driver %s missing from drivers", d)
		}
	}
	ids := map[string]bool{}
	for _, f := range ex.Findings {
		ids[f.RuleID] = true
		if f.Fix == nil || f.Fix.Description == "" {
			t.Errorf("%s has no fix", f.RuleID)
		}
	}
	if !ids["PGTLS002"] || !ids["PGTLS008"] {
		t.Errorf("findings %v, want PGTLS002 and PGTLS008", ids)
	}
	if !strings.Contains(ex.Fixed, "sslmode=verify-full") || strings.Contains(ex.Fixed, "ssl=true") {
		t.Errorf("fixed %q", ex.Fixed)
	}
}

func TestExplainErrorOnlyWhereLibpqRejects(t *testing.T) {
	for _, tc := range []struct {
		conn, err string
	}{
		{"postgres://db.example.com/app?SSLMODE=require", `invalid URI query parameter: "SSLMODE"`},
		{"host=db.example.com foo=bar", `invalid connection option "foo"`},
		{"host='db.example.com", `unterminated quoted string in connection info string`},
		{"postgres://db.example.com/app?ssl=false", `invalid URI query parameter: "ssl"`},
	} {
		ex := explainToJSON(t, tc.conn)
		if ex.Error == nil || *ex.Error != tc.err {
			got := "<absent>"
			if ex.Error != nil {
				got = *ex.Error
			}
			t.Errorf("%s: error %q, want %q", tc.conn, got, tc.err)
		}
	}
	// Accepted by libpq: no error key at all.
	code, out, _ := runCLI(t, "", "explain", "--format", "json", "host=db.example.com sslmode=verify-full")
	if code != 0 || strings.Contains(out, `"error"`) {
		t.Errorf("exit %d, output has an error key:\n%s", code, out)
	}
}

func TestExplainDriverFlag(t *testing.T) {
	ex := explainToJSON(t, "--driver", "pg", "postgres://db.example.com/app?sslmode=require")
	if len(ex.Drivers) != 1 || ex.Drivers[0].Driver != "node-postgres" {
		t.Fatalf("drivers %+v", ex.Drivers)
	}
	if len(ex.Findings) != 1 || ex.Findings[0].RuleID != "PGTLS010" || ex.Findings[0].Driver != "node-postgres" {
		t.Fatalf("findings %+v", ex.Findings)
	}
	if *ex.Drivers[0].VerifiesHost != true {
		t.Error("pg 8 verifies sslmode=require fully")
	}
}

func TestExplainText(t *testing.T) {
	code, out, _ := runCLI(t, "", "explain", "jdbc:postgresql://db.example.com/app?sslfactory=org.postgresql.ssl.NonValidatingFactory&password=hunter2x")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"JDBC URL", "pgjdbc", "PGTLS006", "DefaultJavaSSLFactory", "****"} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "hunter2x") {
		t.Errorf("text output leaks the password:\n%s", out)
	}
}

func TestExplainStdinAndExitCodes(t *testing.T) {
	code, out, _ := runCLI(t, "postgres://u:pw@db.example.com/app?sslmode=disable\n", "explain", "--fail-on", "error", "-")
	if code != exitFindings || !strings.Contains(out, "PGTLS001") {
		t.Errorf("exit %d, want %d; output:\n%s", code, exitFindings, out)
	}
	if code, _, errOut := runCLI(t, "", "explain"); code != exitError || !strings.Contains(errOut, "exactly one") {
		t.Errorf("no argument: exit %d, %q", code, errOut)
	}
	if code, _, errOut := runCLI(t, "", "explain", "--driver", "nosuch", "x"); code != exitError || !strings.Contains(errOut, "unknown driver") {
		t.Errorf("bad driver: exit %d, %q", code, errOut)
	}
	if code, _, _ := runCLI(t, "", "frobnicate"); code != exitError {
		t.Errorf("unknown command: exit %d", code)
	}
	if code, out, _ := runCLI(t, "", "explain", "--help"); code != 0 || !strings.Contains(out, "Examples:") {
		t.Errorf("--help: exit %d", code)
	}
}

func TestRulesCommand(t *testing.T) {
	code, out, _ := runCLI(t, "", "rules", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var rs []map[string]any
	if err := json.Unmarshal([]byte(out), &rs); err != nil {
		t.Fatal(err)
	}
	if len(rs) != 19 {
		t.Errorf("%d rules, want 19", len(rs))
	}
	for _, r := range rs {
		for _, k := range []string{"id", "name", "severity", "security_severity", "short_description", "full_description", "help", "help_markdown"} {
			if s, _ := r[k].(string); s == "" {
				t.Errorf("rule %v lacks %s", r["id"], k)
			}
		}
	}
	code, out, _ = runCLI(t, "", "rules")
	if code != 0 || !strings.Contains(out, "PGTLS001") || !strings.Contains(out, "plaintext-allowed") {
		t.Errorf("text: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "", "rules", "--format", "markdown")
	if code != 0 || !strings.Contains(out, "## PGTLS121 `container-trust-auth`") {
		t.Errorf("markdown: exit %d", code)
	}
	if code, _, _ := runCLI(t, "", "rules", "--format", "yaml"); code != exitError {
		t.Errorf("bad format: exit %d", code)
	}
}
