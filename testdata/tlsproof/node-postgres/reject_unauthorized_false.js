// node-postgres with ssl: { rejectUnauthorized: false }: TLS that accepts any certificate.
const { Client } = require('pg');

async function main() {
  const client = new Client({
    host: process.env.PGTLS_HOST,
    port: Number(process.env.PGTLS_PORT),
    user: process.env.PGTLS_USER,
    database: process.env.PGTLS_DB,
    ssl: { rejectUnauthorized: false },
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
