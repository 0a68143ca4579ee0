// Package toml reads TOML with go-toml's parser, which keeps the byte range of every string
// (with its quotes), so values map back exactly; decoding is redone here to get the mapping
// inside strings with escapes. Tables named like environments ([env] in .cargo/config.toml,
// [build.environment] in netlify.toml) are scopes of their own.
package toml

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/pgtlslint/pgtlslint/analyzers/config/doc"
	"github.com/pgtlslint/pgtlslint/model/srcmap"
	"github.com/pgtlslint/pgtlslint/rules"
)

type parser struct {
	d    *doc.Document
	p    *unstable.Parser
	s    string
	base int
}

// Parse extracts the settings of a TOML document.
func Parse(_ string, content []byte, base int) (*doc.Document, error) {
	// The parser works on the bytes after a byte order mark; offsets are shifted back.
	data := content[base:]
	p := &unstable.Parser{}
	p.Reset(data)
	d := doc.New()
	c := &parser{d: d, p: p, s: string(content), base: base}
	table := ""
	sc := d.File()
	g := d.AddGroup("", "")
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			keys := keysOf(e)
			table = strings.Join(keys, ".")
			sc = d.File()
			name := ""
			if len(keys) > 0 {
				name = keys[len(keys)-1]
			}
			if doc.EnvKeys[strings.ToLower(name)] {
				sc = d.NewScope()
			}
			g = d.AddGroup(name, table)
		case unstable.KeyValue:
			c.keyValue(e, table, sc, g, true)
		}
	}
	if err := p.Error(); err != nil {
		return nil, parseError(data, err)
	}
	return d, nil
}

// parseError names the line of a parse error.
func parseError(data []byte, err error) error {
	line := 0
	var pe *unstable.ParserError
	if errors.As(err, &pe) && len(pe.Highlight) > 0 {
		off := cap(data) - cap(pe.Highlight)
		if off >= 0 && off <= len(data) {
			line = 1 + strings.Count(string(data[:off]), "\n")
		}
	}
	return fmt.Errorf("toml: line %d: %w", line, err)
}

// keysOf returns the key parts of a table header or key-value.
func keysOf(n *unstable.Node) []string {
	var ks []string
	it := n.Key()
	for it.Next() {
		ks = append(ks, string(it.Node().Data))
	}
	return ks
}

// off returns the file offset of a parser range.
func (c *parser) off(r unstable.Range) int { return c.base + int(r.Offset) }

// keyValue handles key = value inside table; top says it is a line of its own (not inside an
// inline table), so that it can be removed as a line.
func (c *parser) keyValue(e *unstable.Node, table string, sc *doc.Scope, g *doc.Group, top bool) {
	keys := keysOf(e)
	if len(keys) == 0 {
		return
	}
	key := keys[len(keys)-1]
	p := doc.JoinPath(table, strings.Join(keys, "."))
	v := e.Value()
	switch v.Kind {
	case unstable.String, unstable.Integer, unstable.Bool, unstable.Float:
		en := c.scalarEntry(e, v, key, p, sc, top)
		if len(keys) == 1 {
			g.Entries = append(g.Entries, en)
		}
		c.d.Add(en)
	case unstable.Array:
		c.array(v, p, key, sc)
	case unstable.InlineTable:
		sub := c.d.AddGroup(key, p)
		g.Sub[strings.ToLower(key)] = sub
		if doc.EnvKeys[strings.ToLower(key)] {
			sc = c.d.NewScope()
		}
		c.table(v, p, sc, sub)
	}
}

// scalarEntry makes the entry of key = scalar.
func (c *parser) scalarEntry(e, v *unstable.Node, key, p string, sc *doc.Scope, top bool) *doc.Entry {
	it := e.Key()
	keyStart := -1
	if it.Next() {
		keyStart = c.off(it.Node().Raw)
	}
	val := c.scalar(v)
	en := &doc.Entry{Key: key, Path: p, Val: val, Scope: sc, Shell: doc.ShellKeys[strings.ToLower(key)]}
	en.Pair = rules.Span{Start: max(keyStart, 0), End: val.Full().End}
	if en.Pair.Start > en.Pair.End {
		en.Pair.Start = en.Pair.End
	}
	if top && keyStart >= 0 && v.Kind == unstable.String {
		en.Remove = c.lineOf(keyStart, c.off(v.Raw)+int(v.Raw.Length))
	}
	return en
}

// table handles the key-values of an inline table.
func (c *parser) table(t *unstable.Node, p string, sc *doc.Scope, g *doc.Group) {
	ci := t.Children()
	for ci.Next() {
		if kv := ci.Node(); kv.Kind == unstable.KeyValue {
			c.keyValue(kv, p, sc, g, false)
		}
	}
}

