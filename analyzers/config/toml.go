package config

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/pgtlslint/pgtlslint/rules"
)

// TOML is read with go-toml's parser, which keeps the byte range of every string (with its
// quotes), so values map back exactly; decoding is redone here to get the mapping inside
// strings with escapes. Tables named like environments ([env] in .cargo/config.toml,
// [build.environment] in netlify.toml) are scopes of their own.

type tomlCtx struct {
	a    *analysis
	p    *unstable.Parser
	s    string
	base int
}

// parseTOML extracts the settings of a TOML document.
func (a *analysis) parseTOML(content []byte, base int) error {
	// The parser works on the bytes after a byte order mark; offsets are shifted back.
	data := content[base:]
	p := &unstable.Parser{}
	p.Reset(data)
	c := &tomlCtx{a: a, p: p, s: string(content), base: base}
	table := ""
	sc := a.fileScope
	g := &group{sub: map[string]*group{}}
	a.groups = append(a.groups, g)
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			keys := tomlKeys(e)
			table = strings.Join(keys, ".")
			sc = a.fileScope
			if len(keys) > 0 && envKeys[strings.ToLower(keys[len(keys)-1])] {
				sc = a.newScope()
			}
			name := ""
			if len(keys) > 0 {
				name = keys[len(keys)-1]
			}
			g = &group{name: name, path: table, sub: map[string]*group{}}
			a.groups = append(a.groups, g)
		case unstable.KeyValue:
			c.keyValue(e, table, sc, g, true)
		}
	}
	if err := p.Error(); err != nil {
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
	return nil
}

// tomlKeys returns the key parts of a table header or key-value.
func tomlKeys(n *unstable.Node) []string {
	var ks []string
	it := n.Key()
	for it.Next() {
		ks = append(ks, string(it.Node().Data))
	}
	return ks
}

// off returns the file offset of a parser range.
func (c *tomlCtx) off(r unstable.Range) int { return c.base + int(r.Offset) }

// keyValue handles key = value inside table; top says it is a line of its own (not inside an
// inline table), so that it can be removed as a line.
func (c *tomlCtx) keyValue(e *unstable.Node, table string, sc *scope, g *group, top bool) {
	keys := tomlKeys(e)
	if len(keys) == 0 {
		return
	}
	key := keys[len(keys)-1]
	p := joinPath(table, strings.Join(keys, "."))
	v := e.Value()
	it := e.Key()
	keyStart := -1
	if it.Next() {
		keyStart = c.off(it.Node().Raw)
	}
	switch v.Kind {
	case unstable.String, unstable.Integer, unstable.Bool, unstable.Float:
		val := c.scalar(v)
		en := &entry{key: key, path: p, val: val, sc: sc, shell: shellKeys[strings.ToLower(key)]}
		en.pair = rules.Span{Start: max(keyStart, 0), End: val.full().End}
		if en.pair.Start > en.pair.End {
			en.pair.Start = en.pair.End
		}
		if top && keyStart >= 0 && v.Kind == unstable.String {
			en.remove = c.lineOf(keyStart, c.off(v.Raw)+int(v.Raw.Length))
		}
		if len(keys) == 1 {
			g.entries = append(g.entries, en)
		}
		c.a.addEntry(en)
	case unstable.Array:
		c.array(v, p, key, sc)
	case unstable.InlineTable:
		sub := &group{name: key, path: p, sub: map[string]*group{}}
		g.sub[strings.ToLower(key)] = sub
		c.a.groups = append(c.a.groups, sub)
		if envKeys[strings.ToLower(key)] {
			sc = c.a.newScope()
		}
		ci := v.Children()
		for ci.Next() {
			if kv := ci.Node(); kv.Kind == unstable.KeyValue {
				c.keyValue(kv, p, sc, sub, false)
			}
		}
	}
}

