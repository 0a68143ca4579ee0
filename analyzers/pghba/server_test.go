//go:build pgserver

package pghba

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	mathrand "math/rand"
	"os"
	"os/exec"
	"path"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pgtlslint/pgtlslint/internal/pgserver"
	"github.com/pgtlslint/pgtlslint/rules"
)

// The fixtures against a real server: pg_hba_file_rules reads the file named by hba_file
// afresh on every query, so one server checks them all by overwriting its pg_hba.conf (without
// a reload, the server keeps the rules it started with). For a fixture without notices the
// server must accept every line and list exactly our records; for one with notices it must
// report an error on exactly the lines we gave a notice for.
//
// Run with: go test -tags pgserver ./analyzers/pghba/

// minVersion is the server version a fixture needs, from its name.
func minVersion(name string) int {
	for _, p := range []struct {
		prefix  string
		version int
	}{{"pg16-", 16}, {"malformed-pg16", 16}, {"pg18-", 18}} {
		if strings.HasPrefix(name, p.prefix) {
			return p.version
		}
	}
	return 15
}

// buildDependent are errors that depend on how the server was built, not on the file.
func buildDependent(name, msg string) bool {
	return strings.HasPrefix(name, "platform-") && strings.Contains(msg, "not supported by this build")
}

// startServer starts one server with TLS on, so that hostssl lines are valid.
func startServer(t *testing.T) *pgserver.Server {
	t.Helper()
	crt, key := selfSigned(t)
	s := pgserver.Start(t, pgserver.Options{
		Conf:  []string{"ssl = on", "ssl_cert_file = 'server.crt'", "ssl_key_file = 'server.key'"},
		Files: map[string][]byte{"server.crt": crt, "server.key": key},
	})
	if s.Version >= 18 {
		// oauth lines need a validator library named in the configuration (it is loaded only
		// when a client connects). Older servers refuse the unknown setting, so it is set here.
		s.Query(t, "ALTER SYSTEM SET oauth_validator_libraries = 'v'")
		s.Reload(t)
	}
	return s
}

func TestServerAgrees(t *testing.T) {
	s := startServer(t)
	for _, fx := range loadFixtures(t) {
		t.Run(fx.name, func(t *testing.T) {
			if v := minVersion(fx.name); s.Version < v {
				t.Skipf("needs PostgreSQL %d, server is %d", v, s.Version)
			}
			f := parse(fx.name, fx.content)
			writeReferencedFiles(t, s, f)
			s.WriteFile(t, "pg_hba.conf", fx.content)
			rows := hbaFileRules(t, s)
			if len(rows) == 0 {
				t.Fatalf("pg_hba_file_rules is empty")
			}
			t.Logf("%d server rows, %d records, %d notices", len(rows), len(f.Records), len(f.Notices))
			compareParsed(t, s, f, fx.content)
			if len(f.Notices) == 0 {
				checkClean(t, fx.name, f, rows)
			} else {
				checkRejected(t, fx.name, s.Version, f, rows)
			}
		})
	}
}

// hbaRow is one row of pg_hba_file_rules.
type hbaRow struct {
	line  int
	typ   string
	error string
}

func hbaFileRules(t *testing.T, s *pgserver.Server) []hbaRow {
	t.Helper()
	where := ""
	if s.Version >= 16 {
		where = "WHERE file_name = current_setting('hba_file')" // not the lines of included files
	}
	out := s.Query(t, "SELECT format('%s\t%s\t%s', line_number, coalesce(type, ''), replace(coalesce(error, ''), E'\\n', ' ')) FROM pg_hba_file_rules "+where+" ORDER BY line_number")
	var rows []hbaRow
	for _, l := range strings.Split(out, "\n") {
		if l == "" {
			continue
		}
		parts := strings.SplitN(l, "\t", 3)
		n, err := strconv.Atoi(parts[0])
		if err != nil || len(parts) != 3 {
			t.Fatalf("bad row %q", l)
		}
		rows = append(rows, hbaRow{line: n, typ: parts[1], error: parts[2]})
	}
	return rows
}

// rejected reports whether the server rejected a row's line. Some errors (an invalid clientcert
// or clientname value) leave the error column empty in some versions, but the row has no type.
func (r hbaRow) rejected() bool { return r.error != "" || r.typ == "" }

func checkClean(t *testing.T, name string, f *File, rows []hbaRow) {
	t.Helper()
	var lines []int
	for _, r := range rows {
		if r.rejected() && !buildDependent(name, r.error) {
			t.Errorf("line %d: the server rejects it (%q), the analyzer accepts it", r.line, r.error)
		}
		lines = append(lines, r.line)
	}
	if got, want := strconv.Itoa(len(lines))+" "+ints(lines), strconv.Itoa(len(f.Lines))+" "+ints(f.Lines); got != want {
		t.Errorf("server rules (count, lines) %s, analyzer records %s", got, want)
	}
}

