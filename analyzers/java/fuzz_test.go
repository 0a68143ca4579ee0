//go:build cgo

package java

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pgtlslint/pgtlslint/analyzers/treesitter"
	"github.com/pgtlslint/pgtlslint/model/manifest"
	"github.com/pgtlslint/pgtlslint/rules"
)

// FuzzAnalyze checks that no input makes the analyzer panic or produce a span or an edit
// outside the file. The fixtures are the seeds.
func FuzzAnalyze(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/java/*.java")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`class A { String s = """
	  jdbc:postgresql://h/db?sslmode=\
	  require"""; String t = "\uuu0041\777\"" + 1 + String.format("%s%%%d%n%5s", "a"); }`))
	f.Add([]byte(`class A { void m() { var p = new java.util.Properties(); p.setProperty(K, p); java.sql.DriverManager.getConnection(p, p); } static final String K = K + "x"; }`))
	p := treesitter.NewParser()
	defer p.Close()
	f.Fuzz(func(t *testing.T, src []byte) {
		tree, err := p.Parse(treesitter.Java, src)
		if err != nil {
			return
		}
		n := len(src)
		in := func(s rules.Span) bool { return s.Start >= 0 && s.End <= n && s.Start <= s.End }
		for _, tg := range Analyze(tree, "X.java", manifest.Hint{}, false) {
			for _, fd := range rules.Evaluate(tg, rules.Options{}) {
				if !in(fd.Span) {
					t.Fatalf("%s span %v outside the file", fd.RuleID, fd.Span)
				}
				if fd.Fix != nil {
					for _, e := range fd.Fix.Edits {
						if !in(rules.Span{Start: e.Start, End: e.End}) {
							t.Fatalf("%s edit %+v outside the file", fd.RuleID, e)
						}
					}
				}
			}
		}
	})
}
