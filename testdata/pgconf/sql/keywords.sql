-- Keywords in any case, TO instead of =, quoted and qualified names.
alter system set listen_addresses to '*';   -- pgtlslint-test: ok
-- pgtlslint-test: want PGTLS112
Alter System Set "SSL_MIN_PROTOCOL_VERSION" To 'tlsv1';
-- pgtlslint-test: want PGTLS113
ALTER SYSTEM SET password_encryption TO MD5;
ALTER SYSTEM SET myext.tls_mode = 'off';   -- pgtlslint-test: ok
