const { Pool, Client } = require('pg');
const fs = require('fs');
const tls = require('tls');

// Plaintext to a remote host.
const a = new Pool({
  host: 'db.example.com',
  ssl: false, // pgtlslint-test: want PGTLS001
});

// Verification switched off.
const b = new Pool({
  host: 'db.example.com',
  ssl: {
    rejectUnauthorized: false, // pgtlslint-test: want PGTLS006
  },
});

// Verified TLS: nothing to say.
const c = new Pool({
  host: 'db.example.com', // pgtlslint-test: ok
  ssl: { rejectUnauthorized: true, ca: fs.readFileSync('ca.pem', 'utf8') }, // pgtlslint-test: ok
});

// ssl: true verifies with Node's CA list.
const d = new Client({ host: 'db.example.com', ssl: true }); // pgtlslint-test: ok

// No TLS setting: pg's default is no TLS at all.
const e = new Client({
  host: 'db.example.com', // pgtlslint-test: want PGTLS004:error
  database: 'app',
});

// Local hosts need no TLS.
const f = new Pool({ host: 'localhost', ssl: false }); // pgtlslint-test: ok
const g = new Pool({ host: '127.0.0.1' }); // pgtlslint-test: ok
const h = new Pool({ host: '/var/run/postgresql', ssl: false }); // pgtlslint-test: ok

// rejectUnauthorized: false fires even with the host omitted.
const i = new Pool({ ssl: { rejectUnauthorized: false } }); // pgtlslint-test: want PGTLS006

// A literal password for a remote host.
const j = new Pool({
  host: 'db.example.com',
  password: 'hunter2', // pgtlslint-test: want PGTLS008
  ssl: true,
});
const k = new Pool({ host: 'db.example.com', password: process.env.PGPASSWORD, ssl: true }); // pgtlslint-test: ok
// A placeholder word is no secret.
const k2 = new Pool({ host: 'db.example.com', password: 'your_password', ssl: true }); // pgtlslint-test: ok

// The string 'no-verify' is { rejectUnauthorized: false }.
const l = new Pool({ host: 'db.example.com', ssl: 'no-verify' }); // pgtlslint-test: want PGTLS006

// Any other string is truthy: verified TLS.
const m = new Pool({ host: 'db.example.com', ssl: 'verify-full' }); // pgtlslint-test: ok

// A no-op checkServerIdentity disables the host-name check.
const n = new Pool({
  host: 'db.example.com',
  ssl: {
    ca: fs.readFileSync('ca.pem'),
    checkServerIdentity: () => {}, // pgtlslint-test: want PGTLS003
  },
});

// A checkServerIdentity that does check (here: Node's own, then a pin) keeps verification.
const n2 = new Pool({
  host: 'db.example.com',
  ssl: {
    ca: fs.readFileSync('ca.pem'),
    checkServerIdentity: (host, cert) => tls.checkServerIdentity(host, cert), // pgtlslint-test: ok
  },
});

// Dynamic values say nothing.
const o = new Pool({ host: process.env.PGHOST, ssl: process.env.NODE_ENV === 'production' }); // pgtlslint-test: ok
