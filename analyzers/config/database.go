package config

import (
	"path"
	"strings"

	"github.com/pgtlslint/pgtlslint/analyzers/config/doc"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// Which database a block of settings is for. A block whose URL, driver class, dialect or
// engine names another database (MySQL, SQL Server, H2, ...) is never a PostgreSQL
// connection, whatever driver the project's manifest brings in: its password, host and TLS
// keys are that database's (docs/drivers.md#other-databases). The evidence is read nearest
// first: the keys that name a database, then the block's URL, its port, the words of its key
// path and of the file's name; the first that decides wins, and evidence that says both is no
// evidence.

// database is what evidence says about a block's database.
type database int

const (
	dbUnknown database = iota
	dbPostgres
	dbOther
)

// dbKeys are the keys (lower case, separators removed) whose value names a database: Rails'
// adapter, Django's ENGINE, Knex's client, TypeORM's type, Sequelize's dialect, Prisma's
// provider, Spring's driver-class-name, database-platform and jpa.database, Quarkus' db-kind,
// Hibernate's dialect, Laravel's DB_CONNECTION.
var dbKeys = map[string]bool{
	"adapter": true, "driver": true, "dialect": true, "engine": true, "type": true, "provider": true,
	"client": true, "scheme": true, "protocol": true, "vendor": true, "kind": true, "databasetype": true,
	"dbtype": true, "driverclassname": true, "driverclass": true, "dbkind": true, "databaseplatform": true,
	"platform": true, "connection": true, "jpadatabase": true,
}

// driverKeys are the dbKeys that name the driver itself: a block whose driver is one the analysis
// cannot read (a placeholder) is not taken for PostgreSQL's.
var driverKeys = map[string]bool{"driver": true, "driverclassname": true, "driverclass": true, "dbkind": true}

// dbKey reports whether a key as written names a database.
func dbKey(key string) bool {
	return dbKeys[squash(key)]
}

// squash lower-cases a key and drops its separators: driver-class-name, driverClassName and
// DRIVER_CLASS_NAME are one key.
func squash(key string) string {
	return strings.Join(normKey(key), "")
}

// valueDatabase is what the value of a key that names a database says.
func valueDatabase(v string) database {
	if _, ok := drivers.OtherDatabaseOf(v); ok {
		return dbOther
	}
	if _, pg := drivers.ForFrameworkName(strings.ToLower(strings.TrimSpace(v))); pg || doc.PGWord.MatchString(v) {
		// cockroachdb is a framework's name for a server read by a PostgreSQL driver.
		return dbPostgres
	}
	return dbUnknown
}

// urlDatabase is what a URL setting's value says: only another database's URL says anything
// here (a PostgreSQL one is a connection string of its own).
func urlDatabase(v doc.Value) database {
	for _, s := range []string{v.Text, doc.Resolve(v).Text} {
		if _, ok := drivers.OtherDatabaseOf(s); ok {
			return dbOther
		}
	}
	return dbUnknown
}

// portDatabase is what a port says: 5432 is PostgreSQL's, 3306 MySQL's.
func portDatabase(v string) database {
	if drivers.IsPostgresPort(v) {
		return dbPostgres
	}
	if _, ok := drivers.OtherDatabasePort(v); ok {
		return dbOther
	}
	return dbUnknown
}

// wordDatabase is what one word of a key path or file name says (mysql, pg, postgres).
func wordDatabase(w string) database {
	if _, ok := drivers.OtherDatabaseWord(w); ok {
		return dbOther
	}
	if doc.PGWord.MatchString(w) {
		return dbPostgres
	}
	return dbUnknown
}

// agree combines the evidence of one level: what all of it says, dbUnknown when it says
// nothing or both.
func agree(vs []database) database {
	out := dbUnknown
	for _, v := range vs {
		switch {
		case v == dbUnknown:
		case out == dbUnknown:
			out = v
		case out != v:
			return dbUnknown
		}
	}
	return out
}

// firstDecided returns the first level's verdict that is not dbUnknown.
func firstDecided(levels ...func() database) database {
	for _, l := range levels {
		if v := l(); v != dbUnknown {
			return v
		}
	}
	return dbUnknown
}

// words returns the words of key path segments (split at '.', '_' and '-').
func words(segs ...string) []database {
	var out []database
	for _, s := range segs {
		for _, w := range normKey(s) {
			out = append(out, wordDatabase(w))
		}
	}
	return out
}

// fileWords is what the file's name says (application-mysql.yml, docker-compose.pg.yml).
func (a *analysis) fileWords() database {
	return agree(words(strings.TrimSuffix(path.Base(a.path), path.Ext(a.path))))
}

// groupDatabase is what a mapping's own entries, its key path and the file's name say about
// its database.
func (a *analysis) groupDatabase(g *doc.Group) database {
	each := func(of func(e *doc.Entry) database) func() database {
		return func() database {
			var vs []database
			for _, e := range g.Entries {
				vs = append(vs, of(e))
			}
			return agree(vs)
		}
	}
	return firstDecided(
		each(func(e *doc.Entry) database {
			if !dbKey(e.Key) {
				return dbUnknown
			}
			return valueDatabase(doc.Resolve(e.Val).Text)
		}),
		each(func(e *doc.Entry) database {
			if !isURLName(e.Key) {
				return dbUnknown
			}
			return urlDatabase(e.Val)
		}),
		each(func(e *doc.Entry) database {
			if !strings.EqualFold(e.Key, "port") {
				return dbUnknown
			}
			return portDatabase(e.Val.Text)
		}),
		func() database { return agree(words(strings.Split(g.Path, ".")...)) },
		a.fileWords,
	)
}

// isURLName reports whether a key as written names a URL (url, jdbc-url, DATABASE_URL, uri).
func isURLName(key string) bool {
	k := squash(key)
	return strings.HasSuffix(k, "url") || strings.HasSuffix(k, "uri")
}
