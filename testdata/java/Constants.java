import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

class DbSettings {
    // pgtlslint-test: want PGTLS002
    static final String SSL_MODE = "require";
    static final String HOST = "db.example.com";
}

public class Constants {
    static final String URL = "jdbc:postgresql://" + DbSettings.HOST + "/app?sslmode=" + DbSettings.SSL_MODE;

    Connection open() throws SQLException {
        return DriverManager.getConnection(URL);
    }

    // A non-final field can change: a run-time value.
    static String mutable = "disable";

    Connection mutableMode() throws SQLException {
        // pgtlslint-test: ok
        return DriverManager.getConnection("jdbc:postgresql://db.example.com/app?sslmode=" + mutable);
    }
}
