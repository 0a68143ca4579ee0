package delivery

import (
	"os"
	"path"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	// The scan registers every analyzer's kinds.
	_ "github.com/pgtlslint/pgtlslint/scan"
	"github.com/pgtlslint/pgtlslint/scan/filekind"
	walk "github.com/pgtlslint/pgtlslint/scan/walk"
)

// hookPatterns compiles the hook's files and exclude patterns. They are Python verbose
// regular expressions ((?x): whitespace is not part of the pattern) written in the subset
// Python's re and Go's regexp read alike, so the Go test reads them as pre-commit does
// (re.search: a match anywhere).
func hookPatterns(t *testing.T) (files, exclude *regexp.Regexp) {
	t.Helper()
	b, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID            string   `yaml:"id"`
		Language      string   `yaml:"language"`
		Entry         string   `yaml:"entry"`
		Types         []string `yaml:"types"`
		Files         string   `yaml:"files"`
		Exclude       string   `yaml:"exclude"`
		PassFilenames *bool    `yaml:"pass_filenames"`
	}
	if err := yaml.Unmarshal(b, &hooks); err != nil {
		t.Fatal(err)
	}
	if len(hooks) != 1 || hooks[0].ID != "pgtlslint" || hooks[0].Language != "golang" || hooks[0].Entry != "pgtlslint scan" {
		t.Fatalf("hooks: %+v", hooks)
	}
	if hooks[0].PassFilenames != nil && !*hooks[0].PassFilenames {
		t.Fatal("pass_filenames is false")
	}
	compile := func(name, s string) *regexp.Regexp {
		s = strings.TrimSpace(s)
		flags, ok := strings.CutPrefix(s, "(?ix)")
		prefix := "(?i)"
		if !ok {
			if flags, ok = strings.CutPrefix(s, "(?x)"); !ok {
				t.Fatalf("%s: want a verbose pattern, (?x) or (?ix) first", name)
			}
			prefix = ""
		}
		if regexp.MustCompile(`\[[^\]]*\s[^\]]*\]`).MatchString(flags) {
			t.Fatalf("%s: white space inside a character class", name)
		}
		if strings.Contains(flags, "#") {
			t.Fatalf("%s: comments are not read by this test", name)
		}
		re, err := regexp.Compile(prefix + strings.Join(strings.Fields(flags), ""))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return re
	}
	return compile("files", hooks[0].Files), compile("exclude", hooks[0].Exclude)
}

// kindTables returns the extensions, names and template suffixes the registered kinds and the
// engine know (filekind), which decide which names are scanned.
func kindTables(t *testing.T) map[string][]string {
	t.Helper()
	tables := map[string][]string{"templateSuffixes": filekind.TemplateSuffixes()}
	for _, s := range filekind.Specs() {
		tables["kindByExt"] = append(tables["kindByExt"], s.Exts...)
		tables["kindByName"] = append(tables["kindByName"], s.Names...)
	}
	tables["docExts"], tables["docNames"] = filekind.DocNames()
	for name, tab := range tables {
		if len(tab) == 0 {
			t.Fatalf("no %s: are the analyzers registered (scan imported)?", name)
		}
	}
	return tables
}

// defaultSkipped reports whether a directory walk leaves p out whatever its kind.
func defaultSkipped(p string) bool {
	dirs := strings.Split(path.Dir(p), "/")
	for _, d := range dirs {
		for _, x := range walk.DefaultExcludedDirs {
			if d == x {
				return true
			}
		}
	}
	for _, g := range walk.DefaultExcludedFiles {
		if ok, _ := path.Match(g, path.Base(p)); ok {
			return true
		}
	}
	return false
}

// TestHookFiles: pre-commit hands pgtlslint exactly the files `pgtlslint scan .` would scan.
// pgtlslint scans every file named on its command line, so the hook's patterns must leave out
// what the directory walk leaves out. Files without an extension are passed whatever their first
// line: the walk takes those with a #! line (given one here).
func TestHookFiles(t *testing.T) {
	files, exclude := hookPatterns(t)
	cands := hookCandidates(t)
	shebang := []byte("#!/bin/sh\n")
	for _, p := range cands {
		want := filekind.Classify(p, shebang) != filekind.KindNone && !defaultSkipped(p)
		got := files.MatchString(p) && !exclude.MatchString(p)
		if got != want {
			t.Errorf("%s: hook passes it %v, a directory scan scans it %v (kind %q)", p, got, want, filekind.Classify(p, shebang))
		}
	}
	t.Logf("%d names checked", len(cands))
}

// hookCandidates are names to try the hook's patterns on: every extension and name the
// registered kinds know, under template suffixes, in default-excluded directories, and some
// that are not scanned.
func hookCandidates(t *testing.T) []string {
	t.Helper()
	tables := kindTables(t)
	var cands []string
	add := func(names ...string) {
		for _, n := range names {
			cands = append(cands, n, "src/deep/"+n)
		}
	}
	exts := append(append([]string{}, tables["kindByExt"]...), tables["docExts"]...)
	exts = append(exts, ".png", ".csv", ".html", ".css", ".lock", ".svg", ".sum", ".log", ".bak", ".pdf", ".hba", ".env",
		".dockerfile", ".containerfile", ".conf")
	for _, ext := range exts {
		add("file"+ext, "FILE"+strings.ToUpper(ext), "file"+ext+".j2", "file"+ext+".example.tmpl", "file"+ext+".txt")
	}
	names := append(append([]string{}, tables["kindByName"]...), tables["docNames"]...)
	names = append(names, "dockerfile", "containerfile", "Dockerfile", "Dockerfile.prod", "Containerfile.dev",
		".env", ".env.local", ".ENV.production", "pg_hba.conf", "pg_hba_custom.conf", "PG_HBA.CONF", "pg_hba.conf.j2",
		"postgresql.conf", "postgresql.auto.conf", "postgresql.conf.sample", "recovery.conf", "conf.d/x.conf",
		"postgres/conf.d/x.conf", "deploy", "bin/migrate", "VERSION", ".gitignore", ".gitattributes", ".editorconfig")
	for _, n := range names {
		add(n, strings.ToUpper(n[:1])+n[1:], strings.ToUpper(n), n+".example")
	}
	for _, s := range tables["templateSuffixes"] {
		add("config.yml"+s, ".env"+s, "Dockerfile"+s, "x"+s, "README"+s)
	}
	for _, d := range walk.DefaultExcludedDirs {
		cands = append(cands, d+"/x.go", "a/"+d+"/b/c.yml", d+"x/c.yml")
	}
	for _, g := range walk.DefaultExcludedFiles {
		add(strings.ReplaceAll(g, "*", "app"))
	}
	return cands
}
