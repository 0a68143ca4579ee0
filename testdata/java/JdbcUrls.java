import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

public class JdbcUrls {
    // pgtlslint-test: want PGTLS002
    static final String REQUIRE_URL = "jdbc:postgresql://db.example.com:5432/app?sslmode=require";

    // The mode sits in a constant of its own: the finding sits there too.
    // pgtlslint-test: want PGTLS001
    private static final String MODE = "disable";

    static final String BASE = "jdbc:postgresql://db.example.com/app";

    // pgtlslint-test: ok
    static final String GOOD = "jdbc:postgresql://db.example.com/app?sslmode=verify-full&sslrootcert=/etc/ssl/ca.crt";

    // pgtlslint-test: ok
    static final String LOCAL = "jdbc:postgresql://localhost:5432/app?sslmode=disable";

    // pgtlslint-test: ok
    static final String LOOPBACK = "jdbc:postgresql://127.0.0.1/app?sslmode=require";

    Connection modeFromConstant() throws SQLException {
        return DriverManager.getConnection(BASE + "?sslmode=" + MODE);
    }

    Connection require() throws SQLException {
        return DriverManager.getConnection(REQUIRE_URL);
    }

    Connection missing() throws SQLException {
        // pgtlslint-test: want PGTLS004
        return DriverManager.getConnection("jdbc:postgresql://prod.example.com/app");
    }

    Connection sslFalse() throws SQLException {
        // pgtlslint-test: want PGTLS001
        String url = "jdbc:postgresql://db.example.com/app?ssl=false";
        return DriverManager.getConnection(url);
    }

    Connection sslTrue() throws SQLException {
        // ssl=true is verify-full in pgjdbc; the CA is missing.
        // pgtlslint-test: want PGTLS005
        return DriverManager.getConnection("jdbc:postgresql://db.example.com/app?ssl=true");
    }

    Connection nonValidating() throws SQLException {
        // pgtlslint-test: want PGTLS006
        return DriverManager.getConnection("jdbc:postgresql://db.example.com/app?sslmode=verify-full&sslfactory=org.postgresql.ssl.NonValidatingFactory");
    }

    Connection verifyCa() throws SQLException {
        // pgtlslint-test: want PGTLS003
        return DriverManager.getConnection("jdbc:postgresql://db.example.com/app?sslmode=verify-ca&sslrootcert=/etc/ca.crt");
    }

    Connection invalid() throws SQLException {
        // pgtlslint-test: want PGTLS009
        return DriverManager.getConnection("jdbc:postgresql://db.example.com/app?sslmode=verify_full");
    }

    Connection password() throws SQLException {
        // pgtlslint-test: want PGTLS008
        return DriverManager.getConnection("jdbc:postgresql://db.example.com/app?sslmode=verify-full&sslrootcert=/ca.crt&password=hunter2");
    }

    Connection placeholderPassword() throws SQLException {
        // A placeholder word is no secret.
        // pgtlslint-test: ok
        return DriverManager.getConnection("jdbc:postgresql://db.example.com/app?sslmode=verify-full&sslrootcert=/ca.crt&password=changeme");
    }

    Connection escaped() throws SQLException {
        // The escapes decode to "require": the finding and the fix sit on the escaped bytes.
        // pgtlslint-test: want PGTLS002
        return DriverManager.getConnection("jdbc:postgresql://db.example.com/app?sslmode=r\u0065quir\145");
    }

    Connection formatted(String host) throws SQLException {
        // The host is a run-time value: not local.
        // pgtlslint-test: want PGTLS002
        return DriverManager.getConnection(String.format("jdbc:postgresql://%s:5432/app?sslmode=require", host));
    }

    Connection reassigned(boolean prod) throws SQLException {
        String mode = "require";
        if (prod) {
            mode = "verify-full";
        }
        // mode is assigned twice: a run-time value, nothing to say.
        // pgtlslint-test: ok
        return DriverManager.getConnection("jdbc:postgresql://db.example.com/app?sslmode=" + mode);
    }

    Connection textBlock() throws SQLException {
        String url = """
            jdbc:postgresql://db.example.com/app?sslmode=prefer"""; // pgtlslint-test: want PGTLS001
        String other = """
            jdbc:postgresql://db2.example.com/app?\
            sslmode=allow""".strip(); // pgtlslint-test: want PGTLS001
        DriverManager.getConnection(other).close();
        return DriverManager.getConnection(url);
    }

    static final String R2 = "r2dbc:postgresql://db.example.com/app"; // pgtlslint-test: want PGTLS004
}
