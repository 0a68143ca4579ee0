// Postgres.js options that may be supplied at run time are unknown, not missing.
import postgres from 'postgres';

export function withOptions(options: postgres.Options<{}>) {
  return postgres('postgres://app@db.example.com/app', { max: 5, ...options }); // pgtlslint-test: ok
}

export function withQuery(qs: string) {
  return postgres(`postgres://app@db.example.com/app?${qs}`); // pgtlslint-test: ok
}

// Closed: Postgres.js's default is no TLS.
export const closed = postgres('postgres://app@db.example.com/app', { max: 5 }); // pgtlslint-test: want PGTLS004:error

export function weakBesideOptions(options: postgres.Options<{}>) {
  return postgres('postgres://app@db.example.com/app', { ...options, ssl: 'prefer' }); // pgtlslint-test: want PGTLS001
}
