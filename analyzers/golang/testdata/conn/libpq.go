package conn

import (
	"database/sql"

	"github.com/lib/pq"
)

// lib/pq's default is require: encrypted, not verified.
func libpqDefault() {
	_, _ = pq.NewConnector("host=db.example.com dbname=app") // want `PGTLS004: No TLS setting: lib/pq uses its default, require`
}

// sql.Open("postgres") is lib/pq.
func libpqOpen() {
	_, _ = sql.Open("postgres", "host=db.example.com dbname=app sslmode=disable") // want `PGTLS001: sslmode=disable \(lib/pq\)`
}

// lib/pq sends unknown keys to the server, which refuses them.
func libpqSSL() {
	_, _ = sql.Open("postgres", "postgres://app@db.example.com/app?sslmode=verify-full&ssl=true") // want `PGTLS009`
}

// Another database's driver is not ours.
func mysql() {
	_, _ = sql.Open("mysql", "host=db.example.com dbname=app sslmode=disable")
}
