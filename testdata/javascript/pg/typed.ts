import { Pool, PoolConfig } from 'pg';

const config: PoolConfig = {
  host: 'db.example.com',
  ssl: { rejectUnauthorized: false } as any, // pgtlslint-test: want PGTLS006
};
export const pool = new Pool(config);

const strict = {
  host: 'db.example.com', // pgtlslint-test: ok
  ssl: { rejectUnauthorized: true },
} satisfies PoolConfig;
export const pool2 = new Pool(strict);

const url: string = `postgres://db.example.com/app?sslmode=${process.env.MODE!}`; // pgtlslint-test: ok
export const pool3 = new Pool({ connectionString: url });

export const pool4 = new Pool({ host: 'db.example.com', ssl: false as boolean }); // pgtlslint-test: want PGTLS001
