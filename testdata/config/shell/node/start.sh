#!/bin/sh
# pgtlslint-test: want PGTLS006
NODE_TLS_REJECT_UNAUTHORIZED=0 node server.js
# pgtlslint-test: want PGTLS004:error
export DATABASE_URL="postgres://db.example.com/app"
