package config

import (
	"bytes"
	"errors"
	"io"
	"path"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/pgtlslint/pgtlslint/rules"
)

// YAML: every document of the file (Kubernetes manifests hold several). Any scalar may be a
// connection string; keys name PG* variables wherever they are (Compose environment: as a map
// or as a list of NAME=value, Kubernetes env: as name/value pairs, ConfigMap data:, GitHub
// Actions env:); mappings with host and password keys configure a connection on their own;
// values of run:, script:, command: are shell.
//
// yaml.v3 gives nodes a line and a column (counted in characters, not bytes) but no end. The
// byte offset of each scalar is computed from them and checked against the bytes there; its
// raw extent is found by scanning the scalar as its style says. Where that does not reproduce
// the value exactly the value still gets spans near it, but no edits.

// yamlFile holds what the offset computations need.
type yamlFile struct {
	s     string
	lines []int // start offset of each line as YAML counts lines
	// Offsets computed on line cpLine, in increasing column order, to continue from the
	// nearest one: a long line of flow items must not be walked from its start for each of
	// them. Nodes mostly come in document order; a container's command line is read before
	// the scalars of its mapping (yamlCommand), so lookups may also go back a little.
	cpLine int
	cps    []yamlCheckpoint
}

// yamlCheckpoint is the byte offset of a column of line cpLine.
type yamlCheckpoint struct{ col, off int }

// yamlLines returns the start of each line, counting line breaks as yaml.v3 does: \r\n, \r,
// \n, and the Unicode breaks NEL, LS, PS.
func yamlLines(s string) []int {
	lines := []int{0}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			lines = append(lines, i+1)
		case '\n':
			lines = append(lines, i+1)
		case 0xC2:
			if i+1 < len(s) && s[i+1] == 0x85 {
				i++
				lines = append(lines, i+1)
			}
		case 0xE2:
			if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9) {
				i += 2
				lines = append(lines, i+1)
			}
		}
	}
	return lines
}

// offset returns the byte offset of a node's line and column, or -1.
func (f *yamlFile) offset(line, col int) int {
	if line < 1 || line > len(f.lines) || col < 1 {
		return -1
	}
	o := f.lines[line-1]
	if line == 1 && strings.HasPrefix(f.s, "\xef\xbb\xbf") {
		o += 3
	}
	c := 1
	if f.cpLine == line {
		if k := sort.Search(len(f.cps), func(k int) bool { return f.cps[k].col > col }) - 1; k >= 0 {
			c, o = f.cps[k].col, f.cps[k].off
		}
	} else {
		f.cpLine, f.cps = line, f.cps[:0]
	}
	for ; c < col; c++ {
		if o >= len(f.s) || f.s[o] == '\n' || f.s[o] == '\r' {
			return -1
		}
		_, w := utf8.DecodeRuneInString(f.s[o:])
		o += w
	}
	if n := len(f.cps); n == 0 || f.cps[n-1].col < col {
		f.cps = append(f.cps, yamlCheckpoint{col: col, off: o})
	}
	return o
}

// lineEnd returns the offset of the line break ending the line that holds o.
func (f *yamlFile) lineEnd(o int) int {
	for o < len(f.s) && f.s[o] != '\n' && f.s[o] != '\r' {
		o++
	}
	return o
}

// nextLine returns the start of the line after the one holding o.
func (f *yamlFile) nextLine(o int) int {
	e := f.lineEnd(o)
	if e < len(f.s) && f.s[e] == '\r' {
		e++
	}
	if e < len(f.s) && f.s[e] == '\n' {
		e++
	}
	return e
}

// lineStart returns the start of the line holding o.
func (f *yamlFile) lineStart(o int) int {
	i := sort.SearchInts(f.lines, o+1) - 1
	if i < 0 {
		return 0
	}
	return f.lines[i]
}

// decodeYAML parses every document of a YAML file.
func decodeYAML(content []byte) ([]*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(content))
	var docs []*yaml.Node
	for {
		n := new(yaml.Node)
		err := dec.Decode(n)
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return docs, err
		}
		docs = append(docs, n)
	}
}

