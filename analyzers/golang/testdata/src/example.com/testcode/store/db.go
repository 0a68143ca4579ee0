// Package store has test code, which the analyzer leaves out by default, beside a constant that
// only the tests read.
package store

// legacyMode is read by db_test.go only, but written here, outside test code: the finding sits
// where the value is written, so it is reported.
const legacyMode = "disable"
