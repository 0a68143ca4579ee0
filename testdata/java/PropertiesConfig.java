import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

public class PropertiesConfig {
    static final String URL = "jdbc:postgresql://db.example.com:5432/app";

    Connection weakMode() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "app");
        // pgtlslint-test: want PGTLS002
        props.setProperty("sslmode", "require");
        return DriverManager.getConnection(URL, props);
    }

    Connection sslFalse() throws SQLException {
        Properties props = new Properties();
        // ssl=false is prefer for pgjdbc, not disable.
        // pgtlslint-test: want PGTLS001
        props.setProperty("ssl", "false");
        return DriverManager.getConnection(URL, props);
    }

    Connection nonValidating() throws SQLException {
        Properties props = new Properties();
        props.setProperty("sslmode", "verify-full");
        // pgtlslint-test: want PGTLS006
        props.put("sslfactory", "org.postgresql.ssl.NonValidatingFactory");
        return DriverManager.getConnection(URL, props);
    }

    Connection urlWins() throws SQLException {
        Properties props = new Properties();
        // The URL's sslmode wins over the Properties one.
        // pgtlslint-test: ok
        props.setProperty("sslmode", "disable");
        // pgtlslint-test: ok
        return DriverManager.getConnection("jdbc:postgresql://db.example.com/app?sslmode=verify-full&sslrootcert=/etc/ca.crt", props);
    }

    Connection missing() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "app");
        // pgtlslint-test: want PGTLS004
        return DriverManager.getConnection("jdbc:postgresql://db.example.com/app", props);
    }

    Connection good() throws SQLException {
        Properties props = new Properties();
        // pgtlslint-test: ok
        props.setProperty("sslmode", "verify-full");
        props.setProperty("sslrootcert", "/etc/ssl/ca.crt");
        return DriverManager.getConnection(URL, props);
    }

    Connection local() throws SQLException {
        Properties props = new Properties();
        // pgtlslint-test: ok
        props.setProperty("sslmode", "disable");
        return DriverManager.getConnection("jdbc:postgresql://localhost/app", props);
    }

    Connection password() throws SQLException {
        Properties props = new Properties();
        props.setProperty("sslmode", "verify-full");
        props.setProperty("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory");
        // pgtlslint-test: want PGTLS008
        props.setProperty("password", "s3cret-value");
        return DriverManager.getConnection(URL, props);
    }

    Connection passwordArgument() throws SQLException {
        // pgtlslint-test: want PGTLS008
        return DriverManager.getConnection(URL + "?sslmode=verify-full&sslrootcert=/ca.crt", "app", "hunter2");
    }

    Connection passwordFromEnv() throws SQLException {
        Properties props = new Properties();
        props.setProperty("sslmode", "verify-full");
        props.setProperty("sslrootcert", "/ca.crt");
        // pgtlslint-test: ok
        props.setProperty("password", System.getenv("PGPASSWORD"));
        return DriverManager.getConnection(URL, props);
    }

    // No URL in sight: the mode is still checked; a missing one is not reported.
    static Properties defaults() {
        Properties props = new Properties();
        // pgtlslint-test: want PGTLS002
        props.setProperty("sslmode", "require");
        return props;
    }

    static Properties defaultsNoMode() {
        Properties props = new Properties();
        // pgtlslint-test: ok
        props.setProperty("user", "app");
        // pgtlslint-test: ok
        props.setProperty("sslrootcert", "/ca.crt");
        return props;
    }

    Connection invalid() throws SQLException {
        Properties props = new Properties();
        // pgtlslint-test: want PGTLS009
        props.setProperty("sslmode", "verify_full");
        return DriverManager.getConnection(URL, props);
    }
}
