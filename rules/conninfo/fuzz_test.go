package conninfo_test

import (
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/rules/conninfo"
)

func fuzzSeeds(f *testing.F) {
	for _, file := range []string{"libpq-uri-regress.txt", "libpq-keyword-cases.txt", "libpq-fuzz-found.txt"} {
		for _, s := range readCases(f, file) {
			f.Add(s)
		}
	}
	for _, tc := range secretCorpus {
		f.Add(tc.in)
	}
	for _, s := range []string{
		"jdbc:postgresql://h1:5432,[::1]/db?user=u&password=p%2Bw&ssl&HOST=x",
		"jdbc:postgresql:db", "jdbc:postgresql://", "jdbc:postgresql://,/db?x=%+1",
		"Host=db;Port=5432;Username=u;Password=\"p;w\";SSL Mode=verifyfull;Trust Server Certificate=true",
		"Server=h1,h2:5433; User Id = u ; PWD='a''b' ;", "Ho==st=x", "Host=a\x01b", "SSL Mode=Prefer, Allow",
	} {
		f.Add(s)
	}
}

// FuzzParsers runs every parser on arbitrary input: no panic, spans inside the input, the exact
// secret values gone from Redacted, and edits that stay inside the input.
func FuzzParsers(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range []*conninfo.ConnString{
			conninfo.Parse(s),
			conninfo.ParseURI(s),
			conninfo.ParseKeywordValue(s),
			conninfo.ParseKeywordValue(s, conninfo.WithLibpqVersion(12)),
			conninfo.ParseURI(s, conninfo.WithLibpqVersion(15)),
			conninfo.ParseJDBC(s),
			conninfo.ParseADONET(s),
		} {
			checkInvariants(t, c)
			red := c.Redacted()
			_ = c.RedactedError()
			for _, p := range c.Params {
				if !conninfo.IsSecret(p.Name) && !conninfo.IsSecret(p.Written) {
					continue
				}
				raw := s[p.Val.Start:p.Val.End]
				// Only a value that is unambiguous in the input can be checked by search.
				if len(raw) >= 3 && strings.Count(s, raw) == 1 && !strings.ContainsAny(raw, "*") {
					if strings.Contains(red, raw) {
						t.Fatalf("%s %q: Redacted() = %q still holds %s value %q", c.Syntax, s, red, p.Name, raw)
					}
				}
			}
			for _, name := range []string{"sslmode", "sslrootcert", "SSL Mode", "PGHOST", "password"} {
				for _, edits := range [][]conninfo.Edit{c.SetParam(name, "verify-full"), c.RemoveParam(name)} {
					for _, e := range edits {
						if e.Start < 0 || e.End < e.Start || e.End > len(s) {
							t.Fatalf("%s %q: edit %+v out of range", c.Syntax, s, e)
						}
					}
					_ = conninfo.ApplyEdits(s, edits)
				}
			}
		}
	})
}

// FuzzRedactPlanted plants a secret in strings of every syntax surrounded by arbitrary text and
// requires that Redact hides it.
func FuzzRedactPlanted(f *testing.F) {
	f.Add("host=db", "user=u", "hunter2", uint8(0))
	f.Add("h:5432", "x", "hunter2", uint8(1))
	f.Add("h/db", "sslmode=require", "hunter2", uint8(2))
	f.Add("h/db", "sslmode=require", "hunter2", uint8(3))
	f.Add("Host=db", "SSL Mode=Require", "hunter2", uint8(4))
	f.Add("Host=db", "x", "hunter2", uint8(5))
	f.Add("options='-c", "x'", "hunter2", uint8(6))
	f.Fuzz(func(t *testing.T, before, after, secret string, form uint8) {
		// An alphanumeric secret with a marker on each side cannot occur by accident.
		secret = "Zq" + strings.Map(func(r rune) rune {
			if ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9') {
				return r
			}
			return -1
		}, secret) + "9x"
		var s string
		switch form % 7 {
		case 0:
			s = before + " password=" + secret + " " + after
		case 1:
			s = "postgres://u:" + secret + "@" + before + "/" + after
		case 2:
			s = "postgresql://" + before + "?password=" + secret + "&" + after
		case 3:
			s = "jdbc:postgresql://" + before + "?password=" + secret + "&" + after
		case 4:
			s = before + ";Password=" + secret + ";" + after
		case 5:
			s = before + ";PWD='" + secret + "';" + after
		case 6:
			s = before + " password='" + secret + "' " + after
		}
		if strings.Count(s, secret) != 1 {
			t.Skip()
		}
		if out := conninfo.Redact(s); strings.Contains(out, secret) {
			t.Fatalf("Redact(%q) = %q leaks the secret", s, out)
		}
	})
}
