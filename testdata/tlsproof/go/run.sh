#!/bin/sh
# run.sh FILE: runs the program that the cases' setup (go build -o bin/ ./...) built from FILE's
# directory. The harness runs it in the driver's directory (pgx/ or lib-pq/).
exec "./bin/$(basename "$(dirname "$1")")"
