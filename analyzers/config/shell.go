package config

import (
	"path"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// Shell: scripts, Dockerfile RUN instructions, YAML run:/script:/command: values, package.json
// scripts. The script is split into words as sh does (quotes, backslashes, $(...), comments,
// line continuations, here-documents) and into simple commands, which are read for:
//
//	NAME=value cmd, export NAME=value    variable settings (PGSSLMODE, DATABASE_URL, ...)
//	env NAME=value cmd, docker run -e NAME=value, --env NAME=value
//	psql "postgres://..." / 'host=... sslmode=...', psql -d CONNSTR: connection strings read by libpq
//	psql -h HOST (pg_dump, pg_restore, ... too): a libpq connection to HOST, with the PGSSLMODE
//	  of the script; a host given as $VAR is left alone, since the script then takes its whole
//	  connection, PGSSLMODE included, from the environment
//
// and every other word is searched for connection strings as text.

// shWord is one word of a command.
type shWord struct {
	b, e  int   // range of the raw word in the analysed text
	val   value // after quote removal
	plain bool  // has unquoted parts
}

// pgClients are libpq's command-line programs.
var pgClients = map[string]bool{
	"psql": true, "pg_dump": true, "pg_dumpall": true, "pg_restore": true, "pgbench": true,
	"createdb": true, "dropdb": true, "createuser": true, "dropuser": true, "vacuumdb": true,
	"reindexdb": true, "clusterdb": true, "pg_basebackup": true, "pg_receivewal": true,
}

// assignWord matches a word that starts with NAME= (unquoted).
var assignWord = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*=`)

// analyzeShell reads v as a shell script.
func (a *analysis) analyzeShell(v value, sc *scope) {
	s := v.s
	if !mayHold(s) && !strings.Contains(s, "psql") && !strings.Contains(s, "pg_") && !serverHint(s) {
		return
	}
	var cmd []shWord
	flush := func() {
		if len(cmd) > 0 {
			a.shellCommand(v, cmd, sc)
		}
		cmd = nil
	}
	type heredoc struct {
		delim string
		strip bool
	}
	var pending []heredoc
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			i++
		case c == '\\' && i+1 < len(s) && s[i+1] == '\n':
			i += 2
		case c == '\\' && i+2 < len(s) && s[i+1] == '\r' && s[i+2] == '\n':
			i += 3
		case c == '\n' || c == '\r':
			flush()
			i++
			if c == '\r' && i < len(s) && s[i] == '\n' {
				i++
			}
			for _, h := range pending {
				// The body runs to the line that is the delimiter; it is text (often a
				// config file being written), searched as such.
				bs := i
				for i < len(s) {
					le := strings.IndexByte(s[i:], '\n')
					if le < 0 {
						le = len(s)
					} else {
						le += i
					}
					line := strings.TrimRight(s[i:le], "\r")
					if h.strip {
						line = strings.TrimLeft(line, "\t")
					}
					if line == h.delim {
						a.searchText(v.sub(bs, i), sc, []string{"#"})
						i = min(le+1, len(s))
						bs = -1
						break
					}
					i = min(le+1, len(s))
				}
				if bs >= 0 {
					a.searchText(v.sub(bs, len(s)), sc, []string{"#"})
				}
			}
			pending = nil
		case c == '#':
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case strings.IndexByte(";&|()", c) >= 0:
			flush()
			i++
		case c == '<' && strings.HasPrefix(s[i:], "<<<"):
			i += 3
		case c == '<' && strings.HasPrefix(s[i:], "<<"):
			i += 2
			strip := false
			if i < len(s) && s[i] == '-' {
				strip, i = true, i+1
			}
			for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
				i++
			}
			if i < len(s) && s[i] != '\n' {
				w := scanWord(s, i, nil)
				pending = append(pending, heredoc{delim: w.text, strip: strip})
				i = w.end
			}
		case c == '<' || c == '>':
			i++
		default:
			w := a.shellWord(v, i)
			cmd = append(cmd, w)
			i = w.e
		}
	}
	flush()
}

// wordScan is the result of scanning one word.
type wordScan struct {
	text  string
	m     *mapping
	end   int
	plain bool
	quote bool
	// quoted marks the decoded bytes that were inside quotes.
	quoted []bool
}

// scanWord scans the shell word starting at s[i]. at maps indices of s to file offsets (nil:
// the identity); the mapping of the result goes through it.
func scanWord(s string, i int, at func(int) int) wordScan {
	if at == nil {
		at = func(k int) int { return k }
	}
	var b builder
	ws := wordScan{}
	inQuotes := false
	lit := func(k int) {
		b.lit(s[k], at(k))
		ws.quoted = append(ws.quoted, inQuotes)
	}
	drop := func(k, w int) { b.esc("", at(k), at(k+w)) }
	k := i
loop:
	for k < len(s) {
		c := s[k]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || strings.IndexByte(";&|()<>", c) >= 0:
			break loop
		case c == '\'':
			ws.quote = true
			end := strings.IndexByte(s[k+1:], '\'')
			if end < 0 {
				end = len(s) - k - 1
			}
			drop(k, 1)
			inQuotes = true
			for j := k + 1; j < k+1+end; j++ {
				lit(j)
			}
			inQuotes = false
			k += end + 1
			if k < len(s) {
				drop(k, 1)
				k++
			}
		case c == '"':
			ws.quote = true
			drop(k, 1)
			k++
			inQuotes = true
			for k < len(s) && s[k] != '"' {
				switch {
				case s[k] == '\\' && k+1 < len(s) && strings.IndexByte("$`\"\\", s[k+1]) >= 0:
					b.esc(s[k+1:k+2], at(k), at(k+2))
					ws.quoted = append(ws.quoted, true)
					k += 2
				case s[k] == '\\' && k+1 < len(s) && s[k+1] == '\n':
					drop(k, 2)
					k += 2
				case s[k] == '$' && k+1 < len(s) && (s[k+1] == '(' || s[k+1] == '{'):
					e := skipSubst(s, k+1)
					for j := k; j < e; j++ {
						lit(j)
					}
					k = e
				default:
					lit(k)
					k++
				}
			}
			inQuotes = false
			if k < len(s) {
				drop(k, 1)
				k++
			}
		case c == '\\':
			ws.plain = true
			if k+1 >= len(s) {
				drop(k, 1)
				k++
				continue
			}
			if s[k+1] == '\n' {
				drop(k, 2)
				k += 2
				continue
			}
			_, w := utf8.DecodeRuneInString(s[k+1:])
			b.esc(s[k+1:k+1+w], at(k), at(k+1+w))
			for range w {
				ws.quoted = append(ws.quoted, false)
			}
			k += 1 + w
		case c == '$' && k+1 < len(s) && (s[k+1] == '(' || s[k+1] == '{'):
			ws.plain = true
			e := skipSubst(s, k+1)
			for j := k; j < e; j++ {
				lit(j)
			}
			k = e
		case c == '`':
			ws.plain = true
			e := strings.IndexByte(s[k+1:], '`')
			if e < 0 {
				e = len(s) - k - 1
			}
			for j := k; j < min(len(s), k+e+2); j++ {
				lit(j)
			}
			k = min(len(s), k+e+2)
		default:
			ws.plain = true
			lit(k)
			k++
		}
	}
	ws.text, ws.m = b.done(at(k))
	if ws.m.pts == nil && len(ws.text) == 0 {
		ws.m = identity(at(k), 0)
	}
	ws.end = k
	return ws
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

