// Package store is not test code; its constant is read only by store_test.go.
package store

// legacyMode is written here, outside test code, so its finding is reported by default.
const legacyMode = "disable" // pgtlslint-test: want PGTLS001
