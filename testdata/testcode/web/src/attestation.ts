// Not test code: "attestation" holds "test" inside a word.
import { Pool } from "pg";

export const pool = new Pool({ connectionString: "postgres://app@attest.example.com/app?sslmode=disable" }); // pgtlslint-test: want PGTLS001
