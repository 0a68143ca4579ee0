package main

import (
	_ "github.com/pgtlslint/pgtlslint/analyzers/golangci"
)
