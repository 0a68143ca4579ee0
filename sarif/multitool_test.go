package sarif

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/report/reporttest"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/scan/result"
)

// MultitoolEnv names the SARIF Multitool to run: the Sarif.Multitool executable (or any
// command that takes its arguments, such as the npm package's sarif-multitool), or a directory
// that npm installed @microsoft/sarif-multitool into (npm install --prefix DIR).
const MultitoolEnv = "PGTLSLINT_SARIF_MULTITOOL"

// multitoolInstall is the command that installs the Multitool where the test finds it.
func multitoolInstall() string {
	return "npm install --prefix " + multitoolCacheDir() + " @microsoft/sarif-multitool"
}

// multitoolCacheDir is where the test looks for the Multitool when MultitoolEnv is not set:
// $XDG_CACHE_HOME/pgtlslint/sarif-multitool (~/.cache/... on Linux).
func multitoolCacheDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "pgtlslint", "sarif-multitool")
}

// multitoolBinary returns the native Multitool inside an npm prefix (the platform package
// @microsoft/sarif-multitool-<os> ships a self-contained .NET executable), or "".
func multitoolBinary(prefix string) string {
	pkg, exe := "", "Sarif.Multitool"
	switch runtime.GOOS {
	case "linux":
		pkg = "sarif-multitool-linux"
	case "darwin":
		pkg = "sarif-multitool-darwin"
	case "windows":
		pkg, exe = "sarif-multitool-win32", "Sarif.Multitool.exe"
	default:
		return ""
	}
	for _, dir := range []string{
		filepath.Join(prefix, "node_modules", "@microsoft", pkg),
		filepath.Join(prefix, "lib", "node_modules", "@microsoft", pkg), // npm install -g
		filepath.Join(prefix, "lib", "node_modules", "@microsoft", "sarif-multitool", "node_modules", "@microsoft", pkg),
		filepath.Join(prefix, "node_modules", "@microsoft", "sarif-multitool", "node_modules", "@microsoft", pkg),
	} {
		p := filepath.Join(dir, exe)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
	}
	return ""
}

// nativeMultitool returns the native executable behind npm's sarif-multitool command (a
// node script that runs it through a shell, which would split "Ghas;Sarif" at the ";"), or
// tool itself when it is not that script or the executable cannot be found.
func nativeMultitool(tool string) (string, bool) {
	resolved, err := filepath.EvalSymlinks(tool)
	if err != nil {
		return tool, true
	}
	head := make([]byte, 2)
	f, err := os.Open(resolved)
	if err != nil {
		return tool, true
	}
	_, _ = f.Read(head)
	_ = f.Close()
	if string(head) != "#!" {
		return tool, true // a native executable
	}
	// node_modules/@microsoft/sarif-multitool/bin.js: the platform package is a sibling, or
	// nested in its own node_modules.
	pkgDir := filepath.Dir(resolved)
	for _, prefix := range []string{filepath.Join(pkgDir, "..", "..", ".."), pkgDir} {
		if bin := multitoolBinary(prefix); bin != "" {
			return bin, true
		}
	}
	return tool, false
}

// findMultitool returns the command to run and whether the user named it explicitly; it skips
// the test when no Multitool is installed.
func findMultitool(t *testing.T) (string, bool) {
	t.Helper()
	if v := os.Getenv(MultitoolEnv); v != "" {
		st, err := os.Stat(v)
		switch {
		case err != nil:
			t.Fatalf("%s=%s: %v", MultitoolEnv, v, err)
		case st.IsDir():
			if bin := multitoolBinary(v); bin != "" {
				return bin, true
			}
			t.Fatalf("%s=%s: no @microsoft/sarif-multitool for %s in this directory (install it with: npm install --prefix %s @microsoft/sarif-multitool)",
				MultitoolEnv, v, runtime.GOOS, v)
		}
		return v, true
	}
	if bin := multitoolBinary(multitoolCacheDir()); bin != "" {
		return bin, false
	}
	if p, err := exec.LookPath("sarif-multitool"); err == nil {
		return p, false
	}
	t.Skipf("SARIF Multitool not installed: install it with `%s`, or set %s to its executable or npm prefix",
		multitoolInstall(), MultitoolEnv)
	return "", false
}

// multitoolLog is what the test reads of the Multitool's own SARIF output.
type multitoolLog struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Rules []struct {
					ID             string `json:"id"`
					Name           string `json:"name"`
					MessageStrings map[string]struct {
						Text string `json:"text"`
					} `json:"messageStrings"`
					DefaultConfiguration struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Invocations []struct {
			ExecutionSuccessful bool `json:"executionSuccessful"`
			Notifications       []struct {
				Level   string `json:"level"`
				Message struct {
					Text string `json:"text"`
				} `json:"message"`
			} `json:"toolExecutionNotifications"`
			ConfigNotifications []struct {
				Level   string `json:"level"`
				Message struct {
					Text string `json:"text"`
				} `json:"message"`
			} `json:"toolConfigurationNotifications"`
		} `json:"invocations"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			Level     string `json:"level"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			Message struct {
				Text      string   `json:"text"`
				ID        string   `json:"id"`
				Arguments []string `json:"arguments"`
			} `json:"message"`
		} `json:"results"`
	} `json:"runs"`
}

// multitoolFinding is one result of the Multitool's validation: File is the base name of the
// file validated ("" for problems of the run itself).
type multitoolFinding struct {
	File, Level, Rule, Text string
}

