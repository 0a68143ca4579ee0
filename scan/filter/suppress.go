// Inline suppressions, written
//
//	pgtlslint:ignore RULE[,RULE] -- reason
//
// in a comment on the line of a finding or on the line above it. RULE is a rule id (PGTLS002)
// or name (server-not-verified). The marker is recognised in any comment syntax (#, //, /* */,
// --, ;, <!-- -->) because only the marker itself is searched for: it does not occur by accident.

package filter

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/pgtlslint/pgtlslint/rules"
)

// Marker starts a suppression.
const Marker = "pgtlslint:ignore"

// IgnoreDirective is one suppression comment.
type IgnoreDirective struct {
	Line   int      // 1-based line of the comment
	Rules  []string // rule ids
	Reason string
}

// IgnoreProblem is a malformed directive, reported as a notice so that a typo does not silently
// suppress nothing.
type IgnoreProblem struct {
	Line    int
	Message string
}

// ParseSuppressions finds the directives of a file. It looks only at lines holding the marker, so it costs
// one byte search on files without suppressions.
func ParseSuppressions(content []byte) ([]IgnoreDirective, []IgnoreProblem) {
	if !bytes.Contains(content, []byte(Marker)) {
		return nil, nil
	}
	var dirs []IgnoreDirective
	var probs []IgnoreProblem
	line := 0
	for len(content) > 0 {
		line++
		var l []byte
		if i := bytes.IndexByte(content, '\n'); i >= 0 {
			l, content = content[:i], content[i+1:]
		} else {
			l, content = content, nil
		}
		i := bytes.Index(l, []byte(Marker))
		if i < 0 {
			continue
		}
		d, err := parseDirective(string(l[i+len(Marker):]))
		if err != nil {
			probs = append(probs, IgnoreProblem{Line: line, Message: err.Error()})
			continue
		}
		d.Line = line
		dirs = append(dirs, d)
	}
	return dirs, probs
}

// commentClosers end a comment that the directive sits in.
var commentClosers = []string{"*/", "-->"}

func parseDirective(rest string) (IgnoreDirective, error) {
	var d IgnoreDirective
	for _, c := range commentClosers {
		if i := strings.Index(rest, c); i >= 0 {
			rest = rest[:i]
		}
	}
	list, reason, _ := strings.Cut(rest, "--")
	d.Reason = strings.TrimSpace(reason)
	list = strings.TrimSpace(list)
	if list == "" {
		return d, fmt.Errorf("%s names no rule: write %s RULE[,RULE] -- reason", Marker, Marker)
	}
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(name)
		// A rule list ends at the first word that is not part of it ("PGTLS002 because ...").
		if f := strings.Fields(name); len(f) > 1 {
			name = f[0]
		}
		// A directive inside a string literal ends at its closing quote.
		name = strings.TrimRight(name, "`'\"")
		r, ok := rules.LookupRule(name)
		if !ok {
			return d, fmt.Errorf("%s: unknown rule %q", Marker, name)
		}
		d.Rules = append(d.Rules, r.ID)
	}
	return d, nil
}

// MatchSuppression returns the directive that suppresses rule ruleID at line, if any: one on that line or
// on the line above.
func MatchSuppression(dirs []IgnoreDirective, line int, ruleID string) (IgnoreDirective, bool) {
	for _, d := range dirs {
		if d.Line != line && d.Line != line-1 {
			continue
		}
		for _, r := range d.Rules {
			if r == ruleID {
				return d, true
			}
		}
	}
	return IgnoreDirective{}, false
}
