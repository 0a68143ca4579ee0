// Package pgx is a stub of github.com/jackc/pgx/v5 (v5.12.0) for the pgtlslint analyzer tests:
// the declarations the fixtures use, with the real package's names, types and signatures, so
// that the fixtures type-check as against pgx without downloading it. Nothing here runs.
package pgx

import (
	"context"

	"github.com/jackc/pgx/v5/pgconn"
)

// ConnConfig embeds pgconn.Config, whose TLSConfig the analyzer follows, as the real one does.
type ConnConfig struct {
	pgconn.Config
}

// Conn is a connection.
type Conn struct{}

// Connect stands in for pgx.Connect.
func Connect(ctx context.Context, connString string) (*Conn, error) {
	panic("stub")
}

// ConnectConfig stands in for pgx.ConnectConfig.
func ConnectConfig(ctx context.Context, connConfig *ConnConfig) (*Conn, error) {
	panic("stub")
}

// ParseConfig stands in for pgx.ParseConfig.
func ParseConfig(connString string) (*ConnConfig, error) {
	panic("stub")
}
