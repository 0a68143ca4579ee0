//go:build cgo

package treesitter

/*
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

// The few declarations of tree-sitter's api.h (v0.25) this file uses. The functions are
// compiled into the binary by github.com/tree-sitter/go-tree-sitter, whose Node is exactly
// one TSNode, so a *Node can be read as a TSNode here.
typedef struct TSNode {
	uint32_t context[4];
	const void *id;
	const void *tree;
} TSNode;
typedef struct TSTreeCursor {
	const void *tree;
	const void *id;
	uint32_t context[3];
} TSTreeCursor;
extern TSTreeCursor ts_tree_cursor_new(TSNode node);
extern void ts_tree_cursor_delete(TSTreeCursor *self);
extern TSNode ts_tree_cursor_current_node(const TSTreeCursor *self);
extern uint16_t ts_tree_cursor_current_field_id(const TSTreeCursor *self);
extern bool ts_tree_cursor_goto_first_child(TSTreeCursor *self);
extern bool ts_tree_cursor_goto_next_sibling(TSTreeCursor *self);
extern bool ts_tree_cursor_goto_parent(TSTreeCursor *self);
extern uint16_t ts_node_symbol(TSNode self);
extern uint32_t ts_node_start_byte(TSNode self);
extern uint32_t ts_node_end_byte(TSNode self);
extern bool ts_node_is_named(TSNode self);
extern bool ts_node_is_error(TSNode self);
extern bool ts_node_is_missing(TSNode self);
extern void ts_set_allocator(void *(*)(size_t), void *(*)(size_t, size_t), void *(*)(void *, size_t), void (*)(void *));

// use_libc_allocator points tree-sitter's allocations straight at libc. The Go binding
// installs allocators that call into Go and back into libc's malloc for every allocation; that
// round trip was a quarter of the parse time. Both end in the same malloc and free, so memory
// allocated either way is freed correctly either way.
static void use_libc_allocator(void) { ts_set_allocator(NULL, NULL, NULL, NULL); }

// record is one node, in preorder; parent is the index of the parent record or -1.
typedef struct record {
	uint32_t start, end;
	int32_t parent;
	uint16_t symbol, field;
	uint8_t named, error;
} record;

// copy_tree writes the nodes under *root in preorder into out (room for cap records) and
// returns how many it wrote, or -1 when they do not fit. One call crosses cgo for a whole tree.
static int64_t copy_tree(const TSNode *root, record *out, int64_t cap) {
	TSTreeCursor c = ts_tree_cursor_new(*root);
	int64_t n = 0, cur = -1;
	for (;;) {
		if (n >= cap) {
			ts_tree_cursor_delete(&c);
			return -1;
		}
		TSNode node = ts_tree_cursor_current_node(&c);
		record *r = &out[n];
		r->start = ts_node_start_byte(node);
		r->end = ts_node_end_byte(node);
		r->parent = (int32_t)cur;
		r->symbol = ts_node_symbol(node);
		r->field = ts_tree_cursor_current_field_id(&c);
		r->named = ts_node_is_named(node);
		r->error = ts_node_is_error(node) || ts_node_is_missing(node);
		if (ts_tree_cursor_goto_first_child(&c)) {
			cur = n++;
			continue;
		}
		n++;
		while (!ts_tree_cursor_goto_next_sibling(&c)) {
			if (!ts_tree_cursor_goto_parent(&c)) {
				ts_tree_cursor_delete(&c);
				return n;
			}
			cur = out[cur].parent;
		}
	}
}
*/
import "C"

import (
	"bytes"
	"unsafe"

	ts "github.com/tree-sitter/go-tree-sitter"

	"github.com/pgtlslint/pgtlslint/analyzers/treesitter/syntax"
)

// useLibcAllocator makes tree-sitter allocate with libc directly (see use_libc_allocator).
func useLibcAllocator() { C.use_libc_allocator() }

// copyTree copies a tree-sitter tree into Go nodes: one cgo call fills a flat array of
// records, then the nodes and their child lists are built in two allocations. Walking the tree
// through the Go binding instead costs about ten cgo calls a node.
func copyTree(g *grammar, tree *ts.Tree, src []byte) (*syntax.Tree, error) {
	root := tree.RootNode()
	count := int(root.DescendantCount())
	if count > MaxNodes {
		return nil, ErrTooLarge
	}
	recs := make([]C.record, count)
	n := int(C.copy_tree((*C.TSNode)(unsafe.Pointer(root)), unsafe.SliceData(recs), C.int64_t(count)))
	if n < 1 {
		return nil, ErrTooLarge
	}
	recs = recs[:n]
	nodes := make([]syntax.Node, n)
	kids := make([]int, n)
	for i := 1; i < n; i++ {
		kids[recs[i].parent]++
	}
	children := make([]*syntax.Node, n-1)
	// The tree keeps a copy of the source: the scan reuses its read buffer for the next file
	// while the targets of this one, whose fix editors read the source, wait for evaluation.
	out := &syntax.Tree{Src: bytes.Clone(src), Root: &nodes[0]}
	off := 0
	for i := range nodes {
		r := &recs[i]
		nd := &nodes[i]
		nd.Start, nd.End = int(r.start), int(r.end)
		if int(r.symbol) < len(g.kinds) {
			nd.Kind = g.kinds[r.symbol]
		}
		if f := int(r.field); f != 0 && f < len(g.fields) {
			nd.Field = g.fields[f]
		}
		nd.Named = r.named != 0
		nd.Error = r.error != 0
		if nd.Error {
			out.Errors++
		}
		nd.Children = children[off : off : off+kids[i]]
		off += kids[i]
		if r.parent >= 0 {
			p := &nodes[r.parent]
			nd.Parent = p
			p.Children = append(p.Children, nd)
		}
	}
	return out, nil
}
