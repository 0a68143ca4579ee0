package conninfo_test

import (
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/rules/conninfo"
)

func TestIsSecret(t *testing.T) {
	for _, name := range []string{"password", "sslpassword", "Password", "PWD", "psw", "SSL Password",
		"SslPassword", "oauth_client_secret", "scram_client_key", "scram_server_key"} {
		if !conninfo.IsSecret(name) {
			t.Errorf("IsSecret(%q) = false", name)
		}
	}
	for _, name := range []string{"user", "passfile", "sslkey", "sslcert", "host", "oauth_client_id", ""} {
		if conninfo.IsSecret(name) {
			t.Errorf("IsSecret(%q) = true", name)
		}
	}
}

func TestRedacted(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"postgresql://u:secret@h/db", "postgresql://u:****@h/db"},
		{"postgresql://u:p%40ss@h/db?sslpassword=k", "postgresql://u:****@h/db?sslpassword=****"},
		{"postgresql://u:p@ss@h/db", "postgresql://u:****@h/db"},
		{"postgresql://u@h/db?password=x&sslmode=require", "postgresql://u@h/db?password=****&sslmode=require"},
		{"host=db password=secret sslmode=require", "host=db password=**** sslmode=require"},
		{`host=db password='it\'s secret'`, "host=db password='****'"},
		{"host=db password=a password=b", "host=db password=**** password=****"},
		{"host=db password=''", "host=db password=''"},
		{"jdbc:postgresql://h/db?user=u&password=p%2Bw&sslpassword=k", "jdbc:postgresql://h/db?user=u&password=****&sslpassword=****"},
		{`Host=db;Password="a;b";SSL Password=k`, `Host=db;Password="****";SSL Password=****`},
		{"Host=db;PWD='x''y'", "Host=db;PWD='****'"},
		{"oauth_client_secret=abc oauth_client_id=id", "oauth_client_secret=**** oauth_client_id=id"},
		// Not parsed, still scrubbed.
		{"host=db foo=bar password=secret", "host=db foo=bar password=****"},
		{"foo=1 PASSWORD=secret host=db", "foo=1 PASSWORD=**** host=db"},
		{"password='unterminated secret", "password='****"},
		{"postgresql://u:%zz@h", "postgresql://u:****@h"},
		{"postgresql://u:a/b@h/db", "postgresql://u:****@h/db"},
		{"host=db\x00password=secret", "host=db\x00password=****"},
		{"Host=db;Password=secret;Foo=bar", "Host=db;Password=****;Foo=bar"},
		{"Password=two words;Host=x", "Password=****;Host=x"},
		{"options='-c password=x' host=db", "options='-c password=****' host=db"},
		{"jdbc:postgresql://u:pw@h/db", "jdbc:postgresql://u:****@h/db"},
		// Nothing secret.
		{"host=db user=alice", "host=db user=alice"},
		{"postgresql://alice@db/app?sslmode=verify-full", "postgresql://alice@db/app?sslmode=verify-full"},
	} {
		if got := conninfo.Redact(tc.in); got != tc.want {
			t.Errorf("Redact(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestRedactedError(t *testing.T) {
	c := conninfo.Parse("postgresql://u:%zzsecret@h")
	if c.Err == nil || !strings.Contains(c.Err.Msg, "%zzsecret") {
		t.Fatalf("expected libpq's message quoting the password, got %v", c.Err)
	}
	if got := c.RedactedError(); strings.Contains(got, "secret") || !strings.Contains(got, "invalid percent-encoded token") {
		t.Fatalf("RedactedError() = %q", got)
	}
	c = conninfo.Parse("postgres://u:secret@[::1")
	if got := c.RedactedError(); strings.Contains(got, "secret") {
		t.Fatalf("RedactedError() = %q", got)
	}
	if conninfo.Parse("host=db").RedactedError() != "" {
		t.Fatalf("RedactedError of a valid string must be empty")
	}
}

// secretCorpus holds connection strings of every syntax, valid and not, with the secrets each one
// contains, written and decoded.
var secretCorpus = []struct {
	in      string
	secrets []string
}{
	{"postgresql://u:S3cr3tA@h/db", []string{"S3cr3tA"}},
	{"postgres://u:S3%40cr3tB@h", []string{"S3%40cr3tB", "S3@cr3tB"}},
	{"postgres://u:S3@cr3tC@h/db", []string{"S3@cr3tC"}},
	{"postgres://u:S3/cr3tD@h/db", []string{"S3/cr3tD"}},
	{"postgres://h?password=S3cr3tE&sslpassword=S3cr3tF", []string{"S3cr3tE", "S3cr3tF"}},
	{"postgres://u:S3cr3tG@[::1", []string{"S3cr3tG"}},
	{"postgres://u:S3cr3tH@h?ssl=1", []string{"S3cr3tH"}},
	{"postgresql://u:%zzS3cr3tI@h", []string{"%zzS3cr3tI", "S3cr3tI"}},
	{"postgres://h?sslmode=x&password=S3cr3t%4", []string{"S3cr3t%4"}},
	{"postgres://u:S3cr3tJ@h/d b", []string{"S3cr3tJ"}},
	{"password=S3cr3tK", []string{"S3cr3tK"}},
	{"password='S3 cr3tL'", []string{"S3 cr3tL"}},
	{`password='it\'sS3cr3tM'`, []string{`it\'sS3cr3tM`, "it'sS3cr3tM"}},
	{"password=S3cr3tN foo=bar", []string{"S3cr3tN"}},
	{"foo=bar password=S3cr3tO", []string{"S3cr3tO"}},
	{"password = 'unterminated S3cr3tP", []string{"S3cr3tP"}},
	{`host=db password=a\ S3cr3tQ`, []string{`a\ S3cr3tQ`, "S3cr3tQ"}},
	{"host=db\x00password=S3cr3tR", []string{"S3cr3tR"}},
	{"PASSWORD=S3cr3tS", []string{"S3cr3tS"}},
	{"sslpassword=S3cr3tT sslkey=/k", []string{"S3cr3tT"}},
	{"oauth_client_secret=S3cr3tU", []string{"S3cr3tU"}},
	{"host=db options='-c password=S3cr3tV'", []string{"S3cr3tV"}},
	{"jdbc:postgresql://h/db?user=u&password=S3cr3tW", []string{"S3cr3tW"}},
	{"jdbc:postgresql://h/db?password=S3%2Bcr3tX", []string{"S3%2Bcr3tX", "S3+cr3tX"}},
	{"jdbc:postgresql://h:x/db?password=S3cr3tY", []string{"S3cr3tY"}},
	{"jdbc:postgresql://u:S3cr3tZ@h/db", []string{"S3cr3tZ"}},
	{"jdbc:postgresql://h/db?sslpassword=S3cr3ta&x=%zz", []string{"S3cr3ta"}},
	{"Host=db;Password=S3cr3tb", []string{"S3cr3tb"}},
	{`Host=db;PWD="S3;cr3tc"`, []string{"S3;cr3tc"}},
	{"Host=db;Password='S3''cr3td'", []string{"S3''cr3td", "S3'cr3td"}},
	{"Host=db;SSL Password=S3cr3te", []string{"S3cr3te"}},
	{"Host=db;Password=S3cr3tf;Foo=bar", []string{"S3cr3tf"}},
	{`Host=db;Password="S3cr3tg`, []string{"S3cr3tg"}},
	{"Password=S3 cr3th;Host=x", []string{"S3 cr3th"}},
	{"psw=S3cr3ti;Server=x", []string{"S3cr3ti"}},
	{"Server=x;Password  =  S3cr3tj  ;", []string{"S3cr3tj"}},
	{"totally broken password:S3cr3tk postgres://a:S3cr3tl@", []string{"S3cr3tl"}},
}

// TestRedactionNeverLeaks is the redaction guarantee: for a corpus of strings in every syntax,
// quoted, escaped, percent-encoded and malformed, no secret appears in Redacted, Redact or
// RedactedError.
func TestRedactionNeverLeaks(t *testing.T) {
	for _, tc := range secretCorpus {
		outs := map[string]string{"Redact": conninfo.Redact(tc.in)}
		for name, c := range map[string]*conninfo.ConnString{
			"Parse":             conninfo.Parse(tc.in),
			"ParseURI":          conninfo.ParseURI(tc.in),
			"ParseKeywordValue": conninfo.ParseKeywordValue(tc.in),
			"ParseJDBC":         conninfo.ParseJDBC(tc.in),
			"ParseADONET":       conninfo.ParseADONET(tc.in),
		} {
			outs[name+".Redacted"] = c.Redacted()
			outs[name+".RedactedError"] = c.RedactedError()
		}
		for where, out := range outs {
			for _, s := range tc.secrets {
				if strings.Contains(out, s) {
					t.Errorf("%s(%q) = %q leaks %q", where, tc.in, out, s)
				}
			}
		}
	}
}
