class Database {
    // pgtlslint-test: ok
    // static final String OLD = "jdbc:postgresql://old.example.com/app?sslmode=disable";
    // pgtlslint-test: want PGTLS001
    static final String URL = "jdbc:postgresql://db.example.com:5432/app?sslmode=disable";
    // pgtlslint-test: want PGTLS002
    static final String DSN = "host=db.example.com dbname=app sslmode=require";
    // pgtlslint-test: ok
    static final String LOCAL = "postgres://localhost/app?sslmode=disable";
    // pgtlslint-test: ok
    static final String COMPOSE = "postgres://db/app?sslmode=disable";
    // pgtlslint-test: want PGTLS008 PGTLS005
    static final String ETL = "postgres://etl:Sup3rS3cret@etl.example.com/app?sslmode=verify-full";
    // pgtlslint-test: ok
    static final String TEMPLATE = "postgres://%s:%s@%s/app?sslmode=%s";
}
