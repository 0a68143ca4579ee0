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