// runMultitool validates SARIF files with `validate --rule-kind "Ghas;Sarif" --output OUT IN...`
// and returns the Multitool's results. The Multitool exits 0 whatever it finds, so its output
// file is read.
func runMultitool(t *testing.T, tool string, explicit bool, in ...string) []multitoolFinding {
	t.Helper()
	out := filepath.Join(t.TempDir(), "validation.sarif")
	ruleKind := "Ghas;Sarif"
	tool, native := nativeMultitool(tool)
	if !native {
		// A script that passes its arguments through a shell.
		ruleKind = `"` + ruleKind + `"`
	}
	cmd := exec.Command(tool, append([]string{"validate", "--rule-kind", ruleKind, "--output", out}, in...)...)
	// The Multitool is a self-contained .NET program: without this it needs libicu.
	cmd.Env = append(os.Environ(), "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1", "DOTNET_CLI_TELEMETRY_OPTOUT=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		if explicit {
			t.Fatalf("running %s: %v", tool, err)
		}
		t.Skipf("the SARIF Multitool at %s does not run here: %v", tool, err)
	}
	data, readErr := os.ReadFile(out)
	if readErr != nil {
		t.Fatalf("the Multitool wrote no output (%v; exit: %v)\nstdout:\n%s\nstderr:\n%s", readErr, err, stdout.String(), stderr.String())
	}
	var log multitoolLog
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("the Multitool's output is not JSON: %v", err)
	}
	var found []multitoolFinding
	for _, run := range log.Runs {
		byID := map[string]int{}
		for i, r := range run.Tool.Driver.Rules {
			byID[r.ID] = i
		}
		for _, inv := range run.Invocations {
			if !inv.ExecutionSuccessful {
				found = append(found, multitoolFinding{"", "error", "execution", "the Multitool did not run to completion:\n" + stdout.String() + stderr.String()})
			}
			for _, n := range append(inv.Notifications, inv.ConfigNotifications...) {
				if n.Level == "error" {
					found = append(found, multitoolFinding{"", "error", "notification", n.Message.Text})
				}
			}
		}
		for _, r := range run.Results {
			text, level := r.Message.Text, r.Level
			if i, ok := byID[r.RuleID]; ok {
				rule := run.Tool.Driver.Rules[i]
				if text == "" {
					text = rule.MessageStrings[r.Message.ID].Text
					for j, a := range r.Message.Arguments {
						text = strings.ReplaceAll(text, fmt.Sprintf("{%d}", j), a)
					}
				}
				if level == "" {
					level = rule.DefaultConfiguration.Level
				}
				text = rule.Name + ": " + text
			}
			if level == "" {
				level = "warning"
			}
			file := ""
			if len(r.Locations) > 0 {
				file = path.Base(r.Locations[0].PhysicalLocation.ArtifactLocation.URI)
			}
			found = append(found, multitoolFinding{file, level, r.RuleID, text})
		}
	}
	return found
}

// TestSARIFMultitool validates pgtlslint's SARIF with Microsoft's SARIF Multitool, the
// validator behind https://sarifweb.azurewebsites.net, with its SARIF rules and its GitHub
// Advanced Security ingestion rules. Any error fails the test; warnings are logged. It is
// skipped when the Multitool is not installed (see multitoolInstall and MultitoolEnv).
func TestSARIFMultitool(t *testing.T) {
	tool, explicit := findMultitool(t)

	fs, results, notices := reporttest.Standard()
	withSuppressed := standardOptions(fs, notices)
	withSuppressed.IncludeSuppressed = true
	odd := reporttest.Files{"weird dir/ü 🐘.env": "DATABASE_URL=postgres://h/db?sslmode=disable\n"}
	oddFinding := odd.Finding("weird dir/ü 🐘.env", "PGTLS001", rules.SeverityError, "sslmode=disable", "plaintext.")
	badFS, badResults := badFindings()
	cases := []struct {
		name    string
		results []result.Result
		opts    Options
	}{
		// A few cases cover every construct Write produces.
		{"standard-include-suppressed", results, withSuppressed},
		{"odd-path-no-source", []result.Result{{Finding: oddFinding}}, Options{Version: "(devel)"}},
		{"bad-findings-truncated", badResults, Options{Version: "v0.1.0", Source: badFS.Source(), MaxResults: 5}},
	}
	dir := t.TempDir()
	// The Multitool takes a second or more per file: the files are validated in parallel, each
	// by its own process (one process for all of them is slower).
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			if err := Write(&buf, c.results, c.opts); err != nil {
				t.Fatal(err)
			}
			in := filepath.Join(dir, c.name+".sarif")
			if err := os.WriteFile(in, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, f := range runMultitool(t, tool, explicit, in) {
				if f.Level == "error" {
					t.Errorf("%s %s: %s", f.Level, f.Rule, f.Text)
				} else {
					t.Logf("%s %s: %s", f.Level, f.Rule, f.Text)
				}
			}
		})
	}
	// The Multitool, and the way its output is read, must catch a broken file.
	t.Run("known-bad", func(t *testing.T) {
		t.Parallel()
		bad := `{"version": "2.1.0", "$schema": "https://json.schemastore.org/sarif-2.1.0.json", "runs": [{"tool": {"driver": {"name": "x", "rules": [{"id": "R1", "shortDescription": {"text": "s"}}]}}, "results": [{"ruleId": "R1", "ruleIndex": 3, "message": {"text": "m"}}]}]}`
		in := filepath.Join(dir, "known-bad.sarif")
		if err := os.WriteFile(in, []byte(bad), 0o644); err != nil {
			t.Fatal(err)
		}
		errs := 0
		for _, f := range runMultitool(t, tool, explicit, in) {
			if f.Level == "error" {
				errs++
			}
		}
		if errs == 0 {
			t.Error("the Multitool reported no error for an invalid file: is its output read correctly?")
		}
	})
}
