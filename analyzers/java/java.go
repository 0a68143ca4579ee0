// Package java extracts PostgreSQL connection settings from source files (placeholder: the
// extraction is being written).
package java

import (
	"github.com/pgtlslint/pgtlslint/analyzers/manifest"
	"github.com/pgtlslint/pgtlslint/analyzers/syntax"
	"github.com/pgtlslint/pgtlslint/rules"
)

// Analyze returns the connections configured in a parsed file. hint is what the project says
// about the driver; forced is true when the user chose it (--driver, a config rule).
func Analyze(tree *syntax.Tree, path string, hint manifest.Hint, forced bool) []*rules.Target {
	return nil
}
