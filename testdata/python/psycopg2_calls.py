import psycopg2
import psycopg2.pool

# A plain DSN with a weak mode: psycopg2.connect("host=db.example.com sslmode=require")
conn = psycopg2.connect("host=db.example.com dbname=app sslmode=require")  # pgtlslint-test: want PGTLS002
conn = psycopg2.connect("postgresql://app@db.example.com/app?sslmode=disable")  # pgtlslint-test: want PGTLS001
conn = psycopg2.connect("postgresql://app@db.example.com/app?sslmode=verify-ca&sslrootcert=/etc/ca.pem")  # pgtlslint-test: want PGTLS003
conn = psycopg2.connect("postgresql://app@db.example.com/app?sslmode=verify-full")  # pgtlslint-test: want PGTLS005
conn = psycopg2.connect("postgresql://app@db.example.com/app?sslmode=Require")  # pgtlslint-test: want PGTLS009
# pgtlslint-test: want PGTLS004
conn = psycopg2.connect("postgresql://app@db.example.com/app")
# pgtlslint-test: ok
conn = psycopg2.connect("postgresql://app@db.example.com/app?sslmode=verify-full&sslrootcert=/etc/ca.pem")
# pgtlslint-test: ok
conn = psycopg2.connect("postgresql://app@localhost/app?sslmode=disable")

# Keyword arguments override the DSN (make_dsn).
conn = psycopg2.connect(
    "postgresql://app@db.example.com/app?sslmode=verify-full&sslrootcert=/etc/ca.pem",  # pgtlslint-test: ok
    sslmode="prefer",  # pgtlslint-test: want PGTLS001
)
conn = psycopg2.connect(
    host="db.example.com",  # pgtlslint-test: want PGTLS004
    dbname="app",
)
conn = psycopg2.connect(host="db.example.com", sslmode="require", sslrootcert="/etc/ca.pem")  # pgtlslint-test: want PGTLS002
conn = psycopg2.connect(host="db.example.com", sslmode="verify-full", sslrootcert="/etc/ca.pem", password="hunter2x")  # pgtlslint-test: want PGTLS008
conn = psycopg2.connect(host="localhost", sslmode="disable", password="hunter2x")  # pgtlslint-test: ok
conn = psycopg2.connect(host="db.example.com", sslmode="verify-full", sslrootcert="/etc/ca.pem", password="changeme")  # pgtlslint-test: ok
conn = psycopg2.connect(host="db.example.com", sslmode="verify-full", sslrootcert="/etc/ca.pem", password="changeme7")  # pgtlslint-test: want PGTLS008
conn = psycopg2.connect(host=os.environ["PGHOST"], sslmode=os.environ["MODE"])  # pgtlslint-test: ok

# A value in a variable: the finding sits on the literal.
MODE = "allow"  # pgtlslint-test: want PGTLS001
conn = psycopg2.connect(host="db.example.com", sslmode=MODE, sslrootcert="/etc/ca.pem")

pool = psycopg2.pool.ThreadedConnectionPool(1, 5, "host=db.example.com dbname=app sslmode=require")  # pgtlslint-test: want PGTLS002
