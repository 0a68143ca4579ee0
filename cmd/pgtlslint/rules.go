package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/rulesdoc"
)

const rulesHelp = `Usage: pgtlslint rules [--format text|json|markdown] [RULE]

Without RULE, lists every rule: id, name, default severity, the security-severity GitHub code
scanning reads, and a one-line description, then the severity reasons: the only ways a
finding's severity differs from its rule's. --format markdown prints each rule's full help, the
same text that SARIF output carries (docs/rules.md holds it too).

With RULE (an id such as PGTLS004, or a name such as sslmode-missing), shows that rule's full
documentation: what fires, what does not, examples and the fix for each driver.

Examples:
  pgtlslint rules
  pgtlslint rules PGTLS004
  pgtlslint rules --format markdown server-not-verified
  pgtlslint rules --format json | jq -r '.[].id'

Flags:
`

// ruleJSON is a rule as `rules --format json` prints it.
type ruleJSON struct {
	ID               string   `json:"id"`
	Name             string   `json:"name"`
	Severity         string   `json:"severity"`
	SecuritySeverity string   `json:"security_severity"`
	Short            string   `json:"short_description"`
	Full             string   `json:"full_description"`
	Help             string   `json:"help"`
	HelpMarkdown     string   `json:"help_markdown"`
	HelpURI          string   `json:"help_uri"`
	Tags             []string `json:"tags"`
	// SeverityReasons are the rule's severity reasons; rules without any leave it out.
	SeverityReasons []severityReasonJSON `json:"severity_reasons,omitempty"`
}

// severityReasonJSON is one of a rule's severity reasons.
type severityReasonJSON struct {
	Reason      string `json:"reason"`
	Severity    string `json:"severity"`
	Description string `json:"description"`
}

func runRules(args []string, stdout io.Writer) error {
	fs := pflag.NewFlagSet("rules", pflag.ContinueOnError)
	format := fs.String("format", "text", "the `FORMAT` of the catalog: text, json or markdown")
	help := fs.BoolP("help", "h", false, "show this help")
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		return usagef("rules: %v", err)
	}
	if *help {
		_, err := io.WriteString(stdout, rulesHelp+flagUsages(fs))
		return err
	}
	if !slices.Contains([]string{"text", "json", "markdown"}, *format) {
		return usagef("rules: unknown --format %q (want text, json or markdown)", *format)
	}
	switch fs.NArg() {
	case 0:
		return writeCatalog(stdout, *format, rules.Catalog())
	case 1:
		r, ok := rules.LookupRule(fs.Arg(0))
		if !ok {
			return usagef("rules: unknown rule %q%s", fs.Arg(0), suggestRules(fs.Arg(0)))
		}
		return writeRule(stdout, *format, r)
	}
	return usagef("rules takes at most one rule, got %d arguments", fs.NArg())
}

// writeCatalog prints every rule.
func writeCatalog(w io.Writer, format string, cat []rules.Rule) error {
	switch format {
	case "json":
		return writeRulesJSON(w, cat)
	case "markdown":
		_, err := io.WriteString(w, rulesdoc.Markdown(cat))
		return err
	}
	rows := [][]string{{"ID", "NAME", "SEVERITY", "SECURITY-SEVERITY", "DESCRIPTION"}}
	for _, r := range cat {
		rows = append(rows, []string{r.ID, r.Name, string(r.Severity), r.SecuritySeverity, r.Short})
	}
	out := table("", rows)
	// The severity reasons: the only ways a finding's severity differs from its rule's.
	reasons := [][]string{{"ID", "REASON", "SEVERITY", "WHEN"}}
	for _, r := range cat {
		for _, l := range r.Levels {
			reasons = append(reasons, []string{r.ID, l.Reason, string(l.Severity), l.Doc})
		}
	}
	if len(reasons) > 1 {
		out += "\nSeverity reasons: a finding has its rule's severity unless one of these holds.\n\n" + table("", reasons)
	}
	_, err := io.WriteString(w, out)
	return err
}

// writeRule prints one rule's documentation: the registry's fields and its long text.
func writeRule(w io.Writer, format string, r rules.Rule) error {
	switch format {
	case "json":
		return writeRulesJSON(w, []rules.Rule{r})
	case "markdown":
		_, err := io.WriteString(w, rulesdoc.RuleMarkdown(r))
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %s\n\n", r.ID, r.Name, r.Short)
	fmt.Fprintf(&b, "Severity:  %s (security-severity %s)\n", r.Severity, r.SecuritySeverity)
	for _, l := range r.Levels {
		fmt.Fprintf(&b, "           %s for %s: %s\n", l.Severity, l.Reason, l.Doc)
	}
	fmt.Fprintf(&b, "Checks:    %s\nTags:      %s\nOnline:    %s\n\n", r.Scope.Text(), strings.Join(r.Tags, ", "), r.HelpURI)
	b.WriteString(strings.TrimSpace(r.Help) + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// writeRulesJSON prints rules as `rules --format json` does: an array, also for one rule.
func writeRulesJSON(w io.Writer, cat []rules.Rule) error {
	out := make([]ruleJSON, 0, len(cat))
	for _, r := range cat {
		j := ruleJSON{ID: r.ID, Name: r.Name, Severity: string(r.Severity),
			SecuritySeverity: r.SecuritySeverity, Short: r.Short, Full: r.Full, Help: r.Help,
			HelpMarkdown: r.HelpMarkdown, HelpURI: r.HelpURI, Tags: r.Tags}
		for _, l := range r.Levels {
			j.SeverityReasons = append(j.SeverityReasons, severityReasonJSON{Reason: l.Reason, Severity: string(l.Severity), Description: l.Doc})
		}
		out = append(out, j)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// suggestRules is "; did you mean ...?" naming the rules closest to an unknown id or name (a
// typo, part of a name, a bare number), and where the list is.
func suggestRules(arg string) string {
	a := strings.ToLower(strings.TrimSpace(arg))
	if a != "" && strings.Trim(a, "0123456789") == "" && len(a) <= 3 {
		a = "pgtls" + strings.Repeat("0", 3-len(a)) + a // "4" is PGTLS004
	}
	const far = 3 // more edits than this is another word
	best, close := far, []string(nil)
	for _, r := range rules.Catalog() {
		d := min(editDistance(a, strings.ToLower(r.ID)), editDistance(a, r.Name))
		if len(a) >= 4 && strings.Contains(r.Name, a) {
			d = min(d, 1)
		}
		switch {
		case d < best:
			best, close = d, []string{r.ID + " (" + r.Name + ")"}
		case d == best && d < far:
			close = append(close, r.ID+" ("+r.Name+")")
		}
	}
	if len(close) == 0 || len(close) > 4 {
		return "; 'pgtlslint rules' lists them"
	}
	return "; did you mean " + strings.Join(close, " or ") + "? ('pgtlslint rules' lists them)"
}

// editDistance is the Levenshtein distance of a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
