package conninfo

import (
	"maps"
	"sort"
	"strings"
	"unicode"
)

// ApplyEdits returns s with the edits applied. Edits are byte ranges of s; they are applied in
// order of position, and an edit that overlaps one before it, or lies outside s, is skipped.
// Several insertions at the same position are applied in the order given.
func ApplyEdits(s string, edits []Edit) string {
	sorted := make([]Edit, len(edits))
	copy(sorted, edits)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Start < sorted[j].Start })
	var b strings.Builder
	last := 0
	for _, e := range sorted {
		if e.Start < last || e.End < e.Start || e.End > len(s) {
			continue
		}
		b.WriteString(s[last:e.Start])
		b.WriteString(e.NewText)
		last = e.End
	}
	b.WriteString(s[last:])
	return b.String()
}

// SetParam returns the edits that make the string set the parameter with the canonical name to
// value, in the string's own syntax. An existing effective occurrence gets the new value (a URI
// ssl=true or a keyword requiressl=1 pair is replaced as a whole by sslmode=value); otherwise the
// parameter is added: "?name=value" or "&name=value" to a URI or JDBC URL, " name=value" to a
// keyword=value string, ";Key=Value" to an ADO.NET string. Values are quoted, escaped or
// percent-encoded as the syntax needs. Earlier duplicates are left alone: the last one wins.
//
// For ADO.NET, name may be the key to write ("SSL Mode", "Root Certificate") or a canonical name
// ("sslmode", written as "SSL Mode"); an existing key is found whatever its spelling. URI and JDBC
// host lists are overridden with a host= (port=) query parameter rather than rewritten.
//
// The edited string is parsed again before the edits are returned: when it would not parse, or
// would end up with another value or with other parameters changed (an unknown libpq keyword, an
// Npgsql enum value Npgsql refuses), SetParam returns nil. A string that did not parse in the
// first place gets the edits unverified.
func (c *ConnString) SetParam(name, value string) []Edit {
	var candidates [][]Edit
	switch c.Syntax {
	case SyntaxURI:
		candidates = c.setURI(name, value)
	case SyntaxKeyword:
		candidates = c.setKeyword(name, value)
	case SyntaxJDBC:
		candidates = c.setJDBC(name, value)
	case SyntaxADONET:
		candidates = c.setADONET(name, value)
	}
	canonical := name
	if c.Syntax == SyntaxADONET {
		canonical = adoCanonicalName(name)
	}
	want := value
	if p := adoLookup(name); c.Syntax == SyntaxADONET && p != nil {
		if v, ok := adoConvert(p, value); ok {
			want = v
		}
	}
	return c.pickEdits(candidates, func(after *ConnString) bool {
		p, ok := after.Lookup(canonical)
		return ok && p.Value == want
	}, canonical)
}

// RemoveParam returns the edits that remove every occurrence of the parameter with the canonical
// name (aliases included: ssl=true and requiressl for sslmode), with the separator next to each,
// so that the rest stays valid: "?a=1&b=2" without a is "?b=2", and a query left empty loses its
// '?'. Like SetParam, it returns nil when the result would not parse or would still set the
// parameter (a URI host list, the database of "jdbc:postgresql:db"), and nil when there is
// nothing to remove.
func (c *ConnString) RemoveParam(name string) []Edit {
	canonical := name
	if c.Syntax == SyntaxADONET {
		canonical = adoCanonicalName(name)
	}
	if _, ok := c.Lookup(canonical); !ok {
		return nil
	}
	var edits []Edit
	switch c.Syntax {
	case SyntaxURI:
		edits = c.removeURI(canonical)
	case SyntaxKeyword:
		edits = c.removeSeparated(canonical, isCSpaceRune, 0)
	case SyntaxJDBC:
		edits = c.removeJDBC(canonical)
	case SyntaxADONET:
		edits = c.removeSeparated(canonical, unicode.IsSpace, ';')
	}
	if edits == nil {
		return nil
	}
	return c.pickEdits([][]Edit{edits}, func(after *ConnString) bool {
		_, ok := after.Lookup(canonical)
		return !ok
	}, canonical)
}

// reparse parses s with the parser (and libpq version) that produced c.
func (c *ConnString) reparse(s string) *ConnString {
	opts := []Option{WithLibpqVersion(c.libpqVersion())}
	if c.anyParam {
		opts = append(opts, WithAnyParameter())
	}
	switch c.Syntax {
	case SyntaxURI:
		return ParseURI(s, opts...)
	case SyntaxKeyword:
		return ParseKeywordValue(s, opts...)
	case SyntaxJDBC:
		return ParseJDBC(s)
	}
	return ParseADONET(s)
}

