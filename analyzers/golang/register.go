package golang

import (
	"github.com/pgtlslint/pgtlslint/scan/filekind"
	"github.com/pgtlslint/pgtlslint/scan/plugin"
)

// Kind is Go source.
const Kind filekind.Kind = "go"

// Go registers with the scan here. The scan reads a file's package without building it
// (Packages), so its analyzer keeps a cache of the packages of one scan.
func init() {
	plugin.Register(plugin.Plugin{
		Name:  "go",
		Kinds: []filekind.Spec{{Kind: Kind, Exts: []string{".go"}}},
		New: func(s plugin.Scan) plugin.Analyzer {
			return &scanAnalyzer{pkgs: &Packages{MaxFileSize: s.MaxFileSize, HintFor: func(p string) Hint {
				h, forced := s.Hint(p)
				return Hint{Driver: h.Driver, Evidence: h.Evidence, Forced: forced}
			}}}
		},
	})
}

// scanAnalyzer is the Go analyzer of a scan.
type scanAnalyzer struct{ pkgs *Packages }

// Analyze implements plugin.Analyzer: a file that is not valid Go gets the text search.
func (a *scanAnalyzer) Analyze(f plugin.File) plugin.Output {
	res, err := a.pkgs.Analyze(f.Path, f.Abs, f.Content)
	if err != nil {
		return plugin.Output{Fallback: plugin.FallbackSyntax}
	}
	return plugin.Output{Targets: res.Targets, Package: res}
}
