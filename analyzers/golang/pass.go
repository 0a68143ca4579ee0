package golang

import "golang.org/x/tools/go/analysis"

// run reports the findings of one package.
func run(pass *analysis.Pass, opts options) {
	_, _ = pass, opts
}
