import knex from 'knex';

export const db = knex({
  client: 'pg',
  connection: {
    connectionString: process.env.DATABASE_URL,
    ssl: false, // pgtlslint-test: want PGTLS001
  },
});

export const mysql = knex({
  client: 'mysql2',
  connection: { host: 'mysql.example.com', ssl: false }, // pgtlslint-test: ok
});

export const orders = knex({
  client: 'mysql2',
  connection: {
    host: 'mysql.example.com', // pgtlslint-test: ok
    password: 's3cr3t-pass', // pgtlslint-test: ok
    ssl: { rejectUnauthorized: false }, // pgtlslint-test: ok
  },
});

export const reports = knex({
  client: 'pg',
  connection: {
    host: 'pg.example.com',
    password: 's3cr3t-pass', // pgtlslint-test: want PGTLS008
    ssl: { rejectUnauthorized: false }, // pgtlslint-test: want PGTLS006
  },
});

// CockroachDB speaks PostgreSQL's protocol: Knex's cockroachdb client is pg.
export const ledger = knex({
  client: 'cockroachdb',
  connection: {
    host: 'crdb.example.com',
    ssl: { rejectUnauthorized: false }, // pgtlslint-test: want PGTLS006
  },
});
