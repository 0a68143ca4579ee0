// Package strval holds the string values that source analyzers assemble from literals,
// concatenations, f-strings and template literals: the text as far as the source says, with,
// for every byte, the bytes of the file it comes from. Parts known only at run time are holes,
// written as HoleText so that the connection-string parsers see a placeholder. The byte map lets
// a finding sit on the literal that holds the weak value and lets a fix edit inside that
// literal, escaped the way the literal needs.
//
// The package is language-neutral: each analyzer decodes its own literals (escape sequences)
// and says how text is escaped back into them (Literal.Escape).
package strval

import (
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// HoleText stands for a run-time value; rules.IsDynamic recognises it.
const HoleText = "${}"

// Literal is one string literal of the file whose bytes a Value can hold.
type Literal struct {
	// Start and End span the literal's content, without quotes or prefixes.
	Start, End int
	// Escape writes text so that it reads back as text inside this literal; false when it
	// cannot be written there.
	Escape func(text string) (string, bool)
}

// Value is a string value with the source of every byte.
type Value struct {
	Text   []byte
	src    []byteSrc
	pieces []piece
}

// byteSrc is where one byte comes from.
type byteSrc struct {
	start, end int // the source bytes (an escape sequence can be several)
	piece      int32
}

// piece is one contiguous part of a Value.
type piece struct {
	lit *Literal // nil for holes and parts that cannot be edited
	// direct is true for a literal written inside the root expression itself (a
	// concatenation's operand), false for one reached through a name.
	direct bool
	hole   bool
}

// String returns the text.
func (v *Value) String() string { return string(v.Text) }

// Len is the length of the text.
func (v *Value) Len() int { return len(v.Text) }

// Holes reports whether the value has run-time parts, and literal whether it has any byte
// that is not one.
func (v *Value) Holes() (holes, literal bool) {
	for _, p := range v.pieces {
		if p.hole {
			holes = true
		} else {
			literal = true
		}
	}
	return holes, literal
}

// WholeLiteral returns the literal when the value is exactly one literal's bytes.
func (v *Value) WholeLiteral() (*Literal, bool) {
	if len(v.pieces) != 1 || v.pieces[0].lit == nil {
		return nil, false
	}
	return v.pieces[0].lit, true
}

func (v *Value) add(b byte, s byteSrc) {
	v.Text = append(v.Text, b)
	v.src = append(v.src, s)
}

// BeginLiteral starts a piece holding bytes of lit; direct says the literal is written in the
// root expression itself. It returns the piece for AddByte and AddDecoded.
func (v *Value) BeginLiteral(lit *Literal, direct bool) int32 {
	v.pieces = append(v.pieces, piece{lit: lit, direct: direct})
	return int32(len(v.pieces) - 1)
}

// AddByte appends a byte written as itself at file offset at.
func (v *Value) AddByte(p int32, b byte, at int) {
	v.add(b, byteSrc{start: at, end: at + 1, piece: p})
}

// AddVerbatim appends text written byte for byte from file offset at.
func (v *Value) AddVerbatim(p int32, text string, at int) {
	for i := 0; i < len(text); i++ {
		v.AddByte(p, text[i], at+i)
	}
}

// AddDecoded appends the bytes an escape sequence at [start, end) of the file stands for.
func (v *Value) AddDecoded(p int32, decoded string, start, end int) {
	for i := 0; i < len(decoded); i++ {
		v.add(decoded[i], byteSrc{start: start, end: end, piece: p})
	}
}

// AddFixed appends text that comes from the file at [start, end) but cannot be edited there
// (a constant's value known some other way).
func (v *Value) AddFixed(text string, start, end int) {
	v.pieces = append(v.pieces, piece{})
	p := int32(len(v.pieces) - 1)
	for i := 0; i < len(text); i++ {
		v.add(text[i], byteSrc{start: start, end: end, piece: p})
	}
}

// AddHole appends a run-time part, the expression at [start, end).
func (v *Value) AddHole(start, end int) {
	// Two holes in a row are one: the parsers cannot tell them apart anyway.
	if n := len(v.pieces); n > 0 && v.pieces[n-1].hole && len(v.src) > 0 && v.src[len(v.src)-1].piece == int32(n-1) {
		return
	}
	v.pieces = append(v.pieces, piece{hole: true})
	p := int32(len(v.pieces) - 1)
	for i := 0; i < len(HoleText); i++ {
		v.add(HoleText[i], byteSrc{start: start, end: end, piece: p})
	}
}

// Append appends another value; direct false marks its literals as reached through a name.
func (v *Value) Append(o *Value, direct bool) {
	v.AppendRange(o, 0, len(o.Text), direct, Remap{})
}

// Remap carries the pieces of another value that AppendRange has already copied, so that
// consecutive calls appending parts of one value share its pieces.
type Remap map[int32]int32

// AppendRange appends the bytes [from, to) of another value, keeping their sources; direct
// false marks its literals as reached through a name. remap must be the same for every call
// appending from o to v.
func (v *Value) AppendRange(o *Value, from, to int, direct bool, remap Remap) {
	for i := from; i < to; i++ {
		s := o.src[i]
		np, ok := remap[s.piece]
		if !ok {
			p := o.pieces[s.piece]
			p.direct = p.direct && direct
			v.pieces = append(v.pieces, p)
			np = int32(len(v.pieces) - 1)
			remap[s.piece] = np
		}
		s.piece = np
		v.add(o.Text[i], s)
	}
}

// posStart is the file offset of byte i (or of the end, for i == len).
func (v *Value) posStart(i int) int {
	if i < len(v.src) {
		return v.src[i].start
	}
	if len(v.src) == 0 {
		return 0
	}
	return v.src[len(v.src)-1].end
}

// Span maps the byte range [i, j) of the value to a file span. A range over several pieces
// that are not written side by side in the root expression is cut to its last piece, where a
// value sits in key=value.
func (v *Value) Span(i, j int) rules.Span {
	if j <= i || i >= len(v.src) {
		p := v.posStart(i)
		return rules.Span{Start: p, End: p}
	}
	j = min(j, len(v.src))
	first, last := v.src[i].piece, v.src[j-1].piece
	if first != last {
		together := true
		for k := i; k < j; k++ {
			if !v.pieces[v.src[k].piece].direct {
				together = false
				break
			}
		}
		if !together {
			k := j - 1
			for k > i && v.src[k-1].piece == last {
				k--
			}
			i = k
		}
	}
	return rules.Span{Start: v.src[i].start, End: v.src[j-1].end}
}

// EditAt maps an edit of the value's bytes [i, j) to file offsets inside one editable literal.
func (v *Value) EditAt(i, j int) (start, end int, lit *Literal, ok bool) {
	if j > i {
		if j > len(v.src) {
			return 0, 0, nil, false
		}
		p := v.src[i].piece
		for k := i; k < j; k++ {
			if v.src[k].piece != p {
				return 0, 0, nil, false
			}
		}
		pc := v.pieces[p]
		if pc.lit == nil {
			return 0, 0, nil, false
		}
		return v.src[i].start, v.src[j-1].end, pc.lit, true
	}
	// An insertion goes after the byte before it or, at the start, before the byte after it.
	if i > 0 && i <= len(v.src) {
		if pc := v.pieces[v.src[i-1].piece]; pc.lit != nil {
			return v.src[i-1].end, v.src[i-1].end, pc.lit, true
		}
	}
	if i < len(v.src) {
		if pc := v.pieces[v.src[i].piece]; pc.lit != nil {
			return v.src[i].start, v.src[i].start, pc.lit, true
		}
	}
	return 0, 0, nil, false
}

// Source says who reads a connection string found in source code.
type Source struct {
	Path     string
	Driver   drivers.ID
	Evidence string
	// Called is true when the string is handed to a call that reads connection strings: then
	// any string counts, not only one that looks like a connection string.
	Called bool
}

// ConnTarget makes a target of v when it is a connection string: a PostgreSQL or JDBC URL, or
// a libpq keyword string naming a host (or any string, when src.Called). anchor is the
// expression the string was written as. It returns nil for anything else, and for a value
// with no byte from the source.
func ConnTarget(v *Value, anchor rules.Span, src Source) *rules.Target {
	if _, literal := v.Holes(); !literal {
		return nil
	}
	s := string(v.Text)
	kind := rules.ConnKind(s)
	if kind == "" && !src.Called {
		return nil
	}
	t, cs := rules.ParseConnString(s, rules.StringSource{Path: src.Path, Driver: src.Driver, Evidence: src.Evidence})
	if cs == nil {
		return nil
	}
	if kind == "keyword" && !src.Called && (cs.Err != nil || !rules.KeywordConn(cs.Params)) {
		return nil
	}
	if kind == "" && cs.Err != nil {
		return nil
	}
	ToFile(t, v)
	t.Anchor = anchor
	t.Editor = &LiteralEditor{Inner: t.Editor, V: v}
	return t
}

// ToFile maps the spans of a target made from v's bytes (ParseConnString's) to file spans.
func ToFile(t *rules.Target, v *Value) {
	conv := func(s rules.Span) rules.Span { return v.Span(s.Start, s.End) }
	for i := range t.Params {
		t.Params[i].Val = conv(t.Params[i].Val)
		t.Params[i].Pair = conv(t.Params[i].Pair)
	}
	for i := range t.Hosts {
		t.Hosts[i].Span = conv(t.Hosts[i].Span)
	}
	for i := range t.Secrets {
		t.Secrets[i] = conv(t.Secrets[i])
	}
}

// LiteralEditor maps the edits of a connection string's editor, made in the value's bytes,
// into the literals they fall in. An edit that spans two literals or touches a run-time part
// cannot be made: then there is no edit at all, never half a fix.
type LiteralEditor struct {
	Inner rules.Editor
	V     *Value
}

// Apply implements rules.Editor.
func (e *LiteralEditor) Apply(ops []drivers.Op) ([]rules.Edit, bool) {
	edits, ok := e.Inner.Apply(ops)
	if !ok {
		return nil, false
	}
	out := make([]rules.Edit, 0, len(edits))
	for _, ed := range edits {
		start, end, lit, ok := e.V.EditAt(ed.Start, ed.End)
		if !ok || lit.Escape == nil {
			return nil, false
		}
		text, ok := lit.Escape(ed.NewText)
		if !ok {
			return nil, false
		}
		out = append(out, rules.Edit{Start: start, End: end, NewText: text})
	}
	return out, true
}
