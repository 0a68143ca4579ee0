package yaml

import (
	"strings"

	yamlv3 "go.yaml.in/yaml/v3"

	"github.com/pgtlslint/pgtlslint/analyzers/config/doc"
	"github.com/pgtlslint/pgtlslint/model/srcmap"
	"github.com/pgtlslint/pgtlslint/rules"
)

// scalar returns the decoded value of a scalar node with its mapping into the file.
func (f *file) scalar(n *yamlv3.Node, flow bool) (doc.Value, bool) {
	v, ok := f.scalarOf(n, flow)
	if ok && f.orig != "" {
		v = f.unmask(v)
	}
	return v, ok
}

// unmask gives a value read from masked text the file's own text where its bytes are known
// one for one: a template action in it is then the action as written, which rules.IsDynamic
// recognises. Its token stays the masked one, which decodes the same way (a mask is plain
// text), so that edits outside the actions are checked as before.
func (f *file) unmask(v doc.Value) doc.Value {
	if !v.Map.Exact() {
		return v // the mask itself ($___) reads as dynamic
	}
	var b []byte
	for i := 0; i < len(v.Text); i++ {
		start, end := v.Map.Source(i)
		if end != start+1 || start < 0 || start >= len(f.orig) || !masked(f.s[start]) || f.s[start] == f.orig[start] {
			continue // not a byte of a masked word (an emptied line's carriage returns are breaks)
		}
		if b == nil {
			b = []byte(v.Text)
		}
		b[i] = f.orig[start]
	}
	if b != nil {
		v.Text = string(b)
	}
	return v
}

// masked reports whether c is a byte of the words tmpl.Mask puts in place of actions.
func masked(c byte) bool { return c == '$' || c == '_' }

// scalarOf is scalar for the text the file's nodes were parsed from.
func (f *file) scalarOf(n *yamlv3.Node, flow bool) (doc.Value, bool) {
	if n.Kind != yamlv3.ScalarNode {
		return doc.Value{}, false
	}
	o := f.offset(n.Line, n.Column)
	if o < 0 {
		return doc.Value{}, false
	}
	o = f.skipProperties(o)
	if o >= len(f.s) {
		return doc.Approx(n.Value, len(f.s), len(f.s)), true
	}
	switch {
	case n.Style&yamlv3.DoubleQuotedStyle != 0:
		return f.doubleQuoted(n, o), true
	case n.Style&yamlv3.SingleQuotedStyle != 0:
		return f.singleQuoted(n, o), true
	case n.Style&(yamlv3.LiteralStyle|yamlv3.FoldedStyle) != 0:
		return f.blockScalar(n, o), true
	}
	// Plain: one line, byte for byte.
	if !strings.ContainsAny(n.Value, "\n\r") && strings.HasPrefix(f.s[o:], n.Value) {
		raw := n.Value
		return doc.NewToken(raw, o, raw, srcmap.Identity(o, len(raw)), func(r string) (string, bool) {
			return r, plainOK(r, flow)
		}), true
	}
	return f.approx(n, o, o+len(n.Value)), true
}

// skipProperties skips the anchors and tags that come before a scalar at o.
func (f *file) skipProperties(o int) int {
	for o < len(f.s) && (f.s[o] == '&' || f.s[o] == '!') {
		for o < len(f.s) && f.s[o] != ' ' && f.s[o] != '\t' && f.s[o] != '\n' && f.s[o] != '\r' {
			o++
		}
		for o < len(f.s) && (f.s[o] == ' ' || f.s[o] == '\t') {
			o++
		}
	}
	return o
}

// approx is the value of node n, found at o, somewhere before end: spans near it, no edits.
func (f *file) approx(n *yamlv3.Node, o, end int) doc.Value {
	end = min(max(end, o), len(f.s))
	return doc.Approx(n.Value, o, end)
}

