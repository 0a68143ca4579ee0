package config

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pgtlslint/pgtlslint/internal/fixtures"
	"github.com/pgtlslint/pgtlslint/model/manifest"
	"github.com/pgtlslint/pgtlslint/rules"
)

// FuzzAnalyze runs every kind over arbitrary bytes, without Analyze's safety net: it must not
// panic, every span of every target, server config and finding must lie in the content, server
// settings' edits must stay in their values, and applying the fixes must not panic either.
func FuzzAnalyze(f *testing.F) {
	for i, k := range allKinds {
		f.Add(uint8(i), []byte(weakLine(k)))
	}
	// The fixtures are good seeds: every format with its quirks.
	_ = filepath.WalkDir(fixtureRoot, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err == nil && len(b) < 8192 {
			for i := range allKinds {
				f.Add(uint8(i), b)
			}
		}
		return nil
	})
	f.Fuzz(func(t *testing.T, k uint8, content []byte) {
		kind := allKinds[int(k)%len(allKinds)]
		hints := []manifest.Hint{{}, {Driver: "node-postgres", Evidence: "fuzz"}}
		for _, path := range []string{"f", ".github/workflows/x.yml", "pg_service.conf", "x.xml"} {
			ts, ss, _ := analyze(path, kind, content, hints[len(path)%2])
			var results [][]rules.Finding
			for _, tg := range ts {
				fixtures.CheckSpans(t, tg, len(content))
				results = append(results, rules.Evaluate(tg, rules.Options{LocalServices: []string{"db"}}))
			}
			for _, c := range ss {
				checkServerSpans(t, c, len(content))
				if c.Local != IsCIWorkflow(path) {
					t.Fatalf("%s: server config of %s with Local %v", kind, path, c.Local)
				}
				for _, st := range c.Settings {
					if st.SetValue == nil {
						continue
					}
					for _, e := range st.SetValue("scram-sha-256") {
						if e.Start < st.Val.Start || e.End > st.Val.End || e.Start > e.End {
							t.Fatalf("%s: %s edit %+v outside its value %v", kind, st.Name, e, st.Val)
						}
					}
				}
				results = append(results, rules.EvaluateServer(c))
			}
			for _, fs := range results {
				for _, fd := range fs {
					if fd.Span.Start < 0 || fd.Span.End > len(content) || fd.Span.Start > fd.Span.End {
						t.Fatalf("%s: %s span %v outside [0,%d]", kind, fd.RuleID, fd.Span, len(content))
					}
					if fd.Fix == nil {
						continue
					}
					for _, e := range fd.Fix.Edits {
						if e.Start < 0 || e.End > len(content) || e.Start > e.End {
							t.Fatalf("%s: %s edit %+v outside [0,%d]", kind, fd.RuleID, e, len(content))
						}
					}
				}
				_ = rules.ApplyFixes(string(content), fs)
			}
		}
		_ = ComposeServices("compose.yaml", content)
	})
}
