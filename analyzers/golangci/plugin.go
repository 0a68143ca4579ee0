// Package golangci registers pgtlslint as a golangci-lint v2 module plugin.
//
// A custom golangci-lint binary that imports this package (built with "golangci-lint custom",
// see .custom-gcl.yml in the README) runs the analyzer of analyzers/golang when .golangci.yml
// enables the custom linter "pgtlslint". Its settings are golang.Config: trusted-hosts, driver,
// disable and tests (findings in _test.go files and test directories are left out unless tests
// is true). The package is pure Go.
package golangci

import (
	"fmt"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/pgtlslint/pgtlslint/analyzers/golang"
)

// Name is the plugin's name: the key of linters.settings.custom in .golangci.yml and the
// linter to enable.
const Name = "pgtlslint"

func init() {
	register.Plugin(Name, New)
}

// Plugin is the golangci-lint plugin: one analyzer with the configured settings.
type Plugin struct {
	analyzer *analysis.Analyzer
}

var _ register.LinterPlugin = (*Plugin)(nil)

// New decodes the plugin's settings (linters.settings.custom.pgtlslint.settings) into a
// golang.Config, rejecting unknown keys, and builds the analyzer, so that a bad driver or rule
// name fails when golangci-lint loads its configuration.
func New(settings any) (register.LinterPlugin, error) {
	c, err := register.DecodeSettings[golang.Config](settings)
	if err != nil {
		return nil, fmt.Errorf("%s: settings: %w (known keys: trusted-hosts, driver, disable, tests)", Name, err)
	}
	a, err := golang.NewAnalyzer(c)
	if err != nil {
		return nil, fmt.Errorf("%s: settings: %w", Name, err)
	}
	return &Plugin{analyzer: a}, nil
}

// BuildAnalyzers returns the pgtlslint analyzer.
func (p *Plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return []*analysis.Analyzer{p.analyzer}, nil
}

// GetLoadMode asks for type information: the analyzer resolves the calls it reports on
// (pgx.Connect, sql.Open, ...) through the type checker.
func (*Plugin) GetLoadMode() string {
	return register.LoadModeTypesInfo
}
