package config

import (
	"sort"
	"strings"

	"github.com/pgtlslint/pgtlslint/rules"
)

// The text search finds connection strings and PG* variable settings in text whose syntax is
// not known: files of other kinds, values that are not connection strings themselves (a
// command line in a YAML value, a script in package.json), files that failed to parse.

// The matchers below are plain loops over strings.Index rather than regular expressions: a
// 2 MB line full of near-misses ("postgres", "PGHOST") must stay fast.

// connStarts returns [start, end-of-prefix) of every URL-like connection string start:
// postgres://, postgresql://, postgresql+driver://, jdbc:postgresql:, r2dbc(s):postgres(ql)://,
// pgsql:.
func connStarts(s string) [][2]int {
	var out [][2]int
	for off := 0; ; {
		k := strings.Index(s[off:], "postgres")
		if k < 0 {
			break
		}
		i := off + k
		off = i + len("postgres")
		j := off
		if strings.HasPrefix(s[j:], "ql") {
			j += 2
		}
		switch {
		case strings.HasPrefix(s[max(0, i-5):i], "jdbc:") && j == off+2 && strings.HasPrefix(s[j:], ":"):
			out = append(out, [2]int{i - 5, j + 1})
			continue
		case strings.HasPrefix(s[j:], "+"):
			d := j + 1
			for d < len(s) && isWordChar(s[d]) {
				d++
			}
			if d > j+1 && strings.HasPrefix(s[d:], "://") {
				out = append(out, [2]int{i, d + 3})
			}
			continue
		case !strings.HasPrefix(s[j:], "://"):
			continue
		}
		start := i
		if strings.HasSuffix(s[:i], "r2dbc:") {
			start = i - 6
		} else if strings.HasSuffix(s[:i], "r2dbcs:") {
			start = i - 7
		}
		out = append(out, [2]int{start, j + 3})
	}
	for off := 0; ; {
		k := strings.Index(s[off:], "pgsql:")
		if k < 0 {
			break
		}
		out = append(out, [2]int{off + k, off + k + 6})
		off += k + 6
	}
	sort.Slice(out, func(a, b int) bool { return out[a][0] < out[b][0] })
	return out
}

// assignNames are the variables whose NAME=value settings the text search reads.
var assignNames = []string{"PGSSLMODE", "PGSSLROOTCERT", "PGHOST", "PGPASSWORD", "PGSSL", "NODE_TLS_REJECT_UNAUTHORIZED"}

// assignments returns (name, start, after '=') of every NAME= of assignNames in s.
func assignments(s string) []assignAt {
	var out []assignAt
	for off := 0; ; {
		k := strings.Index(s[off:], "=")
		if k < 0 {
			break
		}
		eq := off + k
		off = eq + 1
		for _, n := range assignNames {
			if strings.HasSuffix(s[:eq], n) {
				out = append(out, assignAt{name: n, start: eq - len(n), after: eq + 1})
				break
			}
		}
	}
	return out
}

type assignAt struct {
	name         string
	start, after int
}

// adoStarts returns the start of every Host= or Server= key (any case, blanks before '='
// allowed) that begins the string or follows ';', a quote or a blank.
func adoStarts(s string) []int {
	// ASCII-only lowering keeps byte offsets: strings.ToLower would turn invalid UTF-8 into
	// three-byte replacement characters.
	l := asciiLower(s)
	var out []int
	for _, key := range []string{"host", "server"} {
		for off := 0; ; {
			k := strings.Index(l[off:], key)
			if k < 0 {
				break
			}
			i := off + k
			off = i + len(key)
			if i > 0 && strings.IndexByte(";\"' \t\r\n", l[i-1]) < 0 {
				continue
			}
			if strings.HasPrefix(strings.TrimLeft(l[off:min(len(l), off+16)], " \t"), "=") {
				out = append(out, i)
			}
		}
	}
	sort.Ints(out)
	return out
}

// maxScan bounds how far the search looks around a match for its quotes, so that one long line
// with many matches stays linear.
const maxScan = 1024

// lineIndex finds the start of the line of a position, for positions in increasing order.
type lineIndex struct {
	s         string
	pos, last int
}

