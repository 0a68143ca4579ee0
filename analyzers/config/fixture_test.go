package config

import (
	stdjson "encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	gotoml "github.com/pelletier/go-toml/v2"

	"github.com/pgtlslint/pgtlslint/analyzers/config/json"
	"github.com/pgtlslint/pgtlslint/analyzers/config/yaml"
	"github.com/pgtlslint/pgtlslint/internal/fixtures"
	"github.com/pgtlslint/pgtlslint/model/manifest"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/scan/filekind"
	"github.com/pgtlslint/pgtlslint/scan/result"
	"github.com/pgtlslint/pgtlslint/scan/walk"
)

// Fixtures live in testdata/config/<kind>/..., annotated as internal/fixtures describes.
// The manifest hint comes from the nearest manifest in the fixture tree (as the scan does it),
// and Compose service names from the compose files in the fixture's own directory.

const fixtureRoot = "../../testdata/config"

// manifestNames are files that give the fixture trees their driver; they are fixtures only
// when annotated.
var manifestNames = regexp.MustCompile(`^(go\.mod|package\.json|requirements.*\.txt|pyproject\.toml|Pipfile|pom\.xml|build\.gradle(\.kts)?|Cargo\.toml|Gemfile)$`)

// fixture is one file to check.
type fixture struct {
	path string // OS path
	rel  string // slash path under fixtureRoot, the path given to Analyze
	kind string
	spec fixtures.Spec
}

