// Package dsnconst holds connection settings used by other packages.
package dsnconst

// Mode is used by package conn: its findings need type information from this package.
const Mode = "require"
