package conninfo_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pgtlslint/pgtlslint/rules/conninfo"
)

// TestNoQuadraticBlowup guards against parsing, redaction and edits that grow with the square of
// the input: a scanned file can hold long strings, and these once took half a minute each.
func TestNoQuadraticBlowup(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	for _, s := range []string{
		"password=" + strings.Repeat("a ", 20000),
		"password=a" + strings.Repeat(" ", 40000),
		strings.Repeat("password=x ", 5000),
		strings.Repeat("://a:b", 5000),
		"postgres://" + strings.Repeat("h,", 10000),
		"Host=" + strings.Repeat("a;", 10000),
		strings.Repeat("a=b ", 10000),
		"jdbc:postgresql://h/db?" + strings.Repeat("a=b&", 10000),
		"postgres://h?" + strings.Repeat("password=b&", 10000),
		strings.Repeat("Password=x;", 5000),
		"postgres://" + strings.Repeat("[", 20000),
		"postgres://u:" + strings.Repeat("@", 20000),
	} {
		for _, c := range []*conninfo.ConnString{conninfo.Parse(s), conninfo.ParseKeywordValue(s),
			conninfo.ParseADONET(s), conninfo.ParseURI(s), conninfo.ParseJDBC(s)} {
			start := time.Now()
			c.Redacted()
			c.RedactedError()
			c.SetParam("sslmode", "verify-full")
			c.RemoveParam("password")
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("%s %.20q... (%d bytes): %v", c.Syntax, s, len(s), d)
			}
		}
	}
}
