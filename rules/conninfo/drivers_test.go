package conninfo_test

import (
	"maps"
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/rules/conninfo"
)

type driverCase struct {
	in    string
	want  map[string]string // Map(); checked also when err is set
	err   string            // substring of the error; "" when accepted
	spans []spanWant
	hosts []string // "name:port"
}

func runDriverCases(t *testing.T, parse func(string) *conninfo.ConnString, cases []driverCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			c := parse(tc.in)
			checkInvariants(t, c)
			switch {
			case tc.err == "" && c.Err != nil:
				t.Fatalf("rejected: %s", c.Err.Msg)
			case tc.err != "" && c.Err == nil:
				t.Fatalf("accepted with %s, want error %q", fmtMap(c.Map()), tc.err)
			case tc.err != "" && !strings.Contains(c.Err.Msg, tc.err):
				t.Fatalf("error %q, want it to contain %q", c.Err.Msg, tc.err)
			}
			if tc.want != nil {
				if got := c.Map(); !maps.Equal(got, tc.want) {
					t.Fatalf("params %s, want %s", fmtMap(got), fmtMap(tc.want))
				}
			}
			for _, sw := range tc.spans {
				p, ok := c.Lookup(sw.name)
				if !ok {
					t.Fatalf("no parameter %s", sw.name)
				}
				if k := c.Input[p.Key.Start:p.Key.End]; k != sw.key {
					t.Errorf("%s: key text %q, want %q", sw.name, k, sw.key)
				}
				if v := c.Input[p.Val.Start:p.Val.End]; v != sw.val {
					t.Errorf("%s: value text %q, want %q", sw.name, v, sw.val)
				}
			}
			if tc.hosts != nil {
				var got []string
				for _, h := range c.Hosts {
					got = append(got, h.Name+":"+h.Port)
				}
				if strings.Join(got, " ") != strings.Join(tc.hosts, " ") {
					t.Errorf("hosts %q, want %q", got, tc.hosts)
				}
			}
		})
	}
}

func TestParseJDBC(t *testing.T) {
	runDriverCases(t, conninfo.ParseJDBC, []driverCase{
		{in: "jdbc:postgresql://host1:5432,host2/db?k=v&k2=v2",
			want:  map[string]string{"PGHOST": "host1,host2", "PGPORT": "5432,5432", "PGDBNAME": "db", "k": "v", "k2": "v2"},
			spans: []spanWant{{"PGDBNAME", "", "db"}, {"PGHOST", "", "host1:5432,host2"}, {"k2", "k2", "v2"}},
			hosts: []string{"host1:5432", "host2:5432"}},
		{in: "jdbc:postgresql:db", want: map[string]string{"PGDBNAME": "db"}, hosts: []string{"localhost:5432"}},
		{in: "jdbc:postgresql:", want: map[string]string{"PGDBNAME": ""}},
		{in: "jdbc:postgresql://", want: map[string]string{}, hosts: []string{"localhost:5432"}},
		{in: "jdbc:postgresql:///", want: map[string]string{}},
		{in: "jdbc:postgresql:///db", want: map[string]string{"PGHOST": "", "PGPORT": "5432", "PGDBNAME": "db"}},
		{in: "jdbc:postgresql://h/", want: map[string]string{"PGHOST": "h", "PGPORT": "5432"}},
		{in: "jdbc:postgresql://[::1]:5433/db", want: map[string]string{"PGHOST": "[::1]", "PGPORT": "5433", "PGDBNAME": "db"},
			hosts: []string{"::1:5433"}},
		{in: "jdbc:postgresql://[::1]/db", want: map[string]string{"PGHOST": "[::1]", "PGPORT": "5432", "PGDBNAME": "db"}},
		{in: "jdbc:postgresql://:5433/db", want: map[string]string{"PGHOST": "localhost", "PGPORT": "5433", "PGDBNAME": "db"}},
		// Values are URL-decoded ('+' is a space), keys are not; user and password in the query.
		{in: "jdbc:postgresql://h/d%20b?user=u&password=p%2Bw+x&application%5Fname=a",
			want: map[string]string{"PGHOST": "h", "PGPORT": "5432", "PGDBNAME": "d b", "user": "u",
				"password": "p+w x", "application%5Fname": "a"},
			spans: []spanWant{{"password", "password", "p%2Bw+x"}}},
		// A token without '=' sets the key to ""; empty tokens are skipped; keys are exact-case.
		{in: "jdbc:postgresql://h/db?ssl&&sslMode=require&sslmode=verify-full",
			want:  map[string]string{"PGHOST": "h", "PGPORT": "5432", "PGDBNAME": "db", "ssl": "", "sslMode": "require", "sslmode": "verify-full"},
			spans: []spanWant{{"ssl", "ssl", ""}}},
		// Later keys win; host/port/dbname in the query replace the URL's, in any case.
		{in: "jdbc:postgresql://h/db?sslmode=require&sslmode=disable",
			want: map[string]string{"PGHOST": "h", "PGPORT": "5432", "PGDBNAME": "db", "sslmode": "disable"}},
		{in: "jdbc:postgresql://h/db?Host=other&DBNAME=x",
			want:  map[string]string{"PGHOST": "other", "PGPORT": "5432", "PGDBNAME": "x"},
			hosts: []string{"other:5432"}},
		{in: "jdbc:postgresql://h/db?a=b=c", want: map[string]string{"PGHOST": "h", "PGPORT": "5432", "PGDBNAME": "db", "a": "b=c"}},
		{in: "jdbc:postgresql://h/db?x=%2b1", want: map[string]string{"PGHOST": "h", "PGPORT": "5432", "PGDBNAME": "db", "x": "+1"}},
		// Java's URLDecoder quirk: Integer.parseInt accepts "+1" as hex.
		{in: "jdbc:postgresql://h/db?x=%+1", want: map[string]string{"PGHOST": "h", "PGPORT": "5432", "PGDBNAME": "db", "x": "\x01"}},
		{in: "jdbc:postgresql://h/db?x=caf%C3%A9", want: map[string]string{"PGHOST": "h", "PGPORT": "5432", "PGDBNAME": "db", "x": "café"}},
		// Rejections.
		{in: "jdbc:mysql://h/db", err: "must start with"},
		{in: "JDBC:postgresql://h/db", err: "must start with"},
		{in: "jdbc:postgresql:/", err: `single "/"`},
		{in: "jdbc:postgresql:/db", err: `single "/"`},
		{in: "jdbc:postgresql://h", err: "must contain a /"},
		{in: "jdbc:postgresql://h?x=/y", err: "must contain a /"},
		{in: "jdbc:postgresql://h/db/x", err: "too many /"},
		{in: "jdbc:postgresql://h:x/db", err: "invalid port number"},
		{in: "jdbc:postgresql://h:0/db", err: "not valid (1:65535)"},
		{in: "jdbc:postgresql://h:70000/db", err: "not valid (1:65535)"},
		{in: "jdbc:postgresql://h/db?port=abc", err: "invalid port number"},
		{in: "jdbc:postgresql://h1,h2/db?port=5432", err: "same number of values"},
		{in: "jdbc:postgresql://,/db", err: "no host"},
		{in: "jdbc:postgresql://h/db?password=%zz", err: "not valid URL encoding"},
		{in: "jdbc:postgresql://h/db?password=%4", err: "not valid URL encoding"},
		{in: "jdbc:postgresql://h/db?x=%-1", err: "not valid URL encoding"},
		{in: "jdbc:postgresql://h/d%zz", err: "not valid URL encoding"},
	})
}

