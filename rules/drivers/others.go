package drivers

// PostgreSQL clients the table has no entry for: a project that depends on one talks to
// PostgreSQL, through a driver whose TLS behaviour is not known here.
func init() {
	registerOther(
		Package{Ecosystem: GoModules, Name: "github.com/go-pg/pg", Prefix: true, Indirect: true},
		Package{Ecosystem: GoModules, Name: "github.com/uptrace/bun/driver/pgdriver", Prefix: true, Indirect: true},
		Package{Ecosystem: PyPI, Name: "pg8000"},
	)
}
