const { Pool } = require('pg')
// pgtlslint-test: want PGTLS004:error
const pool = new Pool({ connectionString: 'postgres://db.example.com/app' })
// pgtlslint-test: ok
const local = new Pool({ connectionString: 'postgres://localhost/app' })
