package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, dir, p, content string) {
	t.Helper()
	full := filepath.Join(dir, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFinderNearest: each directory gets the nearest .pgtlslint.yml at or above it, alone (no
// merging with the ones further up); the search stops at the directory holding .git (a
// directory or a worktree's file), and outside a repository at the filesystem root.
func TestFinderNearest(t *testing.T) {
	top := t.TempDir()
	write(t, top, FileName, "rules:\n  PGTLS003: off\n") // above the repository: never read
	repo := filepath.Join(top, "repo")
	write(t, repo, ".git/HEAD", "ref: refs/heads/main\n")
	write(t, repo, FileName, "exclude: [\"legacy/**\"]\nfail-on: error\n")
	write(t, repo, "svc/api/"+FileName, "rules:\n  PGTLS002: note\n")
	write(t, repo, "svc/api/deep/x.env", "")
	write(t, repo, "sub/.git", "gitdir: ../.git/worktrees/sub\n")
	write(t, repo, "sub/a/x.env", "")
	write(t, top, "loose/a/x.env", "")

	f := NewFinder()
	for _, tc := range []struct {
		dir      string
		wantDir  string // "" for the default configuration
		wantRule string
	}{
		{"repo", "repo", ""},
		{"repo/svc", "repo", ""},
		{"repo/svc/api/deep", "repo/svc/api", "PGTLS002"},
		{"repo/svc/api", "repo/svc/api", "PGTLS002"},
		{"repo/sub/a", "", ""},
		{"loose/a", "", "PGTLS003"}, // no repository: up to the filesystem root
	} {
		c, err := f.For(filepath.Join(top, filepath.FromSlash(tc.dir)))
		if err != nil {
			t.Fatalf("%s: %v", tc.dir, err)
		}
		want := ""
		if tc.wantDir != "" {
			want = filepath.Join(top, filepath.FromSlash(tc.wantDir))
		}
		if tc.dir == "loose/a" {
			want = top
		}
		if c.Dir != want {
			t.Errorf("%s: config of %q, want %q", tc.dir, c.Dir, want)
		}
		if tc.wantRule != "" && c.Severity[tc.wantRule] == "" && !c.Off[tc.wantRule] {
			t.Errorf("%s: %s not set: %+v", tc.dir, tc.wantRule, c)
		}
		if tc.dir == "repo/svc/api/deep" && (len(c.Exclude) != 0 || c.FailOn != "") {
			t.Errorf("%s: settings of the configuration above were merged in: %+v", tc.dir, c)
		}
	}
	// One configuration per file, shared by the directories below it.
	a, _ := f.For(filepath.Join(repo, "svc"))
	b, _ := f.ForFile(filepath.Join(repo, "x.env"))
	if a != b {
		t.Error("two loads of the same configuration")
	}
	if rel, ok := a.Rel(filepath.Join(repo, "legacy", "y.env")); !ok || rel != "legacy/y.env" {
		t.Errorf("Rel = %q %v", rel, ok)
	}
	if _, ok := Default().Rel(repo); ok {
		t.Error("the default configuration has no directory")
	}
}

// TestFinderErrors: a broken configuration is an error naming the file, for every directory
// it governs; --config FILE must exist and its globs are relative to the working directory.
func TestFinderErrors(t *testing.T) {
	repo := t.TempDir()
	write(t, repo, ".git/HEAD", "")
	write(t, repo, "svc/"+FileName, "exclude: [a]\ntrusted_hosts: [x]\n")
	t.Chdir(repo)
	f := NewFinder()
	for _, d := range []string{"svc", "svc/deep"} {
		if _, err := f.For(d); err == nil || !strings.Contains(err.Error(), filepath.Join("svc", FileName)) || !strings.Contains(err.Error(), "trusted_hosts") {
			t.Errorf("%s: err = %v", d, err)
		}
	}
	if _, err := LoadFixed("missing.yml"); err == nil {
		t.Error("--config of a missing file")
	}
	write(t, repo, "ci/pgtlslint.yml", "exclude: [\"legacy/**\"]\n")
	fx, err := LoadFixed("ci/pgtlslint.yml")
	if err != nil {
		t.Fatal(err)
	}
	c, _ := fx.For("svc")
	if rel, _ := c.Rel("legacy/a.env"); rel != "legacy/a.env" || c.Path != "ci/pgtlslint.yml" {
		t.Errorf("--config: Rel %q, Path %q", rel, c.Path)
	}
}
