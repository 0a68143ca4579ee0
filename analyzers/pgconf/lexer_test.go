package pgconf

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/rules"
)

// lineResult parses a one-line file and describes it as "name=value" or "error near TOKEN".
func lineResult(line string) string {
	cfg, ns := Parse("x.conf", []byte(line+"\n"))
	switch {
	case len(ns) > 0:
		return ns[0].Message[strings.Index(ns[0].Message, ", ")+2:]
	case len(cfg.Settings) == 1:
		return cfg.Settings[0].Name + "=" + cfg.Settings[0].Value
	case len(cfg.Settings) == 0:
		return "nothing"
	}
	return fmt.Sprintf("%d settings", len(cfg.Settings))
}

// TestLexerEdgeCases pins how single lines read. Every expectation was checked against
// PostgreSQL 15's pg_file_settings (the pgserver test repeats that for the fixtures).
func TestLexerEdgeCases(t *testing.T) {
	cases := map[string]string{
		"ssl = off":                           "ssl=off",
		"SSL off":                             "ssl=off",
		"ssl=off":                             "ssl=off",
		"ssl\t=\toff\r":                       "ssl=off",
		"  ssl = off  # comment":              "ssl=off",
		"ssl = off# comment":                  "ssl=off",
		"a.p = x#y":                           "a.p=x",
		"work_mem 64MB":                       "work_mem=64MB",
		"a.i=+5min":                           "a.i=+5min",
		"a.b = 0x1F":                          "a.b=0x1F",
		"a.j = 0xZZ":                          "a.j=0xZZ", // "0" then the unit letters "xZZ"
		"a.x = 0x":                            "a.x=0x",
		"a.u = 12abc":                         "a.u=12abc",
		"a.n = -1.5e3":                        "a.n=-1.5e3",
		"a.w = -.5":                           "a.w=-.5",
		"a.c = .":                             "a.c=.", // "." alone is a REAL
		"a.y = a:b/c-d.e":                     "a.y=a:b/c-d.e",
		"search_path = a.b.c":                 "search_path=a.b.c",
		"a.k = é":                             "a.k=é",
		"é.x = 1":                             "é.x=1",
		"_x = 1":                              "_x=1",
		"ssl_min_protocol_version = TLSv1.2":  "ssl_min_protocol_version=TLSv1.2",
		"password_encryption = scram-sha-256": "password_encryption=scram-sha-256",
		"ssl_max_protocol_version = ''":       "ssl_max_protocol_version=",
		`a.d = 'it''s \'q\' \n \101 \x41'`:    "a.d=it's 'q' \n A x41",
		`a.e = '\b\f\r\t\\'`:                  "a.e=\b\f\r\t\\",
		`a.f = '\0101\7777'`:                  "a.f=\b1\xff7", // up to three octal digits, truncated to a byte
		`a.g = 'ab\0cd'`:                      "a.g=ab",       // a decoded NUL ends the C string
		`a.h = 'x''''y'`:                      "a.h=x''y",
		`a.i = ''''`:                          "a.i='",
		"# only a comment":                    "nothing",
		"":                                    "nothing",
		// Syntax errors, with the token the server names.
		"search_path = a.b":          `near token "a.b"`, // a QUALIFIED_ID is no value
		"x.y 1e5":                    `near token "5"`,   // "1e" is an INTEGER with a unit
		"shared_buffers = 1.5GB":     `near token "GB"`,
		"a.z = .5e":                  `near token "e"`,
		"a.e = -":                    `near token "-"`,
		"a.f = 'unterminated":        `near token "'"`,
		"a.h = foo bar":              `near token "bar"`,
		"a.l = 'x'y":                 `near token "y"`,
		"bad-name = 1":               `near token "bad-name"`,
		"a.m = 1.2.3":                `near token ".3"`,
		"a.q == 1":                   `near token "="`,
		"a.r = 1 = 2":                `near token "="`,
		"a.s = /var/lib":             `near token "/"`,
		"a.t = 'a'  'b'":             `near token "'b'"`,
		"a.v = 1..2":                 `near token ".2"`,
		"1abc = 1":                   `near token "1abc"`,
		"max_connections =":          "near end of line",
		"max_connections":            "near end of line",
		"= 5":                        `near token "="`,
		"a.a = 0X1F":                 `near token "1F"`, // flex's "0x" is lower case
		"listen_addresses = 0.0.0.0": `near token ".0"`,
		"a.b = 'x\\":                 `near token "'"`,
		"a.b = x\fy":                 `near token "\f"`,
		"a.b = x\x00y":               `near token "\x00"`,
		"a.b = 'a'' b":               `near token "'"`, // the longest STRING is 'a'
	}
	for in, want := range cases {
		if got := lineResult(in); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}

func TestScanString(t *testing.T) {
	cases := map[string]int{
		`''`:          2,
		`'a'`:         3,
		`'a''b'`:      6,
		`'a'' b`:      3, // the longer match never closes: 'a' then a stray quote
		`'a\'b'`:      6,
		`'a\'`:        0,
		"'a\nb'":      0,
		"'a\\\nb'":    0,
		`'it''s' x`:   7,
		`'''`:         2, // '' then a stray quote
		`''''`:        4,
		`'a''`:        3,
		`'\\'`:        4,
		"'tab\there'": 10,
	}
	for in, want := range cases {
		if got := scanString([]byte(in)); got != want {
			t.Errorf("scanString(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestScanWord(t *testing.T) {
	cases := []struct {
		in   string
		kind tokKind
		n    int
	}{
		{"abc", tokID, 3},
		{"abc def", tokID, 3},
		{"a.b", tokQualifiedID, 3},
		{"a.b c", tokQualifiedID, 3},
		{"a.b.c", tokUnquoted, 5},
		{"a.", tokUnquoted, 2},
		{"a.1", tokUnquoted, 3},
		{"TLSv1.2", tokUnquoted, 7},
		{"scram-sha-256", tokUnquoted, 13},
		{"a-b", tokUnquoted, 3},
		{"a_b1", tokID, 4},
		{"x/y:z", tokUnquoted, 5},
		{"é", tokID, 2},
	}
	for _, tc := range cases {
		if k, n := scanWord([]byte(tc.in)); k != tc.kind || n != tc.n {
			t.Errorf("scanWord(%q) = %d,%d; want %d,%d", tc.in, k, n, tc.kind, tc.n)
		}
	}
}

func TestLineNumbersAndResync(t *testing.T) {
	src := "a.a = 1\n\n# c\na.b = \na.c = 2\r\nbad line here # and a comment\na.d 'x'"
	cfg, ns := Parse("x.conf", []byte(src))
	var got []string
	starts := rules.LineStarts([]byte(src))
	for _, s := range cfg.Settings {
		got = append(got, fmt.Sprintf("%s@%d", s.Name, rules.PositionAt(starts, s.Pair.Start).Line))
	}
	if strings.Join(got, " ") != "a.a@1 a.c@5 a.d@7" {
		t.Errorf("settings %v", got)
	}
	if len(ns) != 2 || ns[0].Line != 4 || ns[1].Line != 6 {
		t.Errorf("notices %v, want lines 4 and 6", ns)
	}
	want := `syntax error in file "x.conf" line 4, near end of line`
	if ns[0].Message != want {
		t.Errorf("message %q, want %q", ns[0].Message, want)
	}
}

func TestErrorAtEOF(t *testing.T) {
	// No newline at the end: the line still counts, and an error on it is reported on it.
	_, ns := Parse("x.conf", []byte("a.a = 1\na.b ="))
	if len(ns) != 1 || ns[0].Line != 2 {
		t.Errorf("notices %v, want line 2", ns)
	}
	cfg, ns := Parse("x.conf", []byte("a.a = 1\na.b = 2"))
	if len(ns) != 0 || len(cfg.Settings) != 2 {
		t.Errorf("settings %v notices %v", cfg.Settings, ns)
	}
}

func TestTooManyNotices(t *testing.T) {
	src := strings.Repeat("bad line x\n", 500) + "ssl = off\n"
	cfg, ns := Parse("x.conf", []byte(src))
	if len(ns) != maxNotices+1 || !strings.Contains(ns[maxNotices].Message, "too many syntax errors") {
		t.Errorf("%d notices, last %v", len(ns), ns[len(ns)-1])
	}
	if len(cfg.Settings) != 1 {
		t.Errorf("the setting after the errors was lost: %v", cfg.Settings)
	}
}

func TestIncludesAndComplete(t *testing.T) {
	cases := []struct {
		path, src string
		complete  bool
		includes  string
	}{
		{"postgresql.conf", "ssl = on\n", true, ""},
		{"etc/postgresql/16/main/postgresql.conf", "port = 5432\n", true, ""},
		{"postgresql.conf", "include 'a.conf'\n", false, "include=a.conf@1"},
		{"postgresql.conf", "port 1\nInclude_If_Exists = 'b.conf'\n", false, "include_if_exists=b.conf@2"},
		{"postgresql.conf", "include_dir 'conf.d'\ninclude_dir '/etc/pg/conf.d'\n", false, "include_dir=conf.d@1 include_dir=/etc/pg/conf.d@2"},
		{"postgresql.conf", "include.x = 1\n", true, ""}, // a qualified name, not a directive
		{"postgresql.auto.conf", "ssl = 'on'\n", false, ""},
		{"conf.d/10-tls.conf", "ssl = on\n", false, ""},
		{"custom.conf", "ssl = on\n", false, ""},
		{"postgresql.conf.j2", "ssl = on\n", true, ""},
		{"postgresql.conf.sample", "#ssl = off\n", true, ""},
		{"roles/pg/templates/postgresql.conf.sample.j2", "x = 1\n", true, ""},
		{"POSTGRESQL.CONF.TMPL", "x = 1\n", true, ""},
		{"postgresql.conf.j2", "{% if x %}\nssl = on\n{% endif %}\n", false, ""},
		{"postgresql.conf.erb", "<% if @ssl %>\nssl = on\n<% end %>\n", false, ""},
		{"postgresql.conf.j2", "port = {{ port }}\n", true, ""},
	}
	for _, tc := range cases {
		f := ParseFile(tc.path, []byte(tc.src))
		var inc []string
		for _, i := range f.Includes {
			inc = append(inc, fmt.Sprintf("%s=%s@%d", i.Directive, i.Target, i.Line))
		}
		if f.Config.Complete != tc.complete || strings.Join(inc, " ") != tc.includes {
			t.Errorf("%s %q: complete %v includes %v; want %v %q", tc.path, tc.src, f.Config.Complete, inc, tc.complete, tc.includes)
		}
		if len(f.Notices) > 0 {
			t.Errorf("%s %q: notices %v", tc.path, tc.src, f.Notices)
		}
		if f.Config.Origin != rules.OriginConfFile || f.Config.Path != tc.path {
			t.Errorf("%s: origin %q path %q", tc.path, f.Config.Origin, f.Config.Path)
		}
	}
}

func TestTemplateSyntaxOnlyInTemplates(t *testing.T) {
	// The same line is a syntax error in a real file and template syntax in a template.
	src := []byte("port = {{ port }}\n")
	if _, ns := Parse("postgresql.conf", src); len(ns) != 1 {
		t.Errorf("postgresql.conf: notices %v, want one", ns)
	}
	if _, ns := Parse("postgresql.conf.j2", src); len(ns) != 0 {
		t.Errorf("postgresql.conf.j2: notices %v, want none", ns)
	}
	// A template's plain syntax errors are still reported.
	if _, ns := Parse("postgresql.conf.j2", []byte("port = 5432 x\n")); len(ns) != 1 {
		t.Errorf("notices %v, want one", ns)
	}
}

func TestSetValueQuoting(t *testing.T) {
	cases := []struct {
		line, v, want string
	}{
		{"password_encryption = md5", "scram-sha-256", "password_encryption = scram-sha-256"},
		{"password_encryption = 'md5'", "scram-sha-256", "password_encryption = 'scram-sha-256'"},
		{"ssl_min_protocol_version = TLSv1  # old clients", "TLSv1.2", "ssl_min_protocol_version = TLSv1.2  # old clients"},
		{"ssl_min_protocol_version 'TLSv1'", "TLSv1.2", "ssl_min_protocol_version 'TLSv1.2'"},
		{"ssl_max_protocol_version = TLSv1", "", "ssl_max_protocol_version = ''"},
		{"search_path = x", "a.b", "search_path = 'a.b'"}, // a qualified name must be quoted
		{"a.b = x", "it's", `a.b = 'it''s'`},
		{"a.b = x", `c:\dir`, `a.b = 'c:\\dir'`},
		{"a.b = x", "two words", "a.b = 'two words'"},
		{"a.b = x", "line\nbreak", `a.b = 'line\nbreak'`},
		{"a.b = x", "5min", "a.b = 5min"},
		{"a.b = x", "#x", "a.b = '#x'"},
		{"a.b = x", "-", "a.b = '-'"},
		{"a0+5", "TLSv1.2", "a0 TLSv1.2"}, // the value touched the name
		{"ssl'on'", "off", "ssl'off'"},    // quoted stays glued
		{"work_mem 64MB", "128MB", "work_mem 128MB"},
	}
	for _, tc := range cases {
		cfg, _ := Parse("x.conf", []byte(tc.line))
		if len(cfg.Settings) != 1 {
			t.Fatalf("%q: %d settings", tc.line, len(cfg.Settings))
		}
		s := cfg.Settings[0]
		got, _ := rules.ApplyEdits(tc.line, s.SetValue(tc.v))
		if got != tc.want {
			t.Errorf("%q set to %q: got %q, want %q", tc.line, tc.v, got, tc.want)
			continue
		}
		// The edited line reads back as the new value.
		back, ns := Parse("x.conf", []byte(got))
		if len(ns) > 0 || len(back.Settings) != 1 || back.Settings[0].Value != tc.v {
			t.Errorf("%q reads back as %v %v, want %q", got, back.Settings, ns, tc.v)
		}
	}
}

func TestFindings(t *testing.T) {
	fs, ns := Findings("etc/postgresql.conf", []byte("listen_addresses = '*'\nssl = off\n"))
	if len(ns) != 0 || len(fs) != 1 || fs[0].RuleID != "PGTLS111" || fs[0].Start.Line != 2 || fs[0].Path != "etc/postgresql.conf" {
		t.Errorf("findings %+v notices %v", fs, ns)
	}
}
