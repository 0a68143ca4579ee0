//go:build cgo

// Package sourcetest runs the annotated fixtures of a source-language analyzer (Python,
// JavaScript, TypeScript, Java): every file under a directory goes through the scan's
// prefilter (a file it drops has no finding, as in a real scan), is parsed with tree-sitter,
// analyzed, evaluated and compared with its inline annotations (internal/fixtures); then its
// fixes are applied to a fixed point and the result must parse without a syntax error and be
// rid of the findings that had edits. It needs cgo, as the parsers do.
package sourcetest

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/analyzers/treesitter"
	"github.com/pgtlslint/pgtlslint/analyzers/treesitter/syntax"
	"github.com/pgtlslint/pgtlslint/internal/fixtures"
	"github.com/pgtlslint/pgtlslint/model/manifest"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/scan/filekind"
	"github.com/pgtlslint/pgtlslint/scan/walk"
)

// Analyze is a language analyzer's entry point.
type Analyze func(tree *syntax.Tree, path string, hint manifest.Hint, forced bool) []*rules.Target

// LanguageOf picks the grammar from a file name; false for files that are not fixtures
// (manifests, READMEs).
func LanguageOf(name string) (treesitter.Language, bool) {
	switch strings.ToLower(path.Ext(name)) {
	case ".py":
		return treesitter.Python, true
	case ".js", ".mjs", ".cjs", ".jsx":
		return treesitter.JavaScript, true
	case ".ts", ".mts", ".cts":
		return treesitter.TypeScript, true
	case ".tsx":
		return treesitter.TSX, true
	case ".java":
		return treesitter.Java, true
	}
	return 0, false
}

// Stats counts what the fixtures of a directory asked for.
type Stats struct {
	Files, Wants, OKs int
}

// Run checks every fixture under dir. It fails when dir holds no fixture.
func Run(t *testing.T, dir string, analyze Analyze) Stats {
	t.Helper()
	p := treesitter.NewParser()
	defer p.Close()
	inferrer := manifest.NewInferrer(dir)
	var st Stats
	err := filepath.WalkDir(dir, func(file string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		lang, ok := LanguageOf(file)
		if !ok {
			return nil
		}
		rel, _ := filepath.Rel(dir, file)
		rel = filepath.ToSlash(rel)
		// The fixture is read and counted whether -run selects it or not, so that the
		// counts (and the floors tests put on them) do not depend on the selection.
		content, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		spec, specErr := fixtures.ParseAnnotations(content)
		st.Files++
		st.Wants += len(spec.Wants)
		st.OKs += len(spec.OKs)
		t.Run(rel, func(t *testing.T) {
			if specErr != nil {
				t.Fatal(specErr)
			}
			if len(spec.Wants) == 0 && !spec.None {
				t.Fatal("no want annotations and not marked \"pgtlslint-test: none\"")
			}
			hint := inferrer.ForFile(file)
			fx := fixture{t: t, p: p, lang: lang, rel: rel, hint: hint, analyze: analyze}
			if !walk.Passes(filekind.Classify(rel, content), content) {
				// The scan would not read this file: it has no finding, whatever it says.
				fixtures.Compare(t, spec, nil)
				return
			}
			fs, errs := fx.evaluate(content)
			if errs > 0 != spec.Notice {
				t.Errorf("%d syntax errors; the fixture says notice: %v", errs, spec.Notice)
			}
			fixtures.Compare(t, spec, fs)
			fx.checkFixes(content, fs)
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if st.Files == 0 {
		t.Fatalf("no fixtures under %s", dir)
	}
	return st
}

type fixture struct {
	t       *testing.T
	p       *treesitter.Parser
	lang    treesitter.Language
	rel     string
	hint    manifest.Hint
	analyze Analyze
}

// evaluate parses, analyzes and evaluates content; it returns the findings, located, and the
// number of syntax errors.
func (f fixture) evaluate(content []byte) ([]rules.Finding, int) {
	t := f.t
	t.Helper()
	tree, err := f.p.Parse(f.lang, content)
	if err != nil {
		t.Fatal(err)
	}
	var out []rules.Finding
	for _, tg := range f.analyze(tree, f.rel, f.hint, false) {
		fixtures.CheckSpans(t, tg, len(content))
		got := rules.Evaluate(tg, rules.Options{})
		rules.Locate(got, content)
		for _, fd := range got {
			if fd.Fix != nil {
				for _, e := range fd.Fix.Edits {
					if e.Start < 0 || e.End > len(content) || e.Start > e.End {
						t.Errorf("%s edit %+v outside the file", fd.RuleID, e)
					}
				}
			}
		}
		out = append(out, got...)
	}
	return out, tree.Errors
}

// checkFixes applies every fix to a fixed point (as scan --fix does), then checks that the file
// parses without a syntax error and that the rules whose findings all had edits are gone.
func (f fixture) checkFixes(content []byte, fs []rules.Finding) {
	t := f.t
	t.Helper()
	errs := 0
	cur, _, ok := fixtures.ApplyFixes(t, string(content), fs, func(s string) []rules.Finding {
		var out []rules.Finding
		out, errs = f.evaluate([]byte(s))
		return out
	})
	if ok && errs > 0 {
		t.Errorf("the fixed file has %d syntax errors:\n%s", errs, cur)
	}
}
