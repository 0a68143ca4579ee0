package driversdoc

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/internal/docstest"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// repoRoot is the repository's root, seen from this package's directory.
const repoRoot = "../../.."

// TestDocsDriversMDIsCurrent fails when docs/drivers.md is not what the driver table generates
// now: a fact, a package or a source changed without go generate.
func TestDocsDriversMDIsCurrent(t *testing.T) {
	docstest.Current(t, filepath.Join(repoRoot, "docs", "drivers.md"), Document(), "go generate ./rules/...")
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
	if links := docstest.CodeLinks(t, repoRoot, docsLink, anchors); links < 10 {
		t.Errorf("%d code links into docs/drivers.md, want the drivers' (10 or more)", links)
	}
}
