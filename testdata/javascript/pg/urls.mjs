import pg from 'pg';

const host = 'db.example.com';
const user = process.env.PGUSER;

// A template literal with holes: the finding sits on the weak literal.
const url1 = `postgres://${user}@${host}:5432/app?sslmode=disable`; // pgtlslint-test: want PGTLS001
const pool1 = new pg.Pool({ connectionString: url1 });

// sslmode=require verifies in pg 8 but is announced to change.
const pool2 = new pg.Pool({ connectionString: 'postgres://db.example.com/app?sslmode=require' }); // pgtlslint-test: want PGTLS010

// An ssl object next to a URL that carries sslmode: pg replaces the object.
const pool3 = new pg.Pool({
  connectionString: 'postgres://db.example.com/app?sslmode=verify-full', // pgtlslint-test: ok
  ssl: { rejectUnauthorized: false }, // pgtlslint-test: want PGTLS011
});

// Without TLS parameters in the URL the object's ssl survives.
const pool4 = new pg.Pool({
  connectionString: 'postgres://db.example.com/app', // pgtlslint-test: ok
  ssl: { rejectUnauthorized: false }, // pgtlslint-test: want PGTLS006
});

// No TLS anywhere: the finding sits on the URL.
const pool5 = new pg.Pool({ connectionString: 'postgres://db.example.com/app' }); // pgtlslint-test: want PGTLS004

// Concatenation and a constant followed to the call.
const base = 'postgres://app:s3cret@db.example.com/app'; // pgtlslint-test: want PGTLS008
const pool6 = new pg.Pool({ connectionString: base + '?sslmode=verify-full' });

// An environment URL: the object decides, and a missing ssl says nothing.
const pool7 = new pg.Pool({ connectionString: process.env.DATABASE_URL }); // pgtlslint-test: ok
const pool8 = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  ssl: { rejectUnauthorized: false }, // pgtlslint-test: want PGTLS006
});

// The fallback of process.env.X || '...' is a value of its own.
const url9 = process.env.DATABASE_URL || 'postgres://db.example.com/app?sslmode=disable'; // pgtlslint-test: want PGTLS001

// Local URLs need no TLS.
const pool10 = new pg.Pool({ connectionString: 'postgres://localhost/app?sslmode=disable' }); // pgtlslint-test: ok

// Node's own switch, in a project that uses pg.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; // pgtlslint-test: want PGTLS006

// Words in comments never fire: postgres://db.example.com/app?sslmode=disable ssl: false
const doc = 'set sslmode=disable to turn TLS off'; // pgtlslint-test: ok
