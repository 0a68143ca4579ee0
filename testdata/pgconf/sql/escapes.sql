-- String constants decoded as the server does.
-- pgtlslint-test: want PGTLS112
ALTER SYSTEM SET ssl_min_protocol_version = E'TLSv1\0561';
-- pgtlslint-test: want PGTLS111
ALTER SYSTEM SET ssl = U&'\006Ff\0066';
-- pgtlslint-test: want PGTLS113
ALTER SYSTEM SET password_encryption = $$md5$$;
ALTER SYSTEM SET application_name = 'it''s; fine';  -- pgtlslint-test: ok
