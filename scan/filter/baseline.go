// Baselines: the fingerprints of findings a project has
// accepted for now, so that a scan reports only the ones that are new (`scan --baseline FILE`,
// `scan --write-baseline FILE`).
//
// A fingerprint (report.Fingerprints) is the rule, the path and the finding's normalized lines,
// not its line number: a baselined finding stays hidden when lines above it move, and comes back
// when its own line changes.

package filter

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"

	"github.com/pgtlslint/pgtlslint/report"
	"github.com/pgtlslint/pgtlslint/scan/result"
)

// BaselineVersion is the format version written to and required of baseline files.
const BaselineVersion = 1

// BaselineEntry is one baselined finding. Only Fingerprint matters for matching; the rest tells a
// reader of the file what it holds.
type BaselineEntry struct {
	Fingerprint string `json:"fingerprint"`
	Rule        string `json:"rule"`
	Path        string `json:"path"`
	Line        int    `json:"line"`
}

// baselineFile is a baseline file.
type baselineFile struct {
	Version int `json:"version"`
	// FingerprintKey is report.FingerprintKey when the file was written: fingerprints of
	// another key were computed differently and would match nothing.
	FingerprintKey string          `json:"fingerprint_key"`
	Findings       []BaselineEntry `json:"findings"`
}

// Baseline is a loaded baseline.
type Baseline map[string]bool

// LoadBaseline reads a baseline file.
func LoadBaseline(path string) (Baseline, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f baselineFile
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s: not a pgtlslint baseline: %w", path, err)
	}
	if f.Version != BaselineVersion {
		return nil, fmt.Errorf("%s: baseline version %d, this pgtlslint reads version %d", path, f.Version, BaselineVersion)
	}
	if f.FingerprintKey != report.FingerprintKey {
		return nil, fmt.Errorf("%s: fingerprints of %q, this pgtlslint computes %q: write the baseline again with --write-baseline", path, f.FingerprintKey, report.FingerprintKey)
	}
	s := Baseline{}
	for _, e := range f.Findings {
		if e.Fingerprint == "" {
			return nil, errors.New(path + ": a finding without a fingerprint")
		}
		s[e.Fingerprint] = true
	}
	return s, nil
}

// Apply marks the results whose fingerprints the baseline holds as suppressed (kind baseline).
// fps are the results' fingerprints, in the same order (report.Fingerprints over every result).
// It returns how many results it marked.
func (s Baseline) Apply(results []result.Result, fps []string) int {
	n := 0
	for i := range results {
		if results[i].Suppressed == nil && s[fps[i]] {
			results[i].Suppressed = &result.Suppression{Kind: result.SuppressionBaseline}
			n++
		}
	}
	return n
}

// WriteBaseline writes a baseline holding the results that are not suppressed in the file itself
// (inline comments or configuration): those a baseline already hides are kept, so that writing
// over the baseline in use keeps it whole. It returns how many findings it wrote.
func WriteBaseline(path string, results []result.Result, fps []string) (int, error) {
	f := baselineFile{Version: BaselineVersion, FingerprintKey: report.FingerprintKey, Findings: []BaselineEntry{}}
	seen := map[string]bool{}
	for i, r := range results {
		if r.Suppressed != nil && r.Suppressed.Kind != result.SuppressionBaseline {
			continue
		}
		if seen[fps[i]] {
			continue
		}
		seen[fps[i]] = true
		f.Findings = append(f.Findings, BaselineEntry{Fingerprint: fps[i], Rule: r.RuleID, Path: r.Path, Line: r.Start.Line})
	}
	sort.SliceStable(f.Findings, func(i, j int) bool {
		a, b := f.Findings[i], f.Findings[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Rule < b.Rule
	})
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return 0, err
	}
	return len(f.Findings), os.WriteFile(path, append(b, '\n'), 0o644)
}