func checkRejected(t *testing.T, name string, version int, f *File, rows []hbaRow) {
	t.Helper()
	server := map[int]string{}
	for _, r := range rows {
		if r.rejected() && !buildDependent(name, r.error) {
			server[r.line] = r.error
		}
	}
	ours := map[int]string{}
	for _, n := range f.Notices {
		ours[n.Line] = n.Message
	}
	for line, msg := range ours {
		if version < 16 && strings.HasPrefix(msg, "invalid regular expression") {
			continue // before PostgreSQL 16 a name starting with a slash is just a name
		}
		if _, ok := server[line]; !ok {
			t.Errorf("line %d: notice %q, but the server accepts the line", line, msg)
		}
	}
	for line, msg := range server {
		if _, ok := ours[line]; !ok {
			t.Errorf("line %d: the server rejects it (%q), the analyzer gives no notice", line, msg)
		}
	}
	for _, line := range f.Lines {
		if _, bad := server[line]; bad {
			t.Errorf("line %d: the analyzer made a record of a line the server rejects", line)
		}
	}
}

func ints(xs []int) string {
	s := append([]int(nil), xs...)
	sort.Ints(s)
	var b strings.Builder
	for _, x := range s {
		b.WriteString(strconv.Itoa(x) + ",")
	}
	return b.String()
}

// compareParsed checks that the server read each record's columns as the analyzer did: the
// connection type, database and role names (quotes removed), the address as the server
// prints it, and the method.
func compareParsed(t *testing.T, s *pgserver.Server, f *File, content []byte) {
	t.Helper()
	where := "WHERE error IS NULL AND type IS NOT NULL"
	if s.Version >= 16 {
		where += " AND file_name = current_setting('hba_file')"
	}
	out := s.Query(t, `SELECT format('%s'||E'\x1e'||'%s'||E'\x1e'||'%s'||E'\x1e'||'%s'||E'\x1e'||'%s'||E'\x1e'||'%s',
		line_number, type, array_to_string(database, E'\x1f'), array_to_string(user_name, E'\x1f'), coalesce(address, ''), auth_method)
		FROM pg_hba_file_rules `+where+` ORDER BY line_number`)
	server := map[string]string{}
	for _, l := range strings.Split(out, "\n") {
		if l != "" {
			line, rest, _ := strings.Cut(l, "\x1e")
			server[line] = rest
		}
	}
	for i, r := range f.Records {
		line := strconv.Itoa(f.Lines[i])
		got, ok := server[line]
		if !ok {
			continue // checkClean and checkRejected report missing rows
		}
		if want := describeRecord(r); got != want {
			t.Errorf("line %s: the server reads %q, the analyzer %q\n%s", line, got, want, lineOf(content, f.Lines[i]))
		}
	}
}

// describeRecord renders a record as compareParsed's query does.
func describeRecord(r rules.HBARecord) string {
	texts := func(fs []rules.HBAField) string {
		var out []string
		for _, f := range fs {
			if !f.Quoted && len(f.Text) > 1 && f.Text[0] == '@' {
				out = append(out, "nobody") // what writeReferencedFiles put in the file
				continue
			}
			out = append(out, f.Text)
		}
		return strings.Join(out, "\x1f")
	}
	addr := ""
	if r.Address != nil {
		n, _ := rules.ParseHBANet(*r.Address, r.Mask)
		switch {
		case n.Keyword != "":
			addr = n.Keyword
		case n.Prefix.IsValid():
			addr = n.Prefix.Addr().String()
		default:
			addr = n.Host
		}
	}
	method := r.Method.Text
	if r.Type.Text == "local" && method == "ident" {
		method = "peer"
	}
	return strings.Join([]string{r.Type.Text, texts(r.Databases), texts(r.Users), addr, method}, "\x1e")
}

func lineOf(content []byte, n int) string {
	lines := strings.Split(string(content), "\n")
	if n-1 < len(lines) {
		return lines[n-1]
	}
	return ""
}

