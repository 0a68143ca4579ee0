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
				checkServerFuzz(t, kind, path, c, len(content))
				results = append(results, rules.EvaluateServer(c))
			}
			for _, fs := range results {
				checkFindingsFuzz(t, kind, fs, len(content))
				_ = rules.ApplyFixes(string(content), fs)
			}
		}
		_ = ComposeServices("compose.yaml", content)
	})
}

// checkServerFuzz checks a server config of a file of n bytes: its spans, its Local flag, and
// that its settings' edits stay in their values.
func checkServerFuzz(t *testing.T, kind, path string, c *rules.ServerConfig, n int) {
	t.Helper()
	checkServerSpans(t, c, n)
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
}

// checkFindingsFuzz checks that findings and their fix edits lie in a file of n bytes.
func checkFindingsFuzz(t *testing.T, kind string, fs []rules.Finding, n int) {
	t.Helper()
	for _, fd := range fs {
		if fd.Span.Start < 0 || fd.Span.End > n || fd.Span.Start > fd.Span.End {
			t.Fatalf("%s: %s span %v outside [0,%d]", kind, fd.RuleID, fd.Span, n)
		}
		if fd.Fix == nil {
			continue
		}
		for _, e := range fd.Fix.Edits {
			if e.Start < 0 || e.End > n || e.Start > e.End {
				t.Fatalf("%s: %s edit %+v outside [0,%d]", kind, fd.RuleID, e, n)
			}
		}
	}
}
