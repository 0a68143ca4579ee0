package text

import (
	"strings"
	"testing"
)

func TestSearchFindsCandidates(t *testing.T) {
	s := "# postgres://commented.example.com/app\n" +
		`url = "postgres://db.example.com/app?sslmode=disable", other` + "\n" +
		"dsn: host=db.example.com sslmode=require dbname=app\n" +
		`conn "Host=db.example.com;Database=app;SSL Mode=Require"` + "\n" +
		"PGSSLMODE=disable node app.js $PGHOST=x\n"
	var conns, assigns []string
	Search(s, []string{"#"}, func(i, j int, _ string) bool {
		conns = append(conns, s[i:j])
		return true
	}, func(_ string, i, after int) {
		assigns = append(assigns, s[i:after])
	})
	want := []string{
		"postgres://db.example.com/app?sslmode=disable",
		"host=db.example.com sslmode=require dbname=app",
		"Host=db.example.com;Database=app;SSL Mode=Require",
	}
	if strings.Join(conns, "\n") != strings.Join(want, "\n") {
		t.Errorf("candidates:\n%s\nwant:\n%s", strings.Join(conns, "\n"), strings.Join(want, "\n"))
	}
	// $PGHOST= is a shell expansion, not a setting.
	if strings.Join(assigns, ",") != "PGSSLMODE=" {
		t.Errorf("assignments %v, want [PGSSLMODE=]", assigns)
	}
}

func TestSearchSkipsInsideFoundStrings(t *testing.T) {
	// The sslmode= inside a URL that was taken is not a keyword string of its own; one that
	// was refused is looked at again.
	s := `"postgres://db.example.com/app?host=x sslmode=disable"`
	for _, accept := range []bool{true, false} {
		n := 0
		Search(s, nil, func(_, _ int, _ string) bool { n++; return accept }, func(string, int, int) {})
		if want := map[bool]int{true: 1, false: 2}[accept]; n != want {
			t.Errorf("accept %v: %d candidates, want %d", accept, n, want)
		}
	}
}
