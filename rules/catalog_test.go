package rules

import (
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// wantCatalog is the rule table of RULES.md: id, name, default severity
// and security-severity. The docs in rules/doc must match it exactly.
var wantCatalog = []struct {
	id, name         string
	severity         Severity
	securitySeverity string
}{
	{"PGTLS001", "plaintext-allowed", SeverityError, "8.1"},
	{"PGTLS002", "server-not-verified", SeverityWarning, "7.4"},
	{"PGTLS003", "hostname-not-verified", SeverityNote, "5.3"},
	{"PGTLS004", "sslmode-missing", SeverityWarning, "7.4"},
	{"PGTLS005", "sslrootcert-missing", SeverityNote, "3.7"},
	{"PGTLS006", "verification-disabled", SeverityError, "8.1"},
	{"PGTLS007", "weak-tls-version", SeverityError, "7.5"},
	{"PGTLS008", "password-in-connection-string", SeverityWarning, "7.5"},
	{"PGTLS009", "sslmode-invalid", SeverityError, "5.0"},
	{"PGTLS010", "driver-semantics-change", SeverityNote, "3.1"},
	{"PGTLS011", "tls-setting-ignored", SeverityWarning, "6.5"},
	{"PGTLS101", "hba-host-not-hostssl", SeverityError, "8.1"},
	{"PGTLS102", "hba-trust-remote", SeverityError, "9.1"},
	{"PGTLS103", "hba-weak-auth", SeverityWarning, "6.5"},
	{"PGTLS104", "hba-open-to-world", SeverityWarning, "5.3"},
	{"PGTLS111", "server-ssl-off", SeverityError, "8.1"},
	{"PGTLS112", "server-weak-tls-version", SeverityError, "7.5"},
	{"PGTLS113", "server-md5-passwords", SeverityWarning, "5.3"},
	{"PGTLS121", "container-trust-auth", SeverityError, "9.1"},
}

func TestCatalogMatchesRulesMD(t *testing.T) {
	got := Catalog()
	if len(got) != len(wantCatalog) {
		var ids []string
		for _, r := range got {
			ids = append(ids, r.ID)
		}
		t.Fatalf("Catalog() has %d rules %v, want %d", len(got), ids, len(wantCatalog))
	}
	for i, w := range wantCatalog {
		r := got[i]
		if r.ID != w.id || r.Name != w.name || r.Severity != w.severity || r.SecuritySeverity != w.securitySeverity {
			t.Errorf("rule %d = %s %s %s %s, want %s %s %s %s", i,
				r.ID, r.Name, r.Severity, r.SecuritySeverity,
				w.id, w.name, w.severity, w.securitySeverity)
		}
	}
}

func TestCatalogEveryDocIsARule(t *testing.T) {
	entries, err := fs.ReadDir(docFS, "doc")
	if err != nil {
		t.Fatal(err)
	}
	want := make(map[string]bool)
	for _, w := range wantCatalog {
		want[w.id+".md"] = true
	}
	for _, e := range entries {
		if !want[e.Name()] {
			t.Errorf("rules/doc/%s is not a rule of RULES.md", e.Name())
		}
		delete(want, e.Name())
	}
	for name := range want {
		t.Errorf("rules/doc/%s is missing", name)
	}
}

func TestCatalogIDsAndNames(t *testing.T) {
	rules := Catalog()
	ids := make(map[string]bool)
	names := make(map[string]bool)
	kebab := regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
	for i, r := range rules {
		if ids[r.ID] {
			t.Errorf("id %s repeated", r.ID)
		}
		ids[r.ID] = true
		if names[r.Name] {
			t.Errorf("name %s repeated", r.Name)
		}
		names[r.Name] = true
		if !kebab.MatchString(r.Name) {
			t.Errorf("%s: name %q is not kebab-case", r.ID, r.Name)
		}
		if i > 0 && rules[i-1].ID >= r.ID {
			t.Errorf("ids not sorted: %s before %s", rules[i-1].ID, r.ID)
		}
	}
}

func TestCatalogFields(t *testing.T) {
	for _, r := range Catalog() {
		for field, v := range map[string]string{
			"Short": r.Short, "Full": r.Full, "Help": r.Help, "HelpMarkdown": r.HelpMarkdown,
		} {
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s: %s is empty", r.ID, field)
			}
		}
		if n := len([]rune(r.Short)); n >= 100 {
			t.Errorf("%s: Short has %d characters, want < 100", r.ID, n)
		}
		// "****" is the password mask, not bold markup.
		if strings.ContainsAny(r.Short+r.Full, "`\n") || strings.Contains(strings.ReplaceAll(r.Short+r.Full, "****", ""), "**") {
			t.Errorf("%s: Short or Full holds markdown or line breaks: %q / %q", r.ID, r.Short, r.Full)
		}
		score, err := strconv.ParseFloat(r.SecuritySeverity, 64)
		if err != nil || score <= 0 || score > 10 {
			t.Errorf("%s: SecuritySeverity %q is not a number in (0,10]", r.ID, r.SecuritySeverity)
		}
		if want := "https://github.com/pgtlslint/pgtlslint/blob/main/rules/doc/" + r.ID + ".md"; r.HelpURI != want {
			t.Errorf("%s: HelpURI = %q, want %q", r.ID, r.HelpURI, want)
		}
		if len(r.Tags) == 0 || r.Tags[0] != "security" || !slices.Contains(r.Tags, "postgresql") {
			// GitHub code scanning uses security-severity only for rules tagged "security".
			t.Errorf("%s: Tags = %q, want \"security\" first and \"postgresql\"", r.ID, r.Tags)
		}
		if strings.HasPrefix(r.HelpMarkdown, "#") || strings.HasPrefix(r.HelpMarkdown, "---") {
			t.Errorf("%s: HelpMarkdown does not start with the description", r.ID)
		}
		for _, marker := range []string{"```", "~~~", "## ", "**", "](", "| --- |"} {
			if strings.Contains(strings.ReplaceAll(r.Help, "****", ""), marker) {
				t.Errorf("%s: Help holds markdown %q", r.ID, marker)
			}
		}
		for _, line := range strings.Split(r.Help, "\n") {
			if strings.HasPrefix(line, "#") {
				t.Errorf("%s: Help has a heading marker: %q", r.ID, line)
			}
		}
		if !strings.HasPrefix(r.Help, r.Full[:20]) {
			t.Errorf("%s: Help does not start with the full description", r.ID)
		}
		lines := strings.Count(r.HelpMarkdown, "\n") + 1
		if lines < 20 || lines > 90 {
			t.Errorf("%s: doc body has %d lines, want a focused doc (20-90)", r.ID, lines)
		}
	}
}