// envKeys are keys whose value is a set of environment variables: each gets a scope of its own.
var envKeys = map[string]bool{
	"environment": true, "env": true, "variables": true, "data": true, "stringdata": true,
	"envvars": true, "extraenv": true, "extraenvvars": true, "containerenv": true, "remoteenv": true,
}

// shellKeys are keys whose value is a shell command.
var shellKeys = map[string]bool{
	"run": true, "script": true, "before_script": true, "after_script": true, "command": true,
	"entrypoint": true, "args": true, "cmd": true, "test": true,
}

// envItem matches a list item NAME=value (Compose environment: list form, docker args).
var envItem = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.]*=`)

// yframe is one node waiting to be visited: the walk keeps an explicit stack, so that deeply
// nested documents cannot overflow the goroutine stack.
type yframe struct {
	n      *yaml.Node
	path   string
	key    string // the key this node is the value of
	sc     *scope
	parent *group
	flow   bool
	// argv marks a sequence read as a server's command line: its items are arguments, not
	// shell commands of their own.
	argv bool
}

// parseYAML extracts the settings of every document.
func (a *analysis) parseYAML(content []byte) error {
	docs, err := decodeYAML(content)
	if err != nil {
		return err
	}
	f := &yamlFile{s: string(content), lines: yamlLines(string(content))}
	var stack []yframe
	for i := len(docs) - 1; i >= 0; i-- {
		stack = append(stack, yframe{n: docs[i], sc: a.fileScope})
	}
	for len(stack) > 0 {
		fr := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := fr.n
		switch n.Kind {
		case yaml.DocumentNode:
			for i := len(n.Content) - 1; i >= 0; i-- {
				stack = append(stack, yframe{n: n.Content[i], path: fr.path, sc: fr.sc})
			}
		case yaml.MappingNode:
			g := &group{name: fr.key, path: fr.path, sub: map[string]*group{}}
			a.groups = append(a.groups, g)
			if fr.parent != nil && fr.key != "" {
				fr.parent.sub[strings.ToLower(fr.key)] = g
			}
			flow := fr.flow || n.Style&yaml.FlowStyle != 0
			argvSeqs, pgCmd := a.yamlCommand(f, n, flow)
			var children []yframe
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if k.Kind != yaml.ScalarNode || k.Value == "<<" {
					continue
				}
				p := joinPath(fr.path, k.Value)
				switch v.Kind {
				case yaml.ScalarNode:
					val, ok := f.scalar(v, flow)
					if !ok {
						continue
					}
					e := &entry{key: k.Value, path: p, val: val, sc: fr.sc, shell: shellKeys[strings.ToLower(k.Value)], pgImage: v == pgCmd}
					e.pair = rules.Span{Start: max(0, f.offset(k.Line, k.Column)), End: val.full().End}
					if e.pair.Start > e.pair.End {
						e.pair.Start = val.full().Start
					}
					if !flow && len(n.Content) > 2 {
						e.remove = f.entryLines(k, v, val)
					}
					g.entries = append(g.entries, e)
					a.addEntry(e)
				case yaml.MappingNode, yaml.SequenceNode:
					sc := fr.sc
					if envKeys[strings.ToLower(k.Value)] {
						sc = a.newScope()
					}
					children = append(children, yframe{n: v, path: p, key: k.Value, sc: sc, parent: g, flow: flow, argv: argvSeqs[v]})
				}
			}
			for i := len(children) - 1; i >= 0; i-- {
				stack = append(stack, children[i])
			}
		case yaml.SequenceNode:
			flow := fr.flow || n.Style&yaml.FlowStyle != 0
			var children []yframe
			for _, it := range n.Content {
				switch it.Kind {
				case yaml.ScalarNode:
					a.yamlItem(f, fr, it, flow, len(n.Content) > 1)
				case yaml.MappingNode:
					if a.k8sEnv(f, fr, it, flow, len(n.Content) > 1) {
						continue
					}
					children = append(children, yframe{n: it, path: fr.path, key: fr.key, sc: fr.sc, parent: fr.parent, flow: flow})
				case yaml.SequenceNode:
					children = append(children, yframe{n: it, path: fr.path, key: fr.key, sc: fr.sc, parent: fr.parent, flow: flow})
				}
			}
			for i := len(children) - 1; i >= 0; i-- {
				stack = append(stack, children[i])
			}
		case yaml.ScalarNode:
			// A document that is one scalar.
			if val, ok := f.scalar(n, false); ok {
				a.addEntry(&entry{path: fr.path, val: val, sc: fr.sc})
			}
		}
	}
	return nil
}

func joinPath(p, k string) string {
	if p == "" {
		return k
	}
	return p + "." + k
}

// yamlItem handles a scalar list item: NAME=value in an environment list, or any value.
func (a *analysis) yamlItem(f *yamlFile, fr yframe, it *yaml.Node, flow, several bool) {
	val, ok := f.scalar(it, flow)
	if !ok {
		return
	}
	shell := shellKeys[strings.ToLower(fr.key)] && !fr.argv
	if m := envItem.FindStringIndex(val.s); m != nil && !shellKeys[strings.ToLower(fr.key)] {
		name := val.s[:m[1]-1]
		if envNames[name] || envKeys[strings.ToLower(fr.key)] {
			e := &entry{key: name, path: joinPath(fr.path, name), val: val.sub(m[1], len(val.s)), pair: val.full(), sc: fr.sc}
			if !flow && several {
				e.remove = f.itemLines(it, val)
			}
			a.addEntry(e)
			return
		}
	}
	a.addEntry(&entry{key: fr.key, path: fr.path, val: val, sc: fr.sc, shell: shell})
}

// yamlCommand reads the command line of a container described by mapping m (a Compose service,
// a Kubernetes container): the program and arguments from entrypoint: and command: (Compose) or
// command: and args: (Kubernetes), as lists. It returns the sequences taken for a server's
// command line, and the scalar command: whose shell words are the arguments of a PostgreSQL
// image's entrypoint (nil when there is none).
func (a *analysis) yamlCommand(f *yamlFile, m *yaml.Node, flow bool) (map[*yaml.Node]bool, *yaml.Node) {
	// Kubernetes' command: replaces the image's entrypoint and args: its command; Compose's
	// entrypoint: and command: do the same.
	ep, cmd := mapGet(m, "entrypoint"), mapGet(m, "command")
	if args := mapGet(m, "args"); args != nil {
		ep, cmd = cmd, args
	}
	if ep == nil && cmd == nil {
		return nil, nil
	}
	pg := false
	if img := mapGet(m, "image"); img != nil && img.Kind == yaml.ScalarNode && ep == nil {
		pg = isPGImage(img.Value)
	}
	var pgCmd *yaml.Node
	if pg && cmd != nil && cmd.Kind == yaml.ScalarNode {
		pgCmd = cmd
	}
	if !mayBeServerArgv(ep, cmd, pg) {
		return nil, pgCmd
	}
	var argv []value
	var seqs []*yaml.Node
	for _, part := range []*yaml.Node{ep, cmd} {
		if part == nil || part.Kind != yaml.SequenceNode {
			continue
		}
		for _, it := range part.Content {
			if it.Kind != yaml.ScalarNode {
				return nil, pgCmd
			}
			v, ok := f.scalar(it, flow || part.Style&yaml.FlowStyle != 0)
			if !ok {
				return nil, pgCmd
			}
			argv = append(argv, v)
		}
		seqs = append(seqs, part)
	}
	if len(argv) == 0 || !a.serverArgv(argv, pg) {
		return nil, pgCmd
	}
	out := map[*yaml.Node]bool{}
	for _, s := range seqs {
		out[s] = true
	}
	return out, pgCmd
}

// mayBeServerArgv is the cheap test that spares yamlCommand the offsets of list items that
// cannot be a server's command line: a program that names a server, a -c option, or options
// for a PostgreSQL image.
func mayBeServerArgv(ep, cmd *yaml.Node, pg bool) bool {
	if pg && cmd != nil && cmd.Kind == yaml.SequenceNode && len(cmd.Content) > 0 && strings.HasPrefix(cmd.Content[0].Value, "-") {
		return true
	}
	for _, part := range []*yaml.Node{ep, cmd} {
		if part == nil || part.Kind != yaml.SequenceNode {
			continue
		}
		for _, it := range part.Content {
			switch path.Base(it.Value) {
			case "postgres", "postmaster", "pg_ctl", "docker-entrypoint.sh", "docker-entrypoint":
				return true
			}
			if strings.HasPrefix(it.Value, "-c") {
				return true
			}
		}
	}
	return false
}

// k8sEnv handles a Kubernetes env list item {name: X, value: Y}. It reports whether the item
// was one.
func (a *analysis) k8sEnv(f *yamlFile, fr yframe, it *yaml.Node, flow, several bool) bool {
	if len(it.Content) != 4 {
		return false
	}
	var name, val *yaml.Node
	for i := 0; i+1 < len(it.Content); i += 2 {
		k, v := it.Content[i], it.Content[i+1]
		if k.Kind != yaml.ScalarNode || v.Kind != yaml.ScalarNode {
			return false
		}
		switch k.Value {
		case "name":
			name = v
		case "value":
			val = v
		}
	}
	if name == nil || val == nil {
		return false
	}
	v, ok := f.scalar(val, flow || it.Style&yaml.FlowStyle != 0)
	if !ok {
		return true
	}
	e := &entry{key: name.Value, path: joinPath(fr.path, name.Value), val: v, pair: v.full(), sc: fr.sc}
	if !flow && it.Style&yaml.FlowStyle == 0 && several {
		e.remove = f.k8sItemLines(it, name, v)
	}
	a.addEntry(e)
	return true
}

// scalar returns the decoded value of a scalar node with its mapping into the file.
func (f *yamlFile) scalar(n *yaml.Node, flow bool) (value, bool) {
	if n.Kind != yaml.ScalarNode {
		return value{}, false
	}
	o := f.offset(n.Line, n.Column)
	if o < 0 {
		return value{}, false
	}
	// Anchors and tags come before the scalar itself.
	for o < len(f.s) && (f.s[o] == '&' || f.s[o] == '!') {
		for o < len(f.s) && f.s[o] != ' ' && f.s[o] != '\t' && f.s[o] != '\n' && f.s[o] != '\r' {
			o++
		}
		for o < len(f.s) && (f.s[o] == ' ' || f.s[o] == '\t') {
			o++
		}
	}
	if o >= len(f.s) {
		return value{s: n.Value, m: approx(len(f.s), len(f.s), len(n.Value))}, true
	}
	approxVal := func(end int) (value, bool) {
		end = min(max(end, o), len(f.s))
		return value{s: n.Value, m: approx(o, end, len(n.Value))}, true
	}
	switch {
	case n.Style&yaml.DoubleQuotedStyle != 0:
		end := closingQuote(f.s, o, '"')
		if f.s[o] != '"' || end < 0 {
			return approxVal(f.lineEnd(o))
		}
		raw := f.s[o : end+1]
		val, m, ok := decodeQuoted(raw, o, '"', yamlEscapes, false)
		if !ok || val != n.Value {
			return approxVal(end + 1)
		}
		return newToken(raw, o, val, m, func(r string) (string, bool) {
			d, _, ok := decodeQuoted(r, 0, '"', yamlEscapes, false)
			return d, ok
		}), true
	case n.Style&yaml.SingleQuotedStyle != 0:
		if f.s[o] != '\'' {
			return approxVal(f.lineEnd(o))
		}
		end := o + 1
		for end < len(f.s) {
			if f.s[end] == '\'' {
				if end+1 < len(f.s) && f.s[end+1] == '\'' {
					end += 2
					continue
				}
				break
			}
			end++
		}
		if end >= len(f.s) {
			return approxVal(f.lineEnd(o))
		}
		raw := f.s[o : end+1]
		val, m, ok := decodeSingleQuotedYAML(raw, o)
		if !ok || val != n.Value {
			return approxVal(end + 1)
		}
		return newToken(raw, o, val, m, func(r string) (string, bool) {
			d, _, ok := decodeSingleQuotedYAML(r, 0)
			return d, ok
		}), true
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		return f.blockScalar(n, o)
	}
	// Plain: one line, byte for byte.
	if !strings.ContainsAny(n.Value, "\n\r") && strings.HasPrefix(f.s[o:], n.Value) {
		raw := n.Value
		return newToken(raw, o, raw, identity(o, len(raw)), func(r string) (string, bool) {
			return r, plainOK(r, flow)
		}), true
	}
	return approxVal(o + len(n.Value))
}

// plainOK reports whether YAML reads raw as the same plain scalar text.
func plainOK(raw string, flow bool) bool {
	if raw == "" || strings.TrimSpace(raw) != raw || strings.ContainsAny(raw, "\n\r") ||
		strings.Contains(raw, ": ") || strings.Contains(raw, " #") || strings.HasSuffix(raw, ":") ||
		strings.IndexByte(",[]{}#&*!|>'\"%@`", raw[0]) >= 0 {
		return false
	}
	if strings.IndexByte("-?:", raw[0]) >= 0 {
		// An indicator starts a plain scalar when a character that is safe there follows
		// (YAML 1.2 ns-plain-first): command lines such as "-c ssl=off" are plain scalars.
		// Document markers are left alone.
		if len(raw) < 2 || raw[1] == ' ' || raw[1] == '\t' || strings.HasPrefix(raw, "---") ||
			flow && strings.IndexByte(",[]{}", raw[1]) >= 0 {
			return false
		}
	}
	if flow && strings.ContainsAny(raw, ",[]{}") {
		return false
	}
	return true
}

