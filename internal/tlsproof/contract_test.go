package tlsproof

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// The contract between the harness and the client programs is testdata/tlsproof/README.md.

// servers are the four servers, in the table's order.
var servers = []string{"real", "impostor-ca", "impostor-host", "impostor-plain"}

// tlsRules are the client TLS rules: a case without a rule must draw none of them.
var tlsRules = []string{"PGTLS001", "PGTLS002", "PGTLS003", "PGTLS004", "PGTLS005", "PGTLS006", "PGTLS007", "PGTLS010", "PGTLS011"}

// claims: which servers a weak program connects to, in the order of servers.
var claims = map[string][4]bool{
	"any-cert":   {true, true, true, false},
	"any-ca":     {true, true, false, false},
	"wrong-host": {true, false, true, false},
	"plaintext":  {true, true, true, true},
}

// verified is what a program that checks the server does: the real server only.
var verified = [4]bool{true, false, false, false}

// caseSpec is one case of a cases.json.
type caseSpec struct {
	Setting string `json:"setting"`
	File    string `json:"file"`
	Rule    string `json:"rule"`
	Claim   string `json:"claim"`
	// Notes are the other rules the program draws (they claim nothing about the impostors).
	Notes []string `json:"notes"`
	// CAEnv, when present (even {}), replaces the directory's ca_env for this case.
	CAEnv map[string]string `json:"ca_env"`
}

// casesFile is a cases.json.
type casesFile struct {
	Driver string            `json:"driver"`
	Setup  []string          `json:"setup"`
	Run    []string          `json:"run"`
	CAEnv  map[string]string `json:"ca_env"`
	Cases  []caseSpec        `json:"cases"`
}

// driverDir is a directory with a cases.json.
type driverDir struct {
	casesFile
	// Dir is the directory of cases.json.
	Dir string
	// CopyRoot is the directory the harness copies: the top-level directory under
	// testdata/tlsproof that holds Dir (Dir itself, or its parent for go/pgx).
	CopyRoot string
	// Rel is Dir relative to CopyRoot ("." or "pgx").
	Rel string
}

// caEnv is the CA environment of a case.
func (d *driverDir) caEnv(c caseSpec) map[string]string {
	if c.CAEnv != nil {
		return c.CAEnv
	}
	return d.CAEnv
}

// loadDrivers reads every testdata/tlsproof/*/cases.json and */*/cases.json under base, sorted
// by driver name.
func loadDrivers(base string) ([]*driverDir, error) {
	var files []string
	for _, pat := range []string{"*/cases.json", "*/*/cases.json"} {
		m, err := filepath.Glob(filepath.Join(base, pat))
		if err != nil {
			return nil, err
		}
		files = append(files, m...)
	}
	var out []*driverDir
	var errs []error
	seen := map[string]string{}
	for _, f := range files {
		d, err := loadDriver(base, f)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if prev, ok := seen[d.Driver]; ok {
			errs = append(errs, fmt.Errorf("%s: driver %q is also in %s", f, d.Driver, prev))
			continue
		}
		seen[d.Driver] = f
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := strings.ToLower(out[i].Driver), strings.ToLower(out[j].Driver)
		if a != b {
			return a < b
		}
		return out[i].Driver < out[j].Driver
	})
	return out, errors.Join(errs...)
}

func loadDriver(base, file string) (*driverDir, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	d := &driverDir{Dir: filepath.Dir(file)}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d.casesFile); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	rel, err := filepath.Rel(base, d.Dir)
	if err != nil {
		return nil, err
	}
	top := strings.Split(filepath.ToSlash(rel), "/")[0]
	d.CopyRoot = filepath.Join(base, top)
	if d.Rel, err = filepath.Rel(d.CopyRoot, d.Dir); err != nil {
		return nil, err
	}
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: "+format, append([]any{file}, args...)...))
	}
	if d.Driver == "" {
		bad("no driver")
	}
	if len(d.Run) == 0 {
		bad("no run command")
	} else if !slices.ContainsFunc(d.Run, func(s string) bool { return strings.Contains(s, "{file}") }) {
		bad("run command %q does not name {file}", d.Run)
	}
	if len(d.Cases) == 0 {
		bad("no cases")
	}
	settings := map[string]bool{}
	for i, c := range d.Cases {
		switch {
		case c.Setting == "":
			bad("case %d: no setting", i)
		case settings[c.Setting]:
			bad("case %d: setting %q twice", i, c.Setting)
		}
		settings[c.Setting] = true
		if c.File == "" {
			bad("case %q: no file", c.Setting)
		} else if _, err := os.Stat(filepath.Join(d.Dir, c.File)); err != nil {
			bad("case %q: %v", c.Setting, err)
		}
		if c.Rule != "" {
			if !slices.Contains(tlsRules, c.Rule) {
				bad("case %q: rule %q is not a client TLS rule (%s)", c.Setting, c.Rule, strings.Join(tlsRules, ", "))
			}
			if _, ok := claims[c.Claim]; !ok {
				bad("case %q: claim %q is none of %s", c.Setting, c.Claim, strings.Join(claimNames(), ", "))
			}
		} else if c.Claim != "" {
			bad("case %q: a claim without a rule", c.Setting)
		}
		for _, n := range c.Notes {
			if n == c.Rule || !strings.HasPrefix(n, "PGTLS") {
				bad("case %q: note %q", c.Setting, n)
			}
		}
	}
	return d, errors.Join(errs...)
}

