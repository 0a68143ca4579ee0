//go:build pgserver && linux

package pgconf

// These tests have a real PostgreSQL server read the fixtures, so that the parser is checked
// against the server itself rather than against our reading of its source. Run them with
//
//	go test -tags pgserver ./analyzers/pgconf/
//
// One server serves every check: its postgresql.conf ends with include_if_exists =
// 'fixture.conf', and pg_file_settings parses the configuration files again on every query
// (without applying them), listing each setting with its file and line and each syntax error
// with its line. It stops at a file's first syntax error (it runs at DEBUG level, where the
// parser gives up at once), so files are compared up to their first error and every line is
// also checked on its own.

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/pgtlslint/pgtlslint/internal/pgserver"
	"github.com/pgtlslint/pgtlslint/model/tmpl"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/scan/result"
)

// fileRow is one row of pg_file_settings for a file: a setting, or an error with no name.
type fileRow struct {
	line  int
	name  string // lower-cased; "" for an error row
	value string
	err   string
}

func (r fileRow) String() string {
	if r.name == "" {
		return fmt.Sprintf("%d: error %q", r.line, r.err)
	}
	return fmt.Sprintf("%d: %s=%q", r.line, r.name, r.value)
}

type confServer struct {
	*pgserver.Server
	fixture string // absolute path of the included fixture file
}

func startConfServer(t *testing.T) *confServer {
	t.Helper()
	s := pgserver.Start(t, pgserver.Options{Conf: []string{"include_if_exists = 'fixture.conf'"}})
	t.Logf("PostgreSQL %d", s.Version)
	return &confServer{Server: s, fixture: filepath.Join(s.DataDir, "fixture.conf")}
}

// rows writes content as the fixture file and returns what the server reads from it.
func (s *confServer) rows(t *testing.T, content []byte) []fileRow {
	t.Helper()
	s.WriteFile(t, "fixture.conf", content)
	// Values may hold any byte: have the server encode them, one row per line.
	out := s.Query(t, fmt.Sprintf(`SELECT sourceline, coalesce(lower(name), ''), encode(convert_to(coalesce(setting, ''), 'UTF8'), 'hex'), coalesce(error, '')
		FROM pg_file_settings WHERE sourcefile = '%s' ORDER BY seqno`, s.fixture))
	var rows []fileRow
	for _, l := range strings.Split(out, "\n") {
		if l == "" {
			continue
		}
		f := strings.SplitN(l, "|", 4)
		if len(f) != 4 {
			t.Fatalf("row %q", l)
		}
		n, _ := strconv.Atoi(f[0])
		v, err := hexDecode(f[2])
		if err != nil {
			t.Fatalf("row %q: %v", l, err)
		}
		r := fileRow{line: n, name: f[1], value: v, err: f[3]}
		if r.name != "" {
			r.err = "" // "setting could not be applied" and the like: semantics, not syntax
		}
		rows = append(rows, r)
	}
	return rows
}

func hexDecode(h string) (string, error) {
	b := make([]byte, len(h)/2)
	for i := range b {
		v, err := strconv.ParseUint(h[2*i:2*i+2], 16, 8)
		if err != nil {
			return "", err
		}
		b[i] = byte(v)
	}
	return string(b), nil
}

// parsedRows is what the parser reads from content, in the server's terms.
func parsedRows(content []byte) ([]fileRow, []result.Notice) {
	f := ParseFile("fixture.conf", content)
	starts := rules.LineStarts(content)
	var rows []fileRow
	for _, s := range f.Config.Settings {
		rows = append(rows, fileRow{line: rules.PositionAt(starts, s.Pair.Start).Line, name: s.Name, value: s.Value})
	}
	return rows, f.Notices
}

// serverFixtures are the fixtures in the server's own syntax: templates are for template
// engines, and SQL is checked by TestServerAlterSystem.
func serverFixtures(t *testing.T) []fixture {
	var out []fixture
	for _, f := range loadFixtures(t) {
		if !f.sql && !tmpl.IsTemplateName(f.rel) {
			out = append(out, f)
		}
	}
	return out
}

