package rules

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
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

// Rule is one entry of the rule catalog: its identity, default level and
// the documentation shown by SARIF consumers and `pgtlslint rules`.
type Rule struct {
	ID               string   // PGTLS001
	Name             string   // plaintext-allowed
	Severity         Severity // default level
	SecuritySeverity string   // "8.1": GitHub reads it as a numeric string
	Short            string   // SARIF shortDescription
	Full             string   // SARIF fullDescription: the first paragraph of the doc, as plain text
	Help             string   // plain-text help: the whole doc body with markdown syntax reduced to readable text
	HelpMarkdown     string   // the doc body as markdown
	HelpURI          string   // https://github.com/pgtlslint/pgtlslint/blob/main/rules/doc/<ID>.md
	Tags             []string
}

// helpURIBase is where the rule docs are published; the doc file name is appended.
const helpURIBase = "https://github.com/pgtlslint/pgtlslint/blob/main/rules/doc/"

//go:embed doc/*.md
var docFS embed.FS

var (
	catalogOnce   sync.Once
	catalogRules  []Rule
	catalogLookup map[string]int // lower-case id and name -> index in catalogRules
)

func loadCatalog() {
	catalogOnce.Do(func() {
		rules, err := parseCatalog(docFS)
		if err != nil {
			// The docs are embedded at build time and checked by the tests:
			// a malformed one is a programming error.
			panic("rules: " + err.Error())
		}
		catalogRules = rules
		catalogLookup = make(map[string]int, 2*len(rules))
		for i, r := range rules {
			catalogLookup[strings.ToLower(r.ID)] = i
			catalogLookup[strings.ToLower(r.Name)] = i
		}
	})
}

// Catalog returns every rule, sorted by ID. It parses the embedded docs
// once; a malformed doc is a programming error and panics with the file
// name and the problem. The returned slice is the caller's to modify.
func Catalog() []Rule {
	loadCatalog()
	out := make([]Rule, len(catalogRules))
	for i, r := range catalogRules {
		out[i] = r.clone()
	}
	return out
}

// LookupRule finds a rule by id (case-insensitive, "PGTLS001" or
// "pgtls001") or by name ("plaintext-allowed").
func LookupRule(idOrName string) (Rule, bool) {
	loadCatalog()
	i, ok := catalogLookup[strings.ToLower(strings.TrimSpace(idOrName))]
	if !ok {
		return Rule{}, false
	}
	return catalogRules[i].clone(), true
}

func (r Rule) clone() Rule {
	r.Tags = append([]string(nil), r.Tags...)
	return r
}

// docDir is where the rule docs live, in the embedded tree and in tests' file systems.
const docDir = "doc"

// parseCatalog reads every *.md file of docDir in fsys as a rule doc and
// returns the rules sorted by ID, or an error naming the first bad file.
func parseCatalog(fsys fs.FS) ([]Rule, error) {
	dir := docDir
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var rules []Rule
	seen := make(map[string]string) // lower-case id or name -> file
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".md") {
			continue
		}
		file := path.Join(dir, e.Name())
		data, err := fs.ReadFile(fsys, file)
		if err != nil {
			return nil, err
		}
		r, err := parseDoc(e.Name(), data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		for _, key := range []string{r.ID, r.Name} {
			k := strings.ToLower(key)
			if other, dup := seen[k]; dup {
				return nil, fmt.Errorf("%s: %q is already used by %s", file, key, other)
			}
			seen[k] = file
		}
		rules = append(rules, r)
	}
	if len(rules) == 0 {
		return nil, fmt.Errorf("no rule docs in %s", dir)
	}
	sort.Slice(rules, func(i, j int) bool { return rules[i].ID < rules[j].ID })
	return rules, nil
}

var (
	ruleIDPattern   = regexp.MustCompile(`^PGTLS[0-9]{3}$`)
	ruleNamePattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
)

// maxShortLen bounds a rule's short description (SARIF shortDescription).
const maxShortLen = 100

