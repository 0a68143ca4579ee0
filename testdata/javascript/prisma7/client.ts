import { PrismaClient } from '@prisma/client';
import { PrismaPg } from '@prisma/adapter-pg';

const adapter = new PrismaPg({ connectionString: 'postgres://db.example.com/app?sslmode=disable' }); // pgtlslint-test: want PGTLS001
export const prisma = new PrismaClient({ adapter });

const adapter2 = new PrismaPg({
  connectionString: process.env.DATABASE_URL,
  ssl: { rejectUnauthorized: false }, // pgtlslint-test: want PGTLS006
});
