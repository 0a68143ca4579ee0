package config

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	toml "github.com/pelletier/go-toml/v2"

	"github.com/pgtlslint/pgtlslint/analyzers/manifest"
	"github.com/pgtlslint/pgtlslint/rules"
)

// Fixtures live in testdata/config/<kind>/..., annotated inline the way semgrep's rule tests
// are, so that a reader sees on the line itself what must and must not fire:
//
//	# pgtlslint-test: want PGTLS002            the next line must produce PGTLS002 (on that line)
//	URL=...  # pgtlslint-test: want PGTLS001   this line must produce PGTLS001
//	# pgtlslint-test: want PGTLS004:error      ... with that severity
//	# pgtlslint-test: ok                       the next line (or this one) must produce nothing
//	# pgtlslint-test: none                     the file must produce nothing at all
//	# pgtlslint-test: notice                   the file must produce a parse notice
//
// A standalone annotation (nothing but a comment marker before it) applies to the next line
// that is not an annotation itself. Formats without comments (JSON) use a sidecar file
// <name>.want holding "LINE RULE[:severity]", "LINE ok", "none" or "notice" lines. The set of
// (line, rule) found must equal the set wanted, exactly; a fixture with neither a want nor
// "none" fails, so that no test passes on an empty result.
//
// The manifest hint comes from the nearest manifest in the fixture tree (as the scan does it),
// and Compose service names from the compose files in the fixture's own directory.

const fixtureRoot = "../../testdata/config"

// want is one expected finding.
type want struct {
	line int
	rule string
	sev  string
}

// fixtureSpec is what a fixture's annotations ask for.
type fixtureSpec struct {
	wants  []want
	oks    []int
	none   bool
	notice bool
}

var annotation = regexp.MustCompile(`pgtlslint-test:\s*(want|ok|none|notice)\b([^\n]*)`)

// parseAnnotations reads the inline annotations of a fixture.
func parseAnnotations(content []byte) (fixtureSpec, error) {
	var spec fixtureSpec
	lines := strings.Split(strings.TrimPrefix(string(content), "\ufeff"), "\n")
	var pending []string // directives waiting for the next line
	for i, line := range lines {
		n := i + 1
		m := annotation.FindStringSubmatchIndex(line)
		if m == nil {
			if len(pending) > 0 && strings.TrimSpace(line) != "" {
				for _, d := range pending {
					if err := spec.apply(d, n); err != nil {
						return spec, fmt.Errorf("line %d: %w", n, err)
					}
				}
				pending = nil
			}
			continue
		}
		directive := line[m[2]:m[5]]
		before := strings.TrimSpace(strings.Trim(strings.TrimSpace(line[:m[0]]), "#/;-!*<"))
		switch {
		case strings.HasPrefix(directive, "none"), strings.HasPrefix(directive, "notice"):
			if err := spec.apply(directive, n); err != nil {
				return spec, err
			}
		case before == "":
			pending = append(pending, directive)
		default:
			if err := spec.apply(directive, n); err != nil {
				return spec, fmt.Errorf("line %d: %w", n, err)
			}
		}
	}
	if len(pending) > 0 {
		return spec, fmt.Errorf("annotation at the end of the file applies to no line")
	}
	return spec, nil
}

var ruleRef = regexp.MustCompile(`^PGTLS\d{3}(?::(error|warning|note))?$`)

// apply records one directive for line n.
func (s *fixtureSpec) apply(d string, n int) error {
	f := strings.FieldsFunc(d, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' || r == '\r' })
	if len(f) == 0 {
		return fmt.Errorf("empty annotation")
	}
	switch f[0] {
	case "none":
		s.none = true
	case "notice":
		s.notice = true
	case "ok":
		s.oks = append(s.oks, n)
	case "want":
		if len(f) < 2 {
			return fmt.Errorf("want without a rule")
		}
		for _, r := range f[1:] {
			if strings.HasPrefix(r, "--") || strings.HasPrefix(r, "(") {
				break // a comment after the rules
			}
			if !ruleRef.MatchString(r) {
				return fmt.Errorf("bad rule reference %q", r)
			}
			rule, sev, _ := strings.Cut(r, ":")
			s.wants = append(s.wants, want{line: n, rule: rule, sev: sev})
		}
	}
	return nil
}

// parseSidecar reads a <name>.want file.
func parseSidecar(b []byte) (fixtureSpec, error) {
	var spec fixtureSpec
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		switch {
		case f[0] == "none":
			spec.none = true
		case f[0] == "notice":
			spec.notice = true
		case len(f) >= 2:
			n, err := strconv.Atoi(f[0])
			if err != nil {
				return spec, fmt.Errorf("bad line number %q", f[0])
			}
			if f[1] == "ok" {
				spec.oks = append(spec.oks, n)
				continue
			}
			if err := spec.apply("want "+strings.Join(f[1:], " "), n); err != nil {
				return spec, err
			}
		default:
			return spec, fmt.Errorf("bad sidecar line %q", line)
		}
	}
	return spec, nil
}