func (li *lineIndex) start(i int) int {
	if i < li.pos {
		li.pos, li.last = 0, 0
	}
	for li.pos < i {
		if li.s[li.pos] == '\n' {
			li.last = li.pos + 1
		}
		li.pos++
	}
	return li.last
}

// commented reports whether the line holding s[i] starts with one of the comment markers.
func commented(s string, li *lineIndex, i int, markers []string) bool {
	if len(markers) == 0 {
		return false
	}
	ls := li.start(i)
	rest := strings.TrimLeft(s[ls:i], " \t")
	for _, m := range markers {
		if strings.HasPrefix(rest, m) {
			return true
		}
	}
	return false
}

// searchText looks through v for connection strings and variable settings. comments lists the
// line-comment markers whose lines are skipped (nil: v is a value, not a file).
func (a *analysis) searchText(v value, sc *scope, comments []string) {
	s := v.s
	if !mayHold(s) {
		return
	}
	li := &lineIndex{s: s}
	var found []rules.Span // decoded ranges already taken by a connection string
	taken := func(i int) bool {
		for _, f := range found {
			if i >= f.Start && i < f.End {
				return true
			}
		}
		return false
	}
	for _, m := range connStarts(s) {
		i := m[0]
		// "xpostgres://" and "jdbc:tc:postgresql://" (Testcontainers) are other schemes.
		if taken(i) || (i > 0 && (isWordChar(s[i-1]) || strings.IndexByte("+.-:", s[i-1]) >= 0)) || commented(s, li, i, comments) {
			continue
		}
		j := urlEnd(s, i)
		if j <= m[1] {
			// Only the scheme, cut off by a quote or a space ("pgsql:" as a word in code).
			continue
		}
		if s[i:m[1]] == "pgsql:" && rules.ConnKind(s[i:j]) != "pdo" {
			continue
		}
		if a.textConn(v, i, j, sc, lineAround(s, i)) != nil {
			found = append(found, rules.Span{Start: i, End: j})
		}
	}
	lastEnd := -1 // the end of the last string looked at: matches inside it are done
	for off := 0; ; {
		k := strings.Index(s[off:], "sslmode=")
		if k < 0 {
			break
		}
		i := off + k
		off = i + len("sslmode=")
		if i < lastEnd || taken(i) || (i > 0 && (isWordChar(s[i-1]) || s[i-1] == '&' || s[i-1] == '?')) || commented(s, li, i, comments) {
			continue
		}
		// A keyword string that is a connection names its host near its sslmode.
		if !strings.Contains(s[max(0, i-maxScan):min(len(s), i+maxScan)], "host") {
			continue
		}
		b, e := enclosing(s, i)
		lastEnd = e
		if b < 0 || taken(b) {
			continue
		}
		if a.textConn(v, b, e, sc, lineAround(s, i)) != nil {
			found = append(found, rules.Span{Start: b, End: e})
		}
	}
	if strings.Contains(s, ";") {
		lastEnd := -1
		for _, i := range adoStarts(s) {
			if i < lastEnd || taken(i) || commented(s, li, i, comments) {
				continue
			}
			b, e := quoted(s, i)
			lastEnd = e
			if b < 0 || taken(b) || !strings.Contains(s[b:e], ";") {
				continue
			}
			if a.textConn(v, b, e, sc, lineAround(s, i)) != nil {
				found = append(found, rules.Span{Start: b, End: e})
			}
		}
	}
	for _, m := range assignments(s) {
		i := m.start
		if (i > 0 && (isWordChar(s[i-1]) || s[i-1] == '$')) || taken(i) || commented(s, li, i, comments) {
			continue
		}
		a.inlineAssign(v, sc, m.name, i, m.after)
	}
}

// mayHold is the cheap test that skips values with nothing to find.
func mayHold(s string) bool {
	return strings.Contains(s, "postgres") || strings.Contains(s, "pgsql:") || strings.Contains(s, "sslmode=") ||
		strings.Contains(s, "PG") || strings.Contains(s, "NODE_TLS") || strings.Contains(s, "ost=") ||
		strings.Contains(s, "OST=") || strings.Contains(s, "erver=") || strings.Contains(s, "ERVER=") ||
		strings.Contains(s, "ost =") || strings.Contains(s, "erver =")
}

