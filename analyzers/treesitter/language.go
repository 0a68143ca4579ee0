// Package treesitter parses Python, JavaScript, TypeScript (and TSX) and Java with tree-sitter
// (github.com/tree-sitter/go-tree-sitter and the grammar modules pinned in go.mod) and copies
// each tree into a syntax.Tree; Source is the scan analyzer of such a language. The parsers
// need cgo: the grammars are C. In a CGO_ENABLED=0 build Source says so, and the scan searches
// such files as text instead.
//
// A Parser is not safe for concurrent use: a Source gives each worker its own (Pool).
package treesitter

import "fmt"

// Language is a grammar.
type Language int

// The grammars.
const (
	Python Language = iota
	JavaScript
	TypeScript
	TSX
	Java
	numLanguages
)

func (l Language) String() string {
	switch l {
	case Python:
		return "Python"
	case JavaScript:
		return "JavaScript"
	case TypeScript:
		return "TypeScript"
	case TSX:
		return "TSX"
	case Java:
		return "Java"
	}
	return fmt.Sprintf("Language(%d)", int(l))
}
