package text

import (
	"strings"

	"github.com/pgtlslint/pgtlslint/analyzers/config/doc"
	"github.com/pgtlslint/pgtlslint/model/srcmap"
	"github.com/pgtlslint/pgtlslint/rules"
)

// Markup reports whether a path is a markup file, where text is entity-escaped.
func Markup(p string) bool {
	l := strings.ToLower(p)
	for _, ext := range []string{".xml", ".config", ".xaml", ".plist", ".jsp", ".html", ".htm", ".csproj", ".props", ".targets"} {
		if strings.HasSuffix(l, ext) {
			return true
		}
	}
	return false
}

// Value returns decoded [i, j) of v as a value whose edits can be checked. Inside a value of a
// known format the format's token checks them; in plain text the found string becomes a token
// of its own that accepts only edits made of inert characters. In markup the XML entities are
// decoded first (jdbc:...?ssl=true&amp;sslmode=require).
func Value(v doc.Value, i, j int, markup bool) doc.Value {
	sv := v.Sub(i, j)
	if v.Tok != nil {
		return sv
	}
	if strings.Contains(sv.Text, "&") && (markup || strings.Contains(sv.Text, "&amp;")) {
		val, m, ok := decodeEntities(sv.Text, sv.Map.At(0))
		if ok {
			out := doc.NewToken(sv.Text, sv.Map.At(0), val, m, func(raw string) (string, bool) {
				d, _, ok := decodeEntities(raw, 0)
				return d, ok
			})
			out.Tok.Safe = doc.SafeXMLText
			return out
		}
	}
	out := doc.NewToken(sv.Text, sv.Map.At(0), sv.Text, sv.Map, doc.IdentityDecode)
	out.Tok.Safe = doc.SafeText
	if markup {
		out.Tok.Safe = doc.SafeXMLText
	}
	return out
}

// xmlEntities are the entities markup files use in attribute values.
var xmlEntities = map[string]string{"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&apos;": "'"}

// decodeEntities decodes the five XML entities of s, which starts at file offset base.
func decodeEntities(s string, base int) (string, *srcmap.Map, bool) {
	var b srcmap.Builder
	for k := 0; k < len(s); {
		if s[k] != '&' {
			b.Lit(s[k], base+k)
			k++
			continue
		}
		w := entityAt(s[k:])
		if w == 0 {
			return "", nil, false
		}
		b.Esc(xmlEntities[s[k:k+w]], base+k, base+k+w)
		k += w
	}
	val, m := b.Done(base + len(s))
	return val, m, true
}

// entityAt returns the length of the entity s starts with, or 0.
func entityAt(s string) int {
	for ent := range xmlEntities {
		if strings.HasPrefix(s, ent) {
			return len(ent)
		}
	}
	return 0
}

// Assignment reads the NAME=VALUE found in text at decoded [i, eq) of v (eq is after '='): the
// variable setting, with the span that removes it from the middle of a command. It fails for a
// quoted value that does not end on its line.
func Assignment(v doc.Value, name string, i, eq int, markup bool) (*doc.Var, bool) {
	vb, ve, after, ok := assignedValue(v.Text, eq)
	if !ok {
		return nil, false
	}
	val := Value(v, vb, ve, markup)
	if v.Tok == nil {
		// Value made a token of the value alone: setting it to a new value is safe.
		val.Tok.Safe = doc.SafeText
	}
	ev := &doc.Var{Name: name, Val: val, Pair: v.Span(i, after)}
	ev.Remove = removal(v, i, after)
	return ev, true
}

// assignedValue returns the value after '=' at s[eq]: its decoded range and where the
// assignment ends.
func assignedValue(s string, eq int) (vb, ve, after int, ok bool) {
	if eq < len(s) && (s[eq] == '"' || s[eq] == '\'') {
		q := s[eq]
		k := strings.IndexByte(s[eq+1:min(len(s), eq+1+doc.MaxScan)], q)
		if k < 0 || strings.ContainsAny(s[eq+1:eq+1+k], "\\\n") {
			return 0, 0, 0, false
		}
		return eq + 1, eq + 1 + k, eq + 2 + k, true
	}
	ve = eq
	for ve < len(s) && !strings.ContainsRune(" \t\r\n;&|)\"'`,<>\\", rune(s[ve])) {
		ve++
	}
	return eq, ve, ve, true
}

// removal returns the span that removes "NAME=VALUE " at [i, after) from the middle of a command
// ("NODE_TLS_REJECT_UNAUTHORIZED=0 node app.js"), or nil. The last word of a line is never
// removed: that may leave "export" or "set" alone.
func removal(v doc.Value, i, after int) *rules.Span {
	s := v.Text
	if i != 0 && s[i-1] != ' ' && s[i-1] != '\t' {
		return nil
	}
	k := after
	for k < len(s) && (s[k] == ' ' || s[k] == '\t') {
		k++
	}
	if k <= after || k >= len(s) || s[k] == '\n' || s[k] == '\r' || s[k] == '#' {
		return nil
	}
	sp := v.Span(i, k)
	e := rules.Edit{Start: sp.Start, End: sp.End}
	if (v.Tok == nil || v.Tok.Check([]rules.Edit{e})) && v.Map.Exact() {
		return &sp
	}
	return nil
}
