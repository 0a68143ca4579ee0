// Package filter holds the steps that decide which findings a scan shows, each in a file of its
// own with one job: inline suppressions (suppress.go: pgtlslint:ignore comments), baselines
// (baseline.go: --baseline and --write-baseline), changed lines (changes.go: --new-from-rev)
// and the final order and de-duplication of results (sort.go).
package filter