// doubleQuoted maps a double-quoted scalar at o.
func (f *file) doubleQuoted(n *yamlv3.Node, o int) doc.Value {
	end := doc.ClosingQuote(f.s, o, '"')
	if f.s[o] != '"' || end < 0 {
		return f.approx(n, o, f.lineEnd(o))
	}
	raw := f.s[o : end+1]
	val, m, ok := doc.DecodeQuoted(raw, o, '"', doc.YAMLEscapes, false)
	if !ok || val != n.Value {
		return f.approx(n, o, end+1)
	}
	return doc.NewToken(raw, o, val, m, func(r string) (string, bool) {
		d, _, ok := doc.DecodeQuoted(r, 0, '"', doc.YAMLEscapes, false)
		return d, ok
	})
}

// singleQuoted maps a single-quoted scalar at o, where two single quotes are one.
func (f *file) singleQuoted(n *yamlv3.Node, o int) doc.Value {
	if f.s[o] != '\'' {
		return f.approx(n, o, f.lineEnd(o))
	}
	end := o + 1
	for end < len(f.s) {
		if f.s[end] == '\'' {
			if end+1 < len(f.s) && f.s[end+1] == '\'' {
				end += 2
				continue
			}
			break
		}
		end++
	}
	if end >= len(f.s) {
		return f.approx(n, o, f.lineEnd(o))
	}
	raw := f.s[o : end+1]
	val, m, ok := doc.DecodeSingleQuotedYAML(raw, o)
	if !ok || val != n.Value {
		return f.approx(n, o, end+1)
	}
	return doc.NewToken(raw, o, val, m, func(r string) (string, bool) {
		d, _, ok := doc.DecodeSingleQuotedYAML(r, 0)
		return d, ok
	})
}

// plainOK reports whether YAML reads raw as the same plain scalar text.
func plainOK(raw string, flow bool) bool {
	if raw == "" || strings.TrimSpace(raw) != raw || strings.ContainsAny(raw, "\n\r") ||
		strings.Contains(raw, ": ") || strings.Contains(raw, " #") || strings.HasSuffix(raw, ":") ||
		strings.IndexByte(",[]{}#&*!|>'\"%@`", raw[0]) >= 0 {
		return false
	}
	if strings.IndexByte("-?:", raw[0]) >= 0 && !indicatorOK(raw, flow) {
		return false
	}
	return !flow || !strings.ContainsAny(raw, ",[]{}")
}

// indicatorOK reports whether raw, which starts with an indicator (- ? :), is a plain scalar:
// a character that is safe there must follow (YAML 1.2 ns-plain-first), so that command lines
// such as "-c ssl=off" are plain scalars. Document markers are left alone.
func indicatorOK(raw string, flow bool) bool {
	return len(raw) >= 2 && raw[1] != ' ' && raw[1] != '\t' && !strings.HasPrefix(raw, "---") &&
		(!flow || strings.IndexByte(",[]{}", raw[1]) < 0)
}

// blockScalar maps a literal (|) or folded (>) block scalar whose header is at o. The value
// used is the content read literally (lines without their indentation, joined by newlines):
// connection strings sit inside lines, and a folded scalar's line joins do not matter there.
func (f *file) blockScalar(n *yamlv3.Node, o int) doc.Value {
	approx := func() doc.Value { return doc.Approx(n.Value, o, f.lineEnd(o)) }
	if f.s[o] != '|' && f.s[o] != '>' {
		return approx()
	}
	header := f.s[o:f.lineEnd(o)]
	if strings.ContainsAny(strings.SplitN(header, "#", 2)[0], "123456789") {
		// An explicit indentation indicator: rare, and relative to the parent's indentation.
		return approx()
	}
	start := f.nextLine(o)
	indent, end := f.blockExtent(start)
	if indent <= 0 || end <= start {
		return approx()
	}
	raw := f.s[start:end]
	val, m, ok := decodeBlock(raw, start, indent)
	if !ok {
		return approx()
	}
	v := doc.NewToken(raw, start, val, m, func(r string) (string, bool) {
		d, _, ok := decodeBlock(r, 0, indent)
		return d, ok
	})
	// The value itself without trailing line breaks, so that a block holding only a
	// connection string is one.
	return v.Sub(0, len(strings.TrimRight(val, "\n")))
}

