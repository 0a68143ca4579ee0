//go:build cgo && libpq

package conninfo_test

import (
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/rules/conninfo"
	"github.com/pgtlslint/pgtlslint/rules/conninfo/internal/libpqoracle"
)

// The files whose every line is compared with the real libpq.
var oracleCaseFiles = []string{
	"libpq-uri-regress.txt",
	"libpq-keyword-cases.txt",
	"libpq-fuzz-found.txt",
}

// parseLibpq parses s with the Go parser that libpq's parse_connection_string would pick.
func parseLibpq(s string, major int) *conninfo.ConnString {
	if strings.HasPrefix(s, "postgresql://") || strings.HasPrefix(s, "postgres://") {
		return conninfo.ParseURI(s, conninfo.WithLibpqVersion(major))
	}
	return conninfo.ParseKeywordValue(s, conninfo.WithLibpqVersion(major))
}

// diffWithLibpq returns a description of how the Go parser and libpq disagree on s, or "".
func diffWithLibpq(s string) string {
	want, werr := libpqoracle.Parse(s)
	c := parseLibpq(s, libpqoracle.Version())
	switch {
	case werr != nil && c.Err == nil:
		return "libpq rejects with " + quote(werr.Error()) + ", Go accepts with " + fmtMap(c.Map())
	case werr == nil && c.Err != nil:
		return "libpq accepts with " + fmtMap(want) + ", Go rejects with " + quote(c.Err.Msg)
	case werr != nil:
		if werr.Error() != c.Err.Msg {
			return "messages differ: libpq " + quote(werr.Error()) + ", Go " + quote(c.Err.Msg)
		}
	default:
		if got := c.Map(); !maps.Equal(got, want) {
			return "parameters differ: libpq " + fmtMap(want) + ", Go " + fmtMap(got)
		}
	}
	return ""
}

func TestAgainstLibpq(t *testing.T) {
	major := libpqoracle.Version()
	t.Logf("libpq major version %d", major)
	compared := 0
	for _, file := range oracleCaseFiles {
		for _, s := range readCases(t, file) {
			compared++
			if d := diffWithLibpq(s); d != "" {
				t.Errorf("%s: %q: %s", file, s, d)
			}
		}
	}
	if compared < 200 {
		t.Fatalf("only %d cases compared; the case files are missing or truncated", compared)
	}
	t.Logf("%d inputs compared with libpq %d", compared, major)
}

// grammarTokens are the pieces that matter to libpq's two grammars; random sequences of them reach
// the corners that arbitrary bytes rarely hit.
var grammarTokens = []string{
	"postgres://", "postgresql://", "host", "port", "user", "password", "dbname", "sslmode",
	"requiressl", "ssl", "true", "1", "0", "x", "db", "=", "==", " ", "  ", "\t", "'", "\\", "%", "%2",
	"%41", "%00", "%20", "%zz", "@", ":", "/", "?", "&", "[", "]", "[::1]", ",", "#", "+", ";",
}

// TestAgainstLibpqRandom compares random token sequences with libpq (deterministic seed).
func TestAgainstLibpqRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	n := 200000
	if testing.Short() {
		n = 20000
	}
	failures := 0
	for i := 0; i < n && failures < 20; i++ {
		var b strings.Builder
		if r.IntN(2) == 0 {
			b.WriteString(grammarTokens[r.IntN(2)])
		}
		for k := r.IntN(12); k >= 0; k-- {
			b.WriteString(grammarTokens[r.IntN(len(grammarTokens))])
		}
		s := b.String()
		if d := diffWithLibpq(s); d != "" {
			failures++
			t.Errorf("%q: %s", s, d)
		}
	}
	t.Logf("%d random inputs compared", n)
}

// TestLibpqKeywordTable checks the version table against the keywords of the installed libpq.
func TestLibpqKeywordTable(t *testing.T) {
	major := libpqoracle.Version()
	want := libpqoracle.Keywords()
	got := conninfo.LibpqKeywords(major)
	if !slices.Equal(sorted(got), sorted(want)) {
		t.Fatalf("keywords of libpq %d:\n got %v\nwant %v", major, got, want)
	}
	// Every keyword must also round-trip through the parsers.
	for _, k := range want {
		if d := diffWithLibpq(k + "=x"); d != "" {
			t.Errorf("%s=x: %s", k, d)
		}
		if d := diffWithLibpq("postgres://h?" + k + "=x"); d != "" {
			t.Errorf("?%s=x: %s", k, d)
		}
	}
}

// FuzzAgainstLibpq compares the Go parsers with the real libpq on arbitrary input.
func FuzzAgainstLibpq(f *testing.F) {
	for _, file := range oracleCaseFiles {
		for _, s := range readCases(f, file) {
			f.Add(s)
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d := diffWithLibpq(s); d != "" {
			t.Errorf("%q: %s", s, d)
		}
	})
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}
