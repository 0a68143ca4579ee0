package report

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/scan/result"
)

// WriteGitHub writes GitHub Actions workflow commands that annotate the findings in a pull
// request or a run's summary, one line each:
//
//	::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=RULEID rule-name::message
//
// Errors become ::error, warnings ::warning, notes ::notice. col and endColumn count bytes, as
// findings do; endColumn is given only when the finding ends on the line it starts on (GitHub
// ignores columns of multi-line annotations). The message is followed by the fix description,
// when there is one. Notices become ::notice (skipped files) or ::warning lines.
//
// Suppressed results are never written: an annotation cannot be marked as suppressed. Values
// are escaped as the runner expects: "%", "\r" and "\n" as %25, %0D and %0A everywhere, and ":"
// and "," as %3A and %2C in properties too.
func WriteGitHub(w io.Writer, results []result.Result, notices []result.Notice) error {
	bw := bufio.NewWriter(w)
	for _, r := range result.Sorted(result.Visible(results, false)) {
		f := &r.Finding
		props := []string{"file=" + ghProperty(f.Path)}
		line := max(f.Start.Line, 1)
		props = append(props, "line="+strconv.Itoa(line))
		if f.Start.Col > 0 {
			props = append(props, "col="+strconv.Itoa(f.Start.Col))
		}
		if f.End.Line >= line {
			props = append(props, "endLine="+strconv.Itoa(f.End.Line))
			if f.End.Line == line && f.End.Col > 0 && f.Start.Col > 0 && f.End.Col >= f.Start.Col {
				props = append(props, "endColumn="+strconv.Itoa(f.End.Col))
			}
		}
		title := f.RuleID
		if f.RuleName != "" {
			title += " " + f.RuleName
		}
		props = append(props, "title="+ghProperty(title))
		msg := f.Message
		if f.Fix != nil && strings.TrimSpace(f.Fix.Description) != "" {
			msg += "\n\nFix: " + strings.TrimSpace(f.Fix.Description)
		}
		ghCommand(bw, ghLevel(f.Severity), props, msg)
	}
	for _, n := range result.SortedNotices(notices) {
		var props []string
		if n.Path != "" {
			props = append(props, "file="+ghProperty(n.Path))
		}
		title := "pgtlslint"
		if n.Kind != "" {
			title += ": " + n.Kind
		}
		props = append(props, "title="+ghProperty(title))
		ghCommand(bw, ghLevel(n.Level()), props, n.Text())
	}
	return bw.Flush()
}

// ghLevel maps a severity onto a workflow command.
func ghLevel(s rules.Severity) string {
	switch s {
	case rules.SeverityError:
		return "error"
	case rules.SeverityNote:
		return "notice"
	}
	return "warning"
}

// ghCommand writes one workflow command. A write error sticks in w and is returned by Flush.
func ghCommand(w *bufio.Writer, cmd string, props []string, msg string) {
	line := "::" + cmd
	if len(props) > 0 {
		line += " " + strings.Join(props, ",")
	}
	_, _ = w.WriteString(line + "::" + ghData(msg) + "\n")
}

// ghData escapes a workflow command's message as the Actions runner decodes it.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
