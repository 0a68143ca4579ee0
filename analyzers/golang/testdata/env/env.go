// Package env sets libpq environment variables.
package env

import (
	"os"

	_ "github.com/lib/pq"
)

func weak() {
	_ = os.Setenv("PGSSLMODE", "require") // want `PGTLS002: PGSSLMODE=require \(lib/pq\)`
}

func local() {
	_ = os.Setenv("PGHOST", "localhost")
	_ = os.Setenv("PGSSLMODE", "disable")
}

func verified() {
	_ = os.Setenv("PGSSLMODE", "verify-full")
	_ = os.Setenv("HOME", "sslmode=disable")
}
