module.exports = {
  development: {
    client: 'pg',
    connection: { host: 'localhost', database: 'dev' }, // pgtlslint-test: ok
  },
  production: {
    client: 'postgresql',
    connection: {
      host: 'db.example.com',
      password: 'prod-password', // pgtlslint-test: want PGTLS008
      ssl: { rejectUnauthorized: false }, // pgtlslint-test: want PGTLS006
    },
  },
  staging: {
    client: 'pg',
    connection: 'postgres://staging.example.com/app?sslmode=disable', // pgtlslint-test: want PGTLS001
  },
};
