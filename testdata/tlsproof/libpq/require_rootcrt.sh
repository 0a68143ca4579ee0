#!/bin/sh
# psql (libpq) with sslmode=require, run with ~/.postgresql/root.crt present (and nothing else
# naming a CA): libpq then checks the chain, as verify-ca does.
psql "host=$PGTLS_HOST port=$PGTLS_PORT user=$PGTLS_USER dbname=$PGTLS_DB sslmode=require" -X -w -A -t -q -c 'SELECT 1' >/dev/null || exit 1
echo connected
