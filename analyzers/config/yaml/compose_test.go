package yaml

import (
	"strings"
	"testing"
)

func TestComposeServices(t *testing.T) {
	doc := `
x-base: &base
  image: example
services:
  api:
    <<: *base
    container_name: api-main
    hostname: api-host
    networks:
      backend:
        aliases: [api-alias]
    links:
      - "pg:database"
  pg:
    image: postgres
`
	got := ComposeServices([]byte(doc))
	want := []string{"api", "api-alias", "api-host", "api-main", "database", "pg"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("ComposeServices = %v, want %v", got, want)
	}
	if got := ComposeServices([]byte("services: [\n")); got != nil {
		t.Errorf("broken file: %v", got)
	}
	v1 := "db:\n  image: postgres\nweb:\n  build: .\nversion: '1'\n"
	if got := ComposeServices([]byte(v1)); strings.Join(got, ",") != "db,web" {
		t.Errorf("format 1: %v", got)
	}
}
