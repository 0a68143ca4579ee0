module github.com/pgtlslint/pgtlslint

go 1.25.0

require github.com/spf13/pflag v1.1.0
