package rulesdoc

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/internal/docstest"
	"github.com/pgtlslint/pgtlslint/rules"
)

// repoRoot is the repository's root, seen from this package's directory.
const repoRoot = "../.."

// TestDocsRulesMDIsCurrent fails when docs/rules.md is not what the registry generates now:
// a rule's fields, reasons or text changed without go generate.
func TestDocsRulesMDIsCurrent(t *testing.T) {
	docstest.Current(t, filepath.Join(repoRoot, "docs", "rules.md"), Document(rules.Catalog()), "go generate ./rules/...")
}

func TestDocument(t *testing.T) {
	cat := rules.Catalog()
	doc := string(Document(cat))
	anchors := headingAnchors(doc)
	for _, a := range []string{"severity", "local-targets", "messages", "rules"} {
		if !anchors[a] {
			t.Errorf("no section #%s", a)
		}
	}
	reasons := 0
	for _, r := range cat {
		a := Anchor(r)
		if !anchors[a] {
			t.Errorf("%s: no section #%s", r.ID, a)
		}
		if !strings.Contains(doc, "| ["+r.ID+"](#"+a+") | `"+r.Name+"` | "+string(r.Severity)+" | "+r.SecuritySeverity+" | ") {
			t.Errorf("%s: no row linking to its section", r.ID)
		}
		sec := section(doc, "## "+r.ID+" `"+r.Name+"`")
		if !strings.Contains(sec, "| "+string(r.Severity)+" | "+r.SecuritySeverity+" | "+r.Scope.Text()+" | `"+r.Tags[0]+"`") {
			t.Errorf("%s: the fields table is missing or wrong:\n%s", r.ID, sec)
		}
		if !strings.Contains(sec, firstLine(r.HelpMarkdown)) {
			t.Errorf("%s: the section lacks the help", r.ID)
		}
		for _, l := range r.Levels {
			reasons++
			if !strings.Contains(sec, "- `"+l.Reason+"`: "+string(l.Severity)+". "+l.Doc) {
				t.Errorf("%s: reason %s missing from its section", r.ID, l.Reason)
			}
		}
	}
	if reasons == 0 {
		t.Error("no severity reason in the document")
	}
}

// TestMarkdown checks the page `pgtlslint rules --format markdown` prints: the table, then
// each rule under its own heading with its help one heading level down.
func TestMarkdown(t *testing.T) {
	cat := rules.Catalog()
	md := Markdown(cat)
	if !strings.HasPrefix(md, "# pgtlslint rules\n\n| id | name | severity | security-severity | description |\n") {
		t.Errorf("head %q", md[:80])
	}
	// The help's own headings sit one level below the rules'.
	if n := strings.Count(md, "\n## "); n != len(cat) {
		t.Errorf("%d second-level headings for %d rules", n, len(cat))
	}
	for _, r := range cat {
		if !strings.Contains(md, "| "+r.ID+" | `"+r.Name+"` | ") {
			t.Errorf("%s: no table row", r.ID)
		}
		sec := section(md, "## "+r.ID+" `"+r.Name+"`")
		if !strings.Contains(sec, firstLine(r.HelpMarkdown)) {
			t.Errorf("%s: the section lacks the help", r.ID)
		}
		if strings.Contains(sec, "| security-severity | checks |") {
			t.Errorf("%s: the fields table belongs to docs/rules.md only", r.ID)
		}
		for _, l := range r.Levels {
			if !strings.Contains(sec, "- `"+l.Reason+"`: "+string(l.Severity)+". ") {
				t.Errorf("%s: reason %s missing", r.ID, l.Reason)
			}
		}
	}
}

func TestDemoteHeadings(t *testing.T) {
	in := "Text.\n\n## What fires\n\n```sh\n# a shell comment\n```\n\n### Deeper"
	want := "Text.\n\n### What fires\n\n```sh\n# a shell comment\n```\n\n#### Deeper"
	if got := demoteHeadings(in); got != want {
		t.Errorf("demoteHeadings =\n%s\nwant\n%s", got, want)
	}
}

// docsLink finds links into docs/rules.md in code comments.
var docsLink = regexp.MustCompile(`docs/rules\.md#([A-Za-z0-9_-]+)`)

// TestCodeLinksResolve: every link into docs/rules.md (with a fragment) that Go code cites names
// a section of the document.
func TestCodeLinksResolve(t *testing.T) {
	if links := docstest.CodeLinks(t, repoRoot, docsLink, headingAnchors(string(Document(rules.Catalog())))); links == 0 {
		t.Error("no code links into docs/rules.md")
	}
}

// headingAnchors returns the fragments GitHub gives the document's headings: lower case,
// punctuation other than - and _ dropped, spaces made hyphens.
func headingAnchors(doc string) map[string]bool {
	out := map[string]bool{}
	fenced := false
	for _, l := range strings.Split(doc, "\n") {
		if strings.HasPrefix(l, "```") {
			fenced = !fenced
		}
		if fenced || !strings.HasPrefix(l, "#") {
			continue
		}
		var b strings.Builder
		for _, c := range strings.ToLower(strings.TrimSpace(strings.TrimLeft(l, "#"))) {
			switch {
			case c == ' ':
				b.WriteByte('-')
			case c == '-' || c == '_' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
				b.WriteRune(c)
			}
		}
		out[b.String()] = true
	}
	return out
}

// section returns the part of doc from heading to the next heading of its level.
func section(doc, heading string) string {
	i := strings.Index(doc, "\n"+heading+"\n")
	if i < 0 {
		return ""
	}
	rest := doc[i+1:]
	if j := strings.Index(rest[len(heading):], "\n## "); j >= 0 {
		return rest[:len(heading)+j]
	}
	return rest
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}
