# asyncpg with no TLS setting at all: its default for TCP hosts is sslmode prefer (TLS without
# a certificate check, plaintext when the server does not offer TLS).
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