// shellWord scans the word at v.s[i] and maps it into the file. Edits of the word are checked
// by its own decoding (or the enclosing format's) and must not bring in characters that the
// shell reads specially where they go.
func (a *analysis) shellWord(v value, i int) shWord {
	ws := scanWord(v.s, i, v.m.at)
	ws.m.exact = v.m.exact && (v.m.pts == nil || v.tok != nil)
	quoted, m := ws.quoted, ws.m
	tok := &token{val: ws.text, m: ws.m, safeAt: func(e rules.Edit) bool {
		// Text inserted or replaced wholly inside quotes need only be safe there.
		i, ok1 := m.inv(e.Start)
		j, ok2 := m.inv(e.End)
		if !ok1 || !ok2 || len(quoted) != len(ws.text) {
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
			return shellSafeQuoted(e.NewText)
		}
		return shellSafePlain(e.NewText)
	}}
	if v.tok != nil {
		tok.outer = v.tok
	} else {
		tok.raw, tok.start = v.s[i:ws.end], v.m.at(i)
		tok.decode = func(r string) (string, bool) {
			w := scanWord(r, 0, nil)
			return w.text, w.end == len(r)
		}
	}
	return shWord{b: i, e: ws.end, val: value{s: ws.text, m: ws.m, tok: tok}, plain: ws.plain}
}

