#!/bin/sh
set -eu
# Each docker run has an environment of its own.
# pgtlslint-test: want PGTLS121
docker run -d --name db -e POSTGRES_HOST_AUTH_METHOD=trust -p 5432:5432 postgres:17
# pgtlslint-test: want PGTLS121
docker run -d --env POSTGRES_HOST_AUTH_METHOD=trust example/db
# pgtlslint-test: ok
docker run -d -e POSTGRES_HOST_AUTH_METHOD=scram-sha-256 -e POSTGRES_PASSWORD_FILE=/run/secrets/pw postgres:17
# The arguments after the image are the server's.
# pgtlslint-test: want PGTLS111 PGTLS113
docker run --rm -it -v pgdata:/var/lib/postgresql/data postgres:17 -c ssl=off -c password_encryption=md5
# pgtlslint-test: want PGTLS112
podman run -d docker.io/library/postgres:17 postgres -c 'ssl_min_protocol_version=TLSv1.1'
# Another program's -c.
# pgtlslint-test: ok
docker run --rm example/app -c max_connections=5
# pgtlslint-test: ok
docker run --rm --entrypoint /bin/sh postgres:17 -c 'echo ssl=off'
# pg_ctl hands -o to postgres.
# pgtlslint-test: want PGTLS112
pg_ctl -D "$PGDATA" -o "-c ssl_min_protocol_version=TLSv1 -c ssl=on" -w start
# pgtlslint-test: want PGTLS113
exec postgres -D "$PGDATA" --password-encryption=md5
# pgtlslint-test: ok
postgres -D "$PGDATA" -c ssl=on -c ssl_min_protocol_version=TLSv1.3
# pgtlslint-test: ok
psql -U postgres -c 'ALTER ROLE app PASSWORD NULL'
# pgtlslint-test: want PGTLS121
export POSTGRES_HOST_AUTH_METHOD=trust
