// Package conn holds connection strings that pgtlslint must and must not report.
package conn

import (
	"context"
	"database/sql"
	"fmt"
	"os"

	"example.com/fixtures/dsnconst"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// A literal handed to pgx.Connect.
func literal(ctx context.Context) {
	_, _ = pgx.Connect(ctx, "postgres://app@db.example.com:5432/app?sslmode=require") // want `PGTLS002: sslmode=require \(pgx\)`
}

// A constant defined in another file of the package.
func otherFile(ctx context.Context) {
	_, _ = pgxpool.New(ctx, "host=db.example.com dbname=app sslmode="+weakMode)
}

// Concatenation with a run-time host.
func concat(ctx context.Context) {
	host := os.Getenv("DB_HOST")
	_, _ = pgx.Connect(ctx, "postgres://app@"+host+"/app?sslmode=prefer") // want `PGTLS001: sslmode=prefer \(pgx\)`
}

// fmt.Sprintf with a literal argument for the mode.
func sprintf(ctx context.Context, user, password string) {
	dsn := fmt.Sprintf("host=%s user=%s password=%s dbname=app sslmode=%s", "db.example.com", user, password, "disable") // want `PGTLS001`
	_, _ = pgxpool.ParseConfig(dsn)
}

// pgx.ParseConfig reads the string the same way.
func parseConfig() {
	_, _ = pgx.ParseConfig("host=db.example.com dbname=app sslmode=verify-ca") // want `PGTLS003: sslmode=verify-ca \(pgx\) checks the certificate chain but not the host name`
}

// No TLS setting at all: pgx's default prefer.
func missing(ctx context.Context) {
	_, _ = pgx.Connect(ctx, "postgres://app@db.example.com/app") // want `PGTLS004: No TLS setting: pgx uses its default, prefer`
}

// database/sql with the pgx driver name.
func sqlOpen() {
	_, _ = sql.Open("pgx", "postgres://app@db.example.com/app?sslmode=allow") // want `PGTLS001: sslmode=allow \(pgx\)`
}

// A constant of another package: only type information sees its value.
func imported(ctx context.Context) {
	_, _ = pgx.Connect(ctx, "host=db.example.com dbname=app sslmode="+dsnconst.Mode) // want `PGTLS002`
}

// A literal password, and a variable holding the connection string.
func password(ctx context.Context) {
	dsn := "postgres://app:s3cret@db.example.com/app?sslmode=verify-full" // want `PGTLS008`
	_, _ = pgx.Connect(ctx, dsn)
}

// Local targets need no TLS.
func local(ctx context.Context) {
	_, _ = pgx.Connect(ctx, "postgres://app@localhost/app?sslmode=disable")
	_, _ = pgx.Connect(ctx, "host=/var/run/postgresql dbname=app sslmode=disable")
	_, _ = pgx.Connect(ctx, "postgres://app@127.0.0.1:5432/app")
}

// Verified connections and prose are left alone.
func clean(ctx context.Context) {
	_, _ = pgx.Connect(ctx, "postgres://app@db.example.com/app?sslmode=verify-full")
	_, _ = pgx.Connect(ctx, "host=db.example.com dbname=app sslmode=verify-full sslrootcert=/etc/ca.pem")
	fmt.Println("sslmode=require encrypts but does not verify the server")
	fmt.Println("use sslmode=disable only for local databases")
}