// blockScalar maps a literal (|) or folded (>) block scalar whose header is at o. The value
// used is the content read literally (lines without their indentation, joined by newlines):
// connection strings sit inside lines, and a folded scalar's line joins do not matter there.
func (f *yamlFile) blockScalar(n *yaml.Node, o int) (value, bool) {
	approxVal := func() (value, bool) {
		return value{s: n.Value, m: approx(o, f.lineEnd(o), len(n.Value))}, true
	}
	if f.s[o] != '|' && f.s[o] != '>' {
		return approxVal()
	}
	header := f.s[o:f.lineEnd(o)]
	if strings.ContainsAny(strings.SplitN(header, "#", 2)[0], "123456789") {
		// An explicit indentation indicator: rare, and relative to the parent's indentation.
		return approxVal()
	}
	start := f.nextLine(o)
	indent := -1
	end := start
	for p := start; p < len(f.s); {
		le := f.lineEnd(p)
		line := f.s[p:le]
		sp := len(line) - len(strings.TrimLeft(line, " "))
		blank := strings.TrimSpace(line) == ""
		if !blank {
			if indent < 0 {
				indent = sp
			}
			if sp < indent {
				break
			}
		}
		p = f.nextLine(p)
		if !blank {
			end = p
		}
		if p == le { // no line break: end of file
			break
		}
	}
	if indent <= 0 || end <= start {
		return approxVal()
	}
	raw := f.s[start:end]
	val, m, ok := decodeBlock(raw, start, indent)
	if !ok {
		return approxVal()
	}
	v := newToken(raw, start, val, m, func(r string) (string, bool) {
		d, _, ok := decodeBlock(r, 0, indent)
		return d, ok
	})
	// The value itself without trailing line breaks, so that a block holding only a
	// connection string is one.
	return v.sub(0, len(strings.TrimRight(val, "\n"))), true
}