// Severity-specific wording the catalog promises in RULES.md.
func TestCatalogSeverityNotes(t *testing.T) {
	for id, phrases := range map[string][]string{
		"PGTLS004": {"error (8.1)", "warning (7.4)"},
		"PGTLS101": {"error (8.1)", "warning (6.5)"},
	} {
		r, ok := LookupRule(id)
		if !ok {
			t.Fatalf("%s missing", id)
		}
		for _, p := range phrases {
			if !strings.Contains(r.Full, p) {
				t.Errorf("%s: full description does not mention %q", id, p)
			}
		}
	}
}

// docPasswordSetting finds values given to a password setting and
// docPasswordInURL passwords in the user-info part of URLs.
var (
	docPasswordSetting = regexp.MustCompile(`(?i)(?:password|passwd|pwd)["']?[ \t]*[:=][ \t]*["']?([^\s"'` + "`" + `;,&]+)`)
	docPasswordInURL   = regexp.MustCompile(`://[^/\s:@` + "`" + `]+:([^@\s/` + "`" + `]+)@`)
	docSafePassword    = []*regexp.Regexp{
		regexp.MustCompile(`^\*+$`),                               // ****
		regexp.MustCompile(`^\$\{[A-Za-z_][A-Za-z0-9_.]*\}$`),     // ${DB_PASSWORD}
		regexp.MustCompile(`^\$[A-Z_][A-Z0-9_]*$`),                // $DB_PASSWORD
		regexp.MustCompile(`^%s$|^\{[a-z_]+\}$`),                  // %s, {password}
		regexp.MustCompile(`^(process\.env\.|os\.environ|env\()`), // references
	}
)

