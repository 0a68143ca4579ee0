#!/bin/sh
# pgtlslint-test: none
NODE_TLS_REJECT_UNAUTHORIZED=0 node server.js
