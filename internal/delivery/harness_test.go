//go:build delivery

package delivery

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// repoRoot is the module root: the directory the action is used from (github.action_path).
var repoRoot string

// toolHome is the HOME of every action run: the build step puts the binary in
// $HOME/.cache/pgtlslint-action/bin, where the cache step finds it.
var toolHome string

// goEnv pins the Go caches, which default to directories under HOME, to the caller's.
var goEnv []string

func TestMain(m *testing.M) {
	os.Exit(runMain(m))
}

func runMain(m *testing.M) int {
	root, err := filepath.Abs("../..")
	if err == nil {
		_, err = os.Stat(filepath.Join(root, "go.mod"))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "delivery: cannot find the module root:", err)
		return 2
	}
	repoRoot = root
	for _, tool := range []string{"bash", "git", "go", "shellcheck"} {
		if _, err := exec.LookPath(tool); err != nil {
			fmt.Fprintf(os.Stderr, "delivery: %s is not installed (make delivery-test installs what these tests need)\n", tool)
			return 2
		}
	}
	out, err := exec.Command("go", "env", "GOCACHE", "GOMODCACHE", "GOPATH").Output()
	if err != nil {
		fmt.Fprintln(os.Stderr, "delivery: go env:", err)
		return 2
	}
	vals := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(vals) != 3 {
		fmt.Fprintf(os.Stderr, "delivery: go env printed %q\n", out)
		return 2
	}
	goEnv = []string{"GOCACHE=" + vals[0], "GOMODCACHE=" + vals[1], "GOPATH=" + vals[2]}
	home, err := os.MkdirTemp("", "pgtlslint-delivery-home-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "delivery:", err)
		return 2
	}
	defer func() { _ = os.RemoveAll(home) }()
	toolHome = home
	// The CLI is built once, by the action's own build step.
	build := exec.Command("bash", filepath.Join(repoRoot, "scripts", "action.sh"), "build")
	build.Env = runnerEnv(map[string]string{"GITHUB_ACTION_PATH": repoRoot})
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "delivery: action.sh build: %v\n%s", err, out)
		return 2
	}
	code := m.Run()
	if prDir != "" {
		_ = os.RemoveAll(prDir)
	}
	return code
}

// binPath is where the build step put the CLI.
func binPath() string {
	return filepath.Join(toolHome, ".cache", "pgtlslint-action", "bin", "pgtlslint")
}

// runnerEnv is the environment a runner gives a step: the caller's minus anything GitHub or
// the action would set, plus HOME, the Go caches, the runner's own variables and extra.
func runnerEnv(extra map[string]string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "GITHUB_") || strings.HasPrefix(k, "RUNNER_") || strings.HasPrefix(k, "INPUT_") ||
			strings.HasPrefix(k, "PR_") || k == "HOME" || k == "PGTLSLINT_EXIT_CODE" || k == "GOCACHE" ||
			k == "GOMODCACHE" || k == "GOPATH" || k == "NO_COLOR" || k == "ImageOS" {
			continue
		}
		env = append(env, kv)
	}
	env = append(env, goEnv...)
	env = append(env, "HOME="+toolHome, "CI=true", "GITHUB_ACTIONS=true", "RUNNER_OS=Linux", "RUNNER_ARCH=X64")
	for k, v := range extra {
		env = append(env, k+"="+v)
	}
	return env
}

// actionFile is the part of action.yml the tests read.
type actionFile struct {
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
	Author      string `yaml:"author"`
	Branding    struct {
		Icon  string `yaml:"icon"`
		Color string `yaml:"color"`
	} `yaml:"branding"`
	Inputs  map[string]actionInput
	Outputs map[string]struct {
		Description string `yaml:"description"`
		Value       string `yaml:"value"`
	}
	Runs struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	}
}

type actionInput struct {
	Description string `yaml:"description"`
	Required    bool   `yaml:"required"`
	Default     string `yaml:"default"`
}

type actionStep struct {
	ID               string            `yaml:"id"`
	Name             string            `yaml:"name"`
	If               string            `yaml:"if"`
	Uses             string            `yaml:"uses"`
	With             map[string]string `yaml:"with"`
	Run              string            `yaml:"run"`
	Shell            string            `yaml:"shell"`
	Env              map[string]string `yaml:"env"`
	WorkingDirectory string            `yaml:"working-directory"`
	ContinueOnError  string            `yaml:"continue-on-error"`
}

func loadAction(t testing.TB) *actionFile {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a actionFile
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return &a
}

// invocation is one use of the action in a job.
type invocation struct {
	with      map[string]string // the workflow's with:
	event     string            // GITHUB_EVENT_NAME
	eventPath string            // GITHUB_EVENT_PATH
	eventData map[string]any    // its content, which github.event.* reads
	workspace string            // GITHUB_WORKSPACE, a git checkout
	temp      string            // RUNNER_TEMP
}

