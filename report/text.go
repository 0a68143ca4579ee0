package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/scan/result"
)

// TextOptions configure WriteText and WriteCompact.
type TextOptions struct {
	// Color turns on ANSI colours. The caller decides: a terminal, and NO_COLOR unset.
	Color bool
	// Source reads files for code frames; nil means no code frames.
	Source Source
	// Files is the number of files analyzed, for the summary; 0 leaves it out.
	Files int
	// Walked and Read are the files the walk found and those it read, for the summary, so
	// that it does not pass off the files analyzed as the whole tree; 0 leaves them out.
	Walked, Read int
	// IncludeSuppressed shows suppressed results too, marked as such. Otherwise they are left
	// out and only counted in the summary.
	IncludeSuppressed bool
	// Width is the widest code frame line, in characters; 0 means DefaultFrameWidth.
	Width int
	// Verbose lists every notice. Otherwise notices of one kind (and group, see
	// result.Notice.Group) are counted in one line when there are several.
	Verbose bool
	// Quiet writes the findings only: no notices and no summary.
	Quiet bool
	// HiddenTests is what the scan found in test code and left out, for the summary.
	HiddenTests HiddenTests
}

// DefaultFrameWidth is the default width of a code frame's source line: longer lines are cut
// around the finding, with "…" where text was left out.
const DefaultFrameWidth = 100

// ANSI escape sequences used by the text report.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[1;31m"
	ansiYellow = "\x1b[1;33m"
	ansiCyan   = "\x1b[1;36m"
	ansiGreen  = "\x1b[32m"
)

// WriteText writes a report for people. Each result shown is
//
//	path:line:col: severity RULEID rule-name: message
//	  12 | the line, secrets shown as ****
//	     |        ^^^^^^^^^^^^^^^^
//	  fix: the fix description
//	  driver: pgx (import of github.com/jackc/pgx/v5)
//
// (the code frame when opts.Source can read the file, the driver line when the finding has
// evidence; a message that ends with its fix leaves it to the fix line, see sayOnce), then
// the notices (see writeNotices) and a summary line such as
//
//	3 findings (1 error, 2 warnings) in 2 files; 120 files walked, 61 read, 40 analyzed; 1 file skipped
//
// Columns count bytes, like the rest of pgtlslint's text output. Control characters from
// files and messages are shown as "?" so that nothing can drive the terminal.
func WriteText(w io.Writer, results []result.Result, notices []result.Notice, opts TextOptions) error {
	p := newTextPrinter(w, opts)
	files := newLineCache(opts.Source)
	shown := result.Sorted(result.Visible(results, opts.IncludeSuppressed))
	for i, r := range shown {
		if i > 0 {
			p.line("")
		}
		p.result(r, files)
	}
	p.tail(len(shown) > 0, results, notices, opts)
	return p.w.Flush()
}

// WriteCompact writes one line per result shown, for grep, editors and errorformat:
//
//	path:line:col: severity RULEID message [driver]
//
// with " [suppressed: kind]" after suppressed ones (shown only with IncludeSuppressed), then,
// after an empty line, the notices and the summary line as WriteText writes them.
func WriteCompact(w io.Writer, results []result.Result, notices []result.Notice, opts TextOptions) error {
	p := newTextPrinter(w, opts)
	shown := result.Sorted(result.Visible(results, opts.IncludeSuppressed))
	for _, r := range shown {
		p.compact(r)
	}
	p.tail(len(shown) > 0, results, notices, opts)
	return p.w.Flush()
}

func newTextPrinter(w io.Writer, opts TextOptions) *textPrinter {
	p := &textPrinter{w: bufio.NewWriter(w), color: opts.Color, width: opts.Width}
	if p.width <= 0 {
		p.width = DefaultFrameWidth
	}
	return p
}

