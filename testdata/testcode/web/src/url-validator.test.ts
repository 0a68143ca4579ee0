// A URL validator's test lists every sslmode on purpose: test code, not reported by default.
import { isDatabaseUrl } from "./url-validator";

describe("isDatabaseUrl", () => {
  it("accepts every sslmode", () => {
    expect(isDatabaseUrl("postgres://app@db.example.com/app?sslmode=disable")).toBe(true); // pgtlslint-test: want PGTLS001
    expect(isDatabaseUrl("postgres://app@db.example.com/app?sslmode=no-verify")).toBe(true); // pgtlslint-test: want PGTLS006
    expect(isDatabaseUrl("postgres://app@db.example.com/app")).toBe(true); // pgtlslint-test: want PGTLS004
    // pgtlslint-test: ok
    expect(isDatabaseUrl("postgres://app@db.example.com/app?sslmode=verify-full")).toBe(true);
  });
});
