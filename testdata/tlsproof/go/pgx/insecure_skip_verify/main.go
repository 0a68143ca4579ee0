// Command insecure_skip_verify connects with pgx, sslmode=verify-full in the string, and a
// tls.Config with InsecureSkipVerify put into the parsed config (pgtlslint: PGTLS006).
package main

import (
	"context"
	"crypto/tls"
	"fmt"
	"os"
	"time"

	"github.com/jackc/pgx/v5"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	dsn := fmt.Sprintf("host=%s port=%s user=%s dbname=%s sslmode=verify-full", os.Getenv("PGTLS_HOST"), os.Getenv("PGTLS_PORT"), os.Getenv("PGTLS_USER"), os.Getenv("PGTLS_DB"))
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	cfg.TLSConfig = &tls.Config{InsecureSkipVerify: true}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	defer conn.Close(ctx)
	var one int
	if err := conn.QueryRow(ctx, "SELECT 1").Scan(&one); err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	fmt.Println("connected")
}
