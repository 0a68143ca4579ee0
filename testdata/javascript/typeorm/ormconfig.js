module.exports = {
  type: 'postgres',
  url: 'postgres://db.example.com/app?sslmode=require', // pgtlslint-test: want PGTLS010
  ssl: { rejectUnauthorized: false }, // pgtlslint-test: want PGTLS011
};
