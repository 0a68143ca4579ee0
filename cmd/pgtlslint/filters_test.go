package main

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/internal/gittest"
)

func writeFile(t *testing.T, dir, p, content string) {
	t.Helper()
	full := filepath.Join(dir, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// where lists "path:line rule" of each finding, sorted.
func where(rep jsonReport) []string {
	var out []string
	for _, f := range rep.Findings {
		out = append(out, fmt.Sprintf("%s:%d %s", f.Path, f.Start.Line, f.RuleID))
	}
	sort.Strings(out)
	return out
}

const (
	weakA = "DATABASE_URL=postgres://app@db.example.com/app?sslmode=require\n"
	weakB = "OTHER_URL=postgres://app@db2.example.com/app?sslmode=disable\n"
	weakC = "THIRD_URL=postgres://app@db3.example.com/app?sslmode=prefer\n"
)

// TestNewFromRev: only findings on lines a branch added or changed are reported, in changed,
// renamed and untracked files alike; findings on untouched lines are not.
func TestNewFromRev(t *testing.T) {
	dir := t.TempDir()
	gittest.Run(t, dir, "init", "-q", "-b", "main")
	writeFile(t, dir, "old.env", "# old\n"+weakA)
	filler := strings.Repeat("SETTING=a value that makes the renamed file clearly the same file\n", 8)
	writeFile(t, dir, "moved/before.env", "# a file renamed later\n"+weakA+filler+"Z=3\n")
	writeFile(t, dir, "same.env", weakB)
	gittest.Run(t, dir, "add", "-A")
	gittest.Run(t, dir, "commit", "-qm", "base")
	base := gittest.Run(t, dir, "rev-parse", "HEAD")

	// The branch: a line added to old.env, the renamed file changed on one line, a new
	// committed file and an untracked one; same.env untouched.
	writeFile(t, dir, "old.env", "# old\n"+weakA+weakB)
	gittest.Run(t, dir, "mv", "moved/before.env", "moved/after.env")
	writeFile(t, dir, "moved/after.env", "# a file renamed later\n"+weakA+filler+weakB)
	writeFile(t, dir, "new.env", weakC)
	gittest.Run(t, dir, "add", "-A")
	gittest.Run(t, dir, "commit", "-qm", "head")
	writeFile(t, dir, "untracked.env", weakB)
	t.Chdir(dir)

	_, all, _ := scanJSON(t, ".")
	if len(all.Findings) != 7 {
		t.Fatalf("full scan: %d findings, want 7: %v", len(all.Findings), where(all))
	}
	code, rep, errOut := scanJSON(t, "--new-from-rev", base, ".")
	want := []string{"moved/after.env:11 PGTLS001", "new.env:1 PGTLS001", "old.env:3 PGTLS001", "untracked.env:1 PGTLS001"}
	if got := where(rep); !reflect.DeepEqual(got, want) {
		t.Errorf("--new-from-rev: got %v\nwant %v", got, want)
	}
	if code != exitFindings {
		t.Errorf("exit %d, want %d (%s)", code, exitFindings, errOut)
	}

	// Against HEAD only the untracked file is new.
	_, rep, _ = scanJSON(t, "--new-from-rev", "HEAD", ".")
	if got := where(rep); !reflect.DeepEqual(got, []string{"untracked.env:1 PGTLS001"}) {
		t.Errorf("--new-from-rev HEAD: %v", got)
	}

	// A revision that does not exist is a usage error that says what to do.
	code, _, errOut = scanJSON(t, "--new-from-rev", "no-such-rev", ".")
	if code != exitError || !strings.Contains(errOut, "fetch-depth: 0") {
		t.Errorf("bad rev: exit %d, stderr %q", code, errOut)
	}
}

// TestNewFromRevOutsideGit: a directory that is not a repository is a usage error.
func TestNewFromRevOutsideGit(t *testing.T) {
	dir := writeTree(t, map[string]string{"a.env": weakA})
	t.Chdir(dir)
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	code, _, errOut := scanJSON(t, "--new-from-rev", "HEAD", ".")
	if code != exitError || !strings.Contains(errOut, "git repository") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

// TestBaseline: --write-baseline accepts today's findings (exit 0); --baseline then hides them
// while lines move around them, and reports a new finding and a changed one.
func TestBaseline(t *testing.T) {
	dir := writeTree(t, map[string]string{"a.env": weakA + weakB})
	bl := filepath.Join(t.TempDir(), "baseline.json")
	// --write-baseline writes the baseline in place of the report, and says what it wrote.
	code, out, errOut := runCLI(t, "", "scan", "--format", "json", "--write-baseline", bl, dir)
	if code != 0 || out != "" || errOut != "pgtlslint: wrote 2 findings to "+bl+"\n" {
		t.Fatalf("--write-baseline: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if code, out, errOut := runCLI(t, "", "scan", "--quiet", "--write-baseline", bl, dir); code != 0 || out != "" || errOut != "" {
		t.Errorf("--write-baseline --quiet: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, rep, _ := scanJSON(t, "--baseline", bl, dir)
	if code != 0 || len(rep.Findings) != 0 {
		t.Fatalf("--baseline right after writing it: exit %d, %v", code, where(rep))
	}
	// Lines inserted above the findings and a new weak line: only the new one shows.
	writeFile(t, dir, "a.env", "# comment\n\n"+weakA+weakC+weakB)
	code, rep, _ = scanJSON(t, "--baseline", bl, dir)
	if got := where(rep); code != exitFindings || len(got) != 1 || !strings.HasSuffix(got[0], "a.env:4 PGTLS001") {
		t.Errorf("after an insertion: exit %d, %v", code, got)
	}
	// The baselined findings are kept as suppressed with --include-suppressed.
	_, out, _ = runCLI(t, "", "scan", "--baseline", bl, "--include-suppressed", "--format", "text", "--no-color", dir)
	if strings.Count(out, "[suppressed: baseline]") != 2 {
		t.Errorf("--include-suppressed text output:\n%s", out)
	}

	// Broken baselines are usage errors naming the file.
	for name, content := range map[string]string{
		"garbage.json": "not json",
		"version.json": `{"version": 9, "fingerprint_key": "pgtlslint/v1", "findings": []}`,
		"key.json":     `{"version": 1, "fingerprint_key": "other/v7", "findings": []}`,
	} {
		p := filepath.Join(t.TempDir(), name)
		writeFile(t, filepath.Dir(p), name, content)
		code, _, errOut := scanJSON(t, "--baseline", p, dir)
		if code != exitError || !strings.Contains(errOut, name) {
			t.Errorf("%s: exit %d, stderr %q", name, code, errOut)
		}
	}
	code, _, errOut = scanJSON(t, "--baseline", filepath.Join(dir, "missing.json"), dir)
	if code != exitError || !strings.Contains(errOut, "missing.json") {
		t.Errorf("missing baseline: exit %d, stderr %q", code, errOut)
	}
}

// TestConfigFoundAbove: a scan of files in a subdirectory (as pre-commit runs it) follows the
// .pgtlslint.yml at the repository's root, and nothing above the root.
func TestConfigFoundAbove(t *testing.T) {
	outer := t.TempDir()
	writeFile(t, outer, ".pgtlslint.yml", "rules:\n  PGTLS002: off\n")
	dir := filepath.Join(outer, "repo")
	writeFile(t, dir, "deep/app/a.env", weakA)
	writeFile(t, dir, "other/b.env", weakA)
	gittest.Run(t, dir, "init", "-q")
	// No config in the repository: the one above its root does not apply.
	_, rep, _ := scanJSON(t, filepath.Join(dir, "deep/app/a.env"))
	if len(rep.Findings) != 1 {
		t.Fatalf("config above the repository applied: %v", where(rep))
	}
	writeFile(t, dir, ".pgtlslint.yml", "rules:\n  PGTLS002: off\n")
	t.Chdir(filepath.Join(dir, "other"))
	_, rep, _ = scanJSON(t, filepath.Join(dir, "deep/app/a.env"), "b.env")
	if len(rep.Findings) != 0 {
		t.Errorf("the repository's config did not apply: %v", where(rep))
	}
}
