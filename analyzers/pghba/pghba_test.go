package pghba

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pgtlslint/pgtlslint/rules"
)

// fieldTexts renders a tokenized line as [[tok tok] [tok]] with quoted tokens marked by a
// leading ^.
func fieldTexts(tl tokenizedLine) [][]string {
	var out [][]string
	for _, f := range tl.fields {
		var ts []string
		for _, t := range f {
			s := t.text
			if t.quoted {
				s = "^" + s
			}
			ts = append(ts, s)
		}
		out = append(out, ts)
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want [][]string
	}{
		{"host all all", [][]string{{"host"}, {"all"}, {"all"}}},
		{"a,b c", [][]string{{"a", "b"}, {"c"}}},
		{"a, b c", [][]string{{"a", "b"}, {"c"}}},       // blanks after a comma: same list
		{"a ,b c", [][]string{{"a"}, {"b"}, {"c"}}},     // blank before the comma: new field
		{"a,,b", [][]string{{"a", "b"}}},                // empty items vanish
		{"a,", [][]string{{"a"}}},                       // trailing comma
		{`"a,b" c`, [][]string{{"^a,b"}, {"c"}}},        // comma in quotes
		{`"a b"`, [][]string{{"^a b"}}},                 // blank in quotes
		{`a"b c"d`, [][]string{{"ab cd"}}},              // quotes in the middle: not "quoted"
		{`a"ll"`, [][]string{{"all"}}},                  // the keyword all for the server
		{`""all`, [][]string{{"^all"}}},                 // a name
		{`""`, [][]string{{"^"}}},                       // empty quoted token
		{`""""`, [][]string{{`^"`}}},                    // doubled quote inside quotes
		{`"a""b"`, [][]string{{`^a"b`}}},                // doubled quote
		{`ab#c d`, [][]string{{"ab"}}},                  // comment in a token
		{`"a#b" c`, [][]string{{"^a#b"}, {"c"}}},        // # in quotes
		{"# x y", nil},                                  // comment line
		{"   \t ", nil},                                 // blank line
		{"a\rb", [][]string{{"a"}, {"b"}}},              // \r is blank
		{"a\vb", [][]string{{"a\vb"}}},                  // \v is not
		{`"a b c`, [][]string{{"^a b c"}}},              // open quote to end of line
		{`a "b # c`, [][]string{{"a"}, {"^b # c"}}},     // open quote swallows #
		{`@file,x`, [][]string{{"@file", "x"}}},         // @ kept as written
		{`x,"y",z`, [][]string{{"x", "^y", "z"}}},       // quoted list item
		{"a\u00a0b", [][]string{{"a\u00a0b"}}},          // no-break space is no blank
		{"\xff\xfe x", [][]string{{"\xff\xfe"}, {"x"}}}, // invalid UTF-8 passes through
	}
	for _, tt := range tests {
		got := fieldTexts(tokenize([]byte(tt.in)))
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokenizeMarks(t *testing.T) {
	tl := tokenize([]byte(`host "all x 10`))
	if tl.openQuote != 5 {
		t.Errorf("openQuote = %d, want 5", tl.openQuote)
	}
	tl = tokenize([]byte(`host all # c`))
	if tl.comment != 9 || tl.openQuote != -1 {
		t.Errorf("comment = %d, openQuote = %d", tl.comment, tl.openQuote)
	}
}

func TestSplitLines(t *testing.T) {
	tests := []struct {
		in   string
		want []string
		nums []int
	}{
		{"a\nb", []string{"a", "b"}, []int{1, 2}},
		{"a\\\nb\nc", []string{"ab", "c"}, []int{1, 3}},
		{"a \\\r\n b\r\n", []string{"a  b"}, []int{1}},
		{"a\\\\\n\nb", []string{`a\`, "b"}, []int{1, 3}}, // doubled backslash, then an empty line
		{"a\\\\\nb", []string{`a\b`}, []int{1}},          // one backslash is a continuation
		{"a\\", []string{"a"}, []int{1}},                 // continuation at the end of the file
		{"a\x00b\\\nc", []string{"a", "c"}, []int{1, 2}}, // NUL ends the line before the backslash
		{"a\r\r\n", []string{"a"}, []int{1}},
		{"\n\n", []string{"", ""}, []int{1, 2}},
	}
	for _, tt := range tests {
		ls := splitLines([]byte(tt.in), 0)
		var got []string
		var nums []int
		for _, l := range ls {
			got = append(got, string(l.text))
			nums = append(nums, l.num)
		}
		if !reflect.DeepEqual(got, tt.want) || !reflect.DeepEqual(nums, tt.nums) {
			t.Errorf("splitLines(%q) = %q %v, want %q %v", tt.in, got, nums, tt.want, tt.nums)
		}
	}
}

// TestSpansExact checks that every field's span is exactly where it is written.
func TestSpansExact(t *testing.T) {
	in := "# c\nhost  \"my db\",b\tall \\\n  10.0.0.0 255.0.0.0   ident  \"map\"=x\r\n" +
		"#\nhostssl a b 10.0.0.0/8 md5 \"ldapserver=a b\"\r\n"
	f := parse("p", []byte(in))
	if len(f.Records) != 1 {
		t.Fatalf("records %d, notices %v", len(f.Records), f.Notices)
	}
	r := f.Records[0]
	want := []string{"host", `"my db"`, "b", "all", "10.0.0.0", "255.0.0.0", "ident", `"map"=x`}
	var got []string
	for _, fld := range recordFields(r) {
		got = append(got, in[fld.Span.Start:fld.Span.End])
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("spans cover %q, want %q", got, want)
	}
	if s := in[r.Span.Start:r.Span.End]; !strings.HasPrefix(s, "host ") || !strings.HasSuffix(s, "=x") {
		t.Errorf("record span %q", s)
	}
	if len(f.Notices) != 1 || f.Notices[0].Line != 5 {
		t.Errorf("notices %v, want one on line 5 (ldapserver without ldap)", f.Notices)
	}
	if f.Lines[0] != 2 {
		t.Errorf("record line %d, want 2", f.Lines[0])
	}
}

// TestSpanAcrossContinuation checks a token written over two lines: its span covers both
// parts and the backslash between them.
func TestSpanAcrossContinuation(t *testing.T) {
	in := "host ap\\\np app 10.0.0.0/8 md5\n"
	f := parse("p", []byte(in))
	if len(f.Records) != 1 {
		t.Fatalf("records %d, notices %v", len(f.Records), f.Notices)
	}
	db := f.Records[0].Databases[0]
	if db.Text != "app" || in[db.Span.Start:db.Span.End] != "ap\\\np" {
		t.Errorf("database %q spans %q", db.Text, in[db.Span.Start:db.Span.End])
	}
	if e := f.Records[0].Editor.Replace(db, "x"); e != nil {
		t.Errorf("a field across a continuation got an edit: %v", e)
	}
}

func TestNotices(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"hots all all 10.0.0.0/8 md5", `invalid connection type "hots"`},
		{"host,local all all 10.0.0.0/8 md5", "multiple values specified for connection type"},
		{"host", "end-of-line before database specification"},
		{"host all", "end-of-line before role specification"},
		{"host all all", "end-of-line before IP address specification"},
		{"host all all 10.0.0.0/8", "end-of-line before authentication method"},
		{"host all all 10.0.0.0", "end-of-line before netmask specification"},
		{"host all all 10.0.0.0/8,10.0.0.0/9 md5", "multiple values specified for host address"},
		{"host all all 10.0.0.0 255.0.0.0,255.0.0.0 md5", "multiple values specified for netmask"},
		{"host all all 10.0.0.0/33 md5", `invalid CIDR mask in address "10.0.0.0/33"`},
		{"host all all ::/129 md5", `invalid CIDR mask in address "::/129"`},
		{"host all all 10.0.0.0/ md5", `invalid CIDR mask in address "10.0.0.0/"`},
		{"host all all 10.0.0.0/8x md5", `invalid CIDR mask in address "10.0.0.0/8x"`},
		{"host all all a.example/8 md5", `specifying both host name and CIDR mask is invalid: "a.example/8"`},
		{"host all all 10.0.0.0 255.0.0.x md5", `invalid IP mask "255.0.0.x": Name or service not known`},
		{"host all all 10.0.0.0 ffff:: md5", "IP address and mask do not match"},
		{"host all all 10.0.0.0/8 md6", `invalid authentication method "md6"`},
		{"host all all 10.0.0.0/8 md5,trust", "multiple values specified for authentication type"},
		{"host all all 10.0.0.0/8 peer", "peer authentication is only supported on local sockets"},
		{"local all all gss", "gssapi authentication is not supported on local sockets"},
		{"host all all 10.0.0.0/8 cert", "cert authentication is only supported on hostssl connections"},
		{"host all all 10.0.0.0/8 md5 x", "authentication option not in name=value format: x"},
		{"host all all 10.0.0.0/8 md5 x=1", `unrecognized authentication option name: "x"`},
		{"host all all 10.0.0.0/8 md5 map=m", `authentication option "map" is only valid for authentication methods ident, peer, gssapi, sspi, cert, and oauth`},
		{"host all all 10.0.0.0/8 md5 clientcert=verify-full", `clientcert can only be configured for "hostssl" rows`},
		{"hostssl all all 10.0.0.0/8 md5 clientcert=no", `invalid value for clientcert: "no"`},
		{"hostssl all all 10.0.0.0/8 cert clientcert=verify-ca", `clientcert only accepts "verify-full" when using "cert" authentication`},
		{"hostssl all all 10.0.0.0/8 md5 clientname=UID", `invalid value for clientname: "UID"`},
		{"host all all 10.0.0.0/8 ldap", `authentication method "ldap" requires argument "ldapbasedn", "ldapprefix", or "ldapsuffix" to be set`},
		{"host all all 10.0.0.0/8 ldap ldapprefix=a ldapbinddn=b", "cannot mix options for simple bind and search+bind modes"},
		{"host all all 10.0.0.0/8 ldap ldapbasedn=a ldapsearchattribute=b ldapsearchfilter=c", "cannot use ldapsearchattribute together with ldapsearchfilter"},
		{"host all all 10.0.0.0/8 ldap ldapbasedn=a ldapport=x", `invalid LDAP port number: "x"`},
		{"host all all 10.0.0.0/8 ldap ldapurl=http://x/", "unsupported LDAP URL scheme: http"},
		{"host all all 10.0.0.0/8 radius radiussecrets=s", `authentication method "radius" requires argument "radiusservers" to be set`},
		{"host all all 10.0.0.0/8 radius radiusservers=a", `authentication method "radius" requires argument "radiussecrets" to be set`},
		{`host all all 10.0.0.0/8 radius radiusservers="a,b,c" radiussecrets="x,y"`, "the number of RADIUS secrets (2) must be 1 or the same as the number of RADIUS servers (3)"},
		{`host all all 10.0.0.0/8 radius radiusservers=a radiussecrets=s radiusports="1,2"`, "the number of RADIUS ports (2) must be 1 or the same as the number of RADIUS servers (1)"},
		{`host all all 10.0.0.0/8 radius radiusservers="a," radiussecrets=s`, `could not parse RADIUS list "a,"`},
		{"host all all 10.0.0.0/8 oauth issuer=x", `authentication method "oauth" requires argument "scope" to be set`},
		{"host /( all 10.0.0.0/8 md5", `invalid regular expression "(": parentheses () not balanced`},
		{`host "all all 10.0.0.0/8 md5`, "end-of-line before role specification (a double quote is never closed on this line)"},
		{"include a b", `invalid connection type "include"`},
	}
	for _, tt := range tests {
		f := parse("p", []byte(tt.in+"\n"))
		if len(f.Notices) != 1 || f.Notices[0].Message != tt.want || f.Notices[0].Line != 1 || len(f.Records) != 0 {
			t.Errorf("%q: notices %v, records %d; want %q", tt.in, f.Notices, len(f.Records), tt.want)
		}
	}
}

func TestValidRecords(t *testing.T) {
	for _, in := range []string{
		`host all all 10.0.0.0/8 "md5`,         // the open quote swallows nothing else: accepted
		`"host" all all 10.0.0.0/8 "md5"`,      // type and method are compared without quotes
		"host all all 999.1.1.1 md5",           // not numeric: a host name
		`host all all "" md5`,                  // an empty host name
		"host all all 10 255.0.0.0 md5",        // inet_aton: 0.0.0.10
		"host all all 10.0.0.0/+8 md5",         // strtol takes a sign
		"host all @ 10.0.0.0/8 md5",            // a lone @ is a name
		"host all all fe80::1%eth0 ffff:: md5", // a zone
		"local all all ident map=m",            // ident on local is peer
		"host /x all 10.0.0.0/8 md5",           // a regular expression
		"host /\\1(?=a) all 10.0.0.0/8 md5",    // PostgreSQL regex syntax Go does not know
		`hostssl all all 10.0.0.0/8 radius radiusservers="a, b" radiussecrets=s radiusports=1812`,
	} {
		f := parse("p", []byte(in))
		if len(f.Notices) != 0 || len(f.Records) != 1 {
			t.Errorf("%q: notices %v, records %d", in, f.Notices, len(f.Records))
		}
	}
}

func TestInclude(t *testing.T) {
	in := "include_if_exists \"a b.conf\" # x\ninclude_dir conf.d\ninclude a,b\n\"include\" x\n"
	f := parse("p", []byte(in))
	if len(f.Notices) != 0 || len(f.Records) != 0 || len(f.Includes) != 4 {
		t.Fatalf("notices %v, records %d, includes %d", f.Notices, len(f.Records), len(f.Includes))
	}
	got := fmt.Sprintf("%s %s %d", f.Includes[0].Directive, f.Includes[0].Target.Text, f.Includes[1].Line)
	if got != "include_if_exists a b.conf 2" {
		t.Errorf("includes: %s", got)
	}
	if s := in[f.Includes[0].Span.Start:f.Includes[0].Span.End]; s != `include_if_exists "a b.conf"` {
		t.Errorf("include span %q", s)
	}
}

func TestBOM(t *testing.T) {
	in := "\ufeffhost all all 0.0.0.0/0 trust\nlocal all all peer\n"
	fs, ns := Findings("p", []byte(in))
	if len(ns) != 1 || ns[0].Line != 1 || !strings.Contains(ns[0].Message, "byte order mark") {
		t.Errorf("notices %v", ns)
	}
	if len(fs) == 0 || fs[0].Start.Line != 1 || fs[0].Span.Start != 3 {
		t.Errorf("findings %v: want the line read after the mark", fs)
	}
}

// fakeField finds the field written as text in a record.
func fakeField(t *testing.T, r rules.HBARecord, text string) rules.HBAField {
	t.Helper()
	for _, f := range recordFields(r) {
		if f.Text == text {
			return f
		}
	}
	t.Fatalf("no field %q", text)
	return rules.HBAField{}
}

func TestEditorReplace(t *testing.T) {
	tests := []struct {
		in, field, text, want string
	}{
		{"host      app  app  10.0.0.0/8  scram-sha-256", "host", "hostssl", "hostssl   app  app  10.0.0.0/8  scram-sha-256"},
		{"host\tall\tall\t0.0.0.0/0\tmd5", "host", "hostssl", "hostssl\tall\tall\t0.0.0.0/0\tmd5"},
		{"hostnossl\tall\tall\t0.0.0.0/0\tmd5", "hostnossl", "hostssl", "hostssl\t\tall\tall\t0.0.0.0/0\tmd5"},
		{"hostnossl all all 10.0.0.0/8 md5", "hostnossl", "hostssl", "hostssl   all all 10.0.0.0/8 md5"},
		{"host all all 10.0.0.0/8 md5", "host", "hostssl", "hostssl all all 10.0.0.0/8 md5"},
		{"host\tall all 10.0.0.0/8 md5", "host", "hostssl", "hostssl\tall all 10.0.0.0/8 md5"},
		{"host  all all 10.0.0.0/8 md5", "host", "hostssl", "hostssl all all 10.0.0.0/8 md5"},
		{"host all all 10.0.0.0/8 md5", "md5", "scram-sha-256", "host all all 10.0.0.0/8 scram-sha-256"},
		{"host all all 10.0.0.0/8 md5   # c", "md5", "scram-sha-256", "host all all 10.0.0.0/8 scram-sha-256   # c"},
		{"host all all 10.0.0.0/8 md5#c", "md5", "scram-sha-256", "host all all 10.0.0.0/8 scram-sha-256#c"},
		{"host all all 10.0.0.0/8 md5 \\\n", "md5", "scram-sha-256", "host all all 10.0.0.0/8 scram-sha-256 \\\n"},
		{"host all all 10.0.0.0/8 md5\r\n", "md5", "scram-sha-256", "host all all 10.0.0.0/8 scram-sha-256\r\n"},
		{"hostssl all all 10.0.0.0/8 md5         clientcert=verify-full", "md5", "scram-sha-256", "hostssl all all 10.0.0.0/8 scram-sha-256 clientcert=verify-full"},
		{"hostssl all all 10.0.0.0/8 md5               clientcert=verify-ca", "md5", "scram-sha-256", "hostssl all all 10.0.0.0/8 scram-sha-256     clientcert=verify-ca"},
		{"host all all 10.0.0.0/8 ident  map=x", "ident", "peer", "host all all 10.0.0.0/8 peer   map=x"},
		{"host \\\n all all 10.0.0.0/8 md5", "host", "hostssl", "hostssl \\\n all all 10.0.0.0/8 md5"},
		{"\"host\"   all all 10.0.0.0/8 md5", "host", "hostssl", "hostssl  all all 10.0.0.0/8 md5"},
		{"host é    all 10.0.0.0/8 md5", "é", "x", "host x    all 10.0.0.0/8 md5"},
	}
	for _, tt := range tests {
		in := []byte(tt.in)
		f := parse("p", in)
		if len(f.Records) != 1 {
			t.Errorf("%q: %v", tt.in, f.Notices)
			continue
		}
		r := f.Records[0]
		edits := r.Editor.Replace(fakeField(t, r, tt.field), tt.text)
		got, _ := rules.ApplyEdits(tt.in, edits)
		if got != tt.want {
			t.Errorf("Replace(%q, %q) in %q\n got %q\nwant %q", tt.field, tt.text, tt.in, got, tt.want)
		}
	}
}

func TestEditorForeignField(t *testing.T) {
	f := parse("p", []byte("host a a 10.0.0.0/8 md5\nhost b b 10.0.0.0/8 md5\n"))
	if e := f.Records[0].Editor.Replace(f.Records[1].Type, "hostssl"); e != nil {
		t.Errorf("edit of another record's field: %v", e)
	}
}

func TestLooksLikeHBA(t *testing.T) {
	sample := "# TYPE DATABASE USER ADDRESS METHOD\nlocal all all peer\nhost all all 127.0.0.1/32 scram-sha-256\n"
	tests := []struct {
		in   string
		want bool
	}{
		{sample, true},
		{"\ufeff" + sample, true},
		{"include_dir conf.d\nhostssl all all 10.0.0.0/8 md5 clientcert=verify-full\n", true},
		{"host all all 10.0.0.0/8 md6\nlocal all all peer\n", true}, // a wrong method is still pg_hba.conf
		{"", false},
		{"# only comments\n\n", false},
		{"include foo.conf\n", false},
		{"listen_addresses = '*'\nssl = on\n", false},
		{"[server]\nhost = db\n", false},
		{"local all all peer\nport = 5432\n", false},
		{"host db.example.com\n", false},
		{"local all\n", false},
	}
	for _, tt := range tests {
		if got := LooksLikeHBA([]byte(tt.in)); got != tt.want {
			t.Errorf("LooksLikeHBA(%q) = %v", tt.in, got)
		}
	}
	// Only the first 8 KiB count, and the line cut there is ignored.
	long := strings.Repeat("host all all 10.0.0.0/8 scram-sha-256\n", 300)
	if !LooksLikeHBA([]byte(long + "this is not pg_hba\n")) {
		t.Errorf("LooksLikeHBA read past 8 KiB")
	}
}

// TestLongLines checks that a huge line costs linear time and still parses.
func TestLongLines(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("host ")
	for i := range 200000 {
		fmt.Fprintf(&b, "db%d,", i)
	}
	b.WriteString("last all 10.0.0.0/8 md5 \\\n")
	b.WriteString(strings.Repeat(" ", 1<<20))
	b.WriteString("\nlocal all all peer\n")
	start := time.Now()
	fs, ns := Findings("p", b.Bytes())
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
	if len(ns) != 0 || len(fs) != 2 {
		t.Errorf("findings %d, notices %v", len(fs), ns)
	}
	if fs[0].Start.Line != 1 || fs[len(fs)-1].Start.Line != 1 {
		t.Errorf("positions %v %v", fs[0].Start, fs[len(fs)-1].Start)
	}
}

func TestParseRecoversPanics(t *testing.T) {
	f := Parse("p", []byte("host all all 10.0.0.0/8 md5\n"))
	if len(f.Records) != 1 || len(f.Notices) != 0 {
		t.Errorf("Parse: %d records, %v", len(f.Records), f.Notices)
	}
}

// TestManyContinuations checks a record continued over many lines: positions stay exact and
// the time linear.
func TestManyContinuations(t *testing.T) {
	var b strings.Builder
	b.WriteString("host ")
	for i := range 50000 {
		fmt.Fprintf(&b, "db%d, \\\n", i)
	}
	b.WriteString("last all 10.0.0.0/8 md5\n")
	in := b.String()
	start := time.Now()
	f := parse("p", []byte(in))
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
	if len(f.Records) != 1 || len(f.Records[0].Databases) != 50001 {
		t.Fatalf("records %d, notices %v", len(f.Records), f.Notices)
	}
	for _, db := range f.Records[0].Databases {
		if got := in[db.Span.Start:db.Span.End]; got != db.Text {
			t.Fatalf("database %q spans %q", db.Text, got)
		}
	}
	m := f.Records[0].Method
	if in[m.Span.Start:m.Span.End] != "md5" {
		t.Errorf("method spans %q", in[m.Span.Start:m.Span.End])
	}
}
