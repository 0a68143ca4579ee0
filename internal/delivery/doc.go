// Package delivery holds the tests of how pgtlslint is delivered: the GitHub Action
// (action.yml, scripts/action.sh), the pre-commit hook (.pre-commit-hooks.yaml), and the
// README's `go install`/`go run module@latest` commands (install_test.go: a clean clone served
// by a local module proxy).
//
// The tests that need outside tools (shellcheck, actionlint through `go run`, pre-commit, git)
// carry the build tag delivery and run with `make delivery-test`, which installs the tools; they
// fail, never skip, when one is missing. hookfiles_test.go needs nothing and runs with the unit
// tests: it keeps the hook's file patterns in step with the kinds the analyzers register (scan/filekind).
package delivery