// writeReferencedFiles creates the files a fixture names, next to pg_hba.conf: @files of the
// database and role columns (one role name each), and the targets of include lines (empty).
func writeReferencedFiles(t *testing.T, s *pgserver.Server, f *File) {
	t.Helper()
	for _, r := range f.Records {
		for _, fld := range append(append([]rules.HBAField(nil), r.Databases...), r.Users...) {
			if !fld.Quoted && len(fld.Text) > 1 && fld.Text[0] == '@' {
				s.WriteFile(t, fld.Text[1:], []byte("nobody\n"))
			}
		}
	}
	for _, inc := range f.Includes {
		name := inc.Target.Text
		if inc.Directive == "include_dir" {
			name = path.Join(name, "empty.conf")
		}
		s.WriteFile(t, name, []byte("# empty\n"))
	}
}

// TestServerPasswordMethods checks the facts PGTLS103's fix description states: an md5 line
// lets a role whose password is stored as SCRAM in (it switches to SCRAM), and a scram-sha-256
// line turns away a role whose password is still an MD5 hash.
func TestServerPasswordMethods(t *testing.T) {
	psql, err := exec.LookPath("psql")
	if err != nil {
		t.Skip("no psql")
	}
	s := startServer(t)
	s.Query(t, "SET password_encryption = 'md5'; CREATE ROLE md5_role LOGIN PASSWORD 'pw'")
	s.Query(t, "SET password_encryption = 'scram-sha-256'; CREATE ROLE scram_role LOGIN PASSWORD 'pw'")
	for _, tt := range []struct {
		method string
		ok     map[string]bool
	}{
		{"md5", map[string]bool{"md5_role": true, "scram_role": true}},
		{"scram-sha-256", map[string]bool{"md5_role": false, "scram_role": true}},
		{"password", map[string]bool{"md5_role": true, "scram_role": true}},
	} {
		s.WriteFile(t, "pg_hba.conf", []byte("local all postgres trust\nhost all md5_role,scram_role 127.0.0.1/32 "+tt.method+"\n"))
		s.Reload(t)
		for role, want := range tt.ok {
			cmd := exec.Command(psql, "-XAtc", "SELECT 1", "host=127.0.0.1 port="+strconv.Itoa(s.Port)+" dbname=postgres sslmode=disable user="+role)
			cmd.Env = append(os.Environ(), "PGPASSWORD=pw", "PGCONNECT_TIMEOUT=5")
			out, err := cmd.CombinedOutput()
			if got := err == nil; got != want {
				t.Errorf("method %s, role %s: connected %v, want %v: %s", tt.method, role, got, want, out)
			}
		}
	}
}

// selfSigned makes a throw-away server certificate and key.
func selfSigned(t *testing.T) (crt, key []byte) {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "localhost"},
		DNSNames:     []string{"localhost"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		t.Fatal(err)
	}
	pk, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pk})
}

// TestServerRandomLines compares the analyzer with the server on lines assembled at random
// from pieces of the grammar, right and wrong: the server must reject exactly the lines the
// analyzer gives a notice for. Pieces whose verdict depends on more than the file (@files,
// host names of RADIUS servers, methods of other platforms, PostgreSQL 16+ syntax) are left
// out. PGHBA_RANDOM_LINES sets how many lines (default 3000), PGHBA_RANDOM_SEED the seed.
func TestServerRandomLines(t *testing.T) {
	n, seed := 3000, int64(1)
	if v, err := strconv.Atoi(os.Getenv("PGHBA_RANDOM_LINES")); err == nil {
		n = v
	}
	if v, err := strconv.ParseInt(os.Getenv("PGHBA_RANDOM_SEED"), 10, 64); err == nil {
		seed = v
	}
	s := startServer(t)
	content := randomHBA(mathrand.New(mathrand.NewSource(seed)), n)
	f := parse("random", content)
	s.WriteFile(t, "pg_hba.conf", content)
	rows := hbaFileRules(t, s)
	t.Logf("%d server rows, %d records, %d notices", len(rows), len(f.Records), len(f.Notices))
	checkRejected(t, "random", s.Version, f, rows)
	compareParsed(t, s, f, []byte(content))
	if t.Failed() {
		_ = os.WriteFile(os.TempDir()+"/pghba-random.hba", content, 0o644)
		t.Logf("the file is in %s/pghba-random.hba", os.TempDir())
	}
}

