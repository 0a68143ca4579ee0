package shell

import (
	"strings"

	"github.com/pgtlslint/pgtlslint/analyzers/config/doc"
	"github.com/pgtlslint/pgtlslint/rules"
)

// dockerEnv reads -e NAME=value, --env NAME=value and --env=NAME=value of a docker command
// whose program is words[k]; other words are searched as text.
func (r *reader) dockerEnv(words []word, k int, sc *doc.Scope) {
	v := r.v
	for j := k + 1; j < len(words); j++ {
		w := words[j]
		s := w.val.Text
		switch {
		case (s == "-e" || s == "--env") && j+1 < len(words) && assignWord.MatchString(words[j+1].val.Text):
			r.flagAssign(words[j+1].val, sc, v.Span(w.b, words[j+1].e), j+2 < len(words), words)
			j++
		case strings.HasPrefix(s, "--env=") && assignWord.MatchString(s[6:]):
			r.flagAssign(w.val.Sub(6, len(s)), sc, v.Span(w.b, w.e), j+1 < len(words), words)
		case strings.HasPrefix(s, "-e") && len(s) > 2 && assignWord.MatchString(s[2:]):
			r.flagAssign(w.val.Sub(2, len(s)), sc, v.Span(w.b, w.e), j+1 < len(words), words)
		default:
			r.h.Text(w.val, sc, nil)
		}
	}
}

// flagAssign records NAME=value given to a -e flag; the flag and its value (flagSpan) are
// removed together with the blank after them when more words follow.
func (r *reader) flagAssign(nv doc.Value, sc *doc.Scope, flagSpan rules.Span, more bool, words []word) {
	v := r.v
	eq := strings.IndexByte(nv.Text, '=')
	name := nv.Text[:eq]
	e := &doc.Entry{Key: name, Path: name, Val: nv.Sub(eq+1, len(nv.Text)), Pair: nv.Full(), Scope: sc}
	if doc.IsClientVar(name) && more && v.Map.Exact() {
		// Up to the start of the next word.
		end := flagSpan.End
		if n := nextWordAfter(words, flagSpan.End, v); n >= 0 {
			end = n
		}
		sp := rules.Span{Start: flagSpan.Start, End: end}
		if v.Tok == nil || v.Tok.Check([]rules.Edit{{Start: sp.Start, End: sp.End}}) {
			e.Remove = &sp
		}
	}
	r.h.Assign(e)
}

// nextWordAfter returns the file offset of the first word starting after file offset f.
func nextWordAfter(words []word, f int, v doc.Value) int {
	for _, w := range words {
		if s := v.Map.At(w.b); s >= f {
			return s
		}
	}
	return -1
}

// dockerGlobalFlags are options of docker and podman before the subcommand that take no value.
var dockerGlobalFlags = map[string]bool{
	"-D": true, "--debug": true, "--tls": true, "--tlsverify": true, "--remote": true, "-r": true,
	"--help": true, "-v": true, "--version": true, "--syslog": true,
}

// dockerRunFlags are the options of docker run and create that take no value; every other
// option does (unless written --name=value).
var dockerRunFlags = map[string]bool{
	"-d": true, "--detach": true, "-i": true, "--interactive": true, "-t": true, "--tty": true,
	"--rm": true, "--privileged": true, "--read-only": true, "--init": true, "-P": true,
	"--publish-all": true, "--no-healthcheck": true, "--oom-kill-disable": true, "-q": true,
	"--quiet": true, "--disable-content-trust": true, "--sig-proxy": true, "--help": true,
	"--use-api-socket": true, "--replace": true, "--tls-verify": true,
}

// dockerRun reads docker run (or create) in words, the command whose program is words[k]: the
// image and the container's command line after it.
func (r *reader) dockerRun(words []word, k int) {
	j := k + 1
	for j < len(words) && strings.HasPrefix(words[j].val.Text, "-") {
		o := words[j].val.Text
		j++
		if !strings.Contains(o, "=") && !dockerGlobalFlags[o] {
			j++ // --context NAME, -H HOST
		}
	}
	if j < len(words) && words[j].val.Text == "container" {
		j++
	}
	if j >= len(words) || (words[j].val.Text != "run" && words[j].val.Text != "create") {
		return
	}
	entrypoint, j := runOptions(words, j+1)
	if j >= len(words) {
		return
	}
	var argv []doc.Value
	if entrypoint != nil {
		// --entrypoint replaces the image's entrypoint (one program, no arguments): the
		// words after the image are its arguments.
		argv = append(argv, *entrypoint)
	}
	for _, w := range words[j+1:] {
		argv = append(argv, w.val)
	}
	r.h.Container(words[j].val.Text, argv, entrypoint == nil)
}

// runOptions reads the options of docker run from words[j]: the --entrypoint, if any, and the
// index of the image.
func runOptions(words []word, j int) (*doc.Value, int) {
	var entrypoint *doc.Value
	for j < len(words) {
		o := words[j].val.Text
		if o == "--" {
			return entrypoint, j + 1
		}
		if len(o) < 2 || o[0] != '-' {
			break
		}
		j++
		switch {
		case strings.HasPrefix(o, "--entrypoint="):
			ep := words[j-1].val.Sub(len("--entrypoint="), len(o))
			entrypoint = &ep
		case strings.Contains(o, "=") || dockerRunFlags[o]:
		case o[1] != '-' && strings.Trim(o[1:], "ditPq") == "":
			// A cluster of flags: -it, -dit.
		case o[1] != '-' && len(o) > 2:
			// A short option with its value attached: -p5432:5432.
		default:
			if o == "--entrypoint" && j < len(words) {
				ep := words[j].val
				entrypoint = &ep
			}
			j++
		}
	}
	return entrypoint, j
}
