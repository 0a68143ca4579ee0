package rules

import (
	"errors"
	"strings"
	"testing"
)

// TestCheckConnString: explain refuses what no driver reads as a connection string, saying
// what it expected, and keeps every string of a known shape, also one its reader rejects.
func TestCheckConnString(t *testing.T) {
	for s, scheme := range map[string]string{
		"":                              "",
		"   ":                           "",
		"not a conn string":             "",
		"db.example.com:5432":           "",
		"=x":                            "",
		"mysql://u:pw-Secret9@h/db?x=1": "mysql://",
		"redis://cache.example.com":     "redis://",
		"jdbc:mysql://h/db":             "jdbc:mysql://",
		"jdbc:sqlserver://h;db=x":       "jdbc:sqlserver://",
		"mysql+pymysql://h/db":          "mysql+pymysql://",
		"Postgres://db.example.com/app": "Postgres://",
		"JDBC:postgresql://h/db":        "JDBC:postgresql://",
	} {
		err := CheckConnString(s)
		var nc *NotConnStringError
		if !errors.As(err, &nc) || nc.Scheme != scheme {
			t.Errorf("%q: err = %v, want a NotConnStringError with scheme %q", s, err, scheme)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, "expected a postgresql:// or postgres:// URI") || strings.Contains(msg, "pw-Secret9") || strings.Contains(msg, "\n") {
			t.Errorf("%q: message %q: want one line saying what was expected, without the string", s, msg)
		}
	}
	for _, s := range []string{
		"host=db", "dbname=x", "host = db", " sslmode=require", "a=b", "host='db.example.com",
		"host=db.example.com foo=bar", "postgres://", "postgresql://db.example.com/app?SSLMODE=require",
		"jdbc:postgresql://db/app", "Host=db;SSL Mode=Require", "pgsql:host=db;dbname=app",
		"r2dbc:postgresql://db/app", "postgresql+asyncpg://db/app",
	} {
		if err := CheckConnString(s); err != nil {
			t.Errorf("%q: %v, want a connection string", s, err)
		}
	}
}
