package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/internal/fixtures"
	"github.com/pgtlslint/pgtlslint/internal/gomodtest"
	"github.com/pgtlslint/pgtlslint/rules"
)

// TestScanServerSide scans the pg_hba.conf and postgresql.conf fixtures and the container
// fixtures through the CLI: every file's findings match its annotations, malformed files give
// parse-error notices, and `scan --fix` leaves no fixable server finding behind.
func TestScanServerSide(t *testing.T) {
	var trees []string
	for _, d := range []string{"pghba", "pgconf", "config/yaml/server", "config/dockerfile/server", "config/env/server", "config/shell/server"} {
		abs, err := filepath.Abs(filepath.Join("../../testdata", d))
		if err != nil {
			t.Fatal(err)
		}
		trees = append(trees, abs)
	}
	_, rep, _ := scanJSON(t, append([]string{"--fail-on", "never"}, trees...)...)
	byFile := map[string][]rules.Finding{}
	for _, f := range rep.Findings {
		byFile[f.Path] = append(byFile[f.Path], rules.Finding{RuleID: f.RuleID, Severity: rules.Severity(f.Severity), Start: rules.Position{Line: f.Start.Line}})
	}
	notices := map[string]string{}
	for _, n := range rep.Notices {
		notices[n.Path] = n.Kind
	}
	checked, wants := 0, 0
	for _, root := range trees {
		err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".want") {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			spec, err := fixtures.ParseAnnotations(b)
			if err != nil || (len(spec.Wants) == 0 && !spec.None && !spec.Notice) {
				return err // not a fixture of its own (an included file)
			}
			t.Run(strings.TrimPrefix(p, filepath.Dir(root)+"/"), func(t *testing.T) {
				if bytes.IndexByte(b[:min(len(b), 8192)], 0) >= 0 {
					// A NUL byte makes the scan skip the file as binary, whatever its name.
					if notices[p] != "skipped" || len(byFile[p]) > 0 {
						t.Errorf("binary fixture: notice %q, %d findings; want skipped, none", notices[p], len(byFile[p]))
					}
					return
				}
				fixtures.Compare(t, spec, byFile[p])
				if spec.Notice != (notices[p] == "parse-error") {
					t.Errorf("notice %q, want a parse-error notice: %v", notices[p], spec.Notice)
				}
			})
			checked++
			wants += len(spec.Wants)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if checked < 60 || wants < 140 {
		t.Fatalf("checked %d fixtures with %d wants; the trees hold more", checked, wants)
	}

	// --fix on copies: host -> hostssl, md5/password -> scram-sha-256, TLSv1 -> TLSv1.2.
	var dirs []string
	for _, root := range trees[:2] {
		dirs = append(dirs, gomodtest.CopyTree(t, root, func(string) bool { return false }))
	}
	code, _, stderr := runCLI(t, "", append([]string{"scan", "--fix", "--format", "json"}, dirs...)...)
	m := regexp.MustCompile(`applied (\d+) fix edits`).FindStringSubmatch(stderr)
	if m == nil || code != 1 {
		t.Fatalf("scan --fix: exit %d, stderr %q", code, stderr)
	}
	_, after, _ := scanJSON(t, append([]string{"--fail-on", "never"}, dirs...)...)
	for _, f := range after.Findings {
		switch f.RuleID {
		case "PGTLS101", "PGTLS112", "PGTLS113":
			t.Errorf("%s:%d: %s left after --fix: %s", f.Path, f.Start.Line, f.RuleID, f.Message)
		case "PGTLS103":
			if !strings.Contains(f.Message, "trust") && f.Fix != nil && len(f.Fix.Edits) > 0 {
				t.Errorf("%s:%d: PGTLS103 with an edit left after --fix", f.Path, f.Start.Line)
			}
		}
	}
	t.Logf("--fix: %s; %d findings left in the pg_hba.conf and postgresql.conf copies", m[0], len(after.Findings))
}

// TestScanRecognisesServerFilesByContent: .conf files with other names are read as pg_hba.conf
// or postgresql.conf when their content says so.
func TestScanRecognisesServerFilesByContent(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"docker/db/access.conf": "# TYPE DATABASE USER ADDRESS METHOD\nlocal all all peer\nhost all all 0.0.0.0/0 md5\n",
		"docker/db/server.conf": "listen_addresses = '*'\nssl = off\nshared_buffers = 128MB\n",
		"nginx/site.conf":       "server {\n  listen 443 ssl;\n  host example.com;\n}\n",
		// A standby's connection to its primary: the server's libpq reads it.
		"standby/postgresql.auto.conf": "primary_conninfo = 'host=primary.example.com user=rep password=" + secretPassword + " sslmode=prefer'\n",
	})
	_, rep, _ := scanJSON(t, dir)
	got := found(rep)
	for _, w := range []string{"docker/db/access.conf PGTLS101", "docker/db/access.conf PGTLS103", "docker/db/access.conf PGTLS104", "docker/db/server.conf PGTLS111",
		"standby/postgresql.auto.conf PGTLS001", "standby/postgresql.auto.conf PGTLS008"} {
		if !got[filepath.Join(dir, filepath.FromSlash(strings.Fields(w)[0]))+" "+strings.Fields(w)[1]] {
			t.Errorf("missing %s; got %v", w, got)
		}
	}
	for _, f := range rep.Findings {
		if strings.HasSuffix(f.Path, "postgresql.auto.conf") && f.Driver != "libpq" {
			t.Errorf("primary_conninfo read as %s, not by the server's libpq", f.Driver)
		}
	}
	for _, format := range []string{"text", "json", "sarif", "github"} {
		if _, out, _ := runCLI(t, "", "scan", "--format", format, dir); strings.Contains(out, secretPassword) {
			t.Errorf("--format %s prints the password of primary_conninfo", format)
		}
	}
	for k := range got {
		if strings.Contains(k, "nginx") {
			t.Errorf("nginx config read as PostgreSQL's: %s", k)
		}
	}
}
