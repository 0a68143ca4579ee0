// Package text finds connection strings and client variable settings in text whose syntax is
// not known: files of other kinds, values that are not connection strings themselves (a command
// line in a YAML value, a script in package.json), files that failed to parse. It finds the
// candidates; the analysis (package config) decides which are PostgreSQL connections.
//
// The matchers are plain loops over strings.Index rather than regular expressions: a 2 MB line
// full of near-misses ("postgres", "PGHOST") must stay fast.
package text

import (
	"sort"
	"strings"

	"github.com/pgtlslint/pgtlslint/analyzers/config/doc"
	"github.com/pgtlslint/pgtlslint/rules"
)

// MayHold is the cheap test that skips values with nothing to find.
func MayHold(s string) bool {
	return strings.Contains(s, "postgres") || strings.Contains(s, "pgsql:") || strings.Contains(s, "sslmode=") ||
		strings.Contains(s, "PG") || strings.Contains(s, "NODE_TLS") || strings.Contains(s, "ost=") ||
		strings.Contains(s, "OST=") || strings.Contains(s, "erver=") || strings.Contains(s, "ERVER=") ||
		strings.Contains(s, "ost =") || strings.Contains(s, "erver =")
}

// Search looks through s for connection strings and variable settings. comments lists the
// line-comment markers whose lines are skipped (nil: s is a value, not a file). conn is called
// for each candidate connection string at [i, j) with the text of its line as context, and
// reports whether it was one: then matches inside it are not looked at again. assign is called
// for each NAME= of a client variable, with the offset after '='.
func Search(s string, comments []string, conn func(i, j int, ctx string) bool, assign func(name string, i, after int)) {
	if !MayHold(s) {
		return
	}
	sr := &search{s: s, li: &lineIndex{s: s}, comments: comments, conn: conn}
	sr.urls()
	sr.keywords()
	if strings.Contains(s, ";") {
		sr.adoNet()
	}
	for _, m := range assignments(s) {
		i := m.start
		if (i > 0 && (doc.IsWordChar(s[i-1]) || s[i-1] == '$')) || sr.taken(i) || sr.commented(i) {
			continue
		}
		assign(m.name, i, m.after)
	}
}

// search is the state of one Search.
type search struct {
	s        string
	li       *lineIndex
	comments []string
	conn     func(i, j int, ctx string) bool
	found    []rules.Span // ranges already taken by a connection string
}

func (sr *search) taken(i int) bool {
	for _, f := range sr.found {
		if i >= f.Start && i < f.End {
			return true
		}
	}
	return false
}

func (sr *search) commented(i int) bool { return commented(sr.s, sr.li, i, sr.comments) }

// try hands [b, e) to conn and takes it when it is a connection string; at is the match that
// found it, whose line is the context.
func (sr *search) try(b, e, at int) {
	if sr.conn(b, e, lineAround(sr.s, at)) {
		sr.found = append(sr.found, rules.Span{Start: b, End: e})
	}
}

