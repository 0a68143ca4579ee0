// Package result holds what a scan hands on: Result (a finding and its suppression) and Notice
// (something about a file that is not a finding). It is a leaf: the engine, the analyzers, the
// filters and the writers all import it, and it imports only rules.
package result

import (
	"fmt"
	"sort"

	"github.com/pgtlslint/pgtlslint/rules"
)

// Notice kinds. Writers know NoticeSkipped and NoticeUnreadable (they count as skipped files);
// other kinds are shown as they are.
const (
	// NoticeSkipped: a file was left out on purpose (too large, binary). Counted as a skipped
	// file in summaries; a SARIF notification of level "note". The walk says why in the
	// kinds below, which the scan reports as NoticeSkipped.
	NoticeSkipped = "skipped"
	// NoticeUnreadable: a file could not be read (permissions, a broken symlink, not a regular
	// file). Counted as a skipped file in summaries; a SARIF notification of level "warning".
	NoticeUnreadable = "unreadable"

	NoticeSkippedSize   = "skipped-size"   // over the size cap
	NoticeSkippedBinary = "skipped-binary" // a NUL byte in the first 8 KiB
	NoticeSymlinkLoop   = "symlink-loop"   // a directory symlink to itself or an ancestor
	NoticePanic         = "analyzer-panic" // an analyzer panicked on this file
	NoticeParseError    = "parse-error"    // the file, or a line of it, does not parse
	NoticeSuppression   = "suppression"    // a malformed pgtlslint:ignore comment
	NoticeNoCgo         = "no-cgo"         // source files were searched as text: no tree-sitter in this build
)

// Notice is something the scan wants the user to know that is not a finding: a file it skipped
// or could not read, a line that does not parse, a malformed suppression comment.
type Notice struct {
	Path string // the file concerned, as in findings; "" when none
	Kind string // one of the Notice* kinds, or another short word
	// Line is the 1-based line concerned, 0 for the whole file.
	Line    int
	Message string // without the line: Text adds it
	// Group is what the notices of one kind that share it have in common, in words ("larger
	// than 1 MiB"): a report for people may count them in one line instead of listing each.
	// "" groups them by kind alone. The JSON and SARIF writers leave it out: the message says
	// it for each notice.
	Group string
}

// Text is the notice as people read it: "line 7: invalid authentication method" for a line,
// the message alone for a whole file.
func (n Notice) Text() string {
	if n.Line > 0 {
		return fmt.Sprintf("line %d: %s", n.Line, n.Message)
	}
	return n.Message
}

func (n Notice) String() string { return n.Text() }

// Level is the severity a notice is shown with: note for skipped files, warning for the rest (a
// file that could not be read, a line that does not parse, a malformed suppression).
func (n Notice) Level() rules.Severity {
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

// Result is a finding as the scan hands it to the writers: Suppressed is non-nil when a
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
// column, rule id, byte span, then message. Writers sort with it so that their output never
// depends on the order results arrive in.
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

// SortedNotices returns a copy of notices in a stable order: path, line (as a number: line 9
// before line 10), kind, message.
func SortedNotices(notices []Notice) []Notice {
	out := append([]Notice(nil), notices...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		switch {
		case a.Path != b.Path:
			return a.Path < b.Path
		case a.Line != b.Line:
			return a.Line < b.Line
		case a.Kind != b.Kind:
			return a.Kind < b.Kind
		}
		return a.Message < b.Message
	})
	return out
}
