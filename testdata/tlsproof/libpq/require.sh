#!/bin/sh
# psql (libpq) with sslmode=require; everything else comes from the environment.
psql "host=$PGTLS_HOST port=$PGTLS_PORT user=$PGTLS_USER dbname=$PGTLS_DB sslmode=require" -X -w -A -t -q -c 'SELECT 1' >/dev/null || exit 1
echo connected
