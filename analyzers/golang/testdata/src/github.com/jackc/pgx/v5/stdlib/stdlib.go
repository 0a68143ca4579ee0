// Package stdlib is a stub of github.com/jackc/pgx/v5/stdlib (v5.12.0) for the pgtlslint
// analyzer tests: the declarations the fixtures use, with the real package's names, types and
// signatures, so that the fixtures type-check as against pgx without downloading it. Nothing
// here runs.
package stdlib

import (
	"database/sql"

	"github.com/jackc/pgx/v5"
)

type connector struct{}

// OptionOpenDB configures OpenDB.
type OptionOpenDB func(*connector)

// OpenDB stands in for stdlib.OpenDB.
func OpenDB(config pgx.ConnConfig, opts ...OptionOpenDB) *sql.DB {
	panic("stub")
}
