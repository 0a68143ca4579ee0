package pghba

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pgtlslint/pgtlslint/rules"
)

// FuzzAnalyze parses arbitrary bytes without Parse's safety net: it must not panic, every span
// of every record, include, finding and edit must lie in the content, and applying the fixes
// and sniffing the content must not panic either, nor reading it as a template.
func FuzzAnalyze(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join(fixtureRoot, "*.hba"))
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{
		"host all all 0.0.0.0/0 trust", "host \"a\\\n\" b", "host a,\\\\\n\nb", "\ufeff#", "a\x00\\\n",
		"host a b 10 255.0.0.0 md5 x=\"y", "host\ta\tb\t::/0\tmd5\t#", "local a b ldap ldapurl=ldap://x/?a??f",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, content []byte) {
		file, fs := evaluate(t, "fuzz", content)
		for i, r := range file.Records {
			if r.Editor == nil {
				t.Fatalf("record %d has no editor", i)
			}
			for _, fld := range recordFields(r) {
				for _, e := range r.Editor.Replace(fld, "hostssl") {
					checkSpan(t, rules.Span{Start: e.Start, End: e.End}, len(content), "edit of "+fld.Text)
				}
			}
		}
		for _, n := range file.Notices {
			if n.Line < 1 {
				t.Fatalf("notice without a line: %v", n)
			}
		}
		_ = rules.ApplyFixes(string(content), fs)
		_ = LooksLikeHBA(content)
		_ = LooksLikeNamedHBA(content)
		// A template is read masked: its spans are still the file's.
		tf, _ := evaluate(t, "fuzz.j2", content)
		_ = tf
	})
}
