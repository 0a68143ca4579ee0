package main

import (
	"os"
	"path/filepath"

	"github.com/pgtlslint/pgtlslint/report"
	"github.com/pgtlslint/pgtlslint/scan"
	"github.com/pgtlslint/pgtlslint/scan/filter"
	"github.com/pgtlslint/pgtlslint/scan/result"
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
// outside the changed lines, in the report and in what it holds of test code (whose count the
// summary gives). It returns the fingerprints of the results left, computed over all results
// first so that dropping some does not change the others' (see report.Fingerprints); nil when
// neither a baseline nor the caller needs them.
func (flt filters) apply(rep *scan.Report) []string {
	src := report.Source(func(p string) ([]byte, bool) {
		b, err := os.ReadFile(filepath.FromSlash(p))
		return b, err == nil
	}).Cached()
	// Test code's paths are not the report's, so its fingerprints are apart from theirs.
	hidden := &rep.HiddenTests
	hidden.Results, _ = flt.keep(hidden.Results, src, false)
	hidden.Notices = flt.keepNotices(hidden.Notices)
	rep.Notices = flt.keepNotices(rep.Notices)
	var fps []string
	rep.Results, fps = flt.keep(rep.Results, src, flt.fingerprints)
	return fps
}

// keep applies the baseline to results and drops those outside the changed lines, and returns
// the results left and, when the baseline or needFPs asks for them, their fingerprints.
func (flt filters) keep(results []result.Result, src report.Source, needFPs bool) ([]result.Result, []string) {
	var fps []string
	if flt.baseline != nil || needFPs {
		fps = report.Fingerprints(results, src)
	}
	if flt.baseline != nil {
		flt.baseline.Apply(results, fps)
	}
	if flt.changed == nil {
		return results, fps
	}
	kept, keptFPs := results[:0], fps[:0:0] // nil when fps is
	for i, r := range results {
		if flt.changed.Changed(r.Path, r.Start.Line, r.End.Line) {
			kept = append(kept, r)
			if fps != nil {
				keptFPs = append(keptFPs, fps[i])
			}
		}
	}
	return kept, keptFPs
}

// keepNotices drops the notices about files outside the changed lines.
func (flt filters) keepNotices(notices []result.Notice) []result.Notice {
	if flt.changed == nil {
		return notices
	}
	kept := notices[:0]
	for _, n := range notices {
		if n.Path == "" || flt.changed.ChangedFile(n.Path) {
			kept = append(kept, n)
		}
	}
	return kept
}