// tail writes what follows the results: the notices and the summary line, each block after
// an empty line; nothing with Quiet.
func (p *textPrinter) tail(anyShown bool, results []result.Result, notices []result.Notice, opts TextOptions) {
	if opts.Quiet {
		return
	}
	if len(notices) > 0 {
		if anyShown {
			p.line("")
		}
		p.notices(notices, opts.Verbose)
	}
	if anyShown || len(notices) > 0 {
		p.line("")
	}
	sum := Summarize(results, notices, opts.IncludeSuppressed, opts.Files)
	sum.Walked, sum.Read = opts.Walked, opts.Read
	sum.HiddenTests = opts.HiddenTests
	p.line(p.paint(ansiBold, summaryLine(sum, opts.IncludeSuppressed)))
}

type textPrinter struct {
	w     *bufio.Writer
	color bool
	width int
}

// line writes s and a newline. A write error sticks in the bufio.Writer and is returned by
// Flush.
func (p *textPrinter) line(s string) {
	_, _ = p.w.WriteString(s + "\n")
}

// paint wraps s in an ANSI style when colours are on.
func (p *textPrinter) paint(style, s string) string {
	if !p.color || s == "" {
		return s
	}
	return style + s + ansiReset
}

func severityStyle(s rules.Severity) string {
	switch s {
	case rules.SeverityError:
		return ansiRed
	case rules.SeverityWarning:
		return ansiYellow
	}
	return ansiCyan
}

func (p *textPrinter) result(r result.Result, files *lineCache) {
	f := &r.Finding
	sev := string(f.Severity)
	if sev == "" {
		sev = string(rules.SeverityWarning)
	}
	loc := fmt.Sprintf("%s:%d:%d:", sanitize(f.Path), max(f.Start.Line, 1), max(f.Start.Col, 1))
	head := p.paint(ansiBold, loc) + " " + p.paint(severityStyle(f.Severity), sanitize(sev)) + " " +
		sanitize(f.RuleID)
	if f.RuleName != "" {
		head += " " + sanitize(f.RuleName)
	}
	var msg, fix string
	if f.Fix != nil {
		msg, fix = sayOnce(f.Message, f.Fix.Description)
	} else {
		msg = f.Message
	}
	head += ": " + oneLine(msg) + p.suppressed(r)
	p.line(head)
	if lines, ok := files.Get(f.Path); ok {
		p.frame(f, lines)
	}
	if fix != "" {
		p.line("  " + p.paint(ansiGreen, "fix:") + " " + indentLines(fix, "       "))
	}
	if f.Evidence != "" {
		d := f.DriverName
		if d == "" {
			d = string(f.Driver)
		}
		p.line("  driver: " + oneLine(d+" ("+f.Evidence+")"))
	}
}

// suppressed is the mark of a suppressed result, " [suppressed: kind: reason]", or "".
func (p *textPrinter) suppressed(r result.Result) string {
	if r.Suppressed == nil {
		return ""
	}
	s := "suppressed: " + r.Suppressed.Kind
	if r.Suppressed.Justification != "" {
		s += ": " + r.Suppressed.Justification
	}
	return " " + p.paint(ansiDim, "["+oneLine(s)+"]")
}

// compact writes a result on one line: "path:line:col: severity RULEID message [driver]".
func (p *textPrinter) compact(r result.Result) {
	f := &r.Finding
	sev := string(f.Severity)
	if sev == "" {
		sev = string(rules.SeverityWarning)
	}
	loc := fmt.Sprintf("%s:%d:%d:", sanitize(f.Path), max(f.Start.Line, 1), max(f.Start.Col, 1))
	line := p.paint(ansiBold, loc) + " " + p.paint(severityStyle(f.Severity), sanitize(sev)) + " " +
		sanitize(f.RuleID) + " " + oneLine(f.Message)
	if f.Driver != "" {
		line += " [" + sanitize(string(f.Driver)) + "]"
	}
	p.line(line + p.suppressed(r))
}

// sayOnce splits what the text report says about a finding so that its fix is said once.
// Messages end with their fix ("... impersonate the server. Use sslmode=verify-full. ..."),
// which is also the fix's description: when the message holds the description at the start
// of a sentence, the message keeps what comes before it and the fix line says the rest, the
// fix and whatever the message adds after it ("Keep verify-ca only on purpose, ...").
// Otherwise both are said as they are.
func sayOnce(msg, fix string) (head, fixLine string) {
	fix = strings.TrimSpace(fix)
	if fix == "" {
		return msg, ""
	}
	i := strings.LastIndex(msg, fix)
	if i <= 0 || msg[i-1] != ' ' {
		return msg, fix
	}
	return strings.TrimSpace(msg[:i]), strings.TrimSpace(msg[i:])
}