// array handles the elements of an array value, nested arrays and inline tables included, with
// an explicit stack.
func (c *tomlCtx) array(v *unstable.Node, p, key string, sc *scope) {
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
				en := &entry{key: key, path: p, val: val, sc: sc, shell: shellKeys[strings.ToLower(key)]}
				if m := envItem.FindStringIndex(val.s); m != nil && !en.shell {
					name := val.s[:m[1]-1]
					if envNames[name] || envKeys[strings.ToLower(key)] {
						en = &entry{key: name, path: joinPath(p, name), val: val.sub(m[1], len(val.s)), pair: val.full(), sc: sc}
					}
				}
				c.a.addEntry(en)
			case unstable.Array:
				stack = append(stack, el)
			case unstable.InlineTable:
				sub := &group{name: key, path: p, sub: map[string]*group{}}
				c.a.groups = append(c.a.groups, sub)
				kc := el.Children()
				for kc.Next() {
					if kv := kc.Node(); kv.Kind == unstable.KeyValue {
						c.keyValue(kv, p, sc, sub, false)
					}
				}
			}
		}
	}
}

// scalar maps a string (or other scalar) node into the file.
func (c *tomlCtx) scalar(n *unstable.Node) value {
	start := c.off(n.Raw)
	end := start + int(n.Raw.Length)
	if start < 0 || end > len(c.s) || start > end {
		return value{s: string(n.Data), m: approx(0, 0, len(n.Data))}
	}
	raw := c.s[start:end]
	want := string(n.Data)
	if n.Kind != unstable.String {
		return value{s: raw, m: identity(start, len(raw))}
	}
	val, m, dec, ok := decodeTOMLString(raw, start)
	if !ok || val != want {
		return value{s: want, m: approx(start, end, len(want))}
	}
	return newToken(raw, start, val, m, dec)
}

// decodeTOMLString decodes any of TOML's four string forms.
func decodeTOMLString(raw string, base int) (string, *mapping, func(string) (string, bool), bool) {
	switch {
	case strings.HasPrefix(raw, `"""`):
		v, m, ok := decodeTOMLMulti(raw, base, '"')
		return v, m, func(r string) (string, bool) { d, _, ok := decodeTOMLMulti(r, 0, '"'); return d, ok }, ok
	case strings.HasPrefix(raw, `'''`):
		v, m, ok := decodeTOMLMulti(raw, base, '\'')
		return v, m, func(r string) (string, bool) { d, _, ok := decodeTOMLMulti(r, 0, '\''); return d, ok }, ok
	case strings.HasPrefix(raw, `"`):
		v, m, ok := decodeQuoted(raw, base, '"', tomlEscapes, false)
		return v, m, func(r string) (string, bool) { d, _, ok := decodeQuoted(r, 0, '"', tomlEscapes, false); return d, ok }, ok
	case strings.HasPrefix(raw, `'`):
		v, m, ok := literalQuoted(raw, base, '\'', false)
		return v, m, func(r string) (string, bool) { d, _, ok := literalQuoted(r, 0, '\'', false); return d, ok }, ok
	}
	return "", nil, nil, false
}

// decodeTOMLMulti decodes a multi-line string ("""...""" or ”'...”'): a newline right after
// the opening quotes is dropped; in basic strings a backslash at the end of a line drops the
// line break and the white space after it.
func decodeTOMLMulti(raw string, base int, q byte) (string, *mapping, bool) {
	if len(raw) < 6 || raw[:3] != strings.Repeat(string(q), 3) || raw[len(raw)-3:] != raw[:3] {
		return "", nil, false
	}
	var b builder
	k, end := 3, len(raw)-3
	if strings.HasPrefix(raw[k:], "\r\n") {
		k += 2
	} else if strings.HasPrefix(raw[k:], "\n") {
		k++
	}
	for k < end {
		ch := raw[k]
		if q == '"' && ch == '\\' {
			j := k + 1
			for j < end && (raw[j] == ' ' || raw[j] == '\t') {
				j++
			}
			if j < end && (raw[j] == '\n' || raw[j] == '\r') {
				for j < end && strings.IndexByte(" \t\r\n", raw[j]) >= 0 {
					j++
				}
				b.esc("", base+k, base+j)
				k = j
				continue
			}
			text, w, ok := tomlEscapes(raw[:end], k)
			if !ok {
				return "", nil, false
			}
			b.esc(text, base+k, base+k+w)
			k += w
			continue
		}
		b.lit(ch, base+k)
		k++
	}
	s, m := b.done(base + end)
	if len(s) == 0 {
		m = identity(base+end, 0)
	}
	return s, m, true
}

// lineOf returns the span of the line holding a key = value from keyStart to valueEnd, when
// nothing else is on it, or nil.
func (c *tomlCtx) lineOf(keyStart, valueEnd int) *rules.Span {
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
