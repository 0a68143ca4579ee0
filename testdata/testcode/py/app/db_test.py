# pytest's *_test.py: test code.
import psycopg2

conn = psycopg2.connect("postgresql://app@staging.example.com/app?sslmode=disable")  # pgtlslint-test: want PGTLS001
