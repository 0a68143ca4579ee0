package main

import (
	"encoding/json"
	"io"

	"github.com/spf13/pflag"

	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/rulesdoc"
)

const rulesHelp = `Usage: pgtlslint rules [--format text|json|markdown]

Lists every rule: id, name, default severity, the security-severity GitHub code scanning
reads, and a one-line description, then the severity reasons: the only ways a finding's
severity differs from its rule's. --format markdown prints each rule's full help, the same
text that SARIF output carries (docs/rules.md holds it too).

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
	format := fs.String("format", "text", "output format: text, json or markdown")
	help := fs.BoolP("help", "h", false, "show this help")
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		return usagef("rules: %v", err)
	}
	if *help {
		_, err := io.WriteString(stdout, rulesHelp+fs.FlagUsages())
		return err
	}
	if fs.NArg() > 0 {
		return usagef("rules takes no arguments, got %q", fs.Arg(0))
	}
	cat := rules.Catalog()
	switch *format {
	case "text":
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
		_, err := io.WriteString(stdout, out)
		return err
	case "json":
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
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	case "markdown":
		_, err := io.WriteString(stdout, rulesdoc.Markdown(cat))
		return err
	default:
		return usagef("rules: unknown --format %q (want text, json or markdown)", *format)
	}
}