// blockExtent returns the indentation of the block scalar whose content starts at start (-1:
// none) and the end of its last non-blank line.
func (f *file) blockExtent(start int) (indent, end int) {
	indent, end = -1, start
	for p := start; p < len(f.s); {
		le := f.lineEnd(p)
		line := f.s[p:le]
		sp := len(line) - len(strings.TrimLeft(line, " "))
		blank := strings.TrimSpace(line) == ""
		if !blank {
			if indent < 0 {
				indent = sp
			}
			if sp < indent {
				break
			}
		}
		p = f.nextLine(p)
		if !blank {
			end = p
		}
		if p == le { // no line break: end of file
			break
		}
	}
	return indent, end
}

// decodeBlock strips indent spaces from every line of raw (which starts at file offset base)
// and joins the lines with "\n". Lines with less indentation must be blank.
func decodeBlock(raw string, base, indent int) (string, *srcmap.Map, bool) {
	var b srcmap.Builder
	for p := 0; p < len(raw); {
		le := p
		for le < len(raw) && raw[le] != '\n' && raw[le] != '\r' {
			le++
		}
		line := raw[p:le]
		if strings.TrimSpace(line) != "" {
			if len(line) < indent || strings.TrimLeft(line[:indent], " ") != "" {
				return "", nil, false
			}
			for k := p + indent; k < le; k++ {
				b.Lit(raw[k], base+k)
			}
		}
		if le >= len(raw) {
			break
		}
		w := 1
		if raw[le] == '\r' && le+1 < len(raw) && raw[le+1] == '\n' {
			w = 2
		}
		b.Esc("\n", base+le, base+le+w)
		p = le + w
	}
	s, m := b.DoneAt(base+len(raw), base)
	return s, m, true
}

// entryLines returns the span that removes a block mapping entry "key: value" alone on its
// line, or nil.
func (f *file) entryLines(k, v *yamlv3.Node, val doc.Value) *rules.Span {
	ko := f.offset(k.Line, k.Column)
	if ko < 0 || k.Line != v.Line || !val.Map.Exact() || strings.TrimSpace(f.s[f.lineStart(ko):ko]) != "" {
		return nil
	}
	return f.restOfLine(f.lineStart(ko), val.Full().End)
}

// restOfLine returns [ls, next line) when only blanks or a comment follow offset after on its
// line, or nil.
func (f *file) restOfLine(ls, after int) *rules.Span {
	if after > len(f.s) || after < ls {
		return nil
	}
	if v := f.s[after:]; len(v) > 0 && v[0] == '\'' || len(v) > 0 && v[0] == '"' {
		after++ // the closing quote of a quoted scalar
	}
	le := f.lineEnd(after)
	rest := strings.TrimSpace(f.s[min(after, le):le])
	if rest != "" && !strings.HasPrefix(rest, "#") {
		return nil
	}
	return &rules.Span{Start: ls, End: f.nextLine(after)}
}

// itemLines returns the span that removes a block sequence item "- value", or nil.
func (f *file) itemLines(it *yamlv3.Node, val doc.Value) *rules.Span {
	o := f.offset(it.Line, it.Column)
	if o < 0 || !val.Map.Exact() {
		return nil
	}
	ls := f.lineStart(o)
	if strings.TrimSpace(strings.TrimSpace(f.s[ls:o])) != "-" {
		return nil
	}
	return f.restOfLine(ls, val.Full().End)
}

// k8sItemLines returns the span that removes a block sequence item "- name: X / value: Y".
func (f *file) k8sItemLines(it, name *yamlv3.Node, v doc.Value) *rules.Span {
	o := f.offset(it.Line, it.Column)
	if o < 0 || !v.Map.Exact() {
		return nil
	}
	ls := f.lineStart(o)
	if strings.TrimSpace(f.s[ls:o]) != "-" {
		return nil
	}
	last := v.Full().End
	if no := f.offset(name.Line, name.Column); no > last {
		// name: after value: find the end of the name's line instead.
		if nv, ok := f.scalar(name, false); ok && nv.Map.Exact() {
			last = nv.Full().End
		}
	}
	return f.restOfLine(ls, last)
}
