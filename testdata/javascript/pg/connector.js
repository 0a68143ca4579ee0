// Registers a Kafka Connect JDBC sink: the JVM's pgjdbc reads the URL, not pg.
const sink = {
  name: 'orders-sink',
  config: {
    'connector.class': 'io.confluent.connect.jdbc.JdbcSinkConnector',
    'connection.url': 'jdbc:postgresql://db.example.com:5432/app?sslmode=disable', // pgtlslint-test: want PGTLS001
    'legacy.url': 'jdbc:mysql://mysql.example.com:3306/app?sslMode=DISABLED&sslmode=disable', // pgtlslint-test: ok
    'verified.url': 'jdbc:postgresql://db.example.com/app?sslmode=verify-full&sslrootcert=/etc/ssl/db-ca.crt', // pgtlslint-test: ok
  },
};

const replicaUrl = (host) => `jdbc:postgresql://${host}:5432/app?sslmode=require`; // pgtlslint-test: want PGTLS002

module.exports = { sink, replicaUrl };
