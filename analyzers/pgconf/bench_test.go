package pgconf

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/pgtlslint/pgtlslint/rules"
)

// benchInput is about 1 MiB of configuration built from the fixtures: comments, quoted and
// unquoted values, units, includes and a few syntax errors, as real files have them.
func benchInput(b *testing.B, sql bool) []byte {
	b.Helper()
	var parts [][]byte
	_ = filepath.WalkDir(fixtureRoot, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (filepath.Ext(p) == ".sql") == sql {
			if c, err := os.ReadFile(p); err == nil {
				parts = append(parts, c)
			}
		}
		return nil
	})
	one := bytes.Join(parts, []byte("\n"))
	if len(one) == 0 {
		b.Fatal("no fixtures")
	}
	return bytes.Repeat(one, 1<<20/len(one)+1)
}

func BenchmarkParse(b *testing.B) {
	in := benchInput(b, false)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		cfg, _ := Parse("postgresql.conf", in)
		_ = rules.EvaluateServer(cfg)
	}
}

func BenchmarkParseAlterSystem(b *testing.B) {
	in := benchInput(b, true)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		_ = rules.EvaluateServer(ParseAlterSystem("x.sql", in))
	}
}
