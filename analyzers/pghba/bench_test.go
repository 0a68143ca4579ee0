package pghba

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkFindings measures a large pg_hba.conf: all the fixtures, repeated.
func BenchmarkFindings(b *testing.B) {
	paths, _ := filepath.Glob(filepath.Join(fixtureRoot, "*.hba"))
	var buf bytes.Buffer
	for buf.Len() < 1<<20 {
		for _, p := range paths {
			c, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			buf.Write(c)
			buf.WriteByte('\n')
		}
	}
	content := buf.Bytes()
	b.SetBytes(int64(len(content)))
	b.ReportAllocs()
	for b.Loop() {
		_, _ = Findings("pg_hba.conf", content)
	}
}
