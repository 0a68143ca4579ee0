-- Several values make a list: listen_addresses = 'localhost, 10.0.0.1'.
ALTER SYSTEM SET listen_addresses = 'localhost', '10.0.0.1';  -- pgtlslint-test: ok
ALTER SYSTEM SET work_mem = 64;  -- pgtlslint-test: ok
ALTER SYSTEM SET random_page_cost = -1.5;  -- pgtlslint-test: ok
-- pgtlslint-test: want PGTLS111
ALTER SYSTEM SET ssl = 0;
