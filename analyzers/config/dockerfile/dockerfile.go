// Package dockerfile reads Dockerfiles: ENV and ARG set variables for the image (ENV k=v
// k2="v 2", the older ENV k v, ARG k=v); RUN, CMD and ENTRYPOINT in shell form are shell, in
// exec form ["..."] text; the exec-form ENTRYPOINT and CMD of a stage are its container's
// command line, which may start a server. A line ending in the escape character (\, or ` after
// "# escape=`") continues the instruction; comment lines inside an instruction are dropped, as
// Docker drops them.
package dockerfile

import (
	"strings"

	"github.com/pgtlslint/pgtlslint/analyzers/config/doc"
	"github.com/pgtlslint/pgtlslint/analyzers/config/server"
)

// instr is one instruction: its keyword and the range of its arguments.
type instr struct {
	cmd        string
	start      int // start of the instruction's first line
	args, end  int // arguments start; end of the last line (before its line break)
	next       int // start of the line after the instruction
	hasComment bool
}

// Parse extracts the settings of a Dockerfile.
func Parse(_ string, content []byte, base int) (*doc.Document, error) {
	d := doc.New()
	s := string(content)
	esc := escapeChar(s, base)
	var st stage
	stages := map[string]bool{}
	for _, in := range instructions(s, base, esc) {
		body := s[in.args:in.end]
		switch in.cmd {
		case "FROM":
			st.end(d)
			st = fromStage(body, stages)
		case "ENV", "ARG":
			env(d, s, in, esc)
		case "RUN", "CMD", "ENTRYPOINT", "HEALTHCHECK":
			// The exec form is the container's argv (the last CMD and ENTRYPOINT of a
			// stage count); the shell form is read by the shell analysis.
			if in.cmd == "CMD" || in.cmd == "ENTRYPOINT" {
				st.set(in.cmd, s, in, esc)
			}
			shell := !strings.HasPrefix(strings.TrimSpace(body), "[") && esc == '\\'
			d.Add(&doc.Script{Val: doc.Verbatim(body, in.args), Scope: d.File(), Shell: shell})
		}
	}
	st.end(d)
	return d, nil
}

// escapeChar reads the parser directive "# escape=`" among the comment lines at the very top.
func escapeChar(s string, base int) byte {
	esc := byte('\\')
	for p := base; p < len(s); {
		le := lineEndAt(s, p)
		line := strings.TrimSpace(s[p:le])
		if !strings.HasPrefix(line, "#") {
			break
		}
		if strings.ToLower(strings.ReplaceAll(strings.TrimSpace(line[1:]), " ", "")) == "escape=`" {
			esc = '`'
		}
		p = le + 1
	}
	return esc
}

