package doc

import (
	"sort"
	"strings"

	"github.com/pgtlslint/pgtlslint/model/srcmap"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// A Value is what a format's parser hands on: the decoded text of a scalar (quotes removed,
// escapes resolved) and where each of its bytes sits in the file (a srcmap.Map). Where the way
// back is not exact (a folded YAML scalar), findings still get spans near the value but no
// edits are made.
type Value struct {
	Text string
	Map  *srcmap.Map
	// Tok is the token holding the value; nil when edits cannot be checked.
	Tok *Token
	// literal marks the decoded bytes the format reads as written, where a '$' starts no
	// reference (single quotes, a backslash escape); nil: none is.
	literal []bool
}

// WithLiteral returns v whose decoded bytes marked in marks (one per byte) are read as
// written.
func (v Value) WithLiteral(marks []bool) Value {
	if len(marks) == len(v.Text) {
		v.literal = marks
	}
	return v
}

// AsLiteral returns v read as written throughout (a single-quoted value).
func (v Value) AsLiteral() Value {
	marks := make([]bool, len(v.Text))
	for i := range marks {
		marks[i] = true
	}
	return v.WithLiteral(marks)
}

// Expands reports whether a '$' at decoded byte i would start a reference to a variable.
func (v Value) Expands(i int) bool {
	return i < 0 || i >= len(v.literal) || !v.literal[i]
}

// Verbatim is text that sits in the file byte for byte from offset at.
func Verbatim(text string, at int) Value {
	return Value{Text: text, Map: srcmap.Identity(at, len(text))}
}

// Approx is text whose bytes sit somewhere in the file range [start, end): found, never edited.
func Approx(text string, start, end int) Value {
	return Value{Text: text, Map: srcmap.Approx(start, end, len(text))}
}

// FileValue is the whole file as one value, mapped onto itself.
func FileValue(content []byte) Value {
	return Verbatim(string(content), 0)
}

// Span returns the file span of decoded bytes [i, j).
func (v Value) Span(i, j int) rules.Span {
	return rules.Span{Start: v.Map.At(i), End: v.Map.At(j)}
}

// Full is the file span of the whole value.
func (v Value) Full() rules.Span { return v.Span(0, len(v.Text)) }

// Sub returns decoded bytes [i, j) as a value of their own.
func (v Value) Sub(i, j int) Value {
	out := Value{Text: v.Text[i:j], Map: v.Map.Sub(i, j), Tok: v.Tok}
	if v.literal != nil {
		out.literal = v.literal[i:j]
	}
	return out
}

// Editable reports whether edits of this value can be checked.
func (v Value) Editable() bool {
	if v.Tok == nil || !v.Map.Exact() || !v.Tok.Map.Exact() {
		return false
	}
	if v.Tok.Outer != nil {
		return v.Tok.Outer.Decode != nil && v.Tok.Outer.Map.Exact()
	}
	return v.Tok.Decode != nil
}

// Replace returns the edit that gives the whole value new text, when the format reads that
// text back literally.
func (v Value) Replace(text string) (rules.Edit, bool) {
	if !v.Editable() {
		return rules.Edit{}, false
	}
	sp := v.Full()
	e := rules.Edit{Start: sp.Start, End: sp.End, NewText: text}
	if !v.Tok.Check([]rules.Edit{e}) {
		return rules.Edit{}, false
	}
	return e, true
}

// Setter returns the rules.ServerSetting.SetValue of a value, or nil when its bytes cannot be
// edited safely. The new text goes in as it is, so it is accepted only where the format reads
// it literally (the token check decodes the edited bytes): TLSv1.2 and scram-sha-256 need no
// quotes anywhere these values sit.
func (v Value) Setter() func(string) []rules.Edit {
	if !v.Editable() {
		return nil
	}
	return func(text string) []rules.Edit {
		if e, ok := v.Replace(text); ok {
			return []rules.Edit{e}
		}
		return nil
	}
}

// A Token is the raw text of one scalar as it sits in the file, with the function that decodes
// it. Edits inside a token are checked by decoding the edited raw text: it must give exactly
// the decoded value with the same change, or the edits are dropped.
type Token struct {
	Raw   string // raw bytes, quotes included
	Start int    // file offset of Raw[0]
	Val   string // decoded value
	Map   *srcmap.Map
	// Decode decodes an edited raw text the same way; it fails for text the format would read
	// differently (a quote inside a quoted string, " #" in an unquoted value).
	Decode func(raw string) (string, bool)
	// Safe, when set, must accept the text of every edit: for syntaxes whose rules the decoder
	// does not know (text around a connection string found in a file of unknown format).
	Safe func(text string) bool
	// Outer, when set, is the token of the enclosing format that this one sits in (a shell
	// word inside a YAML value): edits are checked by it, and by Safe for this one's syntax.
	Outer *Token
	// SafeAt, when set, replaces Safe: what is safe depends on where the edit goes (inside
	// or outside the quotes of a shell word).
	SafeAt func(e rules.Edit) bool
}

// NewToken makes the token for raw text at file offset start whose decoded value and mapping
// are val and m, and returns the whole value.
func NewToken(raw string, start int, val string, m *srcmap.Map, decode func(string) (string, bool)) Value {
	t := &Token{Raw: raw, Start: start, Val: val, Map: m, Decode: decode}
	return Value{Text: val, Map: m, Tok: t}
}

// safeEdit reports whether the token's own syntax reads an edit's text literally.
func (t *Token) safeEdit(e rules.Edit) bool {
	switch {
	case t.SafeAt != nil:
		return t.SafeAt(e)
	case t.Safe != nil:
		return t.Safe(e.NewText)
	}
	return true
}

// Check reports whether edits, all inside the token, change its decoded value exactly as they
// change it in decoded terms.
func (t *Token) Check(edits []rules.Edit) bool {
	if t != nil && t.Outer != nil {
		for _, e := range edits {
			if !t.safeEdit(e) {
				return false
			}
		}
		return t.Map.Exact() && t.Outer.Check(edits)
	}
	if t == nil || t.Decode == nil || !t.Map.Exact() {
		return false
	}
	es := append([]rules.Edit(nil), edits...)
	sort.SliceStable(es, func(i, j int) bool { return es[i].Start < es[j].Start })
	raw, val, ok := t.apply(es)
	if !ok {
		return false
	}
	got, ok := t.Decode(raw)
	return ok && got == val
}

// apply makes sorted edits in the raw text and, through the mapping, in the decoded value.
func (t *Token) apply(es []rules.Edit) (raw, val string, ok bool) {
	var rb, vb strings.Builder
	rpos, dpos := 0, 0
	end := t.Start + len(t.Raw)
	for _, e := range es {
		if e.Start < t.Start || e.End > end || e.Start > e.End || e.Start-t.Start < rpos || !t.safeEdit(e) {
			return "", "", false
		}
		i, ok1 := t.Map.Inv(e.Start)
		j, ok2 := t.Map.Inv(e.End)
		if !ok1 || !ok2 || i > j || i < dpos {
			return "", "", false
		}
		rb.WriteString(t.Raw[rpos : e.Start-t.Start])
		rb.WriteString(e.NewText)
		rpos = e.End - t.Start
		vb.WriteString(t.Val[dpos:i])
		vb.WriteString(e.NewText)
		dpos = j
	}
	rb.WriteString(t.Raw[rpos:])
	vb.WriteString(t.Val[dpos:])
	return rb.String(), vb.String(), true
}

// checkedEditor passes a connection string's edits through only when the token they fall in
// still decodes to the edited string.
type checkedEditor struct {
	inner rules.Editor
	tok   *Token
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
	if !e.tok.Check(edits) {
		return nil, false
	}
	return edits, true
}

// EditorFor wraps a connection string's editor for value v, or returns nil when v's bytes in
// the file cannot be edited safely.
func EditorFor(inner rules.Editor, v Value) rules.Editor {
	if inner == nil || !v.Editable() {
		return nil
	}
	return &checkedEditor{inner: inner, tok: v.Tok}
}

// SafeText reports whether s can be inserted into a value of an unknown enclosing syntax (a
// connection string found in plain text, inside a string literal of some language) without
// changing how that syntax reads it: letters, digits and the punctuation of connection
// parameters, nothing that quotes, escapes, interpolates or comments.
func SafeText(s string) bool {
	return safeWith(s, "-_.=&?:/+,@")
}

// SafeXMLText is SafeText for XML-escaped text, where '&' would start an entity.
func SafeXMLText(s string) bool {
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

// IdentityDecode is the decoder of raw text that is its own value.
func IdentityDecode(raw string) (string, bool) { return raw, true }

// IsWordChar reports whether c is an ASCII letter, digit or underscore.
func IsWordChar(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
