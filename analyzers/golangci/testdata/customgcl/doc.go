// This module is the custom golangci-lint that "golangci-lint custom" would build from a
// .custom-gcl.yml naming pgtlslint's plugin with a path: main.go is golangci-lint v2.15.0's
// cmd/golangci-lint/main.go unchanged, plugins.go is what its import template generates, and
// go.mod replaces pgtlslint with this checkout. analyzers/golangci's tests and `make custom-gcl`
// build it; run `go mod tidy` here (GOWORK=off) after changing the main module's requirements.
package main