// randomPieces are, for each column, pieces the server accepts and pieces it rejects (or
// that upset the columns after them).
var randomPieces = []struct{ good, bad []string }{
	{[]string{"local", "host", "hostssl", "hostnossl", "hostgssenc", "hostnogssenc", `"host"`, `"hostssl"`},
		[]string{"hots", "HOST", "host,local", "#", ""}},
	{[]string{"all", `"all"`, `a"ll"`, "sameuser", "samerole", "samegroup", "replication", "app", "app,other", "app, other", `"my db"`, `""`, "+grp", `"db#1"`},
		[]string{`"x`, "", "#c"}},
	{[]string{"all", `"all"`, "+admins", "app", "a,b", `"r ""x"""`, "a,,b"},
		[]string{"", "#c"}},
	{[]string{"10.0.0.0/8", "10.0.0.0 255.0.0.0", "::1/128", "::/0", "0.0.0.0/0", "all", `"all"`, "samehost", "samenet",
		"db.example.com", ".example.com", "10.1/16", "0x0a000000/8", "10.0.0.256", "fe80::/10", "2001:db8:: ffff::", "127.0.0.1/+32", "10.0.0.0 255.0.255.0"},
		[]string{"10.0.0.0/33", "10.0.0.0", "10.0.0.0 255.0.0.x", "10.0.0.0 ffff::", "db.example.com/8", "10.0.0.256/8", "10.0.0.0/8,10.1.0.0/16", "10.0.0.0/8x", ""}},
	{[]string{"trust", "reject", "md5", "password", "scram-sha-256", "gss", "ident", "peer", "ldap", "radius", "cert", "pam", `"md5"`, `"md5`},
		[]string{"md6", "SCRAM-SHA-256", "md5,trust", ""}},
	{[]string{"", "", "", "", "map=m", "clientcert=verify-full", "clientcert=verify-ca", "clientname=CN", "include_realm=0", "krb_realm=X",
		"pamservice=p", "pam_use_hostname=1", "ldapserver=l", "ldapbasedn=dc=x", "ldapprefix=cn=", "ldapsuffix=,dc=x", "ldapport=636",
		"ldapsearchattribute=uid", "ldapsearchfilter=(uid=$username)", "ldapurl=ldap://l/dc=x?uid?sub", "ldapurl=ldaps://l",
		"ldapbinddn=cn=b", "ldapbindpasswd=s", "radiusservers=192.0.2.1", `radiusservers="192.0.2.1,192.0.2.2"`, "radiussecrets=s",
		`radiussecrets="a,b,c"`, "radiusports=1812", `radiusports="1812,1813"`, "radiusidentifiers=i", "# c"},
		[]string{"clientcert=x", "clientname=UID", "ldapport=x", "ldapurl=http://l/", "radiusports=x", "foo=bar", "nonsense"}},
}

// methodOptions are options that suit each method.
var methodOptions = map[string]string{
	"ldap": "ldapserver=l ldapbasedn=dc=x", "radius": "radiusservers=192.0.2.1 radiussecrets=s",
	"cert": "clientname=CN", "gss": "include_realm=0", "ident": "map=m", "peer": "map=m", "pam": "pamservice=p",
	"scram-sha-256": "clientcert=verify-ca",
}

// piece picks a piece for column col, a rejected one now and then.
func piece(r *mathrand.Rand, col int) string {
	p := randomPieces[col]
	if r.Intn(15) == 0 {
		return p.bad[r.Intn(len(p.bad))]
	}
	return p.good[r.Intn(len(p.good))]
}

// mutate inserts, now and then, characters the tokenizer treats specially into a line.
func mutate(r *mathrand.Rand, line string) string {
	const special = "\",#\t \\\r/="
	if strings.Contains(line, "radiusservers") {
		return line // a mutated server name is a DNS lookup for the server, which fails
	}
	for r.Intn(8) == 0 && line != "" {
		i := r.Intn(len(line) + 1)
		line = line[:i] + string(special[r.Intn(len(special))]) + line[i:]
	}
	return line
}

// randomHBA assembles n random lines.
func randomHBA(r *mathrand.Rand, n int) []byte {
	var b strings.Builder
	seps := []string{" ", "  ", "\t", " \t ", ","}
	for range n {
		var words []string
		for col := range randomPieces {
			words = append(words, piece(r, col))
			if col == len(randomPieces)-2 && r.Intn(2) == 0 {
				// Options that fit the method, so that more lines are valid.
				words = append(words, methodOptions[strings.Trim(words[col], `"`)])
				break
			}
			if col == len(randomPieces)-1 {
				for r.Intn(3) == 0 {
					words = append(words, piece(r, col)) // more options
				}
			}
		}
		var line strings.Builder
		for i, w := range words {
			if i > 0 {
				sep := seps[r.Intn(len(seps))]
				if sep == "," && r.Intn(4) != 0 {
					sep = " "
				}
				line.WriteString(sep)
			}
			line.WriteString(w)
		}
		b.WriteString(mutate(r, line.String()))
		if r.Intn(50) == 0 {
			b.WriteString(" \\") // a continuation joins the next line
		}
		if r.Intn(20) == 0 {
			b.WriteString("\r")
		}
		b.WriteString("\n")
	}
	return []byte(b.String())
}
