package rules

import (
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// wantCatalog pins each rule's id, name, default severity and security-severity. Users'
// configurations, suppressions and code-scanning dashboards depend on them, so changing one must
// be a deliberate edit of this table too.
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

func TestCatalogIsPinned(t *testing.T) {
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
			t.Errorf("rules/doc/%s is the doc of no registered rule", e.Name())
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

// The severities the full descriptions state.
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
	r, _ := LookupRule("PGTLS004")
	r.Tags[0] = "changed"
	r.Levels[0].Severity = SeverityNote
	if r2, _ := LookupRule("PGTLS004"); r2.Tags[0] == "changed" || r2.Levels[0].Severity == SeverityNote {
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

// TestSeverityReasonsFire shows each severity reason of each rule changing the severity of a
// real finding, and that the table lists every reason: a reason no check reports is dead.
func TestSeverityReasonsFire(t *testing.T) {
	client := func(conn string, d drivers.ID) func() []Finding {
		return func() []Finding {
			tgt, _ := ParseConnString(conn, StringSource{Path: "x", Driver: d})
			return Evaluate(tgt, Options{})
		}
	}
	hba := func(line string) func() []Finding {
		return func() []Finding {
			r, _ := record(line)
			return EvaluateHBA([]HBARecord{r})
		}
	}
	cases := []struct {
		reason   reason
		findings func() []Finding
	}{
		{channelBinding, client("host=db.example.com sslmode=require channel_binding=require", "")},
		{noTLSDefault, client("postgres://db.example.com/app", drivers.NodePostgres)},
		{privateRange, hba("host app app 10.0.0.0/8 scram-sha-256")},
		{passwordWithoutTLS, hba("host app app 203.0.113.0/24 password")},
	}
	tested := map[string]bool{}
	for _, tc := range cases {
		id, l := tc.reason.def.ID, tc.reason.level
		tested[id+" "+l.Reason] = true
		found := false
		for _, f := range tc.findings() {
			if f.RuleID == id {
				found = true
				if f.Severity != l.Severity {
					t.Errorf("%s %s: severity %s, want %s", id, l.Reason, f.Severity, l.Severity)
				}
			}
		}
		if !found {
			t.Errorf("%s %s: no finding of the rule", id, l.Reason)
		}
	}
	for _, r := range Catalog() {
		for _, l := range r.Levels {
			if !tested[r.ID+" "+l.Reason] {
				t.Errorf("%s: severity reason %q has no case here", r.ID, l.Reason)
			}
		}
	}
}

// TestSeverityReasonsDocumented: the doc of a rule with severity reasons says which severities
// its findings can have.
func TestSeverityReasonsDocumented(t *testing.T) {
	n := 0
	for _, r := range Catalog() {
		for _, l := range r.Levels {
			n++
			if !strings.Contains(r.HelpMarkdown, string(l.Severity)) {
				t.Errorf("%s: the doc does not mention the %s of reason %q", r.ID, l.Severity, l.Reason)
			}
		}
	}
	if n == 0 {
		t.Error("no rule has a severity reason")
	}
}

func TestUndeclaredReasonPanics(t *testing.T) {
	defer func() {
		if p := recover(); p == nil || !strings.Contains(p.(string), `PGTLS004 declares no severity reason "no-such-reason"`) {
			t.Errorf("panic %v, want one naming the rule and the reason", p)
		}
	}()
	sslModeMissing.reason("no-such-reason")
}

func TestEveryRuleHasACheck(t *testing.T) {
	n := 0
	for _, d := range registered() {
		checks := 0
		for _, bound := range []bool{d.target != nil, d.hba != nil, d.server != nil} {
			if bound {
				checks++
			}
		}
		if checks != 1 || d.Scope == "" {
			t.Errorf("%s: %d checks, scope %q", d.ID, checks, d.Scope)
		}
		n += len(rulesIn(d.Scope))
	}
	if n == 0 {
		t.Fatal("no rules")
	}
	total := 0
	for _, s := range []Scope{ScopeClient, ScopeHBA, ScopeServer, ScopeContainer} {
		total += len(rulesIn(s))
	}
	if total != len(registered()) {
		t.Errorf("the scopes hold %d rules, the registry %d", total, len(registered()))
	}
}

// goodRule is a registration that define accepts, with goodDoc as its doc.
var goodRule = Rule{
	ID: "PGTLS900", Name: "test-rule", Severity: SeverityWarning, SecuritySeverity: "4.2",
	Short:  "A test rule",
	Tags:   []string{"security", "postgresql"},
	Levels: []Level{{Reason: "worse-case", Severity: SeverityError, Doc: "When it is worse."}},
}

const goodDoc = "First line of the description\nwith `code` and **bold**.\n\n## What fires\n\n" +
	"| driver | fix |\n| --- | --- |\n| pgx | `sslmode=verify-full` |\n\n" +
	"```text\n## not a heading inside code\n```\n"

func docs(doc string) fstest.MapFS {
	return fstest.MapFS{"doc/PGTLS900.md": {Data: []byte(doc)}}
}

func TestDefine(t *testing.T) {
	d, err := define(goodRule, docs(strings.ReplaceAll(goodDoc, "\n", "\r\n")))
	if err != nil {
		t.Fatal(err)
	}
	r := d.Rule
	if r.ID != "PGTLS900" || r.Name != "test-rule" || r.Severity != SeverityWarning || r.SecuritySeverity != "4.2" ||
		r.Short != "A test rule" || strings.Join(r.Tags, "|") != "security|postgresql" || len(r.Levels) != 1 {
		t.Errorf("fields %+v", r)
	}
	if want := "First line of the description with code and bold."; r.Full != want {
		t.Errorf("Full = %q, want %q", r.Full, want)
	}
	if !strings.HasPrefix(r.HelpMarkdown, "First line") || !strings.Contains(r.HelpMarkdown, "## What fires") || strings.Contains(r.HelpMarkdown, "\r") {
		t.Errorf("HelpMarkdown = %q", r.HelpMarkdown)
	}
	wantHelp := "First line of the description\nwith code and bold.\n\nWhat fires\n\n" +
		"driver  fix\npgx     sslmode=verify-full\n\n    ## not a heading inside code"
	if r.Help != wantHelp {
		t.Errorf("Help =\n%s\nwant\n%s", r.Help, wantHelp)
	}
	if r.HelpURI != helpURIBase+"PGTLS900.md" {
		t.Errorf("HelpURI = %q", r.HelpURI)
	}
	// define keeps its own copy of the registration's slices.
	reg := goodRule.clone()
	d, _ = define(reg, docs(goodDoc))
	reg.Tags[0], reg.Levels[0].Reason = "changed", "changed"
	if d.Tags[0] != "security" || d.Levels[0].Reason != "worse-case" {
		t.Error("define shares the registration's slices")
	}
	if got := d.reason("worse-case"); got.def != d || got.level.Severity != SeverityError {
		t.Errorf("reason = %+v", got)
	}
}

func TestDefineErrors(t *testing.T) {
	edit := func(f func(r *Rule)) Rule {
		r := goodRule.clone()
		f(&r)
		return r
	}
	level := func(l Level) Rule { return edit(func(r *Rule) { r.Levels = []Level{l} }) }
	for name, tc := range map[string]struct {
		rule      Rule
		doc, want string
	}{
		"bad id":           {edit(func(r *Rule) { r.ID = "PGTLS9" }), goodDoc, "three digits"},
		"bad name":         {edit(func(r *Rule) { r.Name = "Test_Rule" }), goodDoc, "kebab-case"},
		"bad severity":     {edit(func(r *Rule) { r.Severity = "info" }), goodDoc, `"info"`},
		"capital severity": {edit(func(r *Rule) { r.Severity = "Error" }), goodDoc, `"Error"`},
		"bad score":        {edit(func(r *Rule) { r.SecuritySeverity = "11" }), goodDoc, "(0, 10]"},
		"zero score":       {edit(func(r *Rule) { r.SecuritySeverity = "0" }), goodDoc, "(0, 10]"},
		"no short":         {edit(func(r *Rule) { r.Short = "" }), goodDoc, "short is empty"},
		"markdown short":   {edit(func(r *Rule) { r.Short = "use `x`" }), goodDoc, "plain text"},
		"long short":       {edit(func(r *Rule) { r.Short = strings.Repeat("x", 100) }), goodDoc, "short has"},
		"no tags":          {edit(func(r *Rule) { r.Tags = nil }), goodDoc, "no tags"},
		"empty tag":        {edit(func(r *Rule) { r.Tags = []string{"security", ""} }), goodDoc, "empty"},
		"repeated tag":     {edit(func(r *Rule) { r.Tags = []string{"security", "security"} }), goodDoc, "repeated"},
		"reason name":      {level(Level{Reason: "Worse", Severity: SeverityError, Doc: "x"}), goodDoc, "kebab-case"},
		"reason severity":  {level(Level{Reason: "worse", Severity: SeverityWarning, Doc: "x"}), goodDoc, "other than the default"},
		"reason no sev":    {level(Level{Reason: "worse", Doc: "x"}), goodDoc, "other than the default"},
		"reason no doc":    {level(Level{Reason: "worse", Severity: SeverityError}), goodDoc, "is empty"},
		"reason repeated": {edit(func(r *Rule) { r.Levels = append(r.Levels, r.Levels[0]) }), goodDoc,
			`"worse-case" repeated`},
		"scope set":     {edit(func(r *Rule) { r.Scope = ScopeClient }), goodDoc, "scope comes from the check"},
		"help set":      {edit(func(r *Rule) { r.Full = "x" }), goodDoc, "help from the doc"},
		"no doc":        {edit(func(r *Rule) { r.ID = "PGTLS901" }), goodDoc, "PGTLS901: no doc"},
		"empty doc":     {goodRule, " \n", "doc/PGTLS900.md: empty"},
		"front matter":  {goodRule, "---\nid: PGTLS900\n---\n" + goodDoc, "front matter"},
		"heading first": {goodRule, "## " + goodDoc, "description paragraph"},
		"not utf-8":     {goodRule, "\xff", "UTF-8"},
	} {
		_, err := define(tc.rule, docs(tc.doc))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: define error = %v, want one containing %q", name, err, tc.want)
		}
	}
}

func TestIndexRejectsSharedKeys(t *testing.T) {
	a, err := define(goodRule, docs(goodDoc))
	if err != nil {
		t.Fatal(err)
	}
	b := *a
	b.ID = "PGTLS901"
	if _, err := index([]*ruleDef{a, &b}); err == nil || !strings.Contains(err.Error(), `PGTLS901: "test-rule" is already used by PGTLS900`) {
		t.Errorf("shared name: error = %v", err)
	}
	b.Name = "PGTLS900"
	if _, err := index([]*ruleDef{a, &b}); err == nil || !strings.Contains(err.Error(), "already used by PGTLS900") {
		t.Errorf("a name that is another rule's id: error = %v", err)
	}
	b.Name = "other"
	m, err := index([]*ruleDef{a, &b})
	if err != nil || m["pgtls901"] != &b || m["test-rule"] != a || len(m) != 4 {
		t.Errorf("index = %v, %v", m, err)
	}
}