// decodeBlock strips indent spaces from every line of raw (which starts at file offset base)
// and joins the lines with "\n". Lines with less indentation must be blank.
func decodeBlock(raw string, base, indent int) (string, *mapping, bool) {
	var b builder
	for p := 0; p < len(raw); {
		le := p
		for le < len(raw) && raw[le] != '\n' && raw[le] != '\r' {
			le++
		}
		line := raw[p:le]
		if strings.TrimSpace(line) != "" {
			if len(line) < indent || strings.TrimLeft(line[:indent], " ") != "" {
				return "", nil, false
			}
			for k := p + indent; k < le; k++ {
				b.lit(raw[k], base+k)
			}
		}
		if le >= len(raw) {
			break
		}
		w := 1
		if raw[le] == '\r' && le+1 < len(raw) && raw[le+1] == '\n' {
			w = 2
		}
		b.esc("\n", base+le, base+le+w)
		p = le + w
	}
	s, m := b.done(base + len(raw))
	if len(s) == 0 {
		m = identity(base, 0)
	}
	return s, m, true
}

// entryLines returns the span that removes a block mapping entry "key: value" alone on its
// line, or nil.
func (f *yamlFile) entryLines(k, v *yaml.Node, val value) *rules.Span {
	ko := f.offset(k.Line, k.Column)
	if ko < 0 || k.Line != v.Line || !val.m.exact || strings.TrimSpace(f.s[f.lineStart(ko):ko]) != "" {
		return nil
	}
	return f.restOfLine(f.lineStart(ko), val.full().End)
}

