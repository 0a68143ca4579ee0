package report

import (
	"bytes"
	"unicode/utf8"

	"github.com/pgtlslint/pgtlslint/rules"
)

// SafeEdit is a fix edit prepared for output.
type SafeEdit struct {
	rules.Edit
	// Redacted is set when NewText had to be changed to keep a secret out of the output: the
	// edit then no longer produces working code and must not be applied.
	Redacted bool
}

// SafeEdits returns the finding's fix edits in a form that never carries a secret. Edits are
// exact byte replacements that normally leave a password alone; when one does cover a secret
// span of the finding's file (an editor that rewrote a whole connection string), it is first
// narrowed to the bytes it really changes (common prefix and suffix dropped, on UTF-8
// boundaries), which is the same change and usually clears the secret. If it still covers a
// secret, every occurrence of the secret's value in NewText is replaced by Mask, or, when the
// file cannot be read, NewText becomes Mask, and the edit is marked Redacted. An edit with an
// empty Path applies to the finding's file and is returned with that path.
func SafeEdits(f rules.Finding, src Source) []SafeEdit {
	if f.Fix == nil || len(f.Fix.Edits) == 0 {
		return nil
	}
	out := make([]SafeEdit, 0, len(f.Fix.Edits))
	for _, e := range f.Fix.Edits {
		if e.Path == "" {
			e.Path = f.Path
		}
		if e.Path != f.Path || !touchesSecret(e, f.Secrets) {
			out = append(out, SafeEdit{Edit: e})
			continue
		}
		content, ok := src.Read(f.Path)
		if !ok {
			e.NewText = Mask
			out = append(out, SafeEdit{Edit: e, Redacted: true})
			continue
		}
		e = narrowEdit(content, e)
		if !touchesSecret(e, f.Secrets) {
			out = append(out, SafeEdit{Edit: e})
			continue
		}
		text, changed := maskValues(e.NewText, secretValues(content, f.Secrets))
		e.NewText = text
		out = append(out, SafeEdit{Edit: e, Redacted: changed})
	}
	return out
}

// touchesSecret reports whether e replaces secret bytes or inserts inside a secret.
func touchesSecret(e rules.Edit, secrets []rules.Span) bool {
	for _, s := range secrets {
		if s.End <= s.Start {
			continue
		}
		if e.Start == e.End {
			if e.Start > s.Start && e.Start < s.End {
				return true
			}
			continue
		}
		if e.Start < s.End && s.Start < e.End {
			return true
		}
	}
	return false
}

// narrowEdit drops the bytes at the start and end of e that it would replace with themselves.
// The result makes the same change to content.
func narrowEdit(content []byte, e rules.Edit) rules.Edit {
	sp := clampSpan(rules.Span{Start: e.Start, End: e.End}, len(content))
	if sp.Start != e.Start || sp.End != e.End {
		return e // out of range: leave it as it is
	}
	old, repl := content[e.Start:e.End], []byte(e.NewText)
	p := 0
	for p < len(old) && p < len(repl) && old[p] == repl[p] {
		p++
	}
	for p > 0 && (!boundary(old, p) || !boundary(repl, p)) {
		p--
	}
	q := 0
	for q < len(old)-p && q < len(repl)-p && old[len(old)-1-q] == repl[len(repl)-1-q] {
		q++
	}
	for q > 0 && (!boundary(old, len(old)-q) || !boundary(repl, len(repl)-q)) {
		q--
	}
	e.Start += p
	e.End -= q
	e.NewText = string(repl[p : len(repl)-q])
	return e
}

// boundary reports whether i is at the start of a rune of b (or at its end).
func boundary(b []byte, i int) bool {
	return i >= len(b) || utf8.RuneStart(b[i])
}

// maskValues replaces every occurrence of each value in s by Mask.
func maskValues(s string, values [][]byte) (string, bool) {
	b := []byte(s)
	changed := false
	for _, v := range values {
		if bytes.Contains(b, v) {
			b = bytes.ReplaceAll(b, v, []byte(Mask))
			changed = true
		}
	}
	return string(b), changed
}
