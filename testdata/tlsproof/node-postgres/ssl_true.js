// node-postgres with ssl: true: TLS with Node's defaults, chain and host name checked against
// Node's CA store (plus NODE_EXTRA_CA_CERTS).
const { Client } = require('pg');

async function main() {
  const client = new Client({
    host: process.env.PGTLS_HOST,
    port: Number(process.env.PGTLS_PORT),
    user: process.env.PGTLS_USER,
    database: process.env.PGTLS_DB,
    ssl: true,
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