// manifestNames are files that give the fixture trees their driver; they are fixtures only
// when annotated.
var manifestNames = regexp.MustCompile(`^(go\.mod|package\.json|requirements.*\.txt|pyproject\.toml|Pipfile|pom\.xml|build\.gradle(\.kts)?|Cargo\.toml|Gemfile)$`)

// fixture is one file to check.
type fixture struct {
	path string // OS path
	rel  string // slash path under fixtureRoot, the path given to Analyze
	kind string
	spec fixtureSpec
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
		content, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var spec fixtureSpec
		if side, err := os.ReadFile(p + ".want"); err == nil {
			spec, err = parseSidecar(side)
			if err != nil {
				t.Errorf("%s.want: %v", rel, err)
				return nil
			}
		} else {
			spec, err = parseAnnotations(content)
			if err != nil {
				t.Errorf("%s: %v", rel, err)
				return nil
			}
		}
		annotated := spec.none || spec.notice || len(spec.wants) > 0 || len(spec.oks) > 0
		if !annotated && manifestNames.MatchString(base) {
			return nil
		}
		if len(spec.wants) == 0 && !spec.none {
			t.Errorf("%s: no want annotations and not marked \"pgtlslint-test: none\"", rel)
			return nil
		}
		kind := strings.SplitN(rel, "/", 2)[0]
		if isComposeName(base) {
			kind = KindYAML
		}
		out = append(out, fixture{path: p, rel: rel, kind: kind, spec: spec})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
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

// evaluate analyzes content and returns the findings located in it.
func evaluate(t *testing.T, f fixture, content []byte, hint manifest.Hint, opt rules.Options) ([]rules.Finding, []Notice) {
	t.Helper()
	ts, ns := Analyze(f.rel, f.kind, content, hint)
	var fs []rules.Finding
	for _, tg := range ts {
		checkTargetSpans(t, tg, len(content))
		got := rules.Evaluate(tg, opt)
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

// checkTargetSpans checks that every span of a target lies in the file.
func checkTargetSpans(t *testing.T, tg *rules.Target, n int) {
	t.Helper()
	ok := func(s rules.Span, what string) {
		if s.Start < 0 || s.End > n || s.Start > s.End {
			t.Errorf("%s: %s span %v outside [0,%d]", tg.Path, what, s, n)
		}
	}
	ok(tg.Anchor, "anchor")
	for _, p := range tg.Params {
		ok(p.Val, p.Written+" value")
		ok(p.Pair, p.Written+" pair")
	}
	for _, h := range tg.Hosts {
		ok(h.Span, "host")
	}
	for _, s := range tg.Secrets {
		ok(s, "secret")
	}
}

// TestFixtures runs every fixture and compares the (line, rule) set with its annotations,
// then applies the fixes and checks what they leave.
func TestFixtures(t *testing.T) {
	fixtures := loadFixtures(t)
	if len(fixtures) == 0 {
		t.Fatal("no fixtures found")
	}
	inferrer := manifest.NewInferrer(fixtureRoot)
	for _, f := range fixtures {
		t.Run(f.rel, func(t *testing.T) {
			content, err := os.ReadFile(f.path)
			if err != nil {
				t.Fatal(err)
			}
			hint := inferrer.ForFile(f.path)
			opt := fixtureOptions(f)
			fs, ns := evaluate(t, f, content, hint, opt)
			if f.spec.notice != (len(ns) > 0) {
				t.Errorf("notices %v, want a notice: %v", ns, f.spec.notice)
			}
			compareFindings(t, f, fs)
			checkFixes(t, f, content, hint, opt, fs)
		})
	}
}

// compareFindings checks the found (line, rule) set against the wanted one.
func compareFindings(t *testing.T, f fixture, fs []rules.Finding) {
	t.Helper()
	type key struct {
		line int
		rule string
	}
	got := map[key]rules.Finding{}
	for _, fd := range fs {
		got[key{fd.Start.Line, fd.RuleID}] = fd
	}
	wantSet := map[key]want{}
	for _, w := range f.spec.wants {
		wantSet[key{w.line, w.rule}] = w
	}
	var keys []key
	for k := range got {
		keys = append(keys, k)
	}
	for k := range wantSet {
		if _, ok := got[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].line != keys[j].line {
			return keys[i].line < keys[j].line
		}
		return keys[i].rule < keys[j].rule
	})
	for _, k := range keys {
		fd, isGot := got[k]
		w, isWant := wantSet[k]
		switch {
		case isGot && !isWant:
			t.Errorf("line %d: unexpected %s (%s, %s): %s", k.line, k.rule, fd.DriverName, fd.Evidence, fd.Message)
		case isWant && !isGot:
			t.Errorf("line %d: missing %s", k.line, k.rule)
		case w.sev != "" && string(fd.Severity) != w.sev:
			t.Errorf("line %d: %s severity %s, want %s", k.line, k.rule, fd.Severity, w.sev)
		}
	}
	for _, n := range f.spec.oks {
		for _, fd := range fs {
			if fd.Start.Line == n {
				t.Errorf("line %d is marked ok but has %s", n, fd.RuleID)
			}
		}
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
	if len(edited) == 0 {
		return
	}
	cur := string(content)
	for range 4 {
		next := rules.ApplyFixes(cur, fs)
		if next == cur {
			break
		}
		cur = next
		fs, _ = evaluate(t, f, []byte(cur), hint, opt)
	}
	if cur == string(content) {
		t.Errorf("fix edits changed nothing")
		return
	}
	if err := reparse(f.kind, content, []byte(cur)); err != nil {
		t.Errorf("the fixed file no longer parses: %v\n%s", err, cur)
	}
	_, ns := Analyze(f.rel, f.kind, []byte(cur), hint)
	if len(ns) > 0 && !f.spec.notice {
		t.Errorf("the fixed file gets notices: %v", ns)
	}
	after := map[string]int{}
	for _, fd := range fs {
		after[fd.RuleID]++
	}
	for rule, n := range edited {
		if after[rule] > count[rule]-n {
			t.Errorf("%s: %d findings after the fix, %d of %d had edits\n%s", rule, after[rule], n, count[rule], cur)
		}
	}
}

// reparse checks that a fixed file is still valid in its format.
func reparse(kind string, before, after []byte) error {
	switch kind {
	case KindYAML:
		if _, err := decodeYAML(before); err != nil {
			return nil // it did not parse before either
		}
		_, err := decodeYAML(after)
		return err
	case KindJSON:
		if json.Valid(before) && !json.Valid(after) {
			return fmt.Errorf("invalid JSON")
		}
		if newAnalysis("x.json", manifest.Hint{}).parseJSON(before, 0) != nil {
			return nil // it did not parse before either
		}
		return newAnalysis("x.json", manifest.Hint{}).parseJSON(after, 0)
	case KindTOML:
		var v map[string]any
		if toml.Unmarshal(before, &v) != nil {
			return nil
		}
		return toml.Unmarshal(after, &v)
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

// settingKeys lists the keys a properties, env, INI or Dockerfile parse finds.
func settingKeys(kind string, content []byte) []string {
	a := newAnalysis("x", manifest.Hint{})
	switch kind {
	case KindProperties:
		a.parseProperties(content, 0)
	case KindEnv:
		a.parseEnv(content, 0)
	case KindINI:
		a.parseINI(content, 0)
	case KindDockerfile:
		a.parseDockerfile(content, 0)
	}
	var ks []string
	for _, e := range a.entries {
		ks = append(ks, e.key)
	}
	return ks
}

// TestFixtureCoverage keeps the fixture set honest: every kind has fixtures that must fire and
// lines that must not.
func TestFixtureCoverage(t *testing.T) {
	fire, quiet := map[string]int{}, map[string]int{}
	for _, f := range loadFixtures(t) {
		fire[f.kind] += len(f.spec.wants)
		quiet[f.kind] += len(f.spec.oks)
		if f.spec.none {
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
