import psycopg
from psycopg import AsyncConnection
from psycopg_pool import ConnectionPool, AsyncConnectionPool

host = "db.example.com"
port = 5432

with psycopg.connect(f"postgresql://app@{host}:{port}/app?sslmode=require") as conn:  # pgtlslint-test: want PGTLS002
    pass

conn = psycopg.connect(conninfo="host=db.example.com dbname=app", sslmode="verify-ca", sslrootcert="/ca.pem")  # pgtlslint-test: want PGTLS003


async def main(user):
    aconn = await AsyncConnection.connect("postgresql://" + user + "@db.example.com/app" "?sslmode=prefer")  # pgtlslint-test: want PGTLS001
    return aconn

pool = ConnectionPool("postgresql://app@db.example.com/app", kwargs={"sslmode": "require"})  # pgtlslint-test: want PGTLS002
pool = ConnectionPool("postgresql://app@db.example.com/app", kwargs={"sslmode": "verify-full", "sslrootcert": "system"})  # pgtlslint-test: ok
pool = AsyncConnectionPool("postgresql://app@db.example.com/app")  # pgtlslint-test: want PGTLS004
pool = ConnectionPool("postgresql://app@db.example.com/app?sslmode=%s" % mode)  # pgtlslint-test: ok
pool = ConnectionPool("postgresql://app@{}/app?sslmode=disable".format(h))  # pgtlslint-test: want PGTLS001

# Escapes decode: \x2d is "-", the finding still sits in the literal.
conn = psycopg.connect("postgresql://app@db.example.com/app?sslmode=verify\x2dca&sslrootcert=/ca.pem")  # pgtlslint-test: want PGTLS003
conn = psycopg.connect(r"host=db.example.com dbname=app sslmode=prefer")  # pgtlslint-test: want PGTLS001
