package config

import (
	"strings"

	"github.com/pgtlslint/pgtlslint/analyzers/config/doc"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/conninfo"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// A value that is one reference to a variable ($NAME, ${NAME}) reads what the file set that
// variable to before it: a shell script's own assignments, an env file's earlier lines, a
// Dockerfile's ENV. A reference with a default (${NAME:-disable}) to a variable the file does
// not set reads its default. So a weak mode kept in a variable is reported on its literal,
// where the fix goes.

// maxRefs bounds a chain of references (A=$B, B=$C, ...).
const maxRefs = 8

// refName returns the variable a value names when it is exactly one reference: $NAME, ${NAME}
// or ${NAME} with a default (${NAME:-x}, ${NAME-x}, ${NAME:=x}, Spring's ${NAME:x}).
func refName(s string) (string, bool) {
	if strings.HasPrefix(s, "${") && strings.HasSuffix(s, "}") {
		body := s[2 : len(s)-1]
		n := nameLen(body)
		rest := body[n:]
		if n == 0 || strings.HasPrefix(rest, ":+") || strings.HasPrefix(rest, ":?") {
			return "", false
		}
		if rest == "" || strings.IndexByte("-=:", rest[0]) >= 0 {
			return body[:n], true
		}
		return "", false
	}
	if len(s) > 1 && s[0] == '$' && nameLen(s[1:]) == len(s)-1 {
		return s[1:], true
	}
	return "", false
}

// nameLen is the length of the variable name at the start of s.
func nameLen(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '_' && (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') && (i == 0 || c < '0' || c > '9') {
			return i
		}
	}
	return len(s)
}

// deref returns what v reads when it is one reference, at file offset at in scope sc: the
// value the variable is set to before, or the reference's default. set is the entry that set
// it, nil for a default; ok is false when v reads nothing known.
func deref(v doc.Value, sc *doc.Scope, at int) (out doc.Value, set *doc.Entry, ok bool) {
	for range maxRefs {
		if name, isRef := refName(v.Text); isRef && v.Expands(0) {
			if e := sc.Assignment(name, at); e != nil {
				v, set, at, ok = e.Val, e, e.Pair.Start, true
				continue
			}
		}
		fb, has := doc.Fallback(v)
		if !has || !v.Expands(0) {
			break
		}
		v, set, ok = fb, nil, true
	}
	return v, set, ok
}

// grown reports whether a variable setting is appended to or rebuilt from itself later
// (URL="$URL?sslmode=$MODE"): the value it sets may reach its use with more parameters.
func (a *analysis) grown(e *doc.Entry) bool {
	if !e.Var || e.Scope == nil {
		return false
	}
	return a.lastSelfRef(e.Scope, e.Key) > e.Pair.Start
}

// lastSelfRef returns where the last setting of name in sc that refers to name itself starts,
// or -1; it is worked out once per name, so that a file of many settings stays linear.
func (a *analysis) lastSelfRef(sc *doc.Scope, name string) int {
	byName := a.selfRefs[sc]
	if byName == nil {
		byName = map[string]int{}
		a.selfRefs[sc] = byName
	}
	if at, ok := byName[name]; ok {
		return at
	}
	at := -1
	for _, e := range sc.Assignments(name) {
		if refersTo(e.Val, name) {
			at = e.Pair.Start
		}
	}
	byName[name] = at
	return at
}

// refersTo reports whether v expands the variable name somewhere ($NAME, ${NAME...}).
func refersTo(v doc.Value, name string) bool {
	s := v.Text
	for i := strings.IndexByte(s, '$'); i >= 0 && i+1 < len(s); {
		rest := strings.TrimPrefix(s[i+1:], "{")
		if v.Expands(i) && strings.HasPrefix(rest, name) && nameLen(rest) == len(name) {
			return true
		}
		j := strings.IndexByte(s[i+1:], '$')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return false
}

// derefParams makes the params and hosts of t, a connection string found as v in scope sc,
// read the variables their values refer to. A password is left as written (the assignment
// that holds it is checked as a setting of its own), but the value it reads is a secret of the
// target: findings now sit on the assignments beside it (PW=...; MODE=disable), and their
// lines are printed. The fix of a param read from a variable edits the variable's value.
func derefParams(t *rules.Target, v doc.Value, sc *doc.Scope) {
	refs := map[string]doc.Value{}
	for i := range t.Params {
		p := &t.Params[i]
		if !p.Dynamic {
			continue
		}
		rv, set, ok := derefSpan(v, p.Val, sc)
		if !ok {
			continue
		}
		if conninfo.IsSecret(p.Name) {
			t.Secrets = append(t.Secrets, rv.Full())
			continue
		}
		p.Value, p.Dynamic, p.Val = rv.Text, rules.IsDynamic(rv.Text), rv.Full()
		if set != nil {
			p.Pair = set.Pair
		}
		refs[p.Written] = rv
	}
	var hosts []rules.Host
	for _, h := range t.Hosts {
		if h.Dynamic {
			if rv, _, ok := derefSpan(v, h.Span, sc); ok {
				hosts = append(hosts, hostList(rv)...)
				continue
			}
		}
		hosts = append(hosts, h)
	}
	t.Hosts = hosts
	if len(refs) > 0 {
		t.Editor = &refEditor{inner: t.Editor, refs: refs}
	}
}

// derefSpan is deref for the bytes of v at file span sp.
func derefSpan(v doc.Value, sp rules.Span, sc *doc.Scope) (doc.Value, *doc.Entry, bool) {
	i, ok1 := v.Map.Inv(sp.Start)
	j, ok2 := v.Map.Inv(sp.End)
	if !ok1 || !ok2 || i >= j || j > len(v.Text) {
		return doc.Value{}, nil, false
	}
	return deref(v.Sub(i, j), sc, sp.Start)
}

// refEditor edits the settings read from variables in the variables' values, and the others
// through the connection string's editor. A setting read from a variable cannot be removed
// from the string: then no edit is made.
type refEditor struct {
	inner rules.Editor
	refs  map[string]doc.Value
}

// Apply implements rules.Editor.
func (e *refEditor) Apply(ops []drivers.Op) ([]rules.Edit, bool) {
	var rest []drivers.Op
	var out []rules.Edit
	for _, op := range ops {
		rv, ok := e.refs[op.Key]
		if !ok {
			rest = append(rest, op)
			continue
		}
		if op.Remove {
			return nil, false
		}
		ed, ok := rv.Replace(op.Value)
		if !ok {
			return nil, false
		}
		out = append(out, ed)
	}
	if len(rest) == 0 {
		return out, true
	}
	if e.inner == nil {
		return nil, false
	}
	edits, ok := e.inner.Apply(rest)
	if !ok {
		return nil, false
	}
	return append(out, edits...), true
}
