package sarif

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/pgtlslint/pgtlslint/report"
	"github.com/pgtlslint/pgtlslint/report/reporttest"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/scan/result"
)

// schemaPath is the OASIS SARIF 2.1.0 schema (errata 01), copied from shared/schemas.
const schemaPath = "../testdata/sarif/sarif-schema-2.1.0.json"

var (
	schemaOnce sync.Once
	schema     *jsonschema.Schema
	schemaErr  error
)

// sarifSchema compiles the SARIF schema once, with format assertions on (uri, uri-reference,
// date-time).
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	schemaOnce.Do(func() {
		f, err := os.Open(schemaPath)
		if err != nil {
			schemaErr = err
			return
		}
		defer func() { _ = f.Close() }()
		doc, err := jsonschema.UnmarshalJSON(f)
		if err != nil {
			schemaErr = err
			return
		}
		const id = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		if err := c.AddResource(id, doc); err != nil {
			schemaErr = err
			return
		}
		schema, schemaErr = c.Compile(id)
	})
	if schemaErr != nil {
		t.Fatalf("compiling the SARIF schema: %v", schemaErr)
	}
	return schema
}

// validateSchema fails the test when data is not valid SARIF 2.1.0.
func validateSchema(t *testing.T, data []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if err := sarifSchema(t).Validate(inst); err != nil {
		t.Fatalf("output is not valid SARIF 2.1.0:\n%v", err)
	}
}

// doc is the part of a SARIF log the tests read.
type doc struct {
	Version string `json:"version"`
	Schema  string `json:"$schema"`
	Runs    []run  `json:"runs"`
}

type run struct {
	Tool struct {
		Driver struct {
			Name            string    `json:"name"`
			Version         string    `json:"version"`
			SemanticVersion string    `json:"semanticVersion"`
			InformationURI  string    `json:"informationUri"`
			Rules           []ruleDoc `json:"rules"`
		} `json:"driver"`
	} `json:"tool"`
	Invocations []struct {
		ExecutionSuccessful bool           `json:"executionSuccessful"`
		Notifications       []notification `json:"toolExecutionNotifications"`
	} `json:"invocations"`
	Results            []sarifResult              `json:"results"`
	ColumnKind         string                     `json:"columnKind"`
	OriginalURIBaseIDs map[string]json.RawMessage `json:"originalUriBaseIds"`
	Properties         map[string]any             `json:"properties"`
}

type ruleDoc struct {
	ID               string `json:"id"`
	Name             string `json:"name"`
	ShortDescription *struct {
		Text string `json:"text"`
	} `json:"shortDescription"`
	FullDescription *struct {
		Text string `json:"text"`
	} `json:"fullDescription"`
	Help *struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown"`
	} `json:"help"`
	HelpURI              string `json:"helpUri"`
	DefaultConfiguration *struct {
		Level string `json:"level"`
	} `json:"defaultConfiguration"`
	Properties map[string]any `json:"properties"`
}

type notification struct {
	Level   string `json:"level"`
	Message struct {
		Text string `json:"text"`
	} `json:"message"`
	Locations []location `json:"locations"`
}

type location struct {
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI       string `json:"uri"`
			URIBaseID string `json:"uriBaseId"`
		} `json:"artifactLocation"`
		Region *struct {
			StartLine   int             `json:"startLine"`
			StartColumn int             `json:"startColumn"`
			EndLine     int             `json:"endLine"`
			EndColumn   int             `json:"endColumn"`
			Snippet     json.RawMessage `json:"snippet"`
		} `json:"region"`
	} `json:"physicalLocation"`
}

