package golangci

import (
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
)

// The settings arrive as golangci-lint decodes .golangci.yml: maps of any.
func TestNewSettings(t *testing.T) {
	for _, tc := range []struct {
		name     string
		settings any
		wantErr  []string // substrings of the error; nil means success
	}{
		{name: "none", settings: nil},
		{name: "empty", settings: map[string]any{}},
		{name: "all keys", settings: map[string]any{
			"trusted-hosts": []any{"*.internal.example.com", "db.lan"},
			"driver":        "pgx",
			"disable":       []any{"PGTLS008", "sslrootcert-missing"},
			"tests":         true,
		}},
		{name: "unknown key", settings: map[string]any{"trusted_hosts": []any{"db.lan"}},
			wantErr: []string{"pgtlslint", `unknown field "trusted_hosts"`, "known keys: trusted-hosts, driver, disable, tests"}},
		{name: "wrong type", settings: map[string]any{"trusted-hosts": "db.lan"},
			wantErr: []string{"pgtlslint", "trusted-hosts"}},
		{name: "tests not a boolean", settings: map[string]any{"tests": "yes"},
			wantErr: []string{"pgtlslint", "tests"}},
		{name: "bad driver", settings: map[string]any{"driver": "oracle"},
			wantErr: []string{"pgtlslint", `unknown driver "oracle"`}},
		{name: "bad rule", settings: map[string]any{"disable": []any{"PGTLS999"}},
			wantErr: []string{"pgtlslint", `unknown rule "PGTLS999"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := New(tc.settings)
			if tc.wantErr != nil {
				if err == nil {
					t.Fatalf("New(%v) succeeded, want an error containing %q", tc.settings, tc.wantErr)
				}
				for _, w := range tc.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("New(%v) error %q does not contain %q", tc.settings, err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("New(%v): %v", tc.settings, err)
			}
			as, err := p.BuildAnalyzers()
			if err != nil {
				t.Fatal(err)
			}
			if len(as) != 1 || as[0].Name != Name {
				t.Fatalf("BuildAnalyzers() = %v, want the %s analyzer", as, Name)
			}
			if m := p.GetLoadMode(); m != register.LoadModeTypesInfo {
				t.Errorf("GetLoadMode() = %q, want %q", m, register.LoadModeTypesInfo)
			}
		})
	}
}

// golangci-lint finds the plugin by the name under linters.settings.custom.
func TestRegistered(t *testing.T) {
	newPlugin, err := register.GetPlugin(Name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := newPlugin(map[string]any{"trusted-hosts": []any{"db.lan"}}); err != nil {
		t.Fatal(err)
	}
}
