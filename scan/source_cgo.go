//go:build cgo

package scan

import (
	"fmt"
	"strings"

	"github.com/pgtlslint/pgtlslint/analyzers/treesitter"
	"github.com/pgtlslint/pgtlslint/analyzers/treesitter/syntax"
	walk "github.com/pgtlslint/pgtlslint/scan/walk"
)

// sourceParser gives each scan worker its own tree-sitter parsers.
type sourceParser struct{ pool *treesitter.Pool }

func newSourceParser() *sourceParser { return &sourceParser{pool: treesitter.NewPool()} }

func (p *sourceParser) available() bool { return true }

func (p *sourceParser) parse(worker int, kind walk.Kind, path string, content []byte) (*syntax.Tree, error) {
	var lang treesitter.Language
	switch kind {
	case walk.KindPython:
		lang = treesitter.Python
	case walk.KindJavaScript:
		// The JavaScript grammar parses JSX too.
		lang = treesitter.JavaScript
	case walk.KindTypeScript:
		lang = treesitter.TypeScript
		if strings.HasSuffix(strings.ToLower(path), ".tsx") {
			lang = treesitter.TSX
		}
	case walk.KindJava:
		lang = treesitter.Java
	default:
		return nil, fmt.Errorf("no grammar for %s files", kind)
	}
	return p.pool.Get(worker).Parse(lang, content)
}

func (p *sourceParser) close() { p.pool.Close() }
