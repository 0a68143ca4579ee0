// Package strval holds the string values that source analyzers assemble from literals,
// concatenations, f-strings and template literals: the text as far as the source says, with,
// for every byte, the bytes of the file it comes from (a srcmap.Map, the mapping the config
// formats use too). Parts known only at run time are holes, written as HoleText so that the
// connection-string parsers see a placeholder. The byte map lets a finding sit on the literal
// that holds the weak value and lets a fix edit inside that literal, escaped the way the
// literal needs.
//
// The package is language-neutral: each analyzer decodes its own literals (escape sequences)
// and says how text is escaped back into them (Literal.Escape).
package strval

import (
	"github.com/pgtlslint/pgtlslint/model/srcmap"
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
	Text []byte
	// src maps each byte to the file bytes it comes from (an escape sequence can be several).
	src srcmap.Map
	// pieceOf is the piece of each byte.
	pieceOf []int32
	pieces  []piece
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

// addLit appends byte b written as itself at file offset at.
func (v *Value) addLit(p int32, b byte, at int) {
	v.Text = append(v.Text, b)
	v.pieceOf = append(v.pieceOf, p)
	v.src.Lit(at)
}

// addRun appends text that stands as a whole for the file bytes [start, end).
func (v *Value) addRun(p int32, text string, start, end int) {
	if text == "" {
		return
	}
	v.Text = append(v.Text, text...)
	for range len(text) {
		v.pieceOf = append(v.pieceOf, p)
	}
	v.src.Esc(len(text), start, end)
}

// BeginLiteral starts a piece holding bytes of lit; direct says the literal is written in the
// root expression itself. It returns the piece for AddByte and AddDecoded.
func (v *Value) BeginLiteral(lit *Literal, direct bool) int32 {
	v.pieces = append(v.pieces, piece{lit: lit, direct: direct})
	return int32(len(v.pieces) - 1)
}

// AddByte appends a byte written as itself at file offset at.
func (v *Value) AddByte(p int32, b byte, at int) {
	v.addLit(p, b, at)
}

// AddVerbatim appends text written byte for byte from file offset at.
func (v *Value) AddVerbatim(p int32, text string, at int) {
	for i := 0; i < len(text); i++ {
		v.AddByte(p, text[i], at+i)
	}
}

// AddDecoded appends the bytes an escape sequence at [start, end) of the file stands for.
func (v *Value) AddDecoded(p int32, decoded string, start, end int) {
	v.addRun(p, decoded, start, end)
}

// AddFixed appends text that comes from the file at [start, end) but cannot be edited there
// (a constant's value known some other way).
func (v *Value) AddFixed(text string, start, end int) {
	v.pieces = append(v.pieces, piece{})
	v.addRun(int32(len(v.pieces)-1), text, start, end)
}

// AddHole appends a run-time part, the expression at [start, end).
func (v *Value) AddHole(start, end int) {
	// Two holes in a row are one: the parsers cannot tell them apart anyway.
	if n := len(v.pieces); n > 0 && v.pieces[n-1].hole && len(v.pieceOf) > 0 && v.pieceOf[len(v.pieceOf)-1] == int32(n-1) {
		return
	}
	v.pieces = append(v.pieces, piece{hole: true})
	v.addRun(int32(len(v.pieces)-1), HoleText, start, end)
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
		op := o.pieceOf[i]
		np, ok := remap[op]
		if !ok {
			p := o.pieces[op]
			p.direct = p.direct && direct
			v.pieces = append(v.pieces, p)
			np = int32(len(v.pieces) - 1)
			remap[op] = np
		}
		v.pieceOf = append(v.pieceOf, np)
	}
	v.Text = append(v.Text, o.Text[from:to]...)
	v.src.Append(&o.src, from, to)
}

// posStart is the file offset of byte i (or of the end, for i == len).
func (v *Value) posStart(i int) int {
	if i < len(v.pieceOf) {
		return v.start(i)
	}
	if len(v.pieceOf) == 0 {
		return 0
	}
	return v.end(len(v.pieceOf) - 1)
}

// start and end are the file offsets of the source of byte i.
func (v *Value) start(i int) int { s, _ := v.src.Source(i); return s }
func (v *Value) end(i int) int   { _, e := v.src.Source(i); return e }

// Span maps the byte range [i, j) of the value to a file span. A range over several pieces
// that are not written side by side in the root expression is cut to its last piece, where a
// value sits in key=value.
func (v *Value) Span(i, j int) rules.Span {
	if j <= i || i >= len(v.pieceOf) {
		p := v.posStart(i)
		return rules.Span{Start: p, End: p}
	}
	j = min(j, len(v.pieceOf))
	first, last := v.pieceOf[i], v.pieceOf[j-1]
	if first != last {
		together := true
		for k := i; k < j; k++ {
			if !v.pieces[v.pieceOf[k]].direct {
				together = false
				break
			}
		}
		if !together {
			k := j - 1
			for k > i && v.pieceOf[k-1] == last {
				k--
			}
			i = k
		}
	}
	return rules.Span{Start: v.start(i), End: v.end(j - 1)}
}

// EditAt maps an edit of the value's bytes [i, j) to file offsets inside one editable literal.
func (v *Value) EditAt(i, j int) (start, end int, lit *Literal, ok bool) {
	if j > i {
		if j > len(v.pieceOf) {
			return 0, 0, nil, false
		}
		p := v.pieceOf[i]
		for k := i; k < j; k++ {
			if v.pieceOf[k] != p {
				return 0, 0, nil, false
			}
		}
		pc := v.pieces[p]
		if pc.lit == nil {
			return 0, 0, nil, false
		}
		return v.start(i), v.end(j - 1), pc.lit, true
	}
	// An insertion goes after the byte before it or, at the start, before the byte after it.
	if i > 0 && i <= len(v.pieceOf) {
		if pc := v.pieces[v.pieceOf[i-1]]; pc.lit != nil {
			return v.end(i - 1), v.end(i - 1), pc.lit, true
		}
	}
	if i < len(v.pieceOf) {
		if pc := v.pieces[v.pieceOf[i]]; pc.lit != nil {
			return v.start(i), v.start(i), pc.lit, true
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
