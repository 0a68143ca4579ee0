// Package sarif writes scan results as SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/)
// for GitHub code scanning and other SARIF consumers, with github.com/owenrumney/go-sarif/v2.
//
// The log has one run. tool.driver lists every rule of the catalog, whether or not it has
// results, with its descriptions, help (text and markdown), helpUri, default level and the
// properties GitHub reads: tags, "security-severity" (a numeric string) and "precision".
//
// Each result has ruleId and ruleIndex, the finding's level (which configuration may have
// changed from the rule's default), its message, one physical location, a partialFingerprints
// entry under report.FingerprintKey, and a fix when the finding has edits. Locations:
//
//   - artifactLocation.uri is relative to the uriBaseId "%SRCROOT%" (slash-separated,
//     percent-encoded, no "./"); an absolute path outside Options.SrcRoot stays a file:// URI;
//   - regions count columns in UTF-16 code units, the run's columnKind "utf16CodeUnits" (what
//     GitHub and editors use to highlight), computed from the file's content; when
//     Options.Source cannot read the file, the finding's byte columns are written instead, which
//     agree for ASCII lines;
//   - there is no region.snippet: a line may hold a password, and the fingerprint gives
//     consumers what a snippet would.
//
// Fixes are artifactChanges whose replacements use deletedRegion charOffset/charLength in the
// same UTF-16 code units; a fix is left out when its file cannot be read, its edits are out of
// range, split a UTF-8 sequence or overlap, or when keeping a secret out of it would change it
// (see report.SafeEdits). Suppressed results are left out unless Options.IncludeSuppressed,
// then they carry suppressions (kind inSource for inline comments, external for configuration
// and baselines, status accepted). Notices become toolExecutionNotifications of the one
// invocation, whose executionSuccessful is true. What the scan found in test code and did not
// report is never a result: the run's properties hiddenTestFindings and hiddenTestNotices count
// it, when there is any.
//
// At most MaxResults results are written (GitHub rejects runs with more): the most severe are
// kept, and a warning notification says how many were left out. Output is deterministic.
package sarif

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	gosarif "github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/pgtlslint/pgtlslint/report"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/scan/result"
)

// MaxResults is the most results one run may hold: GitHub code scanning rejects a SARIF file
// with more than 25,000 results in a run.
const MaxResults = 25000

// Tool identity written in tool.driver.
const (
	ToolName       = "pgtlslint"
	InformationURI = "https://github.com/pgtlslint/pgtlslint"
)

// SchemaURI is the $schema of the log: the final SARIF 2.1.0 schema as published by
// SchemaStore, which SARIF validators recognize.
const SchemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

// Precision is the "precision" property of every rule. GitHub uses it to sort alerts. pgtlslint
// reports what a driver does with a literal setting, so a finding is almost never a false
// positive; "high" rather than "very-high" because a value may be overridden at run time in
// ways a static analysis cannot see.
const Precision = "high"

// Options configure Write.
type Options struct {
	// Version is pgtlslint's version: tool.driver.version, and semanticVersion too when it is a
	// semantic version (then written without a leading "v" in both).
	Version string
	// Source reads the files findings are in. It is needed for UTF-16 columns, fingerprints of
	// the line's content and fixes; without it the log is still valid but poorer.
	Source report.Source
	// Notices become the invocation's toolExecutionNotifications.
	Notices []result.Notice
	// IncludeSuppressed keeps suppressed results, each with its suppressions entry. By
	// default they are left out, since GitHub would show them as open alerts.
	IncludeSuppressed bool
	// SrcRoot is the absolute directory finding paths are relative to. When set, it becomes
	// the uri of %SRCROOT% in originalUriBaseIds, and absolute paths under it are made relative.
	SrcRoot string
	// MaxResults caps the results of the run; 0 means MaxResults, the GitHub limit.
	MaxResults int
	// HiddenTests is what the scan found in test code and left out: counted in the run's
	// properties hiddenTestFindings and hiddenTestNotices when not 0, never written as results.
	HiddenTests report.HiddenTests
}

