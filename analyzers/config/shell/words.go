package shell

import (
	"strings"
	"unicode/utf8"

	"github.com/pgtlslint/pgtlslint/analyzers/config/doc"
	"github.com/pgtlslint/pgtlslint/model/srcmap"
	"github.com/pgtlslint/pgtlslint/rules"
)

// word is one word of a command.
type word struct {
	b, e  int       // range of the raw word in the script's text
	val   doc.Value // after quote removal
	plain bool      // has unquoted parts
}

// wordScan is the result of scanning one word.
type wordScan struct {
	text  string
	m     *srcmap.Map
	end   int
	plain bool
	quote bool
	// quoted marks the decoded bytes that were inside quotes, literal those the shell reads
	// as written (single quotes, backslash escapes): a '$' there is no expansion.
	quoted, literal []bool
}

// scanner is the state of scanWord.
type scanner struct {
	s        string
	at       func(int) int
	b        srcmap.Builder
	ws       wordScan
	inQuotes bool
	inSingle bool
}

func (w *scanner) lit(k int) {
	w.b.Lit(w.s[k], w.at(k))
	w.ws.quoted = append(w.ws.quoted, w.inQuotes)
	w.ws.literal = append(w.ws.literal, w.inSingle)
}

// escaped appends text the shell reads as written from the raw bytes [k, e).
func (w *scanner) escaped(text string, k, e int, quoted bool) {
	w.b.Esc(text, w.at(k), w.at(e))
	for range len(text) {
		w.ws.quoted = append(w.ws.quoted, quoted)
		w.ws.literal = append(w.ws.literal, true)
	}
}

// drop drops the raw bytes [k, k+n): a quote, a line continuation.
func (w *scanner) drop(k, n int) { w.b.Esc("", w.at(k), w.at(k+n)) }

// verbatim keeps the raw bytes [k, e) as they are and returns e.
func (w *scanner) verbatim(k, e int) int {
	for j := k; j < e; j++ {
		w.lit(j)
	}
	return e
}

// endsWord reports whether an unquoted c ends a word.
func endsWord(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || strings.IndexByte(";&|()<>", c) >= 0
}

// scanWord scans the shell word starting at s[i]. at maps indices of s to file offsets (nil:
// the identity); the mapping of the result goes through it.
func scanWord(s string, i int, at func(int) int) wordScan {
	if at == nil {
		at = func(k int) int { return k }
	}
	w := &scanner{s: s, at: at}
	k := i
	for k < len(s) && !endsWord(s[k]) {
		k = w.part(k)
	}
	w.ws.text, w.ws.m = w.b.DoneAt(at(k), at(k))
	w.ws.end = k
	return w.ws
}

// part scans the part of a word that starts at s[k] and returns where the next one starts.
func (w *scanner) part(k int) int {
	s := w.s
	switch c := s[k]; {
	case c == '\'':
		return w.single(k)
	case c == '"':
		return w.double(k)
	case c == '\\':
		w.ws.plain = true
		return w.backslash(k)
	case c == '$' && substAt(s, k):
		w.ws.plain = true
		return w.verbatim(k, skipSubst(s, k+1))
	case c == '`':
		w.ws.plain = true
		e := strings.IndexByte(s[k+1:], '`')
		if e < 0 {
			e = len(s) - k - 1
		}
		return w.verbatim(k, min(len(s), k+e+2))
	}
	w.ws.plain = true
	w.lit(k)
	return k + 1
}

// substAt reports whether the '$' at s[k] starts $(...) or ${...}.
func substAt(s string, k int) bool {
	return k+1 < len(s) && (s[k+1] == '(' || s[k+1] == '{')
}

// single scans '...': literal text.
func (w *scanner) single(k int) int {
	s := w.s
	w.ws.quote = true
	end := strings.IndexByte(s[k+1:], '\'')
	if end < 0 {
		end = len(s) - k - 1
	}
	w.drop(k, 1)
	w.inQuotes, w.inSingle = true, true
	w.verbatim(k+1, k+1+end)
	w.inSingle = false
	return w.endQuote(k + end + 1)
}

// endQuote ends a quoted part at s[k]: it drops the closing quote, when there is one, and
// returns the index after it.
func (w *scanner) endQuote(k int) int {
	w.inQuotes = false
	if k < len(w.s) {
		w.drop(k, 1)
		k++
	}
	return k
}

// double scans "...": a backslash escapes $ ` " \ and the line break; substitutions stay.
func (w *scanner) double(k int) int {
	s := w.s
	w.ws.quote = true
	w.drop(k, 1)
	k++
	w.inQuotes = true
	for k < len(s) && s[k] != '"' {
		k = w.inDouble(k)
	}
	return w.endQuote(k)
}

