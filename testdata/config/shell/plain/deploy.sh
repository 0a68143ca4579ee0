#!/bin/sh
set -eu
# pgtlslint-test: ok
# psql "postgres://old.example.com/app?sslmode=disable"
# pgtlslint-test: want PGTLS002
export PGSSLMODE=require
export PGHOST=db.example.com
# pgtlslint-test: want PGTLS001
psql "postgresql://app@db.example.com/app?sslmode=disable" -c 'select 1'
# pgtlslint-test: ok
psql "postgresql://app@db/app?sslmode=disable" -c 'select 1'
