// Package protest is not test code: protest.go does not end in _test.go.
package protest

import "database/sql"

// Open connects without verifying the server.
func Open() (*sql.DB, error) {
	return sql.Open("postgres", "host=db.example.com dbname=app sslmode=require") // pgtlslint-test: want PGTLS002
}
