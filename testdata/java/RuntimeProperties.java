import java.io.FileInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

// Properties made elsewhere may carry settings this code does not show: a setting they lack is
// unknown, not missing.
public class RuntimeProperties {
    static final String URL = "jdbc:postgresql://db.example.com:5432/app";

    Connection handedIn(Properties props) throws SQLException {
        // pgtlslint-test: ok
        return DriverManager.getConnection(URL, props);
    }

    Connection loaded(String file) throws SQLException, IOException {
        Properties props = new Properties();
        props.load(new FileInputStream(file));
        // pgtlslint-test: ok
        return DriverManager.getConnection("jdbc:postgresql://db.example.com/app", props);
    }

    Connection fromDefaults(Properties defaults) throws SQLException {
        Properties props = new Properties(defaults);
        props.setProperty("user", "app");
        // pgtlslint-test: ok
        return DriverManager.getConnection(URL, props);
    }

    Connection fromCall() throws SQLException {
        // pgtlslint-test: ok
        return DriverManager.getConnection("jdbc:postgresql://db.example.com/app", connectionProperties());
    }

    Connection configuredElsewhere() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "app");
        addTls(props);
        // pgtlslint-test: ok
        return DriverManager.getConnection(URL, props);
    }

    // A weak setting beside them is still what the connection says.
    Connection handedInWeak(Properties props) throws SQLException {
        // pgtlslint-test: want PGTLS001
        return DriverManager.getConnection("jdbc:postgresql://db.example.com/app?sslmode=disable", props);
    }

    // Made here and kept here: the mode is missing.
    Connection madeHere() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "app");
        // pgtlslint-test: want PGTLS004
        return DriverManager.getConnection("jdbc:postgresql://db.example.com/app", props);
    }

    Connection noProperties() throws SQLException {
        // pgtlslint-test: want PGTLS004
        return DriverManager.getConnection("jdbc:postgresql://db.example.com/app", null);
    }

    // A URL appended to later may get its mode there.
    Connection appendedLater(String mode) throws SQLException {
        // pgtlslint-test: ok
        String url = "jdbc:postgresql://db.example.com/app";
        if (mode != null) {
            url += "?sslmode=" + mode;
        }
        return DriverManager.getConnection(url);
    }

    // Replaced, not appended to: each value is judged.
    Connection replacedLater(boolean prod) throws SQLException {
        // pgtlslint-test: want PGTLS004
        String target = "jdbc:postgresql://db.example.com/app";
        if (prod) {
            target = "jdbc:postgresql://db.example.com/app?sslmode=verify-full&sslrootcert=/etc/ca.crt";
        }
        return DriverManager.getConnection(target);
    }

    static Properties connectionProperties() {
        return new Properties();
    }

    // The caller's Properties may already name the CA.
    static void addTls(Properties p) {
        // pgtlslint-test: ok
        p.setProperty("sslmode", "verify-full");
    }
}
