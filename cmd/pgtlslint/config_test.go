package main

import (
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/internal/gittest"
)

// configRepo is a repository with two configurations: the top's excludes legacy/ and makes
// PGTLS002 an error; svc's turns PGTLS002 off and excludes gen/ (and not legacy/).
func configRepo(t *testing.T) string {
	t.Helper()
	dir := writeTree(t, map[string]string{
		".pgtlslint.yml":     "exclude: [\"legacy/**\"]\nrules:\n  PGTLS002: error\n",
		"a.env":              weakA,
		"legacy/old.env":     weakA,
		"svc/.pgtlslint.yml": "exclude: [\"gen/**\"]\nrules:\n  server-not-verified: off\n",
		"svc/b.env":          weakA + weakB,
		"svc/legacy/c.env":   weakA + weakB,
		"svc/gen/d.env":      weakB,
	})
	gittest.Run(t, dir, "init", "-q")
	return dir
}

// findingsIn is "path:line rule severity" of each finding, with paths made relative to the
// repository, so that scans from different directories compare.
func findingsIn(t *testing.T, repo, from string, rep jsonReport) []string {
	t.Helper()
	var out []string
	for _, f := range rep.Findings {
		p := f.Path
		if !filepath.IsAbs(p) {
			p = filepath.Join(from, filepath.FromSlash(p))
		}
		r, err := filepath.Rel(repo, p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, filepath.ToSlash(r)+":"+strconv.Itoa(f.Start.Line)+" "+f.RuleID+" "+f.Severity)
	}
	return out
}

// TestConfigNearestPerFile: every file gets the settings of its nearest .pgtlslint.yml alone
// (excludes, rules, severities), whether the scan starts at the top, in a subdirectory, or
// names files (as pre-commit does).
func TestConfigNearestPerFile(t *testing.T) {
	repo := configRepo(t)
	want := []string{
		"a.env:1 PGTLS002 error",            // the top's severity
		"svc/b.env:2 PGTLS001 error",        // svc's: PGTLS002 off
		"svc/legacy/c.env:2 PGTLS001 error", // svc's excludes, not the top's: legacy/ is in
	}
	for _, tc := range []struct {
		from string
		args []string
	}{
		{".", []string{"."}},
		{".", nil},
		{"..", []string{filepath.Base(repo)}},
		{".", []string{"svc", "a.env", "legacy"}},
		{".", []string{"a.env", "legacy/old.env", "svc/b.env", "svc/legacy/c.env", "svc/gen/d.env"}},
	} {
		from := filepath.Join(repo, tc.from)
		t.Chdir(from)
		_, rep, errOut := scanJSON(t, tc.args...)
		if got := findingsIn(t, repo, from, rep); !reflect.DeepEqual(got, want) {
			t.Errorf("scan %v from %s:\n  got  %q\n  want %q\n%s", tc.args, tc.from, got, want, errOut)
		}
	}
	// From svc, only svc's files, with svc's settings.
	from := filepath.Join(repo, "svc")
	t.Chdir(from)
	_, rep, _ := scanJSON(t)
	if got := findingsIn(t, repo, from, rep); !reflect.DeepEqual(got, want[1:]) {
		t.Errorf("scan from svc: %q", got)
	}
}

