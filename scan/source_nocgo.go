//go:build !cgo

package scan

import (
	"errors"

	"github.com/pgtlslint/pgtlslint/analyzers/treesitter/syntax"
	walk "github.com/pgtlslint/pgtlslint/scan/walk"
)

// sourceParser stands in for the tree-sitter parsers, which need cgo.
type sourceParser struct{}

func newSourceParser() *sourceParser { return &sourceParser{} }

func (p *sourceParser) available() bool { return false }

func (p *sourceParser) parse(int, walk.Kind, string, []byte) (*syntax.Tree, error) {
	return nil, errors.New("built without cgo")
}

func (p *sourceParser) close() {}