// restOfLine returns [ls, next line) when only blanks or a comment follow offset after on its
// line, or nil.
func (f *yamlFile) restOfLine(ls, after int) *rules.Span {
	if after > len(f.s) || after < ls {
		return nil
	}
	if v := f.s[after:]; len(v) > 0 && v[0] == '\'' || len(v) > 0 && v[0] == '"' {
		after++ // the closing quote of a quoted scalar
	}
	le := f.lineEnd(after)
	rest := strings.TrimSpace(f.s[min(after, le):le])
	if rest != "" && !strings.HasPrefix(rest, "#") {
		return nil
	}
	return &rules.Span{Start: ls, End: f.nextLine(after)}
}

// itemLines returns the span that removes a block sequence item "- value", or nil.
func (f *yamlFile) itemLines(it *yaml.Node, val value) *rules.Span {
	o := f.offset(it.Line, it.Column)
	if o < 0 || !val.m.exact {
		return nil
	}
	ls := f.lineStart(o)
	if strings.TrimSpace(strings.TrimSpace(f.s[ls:o])) != "-" {
		return nil
	}
	return f.restOfLine(ls, val.full().End)
}

// k8sItemLines returns the span that removes a block sequence item "- name: X / value: Y".
func (f *yamlFile) k8sItemLines(it, name *yaml.Node, v value) *rules.Span {
	o := f.offset(it.Line, it.Column)
	if o < 0 || !v.m.exact {
		return nil
	}
	ls := f.lineStart(o)
	if strings.TrimSpace(f.s[ls:o]) != "-" {
		return nil
	}
	last := v.full().End
	if no := f.offset(name.Line, name.Column); no > last {
		// name: after value: find the end of the name's line instead.
		if nv, ok := f.scalar(name, false); ok && nv.m.exact {
			last = nv.full().End
		}
	}
	return f.restOfLine(ls, last)
}

