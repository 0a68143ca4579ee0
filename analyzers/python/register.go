package python

import (
	"github.com/pgtlslint/pgtlslint/analyzers/treesitter"
	"github.com/pgtlslint/pgtlslint/scan/filekind"
	"github.com/pgtlslint/pgtlslint/scan/plugin"
)

// Kind is Python source.
const Kind filekind.Kind = "python"

// Python registers with the scan here.
func init() {
	plugin.Register(plugin.Plugin{
		Name:  "python",
		Kinds: []filekind.Spec{{Kind: Kind, Exts: []string{".py", ".pyw"}, Interpreters: []string{"python", "pypy"}}},
		New: func(plugin.Scan) plugin.Analyzer {
			return treesitter.NewSource(treesitter.Only(treesitter.Python), Analyze)
		},
	})
}
