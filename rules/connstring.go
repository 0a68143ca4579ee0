package rules

import (
	"regexp"
	"strings"

	"github.com/pgtlslint/pgtlslint/rules/conninfo"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// StringSource says where a connection string sits and what is known about who reads it.
type StringSource struct {
	Path string
	// Offset maps a byte offset in the string to one in the file (strings inside source
	// literals with escapes need this); nil means Base + i.
	Offset func(i int) int
	Base   int
	// Driver, when not "", is the driver that reads the string, and Evidence why.
	Driver   drivers.ID
	Evidence string
	// LibpqVersion selects the keyword set of a libpq major version (0: the newest).
	LibpqVersion int
}

func (s StringSource) off(i int) int {
	if s.Offset != nil {
		return s.Offset(i)
	}
	return s.Base + i
}

// sqlalchemyURL matches SQLAlchemy's dialect+driver URL schemes.
var sqlalchemyURL = regexp.MustCompile(`^postgres(?:ql)?\+([A-Za-z0-9_]+)://`)

// dialect describes a prefix that is not part of the connection string's own grammar.
type dialect struct {
	prefix    string // as written, replaced by repl before parsing
	repl      string
	driver    drivers.ID
	evidence  string
	via       string
	syntax    string
	semicolon bool // PDO: ';' separates keywords
}

// detectDialect recognises wrappers around the libpq and JDBC grammars: SQLAlchemy URLs, PDO
// DSNs and R2DBC URLs.
func detectDialect(s string) *dialect {
	if m := sqlalchemyURL.FindStringSubmatch(s); m != nil {
		d := &dialect{prefix: m[0], repl: "postgresql://", via: drivers.ViaSQLAlchemy, syntax: "uri",
			evidence: "URL scheme postgresql+" + m[1]}
		reader, known := drivers.ForDialect(m[1])
		d.driver = reader.ID
		if !known {
			d.evidence += " (libpq semantics assumed)"
		}
		return d
	}
	switch {
	case strings.HasPrefix(s, "pgsql:"):
		return &dialect{prefix: "pgsql:", driver: drivers.ReaderOf("pdo").ID, evidence: "PDO DSN pgsql:", syntax: "pdo", semicolon: true}
	case strings.HasPrefix(s, "r2dbc:postgresql://"), strings.HasPrefix(s, "r2dbc:postgres://"):
		return &dialect{prefix: "r2dbc:", repl: "jdbc:", driver: drivers.ReaderOf("r2dbc").ID, evidence: "r2dbc:postgresql: URL", syntax: "r2dbc"}
	case strings.HasPrefix(s, "r2dbcs:postgresql://"), strings.HasPrefix(s, "r2dbcs:postgres://"):
		return &dialect{prefix: "r2dbcs:", repl: "jdbc:", driver: drivers.ReaderOf("r2dbc").ID, evidence: "r2dbcs:postgresql: URL (ssl=true)", syntax: "r2dbc"}
	}
	return nil
}

// connParser parses one connection string the way its reader does. Wrapped grammars (a
// SQLAlchemy scheme, a PDO prefix) are parsed as the grammar they wrap: the "body", whose byte
// offsets differ from the original's by a fixed shift after the prefix.
type connParser struct {
	dia     *dialect
	lenient bool // the reader is not libpq: unknown keys and other ssl values are kept
	version int
}

// body returns the string in the grammar the parser understands, and the shift to add to a body
// offset at or after the prefix to get the original offset.
func (p connParser) body(s string) (string, int) {
	if p.dia == nil {
		return s, 0
	}
	b := p.dia.repl + s[len(p.dia.prefix):]
	if p.dia.semicolon {
		// PDO turns every ';' into a space before handing the string to libpq.
		b = strings.ReplaceAll(b, ";", " ")
	}
	return b, len(p.dia.prefix) - len(p.dia.repl)
}

// toOriginal maps a body offset to an offset in the original string.
func (p connParser) toOriginal(i, shift int) int {
	if p.dia == nil || i < len(p.dia.repl) {
		return i
	}
	return i + shift
}

// parseBody parses a body string.
func (p connParser) parseBody(b string) *conninfo.ConnString {
	var opts []conninfo.Option
	if p.version > 0 {
		opts = append(opts, conninfo.WithLibpqVersion(p.version))
	}
	if p.lenient {
		opts = append(opts, conninfo.WithAnyParameter())
	}
	switch {
	case p.dia != nil && p.dia.semicolon:
		return conninfo.ParseKeywordValue(b, opts...)
	case p.dia != nil && p.dia.syntax == "r2dbc":
		return conninfo.ParseJDBC(b)
	default:
		return conninfo.Parse(b, opts...)
	}
}

// ParseConnString parses s as the driver that reads it would, and returns the Target for
// Evaluate and the parse itself.
func ParseConnString(s string, src StringSource) (*Target, *conninfo.ConnString) {
	dia := detectDialect(s)
	t := &Target{Path: src.Path, Driver: src.Driver, Evidence: src.Evidence}
	// A string that names its reader (a SQLAlchemy scheme, a PDO or R2DBC prefix) beats any
	// hint from the project around it.
	if dia != nil {
		t.Driver, t.Evidence = dia.driver, dia.evidence
	}
	if dia != nil {
		t.Via = dia.via
	}
	// SQLAlchemy, not libpq, splits its URLs and hands the query to the DBAPI.
	libpqReads := drivers.For(t.Driver).LibpqFamily() && (dia == nil || dia.via != drivers.ViaSQLAlchemy)
	p := connParser{dia: dia, lenient: !libpqReads, version: src.LibpqVersion}
	b, shift := p.body(s)
	cs := p.parseBody(b)
	off := func(i int) int { return src.off(p.toOriginal(i, shift)) }
	// JDBC URLs and ADO.NET strings have one reader each, whatever the project's manifest says.
	switch {
	case cs.Syntax == conninfo.SyntaxJDBC && (dia == nil || dia.syntax != "r2dbc"):
		t.Driver, t.Evidence = drivers.ReaderOf(string(conninfo.SyntaxJDBC)).ID, "jdbc:postgresql: URL"
	case cs.Syntax == conninfo.SyntaxADONET:
		t.Driver, t.Evidence = drivers.ReaderOf(string(conninfo.SyntaxADONET)).ID, "ADO.NET connection string (Host=...;)"
	}
	t.Syntax = string(cs.Syntax)
	t.Open = openParams(b, cs)
	if dia != nil {
		t.Syntax = dia.syntax
	}
	if dia != nil && dia.prefix == "r2dbcs:" {
		t.Params = append(t.Params, Param{Setting: drivers.Setting{Name: "ssl", Written: "ssl", Value: "true"},
			Val: Span{src.off(0), src.off(len("r2dbcs"))}, Pair: Span{src.off(0), src.off(len("r2dbcs"))}})
	}
	for _, cp := range cs.Params {
		t.Params = append(t.Params, Param{
			Setting: drivers.Setting{Name: cp.Name, Written: cp.Written, Value: cp.Value, Dynamic: IsDynamic(cp.RawValue)},
			Val:     Span{off(cp.Val.Start), off(cp.Val.End)},
			Pair:    Span{off(cp.Pair.Start), off(cp.Pair.End)},
		})
		if conninfo.IsSecret(cp.Name) && cp.Val.Len() > 0 {
			t.Secrets = append(t.Secrets, Span{off(cp.Val.Start), off(cp.Val.End)})
		}
	}
	for _, h := range cs.Hosts {
		t.Hosts = append(t.Hosts, Host{Name: h.Name, Span: Span{off(h.Span.Start), off(h.Span.End)}, Dynamic: IsDynamic(h.Name)})
	}
	if len(t.Hosts) == 0 {
		if ha, ok := cs.Lookup("hostaddr"); ok && ha.Value != "" {
			for _, a := range strings.Split(ha.Value, ",") {
				t.Hosts = append(t.Hosts, Host{Name: a, Span: Span{off(ha.Val.Start), off(ha.Val.End)}, Dynamic: IsDynamic(a)})
			}
		}
	}
	t.Anchor = Span{src.off(0), src.off(len(s))}
	t.Editor = &connEditor{src: src, body: b, shift: shift, parser: p}
	return t, cs
}

// connEditor applies fix plans to a connection string: it re-parses after every step so each
// operation sees the string as the previous one left it, then turns the difference between the
// original and the result into the smallest edits, so that unchanged bytes (a password) never
// appear in an edit's text. It works on the body (see connParser) and maps edits back.
type connEditor struct {
	src    StringSource
	body   string
	shift  int
	parser connParser
}

// Apply implements Editor.
func (ce *connEditor) Apply(ops []drivers.Op) ([]Edit, bool) {
	out := ce.rewrite(ops)
	if out == ce.body {
		return nil, true
	}
	var edits []Edit
	for _, d := range diffEdits(ce.body, out) {
		text := d.NewText
		if ce.parser.dia != nil && ce.parser.dia.semicolon && strings.HasPrefix(text, " ") {
			text = ";" + text[1:]
		}
		edits = append(edits, Edit{
			Start:   ce.src.off(ce.parser.toOriginal(d.Start, ce.shift)),
			End:     ce.src.off(ce.parser.toOriginal(d.End, ce.shift)),
			NewText: text,
		})
	}
	return edits, true
}

// rewrite returns the body after the operations.
func (ce *connEditor) rewrite(ops []drivers.Op) string {
	cur := ce.body
	for _, op := range ops {
		cs := ce.parser.parseBody(cur)
		var es []conninfo.Edit
		if op.Remove {
			es = cs.RemoveParam(op.Key)
		} else {
			es = cs.SetParam(op.Key, op.Value)
		}
		cur = conninfo.ApplyEdits(cur, es)
	}
	return cur
}
