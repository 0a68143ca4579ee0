package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/pgtlslint/pgtlslint/rules"
)

const rulesHelp = `Usage: pgtlslint rules [--format text|json|markdown]

Lists every rule: id, name, default severity, the security-severity GitHub code scanning
reads, and a one-line description. --format markdown prints each rule's full help, the same
text that SARIF output carries.

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
		_, err := io.WriteString(stdout, table("", rows))
		return err
	case "json":
		out := make([]ruleJSON, 0, len(cat))
		for _, r := range cat {
			out = append(out, ruleJSON{ID: r.ID, Name: r.Name, Severity: string(r.Severity),
				SecuritySeverity: r.SecuritySeverity, Short: r.Short, Full: r.Full, Help: r.Help,
				HelpMarkdown: r.HelpMarkdown, HelpURI: r.HelpURI, Tags: r.Tags})
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	case "markdown":
		var b strings.Builder
		b.WriteString("# pgtlslint rules\n\n| id | name | severity | security-severity | description |\n| --- | --- | --- | --- | --- |\n")
		for _, r := range cat {
			fmt.Fprintf(&b, "| %s | `%s` | %s | %s | %s |\n", r.ID, r.Name, r.Severity, r.SecuritySeverity, r.Short)
		}
		for _, r := range cat {
			fmt.Fprintf(&b, "\n## %s `%s`\n\n%s\n", r.ID, r.Name, demoteHeadings(strings.TrimSpace(r.HelpMarkdown)))
		}
		_, err := io.WriteString(stdout, b.String())
		return err
	default:
		return usagef("rules: unknown --format %q (want text, json or markdown)", *format)
	}
}

// demoteHeadings moves a rule doc's headings one level down, under the rule's own heading,
// leaving fenced code alone.
func demoteHeadings(md string) string {
	lines := strings.Split(md, "\n")
	fenced := false
	for i, l := range lines {
		if strings.HasPrefix(l, "```") {
			fenced = !fenced
		}
		if !fenced && strings.HasPrefix(l, "#") {
			lines[i] = "#" + l
		}
	}
	return strings.Join(lines, "\n")
}
