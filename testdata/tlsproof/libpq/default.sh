#!/bin/sh
# psql (libpq) with no sslmode, so libpq's default prefer; everything else comes from the environment.
psql "host=$PGTLS_HOST port=$PGTLS_PORT user=$PGTLS_USER dbname=$PGTLS_DB connect_timeout=10" -X -w -A -t -q -c 'SELECT 1' >/dev/null || exit 1
echo connected
