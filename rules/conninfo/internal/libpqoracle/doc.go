// Package libpqoracle runs connection strings through the real libpq (PQconninfoParse), so that
// the differential tests of package conninfo can compare the Go parsers with the C library they
// imitate.
//
// The cgo part is built only with the build tags cgo and libpq (go test -tags libpq), because it
// needs libpq's header and library; without them the package is empty and the tests that use it
// are skipped by their own build tags.
package libpqoracle
