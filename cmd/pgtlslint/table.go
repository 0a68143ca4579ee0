package main

import (
	"strings"
	"text/tabwriter"
)

// table aligns rows into columns, each line starting with indent.
func table(indent string, rows [][]string) string {
	var lines strings.Builder
	for _, r := range rows {
		lines.WriteString(indent + strings.Join(r, "\t") + "\n")
	}
	var out strings.Builder
	tw := tabwriter.NewWriter(&out, 0, 4, 2, ' ', 0)
	// Writing to a strings.Builder through a tabwriter cannot fail.
	_, _ = tw.Write([]byte(lines.String()))
	_ = tw.Flush()
	return out.String()
}
