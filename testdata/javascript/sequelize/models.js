const { Sequelize } = require('sequelize');

const a = new Sequelize(process.env.DATABASE_URL, {
  dialect: 'postgres',
  dialectOptions: {
    ssl: { require: true, rejectUnauthorized: false }, // pgtlslint-test: want PGTLS006
  },
});

const b = new Sequelize('app', 'user', process.env.PW, {
  host: 'db.example.com',
  dialect: 'postgres',
  ssl: true, // pgtlslint-test: want PGTLS011
  dialectOptions: { ssl: true }, // pgtlslint-test: ok
});

const c = new Sequelize('app', 'user', 'pw', { host: 'localhost', dialect: 'postgres' }); // pgtlslint-test: ok
const d = new Sequelize('app', 'user', 'pw', { host: 'mysql.example.com', dialect: 'mysql', ssl: false }); // pgtlslint-test: ok

// sslmode in a Sequelize URL is dropped: no TLS at all.
const e = new Sequelize('postgres://app@db.example.com/app?sslmode=require', { dialect: 'postgres' }); // pgtlslint-test: want PGTLS011 PGTLS004
const f = new Sequelize('postgres://app@db.example.com/app', {
  dialect: 'postgres',
  dialectOptions: { ssl: { ca: process.env.CA } }, // pgtlslint-test: ok
});
