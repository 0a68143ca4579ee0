'use strict';
const pg = require('pg');

// A bare connection string, read by pg (the file's import).
const DATABASE_URL = "postgresql://svc@db.example.com:5432/app?sslmode=no-verify"; // pgtlslint-test: want PGTLS006

module.exports = new pg.Client(DATABASE_URL);

const sslOff = false; // pgtlslint-test: want PGTLS001
const other = new pg.Client({ host: 'db.internal.example.com', ssl: sslOff });

process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = 0; // pgtlslint-test: want PGTLS006
