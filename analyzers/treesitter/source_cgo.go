//go:build cgo

package treesitter

import "github.com/pgtlslint/pgtlslint/analyzers/treesitter/syntax"

// sourcePool gives each scan worker its own parser.
type sourcePool struct{ pool *Pool }

func newSourcePool() *sourcePool { return &sourcePool{pool: NewPool()} }

func (p *sourcePool) available() bool { return true }

func (p *sourcePool) parse(worker int, lang Language, content []byte) (*syntax.Tree, error) {
	return p.pool.Get(worker).Parse(lang, content)
}

func (p *sourcePool) close() { p.pool.Close() }
