import { Pool } from '@neondatabase/serverless';

// The Neon serverless driver speaks to Neon's proxy through a verified wss:// WebSocket and
// does not read sslmode: these settings are not weak for it.
// pgtlslint-test: ok
export const pool = new Pool({ connectionString: 'postgres://app@ep-quiet-lake-123456.eu-central-1.aws.neon.tech/app?sslmode=require' });
// pgtlslint-test: ok
export const byHost = new Pool({ host: 'ep-quiet-lake-123456.eu-central-1.aws.neon.tech', database: 'app', user: 'app' });
// pgtlslint-test: ok
export const fromEnv = new Pool({ connectionString: process.env.DATABASE_URL });

// A literal password is a secret in the repository, whatever the transport.
export const withSecret = new Pool({ connectionString: 'postgres://app:Str0ngPassw0rd@ep-quiet-lake-123456.eu-central-1.aws.neon.tech/app' }); // pgtlslint-test: want PGTLS008
