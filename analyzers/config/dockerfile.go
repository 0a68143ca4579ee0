package config

import (
	"strings"
	"unicode/utf8"

	"github.com/pgtlslint/pgtlslint/rules"
)

// Dockerfiles: ENV and ARG set variables for the image (ENV k=v k2="v 2", the older ENV k v,
// ARG k=v); RUN, CMD and ENTRYPOINT in shell form are shell (see analyzeShell), in exec form
// ["..."] text. A line ending in the escape character (\, or ` after "# escape=`") continues
// the instruction; comment lines inside an instruction are dropped, as Docker drops them.

// dockerInstr is one instruction: its keyword and the range of its arguments.
type dockerInstr struct {
	cmd        string
	start      int // start of the instruction's first line
	args, end  int // arguments start; end of the last line (before its line break)
	next       int // start of the line after the instruction
	hasComment bool
}

// parseDockerfile extracts the settings of a Dockerfile.
func (a *analysis) parseDockerfile(content []byte, base int) {
	s := string(content)
	esc := byte('\\')
	// Parser directives: "# escape=`" among the comment lines at the very top.
	for p := base; p < len(s); {
		le := strings.IndexByte(s[p:], '\n')
		if le < 0 {
			le = len(s)
		} else {
			le += p
		}
		line := strings.TrimSpace(s[p:le])
		if !strings.HasPrefix(line, "#") {
			break
		}
		d := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(line[1:]), " ", ""))
		if d == "escape=`" {
			esc = '`'
		}
		p = le + 1
	}
	var st dockerStage
	stages := map[string]bool{}
	for _, in := range dockerInstrs(s, base, esc) {
		body := s[in.args:in.end]
		switch in.cmd {
		case "FROM":
			a.endStage(st)
			st = fromStage(body, stages)
		case "ENV", "ARG":
			a.dockerfileEnv(s, in, esc)
		case "RUN", "CMD", "ENTRYPOINT", "HEALTHCHECK":
			// The exec form is the container's argv (the last CMD and ENTRYPOINT of a
			// stage count); the shell form is read by the shell analysis below.
			if in.cmd == "CMD" || in.cmd == "ENTRYPOINT" {
				argv, _ := execForm(s, in.args, in.end, esc)
				if in.cmd == "CMD" {
					st.cmd = argv
				} else {
					st.ep, st.epSet = argv, true
				}
			}
			v := value{s: body, m: identity(in.args, len(body))}
			if strings.HasPrefix(strings.TrimSpace(body), "[") || esc != '\\' {
				a.searchText(v, a.fileScope, nil)
			} else {
				a.analyzeShell(v, a.fileScope)
			}
		}
	}
	a.endStage(st)
}

// dockerInstrs splits a Dockerfile into instructions.
func dockerInstrs(s string, base int, esc byte) []dockerInstr {
	var out []dockerInstr
	for p := base; p < len(s); {
		le := lineEndAt(s, p)
		line := strings.TrimSpace(s[p:le])
		if line == "" || strings.HasPrefix(line, "#") {
			p = nextLineAt(s, le)
			continue
		}
		in := dockerInstr{start: p}
		k := p
		for k < le && (s[k] == ' ' || s[k] == '\t') {
			k++
		}
		ks := k
		for k < le && s[k] != ' ' && s[k] != '\t' {
			k++
		}
		in.cmd = strings.ToUpper(s[ks:k])
		for k < le && (s[k] == ' ' || s[k] == '\t') {
			k++
		}
		in.args = k
		// Continue while the line ends with the escape character.
		end := le
		for continues(s, p, end, esc) {
			q := nextLineAt(s, end)
			if q >= len(s) {
				break
			}
			// Comment and empty lines inside the instruction are skipped.
			for q < len(s) {
				ql := lineEndAt(s, q)
				t := strings.TrimSpace(s[q:ql])
				if t != "" && !strings.HasPrefix(t, "#") {
					break
				}
				if strings.HasPrefix(t, "#") {
					in.hasComment = true
				}
				q = nextLineAt(s, ql)
			}
			if q >= len(s) {
				break
			}
			p = q
			end = lineEndAt(s, q)
		}
		in.end = end
		for in.end > in.args && (s[in.end-1] == '\r' || s[in.end-1] == ' ' || s[in.end-1] == '\t') {
			in.end--
		}
		in.next = nextLineAt(s, end)
		out = append(out, in)
		p = in.next
	}
	return out
}

// continues reports whether the line [ls, le) ends with the escape character.
func continues(s string, ls, le int, esc byte) bool {
	t := strings.TrimRight(s[ls:le], " \t\r")
	return strings.HasSuffix(t, string(esc)) && !strings.HasPrefix(strings.TrimSpace(t), "#")
}

func lineEndAt(s string, p int) int {
	if e := strings.IndexByte(s[p:], '\n'); e >= 0 {
		return p + e
	}
	return len(s)
}

