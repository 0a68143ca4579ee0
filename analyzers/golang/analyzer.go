// Package golang finds PostgreSQL connection settings in Go source: connection strings in
// literals, constants, concatenations and fmt.Sprintf formats; the calls that read them
// (sql.Open, pgx.Connect, pgxpool.New, pq.NewConnector, ...); tls.Config values with
// InsecureSkipVerify that reach a pgx or lib/pq configuration; and os.Setenv("PGSSLMODE", ...).
//
// The core works on a type-checked package. golangci-lint and go vet give it full type
// information through the Analyzer; the CLI type-checks a package from its files alone, without
// importing anything (Load), so that a repository scans without building it. The package is
// pure Go.
package golang

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// Config is what a user can set for the analyzer (golangci-lint settings, go vet flags).
type Config struct {
	// TrustedHosts are host globs that need no TLS ("*.internal").
	TrustedHosts []string `json:"trusted-hosts"`
	// Driver, when set, is the driver for every connection whose own syntax or call does not
	// name one.
	Driver string `json:"driver"`
	// Disable lists rule ids or names not to report.
	Disable []string `json:"disable"`
}

// Analyzer is the analyzer with the default configuration.
var Analyzer = mustAnalyzer(Config{})

func mustAnalyzer(c Config) *analysis.Analyzer {
	a, err := NewAnalyzer(c)
	if err != nil {
		panic(err)
	}
	return a
}

const doc = `report insecure PostgreSQL connection settings

pgtlslint finds connection strings, pgx and lib/pq configurations and PGSSLMODE settings whose
driver will not encrypt or will not verify the server, and suggests the driver's own fix.
Rules: PGTLS001-PGTLS011 (run "pgtlslint rules").`

// NewAnalyzer returns an analyzer with the given configuration.
func NewAnalyzer(c Config) (*analysis.Analyzer, error) {
	opts, err := c.options()
	if err != nil {
		return nil, err
	}
	return &analysis.Analyzer{
		Name: "pgtlslint",
		Doc:  doc,
		URL:  "https://github.com/pgtlslint/pgtlslint",
		Run: func(pass *analysis.Pass) (any, error) {
			run(pass, opts)
			return nil, nil
		},
	}, nil
}

// options is a validated Config.
type options struct {
	rules  rules.Options
	driver drivers.ID
	off    map[string]bool
}

func (c Config) options() (options, error) {
	o := options{rules: rules.Options{TrustedHosts: c.TrustedHosts}, off: map[string]bool{}}
	if c.Driver != "" {
		d, ok := drivers.Lookup(c.Driver)
		if !ok {
			return o, fmt.Errorf("pgtlslint: unknown driver %q (known: %v)", c.Driver, drivers.Names())
		}
		o.driver = d.ID
	}
	for _, r := range c.Disable {
		rule, ok := rules.LookupRule(r)
		if !ok {
			return o, fmt.Errorf("pgtlslint: unknown rule %q in disable", r)
		}
		o.off[rule.ID] = true
	}
	return o, nil
}
