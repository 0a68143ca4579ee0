// Package pgxpool is a stub of github.com/jackc/pgx/v5/pgxpool (v5.12.0) for the pgtlslint
// analyzer tests: the declarations the fixtures use, with the real package's names, types and
// signatures, so that the fixtures type-check as against pgx without downloading it. Nothing
// here runs.
package pgxpool

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// Config holds the field of the real Config that the fixtures set.
type Config struct {
	ConnConfig *pgx.ConnConfig
}

// Pool is a connection pool.
type Pool struct{}

// New stands in for pgxpool.New.
func New(ctx context.Context, connString string) (*Pool, error) {
	panic("stub")
}

// NewWithConfig stands in for pgxpool.NewWithConfig.
func NewWithConfig(ctx context.Context, config *Config) (*Pool, error) {
	panic("stub")
}

// ParseConfig stands in for pgxpool.ParseConfig.
func ParseConfig(connString string) (*Config, error) {
	panic("stub")
}
