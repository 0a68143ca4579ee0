// node-postgres with sslmode=require in the connection string: pg 8 (pg-connection-string 2.x)
// treats it as verify-full (chain and host name against Node's CA store), unlike libpq.
const { Client } = require('pg');

const { PGTLS_HOST: host, PGTLS_PORT: port, PGTLS_USER: user, PGTLS_DB: db } = process.env;

async function main() {
  const client = new Client({
    connectionString: `postgres://${user}@${host}:${port}/${db}?sslmode=require`,
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
