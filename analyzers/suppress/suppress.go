// Package suppress reads inline suppressions:
//
//	pgtlslint:ignore RULE[,RULE] -- reason
//
// in a comment on the line of a finding or on the line above it. RULE is a rule id (PGTLS002)
// or name (server-not-verified). The marker is recognised in any comment syntax (#, //, /* */,
// --, ;, <!-- -->) because only the marker itself is searched for: it does not occur by accident.
package suppress

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/pgtlslint/pgtlslint/rules"
)

// Marker starts a suppression.
const Marker = "pgtlslint:ignore"

// Directive is one suppression comment.
type Directive struct {
	Line   int      // 1-based line of the comment
	Rules  []string // rule ids
	Reason string
}

// Problem is a malformed directive, reported as a notice so that a typo does not silently
// suppress nothing.
type Problem struct {
	Line    int
	Message string
}

// Parse finds the directives of a file. It looks only at lines holding the marker, so it costs
// one byte search on files without suppressions.
func Parse(content []byte) ([]Directive, []Problem) {
	if !bytes.Contains(content, []byte(Marker)) {
		return nil, nil
	}
	var dirs []Directive
	var probs []Problem
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
			probs = append(probs, Problem{Line: line, Message: err.Error()})
			continue
		}
		d.Line = line
		dirs = append(dirs, d)
	}
	return dirs, probs
}

// commentClosers end a comment that the directive sits in.
var commentClosers = []string{"*/", "-->"}

func parseDirective(rest string) (Directive, error) {
	var d Directive
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

// Match returns the directive that suppresses rule ruleID at line, if any: one on that line or
// on the line above.
func Match(dirs []Directive, line int, ruleID string) (Directive, bool) {
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
	return Directive{}, false
}
