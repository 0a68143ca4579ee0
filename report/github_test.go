package report_test

import (
	"io"
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/report"
	"github.com/pgtlslint/pgtlslint/report/reporttest"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/scan/result"
)

func writeGitHub(t *testing.T, results []result.Result, notices []result.Notice) string {
	t.Helper()
	out := reporttest.Written(t, "annotations", func(w io.Writer) error { return report.WriteGitHub(w, results, notices) })
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if line != "" && !strings.HasPrefix(line, "::") {
			t.Errorf("a line that is not a workflow command: %q", line)
		}
	}
	return out
}

func TestWriteGitHubGolden(t *testing.T) {
	_, results := small()
	notices := []result.Notice{
		{Path: "dump.sql", Kind: result.NoticeSkipped, Message: "file is larger than 1 MiB"},
		{Path: "locked.env", Kind: result.NoticeUnreadable, Message: "permission denied"},
	}
	got := writeGitHub(t, results, notices)
	want := "::error file=cmd/app/main.go,line=3,col=63,endLine=3,endColumn=78,title=PGTLS001 plaintext-allowed::" +
		"lib/pq never encrypts this connection. Set sslmode=verify-full.%0A%0AFix: Set sslmode=verify-full and sslrootcert.\n" +
		"::notice file=dump.sql,title=pgtlslint%3A skipped::file is larger than 1 MiB\n" +
		"::warning file=locked.env,title=pgtlslint%3A unreadable::permission denied\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestWriteGitHubLevelsAndSuppressed(t *testing.T) {
	fs, results, _ := reporttest.Standard()
	fs["n.env"] = "PGSSLMODE=verify-ca\n"
	note := fs.Finding("n.env", "PGTLS003", rules.SeverityNote, "verify-ca", "not verified.")
	results = append(results, result.Result{Finding: note})
	got := writeGitHub(t, results, nil)
	if strings.Contains(got, "legacy.py") {
		t.Errorf("suppressed findings were annotated:\n%s", got)
	}
	for _, want := range []string{
		"::error file=app/db.go,line=10,col=85,",
		"::warning file=app/db.go,line=10,col=46,",
		"::notice file=n.env,line=1,col=11,endLine=1,endColumn=20,title=PGTLS003 hostname-not-verified::not verified.\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}

func TestWriteGitHubEscaping(t *testing.T) {
	f := rules.Finding{
		RuleID: "PGTLS001", RuleName: "plaintext-allowed", Severity: rules.SeverityError,
		Path:  "odd dir/a:b,c%d.env",
		Start: rules.Position{Line: 2, Col: 3}, End: rules.Position{Line: 4, Col: 1},
		Message: "100% plaintext:\r\nline two, with ::double colons",
		Fix:     &rules.Fix{Description: "Set sslmode=verify-full.\nThen restart."},
	}
	got := writeGitHub(t, []result.Result{{Finding: f}}, []result.Notice{{Kind: "odd,kind", Message: "50%\ndone"}})
	want := "::error file=odd dir/a%3Ab%2Cc%25d.env,line=2,col=3,endLine=4,title=PGTLS001 plaintext-allowed::" +
		"100%25 plaintext:%0D%0Aline two, with ::double colons%0A%0AFix: Set sslmode=verify-full.%0AThen restart.\n" +
		"::warning title=pgtlslint%3A odd%2Ckind::50%25%0Adone\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestWriteGitHubEmpty(t *testing.T) {
	if got := writeGitHub(t, nil, nil); got != "" {
		t.Errorf("got %q, want nothing", got)
	}
}
