package rules

import (
	"fmt"
	"strings"
)

// Severity is a finding's level, as SARIF names them.
type Severity string

// The severities, from the most to the least severe.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
	SeverityNote    Severity = "note"
)

// Rank orders severities: note < warning < error. An unknown severity
// ranks below note (0).
func (s Severity) Rank() int {
	switch s {
	case SeverityNote:
		return 1
	case SeverityWarning:
		return 2
	case SeverityError:
		return 3
	}
	return 0
}

// ParseSeverity accepts error|warning|note (case-insensitive, surrounding
// spaces ignored) and returns an error naming the value otherwise.
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return SeverityError, nil
	case "warning":
		return SeverityWarning, nil
	case "note":
		return SeverityNote, nil
	}
	return "", fmt.Errorf("invalid severity %q: want error, warning or note", s)
}
