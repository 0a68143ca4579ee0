package store

import (
	"database/sql"
	"testing"
)

func TestOpen(t *testing.T) {
	// The finding of this call sits on legacyMode, in store.go.
	// pgtlslint-test: ok
	_, _ = sql.Open("postgres", "host=staging.example.com dbname=app sslmode="+legacyMode)
	_, _ = sql.Open("postgres", "host=staging.example.com dbname=app sslmode=require") // pgtlslint-test: want PGTLS002
}
