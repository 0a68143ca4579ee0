package driversdoc

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// repoRoot is the repository's root, seen from this package's directory.
const repoRoot = "../../.."

// TestDocsDriversMDIsCurrent fails when docs/drivers.md is not what the driver table generates
// now: a fact, a package or a source changed without go generate.
func TestDocsDriversMDIsCurrent(t *testing.T) {
	got, err := os.ReadFile(filepath.Join(repoRoot, "docs", "drivers.md"))
	if err != nil {
		t.Fatalf("%v: run go generate ./rules/...", err)
	}
	want := Document()
	if bytes.Equal(got, want) {
		return
	}
	gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	i := 0
	for i < len(gl) && i < len(wl) && gl[i] == wl[i] {
		i++
	}
	line := func(ls []string) string {
		if i < len(ls) {
			return ls[i]
		}
		return "(end of file)"
	}
	t.Fatalf("docs/drivers.md is stale: run go generate ./rules/... and commit the result.\n"+
		"First difference at line %d:\n have %q\n want %q", i+1, line(gl), line(wl))
}

// TestDocument checks that every driver has its section, with its packages and every source.
func TestDocument(t *testing.T) {
	doc := string(Document())
	for _, d := range drivers.All() {
		i := strings.Index(doc, `<a id="`+Anchor(d)+`"></a>`)
		if i < 0 {
			t.Errorf("%s: no section", d.ID)
			continue
		}
		sec := doc[i:]
		if j := strings.Index(sec[1:], `<a id="`); j >= 0 {
			sec = sec[:j+1]
		}
		if !strings.Contains(doc, "](#"+Anchor(d)+")") {
			t.Errorf("%s: no summary row links to its section", d.ID)
		}
		for _, p := range d.Packages {
			if !strings.Contains(sec, "`"+p.Name+"`") {
				t.Errorf("%s: package %s missing", d.ID, p.Name)
			}
		}
		for _, s := range d.Sources {
			if !strings.Contains(sec, "]("+s.URL+")") {
				t.Errorf("%s: source %s missing", d.ID, s.URL)
			}
		}
	}
}

var (
	anchorTag = regexp.MustCompile(`<a id="([a-z0-9-]+)"></a>`)
	docsLink  = regexp.MustCompile(`docs/drivers\.md#([A-Za-z0-9_-]+)`)
)

// TestCodeLinksResolve: every link into docs/drivers.md that Go code cites names a section.
func TestCodeLinksResolve(t *testing.T) {
	anchors := map[string]bool{}
	for _, m := range anchorTag.FindAllStringSubmatch(string(Document()), -1) {
		anchors[m[1]] = true
	}
	links := 0
	err := filepath.WalkDir(repoRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && path != repoRoot) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range docsLink.FindAllStringSubmatch(string(b), -1) {
			links++
			if !anchors[m[1]] {
				t.Errorf("%s: docs/drivers.md#%s names no section", path, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if links < 10 {
		t.Errorf("%d code links into docs/drivers.md, want the drivers' (10 or more)", links)
	}
}
