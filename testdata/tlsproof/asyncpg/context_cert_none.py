# asyncpg with an SSLContext that checks neither the chain nor the host name, given as ssl=.
import asyncio
import os
import ssl
import sys

import asyncpg


async def main():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    conn = await asyncpg.connect(
        host=os.environ["PGTLS_HOST"],
        port=int(os.environ["PGTLS_PORT"]),
        user=os.environ["PGTLS_USER"],
        database=os.environ["PGTLS_DB"],
        ssl=ctx,
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
