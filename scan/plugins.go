package scan

// The languages and formats of the scan: each package registers its kinds and its analyzer
// in its register.go.
import (
	_ "github.com/pgtlslint/pgtlslint/analyzers/config"
	_ "github.com/pgtlslint/pgtlslint/analyzers/golang"
	_ "github.com/pgtlslint/pgtlslint/analyzers/java"
	_ "github.com/pgtlslint/pgtlslint/analyzers/javascript"
	_ "github.com/pgtlslint/pgtlslint/analyzers/pgconf"
	_ "github.com/pgtlslint/pgtlslint/analyzers/pghba"
	_ "github.com/pgtlslint/pgtlslint/analyzers/python"
)
