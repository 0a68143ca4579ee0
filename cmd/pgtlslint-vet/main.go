// Command pgtlslint-vet is pgtlslint's Go analyzer as a go vet tool:
//
//	go install github.com/pgtlslint/pgtlslint/cmd/pgtlslint-vet@latest
//	go vet -vettool=$(which pgtlslint-vet) ./...
//
// It also runs on its own: pgtlslint-vet [-fix] ./...
package main

import (
	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/pgtlslint/pgtlslint/analyzers/golang"
)

func main() {
	singlechecker.Main(golang.Analyzer)
}
