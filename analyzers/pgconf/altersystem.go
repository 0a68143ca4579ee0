package pgconf

import (
	"strings"

	"github.com/pgtlslint/pgtlslint/rules"
)

// ParseAlterSystem finds the ALTER SYSTEM statements of a SQL file (a migration, an init
// script, a psql script) and returns the settings they leave in postgresql.auto.conf, in
// order. The grammar is the server's (gram.y AlterSystemStmt):
//
//	ALTER SYSTEM SET name { TO | = } { value [, ...] | DEFAULT }
//	ALTER SYSTEM RESET { name | ALL }
//
// Keywords are case-insensitive, names may be quoted or qualified (ext.param), values are
// identifiers or keywords, string constants (quoted, E-quoted, U&-quoted, dollar-quoted) or signed numbers;
// several values make a list ("a, b") as the server writes it. SET ... TO DEFAULT and RESET
// remove the setting, RESET ALL every one. Statements that do not parse are skipped: the
// server would refuse them. The configuration is never Complete: postgresql.auto.conf only
// overrides postgresql.conf.
func ParseAlterSystem(path string, content []byte) *rules.ServerConfig {
	cfg := &rules.ServerConfig{Path: path, Origin: rules.OriginAlterSystem}
	l := &sqlLexer{src: content}
	for {
		stmt, more := nextStatement(l)
		applyStatement(cfg, stmt)
		if !more {
			return cfg
		}
	}
}

// nextStatement returns the tokens up to the next semicolon; more is false at the end.
func nextStatement(l *sqlLexer) (stmt []sqlTok, more bool) {
	for {
		t := l.next()
		switch t.kind {
		case sqlEOF:
			return stmt, false
		case sqlSemi:
			return stmt, true
		}
		// Only the start of a statement is needed to know it is not ALTER SYSTEM; the
		// rest is scanned but not kept.
		if len(stmt) < 2 || isKeyword(stmt[0], "alter") && isKeyword(stmt[1], "system") {
			stmt = append(stmt, t)
		}
	}
}

func applyStatement(cfg *rules.ServerConfig, ts []sqlTok) {
	if len(ts) < 4 || !isKeyword(ts[0], "alter") || !isKeyword(ts[1], "system") {
		return
	}
	switch {
	case isKeyword(ts[2], "set"):
		applySet(cfg, ts)
	case isKeyword(ts[2], "reset"):
		applyReset(cfg, ts[3:])
	}
}

// applySet handles ALTER SYSTEM SET; ts is the whole statement.
func applySet(cfg *rules.ServerConfig, ts []sqlTok) {
	name, rest, ok := varName(ts[3:])
	if !ok || len(rest) < 2 || (!isKeyword(rest[0], "to") && !isOp(rest[0], "=")) {
		return
	}
	vals := rest[1:]
	if len(vals) == 1 && isKeyword(vals[0], "default") {
		resetSetting(cfg, name)
		return
	}
	value, ok := varList(vals)
	if !ok {
		return
	}
	first, last := vals[0], vals[len(vals)-1]
	val := rules.Span{Start: first.start, End: last.end}
	cfg.Settings = append(cfg.Settings, rules.ServerSetting{
		Name:     name,
		Value:    value,
		Pair:     rules.Span{Start: ts[0].start, End: last.end},
		Val:      val,
		SetValue: sqlEditor(cfg.Path, val),
	})
}

// applyReset handles ALTER SYSTEM RESET name and RESET ALL; ts follows RESET.
func applyReset(cfg *rules.ServerConfig, ts []sqlTok) {
	if len(ts) == 1 && isKeyword(ts[0], "all") {
		cfg.Settings = nil
		return
	}
	if name, rest, ok := varName(ts); ok && len(rest) == 0 {
		resetSetting(cfg, name)
	}
}

func resetSetting(cfg *rules.ServerConfig, name string) {
	kept := cfg.Settings[:0]
	for _, s := range cfg.Settings {
		if s.Name != name {
			kept = append(kept, s)
		}
	}
	cfg.Settings = kept
}

// varName reads var_name: ColId ('.' ColId)*. Parameter names are case-insensitive, so even a
// quoted name is lower-cased.
func varName(ts []sqlTok) (string, []sqlTok, bool) {
	var parts []string
	for {
		if len(ts) == 0 || ts[0].kind != sqlIdent && ts[0].kind != sqlQIdent {
			return "", nil, false
		}
		parts = append(parts, asciiLower(ts[0].text))
		ts = ts[1:]
		if len(ts) == 0 || !isOp(ts[0], ".") {
			return strings.Join(parts, "."), ts, true
		}
		ts = ts[1:]
	}
}

// varList reads var_value (',' var_value)* to the end of ts and joins the values as
// flatten_set_variable_args does for list parameters.
func varList(ts []sqlTok) (string, bool) {
	var vals []string
	for {
		v, n, ok := varValue(ts)
		if !ok {
			return "", false
		}
		vals = append(vals, v)
		ts = ts[n:]
		if len(ts) == 0 {
			return strings.Join(vals, ", "), true
		}
		if !isOp(ts[0], ",") {
			return "", false
		}
		ts = ts[1:]
	}
}

// varValue reads one value: a keyword or identifier (TRUE, ON, off, md5), a string constant,
// or a number with an optional sign. It returns the value and the tokens it used.
func varValue(ts []sqlTok) (string, int, bool) {
	if len(ts) == 0 {
		return "", 0, false
	}
	t := ts[0]
	switch t.kind {
	case sqlIdent:
		if reservedValueWord[t.text] {
			return "", 0, false
		}
		return t.text, 1, true
	case sqlQIdent, sqlString, sqlNumber:
		return t.text, 1, true
	}
	if (isOp(t, "-") || isOp(t, "+")) && len(ts) > 1 && ts[1].kind == sqlNumber {
		if t.text == "-" {
			return "-" + ts[1].text, 2, true
		}
		return ts[1].text, 2, true
	}
	return "", 0, false
}

// reservedValueWord are reserved keywords that cannot stand as a value (the grammar's
// NonReservedWord excludes them); DEFAULT is handled on its own.
var reservedValueWord = map[string]bool{
	"all": true, "and": true, "null": true, "select": true, "from": true, "where": true,
	"default": true, "or": true, "not": true, "to": true, "set": true,
}

func isKeyword(t sqlTok, kw string) bool { return t.kind == sqlIdent && t.text == kw }
func isOp(t sqlTok, op string) bool      { return t.kind == sqlOp && t.text == op }

// sqlEditor returns the SetValue of an ALTER SYSTEM value: the values are replaced by one SQL
// string constant.
func sqlEditor(path string, val rules.Span) func(string) []rules.Edit {
	return func(v string) []rules.Edit {
		return []rules.Edit{{Path: path, Start: val.Start, End: val.End, NewText: quoteSQL(v)}}
	}
}

// quoteSQL writes v as a standard SQL string constant ('TLSv1.2'); backslashes are literal
// with standard_conforming_strings, the default since PostgreSQL 9.1.
func quoteSQL(v string) string {
	return "'" + strings.ReplaceAll(v, "'", "''") + "'"
}
