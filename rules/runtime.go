package rules

import (
	"regexp"
	"strings"

	"github.com/pgtlslint/pgtlslint/rules/conninfo"
)

// What a connection string says about the parts only known at run time: a placeholder is a
// dynamic value; one where a parameter starts leaves the parameter set open (Target.Open); a
// host that starts with placeholders followed by '/' is a path, a Unix-socket directory
// (docs/rules.md#local-targets).

// placeholder matches values that are filled in later: ${VAR}, $VAR, $(cmd), {{ tpl }},
// <%= erb %>, %s, %(name)s, {name}, <name>, env(...).
var placeholder = regexp.MustCompile(`\$\{|\$[A-Za-z_]|\$\(|\{\{|<%|%[-+# 0-9.]*[svdqxX]|%\([A-Za-z_]+\)|\{[A-Za-z_][A-Za-z0-9_.]*\}|<[A-Za-z_][A-Za-z0-9_ -]*>|(?i:env)\(`)

// placeholderHead matches one whole placeholder of those placeholder finds, at the start of a
// string.
var placeholderHead = regexp.MustCompile(`^(?:\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|\$\([^)]*\)|\{\{.*?\}\}|<%.*?%>|%[-+# 0-9.]*[svdqxX]|%\([A-Za-z_]+\)[a-z]?|\{[A-Za-z_][A-Za-z0-9_.]*\}|<[A-Za-z_][A-Za-z0-9_ -]*>|(?i:env)\([^)]*\))`)

// IsDynamic reports whether a value is a placeholder or reference rather than a literal.
func IsDynamic(v string) bool {
	return placeholder.MatchString(v)
}

// StartsWithPlaceholder reports whether s starts with a placeholder: a word or item filled in
// at run time ($PSQL_OPTS, ${}, %s).
func StartsWithPlaceholder(s string) bool {
	return placeholderHead.MatchString(s)
}

// runtimePath reports whether a host known only in part is a path, which libpq and the drivers
// that follow it read as a Unix-socket directory: it starts with '/' or '@' (the abstract
// namespace), or with placeholders followed by '/' ($PWD/postgres, ${RUNTIME_DIR}/pg, and the
// value of filepath.Join(dir, "socket"), which analyzers write as ${}/socket). A URL's host
// never holds a '/': postgres://$HOST/db has the host $HOST.
func runtimePath(h string) bool {
	if strings.HasPrefix(h, "/") || strings.HasPrefix(h, "@") {
		return true
	}
	n := 0
	for n < len(h) {
		loc := placeholderHead.FindStringIndex(h[n:])
		if loc == nil || loc[1] == 0 {
			break
		}
		n += loc[1]
	}
	return n > 0 && strings.HasPrefix(h[n:], "/")
}

// openParams reports whether a connection string cs (parsed from s) has a placeholder where a
// parameter starts: postgres://h/db?${} (a query string built at run time), "host=h dbname=d "
// + extra, Host=h;${}. That part may set any parameter, sslmode included.
func openParams(s string, cs *conninfo.ConnString) bool {
	switch cs.Syntax {
	case conninfo.SyntaxURI, conninfo.SyntaxJDBC:
		return queryOpen(s)
	case conninfo.SyntaxKeyword:
		return keywordOpen(s, cs)
	case conninfo.SyntaxADONET:
		for _, item := range strings.Split(s, ";") {
			if StartsWithPlaceholder(strings.TrimLeft(item, " \t")) {
				return true
			}
		}
	}
	return false
}

// queryOpen reports whether an item of a URL's query starts with a placeholder.
func queryOpen(s string) bool {
	q := strings.IndexByte(s, '?')
	if q < 0 {
		return false
	}
	for _, item := range strings.Split(s[q+1:], "&") {
		if StartsWithPlaceholder(item) {
			return true
		}
	}
	return false
}

// keywordOpen reports whether a keyword of a libpq keyword=value string starts with a
// placeholder, as the parse split the string: a pair whose keyword is one (a reader that takes
// any keyword), or the word where libpq stopped (missing "=" after ${EXTRA}, or an invalid
// option).
func keywordOpen(s string, cs *conninfo.ConnString) bool {
	for _, p := range cs.Params {
		if p.Pair.Start < len(s) && StartsWithPlaceholder(s[p.Pair.Start:]) {
			return true
		}
	}
	return cs.Err != nil && cs.Err.Offset < len(s) && StartsWithPlaceholder(s[cs.Err.Offset:])
}
