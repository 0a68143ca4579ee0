// pgjdbc with ssl=true and no sslmode: verify-full since 42.2.5, with LibPQFactory reading the CA
// from ~/.postgresql/root.crt.
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

public class SslTrue {
    public static void main(String[] args) {
        String url = "jdbc:postgresql://" + System.getenv("PGTLS_HOST") + ":" + System.getenv("PGTLS_PORT")
                + "/" + System.getenv("PGTLS_DB")
                + "?ssl=true";
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