func TestParseADONET(t *testing.T) {
	runDriverCases(t, conninfo.ParseADONET, []driverCase{
		{in: "Host=db;Port=5432;Username=u;Password=p;SSL Mode=VerifyFull;Trust Server Certificate=true;Root Certificate=/x",
			want: map[string]string{"host": "db", "port": "5432", "user": "u", "password": "p", "sslmode": "VerifyFull",
				"trustservercertificate": "true", "sslrootcert": "/x"},
			spans: []spanWant{{"sslmode", "SSL Mode", "VerifyFull"}, {"sslrootcert", "Root Certificate", "/x"}},
			hosts: []string{"db:5432"}},
		// Keys: case-insensitive, display name or property name, synonyms; spaces matter.
		{in: "server=db;sslmode=require;SslMode=prefer;ssl mode=verifyca",
			want:  map[string]string{"host": "db", "sslmode": "VerifyCA"},
			spans: []spanWant{{"sslmode", "ssl mode", "verifyca"}}},
		{in: "User Id=a;UserId=b;User Name=c;UID=d", want: map[string]string{"user": "d"}},
		{in: "PWD=a;PSW=b", want: map[string]string{"password": "b"}},
		{in: "Database=a;DB=b", want: map[string]string{"dbname": "b"}},
		{in: "SSL  Mode=Require", err: "keyword not supported"},
		{in: "SSL_Mode=Require", err: "keyword not supported"},
		{in: "Host=db;Foo=bar", err: "keyword not supported"},
		// White space around keys, '=' and unquoted values; a trailing ';' is fine.
		{in: "  Host = db ; Port = 5432 ; ", want: map[string]string{"host": "db", "port": "5432"},
			spans: []spanWant{{"host", "Host", "db"}}},
		{in: ";;Host=db;;", want: map[string]string{"host": "db"}},
		{in: "Host=my db", want: map[string]string{"host": "my db"}},
		// Quoting: either quote, doubled to escape; the other quote is literal.
		{in: `Password="a;b""c";Host=db`, want: map[string]string{"password": `a;b"c`, "host": "db"},
			spans: []spanWant{{"password", "Password", `"a;b""c"`}}},
		{in: `Password='it''s';Host=db`, want: map[string]string{"password": "it's", "host": "db"}},
		{in: `Password='say "hi"'`, want: map[string]string{"password": `say "hi"`}},
		{in: `Password=" spaced "`, want: map[string]string{"password": " spaced "}},
		{in: "Password=it's", want: map[string]string{"password": "it's"}},
		// "==" in a key is a literal '='.
		{in: "Ho==st=x", err: "keyword not supported"},
		// An empty value resets the property.
		{in: "SSL Mode=;Host=db", want: map[string]string{"sslmode": "", "host": "db"}},
		{in: "Host=db;SSL Mode=", want: map[string]string{"sslmode": "", "host": "db"}},
		// Enum values: member names in any case, numbers, comma lists.
		{in: "SSL Mode=verifyfull", want: map[string]string{"sslmode": "VerifyFull"}},
		{in: "SSL Mode=5", want: map[string]string{"sslmode": "VerifyFull"}},
		{in: "SSL Mode=Prefer, Allow", want: map[string]string{"sslmode": "Require"}},
		{in: "SSL Mode=verify-full", err: "Couldn't set ssl mode"},
		{in: "SSL Mode=''", err: "Couldn't set ssl mode"},
		{in: "Trust Server Certificate=yes", err: "Couldn't set trust server certificate"},
		{in: "Trust Server Certificate=TRUE", want: map[string]string{"trustservercertificate": "true"}},
		{in: "Port=abc", err: "Couldn't set port"},
		{in: "Port=0", err: "Couldn't set port"},
		// Multiple hosts with ports, as Npgsql splits them.
		{in: "Host=h1,h2:5433,[::1]:5434;Port=6000", want: map[string]string{"host": "h1,h2:5433,[::1]:5434", "port": "6000"},
			hosts: []string{"h1:6000", "h2:5433", "::1:5434"}},
		// Syntax errors.
		{in: "Host", err: "starting at index 0"},
		{in: "Host=db;Port", err: "starting at index 8"},
		{in: "=db", err: "starting at index 0"},
		{in: `Password="abc`, err: "starting at index 0"},
		{in: `Password="abc" x`, err: "starting at index 0"},
		{in: "Password=abc'", err: "starting at index 0"},
		{in: "Host=a\x01b", err: "starting at index 6"},
	})
}

