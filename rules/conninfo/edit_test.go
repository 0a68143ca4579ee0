package conninfo_test

import (
	"testing"

	"github.com/pgtlslint/pgtlslint/rules/conninfo"
)

func TestSetParam(t *testing.T) {
	for _, tc := range []struct {
		in, name, value, want string
	}{
		// libpq URI: replace the effective value, append to the query, or start one.
		{"postgres://h/db?sslmode=require", "sslmode", "verify-full", "postgres://h/db?sslmode=verify-full"},
		{"postgres://h/db?sslmode=disable&sslmode=require", "sslmode", "verify-full", "postgres://h/db?sslmode=disable&sslmode=verify-full"},
		{"postgres://h/db", "sslmode", "verify-full", "postgres://h/db?sslmode=verify-full"},
		{"postgres://h", "sslmode", "verify-full", "postgres://h?sslmode=verify-full"},
		{"postgres://h/db?", "sslmode", "verify-full", "postgres://h/db?sslmode=verify-full"},
		{"postgres://h/db?connect_timeout=5", "sslmode", "verify-full", "postgres://h/db?connect_timeout=5&sslmode=verify-full"},
		{"postgres://h/db?connect_timeout=5&", "sslmode", "verify-full", "postgres://h/db?connect_timeout=5&sslmode=verify-full"},
		{"postgres://h/db?ssl=true", "sslmode", "verify-full", "postgres://h/db?sslmode=verify-full"},
		{"postgres://h/db?ssl%6dode=require", "sslmode", "verify-full", "postgres://h/db?sslmode=verify-full"},
		{"postgres://h/db?requiressl=1&x", "sslmode", "verify-full", ""}, // invalid input: edits unverified
		{"postgres://h/db?sslmode=require", "sslrootcert", "/etc/ssl/ca.pem", "postgres://h/db?sslmode=require&sslrootcert=/etc/ssl/ca.pem"},
		{"postgres://h/db", "application_name", "a&b c@d", "postgres://h/db?application_name=a%26b%20c%40d"},
		{"postgres://u:old@h/db", "password", "n@w/p", "postgres://u:n%40w%2Fp@h/db"},
		{"postgres://h1,h2/db", "host", "/tmp", "postgres://h1,h2/db?host=/tmp"},
		{"postgres://h/db", "nosuchkeyword", "x", "postgres://h/db"}, // libpq would reject: no edit
		// libpq keyword=value.
		{"host=db sslmode=require", "sslmode", "verify-full", "host=db sslmode=verify-full"},
		{"host=db sslmode='require'", "sslmode", "verify-full", "host=db sslmode=verify-full"},
		{"host=db requiressl=1", "sslmode", "verify-full", "host=db sslmode=verify-full"},
		{"host=db", "sslmode", "verify-full", "host=db sslmode=verify-full"},
		{"host=db ", "sslmode", "verify-full", "host=db sslmode=verify-full"},
		{"", "sslmode", "verify-full", "sslmode=verify-full"},
		{"host=db", "sslrootcert", "/path with space/it's.pem", `host=db sslrootcert='/path with space/it\'s.pem'`},
		{"host=db", "password", "", "host=db password=''"},
		{`host=a\`, "sslmode", "verify-full", `sslmode=verify-full host=a\`},
		// JDBC.
		{"jdbc:postgresql://h/db?sslmode=require", "sslmode", "verify-full", "jdbc:postgresql://h/db?sslmode=verify-full"},
		{"jdbc:postgresql://h/db", "sslmode", "verify-full", "jdbc:postgresql://h/db?sslmode=verify-full"},
		{"jdbc:postgresql://h/db?", "sslmode", "verify-full", "jdbc:postgresql://h/db?sslmode=verify-full"},
		{"jdbc:postgresql://h/db?ssl=true", "sslmode", "verify-full", "jdbc:postgresql://h/db?ssl=true&sslmode=verify-full"},
		{"jdbc:postgresql://h/db?ssl", "ssl", "true", "jdbc:postgresql://h/db?ssl=true"},
		{"jdbc:postgresql://h/db?sslfactory=org.postgresql.ssl.NonValidatingFactory", "sslfactory",
			"org.postgresql.ssl.DefaultJavaSSLFactory", "jdbc:postgresql://h/db?sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory"},
		{"jdbc:postgresql://h/db", "password", "a+b c", "jdbc:postgresql://h/db?password=a%2Bb%20c"},
		// ADO.NET: the key given, or the display name for a canonical name; an existing key in
		// any spelling is found.
		{"Host=db;SSL Mode=Require", "SSL Mode", "VerifyFull", "Host=db;SSL Mode=VerifyFull"},
		{"Host=db;sslmode=Require", "SSL Mode", "VerifyFull", "Host=db;sslmode=VerifyFull"},
		{"Host=db;ssl mode=Require;", "sslmode", "VerifyFull", "Host=db;ssl mode=VerifyFull;"},
		{"Host=db", "SSL Mode", "VerifyFull", "Host=db;SSL Mode=VerifyFull"},
		{"Host=db;", "SSL Mode", "VerifyFull", "Host=db;SSL Mode=VerifyFull"},
		{"Host=db", "sslrootcert", "/x", "Host=db;Root Certificate=/x"},
		{"Host=db", "Root Certificate", "C:\\certs\\ca.pem", "Host=db;Root Certificate=C:\\certs\\ca.pem"},
		{"Host=db", "Password", "a;b", `Host=db;Password="a;b"`},
		{"Host=db", "Password", `say "x"`, `Host=db;Password='say "x"'`},
		{"Host=db;SSL Mode=;", "SSL Mode", "VerifyFull", "Host=db;SSL Mode=VerifyFull;"},
		{"Host=db;SSL Mode=Require", "SSL Mode", "verify-full", "Host=db;SSL Mode=Require"}, // Npgsql refuses: no edit
	} {
		c := conninfo.Parse(tc.in)
		edits := c.SetParam(tc.name, tc.value)
		got := conninfo.ApplyEdits(tc.in, edits)
		if tc.want == "" {
			if c.Err == nil {
				t.Errorf("SetParam(%q, %q) on %q: case expects invalid input", tc.name, tc.value, tc.in)
			}
			continue
		}
		if got != tc.want {
			t.Errorf("SetParam(%q, %q) on %q:\n got %q\nwant %q", tc.name, tc.value, tc.in, got, tc.want)
			continue
		}
		if got == tc.in {
			continue
		}
		after := conninfo.Parse(got)
		if after.Err != nil {
			t.Errorf("%q does not parse: %v", got, after.Err.Msg)
		}
	}
}

func TestRemoveParam(t *testing.T) {
	for _, tc := range []struct {
		in, name, want string
	}{
		{"postgres://h/db?a=1", "nosuch", "postgres://h/db?a=1"},
		{"postgres://h/db?sslmode=require&application_name=x", "sslmode", "postgres://h/db?application_name=x"},
		{"postgres://h/db?application_name=x&sslmode=require", "sslmode", "postgres://h/db?application_name=x"},
		{"postgres://h/db?sslmode=require", "sslmode", "postgres://h/db"},
		{"postgres://h?sslmode=require&ssl=true&sslmode=disable", "sslmode", "postgres://h"},
		{"postgres://h?sslmode=require&connect_timeout=3&requiressl=1", "sslmode", "postgres://h?connect_timeout=3"},
		{"postgres://u:pw@h/db", "password", "postgres://u@h/db"},
		{"postgres://u:pw@h/db?password=x", "password", "postgres://u@h/db"},
		{"postgres://u@h/db", "user", "postgres://h/db"},
		{"postgres://h/db", "dbname", "postgres://h/"},
		{"postgres://h:5432/db", "host", "postgres://h:5432/db"}, // a host list cannot be removed
		{"host=db sslmode=require port=5", "sslmode", "host=db port=5"},
		{"host=db sslmode=require", "sslmode", "host=db"},
		{"sslmode=require host=db", "sslmode", "host=db"},
		{"sslmode=require", "sslmode", ""},
		{"sslmode=a host=db requiressl=1 sslmode='b c'", "sslmode", "host=db"},
		{"host='x'sslmode=require", "sslmode", "host='x'"},
		{"jdbc:postgresql://h/db?sslfactory=x&sslmode=require", "sslfactory", "jdbc:postgresql://h/db?sslmode=require"},
		{"jdbc:postgresql://h/db?sslfactory=x", "sslfactory", "jdbc:postgresql://h/db"},
		{"jdbc:postgresql://h/db?ssl&sslmode=require", "ssl", "jdbc:postgresql://h/db?sslmode=require"},
		{"jdbc:postgresql://h/db", "PGDBNAME", "jdbc:postgresql://h/"},
		{"Host=db;Trust Server Certificate=true;SSL Mode=Require", "trustservercertificate", "Host=db;SSL Mode=Require"},
		{"Host=db;SSL Mode=Require;Trust Server Certificate=true", "Trust Server Certificate", "Host=db;SSL Mode=Require"},
		{"Host=db; TrustServerCertificate = true ;", "trustservercertificate", "Host=db"},
		{"Trust Server Certificate=true", "trustservercertificate", ""},
		{"Host=db;sslmode=Require;SSL Mode=Prefer", "SSL Mode", "Host=db"},
	} {
		c := conninfo.Parse(tc.in)
		got := conninfo.ApplyEdits(tc.in, c.RemoveParam(tc.name))
		if got != tc.want {
			t.Errorf("RemoveParam(%q) on %q:\n got %q\nwant %q", tc.name, tc.in, got, tc.want)
		}
	}
}

func TestApplyEdits(t *testing.T) {
	s := "0123456789"
	got := conninfo.ApplyEdits(s, []conninfo.Edit{
		{Start: 8, End: 9, NewText: "x"},
		{Start: 1, End: 3, NewText: ""},
		{Start: 5, End: 5, NewText: "+"},
		{Start: 2, End: 4, NewText: "overlap"}, // overlaps 1..3: skipped
		{Start: 9, End: 20, NewText: "out"},    // outside s: skipped
	})
	if want := "034+567x9"; got != want {
		t.Fatalf("ApplyEdits = %q, want %q", got, want)
	}
}
