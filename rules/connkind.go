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
