package drivers

import (
	"slices"
	"strings"
)

// OtherDatabase is a database server that is not PostgreSQL and does not speak its wire
// protocol. A setting that names one (a URL of its scheme, its JDBC driver class, a framework's
// name for it) configures a client of that database: none of the table's drivers reads it, so
// its password, host and TLS keys are not a PostgreSQL connection's, whatever the project's
// manifest says (docs/drivers.md#other-databases).
//
// Servers that speak the PostgreSQL protocol are not here: CockroachDB, YugabyteDB, Aurora
// PostgreSQL and the like are reached through the table's drivers (pgjdbc, pg, psycopg, pgx),
// which read sslmode as they always do, so a weak mode there is as weak as anywhere.
type OtherDatabase struct {
	Name string
	// Schemes are its URL schemes and JDBC/R2DBC subprotocols (mysql://, mysql+pymysql://,
	// jdbc:mysql:, r2dbc:mysql:), lower case.
	Schemes []string
	// Classes are the Java package prefixes of its JDBC drivers and data sources
	// (com.mysql. for com.mysql.cj.jdbc.Driver), lower case.
	Classes []string
	// Dialects are the names of its Hibernate dialects, lower case, without the version and the
	// Dialect suffix (mysql for MySQL8Dialect).
	Dialects []string
	// Names are the values by which framework configs select it: Django's ENGINE (its last
	// dotted part), Knex's client, Sequelize's dialect, TypeORM's type, Rails' adapter,
	// Laravel's DB_CONNECTION, Quarkus' db-kind, Spring's spring.jpa.database, Prisma's provider,
	// Doctrine's driver.
	Names []string
	// Words name it in key paths and file names: a settings block (spring.datasource.mysql,
	// database.yml's mysql:), a family of variables (MYSQL_PASSWORD), a profile
	// (application-mysql.yml).
	Words []string
	// Port is its default port, 0 when it has none worth telling.
	Port string
	// Sources prove the names.
	Sources []Source
}