func claimNames() []string {
	var names []string
	for k := range claims {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// wantRules is what the weak program must draw: rule plus notes, sorted.
func wantRules(c caseSpec) []string {
	var want []string
	if c.Rule != "" {
		want = append(want, c.Rule)
	}
	want = append(want, c.Notes...)
	sort.Strings(want)
	return slices.Compact(want)
}

// expand fills in the placeholders of an argument or an environment value.
func expand(s string, vars map[string]string) (string, error) {
	var err error
	out := s
	for k, v := range vars {
		ph := "{" + k + "}"
		if !strings.Contains(out, ph) {
			continue
		}
		if v == "" {
			err = errors.Join(err, fmt.Errorf("%s is not available here", ph))
			continue
		}
		out = strings.ReplaceAll(out, ph, v)
	}
	return out, err
}

// row is one line of the table.
type row struct {
	Driver, Setting string
	// Rule and RuleName are the case's finding ("" for a setting the rules leave alone).
	Rule, RuleName string
	// Notes are the other rules the program draws.
	Notes []string
	// Before: the weak program (or the unflagged one, with the CA); After: the fixed one.
	Before, After [4]bool
	// BeforeWithCA says the weak program ran with the CA.
	BeforeWithCA bool
	// Fixed is the fix, as a short diff.
	Fixed string
}

func yesNo(got [4]bool) string {
	var parts []string
	for i, c := range got {
		switch {
		case c && i > 0:
			parts = append(parts, "**yes**")
		case c:
			parts = append(parts, "yes")
		default:
			parts = append(parts, "no")
		}
	}
	return strings.Join(parts, " / ")
}

func cell(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "|", `\|`), "\n", " ")
}

