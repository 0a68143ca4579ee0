# psycopg2 with sslmode=require inside a libpq keyword/value DSN string.
import os
import sys

import psycopg2

try:
    conn = psycopg2.connect(
        "host=%s port=%s user=%s dbname=%s sslmode=require"
        % (
            os.environ["PGTLS_HOST"],
            os.environ["PGTLS_PORT"],
            os.environ["PGTLS_USER"],
            os.environ["PGTLS_DB"],
        )
    )
    cur = conn.cursor()
    cur.execute("SELECT 1")
    cur.fetchone()
    conn.close()
except Exception as e:
    print(e)
    sys.exit(1)
print("connected")
