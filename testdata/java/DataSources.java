import org.postgresql.ds.PGConnectionPoolDataSource;
import org.postgresql.ds.PGSimpleDataSource;

public class DataSources {
    PGSimpleDataSource requireMode() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"db.example.com"});
        ds.setDatabaseName("app");
        // pgtlslint-test: want PGTLS002
        ds.setSslMode("require");
        return ds;
    }

    PGSimpleDataSource sslFalse() {
        var ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"db.example.com"});
        // pgtlslint-test: want PGTLS001
        ds.setSsl(false);
        return ds;
    }

    PGSimpleDataSource sslTrue() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"db.example.com"});
        // ssl=true is verify-full: with the JVM truststore it is fine.
        // pgtlslint-test: ok
        ds.setSsl(true);
        ds.setSslfactory("org.postgresql.ssl.DefaultJavaSSLFactory");
        return ds;
    }

    PGConnectionPoolDataSource nonValidating() {
        PGConnectionPoolDataSource ds = new PGConnectionPoolDataSource();
        ds.setServerNames(new String[] {"db1.example.com", "db2.example.com"});
        ds.setSslMode("verify-full");
        // pgtlslint-test: want PGTLS006
        ds.setSslfactory("org.postgresql.ssl.NonValidatingFactory");
        return ds;
    }

    PGSimpleDataSource missing() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        // pgtlslint-test: want PGTLS004
        ds.setServerNames(new String[] {"prod-db.example.com"});
        ds.setDatabaseName("app");
        return ds;
    }

    PGSimpleDataSource noCA() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"db.example.com"});
        // pgtlslint-test: want PGTLS005
        ds.setSslMode("verify-full");
        return ds;
    }

    PGSimpleDataSource verifyCa() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"db.example.com"});
        ds.setSslRootCert("/etc/ssl/ca.crt");
        // pgtlslint-test: want PGTLS003
        ds.setSslMode("verify-ca");
        return ds;
    }

    PGSimpleDataSource local() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"localhost"});
        // pgtlslint-test: ok
        ds.setSslMode("disable");
        return ds;
    }

    PGSimpleDataSource password() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"db.example.com"});
        ds.setSslMode("verify-full");
        ds.setSslRootCert("/etc/ssl/ca.crt");
        // pgtlslint-test: want PGTLS008
        ds.setPassword("pa55word!");
        return ds;
    }

    PGSimpleDataSource viaUrl() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        // pgtlslint-test: want PGTLS002
        ds.setUrl("jdbc:postgresql://db.example.com/app?sslmode=require");
        return ds;
    }

    PGSimpleDataSource setterAfterUrl() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        // A setter after setUrl wins.
        // pgtlslint-test: ok
        ds.setUrl("jdbc:postgresql://db.example.com/app?sslmode=require");
        // pgtlslint-test: want PGTLS005
        ds.setSslMode("verify-full");
        return ds;
    }

    // No server name in sight: a weak mode is reported, a missing one is not.
    void configure(PGSimpleDataSource ds) {
        // pgtlslint-test: want PGTLS001
        ds.setSslMode("prefer");
    }
}
