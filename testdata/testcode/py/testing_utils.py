# Not test code: testing_utils.py matches neither test_*.py nor *_test.py.
import psycopg2

conn = psycopg2.connect("postgresql://app@utils.example.com/app?sslmode=allow")  # pgtlslint-test: want PGTLS001
