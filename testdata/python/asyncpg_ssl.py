import ssl

import asyncpg


async def verified_off():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False  # pgtlslint-test: want PGTLS006
    ctx.verify_mode = ssl.CERT_NONE  # pgtlslint-test: want PGTLS006
    return await asyncpg.connect("postgresql://app@db.example.com/app", ssl=ctx)


async def hostname_off():
    ctx = ssl.create_default_context(cafile="/etc/ca.pem")
    ctx.check_hostname = False  # pgtlslint-test: want PGTLS006
    return await asyncpg.create_pool(dsn="postgresql://app@db.example.com/app", ssl=ctx)


async def good_context():
    ctx = ssl.create_default_context(cafile="/etc/ca.pem")
    ctx.check_hostname = True  # pgtlslint-test: ok
    return await asyncpg.connect("postgresql://app@db.example.com/app", ssl=ctx)


async def local_context():
    ctx = ssl.create_default_context()
    ctx.verify_mode = ssl.CERT_NONE  # pgtlslint-test: ok
    return await asyncpg.connect(host="127.0.0.1", ssl=ctx)


async def unrelated_context():
    # An SSLContext that never reaches a PostgreSQL driver is not ours.
    ctx = ssl.create_default_context()
    ctx.check_hostname = False  # pgtlslint-test: ok
    return ctx


async def modes():
    await asyncpg.connect("postgresql://app@db.example.com/app", ssl="require")  # pgtlslint-test: want PGTLS002
    await asyncpg.connect("postgresql://app@db.example.com/app", ssl=False)  # pgtlslint-test: want PGTLS001
    await asyncpg.connect("postgresql://app@db.example.com/app", ssl=True)  # pgtlslint-test: ok
    await asyncpg.connect("postgresql://app@db.example.com/app?sslmode=verify_full")  # pgtlslint-test: want PGTLS005
    await asyncpg.connect("postgresql://app@db.example.com/app?sslmode=REQUIRE")  # pgtlslint-test: want PGTLS009
    await asyncpg.connect(host="db.example.com", password="topsecret1")  # pgtlslint-test: want PGTLS004 PGTLS008