// docSuspiciousPasswords returns the password values in s that are not a
// mask or a reference.
func docSuspiciousPasswords(s string) []string {
	var bad []string
	var matches [][]string
	matches = append(matches, docPasswordSetting.FindAllStringSubmatch(s, -1)...)
	matches = append(matches, docPasswordInURL.FindAllStringSubmatch(s, -1)...)
	for _, m := range matches {
		// The value may end in closing brackets of the code around it.
		safe := false
		for v := m[1]; v != "" && !safe; v = v[:len(v)-1] {
			for _, re := range docSafePassword {
				safe = safe || re.MatchString(v)
			}
			if !strings.ContainsAny(v[len(v)-1:], ")}]") {
				break
			}
		}
		if !safe {
			bad = append(bad, m[0])
		}
	}
	return bad
}

func TestCatalogSuspiciousPasswords(t *testing.T) {
	for _, s := range []string{
		"password=hunter2",
		"postgres://app:s3cret@db.example.com/app",
		`"PASSWORD": "Tr0ub4dor&3"`,
		"spring.datasource.password: changeme",
		"Password=Pa55word;Host=db",
		"POSTGRES_PASSWORD=example",
		"connect(password='letmein')",
	} {
		if len(docSuspiciousPasswords(s)) == 0 {
			t.Errorf("docSuspiciousPasswords(%q) found nothing", s)
		}
	}
	for _, s := range []string{
		"password=****",
		"postgres://app:****@db.example.com/app",
		"postgres://app:${DB_PASSWORD}@db.example.com/app",
		`"PASSWORD": os.environ["DB_PASSWORD"]`,
		"password: process.env.DB_PASSWORD,",
		"dsn % {password}",
		"password={password})",
		"cfg(password=%s)",
		"spring.datasource.password=${DB_PASSWORD}",
		"password_encryption = md5",
		"POSTGRES_PASSWORD_FILE: /run/secrets/db_password",
		"a `password:` key beside `host:`",
		"jdbc:postgresql://db.example.com/app?sslmode=verify-full",
	} {
		if bad := docSuspiciousPasswords(s); len(bad) > 0 {
			t.Errorf("docSuspiciousPasswords(%q) = %q, want none", s, bad)
		}
	}
}

func TestCatalogDocsHoldNoPasswords(t *testing.T) {
	entries, err := fs.ReadDir(docFS, "doc")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := fs.ReadFile(docFS, "doc/"+e.Name())
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range docSuspiciousPasswords(string(data)) {
			t.Errorf("rules/doc/%s: %q looks like a real password; use **** or ${DB_PASSWORD}", e.Name(), m)
		}
	}
}

func TestCatalogLookupRule(t *testing.T) {
	for _, key := range []string{"PGTLS001", "pgtls001", "PgTlS001", "plaintext-allowed", " plaintext-allowed "} {
		r, ok := LookupRule(key)
		if !ok || r.ID != "PGTLS001" || r.Name != "plaintext-allowed" {
			t.Errorf("LookupRule(%q) = %s, %v; want PGTLS001", key, r.ID, ok)
		}
	}
	for _, w := range wantCatalog {
		if r, ok := LookupRule(w.name); !ok || r.ID != w.id {
			t.Errorf("LookupRule(%q) = %s, %v; want %s", w.name, r.ID, ok, w.id)
		}
		if r, ok := LookupRule(strings.ToLower(w.id)); !ok || r.Name != w.name {
			t.Errorf("LookupRule(%q) = %s, %v; want %s", strings.ToLower(w.id), r.Name, ok, w.name)
		}
	}
	for _, key := range []string{"", "PGTLS999", "PGTLS01", "plaintext", "plaintext_allowed"} {
		if r, ok := LookupRule(key); ok {
			t.Errorf("LookupRule(%q) = %s, want not found", key, r.ID)
		}
	}
}