// actionRun is what one run of the action did.
type actionRun struct {
	outputs  map[string]string            // the action's outputs
	steps    map[string]map[string]string // outputs by step id
	log      string                       // everything the run steps printed
	summary  string                       // GITHUB_STEP_SUMMARY
	exitCode int                          // of the first step that failed, else 0
	failed   string                       // that step's name
	ran      []string                     // names of the steps that ran
	uploads  []map[string]string          // upload-sarif's with: (evaluated)
}

var exprRE = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)

// runAction runs action.yml's steps as the runner runs a composite action: each step's if:
// decides whether it runs, env: and with: are evaluated with the inputs (with: over the
// defaults), the event payload and the outputs of earlier steps, run: steps run in bash from the
// workspace with GITHUB_OUTPUT, and the three actions it uses are emulated (the cache hits when
// the binary is in place, setup-go checks its go.mod, upload-sarif records what it was given).
// Expressions outside the small set the action needs fail the test, so that this emulation
// cannot drift from action.yml unnoticed.
func runAction(t *testing.T, a *actionFile, inv invocation) *actionRun {
	t.Helper()
	for k := range inv.with {
		if _, ok := a.Inputs[k]; !ok {
			t.Fatalf("with: %s is not an input of action.yml", k)
		}
	}
	inputs := map[string]string{}
	for k, in := range a.Inputs {
		inputs[k] = in.Default
		if v, ok := inv.with[k]; ok {
			inputs[k] = v
		}
	}
	r := &actionRun{steps: map[string]map[string]string{}}
	summary := filepath.Join(inv.temp, "step-summary.md")
	ctx := &exprContext{t: t, inputs: inputs, event: inv.eventData, steps: r.steps, inv: inv}
	var log strings.Builder
	for i, s := range a.Runs.Steps {
		name := s.Name
		if name == "" {
			name = fmt.Sprintf("step %d", i+1)
		}
		if !ctx.cond(s.If, r.exitCode != 0) {
			continue
		}
		r.ran = append(r.ran, name)
		var outputs map[string]string
		code := 0
		switch {
		case s.Run != "":
			if s.Shell != "bash" {
				t.Fatalf("step %q: shell %q, want bash", name, s.Shell)
			}
			if strings.Contains(s.Run, "${{") {
				t.Fatalf("step %q: an expression inside run:", name)
			}
			outFile := filepath.Join(inv.temp, fmt.Sprintf("github-output-%d", i))
			script := filepath.Join(inv.temp, fmt.Sprintf("step-%d.sh", i))
			if err := os.WriteFile(script, []byte(s.Run), 0o644); err != nil {
				t.Fatal(err)
			}
			env := map[string]string{
				"GITHUB_ACTION_PATH":  repoRoot,
				"GITHUB_WORKSPACE":    inv.workspace,
				"GITHUB_EVENT_NAME":   inv.event,
				"GITHUB_EVENT_PATH":   inv.eventPath,
				"GITHUB_OUTPUT":       outFile,
				"GITHUB_STEP_SUMMARY": summary,
				"GITHUB_REPOSITORY":   "acme/app",
				"RUNNER_TEMP":         inv.temp,
			}
			for k, v := range s.Env {
				env[k] = ctx.interpolate(v)
			}
			// The runner's bash template: bash --noprofile --norc -eo pipefail {0}.
			cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", script)
			cmd.Dir = inv.workspace
			if s.WorkingDirectory != "" {
				cmd.Dir = ctx.interpolate(s.WorkingDirectory)
			}
			cmd.Env = runnerEnv(env)
			out, err := cmd.CombinedOutput()
			fmt.Fprintf(&log, "## %s\n%s", name, out)
			if err != nil {
				var ee *exec.ExitError
				if !errors.As(err, &ee) {
					t.Fatalf("step %q: %v", name, err)
				}
				code = ee.ExitCode()
			}
			outputs = readOutputs(t, outFile)
		case s.Uses != "":
			with := map[string]string{}
			for k, v := range s.With {
				with[k] = ctx.interpolate(v)
			}
			outputs = emulate(t, s.Uses, with, r.steps)
			if s.Uses == uploadSARIF {
				r.uploads = append(r.uploads, with)
			}
		default:
			t.Fatalf("step %q has neither run nor uses", name)
		}
		if s.ID != "" {
			r.steps[s.ID] = outputs
		}
		if code != 0 && r.exitCode == 0 {
			r.exitCode, r.failed = code, name
		}
	}
	r.log = log.String()
	r.outputs = map[string]string{}
	for k, o := range a.Outputs {
		r.outputs[k] = ctx.interpolate(o.Value)
	}
	if b, err := os.ReadFile(summary); err == nil {
		r.summary = string(b)
	}
	return r
}