func (w *scanner) inDouble(k int) int {
	s := w.s
	switch {
	case s[k] == '\\' && k+1 < len(s) && strings.IndexByte("$`\"\\", s[k+1]) >= 0:
		w.escaped(s[k+1:k+2], k, k+2, true)
		return k + 2
	case s[k] == '\\' && k+1 < len(s) && s[k+1] == '\n':
		w.drop(k, 2)
		return k + 2
	case s[k] == '$' && substAt(s, k):
		return w.verbatim(k, skipSubst(s, k+1))
	}
	w.lit(k)
	return k + 1
}

// backslash scans an unquoted backslash: it escapes the next character, or drops a line break.
func (w *scanner) backslash(k int) int {
	s := w.s
	if k+1 >= len(s) {
		w.drop(k, 1)
		return k + 1
	}
	if s[k+1] == '\n' {
		w.drop(k, 2)
		return k + 2
	}
	_, n := utf8.DecodeRuneInString(s[k+1:])
	w.escaped(s[k+1:k+1+n], k, k+1+n, false)
	return k + 1 + n
}

// skipSubst returns the index after the $(...) or ${...} whose bracket is at s[open], counting
// nested brackets outside quotes.
func skipSubst(s string, open int) int {
	o, c := s[open], byte(')')
	if o == '{' {
		c = '}'
	}
	depth := 0
	for k := open; k < len(s); k++ {
		switch s[k] {
		case '\\':
			k++
		case '\'':
			if o == '(' {
				if e := strings.IndexByte(s[k+1:], '\''); e >= 0 {
					k += e + 1
				}
			}
		case o:
			depth++
		case c:
			depth--
			if depth == 0 {
				return k + 1
			}
		}
	}
	return len(s)
}

// shellWord scans the word at v.Text[i] and maps it into the file. Edits of the word are
// checked by its own decoding (or the enclosing format's) and must not bring in characters
// that the shell reads specially where they go.
func shellWord(v doc.Value, i int) word {
	ws := scanWord(v.Text, i, v.Map.At)
	if !v.Map.Verbatim() && (!v.Map.Exact() || v.Tok == nil) {
		// The script's own offsets are not exact, or are exact only through a token
		// that could check the edits.
		ws.m = ws.m.Inexact()
	}
	tok := &doc.Token{Val: ws.text, Map: ws.m, SafeAt: safeAt(ws.m, ws.quoted, len(ws.text))}
	if v.Tok != nil {
		tok.Outer = v.Tok
	} else {
		tok.Raw, tok.Start = v.Text[i:ws.end], v.Map.At(i)
		tok.Decode = func(r string) (string, bool) {
			w := scanWord(r, 0, nil)
			return w.text, w.end == len(r)
		}
	}
	val := doc.Value{Text: ws.text, Map: ws.m, Tok: tok}.WithLiteral(ws.literal)
	return word{b: i, e: ws.end, val: val, plain: ws.plain}
}

// safeAt returns the check of a word's edits: text inserted or replaced wholly inside quotes
// need only be safe there. quoted marks the word's n decoded bytes that are in quotes.
func safeAt(m *srcmap.Map, quoted []bool, n int) func(e rules.Edit) bool {
	return func(e rules.Edit) bool {
		i, ok1 := m.Inv(e.Start)
		j, ok2 := m.Inv(e.End)
		if !ok1 || !ok2 || len(quoted) != n {
			return false
		}
		// An insertion lands where decoded byte i starts (inside its quotes, if any), or at
		// the end of the word, before a closing quote.
		in := len(quoted) > 0
		if i == j {
			if i < len(quoted) {
				in = quoted[i]
			} else {
				in = in && quoted[len(quoted)-1]
			}
		}
		for k := i; k < j; k++ {
			in = in && quoted[k]
		}
		if in {
			return SafeQuoted(e.NewText)
		}
		return SafePlain(e.NewText)
	}
}

// SafePlain accepts text that an unquoted shell word reads literally.
func SafePlain(t string) bool {
	return !strings.ContainsAny(t, " \t\n\r;&|<>()$`\\\"'*?[]#~{}!")
}

// SafeQuoted accepts text that reads literally inside single or double quotes.
func SafeQuoted(t string) bool {
	return !strings.ContainsAny(t, "\n\r$`\\\"'!")
}

// Words splits a value into words as the shell does (pg_ctl -o "-c ssl=off"); the words map
// into the file through v, so their edits are checked by v's syntax too.
func Words(v doc.Value) []doc.Value {
	var out []doc.Value
	for i := 0; i < len(v.Text); {
		switch v.Text[i] {
		case ' ', '\t', '\n', '\r':
			i++
			continue
		}
		w := shellWord(v, i)
		if w.e <= i {
			i++ // an operator: not part of any word
			continue
		}
		out = append(out, w.val)
		i = w.e
	}
	return out
}
