package filter

import (
	"strings"
	"testing"
)

func TestParseEveryCommentSyntax(t *testing.T) {
	src := strings.Join([]string{
		`DATABASE_URL=postgres://db.example.com/app?sslmode=require # pgtlslint:ignore PGTLS002 -- legacy box, tracked in OPS-12`,
		`// pgtlslint:ignore server-not-verified,PGTLS004 -- reviewed`,
		`url := "postgres://db.example.com/app?sslmode=require"`,
		`/* pgtlslint:ignore PGTLS001 -- test db */ x`,
		`-- pgtlslint:ignore PGTLS006`,
		`<!-- pgtlslint:ignore PGTLS008 -- fixture -->`,
		`; pgtlslint:ignore pgtls003 -- ini`,
	}, "\n")
	dirs, probs := ParseSuppressions([]byte(src))
	if len(probs) != 0 {
		t.Fatalf("problems: %v", probs)
	}
	want := []IgnoreDirective{
		{Line: 1, Rules: []string{"PGTLS002"}, Reason: "legacy box, tracked in OPS-12"},
		{Line: 2, Rules: []string{"PGTLS002", "PGTLS004"}, Reason: "reviewed"},
		{Line: 4, Rules: []string{"PGTLS001"}, Reason: "test db"},
		{Line: 5, Rules: []string{"PGTLS006"}},
		{Line: 6, Rules: []string{"PGTLS008"}, Reason: "fixture"},
		{Line: 7, Rules: []string{"PGTLS003"}, Reason: "ini"},
	}
	if len(dirs) != len(want) {
		t.Fatalf("got %d directives: %+v", len(dirs), dirs)
	}
	for i, w := range want {
		g := dirs[i]
		if g.Line != w.Line || strings.Join(g.Rules, ",") != strings.Join(w.Rules, ",") || g.Reason != w.Reason {
			t.Errorf("directive %d = %+v, want %+v", i, g, w)
		}
	}
	// Same line and the line below are covered; two lines below is not.
	if _, ok := MatchSuppression(dirs, 1, "PGTLS002"); !ok {
		t.Error("same line not suppressed")
	}
	if _, ok := MatchSuppression(dirs, 3, "PGTLS004"); !ok {
		t.Error("line below not suppressed")
	}
	if _, ok := MatchSuppression(dirs, 3, "PGTLS001"); ok {
		t.Error("a rule that is not listed was suppressed")
	}
	if _, ok := MatchSuppression(dirs, 4+2, "PGTLS001"); ok {
		t.Error("two lines below was suppressed")
	}
}

func TestParseProblems(t *testing.T) {
	_, probs := ParseSuppressions([]byte("a\n# pgtlslint:ignore PGTLS999 -- typo\n# pgtlslint:ignore\n"))
	if len(probs) != 2 || probs[0].Line != 2 || !strings.Contains(probs[0].Message, `unknown rule "PGTLS999"`) ||
		probs[1].Line != 3 || !strings.Contains(probs[1].Message, "names no rule") {
		t.Errorf("problems %+v", probs)
	}
}

func TestNoMarkerNoWork(t *testing.T) {
	dirs, probs := ParseSuppressions([]byte("postgres://db/app?sslmode=require\n"))
	if dirs != nil || probs != nil {
		t.Errorf("%v %v", dirs, probs)
	}
}