// ComposeServices returns the names a Compose file gives its containers on the project
// network: service names, container_name, hostname, network aliases and link aliases. They are
// local hosts for the rules (rules.Options.LocalServices). A file that does not parse gives
// none.
func ComposeServices(path string, content []byte) []string {
	_ = path
	docs, err := decodeYAML(content)
	if err != nil && len(docs) == 0 {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		s = strings.TrimSpace(s)
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, d := range docs {
		if d.Kind != yaml.DocumentNode || len(d.Content) == 0 || d.Content[0].Kind != yaml.MappingNode {
			continue
		}
		root := d.Content[0]
		services := mapGet(root, "services")
		if services == nil {
			// Compose file format 1: the services are the top-level keys.
			services = root
		}
		if services.Kind != yaml.MappingNode {
			continue
		}
		for i := 0; i+1 < len(services.Content); i += 2 {
			name, svc := services.Content[i], services.Content[i+1]
			if svc.Kind != yaml.MappingNode || strings.HasPrefix(name.Value, "x-") {
				continue
			}
			if services == root && mapGet(svc, "image") == nil && mapGet(svc, "build") == nil {
				continue
			}
			add(name.Value)
			for _, k := range []string{"container_name", "hostname"} {
				if v := mapGet(svc, k); v != nil && v.Kind == yaml.ScalarNode {
					add(v.Value)
				}
			}
			if nets := mapGet(svc, "networks"); nets != nil && nets.Kind == yaml.MappingNode {
				for j := 1; j < len(nets.Content); j += 2 {
					if al := mapGet(nets.Content[j], "aliases"); al != nil && al.Kind == yaml.SequenceNode {
						for _, a := range al.Content {
							add(a.Value)
						}
					}
				}
			}
			if links := mapGet(svc, "links"); links != nil && links.Kind == yaml.SequenceNode {
				for _, l := range links.Content {
					if _, alias, ok := strings.Cut(l.Value, ":"); ok {
						add(alias)
					}
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// mapGet returns the value of key in a mapping node, or nil.
func mapGet(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}
