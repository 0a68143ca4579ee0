// Connections whose settings are known only in part before they run: settings that may be
// supplied at run time are unknown, not missing; a host built as a path is a socket directory.
const { Pool, Client } = require('pg');
const path = require('path');
const { join } = require('node:path');

// A query string built at run time may carry the mode.
function fromBase(base, qs) {
  return new Pool({ connectionString: `${base}?${qs}` }); // pgtlslint-test: ok
}
function query(qs) {
  return new Pool({ connectionString: `postgres://app@db.example.com/app?${qs}` }); // pgtlslint-test: ok
}
function appended(params) {
  return new Pool({ connectionString: 'postgres://app@db.example.com/app?' + params }); // pgtlslint-test: ok
}
function searchParams(params) {
  return new Client(`postgres://app@db.example.com/app?${new URLSearchParams(params)}`); // pgtlslint-test: ok
}

// An options object that spreads or merges one not known here.
function spread(config) {
  return new Pool({ host: 'db.example.com', database: 'app', ...config }); // pgtlslint-test: ok
}
function assigned(config) {
  return new Pool(Object.assign({ host: 'db.example.com', database: 'app' }, config)); // pgtlslint-test: ok
}

// What the object shows is still judged.
function spreadWeak(config) {
  return new Pool({ host: 'db.example.com', ...config, ssl: false }); // pgtlslint-test: want PGTLS001
}
function assignedWeak(config) {
  return new Pool(Object.assign({}, config, { host: 'db.example.com', ssl: { rejectUnauthorized: false } })); // pgtlslint-test: want PGTLS006
}
function queryWeak(qs) {
  return new Pool({ connectionString: `postgres://app@db.example.com/app?sslmode=disable&${qs}` }); // pgtlslint-test: want PGTLS001
}

// Spreads and merges of objects known here are closed: the mode is missing.
const defaults = { database: 'app', max: 10 };
function spreadKnown() {
  return new Pool({ host: 'db.example.com', ...defaults }); // pgtlslint-test: want PGTLS004:error
}
function assignedKnown() {
  return new Pool(Object.assign({}, defaults, { host: 'db.example.com' })); // pgtlslint-test: want PGTLS004:error
}
// Run-time values that are only values.
function databaseName(name) {
  return new Pool({ connectionString: `postgres://app@db.example.com/${name}` }); // pgtlslint-test: want PGTLS004:error
}

// A socket directory built at run time is local.
function socketJoined(dir) {
  return new Pool({ host: path.join(dir, 'sock'), database: 'app' }); // pgtlslint-test: ok
}
const socketDir = join(process.env.RUNTIME_DIR, 'pg');
const viaName = new Client({ host: socketDir, ssl: false }); // pgtlslint-test: ok
function socketTemplate(dir) {
  return new Pool({ host: `${dir}/sock`, database: 'app', ssl: false }); // pgtlslint-test: ok
}

// A run-time host that is not a path is not known to be local.
function urlHost(host) {
  return new Client(`postgres://app@${host}/app`); // pgtlslint-test: want PGTLS004:error
}
function basename(p) {
  return new Pool({ host: path.basename(p), ssl: false }); // pgtlslint-test: want PGTLS001
}
// A string appended to later may get its mode there.
function appendedLater(mode) {
  let url = `postgres://app@db.example.com/app`; // pgtlslint-test: ok
  if (mode) url += `?sslmode=${mode}`;
  return new Pool({ connectionString: url });
}
function replacedLater(prod) {
  let target = 'postgres://app@db.example.com/app'; // pgtlslint-test: want PGTLS004:error
  if (prod) target = 'postgres://app@db.example.com/app?sslmode=verify-full';
  return new Pool({ connectionString: target });
}
module.exports = { appendedLater, replacedLater };
module.exports = { fromBase, query, appended, searchParams, spread, assigned, spreadWeak, assignedWeak, queryWeak, spreadKnown, assignedKnown, databaseName, socketJoined, viaName, socketTemplate, urlHost, basename };
