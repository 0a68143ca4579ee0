// Command gendocs writes the generated documentation: docs/rules.md from the rule registry
// and docs/drivers.md from the driver table. `go generate ./rules/...` runs it (the directives
// are in rules/registry.go and rules/drivers/drivers.go); tests in rules/rulesdoc and
// rules/drivers/driversdoc fail when a file is stale.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers/driversdoc"
	"github.com/pgtlslint/pgtlslint/rules/rulesdoc"
)

func main() {
	rulesOut := flag.String("rules", "", "write the rule catalog to `FILE` (docs/rules.md)")
	driversOut := flag.String("drivers", "", "write the driver table to `FILE` (docs/drivers.md)")
	flag.Parse()
	if *rulesOut == "" && *driversOut == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gendocs [-rules docs/rules.md] [-drivers docs/drivers.md]")
		os.Exit(2)
	}
	write := func(path string, data []byte) {
		if path == "" {
			return
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gendocs:", err)
			os.Exit(1)
		}
	}
	write(*rulesOut, rulesdoc.Document(rules.Catalog()))
	write(*driversOut, driversdoc.Document())
}
