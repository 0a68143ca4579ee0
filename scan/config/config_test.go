package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

func TestParseFull(t *testing.T) {
	c, err := Parse([]byte(`
include: ["docs/**/*.md"]
exclude: ["legacy/**"]
rules:
  PGTLS003: off
  server-not-verified: error
trusted-hosts: ["*.internal.example.com"]
drivers:
  - path: "services/api/**"
    driver: pgx
  - path: "web/**"
    driver: pg
max-file-size: 2MiB
fail-on: error
compose-services-local: false
tests: true
`))
	if err != nil {
		t.Fatal(err)
	}
	if !c.Off["PGTLS003"] || c.Severity["PGTLS002"] != rules.SeverityError {
		t.Errorf("rules: off %v severity %v", c.Off, c.Severity)
	}
	if c.MaxFileSize != 2<<20 || c.FailOn != "error" || c.ComposeServicesLocal || !c.Tests {
		t.Errorf("scalars: %+v", c)
	}
	if id, ev, ok := c.DriverFor("services/api/db/conn.env"); !ok || id != drivers.Pgx || !strings.Contains(ev, "services/api/**") {
		t.Errorf("DriverFor: %v %q %v", id, ev, ok)
	}
	if id, _, ok := c.DriverFor("web/.env"); !ok || id != drivers.NodePostgres {
		t.Errorf("DriverFor alias: %v %v", id, ok)
	}
	if _, _, ok := c.DriverFor("other/x.env"); ok {
		t.Error("DriverFor matched an unlisted path")
	}
}

func TestParseErrorsNameTheProblem(t *testing.T) {
	for _, tc := range []struct{ yaml, want string }{
		{"exclude: [a]\ntrusted_hosts: [x]\n", `line 2: unknown key "trusted_hosts"`},
		{"rules:\n  PGTLS999: off\n", `unknown rule "PGTLS999"`},
		{"rules:\n  PGTLS001: loud\n", `PGTLS001`},
		{"drivers:\n  - path: a/**\n    driver: cobol\n", `unknown driver "cobol"`},
		{"drivers:\n  - path: a/**\n    drvier: pgx\n", `unknown key "drvier"`},
		{"max-file-size: lots\n", `max-file-size`},
		{"fail-on: sometimes\n", `fail-on`},
		{"exclude: ['a/[b']\n", `invalid glob`},
		{"include: [\n", `yaml`},
		{"tests: sometimes\n", "line 1: cannot unmarshal !!str `sometimes` into bool"},
	} {
		_, err := Parse([]byte(tc.yaml))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want it to contain %q", tc.yaml, err, tc.want)
		}
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	c, err := Load(filepath.Join(dir, FileName), false)
	if err != nil || !c.ComposeServicesLocal || len(c.Off) != 0 || c.Tests {
		t.Fatalf("missing optional file: %+v %v", c, err)
	}
	if _, err := Load(filepath.Join(dir, "nope.yml"), true); err == nil {
		t.Error("missing required file: no error")
	}
	p := filepath.Join(dir, FileName)
	if err := os.WriteFile(p, []byte("fail-on: note\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err = Load(p, false)
	if err != nil || c.FailOn != "note" {
		t.Errorf("%+v %v", c, err)
	}
	if c, err := Parse(nil); err != nil || c == nil {
		t.Errorf("empty file: %v", err)
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"1048576": 1 << 20, "512KiB": 512 << 10, "2 MiB": 2 << 20, "1G": 1 << 30, "10mb": 10 << 20} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "0", "-1", "big", "1TiB"} {
		if _, err := ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q): no error", in)
		}
	}
}
