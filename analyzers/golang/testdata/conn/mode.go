package conn

// weakMode is used by conn.go: the finding sits here, where the fix goes.
const weakMode = "disable" // want `PGTLS001: sslmode=disable \(pgx\)`
