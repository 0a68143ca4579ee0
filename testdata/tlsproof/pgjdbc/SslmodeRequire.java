// pgjdbc with sslmode=require: TLS without any certificate check; pgjdbc's LibPQFactory uses a
// non-validating trust manager below verify-ca, even when ~/.postgresql/root.crt exists.
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

public class SslmodeRequire {
    public static void main(String[] args) {
        String url = "jdbc:postgresql://" + System.getenv("PGTLS_HOST") + ":" + System.getenv("PGTLS_PORT")
                + "/" + System.getenv("PGTLS_DB")
                + "?sslmode=require";
        Properties props = new Properties();
        props.setProperty("user", System.getenv("PGTLS_USER"));
        try (Connection conn = DriverManager.getConnection(url, props);
                Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT 1")) {
            rs.next();
        } catch (Exception e) {
            System.out.println(e);
            System.exit(1);
        }
        System.out.println("connected");
    }
}
