#!/bin/bash
# pgtlslint-test: want PGTLS004
pg_dump -h backup.example.com -U app app > backup.sql
# pgtlslint-test: ok
psql -h "$DB_HOST" -U app -c 'select 1'
# pgtlslint-test: ok
psql -h localhost -U postgres -c 'select 1'
# pgtlslint-test: want PGTLS001
PGSSLMODE=disable psql -h reports.example.com -c 'select 1'
# pgtlslint-test: want PGTLS008 PGTLS005
DATABASE_URL='postgres://etl:Sup3rS3cret@etl.example.com/app?sslmode=verify-full' ./etl
# pgtlslint-test: want PGTLS001
docker run --rm -e PGSSLMODE=disable -e PGHOST=db.example.com postgres:16 psql -c 'select 1'
cat > .env <<'EOF'
# pgtlslint-test: want PGTLS001
DATABASE_URL=postgres://heredoc.example.com/app?sslmode=prefer
EOF