// TestConfigGlobsRelativeToTheirFile: include, exclude and drivers globs are relative to the
// directory of the configuration file that holds them, in both directions: a configuration
// in a subdirectory scanned from above it, and the top's configuration scanned from below.
func TestConfigGlobsRelativeToTheirFile(t *testing.T) {
	repo := writeTree(t, map[string]string{
		".pgtlslint.yml":         "exclude: [\"web/legacy/**\"]\n",
		"legacy/a.env":           weakB,
		"web/legacy/b.env":       weakB,
		"web/app/.env":           "DATABASE_URL=postgres://app@db.example.com/app\n",
		"api/.pgtlslint.yml":     "include: [\"docs/**/*.md\", \"*.env\"]\ndrivers:\n  - path: \"app/**\"\n    driver: pg\n",
		"api/docs/deploy.md":     "psql postgres://app@db.example.com/app?sslmode=disable\n",
		"api/README.md":          "psql postgres://app@db.example.com/app?sslmode=disable\n",
		"api/app/.env":           "DATABASE_URL=postgres://app@db.example.com/app\n",
		"api/deploy/config.yaml": "url: postgres://app@db.example.com/app?sslmode=disable\n",
	})
	gittest.Run(t, repo, "init", "-q")
	want := []string{
		"api/app/.env:1 PGTLS004 error", // node-postgres by api's drivers: no sslmode is no TLS
		"api/docs/deploy.md:1 PGTLS001 error",
		"legacy/a.env:1 PGTLS001 error",
		"web/app/.env:1 PGTLS004 warning", // libpq: no sslmode is prefer
	}
	for _, from := range []string{".", "api", "web", "web/app", "api/app"} {
		dir := filepath.Join(repo, from)
		t.Chdir(dir)
		_, rep, _ := scanJSON(t, repo)
		if got := findingsIn(t, repo, dir, rep); !reflect.DeepEqual(got, want) {
			t.Errorf("scan of the repository from %s:\n  got  %q\n  want %q", from, got, want)
		}
	}
	for _, tc := range []struct {
		from, root string
		want       []string
	}{
		{"api", ".", want[:2]},
		{".", "api", want[:2]},
		{"web", ".", want[3:]},
		{".", "web", want[3:]},
		{"web/legacy", ".", nil},
		{".", "web/legacy/b.env", nil},
	} {
		dir := filepath.Join(repo, tc.from)
		t.Chdir(dir)
		_, rep, _ := scanJSON(t, tc.root)
		if got := findingsIn(t, repo, dir, rep); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("scan %s from %s:\n  got  %q\n  want %q", tc.root, tc.from, got, tc.want)
		}
	}
}

// TestConfigFlagsWin: the command line beats every configuration: --exclude adds to their
// excludes, --driver beats their drivers, --fail-on their fail-on, --max-file-size their cap,
// and --config FILE replaces them all (its globs are relative to the working directory).
func TestConfigFlagsWin(t *testing.T) {
	repo := configRepo(t)
	writeFile(t, repo, "svc/.pgtlslint.yml", "exclude: [\"gen/**\"]\nrules:\n  server-not-verified: off\nfail-on: never\nmax-file-size: 10\n")
	writeFile(t, repo, "svc/b.env", weakB)
	t.Chdir(repo)
	// svc's cap skips its files; its fail-on never keeps its findings from failing the scan.
	code, rep, _ := scanJSON(t, "svc")
	if code != 0 || len(rep.Findings) != 0 || len(rep.Notices) == 0 {
		t.Errorf("svc's cap: exit %d, %q, notices %v", code, where(rep), rep.Notices)
	}
	code, rep, _ = scanJSON(t, "--max-file-size", "1MiB", "svc")
	if got := where(rep); code != 0 || len(got) != 2 {
		t.Errorf("--max-file-size: exit %d, %q", code, got)
	}
	code, _, _ = scanJSON(t, "--max-file-size", "1MiB", "--fail-on", "error", "svc")
	if code != exitFindings {
		t.Errorf("--fail-on error beats svc's never: exit %d", code)
	}
	// The top's file still fails at the default level, warning.
	if code, _, _ = scanJSON(t, "--max-file-size", "1MiB", "."); code != exitFindings {
		t.Errorf("a.env under the top's configuration: exit %d", code)
	}
	_, rep, _ = scanJSON(t, "--exclude", "svc/**", ".")
	if got := where(rep); len(got) != 1 || !strings.HasPrefix(got[0], "a.env:1") {
		t.Errorf("--exclude: %q", got)
	}
	// --config: one configuration for every file, nested ones unread, globs below the
	// working directory.
	writeFile(t, repo, "ci/pgtlslint.yml", "exclude: [\"svc/gen/**\", \"legacy/**\"]\n")
	_, rep, _ = scanJSON(t, "--config", "ci/pgtlslint.yml", ".")
	want := []string{"a.env:1 PGTLS002", "svc/b.env:1 PGTLS001", "svc/legacy/c.env:1 PGTLS002", "svc/legacy/c.env:2 PGTLS001"}
	if got := where(rep); !reflect.DeepEqual(got, want) {
		t.Errorf("--config:\n  got  %q\n  want %q", got, want)
	}
}

