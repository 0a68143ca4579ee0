import { DataSource } from 'typeorm';

export const AppDataSource = new DataSource({
  type: 'postgres',
  url: process.env.DATABASE_URL,
  ssl: { rejectUnauthorized: false }, // pgtlslint-test: want PGTLS006
});

export const Other = new DataSource({
  type: 'postgres',
  host: 'db.example.com',
  ssl: true, // pgtlslint-test: want PGTLS011
  extra: {
    ssl: { rejectUnauthorized: false }, // pgtlslint-test: want PGTLS006
  },
});

export const Missing = new DataSource({
  type: 'postgres',
  host: 'db.example.com', // pgtlslint-test: want PGTLS004
  username: 'app',
});

export const Mongo = new DataSource({ type: 'mongodb', host: 'mongo.example.com', ssl: false }); // pgtlslint-test: ok

export const Orders = new DataSource({
  type: 'mysql',
  host: 'mysql.example.com', // pgtlslint-test: ok
  password: 's3cr3t-pass', // pgtlslint-test: ok
  ssl: { rejectUnauthorized: false }, // pgtlslint-test: ok
});

export const Ledger = new DataSource({
  type: 'cockroachdb',
  host: 'crdb.example.com', // pgtlslint-test: want PGTLS004
  username: 'app',
});
