package golang

import (
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/rules"
)

// TestDocListsClientRules: the analyzer's help names every rule it can report, from the
// registry, and no server-side rule.
func TestDocListsClientRules(t *testing.T) {
	n := 0
	for _, r := range rules.Catalog() {
		listed := strings.Contains(Analyzer.Doc, "\n  "+r.ID+" "+r.Name)
		if listed != (r.Scope == rules.ScopeClient) {
			t.Errorf("%s (%s): listed %v", r.ID, r.Scope, listed)
		}
		if listed {
			n++
		}
	}
	if n == 0 {
		t.Fatal("no rule listed")
	}
	if first, _, _ := strings.Cut(Analyzer.Doc, "\n"); first != "report insecure PostgreSQL connection settings" {
		t.Errorf("first line %q", first)
	}
}
