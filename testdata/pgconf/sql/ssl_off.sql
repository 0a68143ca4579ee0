-- Turn TLS off for the whole server.
-- pgtlslint-test: want PGTLS111:error
ALTER SYSTEM SET ssl = off;
SELECT pg_reload_conf();