// Write writes results as a SARIF 2.1.0 log, indented by two spaces with a final newline.
// results should hold every result, suppressed ones included: fingerprints count identical
// lines over all of them, so that suppressing one finding never changes another's fingerprint.
func Write(w io.Writer, results []result.Result, opts Options) error {
	log, err := build(results, opts)
	if err != nil {
		return err
	}
	raw, err := json.Marshal(log)
	if err != nil {
		return fmt.Errorf("sarif: %w", err)
	}
	compact, err := dropNulls(raw)
	if err != nil {
		return fmt.Errorf("sarif: %w", err)
	}
	var out bytes.Buffer
	if err := json.Indent(&out, compact, "", "  "); err != nil {
		return fmt.Errorf("sarif: %w", err)
	}
	out.WriteByte('\n')
	_, err = w.Write(out.Bytes())
	return err
}

// semverPattern is the regular expression of semver.org, with an optional leading "v".
var semverPattern = regexp.MustCompile(`^v?((0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)` +
	`(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?` +
	`(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?)$`)

// semanticVersion returns v without its "v" when it is a semantic version, else "".
func semanticVersion(v string) string {
	if m := semverPattern.FindStringSubmatch(v); m != nil {
		return m[1]
	}
	return ""
}

func ptr[T any](v T) *T { return &v }

// build assembles the log.
func build(results []result.Result, opts Options) (*gosarif.Report, error) {
	log, err := gosarif.New(gosarif.Version210, false)
	if err != nil {
		return nil, err
	}
	log.Schema = SchemaURI

	driver := gosarif.NewDriver(ToolName).WithInformationURI(InformationURI)
	if opts.Version != "" {
		// A semantic version is written without its "v" in both properties: SARIF validators
		// want a version that starts with a digit.
		if sv := semanticVersion(opts.Version); sv != "" {
			driver.WithVersion(sv)
			driver.SemanticVersion = ptr(sv)
		} else {
			driver.WithVersion(opts.Version)
		}
	}
	catalog := rules.Catalog()
	ruleIndex := map[string]int{}
	byID := map[string]rules.Rule{}
	for _, r := range catalog {
		ruleIndex[r.ID] = len(driver.Rules)
		byID[r.ID] = r
		driver.Rules = append(driver.Rules, ruleDescriptor(r))
	}
	// A finding of a rule the catalog does not know still needs a descriptor for its
	// ruleIndex: add a minimal one, after the catalog's, in id order.
	var unknown []string
	for _, r := range results {
		if _, ok := ruleIndex[r.RuleID]; !ok {
			ruleIndex[r.RuleID] = -1
			unknown = append(unknown, r.RuleID)
		}
	}
	sort.Strings(unknown)
	for _, id := range unknown {
		r := unknownRule(id, results)
		ruleIndex[id] = len(driver.Rules)
		byID[id] = r
		driver.Rules = append(driver.Rules, ruleDescriptor(r))
	}

	run := gosarif.NewRun(*gosarif.NewTool(driver))
	run.ColumnKind = "utf16CodeUnits"
	if h := opts.HiddenTests; h.Findings > 0 || h.Notices > 0 {
		run.Properties = gosarif.Properties{"hiddenTestFindings": h.Findings, "hiddenTestNotices": h.Notices}
	}
	root := gosarif.NewArtifactLocation().WithDescriptionText(
		"The directory the scan paths are relative to (the repository root in CI).")
	if opts.SrcRoot != "" {
		if u := dirURI(opts.SrcRoot); u != "" {
			root.WithUri(u)
		}
	}
	run.OriginalUriBaseIDs = map[string]*gosarif.ArtifactLocation{SrcRootID: root}

	src := opts.Source.Cached()
	all := result.Sorted(results)
	fps := report.Fingerprints(all, src)
	var shown []int
	for i, r := range all {
		if r.Suppressed == nil || opts.IncludeSuppressed {
			shown = append(shown, i)
		}
	}
	limit := opts.MaxResults
	if limit <= 0 {
		limit = MaxResults
	}
	var notes []*gosarif.Notification
	if len(shown) > limit {
		notes = append(notes, gosarif.NewNotification().WithLevel("warning").WithTextMessage(fmt.Sprintf(
			"pgtlslint found %d results; this log holds the %d most severe, because GitHub code scanning accepts at most %d results per run. Fix or suppress findings, or scan parts of the tree separately, to see the rest.",
			len(shown), limit, MaxResults)))
		shown = mostSevere(all, shown, limit)
	}

	files := report.NewLastFile(src, newFileIndex)
	for _, i := range shown {
		r := all[i]
		rule := byID[r.RuleID]
		res := resultFor(r, rule, ruleIndex[r.RuleID], fps[i], files, opts.SrcRoot)
		run.Results = append(run.Results, res)
	}

	for _, n := range result.SortedNotices(opts.Notices) {
		msg := n.Text()
		if n.Kind != "" {
			msg = n.Kind + ": " + msg
		}
		if strings.TrimSpace(n.Text()) == "" {
			msg = "pgtlslint notice: " + n.Kind
		}
		note := gosarif.NewNotification().WithLevel(string(n.Level())).WithTextMessage(msg)
		if n.Path != "" {
			note.AddLocation(gosarif.NewLocationWithPhysicalLocation(
				gosarif.NewPhysicalLocation().WithArtifactLocation(artifactLocation(n.Path, opts.SrcRoot))))
		}
		if n.Kind != "" {
			note.Properties = gosarif.Properties{"kind": n.Kind}
		}
		notes = append(notes, note)
	}
	inv := gosarif.NewInvocation().WithExecutionSuccess(true)
	if len(notes) > 0 {
		inv.ToolExecutionNotifications = notes
	}
	run.Invocations = []*gosarif.Invocation{inv}
	log.AddRun(run)
	return log, nil
}

