package drivers

import (
	"strings"
	"testing"
)

func TestOtherDatabaseOf(t *testing.T) {
	for value, want := range map[string]string{
		// URLs by their scheme, behind wrappers too.
		"jdbc:mysql://db.example.com:3306/app?useSSL=false":   "MySQL",
		"jdbc:mysql://${MYSQL_HOST:localhost}:3306/app":       "MySQL",
		"jdbc:tc:mysql:8.0:///app":                            "MySQL",
		"jdbc:p6spy:mariadb://db.example.com/app":             "MariaDB",
		"jdbc:sqlserver://db.example.com:1433;databaseName=a": "SQL Server",
		"jdbc:jtds:sqlserver://db.example.com/app":            "SQL Server",
		"jdbc:oracle:thin:@db.example.com:1521/app":           "Oracle",
		"jdbc:h2:mem:test;DB_CLOSE_DELAY=-1":                  "H2",
		"jdbc:hsqldb:mem:app":                                 "HSQLDB",
		"jdbc:derby:memory:app;create=true":                   "Derby",
		"jdbc:sqlite:app.db":                                  "SQLite",
		"jdbc:db2://db.example.com:50000/app":                 "Db2",
		"jdbc:ch://db.example.com:8123/app":                   "ClickHouse",
		"r2dbc:mysql://db.example.com/app":                    "MySQL",
		"mysql+pymysql://app:pw@db.example.com/app":           "MySQL",
		"mysql2://app:pw@db.example.com/app":                  "MySQL",
		"mongodb+srv://app:pw@cluster0.example.net/app":       "MongoDB",
		"rediss://:pw@cache.example.com:6380/0":               "Redis",
		"sqlite:///app.db":                                    "SQLite",
		"oracle+oracledb://app:pw@db.example.com/app":         "Oracle",
		// Classes and dialects.
		"com.mysql.cj.jdbc.Driver":                      "MySQL",
		"org.mariadb.jdbc.Driver":                       "MariaDB",
		"com.microsoft.sqlserver.jdbc.SQLServerDriver":  "SQL Server",
		"oracle.jdbc.OracleDriver":                      "Oracle",
		"org.h2.Driver":                                 "H2",
		"com.mysql.cj.jdbc.MysqlDataSource":             "MySQL",
		"org.hibernate.dialect.MySQL8Dialect":           "MySQL",
		"org.hibernate.dialect.MySQL57InnoDBDialect":    "MySQL",
		"org.hibernate.dialect.SQLServer2012Dialect":    "SQL Server",
		"org.hibernate.dialect.Oracle12cDialect":        "Oracle",
		"org.hibernate.dialect.H2Dialect":               "H2",
		"org.hibernate.dialect.HSQLDialect":             "HSQLDB",
		"org.hibernate.community.dialect.SQLiteDialect": "SQLite",
		"org.hibernate.dialect.DB2400Dialect":           "Db2",
		// Framework names.
		"django.db.backends.mysql":                  "MySQL",
		"django.db.backends.sqlite3":                "SQLite",
		"django.contrib.gis.db.backends.spatialite": "SQLite",
		"sql_server.pyodbc":                         "SQL Server",
		"mysql2":                                    "MySQL",
		"better-sqlite3":                            "SQLite",
		"aurora-mysql":                              "MySQL",
		"sqlsrv":                                    "SQL Server",
		"SQL_SERVER":                                "SQL Server",
		"MYSQL":                                     "MySQL",
		"oracle_enhanced":                           "Oracle",
		"MsSql":                                     "SQL Server",
		"djongo":                                    "MongoDB",
	} {
		d, ok := OtherDatabaseOf(value)
		if !ok || d.Name != want {
			t.Errorf("OtherDatabaseOf(%q) = %v, %v; want %s", value, d, ok, want)
		}
	}
	for _, value := range []string{
		// PostgreSQL and the servers that speak its protocol.
		"jdbc:postgresql://db.example.com/app", "jdbc:tc:postgresql:15:///app", "jdbc:aws-wrapper:postgresql://db.example.com/app",
		"r2dbc:postgresql://db.example.com/app", "postgresql+asyncpg://db.example.com/app", "postgres://db.example.com/app",
		"org.postgresql.Driver", "org.hibernate.dialect.PostgreSQLDialect", "org.hibernate.dialect.PostgreSQL95Dialect",
		"org.hibernate.dialect.CockroachDialect", "django.db.backends.postgresql", "django.contrib.gis.db.backends.postgis",
		"postgresql", "postgres", "pg", "pgsql", "cockroachdb", "aurora-postgres", "POSTGRESQL",
		// Nothing known.
		"", "app", "com.zaxxer.hikari.HikariDataSource", "${DB_URL}", "https://db.example.com/", "db.example.com:3306",
		"myapp.mysqlish.Settings", strings.Repeat("mysql.", 1000),
	} {
		if d, ok := OtherDatabaseOf(value); ok {
			t.Errorf("OtherDatabaseOf(%q) = %s, want none", value, d.Name)
		}
	}
}

func TestOtherDatabaseWordAndPort(t *testing.T) {
	for word, want := range map[string]string{"mysql": "MySQL", "MYSQL": "MySQL", "h2": "H2", "mongo": "MongoDB", "sqlserver": "SQL Server"} {
		if d, ok := OtherDatabaseWord(word); !ok || d.Name != want {
			t.Errorf("OtherDatabaseWord(%q) = %v, %v; want %s", word, d, ok, want)
		}
	}
	for _, word := range []string{"postgres", "pg", "db", "datasource", "primary", "cockroachdb", "application"} {
		if d, ok := OtherDatabaseWord(word); ok {
			t.Errorf("OtherDatabaseWord(%q) = %s, want none", word, d.Name)
		}
	}
	if d, ok := OtherDatabasePort(" 3306"); !ok || d.Name != "MySQL" {
		t.Errorf("OtherDatabasePort(3306) = %v, %v", d, ok)
	}
	for _, port := range []string{"5432", "26257", "", "0"} {
		if d, ok := OtherDatabasePort(port); ok {
			t.Errorf("OtherDatabasePort(%q) = %s, want none", port, d.Name)
		}
	}
}

// TestOtherDatabasesSourced checks that every entry says where its names come from.
func TestOtherDatabasesSourced(t *testing.T) {
	for _, d := range append(OtherDatabases(), &OtherDatabase{Name: "framework names", Sources: OtherDatabaseNameSources(), Names: []string{"-"}}) {
		if d.Name == "" || len(d.Names)+len(d.Schemes) == 0 || len(d.Sources) == 0 {
			t.Errorf("%q: no names or no source", d.Name)
		}
		for _, s := range d.Sources {
			if !strings.HasPrefix(s.URL, "https://") || s.Version == "" || s.Note == "" {
				t.Errorf("%s: incomplete source %+v", d.Name, s)
			}
		}
	}
}