func (c *ConnString) libpqVersion() int {
	if c.libpq == 0 {
		return DefaultLibpqVersion
	}
	return c.libpq
}

// pickEdits returns the first candidate whose result parses, passes check and leaves every other
// parameter as it was.
func (c *ConnString) pickEdits(candidates [][]Edit, check func(*ConnString) bool, name string) []Edit {
	if len(candidates) == 0 {
		return nil
	}
	if c.Err != nil {
		return candidates[0]
	}
	before := c.Map()
	delete(before, name)
	for _, edits := range candidates {
		after := c.reparse(ApplyEdits(c.Input, edits))
		if after.Err != nil || !check(after) {
			continue
		}
		m := after.Map()
		delete(m, name)
		if maps.Equal(before, m) {
			return edits
		}
	}
	return nil
}

// lastParam returns the index of the effective occurrence of name, or -1.
func (c *ConnString) lastParam(name string) int {
	for i := len(c.Params) - 1; i >= 0; i-- {
		if c.Params[i].Name == name {
			return i
		}
	}
	return -1
}

// --- libpq URI ---

func (c *ConnString) setURI(name, value string) [][]Edit {
	if i := c.lastParam(name); i >= 0 {
		p := c.Params[i]
		if p.InQuery {
			// An alias (ssl, requiressl) or a percent-encoded key is rewritten with the plain
			// keyword; otherwise only the value changes.
			if c.Input[p.Key.Start:p.Key.End] != name {
				return [][]Edit{{{p.Pair.Start, p.Pair.End, name + "=" + uriEscape(value, uriQuerySafe)}}}
			}
			return [][]Edit{{{p.Val.Start, p.Val.End, uriEscape(value, uriQuerySafe)}}}
		}
		switch name {
		case "user", "password", "dbname":
			if value != "" {
				return [][]Edit{{{p.Val.Start, p.Val.End, uriEscape(value, "")}}}
			}
		}
	}
	return [][]Edit{c.uriAppend(uriEscape(name, "") + "=" + uriEscape(value, uriQuerySafe))}
}

// uriAppend adds a query item at the end of the URI (before a NUL, which ends it for libpq).
func (c *ConnString) uriAppend(item string) []Edit {
	lay := c.uri
	end := len(cString(c.Input))
	if lay == nil || lay.query.Start < 0 {
		return []Edit{{end, end, "?" + item}}
	}
	q := c.Input[lay.query.Start:end]
	if q == "" || strings.HasSuffix(q, "&") {
		return []Edit{{end, end, item}}
	}
	return []Edit{{end, end, "&" + item}}
}

// uriQuerySafe are the bytes besides letters, digits and "-._~" that stay unencoded in a query
// value; all of them are literal for libpq there. '@' is not among them: a URI without '/'
// would take everything up to it for the user name.
const uriQuerySafe = "/:,"

// uriEscape percent-encodes every byte of v but letters, digits, "-._~" and the bytes in safe.
func uriEscape(v, safe string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		ch := v[i]
		if ('a' <= ch && ch <= 'z') || ('A' <= ch && ch <= 'Z') || ('0' <= ch && ch <= '9') ||
			strings.IndexByte("-._~", ch) >= 0 || strings.IndexByte(safe, ch) >= 0 {
			b.WriteByte(ch)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[ch>>4])
		b.WriteByte(hex[ch&15])
	}
	return b.String()
}

func (c *ConnString) removeURI(name string) []Edit {
	lay := c.uri
	if lay == nil {
		return nil
	}
	var edits []Edit
	removeQuery := false
	for _, p := range c.Params {
		if p.Name != name {
			continue
		}
		if p.InQuery {
			removeQuery = true
			continue
		}
		switch name {
		case "password":
			edits = append(edits, Edit{p.Val.Start - 1, p.Val.End, ""}) // ":secret"
		case "user":
			if p.Val.End < len(c.Input) && c.Input[p.Val.End] == '@' {
				edits = append(edits, Edit{p.Val.Start, p.Val.End + 1, ""}) // "user@"
			} else {
				edits = append(edits, Edit{p.Val.Start, p.Val.End, ""}) // leaves ":pw@"
			}
		case "dbname":
			edits = append(edits, Edit{p.Val.Start, p.Val.End, ""})
		default:
			return nil // the host list cannot lose its hosts or ports and stay equivalent
		}
	}
	if removeQuery {
		edits = append(edits, rebuildQuery(c, lay.query, len(cString(c.Input)), '&', name)...)
	}
	return edits
}

