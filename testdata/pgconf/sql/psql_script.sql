\set ON_ERROR_STOP on
\connect postgres
-- pgtlslint-test: want PGTLS112
ALTER SYSTEM SET ssl_max_protocol_version = 'TLSv1.1';
ALTER SYSTEM SET ssl = :'ssl_setting';   -- pgtlslint-test: ok
SELECT pg_reload_conf();