func (p *textPrinter) notice(n result.Notice) {
	var parts []string
	if n.Path != "" {
		parts = append(parts, p.paint(ansiBold, sanitize(n.Path)))
	}
	if n.Kind != "" {
		parts = append(parts, p.paint(severityStyle(n.Level()), sanitize(n.Kind)))
	}
	parts = append(parts, oneLine(n.Text()))
	p.line(strings.Join(parts, ": "))
}

// frame prints the finding's first line with the span underlined.
func (p *textPrinter) frame(f *rules.Finding, lines *fileLines) {
	content := lines.content
	line := f.Start.Line
	spanStart, spanEnd := -1, -1
	if line < 1 {
		sp := clampSpan(f.Span, len(content))
		line = lines.lineOf(sp.Start)
		spanStart, spanEnd = sp.Start, sp.End
	}
	line = lines.clampLine(line)
	ls, le := lines.bounds(line)
	if spanStart < 0 {
		spanStart = ls + max(f.Start.Col, 1) - 1
		spanEnd = le
		if f.End.Line == line {
			spanEnd = ls + max(f.End.Col, 1) - 1
		}
	}
	spanStart = min(max(spanStart, ls), le)
	spanEnd = min(max(spanEnd, spanStart), le)
	text, under := renderFrame(content, ls, le, spanStart, spanEnd, f.Secrets, p.width)
	num := strconv.Itoa(line)
	gutter := strings.Repeat(" ", len(num))
	p.line("  " + p.paint(ansiDim, num+" |") + " " + text)
	p.line("  " + p.paint(ansiDim, gutter+" |") + " " + strings.Repeat(" ", under[0]) +
		p.paint(severityStyle(f.Severity), strings.Repeat("^", under[1]-under[0])))
}

// frameContext is how many bytes around the span a code frame looks at, so that a megabyte
// of minified text on one line costs no more than a short line.
const frameContext = 1024