// loadFixtures finds every fixture under fixtureRoot.
func loadFixtures(t *testing.T) []fixture {
	t.Helper()
	var out []fixture
	err := filepath.WalkDir(fixtureRoot, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(fixtureRoot, p)
		rel = filepath.ToSlash(rel)
		base := path.Base(rel)
		if strings.HasSuffix(base, ".want") || strings.HasPrefix(strings.ToUpper(base), "README") {
			return nil
		}
		f, ok, err := readFixture(t, p, rel)
		if ok {
			out = append(out, f)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// readFixture reads the fixture at OS path p (rel under fixtureRoot) with its annotations; false
// for a file that is not a fixture (a manifest without annotations) or whose annotations are
// wrong (the test then fails).
func readFixture(t *testing.T, p, rel string) (fixture, bool, error) {
	t.Helper()
	content, err := os.ReadFile(p)
	if err != nil {
		return fixture{}, false, err
	}
	var spec fixtures.Spec
	if side, err := os.ReadFile(p + ".want"); err == nil {
		spec, err = fixtures.ParseSidecar(side)
		if err != nil {
			t.Errorf("%s.want: %v", rel, err)
			return fixture{}, false, nil
		}
	} else {
		spec, err = fixtures.ParseAnnotations(content)
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			return fixture{}, false, nil
		}
	}
	base := path.Base(rel)
	annotated := spec.None || spec.Notice || len(spec.Wants) > 0 || len(spec.OKs) > 0
	if !annotated && manifestNames.MatchString(base) {
		return fixture{}, false, nil
	}
	if len(spec.Wants) == 0 && !spec.None {
		t.Errorf("%s: no want annotations and not marked \"pgtlslint-test: none\"", rel)
		return fixture{}, false, nil
	}
	kind := strings.SplitN(rel, "/", 2)[0]
	if isComposeName(base) {
		kind = KindYAML
	}
	return fixture{path: p, rel: rel, kind: kind, spec: spec}, true, nil
}

func isComposeName(n string) bool {
	n = strings.ToLower(n)
	return (strings.HasPrefix(n, "compose") || strings.HasPrefix(n, "docker-compose")) && (strings.HasSuffix(n, ".yml") || strings.HasSuffix(n, ".yaml"))
}

// fixtureOptions are the rules options the scan would use for a fixture: the Compose services
// of its directory are local.
func fixtureOptions(f fixture) rules.Options {
	var services []string
	ents, _ := os.ReadDir(filepath.Dir(f.path))
	for _, e := range ents {
		if isComposeName(e.Name()) {
			b, err := os.ReadFile(filepath.Join(filepath.Dir(f.path), e.Name()))
			if err == nil {
				services = append(services, ComposeServices(e.Name(), b)...)
			}
		}
	}
	return rules.Options{LocalServices: services}
}

// evaluate analyzes content and returns the findings located in it: those of the connection
// targets and those of the server settings (container environments, command lines). A file
// the scan's prefilter drops has none, as in a real scan.
func evaluate(t *testing.T, f fixture, content []byte, hint manifest.Hint, opt rules.Options) ([]rules.Finding, []result.Notice) {
	t.Helper()
	if !walk.Passes(filekind.Kind(f.kind), content) {
		return nil, nil
	}
	ts, ss, ns := Analyze(f.rel, f.kind, content, hint)
	var results [][]rules.Finding
	for _, tg := range ts {
		fixtures.CheckSpans(t, tg, len(content))
		results = append(results, rules.Evaluate(tg, opt))
	}
	for _, c := range ss {
		checkServerSpans(t, c, len(content))
		if c.Path != f.rel {
			t.Errorf("server config path %q, want %q", c.Path, f.rel)
		}
		results = append(results, rules.EvaluateServer(c))
	}
	var fs []rules.Finding
	for _, got := range results {
		rules.Locate(got, content)
		for _, fd := range got {
			if fd.Span.Start < 0 || fd.Span.End > len(content) || fd.Span.Start > fd.Span.End {
				t.Errorf("%s: %s span %v outside the file", f.rel, fd.RuleID, fd.Span)
			}
			if fd.Fix != nil {
				for _, e := range fd.Fix.Edits {
					if e.Start < 0 || e.End > len(content) || e.Start > e.End {
						t.Errorf("%s: %s edit %+v outside the file", f.rel, fd.RuleID, e)
					}
				}
			}
		}
		fs = append(fs, got...)
	}
	return fs, ns
}

// TestFixtures runs every fixture and compares the (line, rule) set with its annotations,
// then applies the fixes and checks what they leave.
func TestFixtures(t *testing.T) {
	all := loadFixtures(t)
	if len(all) == 0 {
		t.Fatal("no fixtures found")
	}
	inferrer := manifest.NewInferrer(fixtureRoot)
	for _, f := range all {
		t.Run(f.rel, func(t *testing.T) {
			content, err := os.ReadFile(f.path)
			if err != nil {
				t.Fatal(err)
			}
			hint := inferrer.ForFile(f.path)
			opt := fixtureOptions(f)
			fs, ns := evaluate(t, f, content, hint, opt)
			if f.spec.Notice != (len(ns) > 0) {
				t.Errorf("notices %v, want a notice: %v", ns, f.spec.Notice)
			}
			fixtures.Compare(t, f.spec, fs)
			checkFixes(t, f, content, hint, opt, fs)
		})
	}
}

// checkFixes applies every fix to a fixed point (as scan --fix does) and checks that the file
// still parses in its format and that the rules whose findings all had edits are gone.
func checkFixes(t *testing.T, f fixture, content []byte, hint manifest.Hint, opt rules.Options, fs []rules.Finding) {
	t.Helper()
	count := map[string]int{}
	edited := map[string]int{}
	for _, fd := range fs {
		count[fd.RuleID]++
		if fd.Fix != nil && len(fd.Fix.Edits) > 0 {
			edited[fd.RuleID]++
		}
	}
	// The server's weak TLS versions and MD5 passwords are set on command lines whose words
	// can always be edited in the fixtures: each of their findings must come with its edit.
	for _, rule := range []string{"PGTLS112", "PGTLS113"} {
		if edited[rule] < count[rule] {
			t.Errorf("%s: %d of %d findings have no fix edit", rule, count[rule]-edited[rule], count[rule])
		}
	}
	cur, _, ok := fixtures.ApplyFixes(t, string(content), fs, func(s string) []rules.Finding {
		out, _ := evaluate(t, f, []byte(s), hint, opt)
		return out
	})
	if !ok || cur == string(content) {
		return
	}
	if err := reparse(f.kind, content, []byte(cur)); err != nil {
		t.Errorf("the fixed file no longer parses: %v\n%s", err, cur)
	}
	_, _, ns := Analyze(f.rel, f.kind, []byte(cur), hint)
	if len(ns) > 0 && !f.spec.Notice {
		t.Errorf("the fixed file gets notices: %v", ns)
	}
}

// reparse checks that a fixed file is still valid in its format.
func reparse(kind string, before, after []byte) error {
	switch kind {
	case KindYAML:
		if _, err := yaml.Parse("x.yaml", before, 0); err != nil {
			return nil // it did not parse before either
		}
		_, err := yaml.Parse("x.yaml", after, 0)
		return err
	case KindJSON:
		if stdjson.Valid(before) && !stdjson.Valid(after) {
			return fmt.Errorf("invalid JSON")
		}
		if _, err := json.Parse("x.json", before, 0); err != nil {
			return nil // it did not parse before either
		}
		_, err := json.Parse("x.json", after, 0)
		return err
	case KindTOML:
		var v map[string]any
		if gotoml.Unmarshal(before, &v) != nil {
			return nil
		}
		return gotoml.Unmarshal(after, &v)
	case KindProperties, KindEnv, KindINI, KindDockerfile:
		// Every key of the file is still there, with nothing else run into it.
		kb, ka := settingKeys(kind, before), settingKeys(kind, after)
		for _, k := range ka {
			if !slices.Contains(kb, k) {
				return fmt.Errorf("new key %q after the fix (was %v)", k, kb)
			}
		}
	}
	return nil
}

// settingKeys lists the keys a properties, env, INI or Dockerfile parse finds, those of the
// shell commands of a Dockerfile's RUN instructions included.
func settingKeys(kind string, content []byte) []string {
	d, err := parsers[kind]("x", content, 0)
	if err != nil {
		return nil
	}
	a := newAnalysis("x", manifest.Hint{}, d)
	a.load()
	var ks []string
	for _, e := range a.entries {
		ks = append(ks, e.Key)
	}
	return ks
}

// TestFixtureCoverage keeps the fixture set honest: every kind has fixtures that must fire and
// lines that must not.
func TestFixtureCoverage(t *testing.T) {
	fire, quiet := map[string]int{}, map[string]int{}
	for _, f := range loadFixtures(t) {
		fire[f.kind] += len(f.spec.Wants)
		quiet[f.kind] += len(f.spec.OKs)
		if f.spec.None {
			quiet[f.kind]++
		}
	}
	for _, k := range []string{KindEnv, KindYAML, KindJSON, KindTOML, KindProperties, KindINI, KindDockerfile, KindShell, KindText, KindSQL} {
		if fire[k] == 0 || quiet[k] == 0 {
			t.Errorf("kind %s: %d must-fire and %d must-not-fire annotations; want both", k, fire[k], quiet[k])
		}
		t.Logf("%-10s must-fire %3d  must-not-fire %3d", k, fire[k], quiet[k])
	}
}