// TestConfigBoundaries: the configuration of a repository stops at a repository nested in it
// (a submodule or a vendored checkout with its own .git), and a broken configuration anywhere
// in the scan stops it with exit 2, naming the file.
func TestConfigBoundaries(t *testing.T) {
	repo := configRepo(t)
	writeFile(t, repo, "third_party/lib/x.env", weakA)
	gittest.Run(t, filepath.Join(repo, "third_party/lib"), "init", "-q")
	t.Chdir(repo)
	_, rep, _ := scanJSON(t, "third_party", "a.env")
	want := []string{"a.env:1 PGTLS002 error", "third_party/lib/x.env:1 PGTLS002 warning"}
	if got := findingsIn(t, repo, repo, rep); !reflect.DeepEqual(got, want) {
		t.Errorf("nested repository: %q, want %q", got, want)
	}
	// A configuration in an excluded directory is never read.
	writeFile(t, repo, "svc/gen/.pgtlslint.yml", "rules:\n  PGTLS002: of\n")
	if code, _, errOut := runCLI(t, "", "scan", "."); code != exitFindings {
		t.Errorf("broken configuration inside an excluded directory: exit %d, %q", code, errOut)
	}
	writeFile(t, repo, "svc/legacy/.pgtlslint.yml", "rules:\n  PGTLS002: of\n")
	code, _, errOut := runCLI(t, "", "scan", ".")
	if code != exitError || !strings.Contains(errOut, filepath.Join("svc", "legacy", ".pgtlslint.yml")) || !strings.Contains(errOut, "PGTLS002") {
		t.Errorf("broken nested configuration: exit %d, %q", code, errOut)
	}
}

// TestConfigHostSettingsPerFile: trusted-hosts and compose-services-local are the file's
// configuration's too; the Compose services are those of the whole scan.
func TestConfigHostSettingsPerFile(t *testing.T) {
	internal := "X=postgres://app@db.internal.example.com/app?sslmode=disable\n"
	service := "Y=postgres://app@pgdb:5432/app?sslmode=disable\n"
	repo := writeTree(t, map[string]string{
		".pgtlslint.yml":     "trusted-hosts: [\"*.internal.example.com\"]\n",
		"compose.yaml":       "services:\n  pgdb:\n    image: postgres:17\n",
		"a.env":              internal + service,
		"svc/.pgtlslint.yml": "compose-services-local: false\n",
		"svc/b.env":          internal + service,
	})
	gittest.Run(t, repo, "init", "-q")
	t.Chdir(repo)
	_, rep, _ := scanJSON(t, ".")
	want := []string{"svc/b.env:1 PGTLS001", "svc/b.env:2 PGTLS001"}
	if got := where(rep); !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestScanHelpTeachesConfig: scan --help says where the configuration comes from, as the
// tests above check it, with examples.
func TestScanHelpTeachesConfig(t *testing.T) {
	code, out, _ := runCLI(t, "", "scan", "--help")
	for _, want := range []string{
		"nearest .pgtlslint.yml in its directory or above it, up to the root of\nits git repository",
		"relative to its own directory",
		"Examples:\n",
		"pgtlslint scan services/api ",
		"pgtlslint scan --config ci/pgtlslint.yml .",
		"globs relative to the working directory",
	} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("scan --help (exit %d) does not say %q", code, want)
		}
	}
}
