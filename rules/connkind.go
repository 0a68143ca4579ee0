package rules

import (
	"regexp"
	"strings"

	"github.com/pgtlslint/pgtlslint/rules/conninfo"
)

// KeywordConn reports whether a libpq keyword string configures a connection rather than
// merely containing "key=value" words: it names a host and a database, user or sslmode.
func KeywordConn(ps []conninfo.Param) bool {
	var host, other bool
	for _, p := range ps {
		switch p.Name {
		case "host", "hostaddr":
			host = true
		case "sslmode", "dbname", "user":
			other = true
		}
	}
	return host && other
}

// ConnKind says which grammar s would be a connection string of, or "" when it is not one.
// The prefixes are matched exactly, as the readers match them.
func ConnKind(s string) string {
	switch {
	case strings.HasPrefix(s, "postgres://"), strings.HasPrefix(s, "postgresql://"), sqlalchemyURL.MatchString(s):
		return "uri"
	case strings.HasPrefix(s, "jdbc:postgresql:"):
		return "jdbc"
	case strings.HasPrefix(s, "r2dbc:postgresql://"), strings.HasPrefix(s, "r2dbc:postgres://"),
		strings.HasPrefix(s, "r2dbcs:postgresql://"), strings.HasPrefix(s, "r2dbcs:postgres://"):
		return "r2dbc"
	case strings.HasPrefix(s, "pgsql:") && pdoBody.MatchString(s[len("pgsql:"):]):
		return "pdo"
	}
	if len(s) > 4096 || strings.ContainsAny(s, "\n\r") {
		return ""
	}
	if hasKeyword(s, "host") || hasKeyword(s, "hostaddr") {
		if hasKeyword(s, "sslmode") || hasKeyword(s, "dbname") || hasKeyword(s, "user") {
			return "keyword"
		}
	}
	if strings.Contains(s, ";") {
		l := strings.ToLower(s)
		if adoKey.MatchString(l) {
			return "adonet"
		}
	}
	return ""
}

var (
	pdoBody = regexp.MustCompile(`^\s*(?:host|dbname|port|user)\s*=`)
	adoKey  = regexp.MustCompile(`(?:^|;)\s*(?:host|server)\s*=`)
)

// hasKeyword reports whether s has "key=" at the start of a word.
func hasKeyword(s, key string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], key)
		if j < 0 {
			return false
		}
		j += i
		rest := strings.TrimLeft(s[j+len(key):], " \t")
		if (j == 0 || s[j-1] == ' ' || s[j-1] == '\t') && strings.HasPrefix(rest, "=") {
			return true
		}
		i = j + len(key)
	}
}

// NotConnStringError says that a string is no connection string in any syntax pgtlslint reads,
// and which syntaxes it expected.
type NotConnStringError struct {
	// Scheme is the URL scheme the string starts with ("mysql://", "jdbc:mysql:"), or "". The
	// rest of the string is left out of the message: it may hold a password.
	Scheme string
}

// connSyntaxes is what a connection string may look like, for NotConnStringError.
const connSyntaxes = "a postgresql:// or postgres:// URI, keyword=value settings (host=... dbname=...), " +
	"a JDBC URL (jdbc:postgresql://...), an ADO.NET string (Host=...;Database=...), a PDO DSN (pgsql:host=...), " +
	"an R2DBC URL (r2dbc:postgresql://...) or a SQLAlchemy URL (postgresql+psycopg2://...)"

func (e *NotConnStringError) Error() string {
	what := "not a PostgreSQL connection string"
	switch s := strings.ToLower(strings.TrimSuffix(e.Scheme, "//")); {
	case s == "postgres:" || s == "postgresql:" || s == "jdbc:postgresql:":
		// libpq and pgjdbc match their prefixes exactly.
		what = e.Scheme + " is not spelt as libpq and pgjdbc read it (in lower case)"
	case e.Scheme != "":
		what = "a " + e.Scheme + " URL is not a PostgreSQL connection string"
	}
	return what + "; expected " + connSyntaxes
}

var (
	// urlScheme is a URL's scheme, with a second one (jdbc:mysql:) and "//" when present.
	urlScheme = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z][A-Za-z0-9+.-]*:(?://)?|//)`)
	// firstKeyword is the start of keyword=value settings, as libpq reads them: a keyword,
	// optional spaces, "=".
	firstKeyword = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*[ \t\n\r\f\v]*=`)
)

// CheckConnString returns a *NotConnStringError when s is not shaped like a connection string
// in any syntax pgtlslint reads: empty, a URL of another scheme (mysql://, redis://,
// jdbc:mysql:), or words that are not keyword=value settings. A string of a known shape that
// its reader rejects (an unknown keyword, an unterminated quote) is a connection string:
// Explain says why it is rejected. A bare keyword ("host=db", "dbname=x") is one too.
func CheckConnString(s string) error {
	if t, _ := ParseConnString(s, StringSource{}); t.Syntax != string(conninfo.SyntaxKeyword) {
		return nil
	}
	body := strings.TrimLeft(s, " \t\n\r\f\v")
	if firstKeyword.MatchString(body) {
		return nil
	}
	return &NotConnStringError{Scheme: urlScheme.FindString(body)}
}
