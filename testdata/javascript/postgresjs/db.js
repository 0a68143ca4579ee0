const postgres = require('postgres');
const sql = postgres(`postgres://app:${process.env.PW}@db.example.com/app`, {
  ssl: 'allow', // pgtlslint-test: want PGTLS002
});
module.exports = sql;
