import os

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "app",
        "HOST": "db.example.com",
        "PASSWORD": "s3cr3t-pass",  # pgtlslint-test: want PGTLS008
        "OPTIONS": {
            "sslmode": "require",  # pgtlslint-test: want PGTLS002
        },
    },
    "replica": {
        "ENGINE": "django.db.backends.postgresql_psycopg2",
        "HOST": "replica.example.com",  # pgtlslint-test: want PGTLS004
        "PASSWORD": os.environ["DB_PASSWORD"],
    },
    "local": {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": "",
        "PASSWORD": "dev",  # pgtlslint-test: ok
        "OPTIONS": {"sslmode": "disable"},  # pgtlslint-test: ok
    },
    "secure": {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": "secure.example.com",  # pgtlslint-test: ok
        "OPTIONS": {"sslmode": "verify-full", "sslrootcert": "/etc/ssl/ca.pem"},
    },
    "orders": {
        "ENGINE": "django.db.backends.mysql",
        "HOST": "mysql.example.com",  # pgtlslint-test: ok
        "PASSWORD": "s3cr3t-pass",  # pgtlslint-test: ok
        "OPTIONS": {"ssl_mode": "DISABLED"},
    },
    "sqlite": {
        "ENGINE": "django.db.backends.sqlite3",
        "HOST": "db.example.com",  # pgtlslint-test: ok
        "OPTIONS": {"sslmode": "disable"},  # pgtlslint-test: ok
    },
}