// shellSafePlain accepts text that an unquoted shell word reads literally.
func shellSafePlain(t string) bool {
	return !strings.ContainsAny(t, " \t\n\r;&|<>()$`\\\"'*?[]#~{}!")
}

// shellSafeQuoted accepts text that reads literally inside single or double quotes.
func shellSafeQuoted(t string) bool {
	return !strings.ContainsAny(t, "\n\r$`\\\"'!")
}

// shellCommand reads one simple command.
func (a *analysis) shellCommand(v value, words []shWord, sc *scope) {
	k := 0
	for k < len(words) && a.isAssign(words[k]) {
		k++
	}
	if k > 0 && k < len(words) {
		// NAME=value cmd: the variables apply to this command only.
		sc = a.child(sc)
	}
	for j := 0; j < k; j++ {
		a.shellAssign(v, words, j, k == len(words) && k == 1, sc)
	}
	if k == len(words) {
		return
	}
	name := path.Base(words[k].val.s)
	rest := words[k+1:]
	switch name {
	case "export", "declare", "typeset", "local", "readonly":
		var assigns []int
		for j := k + 1; j < len(words); j++ {
			if a.isAssign(words[j]) {
				assigns = append(assigns, j)
			}
		}
		for _, j := range assigns {
			a.shellAssign(v, words, j, k == 0 && len(words) == 2, sc)
		}
		return
	case "env":
		sc = a.child(sc)
		j := k + 1
		for j < len(words) && strings.HasPrefix(words[j].val.s, "-") {
			j++
		}
		for j < len(words) && a.isAssign(words[j]) {
			a.shellAssign(v, words, j, false, sc)
			j++
		}
		if j < len(words) {
			a.shellCommand(v, words[j:], sc)
		}
		return
	case "sudo", "exec", "time", "nohup", "command", "nice", "stdbuf", "timeout":
		j := k + 1
		for j < len(words) && strings.HasPrefix(words[j].val.s, "-") {
			if (words[j].val.s == "-u" || words[j].val.s == "-g") && j+1 < len(words) {
				j++
			}
			j++
		}
		if name == "timeout" && j < len(words) {
			j++ // the duration
		}
		if j < len(words) {
			a.shellCommand(v, words[j:], sc)
		}
		return
	case "sh", "bash", "zsh", "dash", "ash", "ksh":
		// sh -c 'script': the script is shell too.
		for j := k + 1; j+1 < len(words); j++ {
			f := words[j].val.s
			if strings.HasPrefix(f, "-") && !strings.HasPrefix(f, "--") && strings.HasSuffix(f, "c") {
				a.analyzeShell(words[j+1].val, sc)
				return
			}
			if !strings.HasPrefix(f, "-") {
				break
			}
		}
	case "docker", "podman", "nerdctl":
		// The container's environment is its own, not the script's.
		a.dockerEnv(v, words, k, a.newScope())
		a.dockerRun(words, k)
		return
	case "gosu", "su-exec":
		// gosu USER COMMAND...: the image entrypoints' way to drop root.
		if k+2 < len(words) {
			a.shellCommand(v, words[k+2:], sc)
		}
		return
	}
	if pgClients[name] {
		a.pgClient(name, rest, sc)
		return
	}
	argv := make([]value, 0, len(words)-k)
	for _, w := range words[k:] {
		argv = append(argv, w.val)
	}
	a.serverArgv(argv, a.pgArgs)
	for _, w := range words[k:] {
		a.searchText(w.val, sc, nil)
	}
}