// renderFrame renders the line [ls, le) of content for a code frame: secrets masked, tabs
// expanded, control characters and invalid UTF-8 shown as "?", and cut to at most width
// characters around the span [s, e) with "…" marking each cut. It returns the text and the
// columns [start, end) of the underline in it (never empty).
func renderFrame(content []byte, ls, le, s, e int, secrets []rules.Span, width int) (string, [2]int) {
	// Look only at a window of bytes around the span, on rune boundaries.
	vs := max(ls, s-frameContext)
	for vs > ls && !utf8.RuneStart(content[vs]) {
		vs--
	}
	ve := min(le, max(e, s+1)+frameContext)
	for ve < le && !utf8.RuneStart(content[ve]) {
		ve++
	}
	cutLeft, cutRight := vs > ls, ve < le

	var cells []string
	n := ve - vs
	startCell := make([]int, n+1)
	endCell := make([]int, n+1)
	pos := vs
	for _, run := range append(secretRuns(secrets, vs, ve), rules.Span{Start: ve, End: ve}) {
		for pos < run.Start {
			r, size := utf8.DecodeRune(content[pos:run.Start])
			var shown []string // one string per column; "" continues a wide character
			switch w := runeWidth(r); {
			case r == '\t':
				shown = []string{" ", " ", " ", " "}
			case r == utf8.RuneError && size <= 1, r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
				shown = []string{"?"}
			case w == 0 && len(cells) > 0:
				cells[len(cells)-1] += string(r) // a combining mark joins the character before it
			case w == 2:
				shown = []string{string(r), ""}
			default:
				shown = []string{string(r)}
			}
			at := len(cells)
			startCell[pos-vs], endCell[pos-vs] = at, at
			for k := pos + 1; k < pos+size; k++ {
				startCell[k-vs], endCell[k-vs] = at, at+len(shown)
			}
			cells = append(cells, shown...)
			pos += size
		}
		if run.End > run.Start {
			at := len(cells)
			for k := run.Start; k < run.End; k++ {
				startCell[k-vs], endCell[k-vs] = at, at+len(Mask)
			}
			endCell[run.Start-vs] = at
			for range len(Mask) {
				cells = append(cells, "*")
			}
			pos = run.End
		}
	}
	startCell[n], endCell[n] = len(cells), len(cells)

	us := startCell[min(max(s-vs, 0), n)]
	ue := endCell[min(max(e-vs, 0), n)]
	if ue <= us {
		ue = us + 1
	}

	total := len(cells)
	ws, we := 0, total
	if total > width || cutLeft || cutRight {
		if total > width {
			// Keep some text before the span when the span does not start near the beginning.
			const before = 20
			if ue > width {
				ws = max(0, min(us-before, total-width))
			}
			we = min(total, ws+width)
		}
		cutLeft = cutLeft || ws > 0
		cutRight = cutRight || we < total
	}
	var b strings.Builder
	offset := 0
	if cutLeft {
		b.WriteString("…")
		offset = 1
	}
	for i := ws; i < we; i++ {
		switch c := cells[i]; {
		case c == "" && i == ws:
			b.WriteByte(' ') // the second half of a wide character cut off on the left
		case c == "":
			// the second column of the wide character just written
		case i+1 == we && we < total && cells[we] == "":
			b.WriteByte(' ') // a wide character cut in half on the right
		default:
			b.WriteString(c)
		}
	}
	if cutRight {
		b.WriteString("…")
	}
	us = max(us, ws) - ws + offset
	ue = min(ue, we) - ws + offset
	if ue <= us {
		ue = us + 1
	}
	return b.String(), [2]int{us, ue}
}

// runeWidth is the number of terminal columns r takes: 0 for combining marks and zero-width
// characters, 2 for East Asian wide characters and emoji, 1 otherwise. It is an approximation
// of Unicode's East Asian Width, good enough to put a caret under the right character.
func runeWidth(r rune) int {
	switch {
	case r == 0x200b || r == 0x200c || r == 0x200d || r == 0x2060 || r == 0xfeff,
		r >= 0xfe00 && r <= 0xfe0f, // variation selectors
		unicode.In(r, unicode.Mn, unicode.Me):
		return 0
	}
	for _, rg := range wideRanges {
		if r >= rg[0] && r <= rg[1] {
			return 2
		}
	}
	return 1
}

// wideRanges are the main blocks of wide characters: Hangul Jamo, CJK, Hangul syllables,
// fullwidth forms, and the emoji blocks.
var wideRanges = [][2]rune{
	{0x1100, 0x115f}, {0x231a, 0x231b}, {0x2329, 0x232a}, {0x23e9, 0x23ec}, {0x23f0, 0x23f0},
	{0x23f3, 0x23f3}, {0x25fd, 0x25fe}, {0x2614, 0x2615}, {0x2648, 0x2653}, {0x267f, 0x267f},
	{0x2693, 0x2693}, {0x26a1, 0x26a1}, {0x26aa, 0x26ab}, {0x26bd, 0x26be}, {0x26c4, 0x26c5},
	{0x26ce, 0x26ce}, {0x26d4, 0x26d4}, {0x26ea, 0x26ea}, {0x26f2, 0x26f3}, {0x26f5, 0x26f5},
	{0x26fa, 0x26fa}, {0x26fd, 0x26fd}, {0x2705, 0x2705}, {0x270a, 0x270b}, {0x2728, 0x2728},
	{0x274c, 0x274c}, {0x274e, 0x274e}, {0x2753, 0x2755}, {0x2757, 0x2757}, {0x2795, 0x2797},
	{0x27b0, 0x27b0}, {0x27bf, 0x27bf}, {0x2b1b, 0x2b1c}, {0x2b50, 0x2b50}, {0x2b55, 0x2b55},
	{0x2e80, 0x303e}, {0x3041, 0x33ff}, {0x3400, 0x4dbf}, {0x4e00, 0x9fff}, {0xa000, 0xa4cf},
	{0xa960, 0xa97f}, {0xac00, 0xd7a3}, {0xf900, 0xfaff}, {0xfe10, 0xfe19}, {0xfe30, 0xfe6f},
	{0xff00, 0xff60}, {0xffe0, 0xffe6}, {0x1f004, 0x1f004}, {0x1f0cf, 0x1f0cf}, {0x1f18e, 0x1f18e},
	{0x1f191, 0x1f19a}, {0x1f200, 0x1f251}, {0x1f300, 0x1f64f}, {0x1f680, 0x1f6ff},
	{0x1f900, 0x1f9ff}, {0x1fa70, 0x1faff}, {0x20000, 0x3fffd},
}

