// Command gendoc writes docs/rules.md from the rule registry. `go generate ./rules/...` runs it
// (the directive is in rules/registry.go); rules/rulesdoc's tests fail when the file is stale.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/rulesdoc"
)

func main() {
	out := flag.String("o", "", "the file to write (docs/rules.md)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gendoc -o docs/rules.md")
		os.Exit(2)
	}
	if err := os.WriteFile(*out, rulesdoc.Document(rules.Catalog()), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gendoc:", err)
		os.Exit(1)
	}
}
