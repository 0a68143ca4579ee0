package java

import (
	"github.com/pgtlslint/pgtlslint/analyzers/treesitter"
	"github.com/pgtlslint/pgtlslint/scan/filekind"
	"github.com/pgtlslint/pgtlslint/scan/plugin"
)

// Kind is Java source.
const Kind filekind.Kind = "java"

// Java registers with the scan here.
func init() {
	plugin.Register(plugin.Plugin{
		Name:  "java",
		Kinds: []filekind.Spec{{Kind: Kind, Exts: []string{".java"}}},
		New: func(plugin.Scan) plugin.Analyzer {
			return treesitter.NewSource(treesitter.Only(treesitter.Java), Analyze)
		},
	})
}
