package golang_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/pgtlslint/pgtlslint/analyzers/golang"
	"github.com/pgtlslint/pgtlslint/report"
	"github.com/pgtlslint/pgtlslint/sarif"
	"github.com/pgtlslint/pgtlslint/scan"
)

// TestScanMatchesAnalyzer checks that `pgtlslint scan`, which reads Go without building it,
// reports what the analyzer reports with full type information, except what only types from
// other packages can show (a constant of an imported package), and that the findings reach
// SARIF with their fixes.
func TestScanMatchesAnalyzer(t *testing.T) {
	gopath := analysistest.TestData()
	dir := filepath.Join(gopath, "src", filepath.FromSlash(golang.FixturesPath))
	typed := map[string]bool{}
	for _, r := range analysistest.Run(t, gopath, golang.Analyzer, golang.FixturesPath+"/...") {
		for _, d := range r.Diagnostics {
			p := r.Pass.Fset.Position(d.Pos)
			rel, _ := filepath.Rel(dir, p.Filename)
			typed[fmt.Sprintf("%s:%d:%d %s", filepath.ToSlash(rel), p.Line, p.Column, d.Category)] = true
		}
	}
	rep, err := scan.Run(scan.Options{Roots: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	syntax := map[string]bool{}
	unsuppressed := 0
	for _, r := range rep.Results {
		if r.Suppressed != nil {
			continue
		}
		unsuppressed++
		rel, _ := filepath.Rel(dir, r.Path)
		syntax[fmt.Sprintf("%s:%d:%d %s", filepath.ToSlash(rel), r.Start.Line, r.Start.Col, r.RuleID)] = true
	}
	if len(typed) < 15 {
		t.Fatalf("the analyzer reported %d findings, want at least 15: %v", len(typed), keys(typed))
	}
	onlyTyped := []string{"conn/conn.go:54:68 PGTLS002"} // dsnconst.Mode, a constant of another package
	for _, k := range onlyTyped {
		if !typed[k] {
			t.Errorf("the analyzer did not report %s", k)
		}
		delete(typed, k)
	}
	if a, b := keys(typed), keys(syntax); strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Errorf("scan and analyzer differ\nanalyzer:\n%s\nscan:\n%s", strings.Join(a, "\n"), strings.Join(b, "\n"))
	}

	var buf bytes.Buffer
	if err := sarif.Write(&buf, rep.Results, sarif.Options{Version: "1.0.0", SrcRoot: dir, Source: readFile}); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string } `json:"artifactLocation"`
						Region           struct{ StartLine int }
					} `json:"physicalLocation"`
				}
				Fixes []struct {
					ArtifactChanges []struct {
						Replacements []struct {
							InsertedContent struct{ Text string } `json:"insertedContent"`
						}
					} `json:"artifactChanges"`
				}
			}
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range log.Runs[0].Results {
		loc := r.Locations[0].PhysicalLocation
		if r.RuleID == "PGTLS006" && strings.HasSuffix(loc.ArtifactLocation.URI, "tlsconf/tlsconf.go") && loc.Region.StartLine == 23 {
			found = true
			if len(r.Fixes) != 1 || r.Fixes[0].ArtifactChanges[0].Replacements[0].InsertedContent.Text != "ServerName: cfg.Host" {
				t.Errorf("SARIF fix of tlsconf.go:23 = %+v, want ServerName: cfg.Host", r.Fixes)
			}
		}
	}
	if !found || len(log.Runs[0].Results) != unsuppressed {
		t.Errorf("SARIF has %d results (want %d) and the PGTLS006 at tlsconf.go:23: %v", len(log.Runs[0].Results), unsuppressed, found)
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

var readFile report.Source = func(p string) ([]byte, bool) {
	b, err := os.ReadFile(p)
	return b, err == nil
}
