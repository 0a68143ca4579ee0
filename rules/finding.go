// Package rules knows what a PostgreSQL connection setting means for the driver that reads it,
// which settings are weak, and what fixes them. Analyzers describe each connection they find as a
// Target; Evaluate turns a Target into Findings with driver-accurate messages and fix edits.
//
// The package does no I/O.
package rules

import (
	"sort"

	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// Span is a half-open byte range [Start, End) in a file (or, for explain, in the string).
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Position is a 1-based line and column (in bytes).
type Position struct {
	Line int `json:"line"`
	Col  int `json:"col"`
}

// Edit replaces the bytes [Start, End) of the file Path with NewText.
type Edit struct {
	Path    string `json:"path"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	NewText string `json:"new_text"`
}

// Fix is a finding's remedy: Edits that leave working code, and a Description that also carries
// any step needing a human choice (where the CA file lives).
type Fix struct {
	Description string `json:"description"`
	Edits       []Edit `json:"edits,omitempty"`
}

// Finding is one problem at one place.
type Finding struct {
	RuleID   string   `json:"rule_id"`
	RuleName string   `json:"rule"`
	Severity Severity `json:"severity"`
	Path     string   `json:"path"`
	Span     Span     `json:"-"`
	Start    Position `json:"start"`
	End      Position `json:"end"`
	Message  string   `json:"message"`
	// Driver is the driver whose semantics the finding uses; DriverName says it in words
	// ("libpq semantics" when nothing named a driver).
	Driver     drivers.ID `json:"driver"`
	DriverName string     `json:"driver_name"`
	// Evidence says why that driver was chosen.
	Evidence string `json:"evidence,omitempty"`
	Fix      *Fix   `json:"fix,omitempty"`
	// Secrets are spans of the file that hold secrets (passwords) near the finding: writers
	// must never print those bytes (code frames, snippets).
	Secrets []Span `json:"-"`
}

// Locate fills Start and End of each finding from the content of its file.
func Locate(fs []Finding, content []byte) {
	LocateLines(fs, LineStarts(content))
}

// LocateLines fills Start and End from a file's line index (see LineStarts), for callers that
// keep the index instead of the content.
func LocateLines(fs []Finding, starts []int) {
	for i := range fs {
		fs[i].Start = PositionAt(starts, fs[i].Span.Start)
		fs[i].End = PositionAt(starts, fs[i].Span.End)
	}
}

// LineStarts returns the byte offset at which each line of b starts.
func LineStarts(b []byte) []int {
	starts := []int{0}
	for i, c := range b {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// PositionAt turns a byte offset into a line and column, given the file's LineStarts.
func PositionAt(starts []int, off int) Position {
	i := sort.Search(len(starts), func(i int) bool { return starts[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	return Position{Line: i + 1, Col: off - starts[i] + 1}
}