// otherDatabases is the list, in the order lookups try it.
var otherDatabases = []*OtherDatabase{
	{Name: "MySQL", Schemes: []string{"mysql", "mysqlx", "mysql2", "trilogy"}, Classes: []string{"com.mysql."},
		Dialects: []string{"mysql"}, Names: []string{"mysql", "mysql2", "trilogy", "jdbcmysql", "aurora-mysql", "pdo_mysql", "mysqli"},
		Words: []string{"mysql"}, Port: "3306",
		Sources: []Source{
			src("https://dev.mysql.com/doc/connector-j/en/connector-j-reference-jdbc-url-format.html", "Connector/J 9.x docs",
				"JDBC URLs jdbc:mysql: and jdbc:mysqlx:; the driver class is com.mysql.cj.jdbc.Driver (com.mysql.jdbc.Driver before 8.0); default port 3306"),
			src("https://hub.docker.com/_/mysql", "mysql image docs (8.4)", "the image reads MYSQL_ROOT_PASSWORD, MYSQL_USER, MYSQL_PASSWORD, MYSQL_DATABASE"),
		}},
	{Name: "MariaDB", Schemes: []string{"mariadb"}, Classes: []string{"org.mariadb."}, Dialects: []string{"mariadb"},
		Names: []string{"mariadb"}, Words: []string{"mariadb"}, Port: "3306",
		Sources: []Source{
			src("https://mariadb.com/kb/en/about-mariadb-connector-j/", "MariaDB Connector/J 3.x docs",
				"JDBC URLs jdbc:mariadb:; the driver class is org.mariadb.jdbc.Driver; default port 3306"),
			src("https://hub.docker.com/_/mariadb", "mariadb image docs (11.x)", "the image reads MARIADB_ROOT_PASSWORD, MARIADB_USER, MARIADB_PASSWORD (and the MYSQL_ names)"),
		}},
	{Name: "SQL Server", Schemes: []string{"sqlserver", "mssql", "jtds"},
		Classes:  []string{"com.microsoft.sqlserver.", "net.sourceforge.jtds."},
		Dialects: []string{"sqlserver", "sybase"}, Names: []string{"mssql", "sqlserver", "sqlsrv", "sql_server", "pdo_sqlsrv"},
		Words: []string{"mssql", "sqlserver"}, Port: "1433",
		Sources: []Source{
			src("https://learn.microsoft.com/en-us/sql/connect/jdbc/building-the-connection-url", "Microsoft JDBC Driver 12 docs",
				"JDBC URLs jdbc:sqlserver://; the driver class is com.microsoft.sqlserver.jdbc.SQLServerDriver; default port 1433"),
			src("https://jtds.sourceforge.net/faq.html", "jTDS 1.3 FAQ", "JDBC URLs jdbc:jtds:sqlserver:// and jdbc:jtds:sybase://; the driver class is net.sourceforge.jtds.jdbc.Driver"),
		}},
	{Name: "Oracle", Schemes: []string{"oracle"}, Classes: []string{"oracle.jdbc."}, Dialects: []string{"oracle"},
		Names: []string{"oracle", "oracledb", "oracle_enhanced", "oci8", "pdo_oci"}, Words: []string{"oracle"}, Port: "1521",
		Sources: []Source{
			src("https://docs.oracle.com/en/database/oracle/oracle-database/23/jjdbc/data-sources-and-URLs.html", "Oracle JDBC 23ai docs",
				"JDBC URLs jdbc:oracle:thin:@ (and jdbc:oracle:oci:); the driver class is oracle.jdbc.OracleDriver; default listener port 1521"),
		}},
	{Name: "SQLite", Schemes: []string{"sqlite", "sqlite3"}, Classes: []string{"org.sqlite."}, Dialects: []string{"sqlite"},
		Names: []string{"sqlite", "sqlite3", "better-sqlite3", "sqljs", "spatialite", "pdo_sqlite"}, Words: []string{"sqlite", "sqlite3"},
		Sources: []Source{
			src("https://github.com/xerial/sqlite-jdbc/blob/3.46.0.0/README.md", "sqlite-jdbc 3.46.0.0",
				"JDBC URLs jdbc:sqlite:; the driver class is org.sqlite.JDBC"),
		}},
	{Name: "H2", Schemes: []string{"h2"}, Classes: []string{"org.h2."}, Dialects: []string{"h2"}, Names: []string{"h2"}, Words: []string{"h2"},
		Sources: []Source{
			src("https://h2database.com/html/features.html#database_url", "H2 2.2 docs", "JDBC URLs jdbc:h2:; the driver class is org.h2.Driver"),
		}},
	{Name: "HSQLDB", Schemes: []string{"hsqldb"}, Classes: []string{"org.hsqldb."}, Dialects: []string{"hsql"}, Names: []string{"hsql", "hsqldb"},
		Words: []string{"hsqldb"},
		Sources: []Source{
			src("https://hsqldb.org/doc/2.0/guide/dbproperties-chapt.html", "HyperSQL 2.7 guide", "JDBC URLs jdbc:hsqldb:; the driver class is org.hsqldb.jdbc.JDBCDriver"),
		}},
	{Name: "Derby", Schemes: []string{"derby"}, Classes: []string{"org.apache.derby."}, Dialects: []string{"derby"}, Names: []string{"derby"},
		Words: []string{"derby"},
		Sources: []Source{
			src("https://db.apache.org/derby/docs/10.16/devguide/cdevdvlp17453.html", "Derby 10.16 docs",
				"JDBC URLs jdbc:derby:; the driver classes are org.apache.derby.jdbc.EmbeddedDriver and ClientDriver"),
		}},
	{Name: "Db2", Schemes: []string{"db2", "as400", "ibm_db_sa"}, Classes: []string{"com.ibm.db2.", "com.ibm.as400."},
		Dialects: []string{"db2"}, Names: []string{"db2", "ibmi", "ibm_db2"}, Words: []string{"db2"},
		Sources: []Source{
			src("https://www.ibm.com/docs/en/db2/11.5?topic=cdsudidsdjs-url-format-data-server-driver-jdbc-sqlj-type-4-connectivity", "Db2 11.5 docs",
				"JDBC URLs jdbc:db2://; the driver class is com.ibm.db2.jcc.DB2Driver"),
		}},
	{Name: "SAP HANA", Schemes: []string{"sap", "hana"}, Classes: []string{"com.sap.db."}, Dialects: []string{"hana"}, Names: []string{"hana", "sap"},
		Words: []string{"hana"},
		Sources: []Source{
			src("https://help.sap.com/docs/SAP_HANA_PLATFORM/0eec0d68141541d1b07893a39944924e/ff15928cf5594d78b841fbbe649f04b4.html", "SAP HANA 2.0 SPS 07 docs",
				"JDBC URLs jdbc:sap://; the driver class is com.sap.db.jdbc.Driver"),
		}},
	{Name: "ClickHouse", Schemes: []string{"clickhouse", "ch"}, Classes: []string{"com.clickhouse.", "ru.yandex.clickhouse."},
		Names: []string{"clickhouse"}, Words: []string{"clickhouse"},
		Sources: []Source{
			src("https://clickhouse.com/docs/integrations/language-clients/java/jdbc", "clickhouse-jdbc 0.6 docs",
				"JDBC URLs jdbc:clickhouse: and jdbc:ch:; the driver class is com.clickhouse.jdbc.ClickHouseDriver (ru.yandex.clickhouse before 0.3.2)"),
		}},
	{Name: "Snowflake", Schemes: []string{"snowflake"}, Classes: []string{"net.snowflake."}, Names: []string{"snowflake"}, Words: []string{"snowflake"},
		Sources: []Source{
			src("https://docs.snowflake.com/en/developer-guide/jdbc/jdbc-configure", "Snowflake JDBC 3.x docs",
				"JDBC URLs jdbc:snowflake://; the driver class is net.snowflake.client.jdbc.SnowflakeDriver"),
		}},
	{Name: "MongoDB", Schemes: []string{"mongodb"}, Classes: []string{"com.mongodb.", "org.mongodb."}, Names: []string{"mongodb", "mongo", "djongo"},
		Words: []string{"mongo", "mongodb"}, Port: "27017",
		Sources: []Source{
			src("https://www.mongodb.com/docs/manual/reference/connection-string/", "MongoDB 8.0 manual",
				"connection strings mongodb:// and mongodb+srv://; default port 27017"),
			src("https://hub.docker.com/_/mongo", "mongo image docs (8.0)", "the image reads MONGO_INITDB_ROOT_USERNAME and MONGO_INITDB_ROOT_PASSWORD"),
		}},
	{Name: "Redis", Schemes: []string{"redis", "rediss"}, Names: []string{"redis"}, Words: []string{"redis"}, Port: "6379",
		Sources: []Source{
			src("https://www.iana.org/assignments/uri-schemes/prov/redis", "IANA provisional registration", "the redis:// URI scheme (rediss:// with TLS); default port 6379"),
		}},
}