// TestServerReadsFixturesAsParser compares, for every fixture, the settings and the first
// syntax error the server reports with what the parser extracted.
func TestServerReadsFixturesAsParser(t *testing.T) {
	s := startConfServer(t)
	prepareIncludes(t, s)
	for _, f := range serverFixtures(t) {
		t.Run(f.rel, func(t *testing.T) {
			content, err := os.ReadFile(f.path)
			if err != nil {
				t.Fatal(err)
			}
			got := s.rows(t, content)
			want, ns := parsedRows(content)
			// Rows for include directives are about the included files, not this one.
			var errs []fileRow
			var settings []fileRow
			for _, r := range got {
				switch {
				case r.name != "":
					settings = append(settings, r)
				case r.err == "syntax error":
					errs = append(errs, r)
				}
			}
			if len(ns) == 0 {
				if len(errs) > 0 {
					t.Errorf("the server found syntax errors %v where the parser found none", errs)
				}
			} else {
				first := ns[0].Line
				want = slices.DeleteFunc(want, func(r fileRow) bool { return r.line >= first })
				if len(errs) != 1 || errs[0].line != first {
					t.Errorf("server syntax errors %v, parser's first notice on line %d", errs, first)
				}
			}
			compareRows(t, settings, want)
		})
	}
}

// TestServerReadsLinesAsParser checks every line of every fixture on its own: same setting, or
// a syntax error exactly where the parser gives a notice.
func TestServerReadsLinesAsParser(t *testing.T) {
	s := startConfServer(t)
	prepareIncludes(t, s)
	checked := 0
	for _, f := range serverFixtures(t) {
		content, err := os.ReadFile(f.path)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(strings.TrimSuffix(string(content), "\n"), "\n") {
			if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
				continue
			}
			one := []byte(line + "\n")
			got := s.rows(t, one)
			want, ns := parsedRows(one)
			serverErr := slices.ContainsFunc(got, func(r fileRow) bool { return r.err == "syntax error" })
			if serverErr != (len(ns) > 0) {
				t.Errorf("%s:%d %q: server syntax error %v, parser notices %v", f.rel, i+1, line, serverErr, ns)
				continue
			}
			compareRows(t, slices.DeleteFunc(got, func(r fileRow) bool { return r.name == "" }), want)
			checked++
		}
	}
	t.Logf("%d lines checked", checked)
}

func compareRows(t *testing.T, got, want []fileRow) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("server read\n\t%v\nparser read\n\t%v", got, want)
	}
}

// prepareIncludes creates what the fixtures include, so that the server reads the files
// instead of reporting them missing: tls.conf beside the fixture and a conf.d directory.
func prepareIncludes(t *testing.T, s *confServer) {
	t.Helper()
	tls, err := os.ReadFile(filepath.Join(fixtureRoot, "include", "tls.conf"))
	if err != nil {
		t.Fatal(err)
	}
	s.WriteFile(t, "tls.conf", tls)
	// WriteFile creates missing directories for root only; make conf.d the server's own.
	dir := filepath.Join(s.DataDir, "conf.d")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(s.DataDir); err == nil {
		sys := st.Sys().(*syscall.Stat_t)
		if err := os.Chown(dir, int(sys.Uid), int(sys.Gid)); err != nil {
			t.Fatal(err)
		}
	}
	frag, err := os.ReadFile(filepath.Join(fixtureRoot, "include-dir", "conf.d", "10-tls.conf"))
	if err != nil {
		t.Fatal(err)
	}
	s.WriteFile(t, "conf.d/10-tls.conf", frag)
}

