# psycopg2 with sslmode="prefer" as a keyword argument (libpq semantics): TLS without any
# certificate check, and plaintext when the server does not offer TLS.
import os
import sys

import psycopg2

try:
    conn = psycopg2.connect(
        host=os.environ["PGTLS_HOST"],
        port=os.environ["PGTLS_PORT"],
        user=os.environ["PGTLS_USER"],
        dbname=os.environ["PGTLS_DB"],
        sslmode="prefer",
    )
    cur = conn.cursor()
    cur.execute("SELECT 1")
    cur.fetchone()
    conn.close()
except Exception as e:
    print(e)
    sys.exit(1)
print("connected")
