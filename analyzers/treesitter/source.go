package treesitter

import (
	"fmt"
	"strings"

	"github.com/pgtlslint/pgtlslint/analyzers/treesitter/syntax"
	"github.com/pgtlslint/pgtlslint/model/manifest"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/scan/filekind"
	"github.com/pgtlslint/pgtlslint/scan/plugin"
	"github.com/pgtlslint/pgtlslint/scan/result"
)

// Analyze is a language analyzer's entry point: the connections of a parsed file. hint is what
// the project says about the driver, forced whether the user chose it.
type Analyze func(tree *syntax.Tree, path string, hint manifest.Hint, forced bool) []*rules.Target

// Source is the scan analyzer of a language parsed with tree-sitter: it parses each file with
// its worker's parser, reports syntax errors as a notice and analyzes what parses.
type Source struct {
	grammar func(kind filekind.Kind, path string) Language
	analyze Analyze
	pool    *sourcePool
}

// NewSource returns the analyzer of a language for one scan; grammar picks the grammar of a
// file by its kind and path (TypeScript or TSX by extension). Close frees its parsers.
func NewSource(grammar func(kind filekind.Kind, path string) Language, analyze Analyze) *Source {
	return &Source{grammar: grammar, analyze: analyze, pool: newSourcePool()}
}

// Only is the grammar choice of a language with one grammar.
func Only(l Language) func(filekind.Kind, string) Language {
	return func(filekind.Kind, string) Language { return l }
}

// Analyze implements plugin.Analyzer.
func (s *Source) Analyze(f plugin.File) plugin.Output {
	if !s.pool.available() {
		return plugin.Output{Fallback: plugin.FallbackNoCgo}
	}
	var out plugin.Output
	tree, err := s.pool.parse(f.Worker, s.grammar(f.Kind, f.Path), f.Content)
	if err != nil {
		out.Notices = append(out.Notices, result.Notice{Path: f.Path, Kind: result.NoticeParseError, Message: err.Error()})
		return out
	}
	if tree.Errors > 0 {
		// tree-sitter recovers from syntax errors: the rest of the file is still analyzed.
		out.Notices = append(out.Notices, result.Notice{Path: f.Path, Kind: result.NoticeParseError,
			Message: fmt.Sprintf("syntax error at line %d; analyzed the parts that parse", firstErrorLine(tree))})
	}
	out.Targets = s.analyze(tree, f.Path, f.Hint, f.Forced)
	return out
}

// Close implements io.Closer: it frees the parsers.
func (s *Source) Close() error {
	s.pool.close()
	return nil
}

func firstErrorLine(t *syntax.Tree) int {
	at := -1
	t.Root.Walk(func(n *syntax.Node) bool {
		if at >= 0 {
			return false
		}
		if n.Error {
			at = n.Start
			return false
		}
		return true
	})
	if at < 0 {
		return 0
	}
	return 1 + strings.Count(string(t.Src[:at]), "\n")
}

// NoCgoNotice is the one notice of a scan that searched files of these languages as text, in
// a build without cgo.
func NoCgoNotice(files int) result.Notice {
	return result.Notice{Kind: result.NoticeNoCgo, Message: fmt.Sprintf(
		"this pgtlslint was built without cgo: %d Python/JavaScript/TypeScript/Java file(s) were searched as plain text, without their analyzers; build it with CGO_ENABLED=1 and a C compiler", files)}
}
