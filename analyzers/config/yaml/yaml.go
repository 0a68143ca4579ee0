// Package yaml reads YAML: every document of the file (Kubernetes manifests hold several). Any
// scalar may be a connection string; keys name client variables wherever they are (Compose
// environment: as a map or as a list of NAME=value, Kubernetes env: as name/value pairs,
// ConfigMap data:, GitHub Actions env:); mappings with host and password keys configure a
// connection on their own; values of run:, script:, command: are shell. A container's command
// line (Compose, Kubernetes) that starts a server gives its settings (doc.CommandLine).
//
// yaml.v3 gives nodes a line and a column (counted in characters, not bytes) but no end. The
// byte offset of each scalar is computed from them and checked against the bytes there; its
// raw extent is found by scanning the scalar as its style says. Where that does not reproduce
// the value exactly the value still gets spans near it, but no edits.
package yaml

import (
	"bytes"
	"errors"
	"io"
	"strings"

	yamlv3 "go.yaml.in/yaml/v3"

	"github.com/pgtlslint/pgtlslint/analyzers/config/doc"
	"github.com/pgtlslint/pgtlslint/analyzers/config/server"
	"github.com/pgtlslint/pgtlslint/rules"
)

// decode parses every document of a YAML file.
func decode(content []byte) ([]*yamlv3.Node, error) {
	dec := yamlv3.NewDecoder(bytes.NewReader(content))
	var docs []*yamlv3.Node
	for {
		n := new(yamlv3.Node)
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

// frame is one node waiting to be visited: the walk keeps an explicit stack, so that deeply
// nested documents cannot overflow the goroutine stack.
type frame struct {
	n      *yamlv3.Node
	path   string
	key    string // the key this node is the value of
	sc     *doc.Scope
	parent *doc.Group
	flow   bool
	// argv marks a sequence read as a server's command line: its items are arguments, not
	// shell commands of their own.
	argv bool
}

// walker is the state of one Parse.
type walker struct {
	d     *doc.Document
	f     *file
	stack []frame
}

// Parse extracts the settings of every document. The offsets of the whole content are
// computed (a byte order mark included), so base is not needed.
//
// A template (a Helm chart's templates/*.yaml, an Ansible *.yaml.j2) is YAML only once
// rendered: its control lines ({{- if }}, {% for %}) and the actions that render whole lines
// ({{ toYaml .Values.env | nindent 12 }}) are no YAML, and an action where a value goes
// ({{ .Values.host }}) starts a flow mapping. A file that does not parse as it is, but does
// with its template actions masked (maskTemplate), is read masked: those lines are unknown,
// and a value holding an action is dynamic, its text the file's own.
func Parse(_ string, content []byte, _ int) (*doc.Document, error) {
	docs, err := decode(content)
	f := newFile(content)
	if err != nil {
		masked, ok := maskTemplate(content)
		if !ok {
			return nil, err
		}
		mdocs, merr := decode(masked)
		if merr != nil {
			return nil, err
		}
		docs, f = mdocs, newFile(masked)
		f.orig = string(content)
	}
	w := &walker{d: doc.New(), f: f}
	for i := len(docs) - 1; i >= 0; i-- {
		w.stack = append(w.stack, frame{n: docs[i], sc: w.d.File()})
	}
	for len(w.stack) > 0 {
		fr := w.stack[len(w.stack)-1]
		w.stack = w.stack[:len(w.stack)-1]
		w.visit(fr)
	}
	return w.d, nil
}

// push adds children to visit, the first one next.
func (w *walker) push(children []frame) {
	for i := len(children) - 1; i >= 0; i-- {
		w.stack = append(w.stack, children[i])
	}
}

// visit reads one node.
func (w *walker) visit(fr frame) {
	n := fr.n
	switch n.Kind {
	case yamlv3.DocumentNode:
		var children []frame
		for _, c := range n.Content {
			children = append(children, frame{n: c, path: fr.path, sc: fr.sc})
		}
		w.push(children)
	case yamlv3.MappingNode:
		w.mapping(fr)
	case yamlv3.SequenceNode:
		w.sequence(fr)
	case yamlv3.ScalarNode:
		// A document that is one scalar.
		if val, ok := w.f.scalar(n, false); ok {
			w.d.Add(&doc.Entry{Path: fr.path, Val: val, Scope: fr.sc})
		}
	}
}

// mapping reads a mapping: a group whose scalar values are entries.
func (w *walker) mapping(fr frame) {
	n := fr.n
	g := w.d.AddGroup(fr.key, fr.path)
	if fr.parent != nil && fr.key != "" {
		fr.parent.Sub[strings.ToLower(fr.key)] = g
	}
	flow := fr.flow || n.Style&yamlv3.FlowStyle != 0
	argvSeqs, pgCmd := w.command(n, flow)
	var children []frame
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yamlv3.ScalarNode || k.Value == "<<" {
			continue
		}
		p := doc.JoinPath(fr.path, k.Value)
		switch v.Kind {
		case yamlv3.ScalarNode:
			w.mappingEntry(fr, g, k, v, p, flow, len(n.Content) > 2, v == pgCmd)
		case yamlv3.MappingNode, yamlv3.SequenceNode:
			sc := fr.sc
			if doc.EnvKeys[strings.ToLower(k.Value)] {
				sc = w.d.NewScope()
				sc.Server = pgImage(n) || setsEntrypointVar(v)
			}
			children = append(children, frame{n: v, path: p, key: k.Value, sc: sc, parent: g, flow: flow, argv: argvSeqs[v]})
		}
	}
	w.push(children)
}

// mappingEntry reads key: value, a scalar value in a mapping (in group g) that has several
// entries when several is true.
func (w *walker) mappingEntry(fr frame, g *doc.Group, k, v *yamlv3.Node, p string, flow, several, pgCmd bool) {
	f := w.f
	val, ok := f.scalar(v, flow)
	if !ok {
		return
	}
	e := &doc.Entry{Key: k.Value, Path: p, Val: val, Scope: fr.sc, Shell: doc.ShellKeys[strings.ToLower(k.Value)], PGImage: pgCmd}
	e.Pair = rules.Span{Start: max(0, f.offset(k.Line, k.Column)), End: val.Full().End}
	if e.Pair.Start > e.Pair.End {
		e.Pair.Start = val.Full().Start
	}
	if !flow && several {
		e.Remove = f.entryLines(k, v, val)
	}
	g.Entries = append(g.Entries, e)
	w.d.Add(e)
}

// sequence reads a sequence: its scalar items are values (or NAME=value settings), mapping
// items may be Kubernetes env items.
func (w *walker) sequence(fr frame) {
	n := fr.n
	flow := fr.flow || n.Style&yamlv3.FlowStyle != 0
	several := len(n.Content) > 1
	var children []frame
	for _, it := range n.Content {
		switch it.Kind {
		case yamlv3.ScalarNode:
			w.item(fr, it, flow, several)
		case yamlv3.MappingNode:
			if w.k8sEnv(fr, it, flow, several) {
				continue
			}
			children = append(children, frame{n: it, path: fr.path, key: fr.key, sc: fr.sc, parent: fr.parent, flow: flow})
		case yamlv3.SequenceNode:
			children = append(children, frame{n: it, path: fr.path, key: fr.key, sc: fr.sc, parent: fr.parent, flow: flow})
		}
	}
	w.push(children)
}

// item handles a scalar list item: NAME=value in an environment list, or any value.
func (w *walker) item(fr frame, it *yamlv3.Node, flow, several bool) {
	f := w.f
	val, ok := f.scalar(it, flow)
	if !ok {
		return
	}
	shellKey := doc.ShellKeys[strings.ToLower(fr.key)]
	if e := doc.EnvListItem(val, fr.key, fr.path, fr.sc); !shellKey && e != nil {
		if !flow && several {
			e.Remove = f.itemLines(it, val)
		}
		w.d.Add(e)
		return
	}
	w.d.Add(&doc.Entry{Key: fr.key, Path: fr.path, Val: val, Scope: fr.sc, Shell: shellKey && !fr.argv})
}

// command reads the command line of a container described by mapping m (a Compose service, a
// Kubernetes container): the program and arguments from entrypoint: and command: (Compose) or
// command: and args: (Kubernetes), as lists. When that starts a server, its settings are an
// item of the document. It returns the sequences taken for a server's command line, and the
// scalar command: whose shell words are the arguments of a PostgreSQL image's entrypoint (nil
// when there is none).
func (w *walker) command(m *yamlv3.Node, flow bool) (map[*yamlv3.Node]bool, *yamlv3.Node) {
	// Kubernetes' command: replaces the image's entrypoint and args: its command; Compose's
	// entrypoint: and command: do the same.
	ep, cmd := mapGet(m, "entrypoint"), mapGet(m, "command")
	if args := mapGet(m, "args"); args != nil {
		ep, cmd = cmd, args
	}
	if ep == nil && cmd == nil {
		return nil, nil
	}
	pg := ep == nil && pgImage(m)
	var pgCmd *yamlv3.Node
	if pg && cmd != nil && cmd.Kind == yamlv3.ScalarNode {
		pgCmd = cmd
	}
	if !mayBeServerArgv(ep, cmd, pg) {
		return nil, pgCmd
	}
	argv, seqs, ok := w.argv(flow, ep, cmd)
	if !ok || len(argv) == 0 {
		return nil, pgCmd
	}
	settings, taken := server.Argv(argv, pg)
	if !taken {
		return nil, pgCmd
	}
	if len(settings) > 0 {
		w.d.Add(&doc.CommandLine{Settings: settings})
	}
	out := map[*yamlv3.Node]bool{}
	for _, s := range seqs {
		out[s] = true
	}
	return out, pgCmd
}

// pgImage reports whether the container mapping m runs a PostgreSQL image.
func pgImage(m *yamlv3.Node) bool {
	img := mapGet(m, "image")
	return img != nil && img.Kind == yamlv3.ScalarNode && server.IsPGImage(img.Value)
}

// setsEntrypointVar reports whether a container environment (a mapping, a list of NAME=value,
// or Kubernetes' list of name/value) sets a variable of the PostgreSQL image's entrypoint.
func setsEntrypointVar(env *yamlv3.Node) bool {
	switch env.Kind {
	case yamlv3.MappingNode:
		for i := 0; i+1 < len(env.Content); i += 2 {
			if server.EntrypointVars[env.Content[i].Value] {
				return true
			}
		}
	case yamlv3.SequenceNode:
		for _, it := range env.Content {
			name := it.Value
			if it.Kind == yamlv3.MappingNode {
				if n := mapGet(it, "name"); n != nil {
					name = n.Value
				}
			}
			name, _, _ = strings.Cut(name, "=")
			if server.EntrypointVars[name] {
				return true
			}
		}
	}
	return false
}

// argv returns the items of the sequences among parts, in order, with the sequences; false
// when an item is not a scalar that maps into the file.
func (w *walker) argv(flow bool, parts ...*yamlv3.Node) ([]doc.Value, []*yamlv3.Node, bool) {
	var argv []doc.Value
	var seqs []*yamlv3.Node
	for _, part := range parts {
		if part == nil || part.Kind != yamlv3.SequenceNode {
			continue
		}
		for _, it := range part.Content {
			if it.Kind != yamlv3.ScalarNode {
				return nil, nil, false
			}
			v, ok := w.f.scalar(it, flow || part.Style&yamlv3.FlowStyle != 0)
			if !ok {
				return nil, nil, false
			}
			argv = append(argv, v)
		}
		seqs = append(seqs, part)
	}
	return argv, seqs, true
}

// mayBeServerArgv is the cheap test that spares command the offsets of list items that cannot
// be a server's command line: a program that names a server, a -c option, or options for a
// PostgreSQL image.
func mayBeServerArgv(ep, cmd *yamlv3.Node, pg bool) bool {
	if pg && cmd != nil && cmd.Kind == yamlv3.SequenceNode && len(cmd.Content) > 0 && strings.HasPrefix(cmd.Content[0].Value, "-") {
		return true
	}
	for _, part := range []*yamlv3.Node{ep, cmd} {
		if part == nil || part.Kind != yamlv3.SequenceNode {
			continue
		}
		for _, it := range part.Content {
			if server.MayStart(it.Value) {
				return true
			}
		}
	}
	return false
}

// k8sEnv handles a Kubernetes env list item {name: X, value: Y}. It reports whether the item
// was one.
func (w *walker) k8sEnv(fr frame, it *yamlv3.Node, flow, several bool) bool {
	name, val := nameValue(it)
	if name == nil || val == nil {
		return false
	}
	f := w.f
	v, ok := f.scalar(val, flow || it.Style&yamlv3.FlowStyle != 0)
	if !ok {
		return true
	}
	e := &doc.Entry{Key: name.Value, Path: doc.JoinPath(fr.path, name.Value), Val: v, Pair: v.Full(), Scope: fr.sc}
	if !flow && it.Style&yamlv3.FlowStyle == 0 && several {
		e.Remove = f.k8sItemLines(it, name, v)
	}
	w.d.Add(e)
	return true
}

// nameValue returns the name: and value: scalars of a mapping that has just these two keys
// with scalar values, or nils.
func nameValue(it *yamlv3.Node) (name, val *yamlv3.Node) {
	if len(it.Content) != 4 {
		return nil, nil
	}
	for i := 0; i+1 < len(it.Content); i += 2 {
		k, v := it.Content[i], it.Content[i+1]
		if k.Kind != yamlv3.ScalarNode || v.Kind != yamlv3.ScalarNode {
			return nil, nil
		}
		switch k.Value {
		case "name":
			name = v
		case "value":
			val = v
		}
	}
	return name, val
}

// mapGet returns the value of key in a mapping node, or nil.
func mapGet(m *yamlv3.Node, key string) *yamlv3.Node {
	if m == nil || m.Kind != yamlv3.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}
