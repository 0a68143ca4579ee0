// Package tlsproof proves pgtlslint's findings and fixes against real drivers and real servers.
//
// testdata/tlsproof/README.md is the contract: every directory under testdata/tlsproof with a
// cases.json holds the client programs of one driver. TestDriverMatrix (build tag tlsproof,
// `make tlsproof-test`) makes a throw-away CA, starts four PostgreSQL servers on loopback (real,
// impostor-ca, impostor-host, impostor-plain), and for every case checks that the weak program
// draws its finding and connects to the impostors the finding's claim names, and that the
// program `pgtlslint scan --fix` produces connects to the real server only. The results are the
// table in the README's "Proof of fixes" section (`-update` rewrites it).
//
// The helpers without the build tag (the contract's types, the certificates, the table) have
// unit tests of their own that run with `go test ./...`.
package tlsproof
