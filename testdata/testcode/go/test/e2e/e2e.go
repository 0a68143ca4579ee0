// Package e2e is an end-to-end suite below test/: test code, though not a _test.go file.
package e2e

import "database/sql"

// Open connects to the suite's database.
func Open() (*sql.DB, error) {
	return sql.Open("postgres", "host=e2e.example.com dbname=app sslmode=disable") // pgtlslint-test: want PGTLS001
}
