# psycopg2 with sslmode="require" as a keyword argument (libpq semantics): TLS, but any
# certificate is accepted when no root certificate file exists.
import os
import sys

import psycopg2

try:
    conn = psycopg2.connect(
        host=os.environ["PGTLS_HOST"],
        port=os.environ["PGTLS_PORT"],
        user=os.environ["PGTLS_USER"],
        dbname=os.environ["PGTLS_DB"],
        sslmode="require",
    )
    cur = conn.cursor()
    cur.execute("SELECT 1")
    cur.fetchone()
    conn.close()
except Exception as e:
    print(e)
    sys.exit(1)
print("connected")
