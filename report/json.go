package report

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
	"github.com/pgtlslint/pgtlslint/scan/result"
)

// JSONVersion is the version of the JSON report's format. It changes only when a field is
// removed or changes meaning; new fields may be added without a change.
const JSONVersion = 1

// JSONOptions configure WriteJSON.
type JSONOptions struct {
	// Files is the number of files scanned, for the summary (0: not known).
	Files int
	// Walked and Read are the files walked and read, for the summary (0: not known).
	Walked, Read int
	// Version is pgtlslint's version, written as "tool_version" when not empty.
	Version string
	// Source reads files to compute fingerprints and to keep secrets out of fix edits. With a
	// nil Source, fingerprints fall back on the message (see Fingerprints).
	Source Source
	// IncludeSuppressed lists suppressed results too, each with its "suppressed" object.
	IncludeSuppressed bool
	// HiddenTests is what the scan found in test code and left out: only counted, in the
	// summary.
	HiddenTests HiddenTests
}

// JSONReport is the document WriteJSON writes:
//
//	{
//	  "version": 1,                 // JSONVersion
//	  "tool_version": "v0.4.0",     // when known
//	  "findings": [JSONFinding...], // canonical order: path, line, column, rule
//	  "notices": [JSONNotice...],   // ordered by path, line, kind, message
//	  "summary": {Summary}
//	}
//
// Arrays are never null. No secret from the scanned files appears in it.
type JSONReport struct {
	Version     int           `json:"version"`
	ToolVersion string        `json:"tool_version,omitempty"`
	Findings    []JSONFinding `json:"findings"`
	Notices     []JSONNotice  `json:"notices"`
	Summary     Summary       `json:"summary"`
}

// JSONFinding is one finding of the JSON report.
type JSONFinding struct {
	RuleID     string         `json:"rule_id"`  // PGTLS001
	Rule       string         `json:"rule"`     // plaintext-allowed
	Severity   rules.Severity `json:"severity"` // error, warning or note
	Path       string         `json:"path"`     // slash-separated, relative to the scan root
	Start      JSONPosition   `json:"start"`
	End        JSONPosition   `json:"end"` // exclusive
	Message    string         `json:"message"`
	Driver     drivers.ID     `json:"driver"`      // the driver whose semantics apply
	DriverName string         `json:"driver_name"` // the same in words
	Evidence   string         `json:"evidence,omitempty"`
	Fix        *JSONFix       `json:"fix,omitempty"`
	// Fingerprint identifies the finding across line moves (see Fingerprints); baselines hold
	// it.
	Fingerprint string           `json:"fingerprint"`
	Suppressed  *JSONSuppression `json:"suppressed,omitempty"`
}

// JSONPosition is a place in a file: 1-based line and column (columns count bytes) and the
// 0-based byte offset.
type JSONPosition struct {
	Line   int `json:"line"`
	Col    int `json:"col"`
	Offset int `json:"offset"`
}

// JSONFix is a finding's fix: a description for people and byte edits for tools.
type JSONFix struct {
	Description string     `json:"description"`
	Edits       []JSONEdit `json:"edits"`
}

// JSONEdit replaces the bytes [start, end) of path with new_text. When redacted is true,
// new_text had a secret masked out of it and must not be applied (see SafeEdits).
type JSONEdit struct {
	Path     string `json:"path"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	NewText  string `json:"new_text"`
	Redacted bool   `json:"redacted,omitempty"`
}

// JSONSuppression says why a finding is suppressed: kind is inline, config or baseline.
type JSONSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification,omitempty"`
}

// JSONNotice is a notice of the JSON report.
type JSONNotice struct {
	Path    string `json:"path,omitempty"`
	Kind    string `json:"kind"`
	Level   string `json:"level"` // note for skipped files, warning otherwise
	Message string `json:"message"`
}

// BuildJSON returns the JSON report of results and notices without writing it.
func BuildJSON(results []result.Result, notices []result.Notice, opts JSONOptions) JSONReport {
	src := opts.Source.Cached()
	all := result.Sorted(results)
	fps := Fingerprints(all, src)
	rep := JSONReport{
		Version:     JSONVersion,
		ToolVersion: opts.Version,
		Findings:    []JSONFinding{},
		Notices:     []JSONNotice{},
		Summary:     Summarize(results, notices, opts.IncludeSuppressed, opts.Files),
	}
	rep.Summary.Walked, rep.Summary.Read = opts.Walked, opts.Read
	rep.Summary.HiddenTests = opts.HiddenTests
	for i, r := range all {
		if r.Suppressed != nil && !opts.IncludeSuppressed {
			continue
		}
		f := r.Finding
		jf := JSONFinding{
			RuleID:      f.RuleID,
			Rule:        f.RuleName,
			Severity:    f.Severity,
			Path:        f.Path,
			Start:       JSONPosition{Line: f.Start.Line, Col: f.Start.Col, Offset: f.Span.Start},
			End:         JSONPosition{Line: f.End.Line, Col: f.End.Col, Offset: f.Span.End},
			Message:     f.Message,
			Driver:      f.Driver,
			DriverName:  f.DriverName,
			Evidence:    f.Evidence,
			Fingerprint: fps[i],
		}
		if f.Fix != nil {
			fx := &JSONFix{Description: f.Fix.Description, Edits: []JSONEdit{}}
			for _, e := range SafeEdits(f, src) {
				fx.Edits = append(fx.Edits, JSONEdit{
					Path: e.Path, Start: e.Start, End: e.End, NewText: e.NewText, Redacted: e.Redacted,
				})
			}
			jf.Fix = fx
		}
		if r.Suppressed != nil {
			jf.Suppressed = &JSONSuppression{Kind: r.Suppressed.Kind, Justification: r.Suppressed.Justification}
		}
		rep.Findings = append(rep.Findings, jf)
	}
	for _, n := range result.SortedNotices(notices) {
		rep.Notices = append(rep.Notices, JSONNotice{
			Path: n.Path, Kind: n.Kind, Level: string(n.Level()), Message: n.Text(),
		})
	}
	return rep
}

// WriteJSON writes the JSON report (see JSONReport), indented by two spaces, with a final
// newline. HTML characters are not escaped.
func WriteJSON(w io.Writer, results []result.Result, notices []result.Notice, opts JSONOptions) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(BuildJSON(results, notices, opts)); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}
