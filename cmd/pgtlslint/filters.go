package main

import (
	"os"
	"path/filepath"

	"github.com/pgtlslint/pgtlslint/report"
	"github.com/pgtlslint/pgtlslint/scan"
	"github.com/pgtlslint/pgtlslint/scan/filter"
)

// filters are the steps after the scan that depend on the command line, not on the files: the
// baseline and the changed lines.
type filters struct {
	baseline filter.Baseline
	changed  *filter.Changes
	// fingerprints: the caller needs them (--write-baseline).
	fingerprints bool
}

// loadFilters reads the baseline and asks git for the changed lines.
func loadFilters(f scanFlags) (filters, error) {
	flt := filters{fingerprints: f.writeBaseline != ""}
	if f.baseline != "" {
		b, err := filter.LoadBaseline(f.baseline)
		if err != nil {
			return flt, usagef("--baseline: %v", err)
		}
		flt.baseline = b
	}
	if f.newFromRev != "" {
		dir, err := os.Getwd()
		if err != nil {
			return flt, err
		}
		if flt.changed, err = filter.ChangedSince(filepath.Clean(dir), f.newFromRev); err != nil {
			return flt, usagef("%v", err)
		}
	}
	return flt, nil
}

// apply hides baselined findings (as suppressed, kind baseline) and drops findings and notices
// outside the changed lines. It returns the fingerprints of the results left, computed over
// all results first so that dropping some does not change the others' (see
// report.Fingerprints); nil when neither a baseline nor the caller needs them.
func (flt filters) apply(rep *scan.Report) []string {
	if flt.baseline == nil && !flt.fingerprints {
		flt.dropUnchanged(rep, nil)
		return nil
	}
	src := report.Source(func(p string) ([]byte, bool) {
		b, err := os.ReadFile(filepath.FromSlash(p))
		return b, err == nil
	}).Cached()
	fps := report.Fingerprints(rep.Results, src)
	if flt.baseline != nil {
		flt.baseline.Apply(rep.Results, fps)
	}
	return flt.dropUnchanged(rep, fps)
}

// dropUnchanged drops findings and notices outside the changed lines, and the fingerprints of
// the findings dropped.
func (flt filters) dropUnchanged(rep *scan.Report, fps []string) []string {
	if flt.changed == nil {
		return fps
	}
	results, kept := rep.Results[:0], fps[:0]
	for i, r := range rep.Results {
		if flt.changed.Changed(r.Path, r.Start.Line, r.End.Line) {
			results = append(results, r)
			if fps != nil {
				kept = append(kept, fps[i])
			}
		}
	}
	rep.Results = results
	notices := rep.Notices[:0]
	for _, n := range rep.Notices {
		if n.Path == "" || flt.changed.ChangedFile(n.Path) {
			notices = append(notices, n)
		}
	}
	rep.Notices = notices
	if fps == nil {
		return nil
	}
	return kept
}
