// Package srcmap maps decoded text back to the file bytes it was read from. Connection strings
// are parsed from decoded text (a scalar with its quotes removed and its escapes resolved, a
// string value assembled from literals), so findings and edits need the way back to file
// offsets: that is a Map. The config formats and the string values of the source analyzers
// (model/strval) both build on it.
//
// A Map is a list of points. After a linear point, decoded byte d+k sits at file offset f+k up
// to the next point; after a non-linear one (an escape sequence such as \u00e9 that makes
// several decoded bytes from several file bytes, a run-time hole) every decoded byte up to the
// next point stands for the whole file range [f, end) of the point. Where the way back is not
// exact (a folded YAML scalar), a Map says so (Exact), and callers make no edits: wrong bytes
// are worse than no fix.
package srcmap

import (
	"sort"
	"strings"
)

// point anchors decoded index d at file offset f; see the package comment.
type point struct {
	d, f int
	// end is the end of the file bytes a non-linear point stands for.
	end    int
	linear bool
}

// Map takes decoded indices to file offsets. The zero Map is empty and grows with Lit and Esc.
type Map struct {
	// pts is nil for the identity plus base.
	pts  []point
	base int
	// n is the decoded length and end the file offset of its end boundary.
	n, end int
	// exact is false when offsets are only near the truth (then no edits are made).
	exact bool
}

// Identity maps the n bytes starting at file offset base onto themselves.
func Identity(base, n int) *Map {
	return &Map{base: base, n: n, end: base + n, exact: true}
}

// Approx maps every index to somewhere inside [base, end), for values whose layout in the file
// is not reproduced exactly.
func Approx(base, end, n int) *Map {
	if end < base {
		end = base
	}
	return &Map{base: base, n: n, end: end, exact: false}
}

// Len is the decoded length.
func (m *Map) Len() int { return m.n }

// Exact reports whether the offsets are the truth, so that edits can be made through them.
func (m *Map) Exact() bool { return m.exact }

// Verbatim reports whether the decoded bytes are file bytes, one for one and exactly.
func (m *Map) Verbatim() bool { return m.pts == nil && m.exact }

// Inexact returns a copy of m whose offsets are taken as only near the truth.
func (m *Map) Inexact() *Map {
	c := *m
	c.exact = false
	return &c
}

// At returns the file offset of the boundary before decoded index i (0 ≤ i ≤ Len).
func (m *Map) At(i int) int {
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
		return min(m.base+i, m.end)
	}
	k := m.pointOf(i)
	if k < 0 {
		return m.pts[0].f
	}
	p := m.pts[k]
	if p.linear {
		return p.f + (i - p.d)
	}
	return p.f
}

// pointOf returns the index of the last point at or before decoded index i, or -1.
func (m *Map) pointOf(i int) int {
	return sort.Search(len(m.pts), func(k int) bool { return m.pts[k].d > i }) - 1
}

// Source returns the file bytes decoded byte i (0 ≤ i < Len) comes from: its own byte, or the
// whole escape sequence or hole it is part of.
func (m *Map) Source(i int) (start, end int) {
	if m.pts == nil {
		return m.At(i), m.At(i + 1)
	}
	k := max(m.pointOf(i), 0)
	p := m.pts[k]
	if p.linear {
		o := p.f + (i - p.d)
		return o, o + 1
	}
	return p.f, p.end
}

// Inv returns the decoded index whose boundary is file offset f, when there is one.
func (m *Map) Inv(f int) (int, bool) {
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

// Sub returns the mapping of decoded bytes [i, j) as a value of their own.
func (m *Map) Sub(i, j int) *Map {
	i = max(i, 0)
	j = max(min(j, m.n), i)
	if m.pts == nil {
		if !m.exact {
			return Approx(m.At(i), m.At(j), j-i)
		}
		return &Map{base: m.base + i, n: j - i, end: m.base + j, exact: true}
	}
	out := &Map{n: j - i, end: m.At(j), exact: m.exact}
	k := max(m.pointOf(i), 0)
	first := m.pts[k]
	out.pts = append(out.pts, point{d: 0, f: m.At(i), end: first.end, linear: first.linear || first.d == i})
	for k++; k < len(m.pts) && m.pts[k].d < j; k++ {
		p := m.pts[k]
		p.d -= i
		out.pts = append(out.pts, p)
	}
	return out
}

// Lit appends one decoded byte that is file byte f.
func (m *Map) Lit(f int) {
	if k := len(m.pts); k == 0 || !m.pts[k-1].linear || m.pts[k-1].f+(m.n-m.pts[k-1].d) != f {
		m.pts = append(m.pts, point{d: m.n, f: f, linear: true})
	}
	m.n++
}

// Esc appends n decoded bytes that stand together for the file bytes [f, end): an escape
// sequence, a line continuation (n = 0), a run-time hole.
func (m *Map) Esc(n, f, end int) {
	m.pts = append(m.pts, point{d: m.n, f: f, end: end})
	m.n += n
}

// Append appends the sources of o's decoded bytes [from, to); o may be m itself.
func (m *Map) Append(o *Map, from, to int) {
	src := *o // what o holds before m grows
	if src.pts == nil {
		for i := from; i < to; i++ {
			s, e := src.Source(i)
			if e == s+1 {
				m.Lit(s)
			} else {
				m.Esc(1, s, e)
			}
		}
		return
	}
	k := max(src.pointOf(from), 0)
	for i := from; i < to && k < len(src.pts); k++ {
		p := src.pts[k]
		next := src.n
		if k+1 < len(src.pts) {
			next = src.pts[k+1].d
		}
		j := min(next, to)
		if p.linear {
			for ; i < j; i++ {
				m.Lit(p.f + (i - p.d))
			}
		} else if j > i {
			m.Esc(j-i, p.f, p.end)
			i = j
		}
	}
}

// Builder accumulates decoded text and its Map while a decoder walks raw text.
type Builder struct {
	text strings.Builder
	m    Map
}

// Lit appends raw byte c found at file offset f.
func (b *Builder) Lit(c byte, f int) {
	b.m.Lit(f)
	b.text.WriteByte(c)
}

// Esc appends text decoded from the escape sequence at file offsets [f, end).
func (b *Builder) Esc(text string, f, end int) {
	b.m.Esc(len(text), f, end)
	b.text.WriteString(text)
}

// Done returns the decoded text and its exact Map, ending at file offset end. Text dropped at
// the very end (a closing quote) is not part of the value: its end is where that text starts.
func (b *Builder) Done(end int) (string, *Map) {
	s := b.text.String()
	pts := b.m.pts
	for len(pts) > 0 && pts[len(pts)-1].d == len(s) && !pts[len(pts)-1].linear {
		end = pts[len(pts)-1].f
		pts = pts[:len(pts)-1]
	}
	m := &Map{pts: pts, n: len(s), end: end, exact: true}
	switch {
	case len(m.pts) == 0:
		m.pts = nil
		m.base = end
	case len(m.pts) == 1 && m.pts[0].linear && m.pts[0].d == 0 && m.pts[0].f+len(s) == end:
		// A run without escapes is the identity: no points to keep.
		m.base = m.pts[0].f
		m.pts = nil
	}
	return s, m
}

// DoneAt is Done for a value that, when empty, sits at file offset at (between its quotes, at
// the end of its line): an empty value has no bytes to say where.
func (b *Builder) DoneAt(end, at int) (string, *Map) {
	s, m := b.Done(end)
	if s == "" {
		m = Identity(at, 0)
	}
	return s, m
}