// isAssign reports whether a word is NAME=value with an unquoted NAME.
func (a *analysis) isAssign(w shWord) bool {
	return w.plain && assignWord.MatchString(w.val.s)
}

// shellAssign records the NAME=value of words[j]. alone says the word is the whole command (an
// assignment or export on a line of its own), which is removed with its line.
func (a *analysis) shellAssign(v value, words []shWord, j int, alone bool, sc *scope) {
	w := words[j]
	eq := strings.IndexByte(w.val.s, '=')
	name := w.val.s[:eq]
	val := w.val.sub(eq+1, len(w.val.s))
	e := &entry{key: name, path: name, val: val, pair: w.val.full(), sc: sc}
	if envNames[name] && v.m.exact {
		var rm *rules.Span
		first, last := words[0], words[len(words)-1]
		// Bounded scans: a long line of assignments must not make this quadratic; a line
		// longer than the bound is simply not removed whole.
		lo := max(0, first.b-maxScan)
		ls := strings.LastIndexByte(v.s[lo:first.b], '\n') + 1 + lo
		if ls == lo && lo > 0 {
			alone = false
		}
		le := strings.IndexByte(v.s[last.e:min(len(v.s), last.e+maxScan)], '\n')
		if le < 0 {
			le = min(len(v.s), last.e+maxScan)
			if le < len(v.s) {
				alone = false
			}
		} else {
			le += last.e + 1
		}
		line := strings.TrimSpace(v.s[last.e:min(le, len(v.s))])
		switch {
		case alone && strings.TrimSpace(v.s[ls:first.b]) == "" && (line == "" || strings.HasPrefix(line, "#")):
			sp := v.span(ls, le)
			rm = &sp
		case j+1 < len(words):
			sp := v.span(w.b, words[j+1].b)
			rm = &sp
		case j > 0 && !alone:
			sp := v.span(words[j-1].e, w.e)
			rm = &sp
		}
		if rm != nil && v.tok != nil && !v.tok.check([]rules.Edit{{Start: rm.Start, End: rm.End}}) {
			rm = nil
		}
		e.remove = rm
	}
	a.addEntry(e)
}

// dockerEnv reads -e NAME=value, --env NAME=value and --env=NAME=value of a docker command;
// other words are searched as text.
func (a *analysis) dockerEnv(v value, words []shWord, k int, sc *scope) {
	for j := k + 1; j < len(words); j++ {
		w := words[j]
		switch {
		case (w.val.s == "-e" || w.val.s == "--env") && j+1 < len(words) && assignWord.MatchString(words[j+1].val.s):
			a.flagAssign(v, words[j+1].val, sc, v.span(w.b, words[j+1].e), j+2 < len(words), words)
			j++
		case strings.HasPrefix(w.val.s, "--env=") && assignWord.MatchString(w.val.s[6:]):
			a.flagAssign(v, w.val.sub(6, len(w.val.s)), sc, v.span(w.b, w.e), j+1 < len(words), words)
		case strings.HasPrefix(w.val.s, "-e") && len(w.val.s) > 2 && assignWord.MatchString(w.val.s[2:]):
			a.flagAssign(v, w.val.sub(2, len(w.val.s)), sc, v.span(w.b, w.e), j+1 < len(words), words)
		default:
			a.searchText(w.val, sc, nil)
		}
	}
}

