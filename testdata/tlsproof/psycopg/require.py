# psycopg 3 with sslmode=require in a libpq conninfo string: TLS, but any certificate is
# accepted when no root certificate file exists.
import os
import sys

import psycopg

host = os.environ["PGTLS_HOST"]
port = os.environ["PGTLS_PORT"]
user = os.environ["PGTLS_USER"]
db = os.environ["PGTLS_DB"]

try:
    with psycopg.connect(f"host={host} port={port} user={user} dbname={db} sslmode=require") as conn:
        conn.execute("SELECT 1").fetchone()
except Exception as e:
    print(e)
    sys.exit(1)
print("connected")
