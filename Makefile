# pgtlslint — every target installs what it needs, so `make test` works on a fresh machine.
SHELL := /bin/bash
GO ?= go
# golangci-lint's version is pinned in analyzers/golangci/testdata/customgcl/go.mod (v2.15.0).
# An execution count, not a duration: a duration races Go's fuzz coordinator at its deadline and
# fails now and then with a bare "context deadline exceeded" and no failing input
# (golang/go#75804, fixed in Go 1.27; we build with 1.26). 300,000 runs take about 15 s here.
FUZZTIME ?= 300000x

.PHONY: all build test unit libpq-diff fuzz server-test deps-postgres lint fmt-check vet deps-libpq deps-cc deps-npm sarif-multitool go-test-modules custom-gcl bench clean

all: build

build:
	$(GO) build ./...

## test: every test — unit tests, the libpq differential test and a short fuzz run against
## the real libpq, the tests against a real PostgreSQL server, the GitHub Action and pre-commit
## hook tests, the proof of fixes against real drivers and servers, gofmt, go vet and golangci-lint
## with the repo's .golangci.yml.
test: fmt-check vet unit libpq-diff fuzz server-test delivery-test tlsproof-test lint

unit: deps-cc sarif-multitool go-test-modules
	$(GO) test -count=1 ./...

# A C compiler: the tree-sitter grammars (Python, JavaScript/TypeScript, Java) and the libpq
# tests are cgo. Without one the go command builds without cgo, and those tests would test the
# text fallback instead.
deps-cc:
	@if ! command -v "$$($(GO) env CC)" >/dev/null 2>&1; then \
		echo "installing gcc (the tree-sitter grammars are C: cgo)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc libc6-dev >/dev/null; \
	fi

# npm, for the SARIF multitool and the proof of fixes' JavaScript drivers.
deps-npm:
	@command -v npm >/dev/null 2>&1 || { \
		echo "installing nodejs and npm"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }

# Modules of their own that tests build: the golangci-lint plugin's fixture (it imports the real
# pgx and lib/pq) and the custom golangci-lint with the plugin compiled in. Their dependencies
# come from the Go module proxy. (The Go analyzer's fixtures import stubs in their own GOPATH
# tree, analyzers/golang/testdata/src, and need nothing downloaded.)
TEST_MODULES := analyzers/golangci/testdata/fixture analyzers/golangci/testdata/customgcl
go-test-modules:
	@for m in $(TEST_MODULES); do \
		(cd $$m && GOWORK=off GOFLAGS=-mod=readonly $(GO) mod download) || exit 1; \
	done

## custom-gcl: golangci-lint (v2.15.0) with the pgtlslint plugin, as `golangci-lint custom`
## would build it from this checkout (analyzers/golangci/testdata/customgcl). go build relinks it
## only when something it is built from changed.
CUSTOM_GCL := $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/pgtlslint/bin/custom-gcl
custom-gcl:
	cd analyzers/golangci/testdata/customgcl && \
		GOWORK=off GOFLAGS=-mod=readonly $(GO) build -buildvcs=false -ldflags '-s -w' -o $(CUSTOM_GCL) .
	@echo "built $(CUSTOM_GCL)"

# Microsoft's SARIF multitool (npm, a self-contained binary) checks our SARIF with GitHub's
# ingestion rules in sarif's tests; they find it in this cache directory.
MULTITOOL_DIR := $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/pgtlslint/sarif-multitool
sarif-multitool: deps-npm
	@if [ ! -d "$(MULTITOOL_DIR)/node_modules/@microsoft/sarif-multitool" ]; then \
		echo "installing @microsoft/sarif-multitool into $(MULTITOOL_DIR)"; \
		npm install --silent --no-audit --no-fund --prefix "$(MULTITOOL_DIR)" @microsoft/sarif-multitool@5.7.0 >/dev/null \
			|| echo "sarif-multitool did not install: its test will be skipped"; \
	fi

# The differential test and fuzz target call the real libpq through cgo.
libpq-diff: deps-libpq deps-cc
	$(GO) test -count=1 -tags libpq -run 'Libpq|Oracle' ./rules/conninfo/...

fuzz: deps-libpq deps-cc
	$(GO) test -tags libpq -run '^$$' -fuzz FuzzAgainstLibpq -fuzztime $(FUZZTIME) ./rules/conninfo/

deps-libpq:
	@if ! pkg-config --exists libpq 2>/dev/null && [ ! -f /usr/include/postgresql/libpq-fe.h ]; then \
		echo "installing libpq-dev (needed by the differential test)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpq-dev pkg-config >/dev/null; \
	fi

# Tests against a real PostgreSQL server (build tag pgserver): the server must load every
# pg_hba.conf and postgresql.conf fixture pgtlslint calls clean, and reject the broken ones.
SERVER_TEST_PKGS := ./internal/pgserver/ ./analyzers/pghba/ ./analyzers/pgconf/
server-test: deps-postgres
	$(GO) test -count=1 -tags pgserver $(SERVER_TEST_PKGS)

# Debian's PostgreSQL server (initdb, postgres) and psql. The package's own cluster is not
# needed: the tests create throw-away clusters of their own.
deps-postgres:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null; then \
		echo "installing postgresql (needed by the server tests)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-client >/dev/null; \
	fi

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

# golangci-lint with our own plugin compiled in, so .golangci.yml can enable pgtlslint.
lint: custom-gcl deps-libpq
	$(CUSTOM_GCL) run ./...

## bench: full scan of a synthetic 20,000-file monorepo against ripgrep, and peak memory.
bench:
	scripts/bench.sh

clean:
	$(GO) clean -testcache

## delivery-test: the GitHub Action (action.yml and scripts/action.sh: actionlint with
## shellcheck on, the script run as the runner runs it against a pull request's repository),
## the pre-commit hook (the real pre-commit, try-repo), and the README's `go install`/`go run
## ...@latest` commands on a clean clone served by a local module proxy. shellcheck and
## pre-commit come from apt when missing; actionlint runs with `go run` at the version pinned in
## internal/delivery. The first run compiles the tree-sitter grammars for the install test's
## own module cache (minutes on two cores): hence the timeout.
.PHONY: delivery-test deps-delivery
delivery-test: deps-delivery deps-cc
	$(GO) test -count=1 -timeout 20m -tags delivery ./internal/delivery/

deps-delivery:
	@missing=""; \
	command -v shellcheck >/dev/null 2>&1 || missing="$$missing shellcheck"; \
	command -v pre-commit >/dev/null 2>&1 || missing="$$missing pre-commit"; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing (needed by the delivery tests)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

## tlsproof-test: the proof of fixes — every driver installable here (psql, psycopg2, psycopg,
## asyncpg, node-postgres, Postgres.js, pgx, lib/pq, pgjdbc, PHP pgsql) against a real TLS
## PostgreSQL and three impostors, before and after `scan --fix` (testdata/tlsproof, the
## README's "Proof of fixes" table; `go test -tags tlsproof ./internal/tlsproof/ -update`
## rewrites the table). The Debian packages come from apt when missing; the npm packages (npm ci)
## and the Go clients' modules are fetched by the test's setup steps.
TLSPROOF_APT := python3-psycopg2 python3-psycopg python3-asyncpg libpostgresql-jdbc-java default-jdk-headless php-cli php-pgsql postgresql
.PHONY: tlsproof-test deps-tlsproof
tlsproof-test: deps-tlsproof
	$(GO) test -count=1 -timeout 15m -tags tlsproof ./internal/tlsproof/

deps-tlsproof:
	@missing=""; \
	for p in $(TLSPROOF_APT); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing (needed by the proof of fixes)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi
