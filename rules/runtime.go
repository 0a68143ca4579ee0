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

// openParams reports whether a connection string (in the grammar of syntax) has a placeholder
// where a parameter starts: postgres://h/db?${} (a query string built at run time), "host=h
// dbname=d " + extra, Host=h;${}. That part may set any parameter, sslmode included.
func openParams(s string, syntax conninfo.Syntax) bool {
	switch syntax {
	case conninfo.SyntaxURI, conninfo.SyntaxJDBC:
		return queryOpen(s)
	case conninfo.SyntaxKeyword:
		return keywordOpen(s)
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
// placeholder. It reads keys and values as libpq does: blanks around '=', values in single
// quotes or up to a blank, backslash escapes.
func keywordOpen(s string) bool {
	for i := skipBlanks(s, 0); i < len(s); i = skipBlanks(s, i) {
		if StartsWithPlaceholder(s[i:]) {
			return true
		}
		for i < len(s) && s[i] != '=' && !isBlank(s[i]) {
			i++
		}
		if i = skipBlanks(s, i); i < len(s) && s[i] == '=' {
			i = keywordValueEnd(s, skipBlanks(s, i+1))
		}
	}
	return false
}

// keywordValueEnd returns the index after the keyword value that starts at s[i].
func keywordValueEnd(s string, i int) int {
	quoted := i < len(s) && s[i] == '\''
	if quoted {
		i++
	}
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\':
			i++
		case quoted && c == '\'':
			return i + 1
		case !quoted && isBlank(c):
			return i
		}
	}
	return len(s)
}

func isBlank(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func skipBlanks(s string, i int) int {
	for i < len(s) && isBlank(s[i]) {
		i++
	}
	return i
}
