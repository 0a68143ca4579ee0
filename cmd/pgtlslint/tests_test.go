package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/internal/gittest"
)

// The tree of the test-code tests: a weak setting in a deployment file, and weak settings in a
// URL validator's test, a pytest conftest.py and a Java test source set, all test code.
var testCodeTree = map[string]string{
	"package.json":                          `{"dependencies": {"pg": "^8.11.0"}}`,
	"deploy/.env":                           weakB,
	"src/url-validator.test.ts":             "expect(isDatabaseUrl('postgres://app@db.example.com/app?sslmode=disable')).toBe(true);\nexpect(isDatabaseUrl('postgres://app@db.example.com/app?sslmode=no-verify')).toBe(true);\n",
	"tests/conftest.py":                     "import psycopg2\nconn = psycopg2.connect(host='staging.example.com', sslmode='require')\n",
	"src/test/resources/application.yml":    "spring:\n  datasource:\n    url: jdbc:postgresql://staging.example.com/app?sslmode=require\n",
	"src/testimonials/testimonials.test.js": "const url = 'postgres://app@db.example.com/app?sslmode=disable';\n",
}

// testCodePaths are the test code of testCodeTree.
var testCodePaths = []string{"src/url-validator.test.ts", "tests/conftest.py", "src/test/resources/application.yml", "src/testimonials/testimonials.test.js"}

// summaryJSON is the summary of the JSON report.
type summaryJSON struct {
	Summary struct {
		Findings           int `json:"findings"`
		HiddenTestFindings int `json:"hidden_test_findings"`
		HiddenTestNotices  int `json:"hidden_test_notices"`
	} `json:"summary"`
}

func scanSummary(t *testing.T, args ...string) summaryJSON {
	t.Helper()
	_, out, errOut := runCLI(t, "", append([]string{"scan", "--format", "json"}, args...)...)
	var s summaryJSON
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("bad JSON: %v\n%s\n%s", err, out, errOut)
	}
	return s
}

func inTestCode(path string) bool {
	for _, p := range testCodePaths {
		if strings.HasSuffix(path, "/"+p) || path == p {
			return true
		}
	}
	return false
}

// TestScanTestCode: by default, findings in test code are left out of every format and only
// counted; --tests and tests: true report them with every rule.
func TestScanTestCode(t *testing.T) {
	dir := writeTree(t, testCodeTree)
	_, rep, _ := scanJSON(t, dir)
	if got := where(rep); len(got) != 1 || !strings.HasSuffix(got[0], "deploy/.env:1 PGTLS001") {
		t.Errorf("default: findings %v, want only deploy/.env's", got)
	}
	s := scanSummary(t, dir)
	if s.Summary.Findings != 1 || s.Summary.HiddenTestFindings != 5 || s.Summary.HiddenTestNotices != 0 {
		t.Errorf("default: summary %+v, want 1 finding and 5 in test code", s.Summary)
	}
	_, withTests, _ := scanJSON(t, "--tests", dir)
	test := 0
	for _, f := range withTests.Findings {
		if inTestCode(f.Path) {
			test++
		}
	}
	if test != 5 || len(withTests.Findings) != 6 {
		t.Errorf("--tests: findings %v, want the 5 in test code too", where(withTests))
	}
	if s := scanSummary(t, "--tests", dir); s.Summary.HiddenTestFindings != 0 {
		t.Errorf("--tests: summary %+v, want nothing hidden", s.Summary)
	}

	code, text, _ := runCLI(t, "", "scan", dir)
	if code != exitFindings || !strings.Contains(text, "1 finding (1 error) in 1 file; 5 findings in test code not shown (--tests shows them);") {
		t.Errorf("text: exit %d, want %d and the hidden count in the summary:\n%s", code, exitFindings, text)
	}
	for _, format := range []string{"text", "sarif", "github"} {
		_, out, _ := runCLI(t, "", "scan", "--format", format, dir)
		for _, p := range testCodePaths {
			if strings.Contains(out, p) {
				t.Errorf("--format %s names %s, test code:\n%s", format, p, out)
			}
		}
	}
	_, out, _ := runCLI(t, "", "scan", "--format", "sarif", dir)
	if !strings.Contains(out, `"hiddenTestFindings": 5`) {
		t.Errorf("SARIF: no hiddenTestFindings in the run's properties:\n%s", out)
	}
}