// otherNameSources prove the framework names of the entries: each framework's own list of the
// databases it selects by name.
var otherNameSources = []Source{
	src("https://docs.djangoproject.com/en/5.1/ref/settings/#engine", "Django 5.1 docs",
		"ENGINE is django.db.backends.postgresql, mysql, sqlite3 or oracle; third-party backends name theirs (mssql, sql_server.pyodbc, djongo)"),
	src("https://github.com/knex/knex/blob/00c39ac2d18f844c263481f3482579c29e175aa5/lib/dialects/index.js", "knex at 00c39ac2",
		"client is one of better-sqlite3, cockroachdb, mssql, mysql, mariadb, mysql2, oracle, oracledb, pgnative, postgres, redshift, sqlite3 (pg, postgresql and sqlite are aliases)"),
	src("https://sequelize.org/docs/v6/getting-started/", "Sequelize 6 docs",
		"dialect is one of mysql, postgres, sqlite, mariadb, mssql, db2, snowflake, oracle (and ibmi)"),
	src("https://github.com/typeorm/typeorm/blob/1d3c9cddd7309eadee1d783e3a326587f531cb43/src/driver/types/DatabaseType.ts", "typeorm at 1d3c9cdd",
		"type is one of mysql, postgres, cockroachdb, sap, mariadb, sqlite, sqljs, oracle, mssql, mongodb, aurora-mysql, aurora-postgres, better-sqlite3, spanner and the mobile SQLite ones"),
	src("https://guides.rubyonrails.org/v7.1/configuring.html#configuring-a-database", "Rails 7.1 guides",
		"adapter is sqlite3, mysql2, trilogy or postgresql; the gems activerecord-sqlserver-adapter and activerecord-oracle_enhanced-adapter add sqlserver and oracle_enhanced"),
	src("https://laravel.com/docs/11.x/database", "Laravel 11 docs", "DB_CONNECTION is one of mariadb, mysql, pgsql, sqlite, sqlsrv"),
	src("https://docs.spring.io/spring-framework/docs/6.1.x/javadoc-api/org/springframework/orm/jpa/vendor/Database.html", "Spring Framework 6.1 javadoc",
		"spring.jpa.database is one of DB2, DERBY, H2, HANA, HSQL, INFORMIX, MYSQL, ORACLE, POSTGRESQL, SQL_SERVER, SYBASE"),
	src("https://quarkus.io/version/3.8/guides/datasource", "Quarkus 3.8 guides",
		"quarkus.datasource.db-kind is one of db2, derby, h2, mariadb, mssql, mysql, oracle, postgresql (pgsql, pg)"),
	src("https://docs.jboss.org/hibernate/orm/6.4/javadocs/org/hibernate/dialect/package-summary.html", "Hibernate ORM 6.4 javadoc",
		"each dialect is named after its database, an optional version and Dialect: MySQLDialect, MariaDBDialect, SQLServerDialect, OracleDialect, H2Dialect, HSQLDialect, DerbyDialect, DB2Dialect, HANADialect, SybaseDialect, PostgreSQLDialect"),
	src("https://www.prisma.io/docs/orm/reference/prisma-schema-reference#fields", "Prisma 6 docs",
		"datasource provider is one of postgresql, mysql, sqlite, sqlserver, mongodb, cockroachdb"),
	src("https://www.doctrine-project.org/projects/doctrine-dbal/en/4.2/reference/configuration.html#driver", "Doctrine DBAL 4.2 docs",
		"driver is one of pdo_mysql, mysqli, pdo_sqlite, sqlite3, pdo_pgsql, pgsql, pdo_oci, oci8, ibm_db2, pdo_sqlsrv, sqlsrv"),
	src("https://docs.sqlalchemy.org/en/20/core/engines.html#database-urls", "SQLAlchemy 2.0 docs",
		"URL schemes are dialect+driver: mysql+mysqldb, mysql+pymysql, oracle+oracledb, mssql+pyodbc, sqlite"),
}

