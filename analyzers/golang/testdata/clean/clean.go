// Package clean configures PostgreSQL connections that verify the server: nothing fires here.
package clean

import (
	"context"
	"crypto/tls"
	"fmt"

	"github.com/jackc/pgx/v5"
)

const docs = "sslmode=require encrypts; sslmode=disable does not"

func connect(ctx context.Context, host string) error {
	dsn := fmt.Sprintf("host=%s dbname=app sslmode=verify-full", host)
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return err
	}
	cfg.TLSConfig = &tls.Config{ServerName: cfg.Host, MinVersion: tls.VersionTLS12}
	_, err = pgx.ConnectConfig(ctx, cfg)
	fmt.Println(docs)
	return err
}
