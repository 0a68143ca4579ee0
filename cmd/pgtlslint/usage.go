package main

import (
	"strings"

	"github.com/spf13/pflag"

	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// helpWidth is the width help texts are wrapped to.
const helpWidth = 100

// flagUsages lists a command's flags as people type them: "--fix", "-o, --output FILE",
// "--format format", each with its description wrapped under it. pflag's own listing writes
// booleans as "--fix[=true|false]" and values without a name as "string", which teaches a
// syntax nobody uses.
func flagUsages(fs *pflag.FlagSet) string {
	type entry struct{ left, usage string }
	var entries []entry
	width := 0
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		left := "    --" + f.Name
		if f.Shorthand != "" {
			left = "-" + f.Shorthand + ", --" + f.Name
		}
		name, usage := pflag.UnquoteUsage(f)
		if f.Value.Type() != "bool" {
			left += " " + name
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.DefValue != "[]" {
			usage += " (default " + f.DefValue + ")"
		}
		entries = append(entries, entry{left, usage})
		width = max(width, len(left))
	})
	var b strings.Builder
	indent := strings.Repeat(" ", 2+width+2)
	for _, e := range entries {
		b.WriteString("  " + e.left + strings.Repeat(" ", width-len(e.left)+2))
		b.WriteString(wrapText(e.usage, helpWidth-len(indent), indent))
		b.WriteString("\n")
	}
	return b.String()
}

// wrapText breaks s into lines of at most width characters at spaces (a longer word stands
// alone), joined by a newline and indent.
func wrapText(s string, width int, indent string) string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		switch {
		case line == "":
			line = w
		case len(line)+1+len(w) > width:
			lines = append(lines, line)
			line = w
		default:
			line += " " + w
		}
	}
	lines = append(lines, line)
	return strings.Join(lines, "\n"+indent)
}

// driversHelp lists the drivers --driver accepts, each once, with the other names it
// accepts for it, from the driver table.
func driversHelp() string {
	rows := [][]string{}
	for _, d := range drivers.All() {
		also := "-"
		if len(d.Aliases) > 0 {
			also = strings.Join(d.Aliases, ", ")
		}
		rows = append(rows, []string{string(d.ID), d.Name, also})
	}
	return "\nDrivers (--driver NAME: the name in the first column, or one of the last):\n" +
		table("  ", append([][]string{{"NAME", "DRIVER", "ALSO ACCEPTED"}}, rows...))
}
