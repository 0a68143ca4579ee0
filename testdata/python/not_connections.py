"""Helpers. Connect with postgresql://app@db.example.com/app?sslmode=require in production.

The old default was sslmode=disable; never use it.
"""
import psycopg2

# pgtlslint-test: none

# conn = psycopg2.connect("postgresql://app@db.example.com/app?sslmode=disable")
HELP = "set sslmode=require to encrypt"  # pgtlslint-test: ok
settings = {"sslmode": "disable", "host": "db.example.com"}  # pgtlslint-test: ok
logger.info("connecting with sslmode=%s to %s", "require", "db.example.com")  # pgtlslint-test: ok
message = f"host={host} sslmode is {mode}"  # pgtlslint-test: ok
URL = b"postgresql://app@db.example.com/app?sslmode=disable"  # pgtlslint-test: ok
socket_dsn = "postgresql:///app?host=/var/run/postgresql&sslmode=disable"  # pgtlslint-test: ok

# A string rebuilt from itself later gets its parameters there: the first value is not missing
# them (what the rebuilt value sets is known only by following the assignments in order).
DSN = "postgresql://app@db.example.com/app"  # pgtlslint-test: ok
DSN = DSN + "?sslmode=disable"  # pgtlslint-test: ok
