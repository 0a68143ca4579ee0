import os

import psycopg2

os.environ["PGSSLMODE"] = "require"  # pgtlslint-test: want PGTLS002


def configure():
    os.environ.setdefault("PGSSLMODE", "prefer")  # pgtlslint-test: want PGTLS001


def local():
    os.environ["PGHOST"] = "localhost"
    os.putenv("PGSSLMODE", "disable")  # pgtlslint-test: ok


def good():
    os.environ["PGSSLMODE"] = "verify-full"  # pgtlslint-test: ok
    os.environ["PGSSLROOTCERT"] = "/etc/ssl/ca.pem"
    os.environ["OTHER"] = "require"  # pgtlslint-test: ok
