package walk

import (
	"testing"

	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// TestPrefilterPassesDriverModules checks that the prefilter lets through every file that
// names a module of the driver table, as code imports it, with nothing else to go by.
func TestPrefilterPassesDriverModules(t *testing.T) {
	names := drivers.TriggerNames()
	if len(names) < 10 {
		t.Fatalf("%d trigger names, want the driver table's modules", len(names))
	}
	for _, n := range names {
		if s := "import x from '" + n + "'"; !Prefilter([]byte(s)) {
			t.Errorf("Prefilter(%q) = false", s)
		}
	}
	for _, s := range []string{
		`db, _ := sql.Open("pgx", dsn)`,
		`import "github.com/lib/pq"`,
		`pool = await asyncpg.create_pool(dsn)`,
		`const { Pool } = require('pg')`,
		`import pg from "pg";`,
		"import { Client } from `pg`",
		`client: 'pg',`,
		`"pg": "^8.11.0"`,
		`import "github.com/go-pg/pg/v10"`,
		`"github.com/uptrace/bun/driver/pgdriver"`,
		`import { Pool } from '@neondatabase/serverless'`,
		`import org.postgresql.ds.PGSimpleDataSource;`,
		`from psycopg_pool import ConnectionPool`,
	} {
		if !Prefilter([]byte(s)) {
			t.Errorf("Prefilter(%q) = false, want true", s)
		}
	}
	// A name this short counts only as a quoted module specifier.
	for _, s := range []string{"pg stands for page", "jpg png svg"} {
		if Prefilter([]byte(s)) {
			t.Errorf("Prefilter(%q) = true, want false", s)
		}
	}
}

// BenchmarkPrefilterWords measures the prefilter with every word, the engine's and the driver table's,
// on text that holds none of them (the case for nearly every file of a repository).
func BenchmarkPrefilterWords(b *testing.B) {
	line := []byte("func (s *server) handle(w http.ResponseWriter, r *http.Request) { json.NewEncoder(w).Encode(s.items) }\n")
	text := make([]byte, 0, 1<<20)
	for len(text)+len(line) <= cap(text) {
		text = append(text, line...)
	}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if Prefilter(text) {
			b.Fatal("hit")
		}
	}
}
