"""A Kafka Connect JDBC sink registered from Python: the JVM's pgjdbc reads the URL."""
import json
import os

import requests

SINK = {
    "name": "orders-sink",
    "config": {
        "connector.class": "io.confluent.connect.jdbc.JdbcSinkConnector",
        "connection.url": "jdbc:postgresql://db.example.com:5432/app?sslmode=disable",  # pgtlslint-test: want PGTLS001
        "legacy.url": "jdbc:mysql://mysql.example.com:3306/app?sslMode=DISABLED&sslmode=disable",  # pgtlslint-test: ok
        "verified.url": "jdbc:postgresql://db.example.com/app?sslmode=verify-full&sslrootcert=/etc/ssl/db-ca.crt",  # pgtlslint-test: ok
    },
}


def replica_url(host):
    return f"jdbc:postgresql://{host}:5432/app?sslmode=require"  # pgtlslint-test: want PGTLS002


def register():
    requests.post(os.environ["CONNECT_URL"] + "/connectors", data=json.dumps(SINK), timeout=10)