// mostSevere returns the first limit of the indexes shown, taking results by decreasing
// severity and, within a severity, in the canonical order; the result stays in canonical
// order.
func mostSevere(all []result.Result, shown []int, limit int) []int {
	keep := append([]int(nil), shown...)
	sort.SliceStable(keep, func(a, b int) bool {
		return all[keep[a]].Severity.Rank() > all[keep[b]].Severity.Rank()
	})
	keep = keep[:limit]
	sort.Ints(keep)
	return keep
}

// ruleDescriptor is the reportingDescriptor of a catalog rule.
func ruleDescriptor(r rules.Rule) *gosarif.ReportingDescriptor {
	d := gosarif.NewRule(r.ID)
	if r.Name != "" {
		d.WithName(r.Name)
	}
	short := r.Short
	if short == "" {
		short = r.Name
	}
	d.ShortDescription = gosarif.NewMultiformatMessageString(short)
	if r.Full != "" {
		d.FullDescription = gosarif.NewMultiformatMessageString(r.Full)
	}
	if r.Help != "" || r.HelpMarkdown != "" {
		help := &gosarif.MultiformatMessageString{}
		text := r.Help
		if text == "" {
			text = r.HelpMarkdown
		}
		help.Text = ptr(text)
		if r.HelpMarkdown != "" {
			help.Markdown = ptr(r.HelpMarkdown)
		}
		d.Help = help
	}
	if r.HelpURI != "" {
		d.HelpURI = ptr(r.HelpURI)
	}
	d.DefaultConfiguration = gosarif.NewReportingConfiguration().WithLevel(level(r.Severity, rules.SeverityWarning))
	props := gosarif.Properties{"precision": Precision}
	tags := append([]string{}, r.Tags...)
	props["tags"] = tags
	if r.SecuritySeverity != "" {
		props["security-severity"] = r.SecuritySeverity
	}
	d.Properties = props
	return d
}

