//go:build cgo

package javascript_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/analyzers/javascript"
	"github.com/pgtlslint/pgtlslint/analyzers/treesitter"
	"github.com/pgtlslint/pgtlslint/model/manifest"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// FuzzAnalyze checks that no input panics the analyzer or yields spans outside the file.
func FuzzAnalyze(f *testing.F) {
	_ = filepath.WalkDir("../../testdata/javascript", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasSuffix(p, ".json") {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b, uint8(0))
				f.Add(b, uint8(2))
			}
		}
		return nil
	})
	f.Add([]byte("const a = b; const b = a; new Pool({ connectionString: a + b, ssl: { ...x, rejectUnauthorized: !0 } })"), uint8(1))
	f.Add([]byte("const x = `${`${`${y}`}`}`; postgres(x, {ssl: 'require'"), uint8(0))
	p := treesitter.NewParser()
	defer p.Close()
	langs := []treesitter.Language{treesitter.JavaScript, treesitter.TypeScript, treesitter.TSX}
	f.Fuzz(func(t *testing.T, src []byte, l uint8) {
		if len(src) > 1<<16 {
			return
		}
		tree, err := p.Parse(langs[int(l)%len(langs)], src)
		if err != nil {
			return
		}
		for _, tg := range javascript.Analyze(tree, "f.ts", manifest.Hint{Driver: drivers.NodePostgres}, false) {
			for _, fd := range rules.Evaluate(tg, rules.Options{}) {
				if fd.Span.Start < 0 || fd.Span.End > len(src) || fd.Span.Start > fd.Span.End {
					t.Fatalf("%s span %v outside %d bytes", fd.RuleID, fd.Span, len(src))
				}
				if fd.Fix != nil {
					for _, e := range fd.Fix.Edits {
						if e.Start < 0 || e.End > len(src) || e.Start > e.End {
							t.Fatalf("edit %+v outside the file", e)
						}
					}
				}
			}
		}
	})
}
