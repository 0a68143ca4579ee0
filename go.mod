module github.com/pgtlslint/pgtlslint

go 1.25.0
