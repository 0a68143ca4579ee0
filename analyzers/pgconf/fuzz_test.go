package pgconf

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/pgtlslint/pgtlslint/rules"
)

// fuzzPaths are the names a fuzzed file is parsed under: complete, a part, and a template.
var fuzzPaths = []string{"postgresql.conf", "conf.d/x.conf", "postgresql.conf.j2"}

// FuzzParse runs both parsers and the server rules over arbitrary bytes: nothing may panic,
// every span and edit must lie in the content, and setting a value with its editor must give a
// file that reads back that value with the same settings and notices.
func FuzzParse(f *testing.F) {
	_ = filepath.WalkDir(fixtureRoot, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
		return nil
	})
	f.Add([]byte("a = 'x''\nb = '\\\nc = 0x\n"))
	f.Add([]byte("ALTER SYSTEM SET a = E'\\"))
	f.Add([]byte("ALTER SYSTEM SET a = $x$ $x"))
	f.Fuzz(func(t *testing.T, content []byte) {
		for _, p := range fuzzPaths {
			cfg, ns := Parse(p, content)
			checkFuzzConfig(t, cfg, content)
			lines := bytes.Count(content, []byte("\n")) + 1
			for _, n := range ns {
				if n.Line < 1 || n.Line > lines {
					t.Fatalf("notice on line %d of %d: %v", n.Line, lines, n)
				}
			}
			checkRoundTrip(t, content, cfg, func(b []byte) (*rules.ServerConfig, int) {
				c, ns := Parse(p, b)
				return c, len(ns)
			}, len(ns))
		}
		cfg := ParseAlterSystem("x.sql", content)
		checkFuzzConfig(t, cfg, content)
		checkRoundTrip(t, content, cfg, func(b []byte) (*rules.ServerConfig, int) {
			return ParseAlterSystem("x.sql", b), 0
		}, 0)
		_, _, _ = CommandLineSetting(string(content))
		_, _ = LooksLikeConf(content), sniffConf(content, true)
	})
}

func checkFuzzConfig(t *testing.T, cfg *rules.ServerConfig, content []byte) {
	t.Helper()
	n := len(content)
	checkConfigSpans(t, cfg, n)
	cfg.Complete = true // exercise the unset-ssl path too
	fs := rules.EvaluateServer(cfg)
	for _, fd := range fs {
		checkSpan(t, fd.RuleID, fd.Span, n)
		for _, e := range fd.Fix.Edits {
			checkSpan(t, fd.RuleID+" edit", rules.Span{Start: e.Start, End: e.End}, n)
		}
	}
	_ = rules.ApplyFixes(string(content), fs)
}

// checkRoundTrip sets the first setting to awkward values and parses the result again.
func checkRoundTrip(t *testing.T, content []byte, cfg *rules.ServerConfig, parse func([]byte) (*rules.ServerConfig, int), notices int) {
	t.Helper()
	if len(cfg.Settings) == 0 {
		return
	}
	s := cfg.Settings[0]
	for _, v := range []string{"TLSv1.2", "", "it's a \\ test", "scram-sha-256"} {
		out, _ := rules.ApplyEdits(string(content), s.SetValue(v))
		back, nn := parse([]byte(out))
		if len(back.Settings) != len(cfg.Settings) || nn != notices {
			t.Fatalf("setting %s to %q: %d settings and %d notices, had %d and %d\n%q\n%q",
				s.Name, v, len(back.Settings), nn, len(cfg.Settings), notices, content, out)
		}
		if got := back.Settings[0]; got.Name != s.Name || got.Value != v {
			t.Fatalf("setting %s to %q reads back %s=%q\n%q", s.Name, v, got.Name, got.Value, out)
		}
	}
}
