# asyncpg with ssl="require": TLS, but any certificate is accepted when no root certificate
# file (sslrootcert, PGSSLROOTCERT, ~/.postgresql/root.crt) exists.
import asyncio
import os
import sys

import asyncpg


async def main():
    conn = await asyncpg.connect(
        host=os.environ["PGTLS_HOST"],
        port=int(os.environ["PGTLS_PORT"]),
        user=os.environ["PGTLS_USER"],
        database=os.environ["PGTLS_DB"],
        ssl="require",
    )
    try:
        await conn.fetchval("SELECT 1")
    finally:
        await conn.close()


try:
    asyncio.run(main())
except Exception as e:
    print(e)
    sys.exit(1)
print("connected")
