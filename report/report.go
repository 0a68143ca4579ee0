// Package report writes scan results for people and tools: a text report with code frames
// (WriteText), a stable JSON document (WriteJSON) and GitHub Actions workflow commands
// (WriteGitHub) from the scan's results and notices (package scan/result). It also defines
// Source (how a writer reads a file's content) and the helpers the writers share: stable
// fingerprints, secret-safe fix edits and summaries.
//
// Secrets: a finding's Secrets are byte spans of its file that hold passwords. No writer ever
// outputs those bytes: code frames show "****" in their place, fingerprints hash the masked line,
// and fix edits that would carry a secret are narrowed or redacted (see SafeEdits).
//
// Every writer is deterministic: the same input gives byte-identical output.
package report

import (
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/scan/result"
)

// Source returns the content of the file at path (as it appears in findings), and whether it
// could be read. Writers use it for code frames, fingerprints and column conversion; a nil
// Source, or one that returns false, only makes that output less rich.
type Source func(path string) ([]byte, bool)

// Read calls s, treating a nil Source as one that knows no file.
func (s Source) Read(path string) ([]byte, bool) {
	if s == nil {
		return nil, false
	}
	return s(path)
}

// sourceCacheSize is how many files a cached Source keeps. Writers visit results in path
// order, so a small cache avoids reading a file once per finding without holding a whole tree.
const sourceCacheSize = 4

// Cached returns a Source that remembers the last few files s returned, so that a writer that
// asks for the same file for every finding reads it once. The result is not safe for
// concurrent use.
func (s Source) Cached() Source {
	type entry struct {
		path string
		data []byte
		ok   bool
	}
	var recent []entry // most recently used last
	return func(path string) ([]byte, bool) {
		for i, e := range recent {
			if e.path == path {
				recent = append(append(recent[:i:i], recent[i+1:]...), e)
				return e.data, e.ok
			}
		}
		data, ok := s.Read(path)
		if len(recent) == sourceCacheSize {
			recent = append(recent[:0:0], recent[1:]...)
		}
		recent = append(recent, entry{path, data, ok})
		return data, ok
	}
}

// Summary counts what a report shows. It is the "summary" object of the JSON report.
type Summary struct {
	Findings   int `json:"findings"`   // results shown (suppressed ones only when included)
	Errors     int `json:"errors"`     // results shown with severity error
	Warnings   int `json:"warnings"`   // results shown with severity warning
	Notes      int `json:"notes"`      // results shown with severity note
	Files      int `json:"files"`      // distinct files with a result shown
	Suppressed int `json:"suppressed"` // suppressed results, whether shown or not
	Scanned    int `json:"scanned"`    // files analyzed, as the caller says (0: not known)
	Skipped    int `json:"skipped"`    // distinct files with a skipped or unreadable notice
	Notices    int `json:"notices"`    // notices of every kind
	// Walked and Read are the files the walk found and did not exclude, and those of them it
	// read (Scanned are the files read that held a trigger word), as the caller says; 0: not
	// known.
	Walked int `json:"walked,omitempty"`
	Read   int `json:"read,omitempty"`
	HiddenTests
}

// HiddenTests counts what a scan found in test code and did not report: `scan --tests` reports
// it (see package scan/testcode). The JSON summary carries both counts, 0 included.
type HiddenTests struct {
	Findings int `json:"hidden_test_findings"`
	Notices  int `json:"hidden_test_notices"`
}

// Summarize counts results and notices for a summary line. results holds every result,
// suppressed ones included; includeSuppressed says whether those are shown (and so counted in
// Findings). scanned is the number of files analyzed, or 0 when not known.
func Summarize(results []result.Result, notices []result.Notice, includeSuppressed bool, scanned int) Summary {
	s := Summary{Scanned: scanned, Notices: len(notices)}
	files := map[string]bool{}
	for _, r := range results {
		if r.Suppressed != nil {
			s.Suppressed++
			if !includeSuppressed {
				continue
			}
		}
		s.Findings++
		files[r.Path] = true
		switch r.Severity {
		case rules.SeverityError:
			s.Errors++
		case rules.SeverityWarning:
			s.Warnings++
		case rules.SeverityNote:
			s.Notes++
		}
	}
	s.Files = len(files)
	skipped := map[string]bool{}
	for _, n := range notices {
		if n.Kind == result.NoticeSkipped || n.Kind == result.NoticeUnreadable {
			skipped[n.Path] = true
		}
	}
	s.Skipped = len(skipped)
	return s
}
