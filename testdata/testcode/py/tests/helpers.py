# Below tests/: test code, its parse notice hidden with its findings.
# pgtlslint-test: notice
import psycopg2

conn = psycopg2.connect("host=staging.example.com dbname=app sslmode=prefer")  # pgtlslint-test: want PGTLS001

def broken(:
    pass
