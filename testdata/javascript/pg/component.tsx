import React from 'react';
import { Client } from 'pg';

export function Status(): JSX.Element {
  const client = new Client({ host: 'db.example.com', ssl: { rejectUnauthorized: false } }); // pgtlslint-test: want PGTLS006
  const label = 'ssl: false'; // pgtlslint-test: ok
  // pgtlslint-test: ok
  return <div title={label}>postgres://db.example.com/app?sslmode=disable</div>;
}
