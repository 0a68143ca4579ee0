// Package shell reads shell scripts: script files, Dockerfile RUN instructions, YAML
// run:/script:/command: values, package.json scripts. A script is split into words as sh does
// (quotes, backslashes, $(...), comments, line continuations, here-documents) and into simple
// commands, and each command is reported to a Handler for what it does:
//
//	NAME=value cmd, export NAME=value    variable settings (PGSSLMODE, DATABASE_URL, ...)
//	env NAME=value cmd, docker run -e NAME=value, --env NAME=value
//	psql "postgres://..." / 'host=... sslmode=...', psql -d CONNSTR, psql -h HOST: a run of one
//	  of libpq's programs (pg_dump, pg_restore, ... too)
//	docker run IMAGE ARGS: a container's command line; any other command: a command line
//	sh -c 'script': a script inside the script
//
// and every other word is text to search for connection strings.
package shell

import (
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/pgtlslint/pgtlslint/analyzers/config/doc"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// Handler receives what a script does, in the order the script does it.
type Handler interface {
	// Scope returns a new environment on top of parent: a command's own NAME=value prefix.
	// A nil parent asks for a container's own environment.
	Scope(parent *doc.Scope) *doc.Scope
	// Assign records a variable setting.
	Assign(e *doc.Entry)
	// Script reads a script the script runs (sh -c '...').
	Script(v doc.Value, sc *doc.Scope)
	// Client is a run of one of libpq's programs (prog) with what its command line says of
	// the connection. It reports whether c.DB was taken for a connection string; else it is
	// text like the other words.
	Client(prog string, c Conn, sc *doc.Scope) bool
	// Run is a command line the script runs: program and arguments.
	Run(argv []doc.Value)
	// Container is the command line of a container that docker run starts from image;
	// imageEntrypoint is false when --entrypoint replaced the image's entrypoint (then it is
	// argv[0]).
	Container(image string, argv []doc.Value, imageEntrypoint bool)
	// Text is text to search: a word that is none of the above, or a here-document (then
	// comments are its comment markers).
	Text(v doc.Value, sc *doc.Scope, comments []string)
}

// hereComments are the comment markers of here-documents (often config files being written).
var hereComments = []string{"#"}

// heredoc is a here-document whose body follows the current line.
type heredoc struct {
	delim string
	strip bool // <<-: leading tabs are stripped
}

// reader is the state of one Read.
type reader struct {
	v       doc.Value
	s       string
	i       int
	sc      *doc.Scope
	h       Handler
	cmd     []word
	pending []heredoc
}

// libpq is the driver of the command-line programs (psql, pg_dump, ...).
var libpq = drivers.Get(drivers.Libpq)

// Read reads v as a shell script whose variables live in sc.
func Read(v doc.Value, sc *doc.Scope, h Handler) {
	r := &reader{v: v, s: v.Text, sc: sc, h: h}
	for r.i < len(r.s) {
		if n := blankAt(r.s, r.i); n > 0 {
			r.i += n
			continue
		}
		switch c := r.s[r.i]; {
		case c == '\n' || c == '\r':
			r.newline()
		case c == '#':
			for r.i < len(r.s) && r.s[r.i] != '\n' {
				r.i++
			}
		case strings.IndexByte(";&|()", c) >= 0:
			r.flush()
			r.i++
		case c == '<' || c == '>':
			r.redirect()
		default:
			w := shellWord(r.v, r.i)
			r.cmd = append(r.cmd, w)
			r.i = w.e
		}
	}
	r.flush()
}

// blankAt returns the width of the blank or line continuation at s[i], or 0.
func blankAt(s string, i int) int {
	switch {
	case s[i] == ' ' || s[i] == '\t':
		return 1
	case s[i] != '\\':
		return 0
	case i+1 < len(s) && s[i+1] == '\n':
		return 2
	case i+2 < len(s) && s[i+1] == '\r' && s[i+2] == '\n':
		return 3
	}
	return 0
}

// flush ends the current command.
func (r *reader) flush() {
	if len(r.cmd) > 0 {
		r.command(r.cmd, r.sc)
	}
	r.cmd = nil
}

// newline ends the command at a line break; the bodies of here-documents started on the line
// follow it.
func (r *reader) newline() {
	c := r.s[r.i]
	r.flush()
	r.i++
	if c == '\r' && r.i < len(r.s) && r.s[r.i] == '\n' {
		r.i++
	}
	for _, h := range r.pending {
		r.heredoc(h)
	}
	r.pending = nil
}

// heredoc reads the body of a here-document: it runs to the line that is the delimiter and is
// text, searched as such.
func (r *reader) heredoc(h heredoc) {
	s, bs := r.s, r.i
	for r.i < len(s) {
		ls := r.i
		le := strings.IndexByte(s[ls:], '\n')
		if le < 0 {
			le = len(s)
		} else {
			le += ls
		}
		r.i = min(le+1, len(s))
		line := strings.TrimRight(s[ls:le], "\r")
		if h.strip {
			line = strings.TrimLeft(line, "\t")
		}
		if line == h.delim {
			r.h.Text(r.v.Sub(bs, ls), r.sc, hereComments)
			return
		}
	}
	r.h.Text(r.v.Sub(bs, len(s)), r.sc, hereComments)
}

// redirect skips a redirection operator; << starts a here-document.
func (r *reader) redirect() {
	s := r.s
	switch {
	case strings.HasPrefix(s[r.i:], "<<<"):
		r.i += 3
		return
	case !strings.HasPrefix(s[r.i:], "<<"):
		r.i++
		return
	}
	i := r.i + 2
	strip := false
	if i < len(s) && s[i] == '-' {
		strip, i = true, i+1
	}
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	if i < len(s) && s[i] != '\n' {
		w := scanWord(s, i, nil)
		r.pending = append(r.pending, heredoc{delim: w.text, strip: strip})
		i = w.end
	}
	r.i = i
}

// assignWord matches a word that starts with NAME= (unquoted).
var assignWord = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*=`)

// isAssign reports whether a word is NAME=value with an unquoted NAME.
func isAssign(w word) bool {
	return w.plain && assignWord.MatchString(w.val.Text)
}

// reserved are the shell's reserved words that come before a command on its line (if cmd;
// then cmd; else cmd; fi, while cmd; do cmd; done, ! cmd, { cmd; }).
var reserved = map[string]bool{"if": true, "then": true, "else": true, "elif": true, "do": true,
	"while": true, "until": true, "!": true, "{": true}

// command reads one simple command.
func (r *reader) command(words []word, sc *doc.Scope) {
	for len(words) > 0 && reserved[words[0].val.Text] && words[0].e-words[0].b == len(words[0].val.Text) {
		words = words[1:]
	}
	k := 0
	for k < len(words) && isAssign(words[k]) {
		k++
	}
	if k > 0 && k < len(words) {
		// NAME=value cmd: the variables apply to this command only.
		sc = r.h.Scope(sc)
	}
	for j := 0; j < k; j++ {
		// Assignments that are the whole command set the script's own variables; a
		// command's prefix sets its environment only.
		r.assign(words, j, k == len(words) && k == 1, k == len(words), sc)
	}
	if k == len(words) || r.builtin(words, k, sc) {
		return
	}
	if name := path.Base(words[k].val.Text); slices.Contains(libpq.Programs, name) {
		r.client(name, words[k+1:], sc)
		return
	}
	argv := make([]doc.Value, 0, len(words)-k)
	for _, w := range words[k:] {
		argv = append(argv, w.val)
	}
	r.h.Run(argv)
	for _, w := range words[k:] {
		r.h.Text(w.val, sc, nil)
	}
}

// builtin reads the commands whose program is words[k] when the shell itself or a wrapper runs
// it: export, env, sudo, sh -c, docker, gosu. It reports whether it did.
func (r *reader) builtin(words []word, k int, sc *doc.Scope) bool {
	switch name := path.Base(words[k].val.Text); name {
	case "export", "declare", "typeset", "local", "readonly":
		for j := k + 1; j < len(words); j++ {
			if isAssign(words[j]) {
				r.assign(words, j, k == 0 && len(words) == 2, true, sc)
			}
		}
	case "env":
		r.env(words, k, sc)
	case "sudo", "exec", "time", "nohup", "command", "nice", "stdbuf", "timeout":
		r.wrapped(name, words, k, sc)
	case "sh", "bash", "zsh", "dash", "ash", "ksh":
		return r.shC(words, k, sc)
	case "docker", "podman", "nerdctl":
		// The container's environment is its own, not the script's.
		r.dockerEnv(words, k, r.h.Scope(nil))
		r.dockerRun(words, k)
	case "gosu", "su-exec":
		// gosu USER COMMAND...: the image entrypoints' way to drop root.
		if k+2 < len(words) {
			r.command(words[k+2:], sc)
		}
	default:
		return false
	}
	return true
}

// env reads env [-options] NAME=value... command.
func (r *reader) env(words []word, k int, sc *doc.Scope) {
	sc = r.h.Scope(sc)
	j := k + 1
	for j < len(words) && strings.HasPrefix(words[j].val.Text, "-") {
		j++
	}
	for j < len(words) && isAssign(words[j]) {
		r.assign(words, j, false, false, sc)
		j++
	}
	if j < len(words) {
		r.command(words[j:], sc)
	}
}

// wrapped reads the command a wrapper such as sudo or timeout runs.
func (r *reader) wrapped(name string, words []word, k int, sc *doc.Scope) {
	j := k + 1
	for j < len(words) && strings.HasPrefix(words[j].val.Text, "-") {
		if (words[j].val.Text == "-u" || words[j].val.Text == "-g") && j+1 < len(words) {
			j++
		}
		j++
	}
	if name == "timeout" && j < len(words) {
		j++ // the duration
	}
	if j < len(words) {
		r.command(words[j:], sc)
	}
}

// shC reads sh -c 'script': the script is shell too. It reports whether there was one.
func (r *reader) shC(words []word, k int, sc *doc.Scope) bool {
	for j := k + 1; j+1 < len(words); j++ {
		f := words[j].val.Text
		if strings.HasPrefix(f, "-") && !strings.HasPrefix(f, "--") && strings.HasSuffix(f, "c") {
			r.h.Script(words[j+1].val, sc)
			return true
		}
		if !strings.HasPrefix(f, "-") {
			break
		}
	}
	return false
}

// assign records the NAME=value of words[j]. alone says the word is the whole command (an
// assignment or export on a line of its own), which is removed with its line; variable that it
// sets a variable of the script, which later words expand.
func (r *reader) assign(words []word, j int, alone, variable bool, sc *doc.Scope) {
	w := words[j]
	eq := strings.IndexByte(w.val.Text, '=')
	name := w.val.Text[:eq]
	e := &doc.Entry{Key: name, Path: name, Val: w.val.Sub(eq+1, len(w.val.Text)), Pair: w.val.Full(), Scope: sc, Var: variable}
	if doc.IsClientVar(name) && r.v.Map.Exact() {
		e.Remove = r.assignRemoval(words, j, alone)
	}
	r.h.Assign(e)
}

// assignRemoval returns the span that removes the assignment words[j], or nil: its line when it
// is alone there, else the word with the blank after (or before) it.
func (r *reader) assignRemoval(words []word, j int, alone bool) *rules.Span {
	v, w := r.v, words[j]
	first, last := words[0], words[len(words)-1]
	ls, le, whole := lineAround(v.Text, first.b, last.e)
	alone = alone && whole
	line := strings.TrimSpace(v.Text[last.e:min(le, len(v.Text))])
	var sp rules.Span
	switch {
	case alone && strings.TrimSpace(v.Text[ls:first.b]) == "" && (line == "" || strings.HasPrefix(line, "#")):
		sp = v.Span(ls, le)
	case j+1 < len(words):
		sp = v.Span(w.b, words[j+1].b)
	case j > 0 && !alone:
		sp = v.Span(words[j-1].e, w.e)
	default:
		return nil
	}
	if v.Tok != nil && !v.Tok.Check([]rules.Edit{{Start: sp.Start, End: sp.End}}) {
		return nil
	}
	return &sp
}

// lineAround returns the start of the line holding s[b] and the start of the line after the one
// holding s[e], looking at most doc.MaxScan bytes either way (a long line of assignments must
// not make this quadratic); whole is false when the bound cut the line.
func lineAround(s string, b, e int) (ls, le int, whole bool) {
	whole = true
	lo := max(0, b-doc.MaxScan)
	ls = strings.LastIndexByte(s[lo:b], '\n') + 1 + lo
	if ls == lo && lo > 0 {
		whole = false
	}
	le = strings.IndexByte(s[e:min(len(s), e+doc.MaxScan)], '\n')
	if le >= 0 {
		return ls, le + e + 1, whole
	}
	le = min(len(s), e+doc.MaxScan)
	if le < len(s) {
		whole = false
	}
	return ls, le, whole
}
