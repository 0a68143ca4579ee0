module github.com/pgtlslint/pgtlslint

go 1.25.0

require github.com/spf13/pflag v1.1.0

require (
	github.com/bmatcuk/doublestar/v4 v4.10.4
	go.yaml.in/yaml/v3 v3.0.6
)
