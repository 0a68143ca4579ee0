package testcode

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// TestIs checks the conventions of each ecosystem and the near misses beside them.
func TestIs(t *testing.T) {
	test := []string{
		"db_test.go", "internal/store/db_test.go",
		"src/url-validator.test.ts", "src/db.spec.js", "web/app.test.tsx", "src/login.cy.ts",
		"src/__tests__/pool.ts", "src/__mocks__/pg.js", "src/components/__snapshots__/x.snap",
		"tests/conftest.py", "conftest.py", "test_db.py", "app/db_test.py", "polls/tests.py",
		"tests/helpers/db.py", "test/e2e/framework.go", "e2e/global-setup.ts", "E2E/run.sh",
		"src/test/java/com/example/DbTest.java", "src/test/resources/application.properties",
		"src/integrationTest/java/Db.java", "app/src/androidTest/java/Db.kt",
		"lib/src/testFixtures/java/Db.java", "integration-tests/.env", "integration_tests/db.py",
		"MyApp.Tests/appsettings.json", "MyApp.UnitTests/Db.cs", "Tests/AppTests/Db.swift",
		"spec/dummy/config/database.yml", "cypress/plugins/index.js", "fixtures/db.yaml",
		"__fixtures__/db.json", "testdata/pg_hba.conf", "go/testdata/x.env",
		"docker-compose.test.yml", "test_utils/db.py",
	}
	for _, p := range test {
		if !Is(p) {
			t.Errorf("Is(%q) = false, want test code", p)
		}
	}
	notTest := []string{
		"", ".", "db.go", "protest.go", "contest.py", "testing_utils.py", "latest.py",
		"src/attestation.ts", "src/latest/config.ts", "src/testimonials/db.ts", "contest/db.py",
		"pytest_plugins/db.py", "testing/db.go", "internal/testutil/db.go", "latest_test_results.py",
		"test.py", "test.ts", "tests", "test", ".env.test", "config/application-test.yml",
		"config/environments/test.rb", "examples/.env", "cypress.config.ts", "jest.config.js",
		"specs.go", "api-spec/openapi.yaml", "src/main/java/com/example/Db.java",
		"backtest/db.py", "attest/Attestation.java", "TestData.java",
	}
	for _, p := range notTest {
		if Is(p) {
			t.Errorf("Is(%q) = true, want not test code", p)
		}
	}
}

// TestSplitWords checks how directory names split into words.
func TestSplitWords(t *testing.T) {
	for name, want := range map[string]string{
		"integrationTest":   "integration Test",
		"integration-tests": "integration tests",
		"__tests__":         "tests",
		"ABTest":            "AB Test",
		"MyApp.UnitTests":   "My App Unit Tests",
		"e2eTests":          "e2e Tests",
		"latest":            "latest",
		"TestFoo123":        "Test Foo123",
		"":                  "",
	} {
		if got := strings.Join(words(name), " "); got != want {
			t.Errorf("words(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestListsDocumented checks that every entry of the lists says why it is there, and that no
// entry is listed twice.
func TestListsDocumented(t *testing.T) {
	var seen []string
	for _, f := range Files {
		if f.Why == "" || slices.Contains(seen, f.Glob) {
			t.Errorf("file pattern %q: no reason, or listed twice", f.Glob)
		}
		seen = append(seen, f.Glob)
	}
	for _, d := range Dirs {
		if d.Why == "" || slices.Contains(seen, strings.ToLower(d.Name)) {
			t.Errorf("directory %q: no reason, or listed twice", d.Name)
		}
		seen = append(seen, strings.ToLower(d.Name))
	}
}

// TestREADMENamesEveryPattern keeps the README's account of test code whole: it names every
// entry of the lists (their reasons live here only).
func TestREADMENamesEveryPattern(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	var names []string
	for _, f := range Files {
		names = append(names, f.Glob)
	}
	for _, d := range Dirs {
		names = append(names, d.Name)
	}
	names = append(names, TestWords...)
	for _, n := range names {
		if !strings.Contains(readme, "`"+n+"`") {
			t.Errorf("README.md does not name `%s`, which is test code (scan/testcode)", n)
		}
	}
}
