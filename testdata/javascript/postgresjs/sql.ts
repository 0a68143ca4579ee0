import postgres from 'postgres';
import fs from 'node:fs';

// 'require' encrypts without checking the certificate.
export const sql1 = postgres('postgres://app@db.example.com/app', { ssl: 'require' }); // pgtlslint-test: want PGTLS002

// 'prefer' may fall back to plaintext.
export const sql2 = postgres({ host: 'db.example.com', ssl: 'prefer' }); // pgtlslint-test: want PGTLS001

// 'verify-full' and a CA object verify.
export const sql3 = postgres('postgres://db.example.com/app', { ssl: 'verify-full' }); // pgtlslint-test: ok
export const sql4 = postgres('postgres://db.example.com/app', { ssl: { ca: fs.readFileSync('ca.pem') } }); // pgtlslint-test: ok

// ssl: false sends plaintext.
export const sql5 = postgres({ host: 'db.example.com', ssl: false }); // pgtlslint-test: want PGTLS001

// The options object beats the URL: this one verifies.
export const sql6 = postgres('postgres://db.example.com/app?sslmode=require', { ssl: 'verify-full' }); // pgtlslint-test: ok

// The URL decides when the object says nothing.
export const sql7 = postgres('postgres://db.example.com/app?sslmode=require'); // pgtlslint-test: want PGTLS002

// No TLS: Postgres.js defaults to none.
export const sql8 = postgres('postgres://db.example.com/app'); // pgtlslint-test: want PGTLS004

// rejectUnauthorized: false in an ssl object.
export const sql9 = postgres(process.env.DATABASE_URL!, { ssl: { rejectUnauthorized: false } }); // pgtlslint-test: want PGTLS006

// sslrootcert in the URL is sent to the server and breaks the connection.
export const sql10 = postgres('postgres://db.example.com/app?sslmode=verify-full&sslrootcert=/ca.pem'); // pgtlslint-test: want PGTLS011

// Local.
export const sql11 = postgres({ host: 'localhost', ssl: false }); // pgtlslint-test: ok
