-- Later statements override earlier ones; only the last value counts.
ALTER SYSTEM SET ssl_min_protocol_version = 'TLSv1';   -- pgtlslint-test: ok
ALTER SYSTEM SET ssl_min_protocol_version = 'TLSv1.2'; -- pgtlslint-test: ok
ALTER SYSTEM SET password_encryption = 'scram-sha-256'; -- pgtlslint-test: ok
-- pgtlslint-test: want PGTLS113
ALTER SYSTEM SET password_encryption = 'md5';