func nextLineAt(s string, le int) int {
	if le < len(s) {
		return le + 1
	}
	return len(s)
}

// dockerPair is one NAME=value of ENV or ARG.
type dockerPair struct {
	b, e int // the raw pair
	name string
	val  value
}

// dockerfileEnv reads the variables of an ENV or ARG instruction.
func (a *analysis) dockerfileEnv(s string, in dockerInstr, esc byte) {
	var pairs []dockerPair
	legacy := false
	for k := in.args; k < in.end; {
		c := s[k]
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			k++
			continue
		}
		if c == esc && k+1 < len(s) && (s[k+1] == '\n' || s[k+1] == '\r') {
			k++
			continue
		}
		if c == '#' && (k == 0 || s[k-1] == '\n' || strings.TrimSpace(s[strings.LastIndexByte(s[:k], '\n')+1:k]) == "") {
			// A comment line inside the instruction.
			k = lineEndAt(s, k)
			continue
		}
		raw, val, m, end := scanDockerWord(s, k, in.end, esc)
		eq := strings.IndexByte(val, '=')
		if eq <= 0 {
			if len(pairs) == 0 && in.cmd == "ENV" {
				legacy = true
				a.dockerLegacy(s, in, k, end)
			}
			if legacy || in.cmd == "ENV" {
				return
			}
			k = end
			continue
		}
		wv := newToken(raw, k, val, m, func(r string) (string, bool) {
			_, d, _, e := scanDockerWord(r, 0, len(r), esc)
			return d, e == len(r)
		})
		wv.tok.safe = shellSafeQuoted
		if !strings.ContainsAny(raw, "\"'") {
			wv.tok.safe = func(t string) bool { return !strings.ContainsAny(t, " \t\n\r\"'$\\`") }
		}
		pairs = append(pairs, dockerPair{b: k, e: end, name: val[:eq], val: wv.sub(eq+1, len(val))})
		k = end
	}
	for i, p := range pairs {
		e := &entry{key: p.name, path: p.name, val: p.val, pair: rules.Span{Start: p.b, End: p.e}, buildArg: in.cmd == "ARG"}
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
			e.remove = &rm
		}
		a.addEntry(e)
	}
}

// dockerLegacy reads ENV NAME value: the value is the rest of the instruction.
func (a *analysis) dockerLegacy(s string, in dockerInstr, k, nameEnd int) {
	name := s[k:nameEnd]
	vs := nameEnd
	for vs < in.end && (s[vs] == ' ' || s[vs] == '\t') {
		vs++
	}
	raw := s[vs:in.end]
	var v value
	if strings.ContainsAny(raw, "\"'\n\\`") {
		// Quotes and continuations in the old form: found, but not edited.
		v = value{s: raw, m: approx(vs, in.end, len(raw))}
	} else {
		v = newToken(raw, vs, raw, identity(vs, len(raw)), func(r string) (string, bool) {
			return r, !strings.ContainsAny(r, "\"'\n\\`") && strings.TrimSpace(r) == r && r != ""
		})
	}
	rm := rules.Span{Start: in.start, End: in.next}
	a.addEntry(&entry{key: name, path: name, val: v, pair: rules.Span{Start: k, End: in.end}, remove: &rm})
}

// scanDockerWord scans the word at s[k] (before limit) as Docker reads ENV and ARG words:
// double quotes (where the escape character escapes the next character), single quotes
// (literal), the escape character outside quotes, and line continuations. It returns the raw
// word, its value, the mapping of the value (offsets relative to s) and the word's end.
func scanDockerWord(s string, k, limit int, esc byte) (string, string, *mapping, int) {
	var b builder
	start := k
	for k < limit {
		c := s[k]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			raw := s[start:k]
			v, m := b.done(k)
			return raw, v, fixEmpty(m, k, v), k
		case c == esc && k+1 < limit && s[k+1] == '\n':
			b.esc("", k, k+2)
			k += 2
		case c == esc && k+1 < limit:
			_, w := utf8.DecodeRuneInString(s[k+1:])
			b.esc(s[k+1:k+1+w], k, k+1+w)
			k += 1 + w
		case c == '"' || c == '\'':
			q := c
			b.esc("", k, k+1)
			k++
			for k < limit && s[k] != q {
				if q == '"' && s[k] == esc && k+1 < limit {
					_, w := utf8.DecodeRuneInString(s[k+1:])
					b.esc(s[k+1:k+1+w], k, k+1+w)
					k += 1 + w
					continue
				}
				b.lit(s[k], k)
				k++
			}
			if k < limit {
				b.esc("", k, k+1)
				k++
			}
		default:
			b.lit(c, k)
			k++
		}
	}
	v, m := b.done(k)
	return s[start:k], v, fixEmpty(m, k, v), k
}

// fixEmpty gives an empty value an identity mapping at its end.
func fixEmpty(m *mapping, end int, v string) *mapping {
	if v == "" {
		return identity(end, 0)
	}
	return m
}
