package scan

import (
	"fmt"
	"io"

	"github.com/pgtlslint/pgtlslint/model/manifest"
	"github.com/pgtlslint/pgtlslint/scan/filekind"
	"github.com/pgtlslint/pgtlslint/scan/plugin"
	"github.com/pgtlslint/pgtlslint/scan/result"
)

// analyzers are the registered plugins' analyzers for one scan of one root.
type analyzers struct {
	byKind map[filekind.Kind]plugin.Analyzer
	all    []plugin.Analyzer
	text   plugin.Analyzer
}

// newAnalyzers makes the analyzer of every registered plugin for a scan.
func newAnalyzers(s plugin.Scan) *analyzers {
	az := &analyzers{byKind: map[filekind.Kind]plugin.Analyzer{}}
	s.Text = az.textSearch
	for _, p := range plugin.All() {
		a := p.New(s)
		az.all = append(az.all, a)
		for _, k := range p.Kinds {
			az.byKind[k.Kind] = a
		}
	}
	az.text = az.byKind[filekind.KindText]
	if az.text == nil {
		panic("scan: no plugin reads " + string(filekind.KindText) + " files")
	}
	return az
}

// textSearch is the plain-text search (the text kind's analyzer) with another hint.
func (az *analyzers) textSearch(f plugin.File, hint manifest.Hint) plugin.Output {
	f.Hint = hint
	return az.text.Analyze(f)
}

// analyze runs the analyzer of a file's kind. A file it cannot read gets the text search
// (noCgo says why, when it is the build), and so does one it panics on: a bug of one analyzer
// costs neither the scan nor the file, and the notice says so.
func (az *analyzers) analyze(f plugin.File) (out plugin.Output, noCgo bool) {
	a := az.byKind[f.Kind]
	if a == nil || a == az.text {
		return az.text.Analyze(f), false
	}
	defer func() {
		if r := recover(); r != nil {
			out = az.text.Analyze(f)
			out.Notices = append(out.Notices, result.Notice{Path: f.Path, Kind: result.NoticePanic,
				Message: fmt.Sprintf("%s analyzer panic (searched as text instead): %v", f.Kind, r)})
			noCgo = false
		}
	}()
	out = a.Analyze(f)
	if out.Fallback != "" {
		return az.text.Analyze(f), out.Fallback == plugin.FallbackNoCgo
	}
	return out, false
}

// close closes the analyzers that hold resources (parsers).
func (az *analyzers) close() {
	for _, a := range az.all {
		if c, ok := a.(io.Closer); ok {
			_ = c.Close()
		}
	}
}
