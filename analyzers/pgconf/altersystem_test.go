package pgconf

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/rules"
)

// settingsOf lists what ParseAlterSystem leaves, as "name=value" joined by "|".
func settingsOf(sql string) string {
	var out []string
	for _, s := range ParseAlterSystem("x.sql", []byte(sql)).Settings {
		out = append(out, s.Name+"="+s.Value)
	}
	return strings.Join(out, "|")
}

func TestParseAlterSystem(t *testing.T) {
	cases := map[string]string{
		"ALTER SYSTEM SET ssl = off;":                                 "ssl=off",
		"alter system set ssl to OFF":                                 "ssl=off",
		"ALTER SYSTEM SET ssl = 'OFF';":                               "ssl=OFF", // strings keep their case
		"ALTER SYSTEM SET ssl = ON; ALTER SYSTEM SET ssl = TRUE":      "ssl=on|ssl=true",
		`ALTER SYSTEM SET "SSL" = off`:                                "ssl=off",
		"ALTER SYSTEM SET myext.mode = 'a'":                           "myext.mode=a",
		`ALTER SYSTEM SET "MyExt"."Mode" = x`:                         "myext.mode=x",
		"ALTER SYSTEM SET listen_addresses = 'localhost', '10.0.0.1'": "listen_addresses=localhost, 10.0.0.1",
		"ALTER SYSTEM SET work_mem = 64":                              "work_mem=64",
		"ALTER SYSTEM SET work_mem = 0x40":                            "work_mem=64",
		"ALTER SYSTEM SET work_mem = 1_000":                           "work_mem=1000",
		"ALTER SYSTEM SET work_mem = 010":                             "work_mem=10",
		"ALTER SYSTEM SET random_page_cost = -1.5":                    "random_page_cost=-1.5",
		"ALTER SYSTEM SET random_page_cost =-1.5":                     "random_page_cost=-1.5",
		"ALTER SYSTEM SET random_page_cost = - 4":                     "random_page_cost=-4",
		"ALTER SYSTEM SET random_page_cost = +.5":                     "random_page_cost=.5",
		"ALTER SYSTEM SET a.b = 1e3":                                  "a.b=1e3",
		`ALTER SYSTEM SET a.b = 'it''s'`:                              "a.b=it's",
		`ALTER SYSTEM SET a.b = 'back\slash'`:                         `a.b=back\slash`,
		`ALTER SYSTEM SET a.b = E'it\'s \x41\101\n'`:                  "a.b=it's AA\n",
		`ALTER SYSTEM SET a.b = e'\u0041\U00000042'`:                  "a.b=AB",
		`ALTER SYSTEM SET a.b = U&'d\0061t\+000061'`:                  "a.b=data",
		`ALTER SYSTEM SET a.b = N'nat'`:                               "a.b=nat",
		"ALTER SYSTEM SET a.b = 'con'\n  'cat'":                       "a.b=concat",
		"ALTER SYSTEM SET a.b = 'con' -- c\n 'cat'":                   "a.b=concat",
		"ALTER SYSTEM SET a.b = 'no' 'concat'":                        "",
		"ALTER SYSTEM SET a.b = $$x$$":                                "a.b=x",
		"ALTER SYSTEM SET a.b = $q$it's; $$ $q$":                      "a.b=it's; $$ ",
		"ALTER /* c /* nested */ */ SYSTEM -- c\n SET a.b = 1":        "a.b=1",
		"ALTER SYSTEM SET ssl = off; ALTER SYSTEM RESET ssl":          "",
		"ALTER SYSTEM SET ssl = off; ALTER SYSTEM RESET SSL":          "",
		"ALTER SYSTEM SET ssl = off; ALTER SYSTEM SET ssl TO DEFAULT": "",
		"ALTER SYSTEM SET ssl = off; ALTER SYSTEM SET a.b = 1; ALTER SYSTEM RESET ALL; ALTER SYSTEM SET c.d = 2": "c.d=2",
		"ALTER SYSTEM SET ssl = off; ALTER SYSTEM RESET a.b":                                                     "ssl=off",
		// Not ALTER SYSTEM, or not valid: nothing.
		"SET ssl = off":                             "",
		"ALTER DATABASE d SET ssl = off":            "",
		"ALTER SYSTEM SET ssl":                      "",
		"ALTER SYSTEM SET ssl =":                    "",
		"ALTER SYSTEM SET ssl = off off":            "",
		"ALTER SYSTEM SET ssl == off":               "",
		"ALTER SYSTEM SET ssl = NULL":               "",
		"ALTER SYSTEM SET ssl = :'var'":             "",
		"ALTER SYSTEM SET ssl = $1":                 "",
		"ALTER SYSTEM SET ssl = B'0'":               "",
		"ALTER SYSTEM SET ssl = 1abc":               "",
		"ALTER SYSTEM SET ssl = 'unterminated":      "",
		`ALTER "SYSTEM" SET ssl = off`:              "",
		"ALTER SYSTEM SET ssl = off, ":              "",
		"ALTER SYSTEM RESET":                        "",
		"-- ALTER SYSTEM SET ssl = off":             "",
		"/* ALTER SYSTEM SET ssl = off":             "",
		"SELECT 'ALTER SYSTEM SET ssl = off'":       "",
		"SELECT $$; ALTER SYSTEM SET ssl = off$$":   "",
		`SELECT "x;ALTER SYSTEM SET ssl = off"`:     "",
		"\\echo ; ALTER SYSTEM SET ssl = off":       "",
		"SELECT E'\\'; ALTER SYSTEM SET ssl = off'": "",
	}
	for in, want := range cases {
		if got := settingsOf(in); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}

func TestAlterSystemSpansAndEdits(t *testing.T) {
	src := "SELECT 1;\nALTER SYSTEM SET ssl_min_protocol_version\n  TO 'TLSv1' ;\nALTER SYSTEM SET listen_addresses = 'localhost', '*';"
	cfg := ParseAlterSystem("db/init.sql", []byte(src))
	if cfg.Origin != rules.OriginAlterSystem || cfg.Complete || cfg.Path != "db/init.sql" || len(cfg.Settings) != 2 {
		t.Fatalf("config %+v", cfg)
	}
	s := cfg.Settings[0]
	if got := src[s.Pair.Start:s.Pair.End]; got != "ALTER SYSTEM SET ssl_min_protocol_version\n  TO 'TLSv1'" {
		t.Errorf("pair %q", got)
	}
	if got := src[s.Val.Start:s.Val.End]; got != "'TLSv1'" {
		t.Errorf("value %q", got)
	}
	out, _ := rules.ApplyEdits(src, s.SetValue("TLSv1.2"))
	if !strings.Contains(out, "TO 'TLSv1.2' ;") {
		t.Errorf("edited %q", out)
	}
	// A list is replaced by one string constant.
	l := cfg.Settings[1]
	out, _ = rules.ApplyEdits(src, l.SetValue("it's"))
	if !strings.HasSuffix(out, "listen_addresses = 'it''s';") {
		t.Errorf("edited %q", out)
	}
	if back := settingsOf(out); !strings.HasSuffix(back, "listen_addresses=it's") {
		t.Errorf("reads back as %q", back)
	}
}

func TestSQLOperators(t *testing.T) {
	cases := map[string]string{
		"=":    "=",
		"=-1":  "=",
		"=+1":  "=",
		"==":   "==",
		"=--x": "=",
		"=/*":  "=",
		"@-":   "@-",
		"<>":   "<>",
	}
	for in, want := range cases {
		l := &sqlLexer{src: []byte(in)}
		if got := l.next(); got.kind != sqlOp || got.text != want {
			t.Errorf("%q: got %v %q, want %q", in, got.kind, got.text, want)
		}
	}
}

func TestCommandLineSetting(t *testing.T) {
	cases := map[string]string{
		"ssl=off":                          "ssl=off",
		"SSL=off":                          "ssl=off",
		"listen_addresses=*":               "listen_addresses=*",
		"listen_addresses=":                "listen_addresses=",
		"--ssl=off":                        "ssl=off",
		"--ssl-min-protocol-version=TLSv1": "ssl_min_protocol_version=TLSv1",
		"-cssl=off":                        "ssl=off",
		"-cssl-min-protocol-version=TLSv1": "ssl_min_protocol_version=TLSv1",
		"search_path=a=b":                  "search_path=a=b", // split at the first "="
		"ssl":                              "",
		"--ssl":                            "",
		"-c":                               "",
		"=off":                             "",
		"--=off":                           "",
		"-Dfoo=bar":                        "",
		"-B":                               "",
		"--describe-config":                "",
		"---ssl=off":                       "",
	}
	for in, want := range cases {
		name, value, ok := CommandLineSetting(in)
		got := ""
		if ok {
			got = name + "=" + value
		}
		if got != want {
			t.Errorf("CommandLineSetting(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestShortOptionSetting(t *testing.T) {
	for _, tc := range []struct{ opt, arg, want string }{
		{"-h", "0.0.0.0", "listen_addresses=0.0.0.0"},
		{"-i", "", "listen_addresses=*"},
		{"-l", "", "ssl=true"},
		{"-p", "5433", "port=5433"},
		{"-B", "128", ""},
		{"-c", "ssl=off", ""},
	} {
		name, value, ok := ShortOptionSetting(tc.opt, tc.arg)
		got := ""
		if ok {
			got = fmt.Sprintf("%s=%s", name, value)
		}
		if got != tc.want {
			t.Errorf("ShortOptionSetting(%q, %q) = %q, want %q", tc.opt, tc.arg, got, tc.want)
		}
	}
}