// rebuildQuery returns the edit that rewrites the query [q.Start, end) without the items that set
// name, dropping the '?' when no item is left.
func rebuildQuery(c *ConnString, q Span, end int, sep byte, name string) []Edit {
	if q.Start <= 0 || q.Start > end {
		return nil
	}
	drop := map[int]bool{}
	for _, p := range c.Params {
		if p.InQuery && p.Name == name {
			drop[p.Pair.Start] = true
		}
	}
	var kept []string
	start := q.Start
	for i := q.Start; i <= end; i++ {
		if i == end || c.Input[i] == sep {
			if i > start && !drop[start] {
				kept = append(kept, c.Input[start:i])
			}
			start = i + 1
		}
	}
	if len(kept) == 0 {
		return []Edit{{q.Start - 1, end, ""}}
	}
	return []Edit{{q.Start, end, strings.Join(kept, string(sep))}}
}

// --- libpq keyword=value ---

func (c *ConnString) setKeyword(name, value string) [][]Edit {
	v := keywordQuote(value)
	if i := c.lastParam(name); i >= 0 {
		p := c.Params[i]
		if p.Written != name {
			return [][]Edit{{{p.Pair.Start, p.Pair.End, name + "=" + v}}}
		}
		return [][]Edit{{{p.Val.Start, p.Val.End, v}}}
	}
	in := cString(c.Input)
	appendText := name + "=" + v
	if in != "" && !isCSpace(in[len(in)-1]) {
		appendText = " " + appendText
	}
	// Appending is what a person would write; prepending is the fallback for strings whose end
	// would swallow the new pair (an unquoted value ending in a backslash escapes the space).
	return [][]Edit{
		{{len(in), len(in), appendText}},
		{{0, 0, name + "=" + v + " "}},
	}
}

func isCSpaceRune(r rune) bool { return r < 0x80 && isCSpace(byte(r)) }

