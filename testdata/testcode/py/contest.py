# Not test code: contest.py is not conftest.py.
import psycopg2

conn = psycopg2.connect(host="contest.example.com", dbname="app", sslmode="require")  # pgtlslint-test: want PGTLS002
