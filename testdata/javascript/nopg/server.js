// pgtlslint-test: none
const https = require('https');
const Redis = require('ioredis');

const agent = new https.Agent({ rejectUnauthorized: false });
const redis = new Redis({ host: 'cache.example.com', tls: { rejectUnauthorized: false } });
const opts = { host: 'api.example.com', ssl: false };
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
// new Pool({ host: 'db.example.com', ssl: false })
const text = "ssl: { rejectUnauthorized: false }";
