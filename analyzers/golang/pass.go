package golang

import (
	"fmt"
	"go/ast"
	"go/token"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/scan/filter"
	"github.com/pgtlslint/pgtlslint/scan/testcode"
)

// targets returns every target of the unit, sorted by position.
func (u *unit) targets(hintFor func(*ast.File) Hint) []target {
	ts := u.roots(hintFor)
	ts = append(ts, u.tlsTargets()...)
	ts = append(ts, u.envTargets(hintFor)...)
	sort.SliceStable(ts, func(i, j int) bool { return ts[i].Anchor.Start < ts[j].Anchor.Start })
	return ts
}

// run reports the findings of one package.
func run(pass *analysis.Pass, opts options) {
	names := map[*ast.File]string{}
	for _, f := range pass.Files {
		names[f] = pass.Fset.File(f.Pos()).Name()
	}
	u := newUnit(pass.Fset, pass.Files, pass.TypesInfo, names)
	hint := func(*ast.File) Hint {
		return Hint{Driver: opts.driver, Evidence: "configured driver", Forced: opts.driver != ""}
	}
	type key struct {
		pos  token.Pos
		rule string
	}
	seen := map[key]bool{}
	dirs := map[string][]filter.IgnoreDirective{}
	for _, t := range u.targets(hint) {
		for _, f := range rules.Evaluate(t.Target, opts.rules) {
			pos := token.Pos(f.Span.Start)
			if opts.off[f.RuleID] || (!opts.tests && inTestCode(pass, pos)) {
				continue
			}
			k := key{pos, f.RuleID}
			if seen[k] {
				continue
			}
			seen[k] = true
			if suppressed(pass, dirs, pos, f.RuleID) {
				continue
			}
			pass.Report(diagnostic(f))
		}
	}
}

// inTestCode reports whether the finding at pos sits in test code, judged as pgtlslint scan
// judges it on a scan of the module's root: by the file's path below that root. The finding's
// own file decides: a constant of db.go that only db_test.go reads is reported.
func inTestCode(pass *analysis.Pass, pos token.Pos) bool {
	tf := pass.Fset.File(pos)
	if tf == nil {
		return false
	}
	return testcode.Is(belowModule(pass, tf.Name()))
}

// belowModule returns the path of a file of the package below its module's root: the package's
// import path below the module's path, then the file's name. Only the name is known without a
// module (GOPATH mode), or when the package lies outside it. The import path of a test variant
// ("example.com/m/db [example.com/m/db.test]", as go vet names it) ends at the space.
func belowModule(pass *analysis.Pass, filename string) string {
	base := filepath.Base(filename)
	if pass.Module == nil || pass.Module.Path == "" || pass.Pkg == nil {
		return base
	}
	pkg, _, _ := strings.Cut(pass.Pkg.Path(), " ")
	if pkg == pass.Module.Path {
		return base
	}
	if dir, ok := strings.CutPrefix(pkg, pass.Module.Path+"/"); ok {
		return dir + "/" + base
	}
	return base
}

// suppressed reports whether a pgtlslint:ignore comment covers the finding.
func suppressed(pass *analysis.Pass, cache map[string][]filter.IgnoreDirective, pos token.Pos, rule string) bool {
	tf := pass.Fset.File(pos)
	if tf == nil {
		return false
	}
	name := tf.Name()
	dirs, ok := cache[name]
	if !ok {
		if content, err := pass.ReadFile(name); err == nil {
			dirs, _ = filter.ParseSuppressions(content)
		}
		cache[name] = dirs
	}
	_, ok = filter.MatchSuppression(dirs, tf.Line(pos), rule)
	return ok
}

// diagnostic turns a finding whose spans are positions into a diagnostic with at most one
// suggested fix.
func diagnostic(f rules.Finding) analysis.Diagnostic {
	d := analysis.Diagnostic{
		Pos:      token.Pos(f.Span.Start),
		End:      token.Pos(f.Span.End),
		Category: f.RuleID,
		Message:  fmt.Sprintf("%s: %s", f.RuleID, f.Message),
	}
	if f.Fix != nil && len(f.Fix.Edits) > 0 {
		sf := analysis.SuggestedFix{Message: f.Fix.Description}
		for _, e := range f.Fix.Edits {
			sf.TextEdits = append(sf.TextEdits, analysis.TextEdit{Pos: token.Pos(e.Start), End: token.Pos(e.End), NewText: []byte(e.NewText)})
		}
		d.SuggestedFixes = []analysis.SuggestedFix{sf}
	}
	return d
}
