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
	"strings"
	"sync"

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
	// Tests reports findings in test code (_test.go files, test/ and testdata/ directories:
	// package scan/testcode), which are left out by default, as pgtlslint scan leaves them out.
	Tests bool `json:"tests"`
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

// doc is the analyzer's help; it lists the rules it reports: the registry's client rules.
var doc = `report insecure PostgreSQL connection settings

pgtlslint finds connection strings, pgx and lib/pq configurations and PGSSLMODE settings whose
driver will not encrypt or will not verify the server, and suggests the driver's own fix.
Rules (run "pgtlslint rules" for their help):
` + clientRules()

// clientRules lists the rules of connection settings, one "id name" a line.
func clientRules() string {
	var b strings.Builder
	for _, r := range rules.InScope(rules.ScopeClient) {
		b.WriteString("  " + r.ID + " " + r.Name + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// NewAnalyzer returns an analyzer with the given configuration. Its flags (-trusted-hosts,
// -driver, -disable: comma-separated lists; -tests) start from the configuration and override
// it, for go vet -vettool and the standalone checker.
func NewAnalyzer(c Config) (*analysis.Analyzer, error) {
	if _, err := c.options(); err != nil {
		return nil, err
	}
	a := &analysis.Analyzer{
		Name: "pgtlslint",
		Doc:  doc,
		URL:  "https://github.com/pgtlslint/pgtlslint",
	}
	trusted := strings.Join(c.TrustedHosts, ",")
	driver := c.Driver
	disable := strings.Join(c.Disable, ",")
	a.Flags.StringVar(&trusted, "trusted-hosts", trusted, "comma-separated host globs that need no TLS (*.internal.example.com)")
	a.Flags.StringVar(&driver, "driver", driver, "driver for connections whose call or string names none ("+driverIDs()+")")
	a.Flags.StringVar(&disable, "disable", disable, "comma-separated rule ids or names not to report")
	tests := c.Tests
	a.Flags.BoolVar(&tests, "tests", tests, "report findings in test code too (_test.go files, test/, testdata/ and the other directories pgtlslint scan leaves out)")
	var once sync.Once
	var opts options
	var optErr error
	a.Run = func(pass *analysis.Pass) (any, error) {
		once.Do(func() {
			opts, optErr = Config{TrustedHosts: splitList(trusted), Driver: driver, Disable: splitList(disable), Tests: tests}.options()
		})
		if optErr != nil {
			return nil, optErr
		}
		run(pass, opts)
		return nil, nil
	}
	return a, nil
}

// driverIDs lists the drivers' ids for help texts.
func driverIDs() string {
	var ids []string
	for _, d := range drivers.All() {
		ids = append(ids, string(d.ID))
	}
	return strings.Join(ids, ", ")
}

// splitList splits a comma-separated flag value.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// options is a validated Config.
type options struct {
	rules  rules.Options
	driver drivers.ID
	off    map[string]bool
	tests  bool
}

func (c Config) options() (options, error) {
	o := options{rules: rules.Options{TrustedHosts: c.TrustedHosts}, off: map[string]bool{}, tests: c.Tests}
	if c.Driver != "" {
		d, ok := drivers.Lookup(c.Driver)
		if !ok {
			return o, fmt.Errorf("unknown driver %q (known: %s)", c.Driver, driverIDs())
		}
		o.driver = d.ID
	}
	for _, r := range c.Disable {
		rule, ok := rules.LookupRule(r)
		if !ok {
			return o, fmt.Errorf("unknown rule %q in disable (run pgtlslint rules)", r)
		}
		o.off[rule.ID] = true
	}
	return o, nil
}
