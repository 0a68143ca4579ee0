// Postgres.js with ssl: 'require': TLS with rejectUnauthorized: false, any certificate accepted.
const postgres = require('postgres');

async function main() {
  const sql = postgres({
    host: process.env.PGTLS_HOST,
    port: Number(process.env.PGTLS_PORT),
    user: process.env.PGTLS_USER,
    database: process.env.PGTLS_DB,
    ssl: 'require',
    max: 1,
  });
  try {
    await sql`SELECT 1`;
  } finally {
    await sql.end();
  }
}

main().then(
  () => console.log('connected'),
  (err) => {
    console.log(String(err));
    process.exit(1);
  },
);
