package rules

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// A rule's help is the markdown of doc/<ID>.md; SARIF also wants it as plain text (help.text)
// and its first paragraph as one line (fullDescription). The functions below make those.

// firstParagraph returns the body's first paragraph as one line of plain
// text. It must be prose, not a heading, list, table or code block.
func firstParagraph(body string) (string, error) {
	var parts []string
	for _, line := range strings.Split(body, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			break
		}
		parts = append(parts, line)
	}
	first := parts[0] // body is non-empty and trimmed, so parts is too
	for _, marker := range []string{"#", "```", "~~~", "|", "- ", "* ", "> "} {
		if strings.HasPrefix(first, marker) {
			return "", fmt.Errorf("the body must start with a description paragraph, not %q", first)
		}
	}
	return inlineToText(strings.Join(parts, " ")), nil
}

// markdownToText reduces the markdown used in rule docs to plain text:
// headings lose their markers, fenced code is indented by four spaces,
// tables become aligned columns (or a list when too wide), and inline code,
// emphasis and links lose their syntax.
func markdownToText(md string) string {
	var out []string
	var table [][]string
	flush := func() {
		if table != nil {
			out = append(out, renderHelpTable(table)...)
			table = nil
		}
	}
	inFence := false
	fence := ""
	for _, line := range strings.Split(md, "\n") {
		trimmed := strings.TrimSpace(line)
		if inFence {
			if strings.HasPrefix(trimmed, fence) && strings.Trim(trimmed, fence[:1]) == "" {
				inFence = false
				continue
			}
			if strings.TrimSpace(line) == "" {
				out = append(out, "")
			} else {
				out = append(out, "    "+line)
			}
			continue
		}
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			flush()
			inFence = true
			fence = trimmed[:3]
			continue
		}
		if strings.HasPrefix(trimmed, "|") {
			cells := splitHelpTableRow(trimmed)
			if !isHelpTableSeparator(cells) {
				table = append(table, cells)
			}
			continue
		}
		flush()
		switch {
		case strings.HasPrefix(trimmed, "#"):
			h := strings.TrimLeft(trimmed, "#")
			out = append(out, inlineToText(strings.TrimSpace(h)))
		case strings.HasPrefix(trimmed, "> "):
			out = append(out, inlineToText(strings.TrimPrefix(trimmed, "> ")))
		default:
			indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
			if strings.HasPrefix(trimmed, "* ") {
				trimmed = "- " + trimmed[2:]
			}
			out = append(out, indent+inlineToText(trimmed))
		}
	}
	flush()

	// Collapse runs of blank lines and trim.
	var b strings.Builder
	blank := false
	for _, l := range out {
		l = strings.TrimRight(l, " \t")
		if l == "" {
			blank = true
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n")
			if blank {
				b.WriteString("\n")
			}
		}
		blank = false
		b.WriteString(l)
	}
	return b.String()
}

// splitHelpTableRow splits a markdown table row on unescaped pipes and reduces
// each cell to plain text.
func splitHelpTableRow(row string) []string {
	row = strings.TrimSpace(row)
	row = strings.TrimPrefix(row, "|")
	if strings.HasSuffix(row, "|") && !strings.HasSuffix(row, `\|`) {
		row = row[:len(row)-1]
	}
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(row); i++ {
		switch {
		case row[i] == '\\' && i+1 < len(row) && row[i+1] == '|':
			cur.WriteString(`\|`)
			i++
		case row[i] == '|':
			cells = append(cells, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(row[i])
		}
	}
	cells = append(cells, cur.String())
	for i, c := range cells {
		cells[i] = inlineToText(strings.TrimSpace(c))
	}
	return cells
}

func isHelpTableSeparator(cells []string) bool {
	for _, c := range cells {
		if strings.Trim(c, "-: ") != "" || !strings.Contains(c, "-") {
			return false
		}
	}
	return true
}

// helpTextWidth is the widest aligned table the plain-text help renders;
// wider tables become a list.
const helpTextWidth = 100

func renderHelpTable(rows [][]string) []string {
	ncol := 0
	for _, r := range rows {
		ncol = max(ncol, len(r))
	}
	widths := make([]int, ncol)
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	total := 2 * (ncol - 1)
	for _, w := range widths {
		total += w
	}
	out := []string{""}
	if total <= helpTextWidth {
		for _, r := range rows {
			var b strings.Builder
			for i, c := range r {
				if i > 0 {
					b.WriteString("  ")
				}
				b.WriteString(c)
				if i < len(r)-1 {
					b.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c)))
				}
			}
			out = append(out, b.String())
		}
		return append(out, "")
	}
	// Too wide: the header names each cell of the body rows.
	header, body := rows[0], rows[1:]
	for _, r := range body {
		for i, c := range r {
			switch {
			case i == 0:
				out = append(out, "- "+c)
			case i < len(header) && header[i] != "":
				out = append(out, "  "+header[i]+": "+c)
			default:
				out = append(out, "  "+c)
			}
		}
	}
	return append(out, "")
}

var mdLinkPattern = regexp.MustCompile(`\[([^\]]+)\]\(([^)\s]+)\)`)

// inlineToText removes inline markdown: code spans keep their content
// verbatim, bold markers are dropped, links become "text (url)", and
// backslash escapes are resolved. Single "*" and "_" are left alone: they
// occur in values such as "****" and "PGSSLMODE".
func inlineToText(s string) string {
	var b strings.Builder
	for i, seg := range strings.Split(s, "`") {
		if i%2 == 1 { // inside a code span
			b.WriteString(seg)
			continue
		}
		seg = mdLinkPattern.ReplaceAllString(seg, "$1 ($2)")
		seg = strings.ReplaceAll(seg, "**", "")
		for _, esc := range []string{"|", "*", "_", "`", "#", "[", "]", "\\"} {
			seg = strings.ReplaceAll(seg, `\`+esc, esc)
		}
		b.WriteString(seg)
	}
	return b.String()
}
