// Package report writes scan results for people and tools: a text report with code frames
// (WriteText), a stable JSON document (WriteJSON) and GitHub Actions workflow commands
// (WriteGitHub). It also defines what the scan engine hands to every writer, SARIF included:
// Result (a finding plus its suppression), Notice (a file skipped or unreadable) and Source (how
// a writer reads a file's content), and the helpers the writers share: stable fingerprints,
// secret-safe fix edits and the canonical order of results.
//
// Secrets: a finding's Secrets are byte spans of its file that hold passwords. No writer ever
// outputs those bytes: code frames show "****" in their place, fingerprints hash the masked line,
// and fix edits that would carry a secret are narrowed or redacted (see SafeEdits).
//
// Every writer is deterministic: the same input gives byte-identical output.
package report

import (
	"sort"

	"github.com/pgtlslint/pgtlslint/rules"
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

// Notice kinds the writers know. Other kinds are reported as they are.
const (
	// NoticeSkipped: a file was left out on purpose (too large, binary). Counted as a skipped
	// file in summaries; a SARIF notification of level "note".
	NoticeSkipped = "skipped"
	// NoticeUnreadable: a file could not be read (permissions, a symlink loop). Counted as a
	// skipped file in summaries; a SARIF notification of level "warning".
	NoticeUnreadable = "unreadable"
)

// Notice is something the scan wants the user to know that is not a finding: a file it skipped
// or could not read, a malformed suppression comment.
type Notice struct {
	Path    string // the file concerned, as in findings; "" when none
	Kind    string // NoticeSkipped, NoticeUnreadable or another short word ("suppression")
	Message string
}

// NoticeLevel is the severity a notice is shown with: note for skipped files, warning for the
// rest (a file that could not be read, a malformed suppression).
func NoticeLevel(n Notice) rules.Severity {
	if n.Kind == NoticeSkipped {
		return rules.SeverityNote
	}
	return rules.SeverityWarning
}

// Suppression kinds.
const (
	SuppressionInline   = "inline"   // a pgtlslint:ignore comment in the file
	SuppressionConfig   = "config"   // .pgtlslint.yml
	SuppressionBaseline = "baseline" // --baseline FILE
)

// Suppression says why a finding is not reported.
type Suppression struct {
	Kind          string // SuppressionInline, SuppressionConfig or SuppressionBaseline
	Justification string // the reason given, if any
}

// Result is a finding as the scan engine hands it to the writers: Suppressed is non-nil when a
// suppression hides it. Writers leave suppressed results out unless told to include them.
type Result struct {
	rules.Finding
	Suppressed *Suppression
}

// Visible returns the results a writer shows: all of them when includeSuppressed, otherwise
// those that are not suppressed. The input is not modified.
func Visible(results []Result, includeSuppressed bool) []Result {
	out := make([]Result, 0, len(results))
	for _, r := range results {
		if r.Suppressed == nil || includeSuppressed {
			out = append(out, r)
		}
	}
	return out
}

// Less is the canonical order of results: path, start line, start column, end line, end
// column, rule id, byte span, then message. Writers sort with it so that their output never depends on the
// order results arrive in.
func Less(a, b *rules.Finding) bool {
	switch {
	case a.Path != b.Path:
		return a.Path < b.Path
	case a.Start.Line != b.Start.Line:
		return a.Start.Line < b.Start.Line
	case a.Start.Col != b.Start.Col:
		return a.Start.Col < b.Start.Col
	case a.End.Line != b.End.Line:
		return a.End.Line < b.End.Line
	case a.End.Col != b.End.Col:
		return a.End.Col < b.End.Col
	case a.RuleID != b.RuleID:
		return a.RuleID < b.RuleID
	case a.Span != b.Span:
		if a.Span.Start != b.Span.Start {
			return a.Span.Start < b.Span.Start
		}
		return a.Span.End < b.Span.End
	}
	return a.Message < b.Message
}

// Sorted returns a copy of results in the canonical order (see Less); equal results keep their
// relative order.
func Sorted(results []Result) []Result {
	out := append([]Result(nil), results...)
	sort.SliceStable(out, func(i, j int) bool { return Less(&out[i].Finding, &out[j].Finding) })
	return out
}

// SortedNotices returns a copy of notices in a stable order: path, kind, message.
func SortedNotices(notices []Notice) []Notice {
	out := append([]Notice(nil), notices...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		switch {
		case a.Path != b.Path:
			return a.Path < b.Path
		case a.Kind != b.Kind:
			return a.Kind < b.Kind
		}
		return a.Message < b.Message
	})
	return out
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
}

// Summarize counts results and notices for a summary line. results holds every result,
// suppressed ones included; includeSuppressed says whether those are shown (and so counted in
// Findings). scanned is the number of files analyzed, or 0 when not known.
func Summarize(results []Result, notices []Notice, includeSuppressed bool, scanned int) Summary {
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
		if n.Kind == NoticeSkipped || n.Kind == NoticeUnreadable {
			skipped[n.Path] = true
		}
	}
	s.Skipped = len(skipped)
	return s
}