func TestCatalogReturnsCopies(t *testing.T) {
	a := Catalog()
	a[0].Name = "changed"
	a[0].Tags[0] = "changed"
	b := Catalog()
	if b[0].Name == "changed" || b[0].Tags[0] == "changed" {
		t.Error("Catalog() shares its state with callers")
	}
	r, _ := LookupRule("PGTLS001")
	r.Tags[0] = "changed"
	if r2, _ := LookupRule("PGTLS001"); r2.Tags[0] == "changed" {
		t.Error("LookupRule shares its state with callers")
	}
}

func TestCatalogSeverity(t *testing.T) {
	if SeverityNote.Rank() >= SeverityWarning.Rank() || SeverityWarning.Rank() >= SeverityError.Rank() {
		t.Errorf("Rank: note %d, warning %d, error %d", SeverityNote.Rank(), SeverityWarning.Rank(), SeverityError.Rank())
	}
	if Severity("bogus").Rank() >= SeverityNote.Rank() {
		t.Error("an unknown severity ranks at or above note")
	}
	for _, tc := range []struct {
		in   string
		want Severity
	}{
		{"error", SeverityError}, {"ERROR", SeverityError}, {"Warning", SeverityWarning}, {"note", SeverityNote}, {" note ", SeverityNote},
	} {
		in, want := tc.in, tc.want
		if got, err := ParseSeverity(in); err != nil || got != want {
			t.Errorf("ParseSeverity(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "info", "fatal", "never"} {
		_, err := ParseSeverity(in)
		if err == nil || !strings.Contains(err.Error(), strconv.Quote(in)) {
			t.Errorf("ParseSeverity(%q) error = %v, want one naming the value", in, err)
		}
	}
}

const catalogGoodDoc = `---
id: PGTLS900
name: test-rule
severity: warning
security-severity: 4.2
short: A test rule
tags: security, postgresql
---
First line of the description
with ` + "`code`" + ` and **bold**.

## What fires

| driver | fix |
| --- | --- |
| pgx | ` + "`sslmode=verify-full`" + ` |

` + "```text\n## not a heading inside code\n```\n"

func TestCatalogParseDoc(t *testing.T) {
	r, err := parseDoc("PGTLS900.md", []byte(strings.ReplaceAll(catalogGoodDoc, "\n", "\r\n")))
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != "PGTLS900" || r.Name != "test-rule" || r.Severity != SeverityWarning || r.SecuritySeverity != "4.2" ||
		r.Short != "A test rule" || strings.Join(r.Tags, "|") != "security|postgresql" {
		t.Errorf("front matter parsed as %+v", r)
	}
	if want := "First line of the description with code and bold."; r.Full != want {
		t.Errorf("Full = %q, want %q", r.Full, want)
	}
	if !strings.HasPrefix(r.HelpMarkdown, "First line") || !strings.Contains(r.HelpMarkdown, "## What fires") {
		t.Errorf("HelpMarkdown = %q", r.HelpMarkdown)
	}
	wantHelp := "First line of the description\nwith code and bold.\n\nWhat fires\n\n" +
		"driver  fix\npgx     sslmode=verify-full\n\n    ## not a heading inside code"
	if r.Help != wantHelp {
		t.Errorf("Help =\n%s\nwant\n%s", r.Help, wantHelp)
	}
}

func TestCatalogParseDocErrors(t *testing.T) {
	for name, tc := range map[string]struct{ file, doc, want string }{
		"no front matter": {"PGTLS900.md", "text", "front matter"},
		"unclosed":        {"PGTLS900.md", "---\nid: PGTLS900\n", "not closed"},
		"missing key":     {"PGTLS900.md", strings.Replace(catalogGoodDoc, "short: A test rule\n", "", 1), `"short" missing`},
		"unknown key":     {"PGTLS900.md", strings.Replace(catalogGoodDoc, "---\nid:", "---\nfoo: bar\nid:", 1), `unknown front matter key "foo"`},
		"repeated key":    {"PGTLS900.md", strings.Replace(catalogGoodDoc, "name: test-rule\n", "name: test-rule\nname: x\n", 1), "repeated"},
		"not key value":   {"PGTLS900.md", strings.Replace(catalogGoodDoc, "name: test-rule\n", "name test-rule\n", 1), "key: value"},
		"file name":       {"PGTLS901.md", catalogGoodDoc, "file name"},
		"bad id":          {"PGTLS9.md", strings.Replace(catalogGoodDoc, "PGTLS900", "PGTLS9", 1), "three digits"},
		"bad name":        {"PGTLS900.md", strings.Replace(catalogGoodDoc, "test-rule", "Test_Rule", 1), "kebab-case"},
		"bad severity":    {"PGTLS900.md", strings.Replace(catalogGoodDoc, "severity: warning", "severity: info", 1), `"info"`},
		"bad score":       {"PGTLS900.md", strings.Replace(catalogGoodDoc, "4.2", "11", 1), "(0, 10]"},
		"zero score":      {"PGTLS900.md", strings.Replace(catalogGoodDoc, "4.2", "0", 1), "(0, 10]"},
		"long short":      {"PGTLS900.md", strings.Replace(catalogGoodDoc, "A test rule", strings.Repeat("x", 100), 1), "short has"},
		"empty tag":       {"PGTLS900.md", strings.Replace(catalogGoodDoc, "security, postgresql", "security,,postgresql", 1), "empty tag"},
		"empty body":      {"PGTLS900.md", beforeFirst(catalogGoodDoc), "empty body"},
		"heading first":   {"PGTLS900.md", strings.Replace(catalogGoodDoc, "First line", "## First line", 1), "description paragraph"},
	} {
		_, err := parseDoc(tc.file, []byte(tc.doc))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: parseDoc error = %v, want one containing %q", name, err, tc.want)
		}
	}
}

func TestCatalogParseNamesTheFile(t *testing.T) {
	fsys := fstest.MapFS{
		"doc/PGTLS900.md": {Data: []byte(catalogGoodDoc)},
		"doc/PGTLS901.md": {Data: []byte(strings.Replace(catalogGoodDoc, "PGTLS900", "PGTLS901", 1))},
	}
	_, err := parseCatalog(fsys)
	if err == nil || !strings.Contains(err.Error(), "doc/PGTLS901.md") || !strings.Contains(err.Error(), "test-rule") {
		t.Errorf("duplicate name: error = %v, want one naming doc/PGTLS901.md and the name", err)
	}
	fsys["doc/PGTLS901.md"] = &fstest.MapFile{Data: []byte("---\nid: PGTLS901\n")}
	_, err = parseCatalog(fsys)
	if err == nil || !strings.Contains(err.Error(), "doc/PGTLS901.md") {
		t.Errorf("malformed doc: error = %v, want one naming doc/PGTLS901.md", err)
	}
	delete(fsys, "doc/PGTLS901.md")
	rules, err := parseCatalog(fsys)
	if err != nil || len(rules) != 1 || rules[0].ID != "PGTLS900" {
		t.Errorf("parseCatalog = %v, %v", rules, err)
	}
}

// beforeFirst is the doc cut just before its description paragraph.
func beforeFirst(doc string) string {
	head, _, _ := strings.Cut(doc, "First")
	return head
}