// TestScanTestCodeExitAndConfig: findings in test code never fail the scan unless reported,
// by --tests or by tests: true in .pgtlslint.yml.
func TestScanTestCodeExitAndConfig(t *testing.T) {
	files := map[string]string{}
	for k, v := range testCodeTree {
		if k != "deploy/.env" {
			files[k] = v
		}
	}
	dir := writeTree(t, files)
	if code, out, errOut := runCLI(t, "", "scan", dir); code != exitOK || !strings.HasPrefix(out, "no findings; 5 findings in test code not shown") {
		t.Errorf("only test code: exit %d, want %d:\n%s%s", code, exitOK, out, errOut)
	}
	if code, _, _ := runCLI(t, "", "scan", "--tests", dir); code != exitFindings {
		t.Errorf("--tests: exit %d, want %d", code, exitFindings)
	}
	writeFile(t, dir, ".pgtlslint.yml", "tests: true\n")
	if code, _, _ := runCLI(t, "", "scan", dir); code != exitFindings {
		t.Errorf("tests: true: exit %d, want %d", code, exitFindings)
	}
}

// TestScanTestCodeBaselineAndFix: --write-baseline records only what is reported, and --fix
// leaves test code alone unless --tests.
func TestScanTestCodeBaselineAndFix(t *testing.T) {
	dir := writeTree(t, testCodeTree)
	bl := filepath.Join(t.TempDir(), "baseline.json")
	code, _, errOut := runCLI(t, "", "scan", "--write-baseline", bl, dir)
	if code != exitOK || !strings.Contains(errOut, "wrote 1 finding to") {
		t.Errorf("--write-baseline: exit %d, %s", code, errOut)
	}
	b, err := os.ReadFile(bl)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range testCodePaths {
		if strings.Contains(string(b), p) {
			t.Errorf("the baseline holds %s, test code:\n%s", p, b)
		}
	}
	// With the baseline, the reported finding is suppressed; test code is still only counted.
	if s := scanSummary(t, "--baseline", bl, dir); s.Summary.Findings != 0 || s.Summary.HiddenTestFindings != 5 {
		t.Errorf("--baseline: summary %+v", s.Summary)
	}

	test := filepath.Join(dir, "src", "url-validator.test.ts")
	before, _ := os.ReadFile(test)
	runCLI(t, "", "scan", "--fix", dir)
	if after, _ := os.ReadFile(test); string(after) != string(before) {
		t.Errorf("--fix edited test code:\n%s", after)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "deploy", ".env")); !strings.Contains(string(b), "verify-full") {
		t.Errorf("--fix did not fix deploy/.env:\n%s", b)
	}
	runCLI(t, "", "scan", "--fix", "--tests", dir)
	if after, _ := os.ReadFile(test); !strings.Contains(string(after), "verify-full") {
		t.Errorf("--fix --tests did not fix test code:\n%s", after)
	}
}

// TestScanTestCodeRoots: a root that is a test directory is reported in full, and a file named
// as a root (pre-commit names every changed file from the repository's root) is judged by its
// path below the working directory, as a scan of the repository judges it.
func TestScanTestCodeRoots(t *testing.T) {
	dir := writeTree(t, testCodeTree)
	t.Chdir(dir)
	if _, rep, _ := scanJSON(t, "src/test"); len(rep.Findings) != 1 {
		t.Errorf("scan src/test: %v, want application.yml's finding", where(rep))
	}
	// conftest.py is test code by its name, wherever the root is.
	if s := scanSummary(t, "tests"); s.Summary.Findings != 0 || s.Summary.HiddenTestFindings != 1 {
		t.Errorf("scan tests: summary %+v, want conftest.py's finding counted", s.Summary)
	}
	s := scanSummary(t, "tests/conftest.py", "deploy/.env")
	if s.Summary.Findings != 1 || s.Summary.HiddenTestFindings != 1 {
		t.Errorf("pre-commit's file list: summary %+v, want deploy/.env reported and conftest.py counted", s.Summary)
	}
}

// TestScanTestCodeNewFromRev: with --new-from-rev the count of hidden test code, like the
// findings, covers only the changed lines.
func TestScanTestCodeNewFromRev(t *testing.T) {
	dir := writeTree(t, testCodeTree)
	gittest.Run(t, dir, "init", "-q", "-b", "main")
	gittest.Run(t, dir, "add", "-A")
	gittest.Run(t, dir, "commit", "-qm", "base")
	writeFile(t, dir, "tests/test_new.py", "import psycopg2\nconn = psycopg2.connect(host='staging.example.com', sslmode='prefer')\n")
	t.Chdir(dir)
	if s := scanSummary(t, "--new-from-rev", "HEAD", "."); s.Summary.Findings != 0 || s.Summary.HiddenTestFindings != 1 {
		t.Errorf("--new-from-rev: summary %+v, want the new test file's finding counted, and only it", s.Summary)
	}
}
