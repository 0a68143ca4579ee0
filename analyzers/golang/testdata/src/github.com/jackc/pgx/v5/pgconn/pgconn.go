// Package pgconn is a stub of github.com/jackc/pgx/v5/pgconn (v5.12.0) for the pgtlslint
// analyzer tests: the declarations the fixtures use, with the real package's names, types and
// signatures, so that the fixtures type-check as against pgx without downloading it. Nothing
// here runs.
package pgconn

import (
	"context"
	"crypto/tls"
)

// Config holds the fields of the real Config that the fixtures set.
type Config struct {
	Host      string
	Port      uint16
	TLSConfig *tls.Config // nil disables TLS
}

// PgConn is a low-level connection.
type PgConn struct{}

// Connect stands in for pgconn.Connect.
func Connect(ctx context.Context, connString string) (*PgConn, error) {
	panic("stub")
}
