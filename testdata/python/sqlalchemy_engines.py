import ssl
from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import create_async_engine

engine = create_engine("postgresql+psycopg2://app@db.example.com/app?sslmode=require")  # pgtlslint-test: want PGTLS002
engine = create_engine("postgresql://app@db.example.com/app", connect_args={"sslmode": "prefer"})  # pgtlslint-test: want PGTLS001
engine = create_engine("postgresql://app@db.example.com/app", connect_args={"sslmode": "verify-full", "sslrootcert": "system"})  # pgtlslint-test: ok
engine = create_engine("sqlite:///local.db", connect_args={"sslmode": "disable"})  # pgtlslint-test: ok
aengine = create_async_engine("postgresql+asyncpg://app@db.example.com/app?sslmode=require")  # pgtlslint-test: want PGTLS009
aengine = create_async_engine("postgresql+asyncpg://app@db.example.com/app?ssl=require")  # pgtlslint-test: want PGTLS002
aengine = create_async_engine("postgresql+asyncpg://app@db.example.com/app", connect_args={"ssl": True})  # pgtlslint-test: ok
aengine = create_async_engine("postgresql+asyncpg://app@db.example.com/app", connect_args={"ssl": "disable"})  # pgtlslint-test: want PGTLS001

# A URL in a module constant, not passed to a known call, is still a connection string.
DATABASE_URL = "postgresql+asyncpg://app:pa55word@db.example.com/app?ssl=prefer"  # pgtlslint-test: want PGTLS001 PGTLS008