// instructions splits a Dockerfile into instructions.
func instructions(s string, base int, esc byte) []instr {
	var out []instr
	for p := base; p < len(s); {
		le := lineEndAt(s, p)
		line := strings.TrimSpace(s[p:le])
		if line == "" || strings.HasPrefix(line, "#") {
			p = nextLineAt(s, le)
			continue
		}
		in := instr{start: p}
		k := skipBlanks(s, p, le)
		ks := k
		for k < le && s[k] != ' ' && s[k] != '\t' {
			k++
		}
		in.cmd = strings.ToUpper(s[ks:k])
		in.args = skipBlanks(s, k, le)
		end := in.continuation(s, p, le, esc)
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

// continuation follows the instruction whose first line is [p, le) while its lines end with the
// escape character, and returns the end of its last line. Comment and empty lines inside the
// instruction are skipped.
func (in *instr) continuation(s string, p, le int, esc byte) int {
	end := le
	for continues(s, p, end, esc) {
		q := nextLineAt(s, end)
		if q >= len(s) {
			break
		}
		q = in.skipComments(s, q)
		if q >= len(s) {
			break
		}
		p = q
		end = lineEndAt(s, q)
	}
	return end
}

// skipComments returns the start of the first line from q on that is neither empty nor a
// comment.
func (in *instr) skipComments(s string, q int) int {
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
	return q
}

func skipBlanks(s string, k, le int) int {
	for k < le && (s[k] == ' ' || s[k] == '\t') {
		k++
	}
	return k
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

// stage is what one build stage of a Dockerfile says about the container's command line.
type stage struct {
	pg    bool        // its base image is a PostgreSQL image
	ep    []doc.Value // the exec-form ENTRYPOINT
	epSet bool        // an ENTRYPOINT was given, in either form
	cmd   []doc.Value // the exec-form CMD
}

// fromStage starts the stage of a FROM instruction; stages maps the names given with AS to
// whether they are PostgreSQL images, for FROM of an earlier stage.
func fromStage(body string, stages map[string]bool) stage {
	f := strings.Fields(body)
	for len(f) > 0 && strings.HasPrefix(f[0], "--") {
		f = f[1:] // --platform=...
	}
	if len(f) == 0 {
		return stage{}
	}
	st := stage{pg: server.IsPGImage(f[0]) || stages[strings.ToLower(f[0])]}
	if len(f) >= 3 && strings.EqualFold(f[1], "as") {
		stages[strings.ToLower(f[2])] = st.pg
	}
	return st
}

// set records a CMD or ENTRYPOINT instruction.
func (st *stage) set(cmd string, s string, in instr, esc byte) {
	argv, _ := execForm(s, in.args, in.end, esc)
	if cmd == "CMD" {
		st.cmd = argv
	} else {
		st.ep, st.epSet = argv, true
	}
}

// end reads the command line a stage's container runs: ENTRYPOINT followed by CMD, or CMD alone
// under the image's entrypoint.
func (st stage) end(d *doc.Document) {
	var argv []doc.Value
	pg := false
	switch {
	case st.ep != nil:
		argv = append(append([]doc.Value(nil), st.ep...), st.cmd...)
	case !st.epSet && st.cmd != nil:
		argv, pg = st.cmd, st.pg
	default:
		return
	}
	if ss, _ := server.Argv(argv, pg); len(ss) > 0 {
		d.Add(&doc.CommandLine{Settings: ss})
	}
}

// execForm reads the JSON array of an exec-form instruction in s[b:e]. Line continuations (the
// escape character before a line break) and comment lines inside the instruction are blanks
// between its strings, as Docker removes them before it reads the JSON.
func execForm(s string, b, e int, esc byte) ([]doc.Value, bool) {
	x := execReader{s: s, b: b, e: e, esc: esc}
	i := x.skip(b)
	if i >= e || s[i] != '[' {
		return nil, false
	}
	i = x.skip(i + 1)
	if i < e && s[i] == ']' {
		return nil, x.skip(i+1) == e
	}
	var out []doc.Value
	for {
		if i >= e || s[i] != '"' {
			return nil, false
		}
		end := doc.JSONStringEnd(s[:e], i)
		if end < 0 {
			return nil, false
		}
		v, ok := doc.JSONString(s[i:end], i)
		if !ok {
			return nil, false
		}
		out = append(out, v)
		i = x.skip(end)
		switch {
		case i < e && s[i] == ',':
			i = x.skip(i + 1)
		case i < e && s[i] == ']':
			if x.skip(i+1) != e {
				return nil, false
			}
			return out, true
		default:
			return nil, false
		}
	}
}

// execReader skips what lies between the strings of an exec-form instruction in s[b:e].
type execReader struct {
	s    string
	b, e int
	esc  byte
}

// skip returns the first index from i on that is not a blank, a line continuation or a
// comment line.
func (x execReader) skip(i int) int {
	s := x.s
	for i < x.e {
		switch {
		case s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n':
			i++
		case s[i] == x.esc && i+1 < x.e && (s[i+1] == '\n' || s[i+1] == '\r'):
			i++
		case s[i] == '#' && x.commentLine(i):
			i = lineEndAt(s, i)
		default:
			return i
		}
	}
	return i
}

// commentLine reports whether the '#' at s[i] starts a comment line inside the instruction.
func (x execReader) commentLine(i int) bool {
	s := x.s
	ls := strings.LastIndexByte(s[:i], '\n')
	return i > x.b && strings.TrimLeft(s[ls+1:i], " \t") == "" && ls >= x.b
}
