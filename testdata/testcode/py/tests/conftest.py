# pytest fixtures: test code, not reported by default.
import psycopg2
import pytest


@pytest.fixture
def db():
    return psycopg2.connect(host="staging.example.com", dbname="app", sslmode="require")  # pgtlslint-test: want PGTLS002