// lineAround returns the text of the line holding s[i], bounded, as context for ADO.NET
// evidence.
func lineAround(s string, i int) string {
	b := strings.LastIndexByte(s[max(0, i-maxScan):i], '\n')
	if b < 0 {
		b = max(0, i-maxScan)
	} else {
		b += max(0, i-maxScan) + 1
	}
	e := strings.IndexByte(s[i:min(len(s), i+maxScan)], '\n')
	if e < 0 {
		e = min(len(s), i+maxScan)
	} else {
		e += i
	}
	return s[b:e]
}

func isWordChar(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// isURLChar reports whether c can be part of a URL found in text. Quotes, white space, angle
// brackets, backslashes (escapes of an enclosing string) and control bytes end it.
func isURLChar(c byte) bool {
	if c <= ' ' || c == 0x7f {
		return false
	}
	return strings.IndexByte("\"'`<>\\^|", c) < 0
}

// urlEnd returns the end of the URL starting at s[i], without trailing punctuation and
// unbalanced closing brackets.
func urlEnd(s string, i int) int {
	j := i
	for j < len(s) && isURLChar(s[j]) {
		j++
	}
	for j > i {
		c := s[j-1]
		switch {
		case strings.IndexByte(".,;:!?", c) >= 0:
			j--
			continue
		case c == ')' && strings.Count(s[i:j], "(") < strings.Count(s[i:j], ")"),
			c == ']' && strings.Count(s[i:j], "[") < strings.Count(s[i:j], "]"),
			c == '}' && strings.Count(s[i:j], "{") < strings.Count(s[i:j], "}"):
			j--
			continue
		}
		break
	}
	return j
}

// enclosing returns the keyword=value string holding s[i]: the quoted string around it on the
// same line, or else the run of key=value words around it.
func enclosing(s string, i int) (int, int) {
	if b, e := quoted(s, i); b >= 0 {
		return b, e
	}
	isPair := func(w string) bool {
		eq := strings.IndexByte(w, '=')
		if eq <= 0 {
			return false
		}
		for k := 0; k < eq; k++ {
			if !isWordChar(w[k]) {
				return false
			}
		}
		return true
	}
	// Words are separated by single spaces or tabs; a word is a key=value pair.
	b := i
	for b > 0 && s[b-1] != ' ' && s[b-1] != '\t' && s[b-1] != '\n' {
		b--
	}
	for b > 1 && i-b < maxScan && (s[b-1] == ' ' || s[b-1] == '\t') {
		p := b - 1
		for p > 0 && s[p-1] != ' ' && s[p-1] != '\t' && s[p-1] != '\n' {
			p--
		}
		if !isPair(s[p : b-1]) {
			break
		}
		b = p
	}
	e := i
	for e < len(s) && s[e] != ' ' && s[e] != '\t' && s[e] != '\n' && s[e] != '\r' {
		e++
	}
	for e < len(s) && e-i < maxScan && (s[e] == ' ' || s[e] == '\t') {
		p := e + 1
		for p < len(s) && s[p] != ' ' && s[p] != '\t' && s[p] != '\n' && s[p] != '\r' {
			p++
		}
		if !isPair(s[e+1 : p]) {
			break
		}
		e = p
	}
	for b < e && !isWordChar(s[b]) {
		b++
	}
	return b, e
}

// quoted returns the contents of the quoted string around s[i] on its line, or -1.
func quoted(s string, i int) (int, int) {
	lo := max(0, i-maxScan)
	q := -1
	for k := i - 1; k >= lo; k-- {
		c := s[k]
		if c == '\n' {
			break
		}
		if c == '"' || c == '\'' || c == '`' {
			q = k
			break
		}
	}
	if q < 0 {
		return -1, -1
	}
	hi := min(len(s), i+maxScan)
	for k := i; k < hi; k++ {
		if s[k] == '\n' {
			return -1, -1
		}
		if s[k] == s[q] {
			return q + 1, k
		}
	}
	return -1, -1
}

// textConn makes a target of the connection string at decoded [i, j) of v, if it is one.
func (a *analysis) textConn(v value, i, j int, sc *scope, ctx string) *rules.Target {
	if i >= j {
		return nil
	}
	cv := a.textValue(v, i, j)
	return a.connValue(cv, sc, "", "", ctx)
}

// xmlLike reports whether a path is a markup file, where text is entity-escaped.
func xmlLike(p string) bool {
	l := strings.ToLower(p)
	for _, ext := range []string{".xml", ".config", ".xaml", ".plist", ".jsp", ".html", ".htm", ".csproj", ".props", ".targets"} {
		if strings.HasSuffix(l, ext) {
			return true
		}
	}
	return false
}

// textValue returns decoded [i, j) of v as a value whose edits can be checked. Inside a value
// of a known format the format's token checks them; in plain text the found string becomes a
// token of its own that accepts only edits made of inert characters. In markup the XML entities
// are decoded first (jdbc:...?ssl=true&amp;sslmode=require).
func (a *analysis) textValue(v value, i, j int) value {
	sv := v.sub(i, j)
	if v.tok != nil {
		return sv
	}
	if strings.Contains(sv.s, "&") && (xmlLike(a.path) || strings.Contains(sv.s, "&amp;")) {
		val, m, ok := decodeEntities(sv.s, sv.m.at(0))
		if ok {
			out := newToken(sv.s, sv.m.at(0), val, m, func(raw string) (string, bool) {
				d, _, ok := decodeEntities(raw, 0)
				return d, ok
			})
			out.tok.safe = safeXMLText
			return out
		}
	}
	out := newToken(sv.s, sv.m.at(0), sv.s, sv.m, identityDecode)
	out.tok.safe = safeText
	if xmlLike(a.path) {
		out.tok.safe = safeXMLText
	}
	return out
}

// xmlEntities are the entities markup files use in attribute values.
var xmlEntities = map[string]string{"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&apos;": "'"}

// decodeEntities decodes the five XML entities of s, which starts at file offset base.
func decodeEntities(s string, base int) (string, *mapping, bool) {
	var b builder
	for k := 0; k < len(s); {
		if s[k] == '&' {
			matched := false
			for ent, rep := range xmlEntities {
				if strings.HasPrefix(s[k:], ent) {
					b.esc(rep, base+k, base+k+len(ent))
					k += len(ent)
					matched = true
					break
				}
			}
			if !matched {
				return "", nil, false
			}
			continue
		}
		b.lit(s[k], base+k)
		k++
	}
	val, m := b.done(base + len(s))
	return val, m, true
}

// inlineAssign records NAME=VALUE found in text at decoded [i, eq) of v (eq is after '=').
func (a *analysis) inlineAssign(v value, sc *scope, name string, i, eq int) {
	s := v.s
	var vb, ve, after int
	if eq < len(s) && (s[eq] == '"' || s[eq] == '\'') {
		q := s[eq]
		k := strings.IndexByte(s[eq+1:min(len(s), eq+1+maxScan)], q)
		if k < 0 || strings.ContainsAny(s[eq+1:eq+1+k], "\\\n") {
			return
		}
		vb, ve, after = eq+1, eq+1+k, eq+2+k
	} else {
		vb, ve = eq, eq
		for ve < len(s) && !strings.ContainsRune(" \t\r\n;&|)\"'`,<>\\", rune(s[ve])) {
			ve++
		}
		after = ve
	}
	val := a.textValue(v, vb, ve)
	if v.tok == nil {
		// textValue made a token of the value alone: setting it to a new value is safe.
		val.tok.safe = safeText
	}
	ev := &envVar{name: name, val: val, pair: v.span(i, after)}
	// Remove "NAME=VALUE " from the middle of a command ("NODE_TLS_REJECT_UNAUTHORIZED=0 node
	// app.js"), never the last word of a line, which may leave "export" or "set" alone.
	if i == 0 || s[i-1] == ' ' || s[i-1] == '\t' {
		k := after
		for k < len(s) && (s[k] == ' ' || s[k] == '\t') {
			k++
		}
		if k > after && k < len(s) && s[k] != '\n' && s[k] != '\r' && s[k] != '#' {
			sp := v.span(i, k)
			e := rules.Edit{Start: sp.Start, End: sp.End}
			if v.tok == nil || v.tok.check([]rules.Edit{e}) {
				if v.m.exact {
					ev.remove = &sp
				}
			}
		}
	}
	sc.setVar(ev)
}

// asciiLower lowers ASCII letters byte by byte, leaving every other byte as it is.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
