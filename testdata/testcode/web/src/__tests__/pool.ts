// Jest's __tests__ folder: test code, though the file name says nothing.
import { Pool } from "pg";

export const pool = new Pool({
  connectionString: "postgres://app@staging.example.com/app",
  ssl: { rejectUnauthorized: false }, // pgtlslint-test: want PGTLS006
});
