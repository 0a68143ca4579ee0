#!/bin/sh
# psql (libpq) with sslmode=verify-ca; everything else comes from the environment.
psql "host=$PGTLS_HOST port=$PGTLS_PORT user=$PGTLS_USER dbname=$PGTLS_DB sslmode=verify-ca" -X -w -A -t -q -c 'SELECT 1' >/dev/null || exit 1
echo connected