type sarifResult struct {
	RuleID    *string `json:"ruleId"`
	RuleIndex *int    `json:"ruleIndex"`
	Level     string  `json:"level"`
	Message   struct {
		Text string `json:"text"`
	} `json:"message"`
	Locations           []location        `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Fingerprints        map[string]string `json:"fingerprints"`
	Fixes               []struct {
		Description struct {
			Text string `json:"text"`
		} `json:"description"`
		ArtifactChanges []struct {
			ArtifactLocation struct {
				URI string `json:"uri"`
			} `json:"artifactLocation"`
			Replacements []struct {
				DeletedRegion struct {
					CharOffset *int `json:"charOffset"`
					CharLength *int `json:"charLength"`
				} `json:"deletedRegion"`
				InsertedContent *struct {
					Text string `json:"text"`
				} `json:"insertedContent"`
			} `json:"replacements"`
		} `json:"artifactChanges"`
	} `json:"fixes"`
	Suppressions []struct {
		Kind          string `json:"kind"`
		Status        string `json:"status"`
		Justification string `json:"justification"`
	} `json:"suppressions"`
}

// write runs Write and checks what every output must satisfy: valid SARIF, GitHub's ingestion
// rules, no secret of the standard files, and the same bytes on a second call.
func write(t *testing.T, results []result.Result, opts Options) ([]byte, doc) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, results, opts); err != nil {
		t.Fatalf("Write: %v", err)
	}
	out := buf.Bytes()
	validateSchema(t, out)
	checkGitHubIngestion(t, out)
	for _, s := range reporttest.Secrets {
		if bytes.Contains(out, []byte(s)) {
			t.Errorf("the SARIF output holds the secret %q", s)
		}
	}
	var again bytes.Buffer
	if err := Write(&again, results, opts); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, again.Bytes()) {
		t.Error("two calls with the same input wrote different bytes")
	}
	var d doc
	if err := json.Unmarshal(out, &d); err != nil {
		t.Fatal(err)
	}
	return out, d
}

// checkGitHubIngestion checks the rules GitHub code scanning applies to an uploaded SARIF file
// that can be checked without GitHub: https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
func checkGitHubIngestion(t *testing.T, data []byte) {
	t.Helper()
	var d doc
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}
	if d.Version != "2.1.0" {
		t.Errorf("version %q, want 2.1.0", d.Version)
	}
	if len(d.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(d.Runs))
	}
	r := d.Runs[0]
	if r.Tool.Driver.Name == "" {
		t.Error("tool.driver.name is empty")
	}
	if len(r.Results) > MaxResults {
		t.Errorf("%d results in a run, GitHub accepts at most %d", len(r.Results), MaxResults)
	}
	if len(r.Tool.Driver.Rules) > 25000 {
		t.Errorf("%d rules, GitHub accepts at most 25000", len(r.Tool.Driver.Rules))
	}
	for _, rule := range r.Tool.Driver.Rules {
		if tags, ok := rule.Properties["tags"].([]any); ok && len(tags) > 20 {
			t.Errorf("rule %s has %d tags, GitHub accepts at most 20", rule.ID, len(tags))
		}
		if ss, ok := rule.Properties["security-severity"]; ok {
			s, isString := ss.(string)
			if _, err := strconv.ParseFloat(s, 64); !isString || err != nil {
				t.Errorf("rule %s: security-severity %#v is not a numeric string", rule.ID, ss)
			}
		}
	}
	for i, res := range r.Results {
		if res.RuleID == nil || *res.RuleID == "" {
			t.Errorf("result %d has no ruleId", i)
		}
		if strings.TrimSpace(res.Message.Text) == "" {
			t.Errorf("result %d has an empty message.text", i)
		}
		if len(res.Locations) == 0 || len(res.Locations) > 10 {
			t.Errorf("result %d has %d locations, want 1 to 10", i, len(res.Locations))
		}
		for _, loc := range res.Locations {
			checkRelativeURI(t, loc.PhysicalLocation.ArtifactLocation.URI)
			if loc.PhysicalLocation.Region == nil || loc.PhysicalLocation.Region.StartLine < 1 {
				t.Errorf("result %d has no region with a startLine", i)
			}
		}
		if _, ok := res.PartialFingerprints["primaryLocationLineHash"]; ok {
			t.Errorf("result %d sets primaryLocationLineHash, which the upload action computes", i)
		}
		if _, ok := res.Fingerprints["primaryLocationLineHash"]; ok {
			t.Errorf("result %d sets fingerprints.primaryLocationLineHash", i)
		}
		if res.PartialFingerprints[report.FingerprintKey] == "" {
			t.Errorf("result %d has no %s fingerprint", i, report.FingerprintKey)
		}
	}
	for _, inv := range r.Invocations {
		for _, n := range inv.Notifications {
			for _, loc := range n.Locations {
				checkRelativeURI(t, loc.PhysicalLocation.ArtifactLocation.URI)
			}
		}
	}
}

// checkRelativeURI checks that uri is a relative reference without "./" or a leading "/".
func checkRelativeURI(t *testing.T, uri string) {
	t.Helper()
	u, err := url.Parse(uri)
	switch {
	case err != nil:
		t.Errorf("uri %q does not parse: %v", uri, err)
	case u.Scheme != "" || u.Host != "" || strings.HasPrefix(uri, "/"):
		t.Errorf("uri %q is not relative", uri)
	case strings.HasPrefix(uri, "./"):
		t.Errorf("uri %q starts with ./", uri)
	}
}

func standardOptions(fs reporttest.Files, notices []result.Notice) Options {
	return Options{Version: "v1.2.3", Source: fs.Source(), Notices: notices}
}

func TestWriteStandardIsValid(t *testing.T) {
	fs, results, notices := reporttest.Standard()
	for _, include := range []bool{false, true} {
		t.Run(fmt.Sprintf("IncludeSuppressed=%v", include), func(t *testing.T) {
			opts := standardOptions(fs, notices)
			opts.IncludeSuppressed = include
			_, d := write(t, results, opts)
			want := 4
			if include {
				want = 6
			}
			if got := len(d.Runs[0].Results); got != want {
				t.Errorf("%d results, want %d", got, want)
			}
		})
	}
}

func TestValidatorRejectsInvalidSARIF(t *testing.T) {
	// Guard against a validator that accepts everything: these must fail.
	for name, bad := range map[string]string{
		"no version":       `{"runs": []}`,
		"null suppression": `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "suppressions": [{"kind": "inSource", "status": null}]}]}]}`,
		"bad level":        `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "level": "fatal"}]}]}`,
		"relative helpUri": `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "rules": [{"id": "R", "helpUri": "doc/R.md"}]}}}]}`,
	} {
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if sarifSchema(t).Validate(inst) == nil {
			t.Errorf("%s: the schema accepted %s", name, bad)
		}
	}
}

func TestDriverListsEveryRule(t *testing.T) {
	fs, results, notices := reporttest.Standard()
	_, d := write(t, results, standardOptions(fs, notices))
	drv := d.Runs[0].Tool.Driver
	if drv.Name != "pgtlslint" || drv.InformationURI != InformationURI {
		t.Errorf("driver %q %q", drv.Name, drv.InformationURI)
	}
	if drv.Version != "1.2.3" || drv.SemanticVersion != "1.2.3" {
		t.Errorf("version %q, semanticVersion %q; want 1.2.3 for both", drv.Version, drv.SemanticVersion)
	}
	catalog := rules.Catalog()
	if len(drv.Rules) != len(catalog) {
		t.Fatalf("%d rules in tool.driver.rules, the catalog has %d", len(drv.Rules), len(catalog))
	}
	for i, want := range catalog {
		got := drv.Rules[i]
		if got.ID != want.ID || got.Name != want.Name {
			t.Errorf("rule %d is %s %s, want %s %s", i, got.ID, got.Name, want.ID, want.Name)
		}
		if got.ShortDescription == nil || got.ShortDescription.Text != want.Short {
			t.Errorf("%s: shortDescription %+v", want.ID, got.ShortDescription)
		}
		if got.FullDescription == nil || got.FullDescription.Text != want.Full {
			t.Errorf("%s: fullDescription %+v", want.ID, got.FullDescription)
		}
		if got.Help == nil || got.Help.Text != want.Help || got.Help.Markdown != want.HelpMarkdown || got.Help.Text == "" {
			t.Errorf("%s: help is not the catalog's text and markdown", want.ID)
		}
		if got.HelpURI != want.HelpURI || !strings.HasPrefix(got.HelpURI, "https://") {
			t.Errorf("%s: helpUri %q", want.ID, got.HelpURI)
		}
		if got.DefaultConfiguration == nil || got.DefaultConfiguration.Level != string(want.Severity) {
			t.Errorf("%s: defaultConfiguration %+v, want level %s", want.ID, got.DefaultConfiguration, want.Severity)
		}
		ss, ok := got.Properties["security-severity"].(string)
		if f, err := strconv.ParseFloat(ss, 64); !ok || err != nil || f <= 0 || f > 10 || ss != want.SecuritySeverity {
			t.Errorf("%s: security-severity %#v, want the numeric string %q", want.ID, got.Properties["security-severity"], want.SecuritySeverity)
		}
		tags, ok := got.Properties["tags"].([]any)
		if !ok || len(tags) != len(want.Tags) {
			t.Errorf("%s: tags %#v, want %q", want.ID, got.Properties["tags"], want.Tags)
		} else {
			for j := range tags {
				if tags[j] != want.Tags[j] {
					t.Errorf("%s: tag %d is %v, want %s", want.ID, j, tags[j], want.Tags[j])
				}
			}
		}
		if got.Properties["precision"] != Precision {
			t.Errorf("%s: precision %v", want.ID, got.Properties["precision"])
		}
	}
}

func TestResults(t *testing.T) {
	fs, results, notices := reporttest.Standard()
	// A finding whose severity differs from its rule's default (configuration made it an error).
	fs["app/pool.js"] = "const pool = new Pool({ host: 'db.example.com' })\n"
	f := fs.Finding("app/pool.js", "PGTLS004", rules.SeverityError, "{ host: 'db.example.com' }",
		"node-postgres connects without TLS when ssl is not set. Add ssl: { rejectUnauthorized: true }.")
	results = append(results, result.Result{Finding: f})
	_, d := write(t, results, standardOptions(fs, notices))
	r := d.Runs[0]
	if r.ColumnKind != "utf16CodeUnits" {
		t.Errorf("columnKind %q", r.ColumnKind)
	}
	if _, ok := r.OriginalURIBaseIDs[SrcRootID]; !ok {
		t.Errorf("originalUriBaseIds lacks %s", SrcRootID)
	}
	var got []string
	for _, res := range r.Results {
		rule := r.Tool.Driver.Rules[*res.RuleIndex]
		if rule.ID != *res.RuleID {
			t.Errorf("ruleIndex %d names %s, ruleId is %s", *res.RuleIndex, rule.ID, *res.RuleID)
		}
		loc := res.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URIBaseID != SrcRootID {
			t.Errorf("%s: uriBaseId %q", *res.RuleID, loc.ArtifactLocation.URIBaseID)
		}
		if len(loc.Region.Snippet) != 0 {
			t.Errorf("%s: region.snippet is set", *res.RuleID)
		}
		got = append(got, fmt.Sprintf("%s %s %s %d:%d-%d:%d", loc.ArtifactLocation.URI, *res.RuleID, res.Level,
			loc.Region.StartLine, loc.Region.StartColumn, loc.Region.EndLine, loc.Region.EndColumn))
	}
	want := []string{
		"app/db.go PGTLS008 warning 10:46-10:60",
		"app/db.go PGTLS001 error 10:85-10:100",
		"app/pool.js PGTLS004 error 1:23-1:49",
		"config/my%20settings/%C3%BCn%C3%AFcode%20db.env PGTLS002 warning 2:78-2:93",
		// "🐘" is 4 bytes and 2 UTF-16 code units before the span: byte column 69 is 67.
		"deploy/values.yaml PGTLS001 error 3:67-3:81",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("results:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, res := range r.Results {
		if *res.RuleID == "PGTLS004" && r.Tool.Driver.Rules[*res.RuleIndex].DefaultConfiguration.Level != "warning" {
			t.Error("PGTLS004's default level should stay warning")
		}
	}
}

func TestSuppressedResults(t *testing.T) {
	fs, results, notices := reporttest.Standard()
	_, d := write(t, results, standardOptions(fs, notices))
	for _, res := range d.Runs[0].Results {
		if len(res.Suppressions) > 0 {
			t.Errorf("%s: a suppressed result is in the log by default", *res.RuleID)
		}
		if res.Locations[0].PhysicalLocation.ArtifactLocation.URI == reporttest.PythonFile {
			t.Errorf("the suppressed findings of %s are in the log", reporttest.PythonFile)
		}
	}

	opts := standardOptions(fs, notices)
	opts.IncludeSuppressed = true
	_, d = write(t, results, opts)
	var got []string
	for _, res := range d.Runs[0].Results {
		for _, s := range res.Suppressions {
			got = append(got, fmt.Sprintf("%s %s %s %q", *res.RuleID, s.Kind, s.Status, s.Justification))
		}
	}
	want := []string{
		`PGTLS005 external accepted ""`,
		`PGTLS002 inSource accepted "the legacy VPN terminates TLS"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("suppressions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestNotices(t *testing.T) {
	fs, results, notices := reporttest.Standard()
	_, d := write(t, results, standardOptions(fs, notices))
	invs := d.Runs[0].Invocations
	if len(invs) != 1 || !invs[0].ExecutionSuccessful {
		t.Fatalf("invocations %+v, want one that succeeded", invs)
	}
	var got []string
	for _, n := range invs[0].Notifications {
		got = append(got, n.Level+" "+n.Locations[0].PhysicalLocation.ArtifactLocation.URI+" "+n.Message.Text)
	}
	want := []string{
		"note dump/big.sql skipped: file is larger than 1 MiB (3.2 MiB)",
		"warning secrets/locked.env unreadable: open secrets/locked.env: permission denied",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("notifications:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Without notices there is no notification array, and the invocation is still there.
	_, d = write(t, results, Options{Source: fs.Source()})
	if invs := d.Runs[0].Invocations; len(invs) != 1 || !invs[0].ExecutionSuccessful || len(invs[0].Notifications) != 0 {
		t.Errorf("invocations without notices: %+v", invs)
	}
}

// TestHiddenTests checks that what the scan left out as test code is counted in the run's
// properties, in a log that stays valid, and that a run with nothing left out has none.
func TestHiddenTests(t *testing.T) {
	fs, results, notices := reporttest.Standard()
	opts := standardOptions(fs, notices)
	opts.HiddenTests = report.HiddenTests{Findings: 21, Notices: 2}
	_, d := write(t, results, opts)
	if p := d.Runs[0].Properties; p["hiddenTestFindings"] != 21.0 || p["hiddenTestNotices"] != 2.0 || len(d.Runs[0].Results) != 4 {
		t.Errorf("run properties %v and %d results, want the counts and the 4 results shown", p, len(d.Runs[0].Results))
	}
	_, d = write(t, results, standardOptions(fs, notices))
	if p := d.Runs[0].Properties; p != nil {
		t.Errorf("run properties %v without hidden test code, want none", p)
	}
}

// applyUTF16 applies a SARIF fix's replacements (offsets in UTF-16 code units) to content.
func applyUTF16(t *testing.T, content string, reps []struct {
	off, length int
	text        string
}) string {
	t.Helper()
	units := utf16.Encode([]rune(content))
	var out []uint16
	pos := 0
	for _, r := range reps {
		if r.off < pos || r.off+r.length > len(units) {
			t.Fatalf("replacement %+v out of order or range", r)
		}
		out = append(out, units[pos:r.off]...)
		out = append(out, utf16.Encode([]rune(r.text))...)
		pos = r.off + r.length
	}
	out = append(out, units[pos:]...)
	return string(utf16.Decode(out))
}

func TestFixes(t *testing.T) {
	fs, results, notices := reporttest.Standard()
	_, d := write(t, results, standardOptions(fs, notices))
	paths := map[string]string{}
	for p := range fs {
		u, _ := artifactURI(p, "")
		paths[u] = p
	}
	want := map[string]string{
		// rule and file -> the file once the fix is applied
		"PGTLS001 " + reporttest.GoFile:   strings.Replace(fs[reporttest.GoFile], "sslmode=disable", "sslmode=verify-full", 1),
		"PGTLS008 " + reporttest.GoFile:   strings.Replace(fs[reporttest.GoFile], "app:S3cr3tPassw0rd@", "app@", 1),
		"PGTLS002 " + reporttest.EnvFile:  strings.Replace(fs[reporttest.EnvFile], "sslmode=require", "sslmode=verify-full", 1),
		"PGTLS001 " + reporttest.YAMLFile: strings.Replace(fs[reporttest.YAMLFile], "sslmode=prefer", "sslmode=verify-full", 1),
	}
	seen := 0
	for _, res := range d.Runs[0].Results {
		if len(res.Fixes) != 1 {
			t.Errorf("%s: %d fixes, want 1", *res.RuleID, len(res.Fixes))
			continue
		}
		fix := res.Fixes[0]
		if fix.Description.Text == "" {
			t.Errorf("%s: fix without description", *res.RuleID)
		}
		for _, ch := range fix.ArtifactChanges {
			p := paths[ch.ArtifactLocation.URI]
			var reps []struct {
				off, length int
				text        string
			}
			for _, r := range ch.Replacements {
				if r.DeletedRegion.CharOffset == nil || r.DeletedRegion.CharLength == nil {
					t.Fatalf("%s: deletedRegion without charOffset/charLength", *res.RuleID)
				}
				text := ""
				if r.InsertedContent != nil {
					text = r.InsertedContent.Text
				}
				reps = append(reps, struct {
					off, length int
					text        string
				}{*r.DeletedRegion.CharOffset, *r.DeletedRegion.CharLength, text})
			}
			key := *res.RuleID + " " + p
			if got := applyUTF16(t, fs[p], reps); got != want[key] {
				t.Errorf("%s: applying the fix gives\n%s\nwant\n%s", key, got, want[key])
			}
			seen++
		}
	}
	if seen != len(want) {
		t.Errorf("checked %d fixes, want %d", seen, len(want))
	}
}

func TestSecretsNeverWritten(t *testing.T) {
	fs, results, notices := reporttest.Standard()
	// A fix that can only be written with the password in it is left out.
	f := results[0].Finding
	f.RuleID, f.RuleName = "PGTLS008", "password-in-connection-string"
	f.Span = fs.Secret(reporttest.GoFile, "S3cr3tPassw0rd")
	fs.Locate(&f)
	f.Fix = &rules.Fix{Description: "Quote the password.", Edits: []rules.Edit{
		fs.Edit(reporttest.GoFile, "S3cr3tPassw0rd", "'S3cr3tPassw0rd'"),
	}}
	// Spans reaching past the secret must not leak it either.
	g := results[0].Finding
	g.Span = rules.Span{Start: 0, End: len(fs[reporttest.GoFile])}
	g.Start, g.End = rules.Position{}, rules.Position{}
	results = append(results, result.Result{Finding: f}, result.Result{Finding: g})
	for _, include := range []bool{false, true} {
		opts := standardOptions(fs, notices)
		opts.IncludeSuppressed = include
		out, d := write(t, results, opts) // write checks the secrets
		for _, res := range d.Runs[0].Results {
			for _, fx := range res.Fixes {
				if fx.Description.Text == "Quote the password." {
					t.Error("a fix that holds the password was written")
				}
			}
		}
		if bytes.Contains(out, []byte(`"snippet"`)) {
			t.Error("the log has a snippet")
		}
	}
}

func TestArtifactURI(t *testing.T) {
	for _, c := range []struct {
		path, root, want string
		relative         bool
	}{
		{"app/db.go", "", "app/db.go", true},
		{"./app/db.go", "", "app/db.go", true},
		{"app//x/../db.go", "", "app/db.go", true},
		{"config/my settings/ünïcode db.env", "", "config/my%20settings/%C3%BCn%C3%AFcode%20db.env", true},
		{"c:odd/name#1?.yml", "", "c%3Aodd/name%231%3F.yml", true},
		{"100%/a+b&c=d@e;f,g.env", "", "100%25/a+b&c=d@e%3Bf%2Cg.env", true},
		{"/repo/app/db.go", "/repo", "app/db.go", true},
		{"/repo/app/my file.go", "/repo/", "app/my%20file.go", true},
		{"/elsewhere/db.go", "/repo", "file:///elsewhere/db.go", false},
		{"/tmp/a b/ü.go", "", "file:///tmp/a%20b/%C3%BC.go", false},
	} {
		got, rel := artifactURI(c.path, c.root)
		if got != c.want || rel != c.relative {
			t.Errorf("artifactURI(%q, %q) = %q, %v; want %q, %v", c.path, c.root, got, rel, c.want, c.relative)
		}
		if rel {
			u, err := url.Parse(got)
			if err != nil || u.Scheme != "" {
				t.Errorf("%q: not a relative reference (%v)", got, err)
				continue
			}
			if dec, err := url.PathUnescape(got); err != nil || dec != filepath.ToSlash(filepath.Clean(strings.TrimPrefix(strings.TrimPrefix(c.path, c.root), "/"))) {
				t.Errorf("%q decodes to %q (%v)", got, dec, err)
			}
		}
	}
}

func TestAbsolutePathsAndSrcRoot(t *testing.T) {
	fs := reporttest.Files{"/work/repo/app/db.go": "x := \"sslmode=disable\"\n"}
	f := fs.Finding("/work/repo/app/db.go", "PGTLS001", rules.SeverityError, "sslmode=disable", "plaintext.")
	_, d := write(t, []result.Result{{Finding: f}}, Options{Source: fs.Source(), SrcRoot: "/work/repo"})
	if got := d.Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI; got != "app/db.go" {
		t.Errorf("uri %q, want app/db.go", got)
	}
	var root struct {
		URI string `json:"uri"`
	}
	if err := json.Unmarshal(d.Runs[0].OriginalURIBaseIDs[SrcRootID], &root); err != nil || root.URI != "file:///work/repo/" {
		t.Errorf("%s is %s, want uri file:///work/repo/", SrcRootID, d.Runs[0].OriginalURIBaseIDs[SrcRootID])
	}
}

// fingerprintsOf writes the results and returns their fingerprints by "RULE uri#n", n counting
// results of the same rule and file in output order.
func fingerprintsOf(t *testing.T, fs reporttest.Files, results []result.Result) map[string]string {
	t.Helper()
	_, d := write(t, results, Options{Source: fs.Source(), IncludeSuppressed: true})
	out := map[string]string{}
	for _, res := range d.Runs[0].Results {
		loc := res.Locations[0].PhysicalLocation
		key := *res.RuleID + " " + loc.ArtifactLocation.URI
		for i := 0; ; i++ {
			k := key + "#" + strconv.Itoa(i)
			if _, dup := out[k]; !dup {
				out[k] = res.PartialFingerprints[report.FingerprintKey]
				break
			}
		}
	}
	return out
}

func TestFingerprintsSurviveMovedLines(t *testing.T) {
	const line = `dsn := "postgres://app:S3cr3tPassw0rd@db.example.com/app?sslmode=disable"`
	build := func(prefix, indent, password string) (reporttest.Files, []result.Result) {
		l := strings.Replace(line, "S3cr3tPassw0rd", password, 1)
		content := prefix + "func a() {\n" + indent + l + "\n" + indent + l + "\n}\n"
		fs := reporttest.Files{"a.go": content}
		var results []result.Result
		for i := 0; i < 2; i++ {
			f := rules.Finding{RuleID: "PGTLS001", RuleName: "plaintext-allowed", Severity: rules.SeverityError,
				Path: "a.go", Span: reporttest.Span(content, "sslmode=disable", i), Message: "plaintext."}
			f.Secrets = []rules.Span{reporttest.Span(content, password, i)}
			fs.Locate(&f)
			results = append(results, result.Result{Finding: f})
		}
		return fs, results
	}
	fs, results := build("package a\n\n", "", "S3cr3tPassw0rd") // two identical lines
	base := fingerprintsOf(t, fs, results)
	if base["PGTLS001 a.go#0"] == base["PGTLS001 a.go#1"] {
		t.Error("two findings on identical lines share a fingerprint")
	}
	fs, results = build("package a\n\n// one\n// two\n\n// three\n", "\t\t", "S3cr3tPassw0rd")
	moved := fingerprintsOf(t, fs, results)
	if fmt.Sprint(base) != fmt.Sprint(moved) {
		t.Errorf("fingerprints changed when lines were inserted above and indentation changed:\n%v\n%v", base, moved)
	}
	fs, results = build("package a\n\n", "", "An0ther-Passw0rd")
	rotated := fingerprintsOf(t, fs, results)
	if fmt.Sprint(base) != fmt.Sprint(rotated) {
		t.Errorf("fingerprints changed with the password (they must hash the masked line):\n%v\n%v", base, rotated)
	}
	// Changing the line itself changes the fingerprint.
	fs, results = build("package a\n\n", "", "S3cr3tPassw0rd")
	fs["a.go"] = strings.Replace(fs["a.go"], "db.example.com", "db2.example.com", 2)
	for i := range results {
		results[i].Span = reporttest.Span(fs["a.go"], "sslmode=disable", i)
		results[i].Secrets = []rules.Span{reporttest.Span(fs["a.go"], "S3cr3tPassw0rd", i)}
		fs.Locate(&results[i].Finding)
	}
	if changed := fingerprintsOf(t, fs, results); changed["PGTLS001 a.go#0"] == base["PGTLS001 a.go#0"] {
		t.Error("the fingerprint did not change when the finding's line changed")
	}
}

func TestDeterministicOutput(t *testing.T) {
	fs, results, notices := reporttest.Standard()
	opts := standardOptions(fs, notices)
	opts.IncludeSuppressed = true
	want, _ := write(t, results, opts)
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 5; i++ {
		shuffled := append([]result.Result(nil), results...)
		rng.Shuffle(len(shuffled), func(a, b int) { shuffled[a], shuffled[b] = shuffled[b], shuffled[a] })
		ns := append([]result.Notice(nil), notices...)
		rng.Shuffle(len(ns), func(a, b int) { ns[a], ns[b] = ns[b], ns[a] })
		o := opts
		o.Notices = ns
		got, _ := write(t, shuffled, o)
		if !bytes.Equal(got, want) {
			t.Fatal("the output depends on the order of the input")
		}
	}
}

func TestResultLimit(t *testing.T) {
	// More results than GitHub accepts: the most severe are kept.
	const n = MaxResults + 7
	results := make([]result.Result, n)
	for i := range results {
		sev := rules.SeverityNote
		if i%1000 == 0 {
			sev = rules.SeverityError
		}
		results[i] = result.Result{Finding: rules.Finding{
			RuleID: "PGTLS001", RuleName: "plaintext-allowed", Severity: sev, Path: fmt.Sprintf("f%05d.env", i),
			Start: rules.Position{Line: 1, Col: 1}, End: rules.Position{Line: 1, Col: 5}, Message: "plaintext.",
		}}
	}
	var buf bytes.Buffer
	if err := Write(&buf, results, Options{}); err != nil {
		t.Fatal(err)
	}
	checkGitHubIngestion(t, buf.Bytes())
	var d doc
	if err := json.Unmarshal(buf.Bytes(), &d); err != nil {
		t.Fatal(err)
	}
	r := d.Runs[0]
	if len(r.Results) != MaxResults {
		t.Fatalf("%d results, want %d", len(r.Results), MaxResults)
	}
	errors := 0
	for _, res := range r.Results {
		if res.Level == "error" {
			errors++
		}
	}
	if errors != n/1000+1 {
		t.Errorf("%d errors kept, want all %d", errors, n/1000+1)
	}
	notes := r.Invocations[0].Notifications
	if len(notes) != 1 || notes[0].Level != "warning" || !strings.Contains(notes[0].Message.Text, strconv.Itoa(n)) {
		t.Errorf("notifications %+v, want one warning about the %d results", notes, n)
	}

	// A small limit, with schema validation.
	fs, std, notices := reporttest.Standard()
	opts := standardOptions(fs, notices)
	opts.MaxResults = 2
	_, d = write(t, std, opts)
	var levels []string
	for _, res := range d.Runs[0].Results {
		levels = append(levels, res.Level)
	}
	if strings.Join(levels, ",") != "error,error" {
		t.Errorf("kept levels %v, want the two errors", levels)
	}
}

// badFindings returns findings with every kind of inconsistency a buggy analyzer could
// produce: spans out of range or reversed, offsets inside UTF-8 sequences, impossible
// positions, an unknown rule and severity, and fixes that cannot be written.
func badFindings() (reporttest.Files, []result.Result) {
	fs := reporttest.Files{
		"a.env":   "DATABASE_URL=postgres://u:S3cr3tPassw0rd@h/db?sslmode=disable\r\nX=ü🐘\n",
		"gone.go": "",
	}
	content := fs["a.env"]
	secret := fs.Secret("a.env", "S3cr3tPassw0rd")
	mk := func(f rules.Finding) result.Result {
		if f.RuleID == "" {
			f.RuleID = "PGTLS001"
		}
		f.Path = "a.env"
		f.Message = "m."
		f.Secrets = []rules.Span{secret, {Start: -5, End: 2}, {Start: 90, End: 1 << 20}}
		return result.Result{Finding: f}
	}
	emoji := strings.Index(content, "🐘")
	results := []result.Result{
		mk(rules.Finding{Span: rules.Span{Start: -10, End: 1 << 30}}),
		mk(rules.Finding{Span: rules.Span{Start: 50, End: 10}}),
		mk(rules.Finding{Span: rules.Span{Start: emoji + 1, End: emoji + 3}}), // inside a UTF-8 sequence
		mk(rules.Finding{Start: rules.Position{Line: 99, Col: 400}, End: rules.Position{Line: -3, Col: -1}}),
		mk(rules.Finding{Start: rules.Position{Line: 2, Col: 4}, End: rules.Position{Line: 2, Col: 400}}),
		mk(rules.Finding{RuleID: "PGTLS999", RuleName: "made-up", Severity: "fatal", Start: rules.Position{Line: 1, Col: 1}}),
		mk(rules.Finding{Start: rules.Position{Line: 1, Col: 1}, Fix: &rules.Fix{Description: "bad edits", Edits: []rules.Edit{
			{Start: 5, End: 1}, {Start: -1, End: 3, NewText: "x"}, {Start: 0, End: 1 << 20},
		}}}),
		mk(rules.Finding{Start: rules.Position{Line: 1, Col: 1}, Fix: &rules.Fix{Description: "mid-rune", Edits: []rules.Edit{
			{Start: emoji + 1, End: emoji + 2, NewText: "x"},
		}}}),
		mk(rules.Finding{Start: rules.Position{Line: 1, Col: 1}, Fix: &rules.Fix{Description: "overlapping", Edits: []rules.Edit{
			{Start: 0, End: 5, NewText: "a"}, {Start: 3, End: 8, NewText: "b"},
		}}}),
		mk(rules.Finding{Start: rules.Position{Line: 1, Col: 1}, Fix: &rules.Fix{Description: "no edits"}}),
		{Finding: rules.Finding{RuleID: "PGTLS002", Path: "missing/file.go", Message: "",
			Start: rules.Position{Line: 0, Col: 0}, End: rules.Position{Line: 0, Col: 0},
			Fix: &rules.Fix{Description: "unreadable", Edits: []rules.Edit{{Path: "missing/file.go", Start: 0, End: 1, NewText: "x"}}}}},
	}
	return fs, results
}

func TestRobustToBadFindings(t *testing.T) {
	fs, results := badFindings()
	for _, src := range []report.Source{fs.Source(), nil} {
		_, d := write(t, results, Options{Source: src, Notices: []result.Notice{{Kind: "odd"}}})
		if len(d.Runs[0].Results) != len(results) {
			t.Errorf("%d results, want %d", len(d.Runs[0].Results), len(results))
		}
		for _, res := range d.Runs[0].Results {
			for _, fx := range res.Fixes {
				switch fx.Description.Text {
				case "bad edits", "mid-rune", "overlapping", "no edits", "unreadable":
					t.Errorf("the fix %q was written", fx.Description.Text)
				}
			}
			if *res.RuleID == "PGTLS999" && res.Level != "warning" {
				t.Errorf("unknown severity became level %q, want warning", res.Level)
			}
		}
		rulesByID := map[string]bool{}
		for _, r := range d.Runs[0].Tool.Driver.Rules {
			rulesByID[r.ID] = true
		}
		if !rulesByID["PGTLS999"] {
			t.Error("no descriptor for the unknown rule PGTLS999")
		}
	}
}

func TestSemanticVersion(t *testing.T) {
	for v, want := range map[string]string{
		"v1.2.3":                             "1.2.3",
		"1.2.3":                              "1.2.3",
		"v0.0.0-20250101120000-abcdef123456": "0.0.0-20250101120000-abcdef123456",
		"v1.2.3+dirty":                       "1.2.3+dirty",
		"(devel)":                            "",
		"v1.2":                               "",
		"01.2.3":                             "",
		"":                                   "",
	} {
		if got := semanticVersion(v); got != want {
			t.Errorf("semanticVersion(%q) = %q, want %q", v, got, want)
		}
	}
	_, d := write(t, nil, Options{Version: "(devel)"})
	if drv := d.Runs[0].Tool.Driver; drv.Version != "(devel)" || drv.SemanticVersion != "" {
		t.Errorf("version %q semanticVersion %q", drv.Version, drv.SemanticVersion)
	}
}

func TestEmptyLog(t *testing.T) {
	out, d := write(t, nil, Options{})
	if len(d.Runs[0].Results) != 0 || !bytes.Contains(out, []byte(`"results": []`)) {
		t.Error("an empty scan must still write an empty results array")
	}
	if len(d.Runs[0].Tool.Driver.Rules) != len(rules.Catalog()) {
		t.Error("an empty scan must still list every rule")
	}
}