// OtherDatabases returns the list, for docs and tests.
func OtherDatabases() []*OtherDatabase { return otherDatabases }

// OtherDatabaseNameSources returns the sources of the framework names, for docs.
func OtherDatabaseNameSources() []Source { return otherNameSources }

// OtherDatabaseOf returns the database other than PostgreSQL that the value of a setting names:
// a URL or JDBC/R2DBC URL by its scheme (jdbc:mysql://, jdbc:tc:mysql:8:///, mysql+pymysql://,
// mongodb+srv://), a JDBC driver or data source class (com.mysql.cj.jdbc.Driver), a Hibernate
// dialect (org.hibernate.dialect.MySQL8Dialect), or a framework's name for it
// (django.db.backends.mysql, mysql2, SQL_SERVER). A value that names PostgreSQL, or nothing
// known, gives false.
func OtherDatabaseOf(value string) (*OtherDatabase, bool) {
	v := strings.ToLower(strings.TrimSpace(value))
	if v == "" || len(v) > 4096 {
		return nil, false
	}
	if schemes, ok := urlSchemes(v); ok {
		return firstOther(schemes, func(d *OtherDatabase) []string { return d.Schemes })
	}
	for _, d := range otherDatabases {
		for _, c := range d.Classes {
			if strings.HasPrefix(v, c) {
				return d, true
			}
		}
	}
	parts := strings.Split(v, ".")
	if last := parts[len(parts)-1]; len(parts) > 1 && strings.HasSuffix(last, "dialect") {
		return dialectOf(strings.TrimSuffix(last, "dialect"))
	}
	return firstOther(parts, func(d *OtherDatabase) []string { return d.Names })
}