// The actions action.yml uses, as pinned there.
const (
	cacheAction = "actions/cache@v5"
	setupGo     = "actions/setup-go@v6"
	uploadSARIF = "github/codeql-action/upload-sarif@v4"
)

func emulate(t *testing.T, uses string, with map[string]string, steps map[string]map[string]string) map[string]string {
	t.Helper()
	switch uses {
	case cacheAction:
		if !strings.HasPrefix(with["key"], "pgtlslint-bin-Linux-X64-") {
			t.Errorf("cache key %q", with["key"])
		}
		// The path is fixed (see action.yml); it must be the directory prepare named.
		dir := strings.Replace(with["path"], "~", toolHome, 1)
		bin := steps["prepare"]["bin"]
		if filepath.Dir(bin) != dir {
			t.Errorf("cache path %q expands to %s, but the binary is %s", with["path"], dir, bin)
		}
		if _, err := os.Stat(bin); err == nil {
			return map[string]string{"cache-hit": "true"}
		}
		return map[string]string{"cache-hit": "false"}
	case setupGo:
		if with["cache"] != "false" {
			t.Errorf("setup-go cache = %q", with["cache"])
		}
		if _, err := os.Stat(with["go-version-file"]); err != nil {
			t.Errorf("setup-go go-version-file: %v", err)
		}
		return map[string]string{}
	case uploadSARIF:
		if _, err := os.Stat(with["sarif_file"]); err != nil {
			t.Errorf("upload-sarif sarif_file: %v", err)
		}
		return map[string]string{}
	}
	t.Fatalf("action.yml uses %s, which this test does not emulate", uses)
	return nil
}

func readOutputs(t *testing.T, file string) map[string]string {
	t.Helper()
	out := map[string]string{}
	f, err := os.Open(file)
	if os.IsNotExist(err) {
		return out
	}
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), "=")
		if !ok || strings.Contains(k, "<<") {
			t.Fatalf("GITHUB_OUTPUT line %q: want name=value", sc.Text())
		}
		out[k] = v
	}
	return out
}

// exprContext evaluates the expressions action.yml uses.
type exprContext struct {
	t      *testing.T
	inputs map[string]string
	event  map[string]any
	steps  map[string]map[string]string
	inv    invocation
}

func (c *exprContext) interpolate(s string) string {
	return exprRE.ReplaceAllStringFunc(s, func(m string) string {
		return c.value(exprRE.FindStringSubmatch(m)[1])
	})
}

// value is a context reference: inputs.X, github.event.a.b, github.action_path,
// github.workspace, steps.ID.outputs.X. A missing property is "", as in GitHub's expressions.
func (c *exprContext) value(ref string) string {
	c.t.Helper()
	parts := strings.Split(ref, ".")
	switch {
	case len(parts) == 2 && parts[0] == "inputs":
		v, ok := c.inputs[parts[1]]
		if !ok {
			c.t.Fatalf("expression %q: no such input", ref)
		}
		return v
	case ref == "github.action_path":
		return repoRoot
	case ref == "github.workspace":
		return c.inv.workspace
	case len(parts) > 2 && parts[0] == "github" && parts[1] == "event":
		var cur any = c.event
		for _, p := range parts[2:] {
			m, ok := cur.(map[string]any)
			if !ok {
				return ""
			}
			cur = m[p]
		}
		switch v := cur.(type) {
		case nil:
			return ""
		case string:
			return v
		default:
			return fmt.Sprint(v)
		}
	case len(parts) == 4 && parts[0] == "steps" && parts[2] == "outputs":
		return c.steps[parts[1]][parts[3]]
	}
	c.t.Fatalf("expression %q is not one this test evaluates", ref)
	return ""
}

var termRE = regexp.MustCompile(`^(\S+)\s*(==|!=)\s*'([^']*)'$`)

// cond evaluates an if: made of && terms: status functions, and comparisons of a reference with
// a string. Without a status function, success() is implied, as GitHub does.
func (c *exprContext) cond(s string, failed bool) bool {
	c.t.Helper()
	s = strings.TrimSpace(s)
	if m := exprRE.FindStringSubmatch(s); m != nil && m[0] == s {
		s = m[1]
	}
	if s == "" {
		return !failed
	}
	status := false
	ok := true
	for _, term := range strings.Split(s, "&&") {
		term = strings.TrimSpace(term)
		switch term {
		case "!cancelled()", "always()":
			status = true
			continue
		case "success()":
			status = true
			ok = ok && !failed
			continue
		case "failure()":
			status = true
			ok = ok && failed
			continue
		}
		m := termRE.FindStringSubmatch(term)
		if m == nil {
			c.t.Fatalf("if: term %q is not one this test evaluates", term)
		}
		v := c.value(m[1])
		ok = ok && (v == m[3]) == (m[2] == "==")
	}
	if !status {
		ok = ok && !failed
	}
	return ok
}
