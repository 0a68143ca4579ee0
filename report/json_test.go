package report_test

import (
	"bytes"
	"encoding/json"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/report"
	"github.com/pgtlslint/pgtlslint/report/reporttest"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/scan/result"
)

func writeJSON(t *testing.T, results []result.Result, notices []result.Notice, opts report.JSONOptions) (string, report.JSONReport) {
	t.Helper()
	out := reporttest.Written(t, "JSON report", func(w io.Writer) error { return report.WriteJSON(w, results, notices, opts) })
	var again bytes.Buffer
	if err := report.WriteJSON(&again, results, notices, opts); err != nil || again.String() != out {
		t.Error("two calls wrote different JSON")
	}
	var rep report.JSONReport
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rep); err != nil {
		t.Fatalf("the JSON report does not decode into JSONReport: %v\n%s", err, out)
	}
	return out, rep
}

func TestWriteJSONGolden(t *testing.T) {
	fs, results := small()
	notices := []result.Notice{{Path: "dump.sql", Kind: result.NoticeSkipped, Message: "file is larger than 1 MiB"}}
	hidden := report.HiddenTests{Findings: 21, Notices: 2}
	got, rep := writeJSON(t, results, notices, report.JSONOptions{Source: fs.Source(), Files: 3, Version: "v1.0.0", HiddenTests: hidden})
	fp := rep.Findings[0].Fingerprint
	want := `{
  "version": 1,
  "tool_version": "v1.0.0",
  "findings": [
    {
      "rule_id": "PGTLS001",
      "rule": "plaintext-allowed",
      "severity": "error",
      "path": "cmd/app/main.go",
      "start": {
        "line": 3,
        "col": 63,
        "offset": 76
      },
      "end": {
        "line": 3,
        "col": 78,
        "offset": 91
      },
      "message": "lib/pq never encrypts this connection. Set sslmode=verify-full.",
      "driver": "lib/pq",
      "driver_name": "lib/pq",
      "evidence": "import of github.com/lib/pq",
      "fix": {
        "description": "Set sslmode=verify-full and sslrootcert.",
        "edits": [
          {
            "path": "cmd/app/main.go",
            "start": 84,
            "end": 91,
            "new_text": "verify-full"
          }
        ]
      },
      "fingerprint": "` + fp + `"
    }
  ],
  "notices": [
    {
      "path": "dump.sql",
      "kind": "skipped",
      "level": "note",
      "message": "file is larger than 1 MiB"
    }
  ],
  "summary": {
    "findings": 1,
    "errors": 1,
    "warnings": 0,
    "notes": 0,
    "files": 1,
    "suppressed": 0,
    "scanned": 3,
    "skipped": 1,
    "notices": 1,
    "hidden_test_findings": 21,
    "hidden_test_notices": 2
  }
}
`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if !regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(fp) {
		t.Errorf("fingerprint %q is not a hex SHA-256", fp)
	}
}

func TestWriteJSONEmpty(t *testing.T) {
	got, _ := writeJSON(t, nil, nil, report.JSONOptions{})
	for _, want := range []string{`"findings": []`, `"notices": []`, `"findings": 0`} {
		if !strings.Contains(got, want) {
			t.Errorf("the empty report lacks %s:\n%s", want, got)
		}
	}
	if strings.Contains(got, "tool_version") || strings.Contains(got, "null") {
		t.Errorf("unexpected empty report:\n%s", got)
	}
}

func TestWriteJSONStandard(t *testing.T) {
	fs, results, notices := reporttest.Standard()
	_, rep := writeJSON(t, results, notices, report.JSONOptions{Source: fs.Source()})
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.Path+" "+f.RuleID)
		if f.Suppressed != nil {
			t.Errorf("%s %s: suppressed finding in the default report", f.Path, f.RuleID)
		}
	}
	want := "app/db.go PGTLS008,app/db.go PGTLS001,config/my settings/ünïcode db.env PGTLS002,deploy/values.yaml PGTLS001"
	if strings.Join(got, ",") != want {
		t.Errorf("findings %s, want %s", strings.Join(got, ","), want)
	}
	// The fix that rewrote the whole URL, password included, is narrowed to the change.
	env := rep.Findings[2].Fix
	content := fs[reporttest.EnvFile]
	if len(env.Edits) != 1 || env.Edits[0].NewText != "verify-full" || content[env.Edits[0].Start:env.Edits[0].End] != "require" || env.Edits[0].Redacted {
		t.Errorf("env fix %+v, want the edit narrowed to require -> verify-full", env)
	}
	if s := rep.Summary; s.Findings != 4 || s.Errors != 2 || s.Warnings != 2 || s.Suppressed != 2 || s.Skipped != 2 || s.Files != 3 {
		t.Errorf("summary %+v", s)
	}
	if rep.Notices[0].Path != "dump/big.sql" || rep.Notices[0].Level != "note" || rep.Notices[1].Level != "warning" {
		t.Errorf("notices %+v", rep.Notices)
	}

	_, rep = writeJSON(t, results, notices, report.JSONOptions{Source: fs.Source(), IncludeSuppressed: true})
	var sup []string
	for _, f := range rep.Findings {
		if f.Suppressed != nil {
			sup = append(sup, f.RuleID+" "+f.Suppressed.Kind+" "+f.Suppressed.Justification)
		}
	}
	if strings.Join(sup, "|") != "PGTLS005 baseline |PGTLS002 inline the legacy VPN terminates TLS" {
		t.Errorf("suppressed findings %q", sup)
	}
	if rep.Summary.Findings != 6 {
		t.Errorf("summary %+v, want 6 findings", rep.Summary)
	}
}

func TestWriteJSONRedactsEdits(t *testing.T) {
	fs, results := small()
	f := &results[0].Finding
	// An edit that can only be written with the password in it.
	f.Fix.Edits = []rules.Edit{fs.Edit("cmd/app/main.go", "S3cr3tPassw0rd", "'S3cr3tPassw0rd'")}
	for _, src := range []report.Source{fs.Source(), nil} {
		_, rep := writeJSON(t, results, nil, report.JSONOptions{Source: src})
		e := rep.Findings[0].Fix.Edits[0]
		if !e.Redacted || strings.Contains(e.NewText, "S3cr3t") {
			t.Errorf("edit %+v, want it redacted", e)
		}
	}
}