// keywordQuote writes v as a keyword=value value: bare when that reads back the same, else
// single-quoted with backslash escapes.
func keywordQuote(v string) string {
	if v != "" && !strings.ContainsAny(v, "'\\ \t\n\v\f\r") {
		return v
	}
	r := strings.NewReplacer(`\`, `\\`, `'`, `\'`)
	return "'" + r.Replace(v) + "'"
}

// removeSeparated removes each pair of name with the white space (and, for ADO.NET, the ';')
// after it; when nothing is left after the last removal, the separator before it goes instead.
func (c *ConnString) removeSeparated(name string, space func(rune) bool, sep byte) []Edit {
	s := c.Input
	if c.Syntax == SyntaxKeyword {
		s = cString(s)
	}
	// Only ASCII white space is skipped: a byte of a multi-byte character is never one.
	isSpace := func(i int) bool { return s[i] < 0x80 && space(rune(s[i])) }
	skip := func(i int) int {
		for i < len(s) && isSpace(i) {
			i++
		}
		return i
	}
	var edits []Edit
	for _, p := range c.Params {
		if p.Name != name {
			continue
		}
		end := skip(p.Pair.End)
		if sep != 0 && end < len(s) && s[end] == sep {
			end = skip(end + 1)
		}
		edits = append(edits, Edit{p.Pair.Start, end, ""})
	}
	edits = mergeEdits(edits)
	if n := len(edits); n > 0 && edits[n-1].End >= len(s) {
		start := edits[n-1].Start
		for start > 0 && isSpace(start-1) {
			start--
		}
		if sep != 0 && start > 0 && s[start-1] == sep {
			start--
		}
		edits[n-1].Start = start
		if n > 1 && edits[n-2].End >= start {
			edits[n-2].End = edits[n-1].End
			edits = edits[:n-1]
		}
	}
	return edits
}

// mergeEdits joins overlapping or touching deletions so that ApplyEdits applies all of them.
func mergeEdits(edits []Edit) []Edit {
	sort.Slice(edits, func(i, j int) bool { return edits[i].Start < edits[j].Start })
	var out []Edit
	for _, e := range edits {
		if n := len(out); n > 0 && e.Start <= out[n-1].End && e.NewText == "" && out[n-1].NewText == "" {
			if e.End > out[n-1].End {
				out[n-1].End = e.End
			}
			continue
		}
		out = append(out, e)
	}
	return out
}

// --- JDBC ---

func (c *ConnString) setJDBC(name, value string) [][]Edit {
	v := jdbcEscape(value)
	if i := c.lastParam(name); i >= 0 {
		p := c.Params[i]
		switch {
		case p.InQuery && p.Key.End == p.Pair.End: // "?ssl" without '='
			return [][]Edit{{{p.Pair.Start, p.Pair.End, c.Input[p.Key.Start:p.Key.End] + "=" + v}}}
		case p.InQuery, name == "PGDBNAME" && value != "":
			return [][]Edit{{{p.Val.Start, p.Val.End, v}}}
		}
	}
	key := name
	switch name {
	case "PGHOST":
		key = "host"
	case "PGPORT":
		key = "port"
	case "PGDBNAME":
		key = "dbname"
	}
	item := key + "=" + v // pgjdbc does not decode keys
	end := len(c.Input)
	q := c.jdbcQuery()
	switch {
	case q.Start < 0:
		return [][]Edit{{{end, end, "?" + item}}}
	case q.Start == end || strings.HasSuffix(c.Input, "&"):
		return [][]Edit{{{end, end, item}}}
	}
	return [][]Edit{{{end, end, "&" + item}}}
}

// jdbcQuery returns the span of the query of a JDBC URL (Start==-1 without one), also for a
// ConnString that was not made by ParseJDBC.
func (c *ConnString) jdbcQuery() Span {
	if c.jdbc != nil {
		return c.jdbc.query
	}
	if q := strings.IndexByte(c.Input, '?'); q >= 0 {
		return Span{q + 1, len(c.Input)}
	}
	return Span{-1, -1}
}

// jdbcEscape encodes v for URLDecoder: '+' and '%' must be encoded, and so is everything but
// letters, digits and "-._~/:,".
func jdbcEscape(v string) string { return uriEscape(v, uriQuerySafe) }

func (c *ConnString) removeJDBC(name string) []Edit {
	var edits []Edit
	removeQuery := false
	for _, p := range c.Params {
		if p.Name != name {
			continue
		}
		if p.InQuery {
			removeQuery = true
			continue
		}
		if name != "PGDBNAME" {
			return nil
		}
		edits = append(edits, Edit{p.Val.Start, p.Val.End, ""})
	}
	if removeQuery {
		edits = append(edits, rebuildQuery(c, c.jdbcQuery(), len(c.Input), '&', name)...)
	}
	return edits
}

// --- ADO.NET ---

func (c *ConnString) setADONET(name, value string) [][]Edit {
	canonical := adoCanonicalName(name)
	v := adoQuote(value)
	if i := c.lastParam(canonical); i >= 0 {
		p := c.Params[i]
		return [][]Edit{{{p.Val.Start, p.Val.End, v}}}
	}
	key := name
	if !strings.ContainsAny(name, " ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
		if d, ok := adoDisplayForName(canonical); ok {
			key = d
		}
	}
	key = strings.ReplaceAll(key, "=", "==")
	trimmed := strings.TrimRightFunc(c.Input, func(r rune) bool { return unicode.IsSpace(r) || r == 0 })
	end := len(trimmed)
	switch {
	case trimmed == "":
		return [][]Edit{{{0, len(c.Input), key + "=" + v}}}
	case strings.HasSuffix(trimmed, ";"):
		return [][]Edit{{{end, end, key + "=" + v}}}
	}
	return [][]Edit{{{end, end, ";" + key + "=" + v}}}
}

// adoQuote writes v as an ADO.NET value: bare when the .NET parser reads it back unchanged, else
// in double quotes (doubled inside), or single quotes when v has double quotes but no single.
func adoQuote(v string) string {
	bare := v != ""
	for i, r := range v {
		if r == ';' || r == 0 || (unicode.IsControl(r) && !unicode.IsSpace(r)) {
			bare = false
		}
		if (i == 0 || i == len(v)-1) && (unicode.IsSpace(r) || r == '"' || r == '\'') {
			bare = false
		}
	}
	if last := []rune(v); len(last) > 0 {
		r := last[len(last)-1]
		if unicode.IsSpace(r) || r == '"' || r == '\'' {
			bare = false
		}
	}
	if bare {
		return v
	}
	if strings.Contains(v, `"`) && !strings.Contains(v, `'`) {
		return "'" + v + "'"
	}
	return `"` + strings.ReplaceAll(v, `"`, `""`) + `"`
}
