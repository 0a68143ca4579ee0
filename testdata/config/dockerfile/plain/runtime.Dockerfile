FROM postgres:16
# An ENV is in the environment of the RUN instructions after it.
# pgtlslint-test: want PGTLS001
ENV MIGRATE_SSLMODE=allow
RUN psql "host=migrate.example.com dbname=app sslmode=$MIGRATE_SSLMODE" -f /schema.sql
# pgtlslint-test: ok
RUN psql -h migrate.example.com $PSQL_OPTS -f /schema.sql
