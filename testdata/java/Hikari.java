import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

public class Hikari {
    static final String JDBC_URL = "jdbc:postgresql://db.example.com:5432/app";

    HikariDataSource disable() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(JDBC_URL);
        config.setUsername("app");
        // pgtlslint-test: want PGTLS001
        config.addDataSourceProperty("sslmode", "disable");
        return new HikariDataSource(config);
    }

    HikariDataSource nonValidating() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(JDBC_URL + "?sslmode=verify-full");
        // pgtlslint-test: want PGTLS006
        config.addDataSourceProperty("sslfactory", "org.postgresql.ssl.NonValidatingFactory");
        return new HikariDataSource(config);
    }

    HikariDataSource missing() {
        HikariConfig config = new HikariConfig();
        // pgtlslint-test: want PGTLS004
        config.setJdbcUrl("jdbc:postgresql://prod.example.com/app");
        config.setMaximumPoolSize(10);
        return new HikariDataSource(config);
    }

    HikariDataSource password() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(JDBC_URL);
        config.addDataSourceProperty("sslmode", "verify-full");
        config.addDataSourceProperty("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory");
        // pgtlslint-test: want PGTLS008
        config.setPassword("correct-horse");
        return new HikariDataSource(config);
    }

    HikariDataSource good() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(JDBC_URL);
        // pgtlslint-test: ok
        config.addDataSourceProperty("sslmode", "verify-full");
        config.addDataSourceProperty("sslrootcert", "/etc/ssl/ca.crt");
        config.setPassword(System.getenv("DB_PASSWORD"));
        return new HikariDataSource(config);
    }

    HikariDataSource mysql() {
        HikariConfig config = new HikariConfig();
        // Not PostgreSQL: nothing to say.
        // pgtlslint-test: ok
        config.setJdbcUrl("jdbc:mysql://db.example.com/app");
        // pgtlslint-test: ok
        config.addDataSourceProperty("sslmode", "disable");
        return new HikariDataSource(config);
    }

    HikariDataSource dataSourceClass() {
        HikariConfig config = new HikariConfig();
        config.setDataSourceClassName("org.postgresql.ds.PGSimpleDataSource");
        config.addDataSourceProperty("serverName", "db.example.com");
        // pgtlslint-test: want PGTLS002
        config.addDataSourceProperty("sslmode", "require");
        return new HikariDataSource(config);
    }

    // The URL comes from the caller; the driver class says which database it is for.
    HikariDataSource mysqlDriver(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setDriverClassName("com.mysql.cj.jdbc.Driver");
        // pgtlslint-test: ok
        config.setPassword("correct-horse");
        // pgtlslint-test: ok
        config.addDataSourceProperty("sslmode", "disable");
        return new HikariDataSource(config);
    }

    HikariDataSource pgDriver(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setDriverClassName("org.postgresql.Driver");
        // pgtlslint-test: want PGTLS008
        config.setPassword("correct-horse");
        // pgtlslint-test: want PGTLS001
        config.addDataSourceProperty("sslmode", "disable");
        return new HikariDataSource(config);
    }
}
