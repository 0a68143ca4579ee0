// pgtlslint-test: none
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Connects with jdbc:postgresql://db.example.com/app?sslmode=disable in the docs only.
 */
public class NotConnections {
    private static final Logger LOG = Logger.getLogger("x");

    // jdbc:postgresql://db.example.com/app?sslmode=require in a comment
    /* sslmode=disable sslfactory=org.postgresql.ssl.NonValidatingFactory */

    void messages() {
        // pgtlslint-test: ok
        LOG.info("set sslmode=require for host=db.example.com dbname=app");
        // pgtlslint-test: ok
        System.out.println("jdbc:postgresql://db.example.com/app?sslmode=disable");
        // pgtlslint-test: ok
        String help = "Use sslmode=verify-full; require does not verify";
        // pgtlslint-test: ok
        System.setProperty("sslmode", "disable");
        // pgtlslint-test: ok
        Map<String, String> m = Map.of("sslmode", "disable");
        help.length();
        m.size();
    }

    void otherProperties() {
        Properties log4j = new Properties();
        // No PostgreSQL anywhere in this file: a Properties object is just a map.
        // pgtlslint-test: ok
        log4j.setProperty("sslmode", "disable");
    }
}
