// Not test code: "testimonials" starts with "test" but is another word.
import postgres from "postgres";

export const sql = postgres("postgres://app@quotes.example.com/app", { ssl: "require" }); // pgtlslint-test: want PGTLS002