// frontMatterKeys are the keys a rule doc's front matter must hold, each once.
var frontMatterKeys = []string{"id", "name", "severity", "security-severity", "short", "tags"}

// parseDoc parses one rule doc: a front matter block of "key: value"
// lines between "---" fences, then the markdown body whose first
// paragraph is the full description. base is the file's name, which
// must be the rule id plus ".md".
func parseDoc(base string, data []byte) (Rule, error) {
	if !utf8.Valid(data) {
		return Rule{}, fmt.Errorf("not valid UTF-8")
	}
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	text = strings.TrimPrefix(text, "\ufeff")
	lines := strings.Split(text, "\n")
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != "---" {
		return Rule{}, fmt.Errorf("line 1: want front matter opening %q", "---")
	}
	meta := make(map[string]string)
	end := -1
	for i := 1; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		if line == "---" {
			end = i
			break
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			return Rule{}, fmt.Errorf("line %d: want \"key: value\", got %q", i+1, line)
		}
		key = strings.ToLower(strings.TrimSpace(key))
		value = strings.TrimSpace(value)
		if !isFrontMatterKey(key) {
			return Rule{}, fmt.Errorf("line %d: unknown front matter key %q", i+1, key)
		}
		if _, dup := meta[key]; dup {
			return Rule{}, fmt.Errorf("line %d: front matter key %q repeated", i+1, key)
		}
		if value == "" {
			return Rule{}, fmt.Errorf("line %d: front matter key %q is empty", i+1, key)
		}
		meta[key] = value
	}
	if end < 0 {
		return Rule{}, fmt.Errorf("front matter is not closed by %q", "---")
	}
	for _, k := range frontMatterKeys {
		if _, ok := meta[k]; !ok {
			return Rule{}, fmt.Errorf("front matter key %q missing", k)
		}
	}

	r := Rule{
		ID:               meta["id"],
		Name:             meta["name"],
		SecuritySeverity: meta["security-severity"],
		Short:            meta["short"],
	}
	if !ruleIDPattern.MatchString(r.ID) {
		return Rule{}, fmt.Errorf("id %q: want PGTLS and three digits", r.ID)
	}
	if want := r.ID + ".md"; base != want {
		return Rule{}, fmt.Errorf("id %q does not match the file name (want %s)", r.ID, want)
	}
	if !ruleNamePattern.MatchString(r.Name) {
		return Rule{}, fmt.Errorf("name %q is not kebab-case", r.Name)
	}
	sev, err := ParseSeverity(meta["severity"])
	if err != nil {
		return Rule{}, err
	}
	r.Severity = sev
	score, err := strconv.ParseFloat(r.SecuritySeverity, 64)
	if err != nil || !(score > 0 && score <= 10) {
		return Rule{}, fmt.Errorf("security-severity %q: want a number in (0, 10]", r.SecuritySeverity)
	}
	if n := utf8.RuneCountInString(r.Short); n >= maxShortLen {
		return Rule{}, fmt.Errorf("short has %d characters, want fewer than %d", n, maxShortLen)
	}
	for _, t := range strings.Split(meta["tags"], ",") {
		t = strings.TrimSpace(t)
		if t == "" {
			return Rule{}, fmt.Errorf("tags %q: empty tag", meta["tags"])
		}
		for _, have := range r.Tags {
			if have == t {
				return Rule{}, fmt.Errorf("tags: %q repeated", t)
			}
		}
		r.Tags = append(r.Tags, t)
	}

	body := strings.TrimSpace(strings.Join(lines[end+1:], "\n"))
	if body == "" {
		return Rule{}, fmt.Errorf("empty body: want a description paragraph")
	}
	full, err := firstParagraph(body)
	if err != nil {
		return Rule{}, err
	}
	r.Full = full
	r.HelpMarkdown = body
	r.Help = markdownToText(body)
	r.HelpURI = helpURIBase + base
	return r, nil
}

func isFrontMatterKey(k string) bool {
	for _, known := range frontMatterKeys {
		if k == known {
			return true
		}
	}
	return false
}

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
