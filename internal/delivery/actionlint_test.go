//go:build delivery

package delivery

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// actionlintPkg is actionlint, pinned to its newest release; `go run pkg@version` builds it
// outside this module (its dependencies do not enter go.mod) and caches the binary.
const actionlintPkg = "github.com/rhysd/actionlint/cmd/actionlint@v1.7.12"

type lintError struct {
	Message  string `json:"message"`
	Filepath string `json:"filepath"`
	Line     int    `json:"line"`
	Kind     string `json:"kind"`
}

// actionlint lints the workflows of the project in dir with shellcheck on.
func actionlint(t *testing.T, dir string, files ...string) []lintError {
	t.Helper()
	shellcheck, err := exec.LookPath("shellcheck")
	if err != nil {
		t.Fatal("shellcheck is not installed")
	}
	args := append([]string{"run", actionlintPkg, "-shellcheck", shellcheck, "-pyflakes", "", "-format", "{{json .}}"}, files...)
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GOFLAGS=") && !strings.HasPrefix(kv, "GOWORK=") {
			env = append(env, kv)
		}
	}
	env = append(env, "GOWORK=off")
	cmd.Env = env
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	// Exit status 1 means errors were found; anything else is a failure to run.
	var ee *exec.ExitError
	if err != nil && (!errors.As(err, &ee) || ee.ExitCode() != 1) {
		t.Fatalf("actionlint: %v\n%s%s", err, out, stderr.String())
	}
	var errs []lintError
	if s := strings.TrimSpace(string(out)); s != "" && s != "null" {
		if err := json.Unmarshal([]byte(s), &errs); err != nil {
			t.Fatalf("actionlint output: %v\n%s", err, out)
		}
	}
	return errs
}

// lintProject is a repository (actionlint wants .git and .github/workflows) holding this
// repository's action.yml, the README workflow that uses it, a workflow made of the action's own
// steps, and workflows that must fail.
func lintProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	a, err := os.ReadFile(filepath.Join(repoRoot, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	pr, err := os.ReadFile(filepath.Join(repoRoot, "testdata", "delivery", "workflow", ".github", "workflows", "pr.yml"))
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{
		".git/HEAD":                            "ref: refs/heads/main\n",
		"action.yml":                           string(a),
		".github/workflows/pr.yml":             string(pr),
		".github/workflows/action-steps.yml":   stepsWorkflow(t, a),
		".github/workflows/bad-input.yml":      strings.Replace(string(pr), "fail-on: warning", "fail-on: warning\n          no-such-input: x", 1),
		".github/workflows/bad-output.yml":     strings.Replace(string(pr), "outputs.sarif-file", "outputs.no-such-output", 1),
		".github/workflows/bad-shell.yml":      strings.Replace(string(pr), `run: echo "pgtlslint reported $FINDINGS findings; SARIF in $SARIF"`, `run: echo pgtlslint reported $FINDINGS`, 1),
		".github/workflows/bad-expression.yml": strings.Replace(stepsWorkflow(t, a), "inputs.fail-on", "inputs.fail-onn", 1),
	})
	return dir
}

// stepsWorkflow turns action.yml into a reusable workflow whose job runs the action's steps with
// the action's inputs as workflow_call inputs, so that actionlint checks what it does not check
// in action metadata: the steps' expressions, the inputs of the actions they use, and their run:
// scripts with shellcheck.
func stepsWorkflow(t *testing.T, action []byte) string {
	t.Helper()
	var a struct {
		Inputs map[string]struct {
			Description string `yaml:"description"`
			Default     string `yaml:"default"`
		} `yaml:"inputs"`
		Runs struct {
			Steps []yaml.Node `yaml:"steps"`
		} `yaml:"runs"`
	}
	if err := yaml.Unmarshal(action, &a); err != nil {
		t.Fatal(err)
	}
	inputs := map[string]any{}
	for name, in := range a.Inputs {
		inputs[name] = map[string]any{"description": in.Description, "type": "string", "required": false, "default": in.Default}
	}
	wf := map[string]any{
		"name":        "action.yml steps",
		"on":          map[string]any{"workflow_call": map[string]any{"inputs": inputs}},
		"permissions": map[string]any{"contents": "read", "security-events": "write"},
		"jobs": map[string]any{"action": map[string]any{
			"runs-on": "ubuntu-latest",
			"steps":   a.Runs.Steps,
		}},
	}
	b, err := yaml.Marshal(wf)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestActionlint(t *testing.T) {
	dir := lintProject(t)
	errs := actionlint(t, dir,
		".github/workflows/pr.yml", ".github/workflows/action-steps.yml",
		".github/workflows/bad-input.yml", ".github/workflows/bad-output.yml",
		".github/workflows/bad-shell.yml", ".github/workflows/bad-expression.yml")
	t.Logf("actionlint: %+v", errs)
	byFile := map[string][]string{}
	for _, e := range errs {
		f := filepath.Base(e.Filepath)
		byFile[f] = append(byFile[f], e.Kind+": "+e.Message)
	}
	for _, f := range []string{"pr.yml", "action-steps.yml"} {
		if len(byFile[f]) > 0 {
			t.Errorf("actionlint %s:\n%s", f, strings.Join(byFile[f], "\n"))
		}
	}
	// The controls: actionlint did read action.yml (inputs and outputs of uses: ./), shellcheck
	// did run, and the action's expressions are type-checked.
	for f, want := range map[string]string{
		"bad-input.yml":      `input "no-such-input" is not defined in action "pgtlslint"`,
		"bad-output.yml":     `property "no-such-output" is not defined`,
		"bad-shell.yml":      "SC2086",
		"bad-expression.yml": `property "fail-onn" is not defined`,
	} {
		found := false
		for _, m := range byFile[f] {
			found = found || strings.Contains(m, want)
		}
		if !found {
			got := byFile[f]
			sort.Strings(got)
			t.Errorf("actionlint %s: want an error containing %q, got:\n%s", f, want, strings.Join(got, "\n"))
		}
	}
}
