#!/bin/sh
# Settings kept in variables of the script are reported where the script sets them.
# pgtlslint-test: want PGTLS001
SSLMODE=disable
psql "host=db.example.com dbname=app sslmode=$SSLMODE" -c 'select 1'
psql "postgresql://app@db.example.com/app?sslmode=${SSLMODE}" -c 'select 1'
# pgtlslint-test: want PGTLS002
mode=require
PGSSLMODE=$mode psql -h reports.example.com -c 'select 1'
# pgtlslint-test: want PGTLS001
export REPLICA_MODE="${REPLICA_MODE:-prefer}"
pg_dump "host=replica.example.com dbname=app sslmode=$REPLICA_MODE" > dump.sql
# pgtlslint-test: ok
VERIFIED=verify-full
psql "host=verified.example.com dbname=app sslmode=$VERIFIED sslrootcert=/etc/ssl/ca.pem"
# A variable set only later, or only in single quotes, is not what the command reads.
# pgtlslint-test: ok
psql "host=late.example.com dbname=app sslmode=$LATE_MODE"
LATE_MODE=disable
# pgtlslint-test: ok
psql 'host=quoted.example.com dbname=app sslmode=$SSLMODE'
# A host kept in a variable: local when it is.
DBHOST=localhost
# pgtlslint-test: ok
psql "host=$DBHOST dbname=app sslmode=disable"
# Parameters spliced in at run time are unknown, not missing.
# pgtlslint-test: ok
psql -h db.example.com $PSQL_OPTS app
# pgtlslint-test: ok
psql -h db.example.com -d "$CONNINFO"
# pgtlslint-test: ok
psql "host=db.example.com dbname=app $PSQL_OPTS" -c 'select 1'
# pgtlslint-test: ok
psql "postgresql://app@db.example.com/app?$PSQL_QUERY" -c 'select 1'
# Run-time values that are only values: the mode is missing.
# pgtlslint-test: want PGTLS004
psql -h db.example.com -c "$SQL" app
# pgtlslint-test: want PGTLS004
psql "postgresql://app@db.example.com/$DB_NAME" -c 'select 1'
# A URL host from a variable is a host name, not a socket directory.
# pgtlslint-test: want PGTLS004
psql "postgres://$HOST/app" -c 'select 1'
# A socket directory below a run-time one is local.
# pgtlslint-test: ok
psql "host=${RUNTIME_DIR}/pg dbname=app sslmode=disable"
# pgtlslint-test: ok
PGHOST=$PWD/postgres PGSSLMODE=disable psql -c 'select 1'
# A URL rebuilt from itself later may get its mode there.
# pgtlslint-test: ok
URL="postgresql://app@db.example.com/app"
if [ -n "$MODE" ]; then URL="$URL?sslmode=$MODE"; fi
psql "$URL" -c 'select 1'
# Replaced, not rebuilt: each value is judged.
# pgtlslint-test: want PGTLS004
TARGET="postgresql://app@target.example.com/app"
if [ -n "$PROD" ]; then TARGET="postgresql://app@target.example.com/app?sslmode=verify-full&sslrootcert=/etc/ssl/ca.pem"; fi
# Assignments after then and else are the script's own.
if [ -n "$PROD" ]; then CHECK_MODE=verify-full; else
  # pgtlslint-test: want PGTLS002
  CHECK_MODE=require
fi
psql "host=check.example.com dbname=app sslmode=$CHECK_MODE sslrootcert=/etc/ssl/ca.pem"
