# psycopg 3 with sslmode=verify-ca in a postgresql:// URI: the chain is checked against the CA,
# the host name is not, so any certificate of that CA (for any host) is accepted.
import os
import sys

import psycopg

host = os.environ["PGTLS_HOST"]
port = os.environ["PGTLS_PORT"]
user = os.environ["PGTLS_USER"]
db = os.environ["PGTLS_DB"]

try:
    with psycopg.connect(f"postgresql://{user}@{host}:{port}/{db}?sslmode=verify-ca") as conn:
        conn.execute("SELECT 1").fetchone()
except Exception as e:
    print(e)
    sys.exit(1)
print("connected")
