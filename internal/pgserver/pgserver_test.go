//go:build pgserver

package pgserver

import (
	"strings"
	"testing"
)

// TestStart starts a server with extra settings and an HBA file, and checks both took effect.
func TestStart(t *testing.T) {
	s := Start(t, Options{
		Conf: []string{"password_encryption = 'scram-sha-256'"},
		HBA:  "host all all 127.0.0.1/32 scram-sha-256\n",
	})
	if s.Version < 13 {
		t.Fatalf("Version = %d", s.Version)
	}
	if got := s.Query(t, "SHOW password_encryption"); got != "scram-sha-256" {
		t.Errorf("password_encryption = %q", got)
	}
	rules := s.Query(t, "SELECT type, address, auth_method FROM pg_hba_file_rules ORDER BY line_number")
	if want := "local||trust\nhost|127.0.0.1|scram-sha-256"; rules != want {
		t.Errorf("pg_hba_file_rules:\n%s\nwant:\n%s", rules, want)
	}
	p := s.WriteFile(t, "extra.conf", []byte("work_mem = '8MB'\n"))
	if !strings.HasPrefix(p, s.DataDir) {
		t.Errorf("WriteFile path %q outside %q", p, s.DataDir)
	}
	s.Reload(t)
}
