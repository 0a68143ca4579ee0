package javascript

import (
	"strings"

	"github.com/pgtlslint/pgtlslint/analyzers/treesitter"
	"github.com/pgtlslint/pgtlslint/scan/filekind"
	"github.com/pgtlslint/pgtlslint/scan/plugin"
)

// The kinds: JavaScript (JSX too) and TypeScript (TSX too).
const (
	KindJavaScript filekind.Kind = "javascript"
	KindTypeScript filekind.Kind = "typescript"
)

// JavaScript and TypeScript register with the scan here.
func init() {
	plugin.Register(plugin.Plugin{
		Name: "javascript",
		Kinds: []filekind.Spec{
			{Kind: KindJavaScript, Exts: []string{".js", ".mjs", ".cjs", ".jsx"}, Interpreters: []string{"node", "nodejs", "bun"}},
			{Kind: KindTypeScript, Exts: []string{".ts", ".tsx", ".mts", ".cts"}, Interpreters: []string{"deno", "ts-node", "tsx"}},
		},
		New: func(plugin.Scan) plugin.Analyzer { return treesitter.NewSource(grammar, Analyze) },
	})
}

// grammar picks the grammar of a file: the JavaScript grammar parses JSX too; TypeScript's
// has a variant for TSX.
func grammar(k filekind.Kind, p string) treesitter.Language {
	switch {
	case k != KindTypeScript:
		return treesitter.JavaScript
	case strings.HasSuffix(strings.ToLower(p), ".tsx"):
		return treesitter.TSX
	}
	return treesitter.TypeScript
}
