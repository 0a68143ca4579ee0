// Command default connects with pgx and no sslmode, so pgx's default prefer (pgtlslint: PGTLS004).
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/jackc/pgx/v5"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	dsn := fmt.Sprintf("host=%s port=%s user=%s dbname=%s connect_timeout=10", os.Getenv("PGTLS_HOST"), os.Getenv("PGTLS_PORT"), os.Getenv("PGTLS_USER"), os.Getenv("PGTLS_DB"))
	conn, err := pgx.Connect(ctx, dsn)
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