// sanitize replaces control characters (tabs included) and invalid UTF-8 with "?" or a space,
// so that text from files and messages cannot move the cursor or change colours.
func sanitize(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError:
			if _, size := utf8.DecodeRuneInString(s[i:]); size <= 1 {
				b.WriteByte('?')
			} else {
				b.WriteRune(r)
			}
		case r == '\t' || r == '\n':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			b.WriteByte('?')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// oneLine returns s sanitized, with line breaks turned into spaces.
func oneLine(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return sanitize(strings.TrimSpace(s))
}

// indentLines sanitizes each line of s and joins them with a newline and indent.
func indentLines(s, indent string) string {
	lines := strings.Split(strings.ReplaceAll(strings.TrimSpace(s), "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = sanitize(strings.TrimRight(l, " \t"))
	}
	return strings.Join(lines, "\n"+indent)
}

// summaryLine says what the report holds, such as "3 findings (1 error, 2 warnings) in 2
// files; 120 files walked, 61 read, 40 analyzed; 1 file skipped" ("40 files scanned" when the
// walk's counts are not known).
func summaryLine(s Summary, includeSuppressed bool) string {
	var b strings.Builder
	if s.Findings == 0 {
		b.WriteString("no findings")
	} else {
		b.WriteString(plural(s.Findings, "finding", "findings"))
		var sev []string
		for _, c := range []struct {
			n            int
			one, several string
		}{{s.Errors, "error", "errors"}, {s.Warnings, "warning", "warnings"}, {s.Notes, "note", "notes"}} {
			if c.n > 0 {
				sev = append(sev, plural(c.n, c.one, c.several))
			}
		}
		if len(sev) > 0 {
			b.WriteString(" (" + strings.Join(sev, ", ") + ")")
		}
		b.WriteString(" in " + plural(s.Files, "file", "files"))
	}
	if s.Suppressed > 0 {
		if includeSuppressed {
			fmt.Fprintf(&b, "; %d suppressed", s.Suppressed)
		} else {
			fmt.Fprintf(&b, "; %d suppressed not shown", s.Suppressed)
		}
	}
	if c := hiddenTestsClause(s.HiddenTests); c != "" {
		b.WriteString("; " + c)
	}
	switch {
	case s.Walked > 0:
		fmt.Fprintf(&b, "; %s walked, %d read, %d analyzed", plural(s.Walked, "file", "files"), s.Read, s.Scanned)
	case s.Scanned > 0:
		b.WriteString("; " + plural(s.Scanned, "file", "files") + " scanned")
	}
	if s.Skipped > 0 {
		b.WriteString("; " + plural(s.Skipped, "file", "files") + " skipped")
	}
	return b.String()
}

// hiddenTestsClause says what the scan left out as test code and how to see it, such as
// "21 findings in test code not shown (--tests shows them)"; "" when nothing was.
func hiddenTestsClause(h HiddenTests) string {
	var what []string
	if h.Findings > 0 {
		what = append(what, plural(h.Findings, "finding", "findings"))
	}
	if h.Notices > 0 {
		what = append(what, plural(h.Notices, "notice", "notices"))
	}
	if len(what) == 0 {
		return ""
	}
	return strings.Join(what, " and ") + " in test code not shown (--tests shows them)"
}

func plural(n int, one, several string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + several
}