// OtherDatabaseWord returns the database other than PostgreSQL that one word of a key path or
// file name names (mysql in spring.datasource.mysql.password, MYSQL_PASSWORD or
// application-mysql.yml), matched without regard to case.
func OtherDatabaseWord(word string) (*OtherDatabase, bool) {
	return firstOther([]string{strings.ToLower(word)}, func(d *OtherDatabase) []string { return d.Words })
}

// PostgresPort is the port PostgreSQL listens on by default: a setting of it says the block is
// PostgreSQL's.
const PostgresPort = "5432"

// IsPostgresPort reports whether a port setting is PostgresPort.
func IsPostgresPort(port string) bool { return strings.TrimSpace(port) == PostgresPort }

// OtherDatabasePort returns the database other than PostgreSQL whose default port is port.
func OtherDatabasePort(port string) (*OtherDatabase, bool) {
	port = strings.TrimSpace(port)
	for _, d := range otherDatabases {
		if d.Port != "" && d.Port == port {
			return d, true
		}
	}
	return nil, false
}

// urlSchemes returns the scheme words of a lower-case URL: the subprotocols of a JDBC or R2DBC
// URL up to its address (tc and mysql of jdbc:tc:mysql:8:///db, oracle and thin of
// jdbc:oracle:thin:@host), or the dialect and driver of scheme://. It reports false for a
// value that is not a URL.
func urlSchemes(v string) ([]string, bool) {
	for _, p := range []string{"jdbc:", "r2dbc:", "r2dbcs:"} {
		if rest, ok := strings.CutPrefix(v, p); ok {
			var out []string
			for _, w := range strings.Split(rest, ":") {
				if w == "" || strings.ContainsAny(w, "/@;?") {
					break
				}
				out = append(out, w)
			}
			return out, true
		}
	}
	i := strings.Index(v, "://")
	if i <= 0 {
		// sqlite:relative.db is a URL too, but a bare word before ':' is not worth a guess.
		return nil, false
	}
	scheme := v[:i]
	if strings.Trim(scheme, "abcdefghijklmnopqrstuvwxyz0123456789+.-_") != "" {
		return nil, false
	}
	return strings.Split(scheme, "+"), true
}

// dialectOf returns the database of a Hibernate dialect's name (mysql8, sqlserver2012, h2).
func dialectOf(name string) (*OtherDatabase, bool) {
	for _, d := range otherDatabases {
		for _, p := range d.Dialects {
			// A version or a variant may follow: MySQL57InnoDB, Oracle12c, DB2400.
			if strings.HasPrefix(name, p) {
				return d, true
			}
		}
	}
	return nil, false
}

// firstOther returns the first database one of words names, by the names of.
func firstOther(words []string, of func(*OtherDatabase) []string) (*OtherDatabase, bool) {
	for _, w := range words {
		for _, d := range otherDatabases {
			if slices.Contains(of(d), w) {
				return d, true
			}
		}
	}
	return nil, false
}
