-- pgtlslint-test: none
-- RESET and SET ... TO DEFAULT remove what earlier statements set.
ALTER SYSTEM SET ssl = off;
ALTER SYSTEM RESET ssl;
ALTER SYSTEM SET password_encryption = md5;
ALTER SYSTEM SET password_encryption TO DEFAULT;
ALTER SYSTEM SET ssl_max_protocol_version = 'TLSv1';
ALTER SYSTEM RESET ALL;
ALTER SYSTEM SET ssl = on;
