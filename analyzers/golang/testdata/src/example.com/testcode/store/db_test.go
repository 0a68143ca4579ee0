package store

import (
	"database/sql"
	"testing"

	_ "github.com/lib/pq"
)

func TestLegacy(t *testing.T) {
	// Test code: not reported unless -tests.
	if _, err := sql.Open("postgres", "host=db.example.com dbname=app sslmode=require"); err != nil {
		t.Fatal(err)
	}
	if _, err := sql.Open("postgres", "host=db.example.com dbname=app sslmode="+legacyMode); err != nil {
		t.Fatal(err)
	}
}
