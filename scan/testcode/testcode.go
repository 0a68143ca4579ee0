// Package testcode says which files are test code, whose findings a scan does not report unless
// asked (`scan --tests`, `tests: true` in .pgtlslint.yml, the Go analyzer's -tests). Tests hold
// weak connection strings on purpose: a URL validator's test lists every sslmode, a conftest.py
// points at a throw-away database. Measured on public repositories, they were most findings of
// a scan (21 of a TypeScript project's 24, 22 of a Python project's 26).
//
// The patterns below are the one list: the CLI, the go vet tool and the golangci-lint plugin
// all ask Is. A path is matched below the scan root (or the Go module's root), so that a user
// who names a test directory as the root gets its findings, and the directories above the root
// (a temporary directory named after the test that made it) never count.
package testcode

import (
	"path"
	"strings"
	"unicode"
)

// File is a base-name convention of a test runner. Each holds the reason it is there.
type File struct {
	Glob string // a path.Match pattern of the base name, case-sensitive as the runners are
	Why  string
}

// Files are the file names that mark test code wherever they are.
var Files = []File{
	{"*_test.go", "Go: the go tool builds these only for go test"},
	{"*.test.*", "Jest, Vitest, Mocha, Bun, Deno (db.test.ts); the same name marks a test suite's other files (docker-compose.test.yml)"},
	{"*.spec.*", "Jasmine, Angular, Playwright, Vitest (db.spec.ts)"},
	{"*.cy.*", "Cypress 10+ spec files (login.cy.ts), also beside components"},
	{"test_*.py", "pytest and unittest discovery"},
	{"*_test.py", "pytest discovery"},
	{"conftest.py", "pytest fixtures and hooks"},
	{"tests.py", "Django: the test module that startapp creates"},
}

// Dir is a directory name whose contents are test code. Names compare case-insensitively
// (Tests/ in Swift and .NET, E2E/).
type Dir struct {
	Name string
	Why  string
}

// Dirs are directory names, beside the words of TestWords, that mark everything below them as
// test code.
var Dirs = []Dir{
	{"testdata", "Go's fixture directory, which the go tool ignores (also a default exclude of the walk)"},
	{"fixtures", "test fixtures of pytest, Django, Rails, Jest, PHPUnit; also __fixtures__"},
	{"__fixtures__", "Jest's fixture directory"},
	{"e2e", "end-to-end suites (Playwright, Cypress, Protractor, Go's test/e2e)"},
	{"spec", "RSpec (spec/dummy/config/database.yml of every Rails engine) and Jasmine"},
	{"__mocks__", "Jest's manual mocks (a mocked pg module)"},
	{"__snapshots__", "Jest's snapshot files, output of tests"},
	{"cypress", "the Cypress project folder: e2e/, fixtures/, support/, plugins/ (database tasks)"},
}

// TestWords are the words that make a directory test code when its name, split at "-", "_",
// "." and camelCase, holds one of them: test/ and tests/ themselves, Maven's and Gradle's
// src/test/, Gradle's src/integrationTest/ and src/testFixtures/, Android's src/androidTest/,
// integration-tests/, __tests__/ (Jest), .NET's MyApp.Tests/ and MyApp.UnitTests/, test_utils/.
// A word is matched whole: latest/, attestation/, contest/, testimonials/, pytest/ and testing/
// are not test code, and neither is testutil/ (one word; its helpers also ship in the code).
var TestWords = []string{"test", "tests"}

// Not test code, on purpose: examples/, samples/ and *.example files (what people copy, so
// a weak mode there spreads), environment profiles of the application (.env.test,
// application-test.yml, config/environments/test.rb: configuration a deployment reads), test
// runner configurations at the root (cypress.config.ts, jest.config.js: a list of runners that
// would never be complete), and testing/ (numpy.testing, Go's internal/testing: libraries).

// Is reports whether rel, a slash-separated path below the scan root, is test code: its base
// name matches Files, or one of its directories is in Dirs or holds a word of TestWords.
func Is(rel string) bool {
	rel = strings.Trim(rel, "/")
	if rel == "" || rel == "." {
		return false
	}
	dir, base := path.Split(rel)
	for _, f := range Files {
		if ok, _ := path.Match(f.Glob, base); ok {
			return true
		}
	}
	for _, d := range strings.Split(strings.TrimSuffix(dir, "/"), "/") {
		if d != "" && testDir(d) {
			return true
		}
	}
	return false
}

// testDir reports whether a directory name marks test code.
func testDir(name string) bool {
	for _, d := range Dirs {
		if strings.EqualFold(name, d.Name) {
			return true
		}
	}
	for _, w := range words(name) {
		for _, t := range TestWords {
			if strings.EqualFold(w, t) {
				return true
			}
		}
	}
	return false
}

// words splits a name at every character that is not a letter or digit and at camelCase
// boundaries: "integrationTest" and "integration-tests" give "integration" and "Test(s)";
// "ABTest" gives "AB" and "Test".
func words(name string) []string {
	var out []string
	rs := []rune(name)
	start := -1
	for i, r := range rs {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			if start >= 0 {
				out = append(out, string(rs[start:i]))
			}
			start = -1
			continue
		}
		if start >= 0 && camelBoundary(rs, i) {
			out = append(out, string(rs[start:i]))
			start = i
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, string(rs[start:]))
	}
	return out
}

// camelBoundary reports whether a word starts at rs[i]: an upper-case letter after a lower-case
// letter or digit (integrationTest), or the last upper-case letter of a run that a lower-case
// letter follows (ABTest).
func camelBoundary(rs []rune, i int) bool {
	if !unicode.IsUpper(rs[i]) {
		return false
	}
	prev := rs[i-1]
	if unicode.IsLower(prev) || unicode.IsDigit(prev) {
		return true
	}
	return unicode.IsUpper(prev) && i+1 < len(rs) && unicode.IsLower(rs[i+1])
}
