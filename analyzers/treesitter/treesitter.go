//go:build cgo

package treesitter

import (
	"errors"
	"fmt"
	"sync"
	"unsafe"

	ts "github.com/tree-sitter/go-tree-sitter"
	tsjava "github.com/tree-sitter/tree-sitter-java/bindings/go"
	tsjs "github.com/tree-sitter/tree-sitter-javascript/bindings/go"
	tspython "github.com/tree-sitter/tree-sitter-python/bindings/go"
	tsts "github.com/tree-sitter/tree-sitter-typescript/bindings/go"

	"github.com/pgtlslint/pgtlslint/analyzers/treesitter/syntax"
)

// grammar is a loaded language with its node kind and field names, read once: asking the C
// library for a name allocates a Go string every time.
type grammar struct {
	lang   *ts.Language
	kinds  []string
	named  []bool
	fields []string
}

var (
	grammarsOnce sync.Once
	grammars     [numLanguages]*grammar
)

func loadGrammars() {
	useLibcAllocator()
	ptrs := [numLanguages]unsafe.Pointer{
		Python:     tspython.Language(),
		JavaScript: tsjs.Language(),
		TypeScript: tsts.LanguageTypescript(),
		TSX:        tsts.LanguageTSX(),
		Java:       tsjava.Language(),
	}
	for i, p := range ptrs {
		l := ts.NewLanguage(p)
		g := &grammar{lang: l}
		n := l.NodeKindCount()
		g.kinds = make([]string, n)
		g.named = make([]bool, n)
		for id := uint32(0); id < n; id++ {
			g.kinds[id] = l.NodeKindForId(uint16(id))
			g.named[id] = l.NodeKindIsNamed(uint16(id))
		}
		nf := l.FieldCount()
		g.fields = make([]string, nf+1)
		for id := uint32(1); id <= nf; id++ {
			g.fields[id] = l.FieldNameForId(uint16(id))
		}
		grammars[i] = g
	}
}

// MaxNodes bounds the nodes copied from one tree (about 100 bytes each); a file with more is
// not analyzed. The scan's size cap (1 MiB by default) normally stops such files first.
const MaxNodes = 4 << 20

// ErrTooLarge is returned for a tree with more than MaxNodes nodes.
var ErrTooLarge = errors.New("too many syntax nodes to analyze")

// Parser parses files of every language; it owns one tree-sitter parser per language.
type Parser struct {
	parsers [numLanguages]*ts.Parser
}

// NewParser returns a parser; Close frees it.
func NewParser() *Parser {
	grammarsOnce.Do(loadGrammars)
	return &Parser{}
}

// Close frees the tree-sitter parsers.
func (p *Parser) Close() {
	for i, tp := range p.parsers {
		if tp != nil {
			tp.Close()
			p.parsers[i] = nil
		}
	}
}

// Parse parses src as lang and returns its syntax tree. A file with syntax errors still gives
// a tree (tree-sitter recovers); Tree.Errors counts the broken places.
func (p *Parser) Parse(lang Language, src []byte) (*syntax.Tree, error) {
	if lang < 0 || lang >= numLanguages {
		return nil, fmt.Errorf("treesitter: unknown language %d", lang)
	}
	g := grammars[lang]
	tp := p.parsers[lang]
	if tp == nil {
		tp = ts.NewParser()
		if err := tp.SetLanguage(g.lang); err != nil {
			tp.Close()
			return nil, fmt.Errorf("treesitter: %s grammar: %w", lang, err)
		}
		p.parsers[lang] = tp
	}
	tree := tp.Parse(src, nil)
	if tree == nil {
		return nil, fmt.Errorf("treesitter: %s parser gave no tree", lang)
	}
	defer tree.Close()
	return copyTree(g, tree, src)
}

// Pool hands each scan worker its own Parser.
type Pool struct {
	mu      sync.Mutex
	parsers map[int]*Parser
}

// NewPool returns an empty pool.
func NewPool() *Pool { return &Pool{parsers: map[int]*Parser{}} }

// Get returns worker's parser, making it on first use.
func (pl *Pool) Get(worker int) *Parser {
	pl.mu.Lock()
	defer pl.mu.Unlock()
	p := pl.parsers[worker]
	if p == nil {
		p = NewParser()
		pl.parsers[worker] = p
	}
	return p
}

// Close frees every parser of the pool.
func (pl *Pool) Close() {
	pl.mu.Lock()
	defer pl.mu.Unlock()
	for w, p := range pl.parsers {
		p.Close()
		delete(pl.parsers, w)
	}
}
