"""Connections whose settings are known only in part before they run: parameters that may be
supplied at run time are unknown, not missing; a host built as a path is a socket directory."""
import os
from urllib.parse import urlencode

import asyncpg
import psycopg
import psycopg2
from django.conf import settings
from psycopg_pool import ConnectionPool


def query_fstring(params):
    return psycopg.connect(f"postgresql://app@db.example.com/app?{params}")  # pgtlslint-test: ok


def query_urlencode(params):
    return psycopg2.connect("postgresql://app@db.example.com/app?" + urlencode(params))  # pgtlslint-test: ok


def query_percent(params):
    return psycopg2.connect("postgresql://app@db.example.com/app?%s" % params)  # pgtlslint-test: ok


def query_format(params):
    return psycopg2.connect("postgresql://app@db.example.com/app?{}".format(params))  # pgtlslint-test: ok


def keywords_appended(extra):
    return psycopg2.connect("host=db.example.com dbname=app " + extra)  # pgtlslint-test: ok


def forwarded(dsn=None, **kwargs):
    return psycopg.connect(dsn or "", **kwargs)  # pgtlslint-test: ok


async def forwarded_async(dsn, **opts):
    return await asyncpg.connect(dsn, **opts)  # pgtlslint-test: ok


def forwarded_beside_host(**kwargs):
    return psycopg2.connect(host="db.example.com", dbname="app", **kwargs)  # pgtlslint-test: ok


def positional_splat(*args):
    return psycopg2.connect(*args, host="db.example.com", dbname="app")  # pgtlslint-test: ok


async def url_and_options(opts):
    return await asyncpg.connect("postgresql://app@db.example.com/app", **opts)  # pgtlslint-test: ok


pool = ConnectionPool("postgresql://app@db.example.com/app", kwargs=settings.DB_KWARGS)  # pgtlslint-test: ok


# What the call shows is still judged.
def forwarded_weak(**kwargs):
    return psycopg2.connect(host="db.example.com", sslmode="disable", **kwargs)  # pgtlslint-test: want PGTLS001


def query_weak(params):
    return psycopg.connect(f"postgresql://app@db.example.com/app?sslmode=require&{params}")  # pgtlslint-test: want PGTLS002


# Run-time values that are only values: the mode is missing.
def database_name(name):
    return psycopg2.connect(f"postgresql://app@db.example.com/{name}")  # pgtlslint-test: want PGTLS004


def application_name(app):
    return psycopg2.connect(f"postgresql://app@db.example.com/app?application_name={app}")  # pgtlslint-test: want PGTLS004


def keywords_closed():
    return psycopg2.connect(host="db.example.com", dbname="app")  # pgtlslint-test: want PGTLS004


# A socket directory built at run time is local.
def socket_joined(tmpdir):
    return psycopg2.connect("host=" + os.path.join(tmpdir, "sock") + " dbname=app")  # pgtlslint-test: ok


def socket_keyword(tmpdir):
    return psycopg2.connect(host=os.path.join(tmpdir, "sock"), dbname="app", sslmode="disable")  # pgtlslint-test: ok


def socket_fstring(run_dir):
    return psycopg2.connect(f"host={run_dir}/pg dbname=app sslmode=disable")  # pgtlslint-test: ok


# A run-time host that is not a path is not known to be local.
def url_host(host):
    return psycopg2.connect(f"postgresql://{host}/app")  # pgtlslint-test: want PGTLS004


def host_basename(path):
    return psycopg2.connect(host=os.path.basename(path), dbname="app", sslmode="disable")  # pgtlslint-test: want PGTLS001


# A DSN known only at run time may carry the mode.
def dsn_parameter(dsn):
    return psycopg2.connect(dsn)  # pgtlslint-test: ok


def dsn_from_environment():
    return psycopg2.connect(os.environ["DATABASE_URL"])  # pgtlslint-test: ok


def dsn_parameter_weak(dsn):
    return psycopg2.connect(dsn, sslmode="require")  # pgtlslint-test: want PGTLS002


def empty_dsn():
    return psycopg.connect("", host="db.example.com", dbname="app")  # pgtlslint-test: want PGTLS004


# A string appended to later may get its mode there.
def appended_later(mode):
    dsn = "postgresql://app@db.example.com/app"  # pgtlslint-test: ok
    if mode:
        dsn += "?sslmode=" + mode
    return psycopg2.connect(dsn)


def rebuilt_later(extra):
    dsn = "host=db.example.com dbname=app"  # pgtlslint-test: ok
    if extra:
        dsn = f"{dsn} {extra}"
    return psycopg2.connect(dsn)


def replaced_later(prod):
    dsn = "host=db.example.com dbname=app"  # pgtlslint-test: want PGTLS004
    if prod:
        dsn = "host=db.example.com dbname=app sslmode=verify-full sslrootcert=system"
    return psycopg2.connect(dsn)
