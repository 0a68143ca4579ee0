// Command default connects with lib/pq and no sslmode, so lib/pq's default require (pgtlslint: PGTLS004).
package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"time"

	_ "github.com/lib/pq"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	dsn := fmt.Sprintf("host=%s port=%s user=%s dbname=%s connect_timeout=10", os.Getenv("PGTLS_HOST"), os.Getenv("PGTLS_PORT"), os.Getenv("PGTLS_USER"), os.Getenv("PGTLS_DB"))
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
