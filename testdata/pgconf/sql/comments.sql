-- ALTER SYSTEM SET ssl = off;   (a comment)
/* ALTER SYSTEM SET ssl = off;
   /* nested */ ALTER SYSTEM SET ssl = off; still a comment
*/
SELECT 'ALTER SYSTEM SET ssl = off;' AS not_a_statement;
SELECT $$ ; ALTER SYSTEM SET ssl = off; $$;
DO $body$
BEGIN
  -- ALTER SYSTEM cannot run in a function; the body is a string.
  EXECUTE 'ALTER SYSTEM SET ssl = off';
END
$body$;
COMMENT ON TABLE t IS E'it\'s; ALTER SYSTEM SET ssl = off';
\echo ALTER SYSTEM SET ssl = off;
/* before */ ALTER /* inside */ SYSTEM SET ssl -- a comment
  = 'false';  -- pgtlslint-test: want PGTLS111
