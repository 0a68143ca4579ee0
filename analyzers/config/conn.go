package config

import (
	"slices"
	"strings"

	"github.com/pgtlslint/pgtlslint/analyzers/config/doc"
	"github.com/pgtlslint/pgtlslint/model/tmpl"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/conninfo"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// connValue makes a target of v when it is a PostgreSQL connection string. drv forces the
// driver (psql is libpq whatever the manifest says); otherwise the string's own syntax decides
// and the manifest hint fills in. ctx is the text around the value (its key, its line), which
// may name PostgreSQL.
//
// A template action in the string ({{ .Values.db.host }}, {{ db_host }}) is a value known only
// once the file is rendered: the parsers see it as one word of its length ($___, a reference),
// so that spans stay those of the file and sslmode={{ .Values.sslmode }} is a dynamic mode,
// not a string with spaces libpq would reject.
func (a *analysis) connValue(v doc.Value, sc *doc.Scope, drv drivers.ID, ev string, ctx string) *rules.Target {
	s := v.Text
	if masked, ok := tmpl.Mask([]byte(s)); ok {
		s = string(masked)
	}
	kind := rules.ConnKind(s)
	if kind == "" {
		return nil
	}
	src := rules.StringSource{Path: a.path, Offset: v.Map.At, Driver: drv, Evidence: ev}
	t, cs := rules.ParseConnString(s, src)
	if cs == nil || !pgConn(kind, cs, ctx+" "+s) {
		return nil
	}
	if drv == "" && t.Driver == "" && a.hint.Driver != "" {
		// Nothing in the string names the driver: the project's manifest does.
		src.Driver, src.Evidence = a.hint.Driver, a.hint.Evidence
		t, _ = rules.ParseConnString(s, src)
	}
	t.Editor = doc.EditorFor(t.Editor, v)
	derefParams(t, v, sc)
	a.hasPG = true
	a.conns[sc] = append(a.conns[sc], t)
	a.targets = append(a.targets, t)
	return t
}

// pgConn reports whether a string that looks like a connection string of kind (ConnKind's)
// and parses as cs is a PostgreSQL connection; ctx is the string with its context.
func pgConn(kind string, cs *conninfo.ConnString, ctx string) bool {
	switch kind {
	case "keyword":
		if string(cs.Syntax) == "keyword" && cs.Err == nil && rules.KeywordConn(cs.Params) {
			return true
		}
		// Not something libpq would read: prose with key=value words in it, or an ADO.NET
		// string.
		return string(cs.Syntax) == "adonet" && cs.Err == nil && adoEvidence(cs.Params, ctx)
	case "adonet":
		return string(cs.Syntax) == "adonet" && cs.Err == nil && adoEvidence(cs.Params, ctx)
	}
	return true
}

// npgsql is the reader of ADO.NET strings.
var npgsql = drivers.ReaderOf("adonet")

// adoEvidence reports whether an ADO.NET string is PostgreSQL's (Npgsql) rather than SQL
// Server's or MySQL's, which share the grammar and most keys: port 5432, an SSL Mode value only
// Npgsql spells that way, a key only Npgsql has, or a context that names PostgreSQL.
func adoEvidence(ps []conninfo.Param, ctx string) bool {
	if doc.PGWord.MatchString(ctx) {
		return true
	}
	for _, p := range ps {
		switch k := strings.ToLower(strings.ReplaceAll(p.Written, " ", "")); {
		case k == "port" && drivers.IsPostgresPort(p.Value):
			return true
		case k == "sslmode" && slices.Contains(npgsql.MarkerModes, strings.ToLower(strings.TrimSpace(p.RawValue))):
			return true
		case slices.Contains(npgsql.MarkerKeys, k):
			return true
		}
	}
	return false
}

// hostList splits a host value (PGHOST, host = a,b) into hosts.
func hostList(v doc.Value) []rules.Host {
	var hs []rules.Host
	start := 0
	for i := 0; i <= len(v.Text); i++ {
		if i == len(v.Text) || v.Text[i] == ',' {
			name := v.Text[start:i]
			hs = append(hs, rules.Host{Name: name, Span: v.Span(start, i), Dynamic: rules.IsDynamic(name)})
			start = i + 1
		}
	}
	return hs
}
