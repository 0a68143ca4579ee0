//go:build cgo

package scan

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"testing"

	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/scan/filekind"
	"github.com/pgtlslint/pgtlslint/scan/plugin"
	"github.com/pgtlslint/pgtlslint/scan/result"
)

// panicky is a plugin of the tests whose analyzer panics on every file: kind "panicky", the
// files named *.panicky.
const panicky filekind.Kind = "panicky"

func init() {
	plugin.Register(plugin.Plugin{Name: "panicky", Kinds: []filekind.Spec{{Kind: panicky, Exts: []string{".panicky"}}},
		New: func(plugin.Scan) plugin.Analyzer { return panickyAnalyzer{} }})
}

type panickyAnalyzer struct{}

func (panickyAnalyzer) Analyze(plugin.File) plugin.Output { panic("boom") }

// TestAnalyzerPanic checks that a panicking analyzer costs neither the scan nor the file: a
// notice says so, the file is searched as text, and the other files are analyzed.
func TestAnalyzerPanic(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"bad.panicky": "DATABASE_URL=postgres://db.example.com/app?sslmode=disable\n",
		"good.js":     "const { Pool } = require('pg')\nconst p = new Pool({ host: 'db.example.com', ssl: false })\n",
	}
	rep := scanFiles(t, dir, files)
	got := map[string]bool{}
	for _, r := range rep.Results {
		got[filepath.Base(r.Path)+" "+r.RuleID] = true
	}
	if !got["bad.panicky PGTLS001"] || !got["good.js PGTLS001"] {
		t.Errorf("findings %v, want PGTLS001 in bad.panicky (text search) and good.js (analyzer)", got)
	}
	panics := 0
	for _, n := range rep.Notices {
		if n.Kind == result.NoticePanic && filepath.Base(n.Path) == "bad.panicky" && n.Message == "panicky analyzer panic (searched as text instead): boom" {
			panics++
		}
	}
	if panics != 1 {
		t.Errorf("notices %+v, want one analyzer-panic for bad.panicky", rep.Notices)
	}
}

// TestSourceSyntaxError checks that a source file with a syntax error is still analyzed where
// it parses, with a notice naming the line of the first error.
func TestSourceSyntaxError(t *testing.T) {
	dir := t.TempDir()
	src := "import psycopg2\nc = psycopg2.connect(host=\"db.example.com\", sslmode=\"disable\")\n\ndef broken(:\n    pass\n"
	if err := os.WriteFile(filepath.Join(dir, "broken.py"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := Run(Options{Roots: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) != 1 || rep.Results[0].RuleID != "PGTLS001" || rep.Results[0].Start.Line != 2 {
		t.Errorf("results %+v, want PGTLS001 on line 2", rep.Results)
	}
	if len(rep.Notices) != 1 || rep.Notices[0].Kind != "parse-error" || rep.Notices[0].Message != "syntax error at line 4; analyzed the parts that parse" {
		t.Errorf("notices %+v, want one parse-error at line 4", rep.Notices)
	}
}

// TestFileResultsIndependentOfOtherFiles checks that what a file yields does not depend on the
// files a worker read before it: targets are evaluated after the walk, when the read buffer
// holds another file, so nothing a target keeps (a fix editor) may point into that buffer. One
// worker reads the source fixtures in a row; every file's findings and fix edits must equal
// those of a scan of that file alone.
func TestFileResultsIndependentOfOtherFiles(t *testing.T) {
	type key struct {
		rule  string
		span  rules.Span
		edits string
	}
	findings := func(rep *Report, path string) map[key]bool {
		out := map[key]bool{}
		for _, r := range rep.Results {
			if r.Path != path {
				continue
			}
			k := key{rule: r.RuleID, span: r.Span}
			if r.Fix != nil {
				k.edits = fmt.Sprint(r.Fix.Edits)
			}
			out[k] = true
		}
		return out
	}
	checked := 0
	for _, dir := range []string{"../testdata/java", "../testdata/python", "../testdata/javascript"} {
		all, err := Run(Options{Roots: []string{dir}, Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		paths := map[string]bool{}
		for _, r := range all.Results {
			paths[r.Path] = true
		}
		for p := range paths {
			alone, err := Run(Options{Roots: []string{p}, Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			got, want := findings(all, p), findings(alone, p)
			if !maps.Equal(got, want) {
				t.Errorf("%s: scanned after other files %v, alone %v", p, got, want)
			}
			checked++
		}
	}
	if checked < 20 {
		t.Fatalf("compared %d files, want the source fixtures (20 or more)", checked)
	}
}

// TestProjectDriverIsOneDriver checks that a value and the code that reads it are judged by one
// driver: a .env and a module of a project that depends on @neondatabase/serverless both get
// the Neon serverless driver's semantics (its wss:// transport ignores sslmode; a literal
// password is still a secret), not libpq's for one and node-postgres's for the other.
func TestProjectDriverIsOneDriver(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"package.json": `{"dependencies": {"@neondatabase/serverless": "^1.0.0"}}`,
		".env":         "DATABASE_URL=postgres://app:Str0ng@ep-x-1.eu-central-1.aws.neon.tech/app?sslmode=require\n",
		"db.mjs": "import { Pool } from '@neondatabase/serverless'\n" +
			"export const pool = new Pool({ connectionString: 'postgres://app:Str0ng@ep-x-1.eu-central-1.aws.neon.tech/app?sslmode=require' })\n",
	}
	rep := scanFiles(t, dir, files)
	got := map[string]string{}
	for _, r := range rep.Results {
		got[filepath.Base(r.Path)] += fmt.Sprintf("%s %s %s;", r.RuleID, r.Severity, r.Driver)
	}
	want := "PGTLS008 warning neon-serverless;"
	if got[".env"] != want || got["db.mjs"] != want {
		t.Errorf("findings %v, want %q in .env and db.mjs", got, want)
	}
}

// scanFiles writes files (name: content) into dir and scans it.
func scanFiles(t *testing.T, dir string, files map[string]string) *Report {
	t.Helper()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := Run(Options{Roots: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}
