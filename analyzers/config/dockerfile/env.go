package dockerfile

import (
	"strings"
	"unicode/utf8"

	"github.com/pgtlslint/pgtlslint/analyzers/config/doc"
	"github.com/pgtlslint/pgtlslint/analyzers/config/shell"
	"github.com/pgtlslint/pgtlslint/model/srcmap"
	"github.com/pgtlslint/pgtlslint/rules"
)

// pair is one NAME=value of ENV or ARG.
type pair struct {
	b, e int // the raw pair
	name string
	val  doc.Value
}

// env reads the variables of an ENV or ARG instruction.
func env(d *doc.Document, s string, in instr, esc byte) {
	pairs, legacy, nameEnd := envPairs(s, in, esc)
	if legacy >= 0 {
		d.Add(legacyEnv(s, in, legacy, nameEnd))
		return
	}
	for i, p := range pairs {
		// The variables are in the environment of the RUN instructions after them.
		e := &doc.Entry{Key: p.name, Path: p.name, Val: p.val, Pair: rules.Span{Start: p.b, End: p.e}, BuildArg: in.cmd == "ARG", Var: true}
		var rm rules.Span
		switch {
		case len(pairs) == 1:
			rm = rules.Span{Start: in.start, End: in.next}
		case i+1 < len(pairs):
			rm = rules.Span{Start: p.b, End: pairs[i+1].b}
		default:
			rm = rules.Span{Start: pairs[i-1].e, End: p.e}
		}
		if !in.hasComment || len(pairs) == 1 {
			e.Remove = &rm
		}
		d.Add(e)
	}
}

// envPairs scans the NAME=value words of an ENV or ARG instruction. An ENV whose first word
// is not NAME=value is the older ENV NAME value: then legacy and nameEnd are the range of the
// name (else legacy is -1). Another ENV with a word that is not a pair sets nothing; an ARG
// skips the word (ARG NAME has no value).
func envPairs(s string, in instr, esc byte) (pairs []pair, legacy, nameEnd int) {
	for k := in.args; k < in.end; {
		if n := gapAt(s, k, esc); n > 0 {
			k += n
			continue
		}
		if s[k] == '#' && commentStart(s, k) {
			k = lineEndAt(s, k) // a comment line inside the instruction
			continue
		}
		raw, val, m, end := scanWord(s, k, in.end, esc)
		eq := strings.IndexByte(val, '=')
		if eq > 0 {
			pairs = append(pairs, pair{b: k, e: end, name: val[:eq], val: wordValue(raw, k, val, m, esc).Sub(eq+1, len(val))})
			k = end
			continue
		}
		if in.cmd == "ENV" {
			if len(pairs) == 0 {
				return nil, k, end
			}
			return nil, -1, 0
		}
		k = end
	}
	return pairs, -1, 0
}

// gapAt returns the width of the blank or line continuation at s[k], or 0.
func gapAt(s string, k int, esc byte) int {
	switch c := s[k]; {
	case c == ' ' || c == '\t' || c == '\r' || c == '\n':
		return 1
	case c == esc && k+1 < len(s) && (s[k+1] == '\n' || s[k+1] == '\r'):
		return 1
	}
	return 0
}

// commentStart reports whether s[k] starts a line, after blanks.
func commentStart(s string, k int) bool {
	return k == 0 || s[k-1] == '\n' || strings.TrimSpace(s[strings.LastIndexByte(s[:k], '\n')+1:k]) == ""
}

// wordValue makes the value of a word whose edits are checked by Docker's reading of words and
// must be safe where they go: in quotes, or in a bare word.
func wordValue(raw string, k int, val string, m *srcmap.Map, esc byte) doc.Value {
	wv := doc.NewToken(raw, k, val, m, func(r string) (string, bool) {
		_, d, _, e := scanWord(r, 0, len(r), esc)
		return d, e == len(r)
	})
	wv.Tok.Safe = shell.SafeQuoted
	if !strings.ContainsAny(raw, "\"'") {
		wv.Tok.Safe = func(t string) bool { return !strings.ContainsAny(t, " \t\n\r\"'$\\`") }
	}
	return wv
}

// legacyEnv reads ENV NAME value, the name at s[k:nameEnd]: the value is the rest of the
// instruction.
func legacyEnv(s string, in instr, k, nameEnd int) *doc.Entry {
	name := s[k:nameEnd]
	vs := skipBlanks(s, nameEnd, in.end)
	raw := s[vs:in.end]
	var v doc.Value
	if strings.ContainsAny(raw, "\"'\n\\`") {
		// Quotes and continuations in the old form: found, but not edited.
		v = doc.Approx(raw, vs, in.end)
	} else {
		v = doc.NewToken(raw, vs, raw, srcmap.Identity(vs, len(raw)), func(r string) (string, bool) {
			return r, !strings.ContainsAny(r, "\"'\n\\`") && strings.TrimSpace(r) == r && r != ""
		})
	}
	rm := rules.Span{Start: in.start, End: in.next}
	return &doc.Entry{Key: name, Path: name, Val: v, Pair: rules.Span{Start: k, End: in.end}, Remove: &rm, Var: true}
}

// scanWord scans the word at s[k] (before limit) as Docker reads ENV and ARG words: double
// quotes (where the escape character escapes the next character), single quotes (literal),
// the escape character outside quotes, and line continuations. It returns the raw word, its
// value, the mapping of the value (offsets relative to s) and the word's end.
func scanWord(s string, k, limit int, esc byte) (string, string, *srcmap.Map, int) {
	var b srcmap.Builder
	start := k
	for k < limit {
		c := s[k]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			break
		}
		switch {
		case c == esc && k+1 < limit && s[k+1] == '\n':
			b.Esc("", k, k+2)
			k += 2
		case c == esc && k+1 < limit:
			k = escaped(&b, s, k)
		case c == '"' || c == '\'':
			k = quotedPart(&b, s, k, limit, esc)
		default:
			b.Lit(c, k)
			k++
		}
	}
	v, m := b.DoneAt(k, k)
	return s[start:k], v, m, k
}

// escaped decodes the character the escape character at s[k] escapes and returns the index
// after it.
func escaped(b *srcmap.Builder, s string, k int) int {
	_, w := utf8.DecodeRuneInString(s[k+1:])
	b.Esc(s[k+1:k+1+w], k, k+1+w)
	return k + 1 + w
}

// quotedPart decodes the quoted part of a word that starts at s[k] and returns the index
// after it: in double quotes the escape character escapes the next character.
func quotedPart(b *srcmap.Builder, s string, k, limit int, esc byte) int {
	q := s[k]
	b.Esc("", k, k+1)
	k++
	for k < limit && s[k] != q {
		if q == '"' && s[k] == esc && k+1 < limit {
			k = escaped(b, s, k)
			continue
		}
		b.Lit(s[k], k)
		k++
	}
	if k < limit {
		b.Esc("", k, k+1)
		k++
	}
	return k
}
