// Not test code: "latest" is not the word "test".
import { Pool } from "pg";

export const pool = new Pool({
  connectionString: "postgres://app@db.example.com/app",
  ssl: { rejectUnauthorized: false }, // pgtlslint-test: want PGTLS006
});
