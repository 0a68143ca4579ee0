-- dblink, postgres_fdw and subscriptions connect through the server's libpq.
-- pgtlslint-test: ok
-- SELECT dblink_connect('host=old.example.com dbname=app sslmode=disable');
-- pgtlslint-test: want PGTLS001
SELECT dblink_connect('host=db.example.com dbname=app sslmode=disable');
-- pgtlslint-test: want PGTLS002
SELECT dblink_connect('remote', 'postgresql://replica.example.com/app?sslmode=require');
-- pgtlslint-test: want PGTLS004
CREATE SUBSCRIPTION sub CONNECTION 'postgres://publisher.example.com/app' PUBLICATION pub;
-- pgtlslint-test: ok
SELECT dblink_connect('host=localhost dbname=app sslmode=disable');
-- pgtlslint-test: ok
SELECT dblink_connect('host=db dbname=app sslmode=disable');