func TestParseDetectsSyntax(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want conninfo.Syntax
	}{
		{"postgresql://h/db", conninfo.SyntaxURI},
		{"postgres://h/db", conninfo.SyntaxURI},
		{"Postgres://h/db", conninfo.SyntaxKeyword},
		{"jdbc:postgresql://h/db", conninfo.SyntaxJDBC},
		{"jdbc:postgresql:db", conninfo.SyntaxJDBC},
		{"Host=db;Port=5432", conninfo.SyntaxADONET},
		{"Server=db", conninfo.SyntaxADONET},
		{"Host=db", conninfo.SyntaxADONET},
		{"SSL Mode=Require", conninfo.SyntaxADONET},
		{"host=db;port=5432", conninfo.SyntaxADONET},
		{"host=db port=5432", conninfo.SyntaxKeyword},
		{"host=db", conninfo.SyntaxKeyword},
		{"sslmode=require", conninfo.SyntaxKeyword},
		{"host=db foo=bar", conninfo.SyntaxKeyword},
		{"Host=db;Foo=bar", conninfo.SyntaxKeyword},
		{"", conninfo.SyntaxKeyword},
		{"garbage", conninfo.SyntaxKeyword},
	} {
		if got := conninfo.Parse(tc.in).Syntax; got != tc.want {
			t.Errorf("Parse(%q).Syntax = %s, want %s", tc.in, got, tc.want)
		}
	}
	// The libpq version reaches the libpq parsers through Parse.
	if c := conninfo.Parse("sslnegotiation=direct", conninfo.WithLibpqVersion(15)); c.Err == nil {
		t.Errorf("libpq 15 should reject sslnegotiation")
	}
	if c := conninfo.Parse("postgres://h?sslnegotiation=direct"); c.Err != nil {
		t.Errorf("default libpq should accept sslnegotiation: %v", c.Err)
	}
}

func TestLookupAndMap(t *testing.T) {
	c := conninfo.Parse("host=a sslmode=require host=b requiressl=1")
	p, ok := c.Lookup("host")
	if !ok || p.Value != "b" || c.Input[p.Val.Start:p.Val.End] != "b" || p.Val.Start != len("host=a sslmode=require host=") {
		t.Fatalf("Lookup(host) = %+v, %v", p, ok)
	}
	p, ok = c.Lookup("sslmode")
	if !ok || p.Value != "require" || p.Written != "requiressl" || p.RawValue != "1" {
		t.Fatalf("Lookup(sslmode) = %+v, %v", p, ok)
	}
	if _, ok := c.Lookup("requiressl"); ok {
		t.Fatalf("requiressl must be found as sslmode only")
	}
	if m := c.Map(); !maps.Equal(m, map[string]string{"host": "b", "sslmode": "require"}) {
		t.Fatalf("Map() = %s", fmtMap(m))
	}
	if len(c.Params) != 4 {
		t.Fatalf("Params keeps repeats: got %d, want 4", len(c.Params))
	}
}