// renderTable is the Markdown table of the rows, in their order.
func renderTable(rows []row) string {
	var b strings.Builder
	b.WriteString("| driver | setting | finding | connects before the fix: " + strings.Join(servers, " / ") + " | after `scan --fix` | the fix |\n")
	b.WriteString("| --- | --- | --- | --- | --- | --- |\n")
	for _, r := range rows {
		finding, after, fixed := "none", "—", "— (not flagged)"
		if r.Rule != "" {
			finding = r.Rule + " " + r.RuleName
			after = yesNo(r.After)
			fixed = r.Fixed
		}
		if len(r.Notes) > 0 {
			finding += " (also " + strings.Join(r.Notes, ", ") + ")"
		}
		before := yesNo(r.Before)
		if r.BeforeWithCA {
			before += " (with the CA)"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", cell(r.Driver), cell(r.Setting), cell(finding), before, after, cell(fixed))
	}
	return b.String()
}

const (
	beginMarker = "<!-- tlsproof:begin -->"
	endMarker   = "<!-- tlsproof:end -->"
)

// spliceReadme puts the table between the markers; it returns the README before and after.
func spliceReadme(readme, table string) (old, updated string, err error) {
	i := strings.Index(readme, beginMarker)
	j := strings.Index(readme, endMarker)
	if i < 0 || j < 0 || j < i {
		return "", "", fmt.Errorf("README.md has no %s ... %s section", beginMarker, endMarker)
	}
	start := i + len(beginMarker)
	old = strings.TrimPrefix(readme[start:j], "\n")
	return old, readme[:start] + "\n" + table + readme[j:], nil
}

// fixSummary is the change `scan --fix` made, short: `sslmode=require` → `sslmode=verify-full`.
func fixSummary(before, after string) string {
	if before == after {
		return "(no change)"
	}
	bl, al := strings.Split(before, "\n"), strings.Split(after, "\n")
	i := 0
	for i < len(bl) && i < len(al) && bl[i] == al[i] {
		i++
	}
	j := 0
	for j < len(bl)-i && j < len(al)-i && bl[len(bl)-1-j] == al[len(al)-1-j] {
		j++
	}
	oldL, newL := bl[i:len(bl)-j], al[i:len(al)-j]
	if len(oldL) == len(newL) {
		var os, ns []string
		for k := range oldL {
			o, n := tokenDiff(oldL[k], newL[k])
			os, ns = append(os, o), append(ns, n)
		}
		o, n := strings.Join(os, "; "), strings.Join(ns, "; ")
		if o == "" {
			return "added `" + short(n) + "`"
		}
		return "`" + short(o) + "` → `" + short(n) + "`"
	}
	join := func(ls []string) string {
		var t []string
		for _, l := range ls {
			if s := strings.TrimSpace(l); s != "" {
				t = append(t, s)
			}
		}
		return short(strings.Join(t, " "))
	}
	if len(oldL) == 0 {
		return "added `" + join(newL) + "`"
	}
	return "`" + join(oldL) + "` → `" + join(newL) + "`"
}

func short(s string) string {
	const max = 80
	if r := []rune(s); len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return s
}

// tokenChar: what a setting's key or value is made of.
func tokenChar(c byte) bool {
	return !strings.ContainsRune(" \t\"'`,;(){}[]&?<>", rune(c))
}

// tokenDiff is the differing part of two lines, widened to whole tokens and to the key a value
// belongs to (key=value, key: value, key="value").
func tokenDiff(o, n string) (string, string) {
	p := 0
	for p < len(o) && p < len(n) && o[p] == n[p] {
		p++
	}
	s := 0
	for s < len(o)-p && s < len(n)-p && o[len(o)-1-s] == n[len(n)-1-s] {
		s++
	}
	om, nm := o[p:len(o)-s], n[p:len(n)-s]
	// Widen only where the change touches a token: an inserted " sslmode=verify-full" stays alone.
	touches := func(first bool) bool {
		for _, m := range []string{om, nm} {
			if m == "" {
				continue
			}
			c := m[len(m)-1]
			if first {
				c = m[0]
			}
			if tokenChar(c) {
				return true
			}
		}
		return false
	}
	quoted := false
	for touches(true) {
		for p > 0 && tokenChar(o[p-1]) {
			p--
		}
		// A value in quotes or after "key: " belongs to the key before it.
		k, q := p, false
		if k > 0 && (o[k-1] == '"' || o[k-1] == '\'') {
			k, q = k-1, true
		}
		for k > 0 && o[k-1] == ' ' {
			k--
		}
		if k > 0 && k < p && (o[k-1] == '=' || o[k-1] == ':') {
			p, quoted = k-1, quoted || q
			for p > 0 && o[p-1] == ' ' {
				p--
			}
			continue
		}
		break
	}
	if touches(false) {
		for s > 0 && tokenChar(o[len(o)-s]) {
			s--
		}
		if quoted && s > 0 && (o[len(o)-s] == '"' || o[len(o)-s] == '\'') {
			s--
		}
	}
	return strings.Trim(o[p:len(o)-s], " ,"), strings.Trim(n[p:len(n)-s], " ,")
}

// TestCasesFiles checks every cases.json against the contract (no servers needed).
func TestCasesFiles(t *testing.T) {
	drivers, err := loadDrivers(filepath.Join("..", "..", "testdata", "tlsproof"))
	if err != nil {
		t.Fatal(err)
	}
	if len(drivers) == 0 {
		t.Fatal("no testdata/tlsproof/*/cases.json")
	}
}

func TestReadmeMarkers(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := spliceReadme(string(b), ""); err != nil {
		t.Fatal(err)
	}
}

func TestFixSummary(t *testing.T) {
	for _, tc := range []struct{ before, after, want string }{
		{`psql "host=$H dbname=$D sslmode=require" -c 'SELECT 1'`, `psql "host=$H dbname=$D sslmode=verify-full" -c 'SELECT 1'`,
			"`sslmode=require` → `sslmode=verify-full`"},
		{`dsn := fmt.Sprintf("host=%s connect_timeout=10", h)`, `dsn := fmt.Sprintf("host=%s connect_timeout=10 sslmode=verify-full", h)`,
			"added `sslmode=verify-full`"},
		{`	cfg.TLSConfig = &tls.Config{InsecureSkipVerify: true}`, `	cfg.TLSConfig = &tls.Config{ServerName: cfg.Host}`,
			"`InsecureSkipVerify: true` → `ServerName: cfg.Host`"},
		{`x := &tls.Config{InsecureSkipVerify: true})`, `x := &tls.Config{InsecureSkipVerify: false})`,
			"`InsecureSkipVerify: true` → `InsecureSkipVerify: false`"},
		{`conn = psycopg2.connect(host=h, sslmode="require")`, `conn = psycopg2.connect(host=h, sslmode="verify-full")`,
			"`sslmode=\"require\"` → `sslmode=\"verify-full\"`"},
		{`ssl: { rejectUnauthorized: false },`, `ssl: { rejectUnauthorized: true },`,
			"`rejectUnauthorized: false` → `rejectUnauthorized: true`"},
		{"a\nb\n", "a\nb\nc\n", "added `c`"},
		{"ctx.check_hostname = False\nctx.verify_mode = ssl.CERT_NONE", "ctx.check_hostname = True\nctx.verify_mode = ssl.CERT_REQUIRED",
			"`ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE` → `ctx.check_hostname = True; ctx.verify_mode = ssl.CERT_REQUIRED`"},
		{`c = asyncpg.connect(host=h, port=p)`, `c = asyncpg.connect(host=h, port=p, ssl="verify-full")`, "added `ssl=\"verify-full\"`"},
		{`c = asyncpg.connect(host=h)`, `c = asyncpg.connect(ssl="verify-full", host=h)`, "added `ssl=\"verify-full\"`"},
		{"same", "same", "(no change)"},
	} {
		if got := fixSummary(tc.before+"\n", tc.after+"\n"); got != tc.want {
			t.Errorf("fixSummary(%q, %q) = %s, want %s", tc.before, tc.after, got, tc.want)
		}
	}
}

func TestRenderTable(t *testing.T) {
	got := renderTable([]row{
		{Driver: "libpq (psql)", Setting: "sslmode=require", Rule: "PGTLS002", RuleName: "server-not-verified",
			Before: claims["any-cert"], After: verified, Fixed: "`sslmode=require` → `sslmode=verify-full`"},
		{Driver: "x|y", Setting: "ok", Before: verified, BeforeWithCA: true},
	})
	want := "| driver | setting | finding | connects before the fix: real / impostor-ca / impostor-host / impostor-plain | after `scan --fix` | the fix |\n" +
		"| --- | --- | --- | --- | --- | --- |\n" +
		"| libpq (psql) | sslmode=require | PGTLS002 server-not-verified | yes / **yes** / **yes** / no | yes / no / no / no | `sslmode=require` → `sslmode=verify-full` |\n" +
		"| x\\|y | ok | none | yes / no / no / no (with the CA) | — | — (not flagged) |\n"
	if got != want {
		t.Errorf("renderTable:\n%s\nwant:\n%s", got, want)
	}
}

func TestExpand(t *testing.T) {
	d := &driverDir{casesFile: casesFile{CAEnv: map[string]string{"PGSSLROOTCERT": "{ca}"}}}
	if got := d.caEnv(caseSpec{}); got["PGSSLROOTCERT"] != "{ca}" {
		t.Errorf("caEnv without a case ca_env = %v", got)
	}
	if got := d.caEnv(caseSpec{CAEnv: map[string]string{}}); got == nil || len(got) != 0 {
		t.Errorf("caEnv with ca_env {} = %v, want {}", got)
	}
	vars := map[string]string{"ca": "/t/ca.pem", "ca_p12": "", "home": "/t/home"}
	if got, err := expand("-Duser.home={home} -Dx={ca}", vars); err != nil || got != "-Duser.home=/t/home -Dx=/t/ca.pem" {
		t.Errorf("expand = %q, %v", got, err)
	}
	if _, err := expand("{ca_p12}", vars); err == nil {
		t.Error("expand({ca_p12}) without keytool: no error")
	}
	if got := wantRules(caseSpec{Rule: "PGTLS003", Notes: []string{"PGTLS005"}}); !slices.Equal(got, []string{"PGTLS003", "PGTLS005"}) {
		t.Errorf("wantRules = %v", got)
	}
	if got := wantRules(caseSpec{}); len(got) != 0 {
		t.Errorf("wantRules of an unflagged case = %v", got)
	}
}
