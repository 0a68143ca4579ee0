// Package pq is a stub of github.com/lib/pq (v1.12.3) for the pgtlslint analyzer tests: the
// declarations the fixtures use, with the real package's names, types and signatures, so that
// the fixtures type-check as against lib/pq without downloading it. Nothing here runs.
package pq

import "crypto/tls"

// Connector is a database/sql driver.Connector in the real package.
type Connector struct{}

// NewConnector stands in for pq.NewConnector.
func NewConnector(dsn string) (*Connector, error) {
	panic("stub")
}

// RegisterTLSConfig stands in for pq.RegisterTLSConfig.
func RegisterTLSConfig(key string, config *tls.Config) error {
	panic("stub")
}
