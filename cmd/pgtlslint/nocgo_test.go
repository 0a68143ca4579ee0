package main

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoCgoBuild builds the CLI with CGO_ENABLED=0 and scans Python, JavaScript and Java files
// with it: the build works, the files are searched as text (the connection string in the
// Python file is still found), and one notice says that these languages need a cgo build.
func TestNoCgoBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the CLI")
	}
	bin := filepath.Join(t.TempDir(), "pgtlslint-nocgo")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("CGO_ENABLED=0 go build: %v\n%s", err, out)
	}
	deps, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", ".").Output()
	if err != nil {
		t.Fatal(err)
	}
	cgoDeps := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", ".")
	cgoDeps.Env = append(os.Environ(), "CGO_ENABLED=0")
	pure, err := cgoDeps.Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(deps), "go-tree-sitter") || strings.Contains(string(pure), "tree-sitter") {
		t.Errorf("tree-sitter should be linked with cgo only")
	}
	dir := writeTree(t, map[string]string{
		"app/db.py":    "import psycopg2\nconn = psycopg2.connect(\"host=db.example.com dbname=app sslmode=require\")\n",
		"web/db.js":    "const { Pool } = require('pg')\nconst pool = new Pool({ host: 'db.example.com', ssl: false })\n",
		"svc/Db.java":  "class Db { String url = \"jdbc:postgresql://db.example.com/app?sslmode=disable\"; }\n",
		"web/types.ts": "export const x: number = 1\n",
	})
	scan := exec.Command(bin, "scan", "--format", "json", ".")
	scan.Dir = dir
	out, err := scan.Output()
	if code := exitCode(err); code != 1 {
		t.Fatalf("exit %d, want 1 (findings): %v\n%s", code, err, out)
	}
	var rep jsonReport
	if err := json.Unmarshal(out, &rep); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, out)
	}
	got := found(rep)
	for _, w := range []string{"app/db.py PGTLS002", "svc/Db.java PGTLS001"} {
		if !got[w] {
			t.Errorf("missing %s in %v", w, got)
		}
	}
	var notices []string
	for _, n := range rep.Notices {
		if n.Kind == "no-cgo" {
			notices = append(notices, n.Message)
		}
	}
	if len(notices) != 1 || !strings.Contains(notices[0], "3 Python/JavaScript/TypeScript/Java file(s) were searched as plain text") {
		t.Errorf("no-cgo notices %q, want one counting 3 files (the .ts file holds no trigger word)", notices)
	}
}

func exitCode(err error) int {
	if err == nil {
		return 0
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	return -1
}
