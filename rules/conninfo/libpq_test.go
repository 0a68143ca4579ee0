package conninfo_test

import (
	"maps"
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/rules/conninfo"
)

// spanWant checks the effective occurrence of a parameter: its key and value text in the input.
type spanWant struct {
	name, key, val string
}

type libpqCase struct {
	in      string
	version int               // 0: the default (18)
	want    map[string]string // PQconninfoParse's non-NULL options; nil when err is set
	err     string            // libpq's message
	spans   []spanWant
	hosts   []string // "name:port" of every Host
}

func runLibpqCases(t *testing.T, parse func(string, ...conninfo.Option) *conninfo.ConnString, cases []libpqCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			var opts []conninfo.Option
			if tc.version != 0 {
				opts = append(opts, conninfo.WithLibpqVersion(tc.version))
			}
			c := parse(tc.in, opts...)
			checkInvariants(t, c)
			if tc.err != "" {
				if c.Err == nil {
					t.Fatalf("accepted with %s, want error %q", fmtMap(c.Map()), tc.err)
				}
				if c.Err.Msg != tc.err {
					t.Fatalf("error %q, want %q", c.Err.Msg, tc.err)
				}
			} else {
				if c.Err != nil {
					t.Fatalf("error %q, want %s", c.Err.Msg, fmtMap(tc.want))
				}
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

// checkInvariants asserts what must hold for any parse: spans inside the input and ordered, a
// pair covering its key and value, and hosts inside the input.
func checkInvariants(t testing.TB, c *conninfo.ConnString) {
	t.Helper()
	in := func(s conninfo.Span) bool { return 0 <= s.Start && s.Start <= s.End && s.End <= len(c.Input) }
	for _, p := range c.Params {
		if !in(p.Key) || !in(p.Val) || !in(p.Pair) {
			t.Fatalf("%s: span out of range: key %v val %v pair %v (len %d)", p.Name, p.Key, p.Val, p.Pair, len(c.Input))
		}
		if p.Pair.Start > p.Key.Start || p.Key.End > p.Pair.End || p.Pair.Start > p.Val.Start ||
			p.Val.End > p.Pair.End || p.Key.End > p.Val.Start {
			t.Fatalf("%s: pair %v does not cover key %v and value %v", p.Name, p.Pair, p.Key, p.Val)
		}
	}
	for _, h := range c.Hosts {
		if !in(h.Span) || !in(h.PortSpan) {
			t.Fatalf("host %q: span out of range: %v %v (len %d)", h.Name, h.Span, h.PortSpan, len(c.Input))
		}
	}
	if c.Err != nil && (c.Err.Offset < -1 || c.Err.Offset > len(c.Input)) {
		t.Fatalf("error offset %d out of range (len %d)", c.Err.Offset, len(c.Input))
	}
}

func TestParseKeywordValue(t *testing.T) {
	runLibpqCases(t, conninfo.ParseKeywordValue, []libpqCase{
		{in: "host=db port=5432 dbname=app user=alice sslmode=verify-full",
			want:  map[string]string{"host": "db", "port": "5432", "dbname": "app", "user": "alice", "sslmode": "verify-full"},
			spans: []spanWant{{"host", "host", "db"}, {"sslmode", "sslmode", "verify-full"}},
			hosts: []string{"db:5432"}},
		// White space around '=' is allowed; quotes are part of the value span.
		{in: "host = db  sslmode = 'verify-full'",
			want:  map[string]string{"host": "db", "sslmode": "verify-full"},
			spans: []spanWant{{"sslmode", "sslmode", "'verify-full'"}}},
		{in: "\thost=db\nport=5432\r\n", want: map[string]string{"host": "db", "port": "5432"}},
		// Empty values.
		{in: "sslmode=", want: map[string]string{"sslmode": ""}, spans: []spanWant{{"sslmode", "sslmode", ""}}},
		{in: "sslmode=''", want: map[string]string{"sslmode": ""}, spans: []spanWant{{"sslmode", "sslmode", "''"}}},
		{in: "host=db sslmode= port=1", want: map[string]string{"host": "db", "sslmode": "port=1"}},
		// Backslash escapes, bare quotes.
		{in: `dbname=x\ y`, want: map[string]string{"dbname": "x y"}, spans: []spanWant{{"dbname", "dbname", `x\ y`}}},
		{in: "password=it's", want: map[string]string{"password": "it's"}},
		{in: `password='it\'s'`, want: map[string]string{"password": "it's"}, spans: []spanWant{{"password", "password", `'it\'s'`}}},
		{in: `password='a b\\c'`, want: map[string]string{"password": `a b\c`}},
		{in: `host=a\`, want: map[string]string{"host": "a"}},
		{in: `host=a\\b`, want: map[string]string{"host": `a\b`}},
		// A quoted value ends at its quote; the next keyword may follow at once.
		{in: "host='x'port=5", want: map[string]string{"host": "x", "port": "5"}},
		{in: "host=a=b", want: map[string]string{"host": "a=b"}},
		// Later duplicates win.
		{in: "sslmode=require sslmode=disable", want: map[string]string{"sslmode": "disable"},
			spans: []spanWant{{"sslmode", "sslmode", "disable"}}},
		// requiressl: '1...' gives require, anything else prefer, overriding an earlier sslmode.
		{in: "sslmode=verify-full requiressl=1", want: map[string]string{"sslmode": "require"},
			spans: []spanWant{{"sslmode", "requiressl", "1"}}},
		{in: "requiressl=1 sslmode=verify-full", want: map[string]string{"sslmode": "verify-full"}},
		{in: "requiressl=0", want: map[string]string{"sslmode": "prefer"}},
		{in: "requiressl=10", want: map[string]string{"sslmode": "require"}},
		{in: "requiressl=", want: map[string]string{"sslmode": "prefer"}},
		// Multiple hosts, ports by position.
		{in: "host=db,db2 port=5432,5433", want: map[string]string{"host": "db,db2", "port": "5432,5433"},
			hosts: []string{"db:5432", "db2:5433"}},
		{in: "host=db,db2 port=6000", want: map[string]string{"host": "db,db2", "port": "6000"},
			hosts: []string{"db:6000", "db2:6000"}},
		{in: "dbname=x", want: map[string]string{"dbname": "x"}, hosts: []string{":"}},
		// NUL ends the string for libpq.
		{in: "host=db\x00sslmode=disable", want: map[string]string{"host": "db"}},
		{in: "", want: map[string]string{}},
		{in: "   ", want: map[string]string{}},
		// Errors.
		{in: "HOST=db", err: `invalid connection option "HOST"`},
		{in: "foo=bar", err: `invalid connection option "foo"`},
		{in: "=x", err: `invalid connection option ""`},
		{in: "dbname", err: `missing "=" after "dbname" in connection info string`},
		{in: "host=db dbname x=1", err: `missing "=" after "dbname" in connection info string`},
		{in: "host='a", err: "unterminated quoted string in connection info string"},
		{in: `host='a\'`, err: "unterminated quoted string in connection info string"},
		{in: "Postgresql://u@db/x", err: `missing "=" after "Postgresql://u@db/x" in connection info string`},
		// Keywords by version.
		{in: "sslnegotiation=direct", version: 16, err: `invalid connection option "sslnegotiation"`},
		{in: "sslnegotiation=direct", version: 17, want: map[string]string{"sslnegotiation": "direct"}},
		{in: "sslrootcert=system require_auth=scram-sha-256", version: 15, err: `invalid connection option "require_auth"`},
		{in: "require_auth=scram-sha-256", version: 16, want: map[string]string{"require_auth": "scram-sha-256"}},
		{in: "authtype=x tty=y", version: 13, want: map[string]string{"authtype": "x", "tty": "y"}},
		{in: "authtype=x", version: 14, err: `invalid connection option "authtype"`},
		{in: "sslpassword=x", version: 12, err: `invalid connection option "sslpassword"`},
		{in: "oauth_client_secret=x", version: 17, err: `invalid connection option "oauth_client_secret"`},
		{in: "oauth_client_secret=x", want: map[string]string{"oauth_client_secret": "x"}},
		{in: "servicefile=x", err: `invalid connection option "servicefile"`},
		{in: "servicefile=x", version: 19, want: map[string]string{"servicefile": "x"}},
	})
}

func TestParseURI(t *testing.T) {
	runLibpqCases(t, conninfo.ParseURI, []libpqCase{
		{in: "postgresql://uri-user:secret@host:12345/db",
			want: map[string]string{"user": "uri-user", "password": "secret", "host": "host", "port": "12345", "dbname": "db"},
			spans: []spanWant{{"user", "", "uri-user"}, {"password", "", "secret"}, {"host", "", "host:12345"},
				{"port", "", "host:12345"}, {"dbname", "", "db"}},
			hosts: []string{"host:12345"}},
		{in: "postgres://h", want: map[string]string{"host": "h"}, hosts: []string{"h:"}},
		{in: "postgresql://", want: map[string]string{}, hosts: []string{":"}},
		{in: "postgresql:///db", want: map[string]string{"dbname": "db"}, hosts: []string{":"}},
		{in: "postgresql://h/", want: map[string]string{"host": "h"}},
		// Multiple hosts: libpq joins the list and keeps an entry per host in the port list.
		{in: "postgres://u@h1:5432,h2:5433/db",
			want:  map[string]string{"user": "u", "host": "h1,h2", "port": "5432,5433", "dbname": "db"},
			spans: []spanWant{{"host", "", "h1:5432,h2:5433"}},
			hosts: []string{"h1:5432", "h2:5433"}},
		{in: "postgres://h1,h2", want: map[string]string{"host": "h1,h2", "port": ","}, hosts: []string{"h1:", "h2:"}},
		{in: "postgres://h1:5432,h2/db", want: map[string]string{"host": "h1,h2", "port": "5432,", "dbname": "db"}},
		{in: "postgres://,", want: map[string]string{"host": ",", "port": ","}},
		{in: "postgres://:5432/db", want: map[string]string{"port": "5432", "dbname": "db"}},
		// IPv6.
		{in: "postgresql://[2001:db8::1]:5433/db",
			want:  map[string]string{"host": "2001:db8::1", "port": "5433", "dbname": "db"},
			hosts: []string{"2001:db8::1:5433"}},
		{in: "postgresql://[::1],[::2]:7", want: map[string]string{"host": "::1,::2", "port": ",7"}},
		// Percent-decoding in every part; '+' is not a space.
		{in: "postgresql://u:p%40ss@h/d%20b?application_name=a+b",
			want:  map[string]string{"user": "u", "password": "p@ss", "host": "h", "dbname": "d b", "application_name": "a+b"},
			spans: []spanWant{{"password", "", "p%40ss"}, {"application_name", "application_name", "a+b"}}},
		{in: "postgresql://%2Fvar%2Frun%2Fpostgresql/db", want: map[string]string{"host": "/var/run/postgresql", "dbname": "db"},
			hosts: []string{"/var/run/postgresql:"}},
		{in: "postgresql://h?ssl%6dode=require", want: map[string]string{"host": "h", "sslmode": "require"},
			spans: []spanWant{{"sslmode", "ssl%6dode", "require"}}},
		// User info ends at the first '@' before any '/'; the query is no stop.
		{in: "postgres://u:p:q@h", want: map[string]string{"user": "u", "password": "p:q", "host": "h"}},
		{in: "postgres://u:p@ss@h", want: map[string]string{"user": "u", "password": "p", "host": "ss@h"}},
		{in: "postgres://h?user=a@b", want: map[string]string{"user": "h?user=a", "host": "b"}},
		{in: "postgres://@h", want: map[string]string{"host": "h"}},
		{in: "postgres://:pw@h", want: map[string]string{"password": "pw", "host": "h"}},
		// Query parameters; later ones win over the URI parts.
		{in: "postgres://h/db?dbname=other&host=/tmp&port=1",
			want:  map[string]string{"host": "/tmp", "dbname": "other", "port": "1"},
			hosts: []string{"/tmp:1"}},
		{in: "postgres://h?sslmode=require&sslmode=verify-full", want: map[string]string{"host": "h", "sslmode": "verify-full"}},
		{in: "postgres://h?", want: map[string]string{"host": "h"}},
		{in: "postgres://h?a=1&", err: `invalid URI query parameter: "a"`},
		{in: "postgres://h?sslmode=require&", want: map[string]string{"host": "h", "sslmode": "require"}},
		{in: "postgresql://h?sslmode=verify-full#frag", want: map[string]string{"host": "h", "sslmode": "verify-full#frag"}},
		// ssl=true is libpq's JDBC compatibility; requiressl is rewritten as in keyword strings.
		{in: "postgresql://h?ssl=true", want: map[string]string{"host": "h", "sslmode": "require"},
			spans: []spanWant{{"sslmode", "ssl", "true"}}},
		{in: "postgresql://h?sslmode=verify-full&ssl=true", want: map[string]string{"host": "h", "sslmode": "require"}},
		{in: "postgresql://h?requiressl=1", want: map[string]string{"host": "h", "sslmode": "require"}},
		{in: "postgresql://h?ssl=1", err: `invalid URI query parameter: "ssl"`},
		{in: "postgresql://h?ssl=TRUE", err: `invalid URI query parameter: "ssl"`},
		{in: "postgresql://h?SSLMODE=require", err: `invalid URI query parameter: "SSLMODE"`},
		{in: "postgresql://h?zzz", err: `missing key/value separator "=" in URI query parameter: "zzz"`},
		{in: "postgresql://h?&", err: `missing key/value separator "=" in URI query parameter: ""`},
		{in: "postgresql://host?key=key=value", err: `extra key/value separator "=" in URI query parameter: "key"`},
		{in: "postgresql://h?=1", err: `invalid URI query parameter: ""`},
		// Percent-decoding errors.
		{in: "postgres://host?dbname=%XXfoo", err: `invalid percent-encoded token: "%XXfoo"`},
		{in: "postgresql://a%00b", err: `forbidden value %00 in percent-encoded value: "a%00b"`},
		{in: "postgresql://%1", err: `invalid percent-encoded token: "%1"`},
		{in: "postgresql://h1,h%2", err: `invalid percent-encoded token: "h1,h%2"`},
		{in: "postgresql://u:%zz@h", err: `invalid percent-encoded token: "%zz"`},
		// IPv6 errors.
		{in: "postgres://[::1", err: `end of string reached when looking for matching "]" in IPv6 host address in URI: "postgres://[::1"`},
		{in: "postgres://[]", err: `IPv6 host address may not be empty in URI: "postgres://[]"`},
		{in: "postgres://[::1]z", err: `unexpected character "z" at position 17 in URI (expected ":" or "/"): "postgres://[::1]z"`},
		// Not a URI at all.
		{in: "Postgresql://h", err: `invalid URI propagated to internal parser routine: "Postgresql://h"`},
		// Keywords by version, in the query.
		{in: "postgres://h?sslnegotiation=direct", version: 15, err: `invalid URI query parameter: "sslnegotiation"`},
		{in: "postgres://h?sslnegotiation=direct", want: map[string]string{"host": "h", "sslnegotiation": "direct"}},
		// Spaces: kept before libpq 18, trimmed or rejected from 18 on.
		{in: "postgres://h/db ", version: 17, want: map[string]string{"host": "h", "dbname": "db "}},
		{in: "postgres://h/db ", want: map[string]string{"host": "h", "dbname": "db"}},
		{in: "postgres:// h", version: 15, want: map[string]string{"host": " h"}},
		{in: "postgres://h?sslmode= require ", want: map[string]string{"host": "h", "sslmode": "require"}},
		{in: "postgres://h/d b", err: `unexpected spaces found in "d b", use percent-encoded spaces (%20) instead`},
		{in: "postgres://h/d b", version: 17, want: map[string]string{"host": "h", "dbname": "d b"}},
		{in: "postgres://h/d%20b", want: map[string]string{"host": "h", "dbname": "d b"}},
		// NUL ends the string.
		{in: "postgres://h\x00?sslmode=disable", want: map[string]string{"host": "h"}},
	})
}

// TestURIHostSpans checks the spans of each host and port of a URI host list.
func TestURIHostSpans(t *testing.T) {
	s := "postgres://u@h1:5432,[::1]:5433,h3/db"
	c := conninfo.ParseURI(s)
	var got []string
	for _, h := range c.Hosts {
		got = append(got, s[h.Span.Start:h.Span.End]+"|"+s[h.PortSpan.Start:h.PortSpan.End])
	}
	want := "h1|5432 [::1]|5433 h3|"
	if strings.Join(got, " ") != want {
		t.Fatalf("host spans %q, want %q", strings.Join(got, " "), want)
	}
	if c.Hosts[1].Name != "::1" {
		t.Fatalf("IPv6 host name %q, want ::1", c.Hosts[1].Name)
	}
}

// TestLibpqKeywords checks the version table at its edges.
func TestLibpqKeywords(t *testing.T) {
	has := func(major int, kw string) bool {
		for _, k := range conninfo.LibpqKeywords(major) {
			if k == kw {
				return true
			}
		}
		return false
	}
	for _, tc := range []struct {
		kw     string
		in, ex []int
	}{
		{"authtype", []int{12, 13}, []int{14, 18}},
		{"tty", []int{12, 13}, []int{14, 18}},
		{"channel_binding", []int{13, 18}, []int{12}},
		{"sslpassword", []int{13}, []int{12}},
		{"sslcrldir", []int{14}, []int{13}},
		{"sslsni", []int{14}, []int{13}},
		{"gsslib", []int{14}, []int{13}},
		{"require_auth", []int{16}, []int{15}},
		{"sslcertmode", []int{16}, []int{15}},
		{"load_balance_hosts", []int{16}, []int{15}},
		{"gssdelegation", []int{16}, []int{15}},
		{"sslnegotiation", []int{17}, []int{16}},
		{"oauth_issuer", []int{18}, []int{17}},
		{"sslkeylogfile", []int{18}, []int{17}},
		{"min_protocol_version", []int{18}, []int{17}},
		{"servicefile", []int{19}, []int{18}},
		{"sslmode", []int{12, 18}, nil},
		{"requiressl", nil, []int{12, 18}}, // a rewrite, not a keyword
	} {
		for _, v := range tc.in {
			if !has(v, tc.kw) {
				t.Errorf("libpq %d should accept %s", v, tc.kw)
			}
		}
		for _, v := range tc.ex {
			if has(v, tc.kw) || conninfo.IsLibpqKeyword(tc.kw, v) {
				t.Errorf("libpq %d should reject %s", v, tc.kw)
			}
		}
	}
	if n := len(conninfo.LibpqKeywords(15)); n != 36 {
		t.Errorf("libpq 15 has %d keywords, want 36", n)
	}
	// Out-of-range versions are clamped.
	if got, want := len(conninfo.LibpqKeywords(9)), len(conninfo.LibpqKeywords(12)); got != want {
		t.Errorf("version 9: %d keywords, want those of 12 (%d)", got, want)
	}
}

func TestWithAnyParameter(t *testing.T) {
	anyOpt := conninfo.WithAnyParameter()
	c := conninfo.ParseURI("postgres://h?ssl=true&foo=bar&requiressl=1&SSLMODE=x", anyOpt)
	want := map[string]string{"host": "h", "ssl": "true", "foo": "bar", "requiressl": "1", "SSLMODE": "x"}
	if c.Err != nil || !maps.Equal(c.Map(), want) {
		t.Fatalf("URI: %v %s", c.Err, fmtMap(c.Map()))
	}
	c = conninfo.ParseKeywordValue("foo=bar HOST=x requiressl=1", anyOpt)
	want = map[string]string{"foo": "bar", "HOST": "x", "requiressl": "1"}
	if c.Err != nil || !maps.Equal(c.Map(), want) {
		t.Fatalf("keyword: %v %s", c.Err, fmtMap(c.Map()))
	}
	if c := conninfo.ParseKeywordValue("foo", anyOpt); c.Err == nil || c.Err.Msg != `missing "=" after "foo" in connection info string` {
		t.Fatalf("grammar errors must stay: %v", c.Err)
	}
	if c := conninfo.ParseURI("postgres://h?x=%zz", anyOpt); c.Err == nil {
		t.Fatalf("grammar errors must stay")
	}
	c = conninfo.ParseURI("postgres://h?foo=1", anyOpt)
	if got := conninfo.ApplyEdits(c.Input, c.SetParam("bar", "2")); got != "postgres://h?foo=1&bar=2" {
		t.Fatalf("SetParam: %q", got)
	}
	c = conninfo.Parse("host=db sslrootcert=x pgx_extra=1", anyOpt)
	if got := conninfo.ApplyEdits(c.Input, c.RemoveParam("pgx_extra")); got != "host=db sslrootcert=x" {
		t.Fatalf("RemoveParam: %q", got)
	}
}
