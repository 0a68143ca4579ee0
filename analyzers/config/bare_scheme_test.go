package config

import (
	"testing"

	"github.com/pgtlslint/pgtlslint/model/manifest"
)

// TestBareSchemesDoNotPanic: source code that names a scheme on its own ("pgsql:" as a Go
// string, found by scanning pgtlslint's own tree) once cut a slice backwards. analyze is called
// directly, without Analyze's recover, so a panic fails the test.
func TestBareSchemesDoNotPanic(t *testing.T) {
	for _, src := range []string{
		`case strings.HasPrefix(s, "pgsql:"):`,
		`prefix := "postgres://"`,
		`p := 'postgresql://'`,
		"x = `jdbc:postgresql:`",
		`"r2dbc:postgresql://" + rest`,
		"pgsql:",
		"postgres://",
		`u := "postgres://" + host + "/db?sslmode=" + mode`,
	} {
		for _, kind := range []string{KindText, KindEnv, KindShell, KindYAML, KindProperties} {
			_, _, _ = analyze("x", kind, []byte(src), manifest.Hint{})
		}
	}
	// The same file with a real connection string after the bare schemes still yields it.
	src := `p := "pgsql:"` + "\n" + `u := "postgres://db.example.com/app?sslmode=disable"` + "\n"
	if ts, _, _ := analyze("x.go", KindText, []byte(src), manifest.Hint{}); len(ts) != 1 {
		t.Errorf("got %d targets, want the one connection string", len(ts))
	}
}
