// Package edge holds the less common ways to write a connection string.
package edge

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

const (
	base   = "host=db.example.com dbname=app"
	suffix = " sslmode=require" // want `PGTLS002: sslmode=require \(pgx\)`
)

// Two constants and no literal at the call.
func constants(ctx context.Context) {
	_, _ = pgconn.Connect(ctx, base+suffix)
}

// A raw string literal.
func raw(ctx context.Context) {
	_, _ = pgconn.Connect(ctx, `host=db.example.com dbname=app sslmode=prefer`) // want `PGTLS001`
}

// Escapes before the value: the fix must land on the right bytes.
func escapes(ctx context.Context) {
	_, _ = pgconn.Connect(ctx, "host=db.example.com application_name='a\tb' sslmode=\x72equire") // want `PGTLS002`
}

// Sprintf with %% and an indexed verb.
func formats(ctx context.Context, host string) {
	dsn := fmt.Sprintf("postgres://%[1]s@%[2]s/app?application_name=100%%25&sslmode=%[3]s", "app", host, "disable") // want `PGTLS001`
	_, _ = pgconn.Connect(ctx, dsn)
}

// A variable assigned twice is not followed: its value is only known at run time.
func reassigned(ctx context.Context, secure bool) {
	mode := "verify-full"
	if !secure {
		mode = "disable"
	}
	_, _ = pgconn.Connect(ctx, "host=db.example.com dbname=app sslmode="+mode)
}

// testing.T's Setenv sets the variable too.
func TestSetenv(t *testing.T) {
	t.Setenv("PGSSLMODE", "prefer") // want `PGTLS001: PGSSLMODE=prefer`
	t.Setenv("PGHOST", os.Getenv("CI_DB_HOST"))
}

// Words in comments never fire: host=db.example.com sslmode=disable.
// postgres://app@db.example.com/app?sslmode=disable
func comments() {
	// pgconn.Connect(ctx, "host=db.example.com sslmode=disable")
	fmt.Println("the default is sslmode=prefer: set sslmode=verify-full")
	fmt.Println("host=", "db.example.com", "sslmode=disable")
	_ = map[string]string{"sslmode": "disable", "host": "db.example.com"}
}

// An inline suppression with a reason.
func suppressed(ctx context.Context) {
	// pgtlslint:ignore PGTLS001 -- the legacy replica has no certificate yet
	_, _ = pgconn.Connect(ctx, "host=legacy.example.com dbname=app sslmode=disable")
}