// TestServerValueSemantics has the server judge the values the rules read: a boolean ssl
// value, a TLS version, a password_encryption value. ALTER SYSTEM accepts exactly the values
// the server can use; the rules must fire on exactly the accepted weak ones.
func TestServerValueSemantics(t *testing.T) {
	s := startConfServer(t)
	defer s.Query(t, "ALTER SYSTEM RESET ALL")
	cases := map[string][]string{
		"ssl": {"off", "OFF", "of", "Of", "o", "on", "f", "fa", "fals", "false", "falsee", "n", "no", "No", "0", "1", "00",
			"t", "y", "yes", "true", " off", "off ", "offf", "yeſ", "nö", ""},
		"ssl_min_protocol_version": {"TLSv1", "tlsv1", "TLSV1.1", "TLSv1.0", "TLSv1.2", "tlsv1.3", "", " TLSv1", "TLSv1 ", "SSLv3", "tlſv1"},
		"ssl_max_protocol_version": {"TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3", "", "tlsv1.1"},
		"password_encryption":      {"md5", "MD5", "Md5", "scram-sha-256", "SCRAM-SHA-256", "md5 ", "md", "plain", "off"},
	}
	for name, values := range cases {
		for _, v := range values {
			accepted := alterSystem(t, s, name, v)
			weak := accepted
			switch name {
			case "ssl":
				weak = accepted && s.Query(t, "SELECT "+quoteSQL(v)+"::bool") == "f"
			case "ssl_min_protocol_version", "ssl_max_protocol_version":
				weak = accepted && (strings.EqualFold(v, "TLSv1") || strings.EqualFold(v, "TLSv1.1"))
			case "password_encryption":
				weak = accepted && strings.EqualFold(v, "md5")
			}
			cfg := &rules.ServerConfig{Path: "x.conf", Origin: rules.OriginConfFile, Settings: []rules.ServerSetting{{Name: name, Value: v}}}
			fired := len(rules.EvaluateServer(cfg)) > 0
			if fired != weak {
				t.Errorf("%s = %q: server accepts %v, weak %v; the rules fire %v", name, v, accepted, weak, fired)
			}
		}
	}
	// PostgreSQL 14 and later reject the md5 aliases of 10 to 13, which the rules still report
	// for those older servers.
	for _, v := range []string{"on", "true", "yes", "1"} {
		if s.Version >= 14 && alterSystem(t, s, "password_encryption", v) {
			t.Errorf("PostgreSQL %d accepts password_encryption = %q", s.Version, v)
		}
	}
}

// alterSystem reports whether the server accepts ALTER SYSTEM SET name = 'v'.
func alterSystem(t *testing.T, s *confServer, name, v string) bool {
	t.Helper()
	out, err := s.psql(t, "-c", "ALTER SYSTEM SET "+name+" = "+quoteSQL(v))
	if err != nil && !strings.Contains(out, "ERROR") {
		t.Fatalf("psql: %v\n%s", err, out)
	}
	return err == nil
}

// psql runs psql as the superuser over the socket and returns its output and exit error.
func (s *confServer) psql(t *testing.T, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command("psql", append([]string{"-X", "-q", "-h", s.SocketDir, "-p", strconv.Itoa(s.Port), "-U", "postgres", "-d", "postgres"}, args...)...)
	cmd.Env = append(os.Environ(), "PGCONNECT_TIMEOUT=5")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// serverRejects are settings of the SQL fixtures that the server refuses for their value or
// name, which the parser does not judge: it knows the syntax, not every parameter.
var serverRejects = map[string]string{
	"lists.sql random_page_cost":  "-1.5 is outside the valid range",
	"keywords.sql myext.tls_mode": "no such parameter: PostgreSQL 15 creates no placeholder through ALTER SYSTEM",
}

// TestServerAlterSystem runs every SQL fixture through psql on the server and compares the
// postgresql.auto.conf that ALTER SYSTEM leaves with the settings ParseAlterSystem reads
// (the last value of each name).
func TestServerAlterSystem(t *testing.T) {
	s := startConfServer(t)
	for _, f := range loadFixtures(t) {
		if !f.sql {
			continue
		}
		t.Run(f.rel, func(t *testing.T) {
			s.Query(t, "ALTER SYSTEM RESET ALL")
			abs, err := filepath.Abs(f.path)
			if err != nil {
				t.Fatal(err)
			}
			out, _ := s.psql(t, "-f", abs) // the fixtures hold statements that fail on purpose
			got := map[string]string{}
			rows := s.Query(t, `SELECT lower(name), setting FROM pg_file_settings WHERE sourcefile LIKE '%/postgresql.auto.conf'`)
			for _, l := range strings.Split(rows, "\n") {
				if name, v, ok := strings.Cut(l, "|"); ok {
					got[name] = v
				}
			}
			content, _ := os.ReadFile(f.path)
			want := map[string]string{}
			for _, st := range ParseAlterSystem(f.rel, content).Settings {
				if _, skip := serverRejects[filepath.Base(f.rel)+" "+st.Name]; !skip {
					want[st.Name] = st.Value
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("postgresql.auto.conf holds %v, the parser read %v\npsql said:\n%s", got, want, out)
			}
		})
	}
	s.Query(t, "ALTER SYSTEM RESET ALL")
}
