package scan

import (
	"fmt"
	"strings"

	"github.com/pgtlslint/pgtlslint/analyzers/java"
	"github.com/pgtlslint/pgtlslint/analyzers/javascript"
	"github.com/pgtlslint/pgtlslint/analyzers/python"
	"github.com/pgtlslint/pgtlslint/analyzers/treesitter/syntax"
	"github.com/pgtlslint/pgtlslint/model/manifest"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/scan/result"
	walk "github.com/pgtlslint/pgtlslint/scan/walk"
)

// sourceAnalyzers are the analyzers of the languages parsed with tree-sitter.
var sourceAnalyzers = map[walk.Kind]func(*syntax.Tree, string, manifest.Hint, bool) []*rules.Target{
	walk.KindPython:     python.Analyze,
	walk.KindJavaScript: javascript.Analyze,
	walk.KindTypeScript: javascript.Analyze,
	walk.KindJava:       java.Analyze,
}

// analyzeSource parses a Python, JavaScript, TypeScript or Java file and runs its analyzer;
// false means this build cannot parse it (no cgo) and the file gets the text search.
//
// A panic in an analyzer (a bug) costs neither the scan nor the file: it becomes a notice, and
// the file gets the plain-text search, which is simple enough to trust.
func analyzeSource(p *sourceParser, worker int, f walk.File, hint manifest.Hint, forced bool) (fr fileResult, ok bool) {
	analyze := sourceAnalyzers[f.Kind]
	if analyze == nil || !p.available() {
		return fileResult{}, false
	}
	defer func() {
		if r := recover(); r != nil {
			fr = analyzeFile(f, hint)
			fr.notices = append(fr.notices, result.Notice{Path: f.Path, Kind: result.NoticePanic,
				Message: fmt.Sprintf("%s analyzer panic (searched as text instead): %v", f.Kind, r)})
			ok = true
		}
	}()
	fr = fileResult{path: f.Path}
	tree, err := p.parse(worker, f.Kind, f.Path, f.Content)
	if err != nil {
		fr.notices = append(fr.notices, result.Notice{Path: f.Path, Kind: result.NoticeParseError, Message: err.Error()})
		return fr, true
	}
	if tree.Errors > 0 {
		// tree-sitter recovers from syntax errors: the rest of the file is still analyzed.
		fr.notices = append(fr.notices, result.Notice{Path: f.Path, Kind: result.NoticeParseError,
			Message: fmt.Sprintf("syntax error at line %d; analyzed the parts that parse", firstErrorLine(tree))})
	}
	targets := analyze(tree, f.Path, hint, forced)
	if len(targets) == 0 {
		return fr, true
	}
	fr.targets = targets
	fr.readLines(f.Content)
	return fr, true
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

// noCgoNotice is the one notice of a scan that searched source files as text.
func noCgoNotice(files int) result.Notice {
	return result.Notice{Kind: result.NoticeNoCgo, Message: fmt.Sprintf(
		"this pgtlslint was built without cgo: %d Python/JavaScript/TypeScript/Java file(s) were searched as plain text, without their analyzers; build it with CGO_ENABLED=1 and a C compiler", files)}
}
