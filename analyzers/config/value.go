package config

import (
	"sort"
	"strings"

	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// A value is what a format's parser hands on: the decoded text of a scalar (quotes removed,
// escapes resolved) and where each of its bytes sits in the file. Connection strings are parsed
// from the decoded text, so findings and edits need the way back to file offsets; that is the
// mapping. Where the way back is not exact (a folded YAML scalar), findings still get spans near
// the value but no edits are made: wrong bytes are worse than no fix.

// point anchors decoded index d at file offset f. After a linear point, decoded index d+k sits at
// f+k up to the next point; after a non-linear one (an escape sequence such as \u00e9 that makes
// several decoded bytes from several file bytes) every index up to the next point maps to f.
type point struct {
	d, f   int
	linear bool
}

// mapping takes decoded indices to file offsets.
type mapping struct {
	// pts is nil for the identity plus base.
	pts  []point
	base int
	// n is the decoded length and end the file offset of its end boundary.
	n, end int
	// exact is false when offsets are only near the truth (then no edits are made).
	exact bool
}

// identity maps the n bytes starting at file offset base onto themselves.
func identity(base, n int) *mapping {
	return &mapping{base: base, n: n, end: base + n, exact: true}
}

// approx maps every index to somewhere inside [base, end), for values whose layout in the file
// is not reproduced exactly.
func approx(base, end, n int) *mapping {
	if end < base {
		end = base
	}
	return &mapping{base: base, n: n, end: end, exact: false}
}

// at returns the file offset of decoded index i (0 ≤ i ≤ n).
func (m *mapping) at(i int) int {
	if i < 0 {
		i = 0
	}
	if m.n == 0 {
		if m.pts == nil {
			return m.base
		}
		return m.pts[0].f
	}
	if i >= m.n {
		return m.end
	}
	if m.pts == nil {
		o := m.base + i
		if o > m.end {
			o = m.end
		}
		return o
	}
	k := sort.Search(len(m.pts), func(k int) bool { return m.pts[k].d > i }) - 1
	if k < 0 {
		return m.pts[0].f
	}
	p := m.pts[k]
	if p.linear {
		return p.f + (i - p.d)
	}
	return p.f
}

// inv returns the decoded index whose boundary is file offset f, when there is one.
func (m *mapping) inv(f int) (int, bool) {
	if f == m.end {
		return m.n, true
	}
	if m.pts == nil {
		if f < m.base || f > m.end {
			return 0, false
		}
		return f - m.base, true
	}
	k := sort.Search(len(m.pts), func(k int) bool { return m.pts[k].f > f }) - 1
	if k < 0 {
		return 0, false
	}
	p := m.pts[k]
	if f == p.f {
		return p.d, true
	}
	if !p.linear {
		return 0, false
	}
	d := p.d + (f - p.f)
	next := m.n
	if k+1 < len(m.pts) {
		next = m.pts[k+1].d
	}
	if d >= next {
		return 0, false
	}
	return d, true
}

// sub returns the mapping of decoded bytes [i, j) as a value of their own.
func (m *mapping) sub(i, j int) *mapping {
	if i < 0 {
		i = 0
	}
	if j > m.n {
		j = m.n
	}
	if j < i {
		j = i
	}
	if m.pts == nil {
		if !m.exact {
			return approx(m.at(i), m.at(j), j-i)
		}
		return &mapping{base: m.base + i, n: j - i, end: m.base + j, exact: true}
	}
	out := &mapping{n: j - i, end: m.at(j), exact: m.exact}
	k := sort.Search(len(m.pts), func(k int) bool { return m.pts[k].d > i }) - 1
	if k < 0 {
		k = 0
	}
	first := m.pts[k]
	out.pts = append(out.pts, point{d: 0, f: m.at(i), linear: first.linear || first.d == i})
	for k++; k < len(m.pts) && m.pts[k].d < j; k++ {
		p := m.pts[k]
		out.pts = append(out.pts, point{d: p.d - i, f: p.f, linear: p.linear})
	}
	return out
}

// builder accumulates the points of a mapping while a decoder walks raw text.
type builder struct {
	sb  strings.Builder
	pts []point
	// lin is true while the last point is linear and the text since follows it byte for byte.
	lin  bool
	next int // file offset the next identity byte must have to extend the linear run
}

// lit appends raw byte c found at file offset f.
func (b *builder) lit(c byte, f int) {
	if !b.lin || f != b.next {
		b.pts = append(b.pts, point{d: b.sb.Len(), f: f, linear: true})
		b.lin = true
	}
	b.sb.WriteByte(c)
	b.next = f + 1
}

// esc appends text decoded from the escape sequence at file offsets [f, fend).
func (b *builder) esc(text string, f, fend int) {
	b.pts = append(b.pts, point{d: b.sb.Len(), f: f, linear: false})
	b.sb.WriteString(text)
	b.lin = false
	b.next = fend
}

// done returns the decoded text and its mapping, ending at file offset end. Text dropped at
// the very end (a closing quote) is not part of the value: its end is where that text starts.
func (b *builder) done(end int) (string, *mapping) {
	s := b.sb.String()
	for len(b.pts) > 0 && b.pts[len(b.pts)-1].d == len(s) && !b.pts[len(b.pts)-1].linear {
		end = b.pts[len(b.pts)-1].f
		b.pts = b.pts[:len(b.pts)-1]
	}
	m := &mapping{pts: b.pts, n: len(s), end: end, exact: true}
	if len(m.pts) == 0 {
		m.pts = nil
		m.base = end
	} else if len(m.pts) == 1 && m.pts[0].linear && m.pts[0].d == 0 && m.pts[0].f+len(s) == end {
		// A run without escapes is the identity: no points to keep.
		m.base = m.pts[0].f
		m.pts = nil
	}
	return s, m
}

// A token is the raw text of one scalar as it sits in the file, with the function that decodes
// it. Edits inside a token are checked by decoding the edited raw text: it must give exactly
// the decoded value with the same change, or the edits are dropped.
type token struct {
	raw   string // raw bytes, quotes included
	start int    // file offset of raw[0]
	val   string // decoded value
	m     *mapping
	// decode decodes an edited raw text the same way; it fails for text the format would read
	// differently (a quote inside a quoted string, " #" in an unquoted value).
	decode func(raw string) (string, bool)
	// safe, when set, must accept the text of every edit: for syntaxes whose rules the decoder
	// does not know (text around a connection string found in a file of unknown format).
	safe func(text string) bool
	// outer, when set, is the token of the enclosing format that this one sits in (a shell
	// word inside a YAML value): edits are checked by it, and by safe for this one's syntax.
	outer *token
	// safeAt, when set, replaces safe: what is safe depends on where the edit goes (inside
	// or outside the quotes of a shell word).
	safeAt func(e rules.Edit) bool
}

// safeEdit reports whether the token's own syntax reads an edit's text literally.
func (t *token) safeEdit(e rules.Edit) bool {
	switch {
	case t.safeAt != nil:
		return t.safeAt(e)
	case t.safe != nil:
		return t.safe(e.NewText)
	}
	return true
}

// check reports whether edits, all inside the token, change its decoded value exactly as they
// change it in decoded terms.
func (t *token) check(edits []rules.Edit) bool {
	if t != nil && t.outer != nil {
		for _, e := range edits {
			if !t.safeEdit(e) {
				return false
			}
		}
		return t.m.exact && t.outer.check(edits)
	}
	if t == nil || t.decode == nil || !t.m.exact {
		return false
	}
	es := append([]rules.Edit(nil), edits...)
	sort.SliceStable(es, func(i, j int) bool { return es[i].Start < es[j].Start })
	var raw, val strings.Builder
	rpos, dpos := 0, 0
	end := t.start + len(t.raw)
	for _, e := range es {
		if e.Start < t.start || e.End > end || e.Start > e.End || e.Start-t.start < rpos {
			return false
		}
		if !t.safeEdit(e) {
			return false
		}
		i, ok1 := t.m.inv(e.Start)
		j, ok2 := t.m.inv(e.End)
		if !ok1 || !ok2 || i > j || i < dpos {
			return false
		}
		raw.WriteString(t.raw[rpos : e.Start-t.start])
		raw.WriteString(e.NewText)
		rpos = e.End - t.start
		val.WriteString(t.val[dpos:i])
		val.WriteString(e.NewText)
		dpos = j
	}
	raw.WriteString(t.raw[rpos:])
	val.WriteString(t.val[dpos:])
	got, ok := t.decode(raw.String())
	return ok && got == val.String()
}

// value is a decoded scalar, or part of one.
type value struct {
	s   string
	m   *mapping
	tok *token // the token holding it; nil when edits cannot be checked
}

// span returns the file span of decoded bytes [i, j).
func (v value) span(i, j int) rules.Span {
	return rules.Span{Start: v.m.at(i), End: v.m.at(j)}
}

// full is the file span of the whole value.
func (v value) full() rules.Span { return v.span(0, len(v.s)) }

// sub returns decoded bytes [i, j) as a value of their own.
func (v value) sub(i, j int) value {
	return value{s: v.s[i:j], m: v.m.sub(i, j), tok: v.tok}
}

// editable reports whether edits of this value can be checked.
func (v value) editable() bool {
	if v.tok == nil || !v.m.exact || !v.tok.m.exact {
		return false
	}
	if v.tok.outer != nil {
		return v.tok.outer.decode != nil && v.tok.outer.m.exact
	}
	return v.tok.decode != nil
}

// newToken makes the token for raw text at file offset start whose decoded value and mapping
// are val and m, and returns the whole value.
func newToken(raw string, start int, val string, m *mapping, decode func(string) (string, bool)) value {
	t := &token{raw: raw, start: start, val: val, m: m, decode: decode}
	return value{s: val, m: m, tok: t}
}

// checkedEditor passes a connection string's edits through only when the token they fall in
// still decodes to the edited string.
type checkedEditor struct {
	inner rules.Editor
	tok   *token
}

// Apply implements rules.Editor.
func (e *checkedEditor) Apply(ops []drivers.Op) ([]rules.Edit, bool) {
	edits, ok := e.inner.Apply(ops)
	if !ok {
		return nil, false
	}
	if len(edits) == 0 {
		return edits, true
	}
	if !e.tok.check(edits) {
		return nil, false
	}
	return edits, true
}

// editorFor wraps a connection string's editor for value v, or returns nil when v's bytes in
// the file cannot be edited safely.
func editorFor(inner rules.Editor, v value) rules.Editor {
	if inner == nil || !v.editable() {
		return nil
	}
	return &checkedEditor{inner: inner, tok: v.tok}
}

// envVar is an environment variable setting that a fix may change or remove.
type envVar struct {
	name string
	val  value
	pair rules.Span // name to value end
	// remove is the span whose deletion removes the setting cleanly (the line, the list item,
	// the pair), or nil when there is none: then NODE_TLS_REJECT_UNAUTHORIZED is set to 1.
	remove *rules.Span
}

// setEdit returns the edit that gives the variable a new value, keeping its quoting.
func (v *envVar) setEdit(text string) (rules.Edit, bool) {
	if !v.val.editable() {
		return rules.Edit{}, false
	}
	sp := v.val.full()
	e := rules.Edit{Start: sp.Start, End: sp.End, NewText: text}
	if !v.val.tok.check([]rules.Edit{e}) {
		return rules.Edit{}, false
	}
	return e, true
}

// envEditor fixes settings made through environment variables: Op keys are the libpq names
// ("sslmode" edits PGSSLMODE) or the variable itself (NODE_TLS_REJECT_UNAUTHORIZED).
type envEditor struct {
	vars map[string]*envVar
	// sc, when set, is looked up instead of vars, when the fix is made: the variables of a
	// script are all known only once it has been read.
	sc *scope
}

// opVar maps the key of a fix operation to the environment variable that carries it.
var opVar = map[string]string{
	"sslmode":                      "PGSSLMODE",
	"PGSSLMODE":                    "PGSSLMODE",
	"sslrootcert":                  "PGSSLROOTCERT",
	"PGSSLROOTCERT":                "PGSSLROOTCERT",
	"ssl":                          "PGSSL",
	"PGSSL":                        "PGSSL",
	"NODE_TLS_REJECT_UNAUTHORIZED": "NODE_TLS_REJECT_UNAUTHORIZED",
}

// Apply implements rules.Editor. Every operation must map onto a variable of the file, or no
// edit is made at all: half a fix can leave a setting that means something else.
func (e *envEditor) Apply(ops []drivers.Op) ([]rules.Edit, bool) {
	var edits []rules.Edit
	for _, op := range ops {
		var v *envVar
		if e.sc != nil {
			v = e.sc.get(opVar[op.Key])
		} else {
			v = e.vars[opVar[op.Key]]
		}
		if v == nil {
			return nil, false
		}
		switch {
		case op.Remove && v.remove != nil:
			edits = append(edits, rules.Edit{Start: v.remove.Start, End: v.remove.End})
		case op.Remove && v.name == "NODE_TLS_REJECT_UNAUTHORIZED":
			ed, ok := v.setEdit("1")
			if !ok {
				return nil, false
			}
			edits = append(edits, ed)
		case op.Remove:
			return nil, false
		default:
			ed, ok := v.setEdit(op.Value)
			if !ok {
				return nil, false
			}
			edits = append(edits, ed)
		}
	}
	return edits, true
}

// safeText reports whether s can be inserted into a value of an unknown enclosing syntax (a
// connection string found in plain text, inside a string literal of some language) without
// changing how that syntax reads it: letters, digits and the punctuation of connection
// parameters, nothing that quotes, escapes, interpolates or comments.
func safeText(s string) bool {
	return safeWith(s, "-_.=&?:/+,@")
}

// safeXMLText is safeText for XML-escaped text, where '&' would start an entity.
func safeXMLText(s string) bool {
	return safeWith(s, "-_.=?:/+,@")
}

func safeWith(s, punct string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.IndexByte(punct, c) >= 0:
		default:
			return false
		}
	}
	return true
}

// identityDecode is the decoder of raw text that is its own value.
func identityDecode(raw string) (string, bool) { return raw, true }