// unknownRule describes a rule id the catalog does not have, from its findings. It has every
// property GitHub requires of a rule (descriptions and help).
func unknownRule(id string, results []result.Result) rules.Rule {
	r := rules.Rule{ID: id, Short: id}
	for _, res := range results {
		if res.RuleID == id {
			if r.Name == "" && res.RuleName != "" {
				r.Name = res.RuleName
				r.Short = res.RuleName
			}
			if r.Severity == "" {
				r.Severity = res.Severity
			}
		}
	}
	r.Full = "Rule " + id + " is not in this pgtlslint's rule catalog."
	r.Help, r.HelpMarkdown = r.Full, r.Full
	return r
}

// level maps a severity onto a SARIF level, or fallback when it is not one.
func level(s, fallback rules.Severity) string {
	switch s {
	case rules.SeverityError, rules.SeverityWarning, rules.SeverityNote:
		return string(s)
	}
	switch fallback {
	case rules.SeverityError, rules.SeverityWarning, rules.SeverityNote:
		return string(fallback)
	}
	return string(rules.SeverityWarning)
}

// artifactLocation is the artifactLocation of a finding's path.
func artifactLocation(p, srcRoot string) *gosarif.ArtifactLocation {
	uri, relative := artifactURI(p, srcRoot)
	loc := gosarif.NewSimpleArtifactLocation(uri)
	if relative {
		loc.WithUriBaseId(SrcRootID)
	}
	return loc
}

