// Package syntax is the parse tree the source analyzers (Python, JavaScript, TypeScript, Java)
// read: a plain Go copy of a tree-sitter tree. The tree-sitter tree is copied once and closed
// at once, so the analyzers never hold C memory, never cross cgo while they walk, and build
// and run without cgo (analyzers/treesitter, which needs cgo, makes these trees).
package syntax

// Node is one node of a parse tree.
type Node struct {
	// Kind is the grammar's node type ("call", "string", "(").
	Kind string
	// Field is the name of the field this node fills in its parent ("function", "arguments"),
	// or "".
	Field string
	// Start and End are byte offsets in the source.
	Start, End int
	// Named is false for anonymous tokens such as punctuation and keywords.
	Named bool
	// Error marks an ERROR or MISSING node: the source does not parse here.
	Error    bool
	Parent   *Node
	Children []*Node
}

// Tree is a parsed file.
type Tree struct {
	Root *Node
	// Src is the tree's own copy of the file: it stays valid after the caller's buffer is
	// reused.
	Src []byte
	// Errors counts the ERROR and MISSING nodes.
	Errors int
}

// Text is the source text of n.
func (t *Tree) Text(n *Node) string {
	if n == nil || n.Start < 0 || n.End > len(t.Src) || n.Start > n.End {
		return ""
	}
	return string(t.Src[n.Start:n.End])
}

// Child returns the first child filling field, or nil.
func (n *Node) Child(field string) *Node {
	if n == nil {
		return nil
	}
	for _, c := range n.Children {
		if c.Field == field {
			return c
		}
	}
	return nil
}

// NamedChildren returns the named children of n (no punctuation, no keywords).
func (n *Node) NamedChildren() []*Node {
	if n == nil {
		return nil
	}
	out := make([]*Node, 0, len(n.Children))
	for _, c := range n.Children {
		if c.Named {
			out = append(out, c)
		}
	}
	return out
}

// FirstNamed returns the first named child of the given kind, or nil.
func (n *Node) FirstNamed(kind string) *Node {
	if n == nil {
		return nil
	}
	for _, c := range n.Children {
		if c.Named && c.Kind == kind {
			return c
		}
	}
	return nil
}

// Walk visits n and its descendants in source order; when fn returns false the node's
// children are skipped. It keeps its own stack, so a deeply nested file cannot exhaust the Go
// stack.
func (n *Node) Walk(fn func(*Node) bool) {
	if n == nil {
		return
	}
	stack := []*Node{n}
	for len(stack) > 0 {
		cur := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !fn(cur) {
			continue
		}
		for i := len(cur.Children) - 1; i >= 0; i-- {
			stack = append(stack, cur.Children[i])
		}
	}
}

// Ancestor returns the nearest proper ancestor of n whose kind is one of kinds, or nil.
func (n *Node) Ancestor(kinds ...string) *Node {
	for p := n.Parent; p != nil; p = p.Parent {
		for _, k := range kinds {
			if p.Kind == k {
				return p
			}
		}
	}
	return nil
}

// Unwrap returns the expression inside any parentheses around n.
func (n *Node) Unwrap() *Node {
	for n != nil && (n.Kind == "parenthesized_expression") {
		inner := n.NamedChildren()
		if len(inner) != 1 {
			return n
		}
		n = inner[0]
	}
	return n
}

// Contains reports whether n's span holds [start, end).
func (n *Node) Contains(start, end int) bool {
	return n != nil && n.Start <= start && end <= n.End
}
