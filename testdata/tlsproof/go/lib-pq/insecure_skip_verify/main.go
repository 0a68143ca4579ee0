// Command insecure_skip_verify connects with lib/pq through a tls.Config with
// InsecureSkipVerify registered with pq.RegisterTLSConfig (pgtlslint: PGTLS006).
package main

import (
	"context"
	"crypto/tls"
	"database/sql"
	"fmt"
	"os"
	"time"

	"github.com/lib/pq"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := pq.RegisterTLSConfig("tlsproof", &tls.Config{InsecureSkipVerify: true}); err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	dsn := fmt.Sprintf("host=%s port=%s user=%s dbname=%s sslmode=pqgo-tlsproof", os.Getenv("PGTLS_HOST"), os.Getenv("PGTLS_PORT"), os.Getenv("PGTLS_USER"), os.Getenv("PGTLS_DB"))
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	defer db.Close()
	var one int
	if err := db.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	fmt.Println("connected")
}
