-- pgtlslint-test: none
SET ssl_min_protocol_version = 'TLSv1';
ALTER DATABASE app SET password_encryption = md5;
ALTER ROLE app SET password_encryption = 'md5';
ALTER SYSTEM SET;
ALTER SYSTEM SET ssl;
ALTER SYSTEM SET ssl = off off;
ALTER SYSTEM SET ssl == off;
CREATE TABLE system (ssl boolean);