// array handles the elements of an array value, nested arrays and inline tables included, with
// an explicit stack.
func (c *parser) array(v *unstable.Node, p, key string, sc *doc.Scope) {
	shell := doc.ShellKeys[strings.ToLower(key)]
	stack := []*unstable.Node{v}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		ci := n.Children()
		for ci.Next() {
			el := ci.Node()
			switch el.Kind {
			case unstable.String:
				val := c.scalar(el)
				en := &doc.Entry{Key: key, Path: p, Val: val, Scope: sc, Shell: shell}
				if item := doc.EnvListItem(val, key, p, sc); !shell && item != nil {
					en = item
				}
				c.d.Add(en)
			case unstable.Array:
				stack = append(stack, el)
			case unstable.InlineTable:
				c.table(el, p, sc, c.d.AddGroup(key, p))
			}
		}
	}
}

// scalar maps a string (or other scalar) node into the file.
func (c *parser) scalar(n *unstable.Node) doc.Value {
	start := c.off(n.Raw)
	end := start + int(n.Raw.Length)
	if start < 0 || end > len(c.s) || start > end {
		return doc.Approx(string(n.Data), 0, 0)
	}
	raw := c.s[start:end]
	want := string(n.Data)
	if n.Kind != unstable.String {
		return doc.Verbatim(raw, start)
	}
	val, m, dec, ok := decodeString(raw, start)
	if !ok || val != want {
		return doc.Approx(want, start, end)
	}
	return doc.NewToken(raw, start, val, m, dec)
}

// forms are TOML's four string forms by their opening quotes, longest first, with their
// decoders (raw text at file offset base).
var forms = []struct {
	open   string
	decode func(raw string, base int) (string, *srcmap.Map, bool)
}{
	{`"""`, func(r string, b int) (string, *srcmap.Map, bool) { return decodeMulti(r, b, '"') }},
	{`'''`, func(r string, b int) (string, *srcmap.Map, bool) { return decodeMulti(r, b, '\'') }},
	{`"`, decodeBasic},
	{`'`, func(r string, b int) (string, *srcmap.Map, bool) { return doc.LiteralQuoted(r, b, '\'', false) }},
}

// decodeBasic decodes a basic string in double quotes.
func decodeBasic(raw string, base int) (string, *srcmap.Map, bool) {
	return doc.DecodeQuoted(raw, base, '"', doc.TOMLEscapes, false)
}

// decodeString decodes any of TOML's four string forms, and returns the decoder of edited text.
func decodeString(raw string, base int) (string, *srcmap.Map, func(string) (string, bool), bool) {
	for _, f := range forms {
		if strings.HasPrefix(raw, f.open) {
			v, m, ok := f.decode(raw, base)
			return v, m, func(r string) (string, bool) { d, _, ok := f.decode(r, 0); return d, ok }, ok
		}
	}
	return "", nil, nil, false
}

// decodeMulti decodes a multi-line string, in three double or three single quotes: a newline
// right after the opening quotes is dropped; in basic strings a backslash at the end of a line
// drops the line break and the white space after it.
func decodeMulti(raw string, base int, q byte) (string, *srcmap.Map, bool) {
	if len(raw) < 6 || raw[:3] != strings.Repeat(string(q), 3) || raw[len(raw)-3:] != raw[:3] {
		return "", nil, false
	}
	var b srcmap.Builder
	k, end := 3, len(raw)-3
	if strings.HasPrefix(raw[k:], "\r\n") {
		k += 2
	} else if strings.HasPrefix(raw[k:], "\n") {
		k++
	}
	for k < end {
		if q == '"' && raw[k] == '\\' {
			w, ok := multiEscape(&b, raw[:end], k, base)
			if !ok {
				return "", nil, false
			}
			k += w
			continue
		}
		b.Lit(raw[k], base+k)
		k++
	}
	s, m := b.DoneAt(base+end, base+end)
	return s, m, true
}

// multiEscape decodes the backslash at raw[k] of a multi-line basic string into b (a line
// ending backslash, or an escape) and returns its width.
func multiEscape(b *srcmap.Builder, raw string, k, base int) (int, bool) {
	j := k + 1
	for j < len(raw) && (raw[j] == ' ' || raw[j] == '\t') {
		j++
	}
	if j < len(raw) && (raw[j] == '\n' || raw[j] == '\r') {
		for j < len(raw) && strings.IndexByte(" \t\r\n", raw[j]) >= 0 {
			j++
		}
		b.Esc("", base+k, base+j)
		return j - k, true
	}
	text, w, ok := doc.TOMLEscapes(raw, k)
	if !ok {
		return 0, false
	}
	b.Esc(text, base+k, base+k+w)
	return w, true
}

// lineOf returns the span of the line holding a key = value from keyStart to valueEnd, when
// nothing else is on it, or nil.
func (c *parser) lineOf(keyStart, valueEnd int) *rules.Span {
	ls := strings.LastIndexByte(c.s[:keyStart], '\n') + 1
	if strings.TrimSpace(c.s[ls:keyStart]) != "" {
		return nil
	}
	le := strings.IndexByte(c.s[valueEnd:], '\n')
	if le < 0 {
		le = len(c.s)
	} else {
		le += valueEnd
	}
	rest := strings.TrimSpace(c.s[valueEnd:le])
	if rest != "" && !strings.HasPrefix(rest, "#") {
		return nil
	}
	if le < len(c.s) {
		le++
	}
	return &rules.Span{Start: ls, End: le}
}
