//go:build !cgo

package treesitter

import (
	"errors"

	"github.com/pgtlslint/pgtlslint/analyzers/treesitter/syntax"
)

// sourcePool stands in for the tree-sitter parsers, which need cgo.
type sourcePool struct{}

func newSourcePool() *sourcePool { return &sourcePool{} }

func (p *sourcePool) available() bool { return false }

func (p *sourcePool) parse(int, Language, []byte) (*syntax.Tree, error) {
	return nil, errors.New("built without cgo")
}

func (p *sourcePool) close() {}
