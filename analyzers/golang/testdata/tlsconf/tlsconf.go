// Package tlsconf hands tls.Config values to pgx and lib/pq.
package tlsconf

import (
	"context"
	"crypto/tls"
	"database/sql"
	"net/http"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/lib/pq"
)

// Field assignment on a parsed pgx config.
func assign(ctx context.Context, dsn string) error {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return err
	}
	cfg.TLSConfig = &tls.Config{InsecureSkipVerify: true} // want `PGTLS006: a tls.Config with InsecureSkipVerify: true used as pgx's TLSConfig`
	_, err = pgx.ConnectConfig(ctx, cfg)
	return err
}

// pgxpool's ConnConfig, through a variable.
func pool(ctx context.Context, dsn string) error {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return err
	}
	insecure := &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: true} // want `PGTLS006`
	cfg.ConnConfig.TLSConfig = insecure
	_, err = pgxpool.NewWithConfig(ctx, cfg)
	return err
}

// A composite literal of pgconn.Config.
func composite(host string) *pgconn.Config {
	return &pgconn.Config{Host: host, Port: 5432, TLSConfig: &tls.Config{InsecureSkipVerify: true}} // want `PGTLS006`
}

// stdlib.OpenDB with a config whose parsed TLSConfig is switched off.
func openDB(dsn string) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	cfg.TLSConfig.InsecureSkipVerify = true // want `PGTLS006`
	return stdlib.OpenDB(*cfg), nil
}

// lib/pq's registered configs.
func register() error {
	return pq.RegisterTLSConfig("insecure", &tls.Config{InsecureSkipVerify: true}) // want `PGTLS006: a tls.Config with InsecureSkipVerify: true registered for lib/pq`
}

// A local database named in the connection string needs no TLS.
func local(ctx context.Context) error {
	cfg, err := pgx.ParseConfig("postgres://app@localhost/app")
	if err != nil {
		return err
	}
	cfg.TLSConfig = &tls.Config{InsecureSkipVerify: true}
	_, err = pgx.ConnectConfig(ctx, cfg)
	return err
}

// A tls.Config for something else is not about PostgreSQL.
func httpClient() *http.Client {
	return &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
}
