// node-postgres with sslmode=no-verify in the connection string (pg-connection-string turns it
// into { rejectUnauthorized: false }): TLS that accepts any certificate.
const { Client } = require('pg');

const { PGTLS_HOST: host, PGTLS_PORT: port, PGTLS_USER: user, PGTLS_DB: db } = process.env;

async function main() {
  const client = new Client({
    connectionString: `postgres://${user}@${host}:${port}/${db}?sslmode=no-verify`,
  });
  await client.connect();
  try {
    await client.query('SELECT 1');
  } finally {
    await client.end();
  }
}

main().then(
  () => console.log('connected'),
  (err) => {
    console.log(String(err));
    process.exit(1);
  },
);