// urls finds URL-like connection strings.
func (sr *search) urls() {
	s := sr.s
	for _, m := range connStarts(s) {
		i := m[0]
		// "xpostgres://" and "jdbc:tc:postgresql://" (Testcontainers) are other schemes.
		if sr.taken(i) || (i > 0 && (doc.IsWordChar(s[i-1]) || strings.IndexByte("+.-:", s[i-1]) >= 0)) || sr.commented(i) {
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
		sr.try(i, j, i)
	}
}

// keywords finds libpq keyword strings by their sslmode=.
func (sr *search) keywords() {
	s := sr.s
	lastEnd := -1 // the end of the last string looked at: matches inside it are done
	for off := 0; ; {
		k := strings.Index(s[off:], "sslmode=")
		if k < 0 {
			break
		}
		i := off + k
		off = i + len("sslmode=")
		if i < lastEnd || sr.taken(i) || (i > 0 && (doc.IsWordChar(s[i-1]) || s[i-1] == '&' || s[i-1] == '?')) || sr.commented(i) {
			continue
		}
		// A keyword string that is a connection names its host near its sslmode.
		if !strings.Contains(s[max(0, i-doc.MaxScan):min(len(s), i+doc.MaxScan)], "host") {
			continue
		}
		b, e := enclosing(s, i)
		lastEnd = e
		if b < 0 || sr.taken(b) {
			continue
		}
		sr.try(b, e, i)
	}
}

// adoNet finds ADO.NET strings by their Host= or Server=.
func (sr *search) adoNet() {
	s := sr.s
	lastEnd := -1
	for _, i := range adoStarts(s) {
		if i < lastEnd || sr.taken(i) || sr.commented(i) {
			continue
		}
		b, e := quoted(s, i)
		lastEnd = e
		if b < 0 || sr.taken(b) || !strings.Contains(s[b:e], ";") {
			continue
		}
		sr.try(b, e, i)
	}
}

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
		if m, ok := urlStart(s, i, off); ok {
			out = append(out, m)
		}
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

// urlStart reads the scheme around the "postgres" at s[i:off].
func urlStart(s string, i, off int) ([2]int, bool) {
	j := off
	if strings.HasPrefix(s[j:], "ql") {
		j += 2
	}
	switch {
	case strings.HasPrefix(s[max(0, i-5):i], "jdbc:") && j == off+2 && strings.HasPrefix(s[j:], ":"):
		return [2]int{i - 5, j + 1}, true
	case strings.HasPrefix(s[j:], "+"):
		d := j + 1
		for d < len(s) && doc.IsWordChar(s[d]) {
			d++
		}
		return [2]int{i, d + 3}, d > j+1 && strings.HasPrefix(s[d:], "://")
	case !strings.HasPrefix(s[j:], "://"):
		return [2]int{}, false
	}
	start := i
	if strings.HasSuffix(s[:i], "r2dbc:") {
		start = i - 6
	} else if strings.HasSuffix(s[:i], "r2dbcs:") {
		start = i - 7
	}
	return [2]int{start, j + 3}, true
}

type assignAt struct {
	name         string
	start, after int
}

// assignments returns (name, start, after '=') of every NAME= of a client variable in s.
func assignments(s string) []assignAt {
	var out []assignAt
	for off := 0; ; {
		k := strings.Index(s[off:], "=")
		if k < 0 {
			break
		}
		eq := off + k
		off = eq + 1
		for _, n := range doc.ClientVars {
			if strings.HasSuffix(s[:eq], n) {
				out = append(out, assignAt{name: n, start: eq - len(n), after: eq + 1})
				break
			}
		}
	}
	return out
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

// lineAround returns the text of the line holding s[i], bounded, as context for ADO.NET
// evidence.
func lineAround(s string, i int) string {
	b := strings.LastIndexByte(s[max(0, i-doc.MaxScan):i], '\n')
	if b < 0 {
		b = max(0, i-doc.MaxScan)
	} else {
		b += max(0, i-doc.MaxScan) + 1
	}
	e := strings.IndexByte(s[i:min(len(s), i+doc.MaxScan)], '\n')
	if e < 0 {
		e = min(len(s), i+doc.MaxScan)
	} else {
		e += i
	}
	return s[b:e]
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
	for j > i && trailing(s[i:j]) {
		j--
	}
	return j
}

// trailing reports whether the last byte of u is not part of the URL: punctuation, or a closing
// bracket without its opening one.
func trailing(u string) bool {
	switch c := u[len(u)-1]; {
	case strings.IndexByte(".,;:!?", c) >= 0:
		return true
	case c == ')':
		return strings.Count(u, "(") < strings.Count(u, ")")
	case c == ']':
		return strings.Count(u, "[") < strings.Count(u, "]")
	case c == '}':
		return strings.Count(u, "{") < strings.Count(u, "}")
	}
	return false
}

// enclosing returns the keyword=value string holding s[i]: the quoted string around it on the
// same line, or else the run of key=value words around it.
func enclosing(s string, i int) (int, int) {
	if b, e := quoted(s, i); b >= 0 {
		return b, e
	}
	// Words are separated by single spaces or tabs; a word is a key=value pair.
	b, e := pairsBefore(s, i), pairsAfter(s, i)
	for b < e && !doc.IsWordChar(s[b]) {
		b++
	}
	return b, e
}

// isPair reports whether w is key=value with a word for its key.
func isPair(w string) bool {
	eq := strings.IndexByte(w, '=')
	if eq <= 0 {
		return false
	}
	for k := 0; k < eq; k++ {
		if !doc.IsWordChar(w[k]) {
			return false
		}
	}
	return true
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

// pairsBefore returns the start of the run of key=value words that ends with the word holding
// s[i].
func pairsBefore(s string, i int) int {
	b := i
	for b > 0 && !isBlank(s[b-1]) && s[b-1] != '\n' {
		b--
	}
	for b > 1 && i-b < doc.MaxScan && isBlank(s[b-1]) {
		p := b - 1
		for p > 0 && !isBlank(s[p-1]) && s[p-1] != '\n' {
			p--
		}
		if !isPair(s[p : b-1]) {
			break
		}
		b = p
	}
	return b
}

// pairsAfter returns the end of the run of key=value words that starts with the word holding
// s[i].
func pairsAfter(s string, i int) int {
	wordEnd := func(p int) int {
		for p < len(s) && !isBlank(s[p]) && s[p] != '\n' && s[p] != '\r' {
			p++
		}
		return p
	}
	e := wordEnd(i)
	for e < len(s) && e-i < doc.MaxScan && isBlank(s[e]) {
		p := wordEnd(e + 1)
		if !isPair(s[e+1 : p]) {
			break
		}
		e = p
	}
	return e
}

// quoted returns the contents of the quoted string around s[i] on its line, or -1.
func quoted(s string, i int) (int, int) {
	lo := max(0, i-doc.MaxScan)
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
	hi := min(len(s), i+doc.MaxScan)
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