// dirURI is the file:// URI of an absolute directory, ending in "/" as originalUriBaseIds
// require; "" when dir is not absolute.
func dirURI(dir string) string {
	u, relative := artifactURI(dir, "")
	if relative {
		return ""
	}
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

// fileIndexes keeps the index of the file last asked for (results come in path order).
type fileIndexes = report.LastFile[*fileIndex]

// resultFor turns one result into a SARIF result.
func resultFor(r result.Result, rule rules.Rule, index int, fingerprint string, files *fileIndexes, srcRoot string) *gosarif.Result {
	f := r.Finding
	res := gosarif.NewRuleResult(f.RuleID).WithRuleIndex(index).WithLevel(level(f.Severity, rule.Severity))
	msg := f.Message
	if strings.TrimSpace(msg) == "" {
		msg = rule.Short
	}
	if strings.TrimSpace(msg) == "" {
		msg = f.RuleID
	}
	res.WithMessage(gosarif.NewTextMessage(msg))

	idx, ok := files.Get(f.Path)
	reg := gosarif.NewRegion()
	if ok {
		sl, sc, el, ec := utf16Region(f, idx)
		reg.WithStartLine(sl).WithStartColumn(sc).WithEndLine(el).WithEndColumn(ec)
	} else {
		sl, sc, el, ec := byteRegion(f)
		reg.WithStartLine(sl).WithStartColumn(sc).WithEndLine(el).WithEndColumn(ec)
	}
	res.AddLocation(gosarif.NewLocationWithPhysicalLocation(gosarif.NewPhysicalLocation().
		WithArtifactLocation(artifactLocation(f.Path, srcRoot)).WithRegion(reg)))
	res.PartialFingerprints = map[string]interface{}{report.FingerprintKey: fingerprint}

	props := gosarif.Properties{}
	if f.Driver != "" {
		props["driver"] = string(f.Driver)
	}
	if f.Evidence != "" {
		props["driverEvidence"] = f.Evidence
	}
	if len(props) > 0 {
		res.Properties = props
	}

	if fix := fixFor(f, files, srcRoot); fix != nil {
		res.Fixes = []*gosarif.Fix{fix}
	}
	if s := r.Suppressed; s != nil {
		kind := "external"
		if s.Kind == result.SuppressionInline {
			kind = "inSource"
		}
		sup := gosarif.NewSuppression(kind).WithStatus("accepted")
		if s.Justification != "" {
			sup.WithJustifcation(s.Justification)
		}
		if s.Kind != "" {
			sup.Properties = gosarif.Properties{"pgtlslintKind": s.Kind}
		}
		res.Suppressions = []*gosarif.Suppression{sup}
	}
	return res
}

// utf16Region returns the finding's region in UTF-16 columns. The finding's line and byte
// column are authoritative (its byte span is used only when it has none), clamped to the file.
func utf16Region(f rules.Finding, idx *fileIndex) (sl, sc, el, ec int) {
	var start, end int
	if f.Start.Line >= 1 {
		start = idx.offset(f.Start.Line, f.Start.Col)
		end = start
		if f.End.Line >= 1 {
			end = idx.offset(f.End.Line, f.End.Col)
		}
	} else {
		start, end = idx.clamp(f.Span.Start), idx.clamp(f.Span.End)
	}
	end = max(end, start)
	sl, sc = idx.position(start)
	el, ec = idx.position(end)
	return sl, sc, el, ec
}

// byteRegion returns the finding's own region (byte columns), made valid: lines and columns
// at least 1, the end not before the start.
func byteRegion(f rules.Finding) (sl, sc, el, ec int) {
	sl, sc = max(f.Start.Line, 1), max(f.Start.Col, 1)
	el, ec = f.End.Line, f.End.Col
	if el < sl || el == sl && ec < sc {
		el, ec = sl, sc
	}
	return sl, sc, el, max(ec, 1)
}

// fixFor returns the SARIF fix of a finding, or nil when it has none that can be written
// exactly and without a secret.
func fixFor(f rules.Finding, files *fileIndexes, srcRoot string) *gosarif.Fix {
	if f.Fix == nil {
		return nil
	}
	// The finding's own file is read first, so that the index cache stays on it.
	edits := report.SafeEdits(f, func(p string) ([]byte, bool) {
		idx, ok := files.Get(p)
		if !ok {
			return nil, false
		}
		return idx.content, true
	})
	if len(edits) == 0 {
		return nil
	}
	byPath := map[string][]rules.Edit{}
	var paths []string
	for _, e := range edits {
		if e.Redacted {
			return nil
		}
		if _, seen := byPath[e.Path]; !seen {
			paths = append(paths, e.Path)
		}
		byPath[e.Path] = append(byPath[e.Path], e.Edit)
	}
	sort.Strings(paths)
	fix := gosarif.NewFix()
	if d := strings.TrimSpace(f.Fix.Description); d != "" {
		fix.WithDescriptionText(d)
	}
	for _, p := range paths {
		idx, ok := files.Get(p)
		if !ok {
			return nil
		}
		es := byPath[p]
		sort.SliceStable(es, func(i, j int) bool {
			if es[i].Start != es[j].Start {
				return es[i].Start < es[j].Start
			}
			return es[i].End < es[j].End
		})
		change := gosarif.NewArtifactChange(artifactLocation(p, srcRoot))
		prevEnd := -1
		for _, e := range es {
			if e.Start < 0 || e.End < e.Start || e.End > len(idx.content) ||
				idx.clamp(e.Start) != e.Start || idx.clamp(e.End) != e.End || e.Start < prevEnd {
				return nil // out of range, inside a UTF-8 sequence, or overlapping
			}
			prevEnd = e.End
			off := idx.charOffset(e.Start)
			reg := gosarif.NewRegion().WithCharOffset(off).WithCharLength(idx.charOffset(e.End) - off)
			rep := gosarif.NewReplacement(reg)
			if e.NewText != "" {
				rep.WithInsertedContent(gosarif.NewArtifactContent().WithText(e.NewText))
			}
			change.WithReplacement(rep)
		}
		fix.AddArtifactChanges(change)
	}
	return fix
}
