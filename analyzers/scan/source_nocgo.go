//go:build !cgo

package scan

import (
	"errors"

	"github.com/pgtlslint/pgtlslint/analyzers"
	"github.com/pgtlslint/pgtlslint/analyzers/syntax"
)

// sourceParser stands in for the tree-sitter parsers, which need cgo.
type sourceParser struct{}

func newSourceParser() *sourceParser { return &sourceParser{} }

func (p *sourceParser) available() bool { return false }

func (p *sourceParser) parse(int, analyzers.Kind, string, []byte) (*syntax.Tree, error) {
	return nil, errors.New("built without cgo")
}

func (p *sourceParser) close() {}