// flagAssign records NAME=value given to a -e flag; the flag and its value (flagSpan) are
// removed together with the blank after them.
func (a *analysis) flagAssign(v value, nv value, sc *scope, flagSpan rules.Span, more bool, words []shWord) {
	eq := strings.IndexByte(nv.s, '=')
	name := nv.s[:eq]
	e := &entry{key: name, path: name, val: nv.sub(eq+1, len(nv.s)), pair: nv.full(), sc: sc}
	if envNames[name] && more && v.m.exact {
		// Up to the start of the next word.
		end := flagSpan.End
		if n := nextWordAfter(words, flagSpan.End, v); n >= 0 {
			end = n
		}
		sp := rules.Span{Start: flagSpan.Start, End: end}
		if v.tok == nil || v.tok.check([]rules.Edit{{Start: sp.Start, End: sp.End}}) {
			e.remove = &sp
		}
	}
	a.addEntry(e)
}

// nextWordAfter returns the file offset of the first word starting after file offset f.
func nextWordAfter(words []shWord, f int, v value) int {
	for _, w := range words {
		if s := v.m.at(w.b); s >= f {
			return s
		}
	}
	return -1
}

// pgShortArg are the one-letter options of libpq's programs that take an argument.
const pgShortArg = "cdfhLopPRTUvFjnNtZESsWX"

// pgLongArg are long options that take an argument in the next word.
var pgLongArg = map[string]bool{
	"--host": true, "--port": true, "--username": true, "--dbname": true, "--command": true, "--file": true,
	"--set": true, "--variable": true, "--output": true, "--format": true, "--schema": true, "--table": true,
	"--jobs": true, "--log-file": true, "--field-separator": true, "--record-separator": true, "--pset": true,
	"--encoding": true, "--compress": true, "--exclude-schema": true, "--exclude-table": true, "--role": true,
}

// pgClient reads the arguments of psql and the other libpq programs.
func (a *analysis) pgClient(name string, args []shWord, sc *scope) {
	var host, db *value
	hostWord, dbWord := -1, -1
	firstPos := -1
	for j := 0; j < len(args); j++ {
		w := args[j].val
		s := w.s
		var opt string
		var arg *value
		at := j
		switch {
		case strings.HasPrefix(s, "--") && strings.Contains(s, "="):
			eq := strings.IndexByte(s, '=')
			opt = s[:eq]
			sv := w.sub(eq+1, len(s))
			arg = &sv
		case strings.HasPrefix(s, "--"):
			opt = s
			if pgLongArg[s] && j+1 < len(args) {
				sv := args[j+1].val
				arg, at = &sv, j+1
				j++
			}
		case len(s) >= 2 && s[0] == '-' && strings.IndexByte(pgShortArg, s[1]) >= 0:
			opt = s[:2]
			if len(s) > 2 {
				sv := w.sub(2, len(s))
				arg = &sv
			} else if j+1 < len(args) {
				sv := args[j+1].val
				arg, at = &sv, j+1
				j++
			}
		case strings.HasPrefix(s, "-"):
			continue
		default:
			if firstPos < 0 {
				firstPos = j
			}
			continue
		}
		switch opt {
		case "-h", "--host":
			host, hostWord = arg, at
		case "-d", "--dbname":
			db, dbWord = arg, at
		}
	}
	if db == nil && firstPos >= 0 && name != "pg_restore" {
		// psql [option...] [dbname [username]]: the first operand may be a connection string.
		db, dbWord = &args[firstPos].val, firstPos
	}
	ev := name + " command line (libpq)"
	if db != nil && rules.ConnKind(db.s) != "" {
		a.connValue(*db, sc, drivers.Libpq, ev, name)
	} else {
		dbWord = -1
		if host != nil && host.s != "" && !rules.IsDynamic(host.s) {
			t := &rules.Target{Path: a.path, Driver: drivers.Libpq, Evidence: ev, Syntax: "keyword",
				Hosts: hostList(*host), Anchor: host.full(), Editor: &envEditor{sc: sc}}
			a.hasPG = true
			sc.conns = append(sc.conns, t)
			a.targets = append(a.targets, t)
		}
	}
	for j, w := range args {
		if j != dbWord && j != hostWord {
			a.searchText(w.val, sc, nil)
		}
	}
}
