//go:build delivery

package delivery

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/pgtlslint/pgtlslint/internal/gittest"
)

// git runs git in dir with a fixed identity and no user or system configuration.
func git(t testing.TB, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = gittest.Env("HOME=" + dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s in %s: %v\n%s", strings.Join(args, " "), dir, err, out)
	}
	return strings.TrimSpace(string(out))
}

func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// prRepo is a repository on a "server" (a bare repository that, like GitHub, serves any commit
// by its SHA) with a base commit on main and a pull request branch on top of it.
type prRepo struct {
	remote     string
	base, head string
}

var (
	prOnce    sync.Once
	prFixture prRepo
	prDir     string
)

// The fixture's findings, as file:line:rule.
var (
	// Lines the pull request adds or changes.
	newFindings = []string{".env:2:PGTLS002", "svc/app.yml:1:PGTLS001"}
	// Lines it leaves alone, also in a file it renames.
	oldFindings = []string{".env:1:PGTLS001", "config/renamed.yml:1:PGTLS002"}
)

func pullRequestRepo(t *testing.T) prRepo {
	t.Helper()
	prOnce.Do(func() {
		dir, err := os.MkdirTemp("", "pgtlslint-delivery-pr-")
		if err != nil {
			t.Fatal(err)
		}
		prDir = dir
		src := filepath.Join(dir, "src")
		remote := filepath.Join(dir, "remote.git")
		git(t, dir, "init", "-q", "--bare", "-b", "main", remote)
		git(t, remote, "config", "uploadpack.allowAnySHA1InWant", "true")
		git(t, dir, "init", "-q", "-b", "main", src)
		writeFiles(t, src, map[string]string{
			".env": "DATABASE_URL=postgres://app@db.example.com/app?sslmode=disable\n" +
				"REPLICA_URL=postgres://app@replica.example.com/app?sslmode=verify-full\n",
			"config/old.yml": "url: postgres://app@old.example.com/app?sslmode=require\n" +
				"name: the old service, moved but not changed\n",
		})
		git(t, src, "add", "-A")
		git(t, src, "commit", "-q", "-m", "base")
		base := git(t, src, "rev-parse", "HEAD")
		git(t, src, "checkout", "-q", "-b", "feature")
		writeFiles(t, src, map[string]string{
			".env": "DATABASE_URL=postgres://app@db.example.com/app?sslmode=disable\n" +
				"REPLICA_URL=postgres://app@replica.example.com/app?sslmode=require\n",
			"svc/app.yml": "url: postgres://api@api.example.com/app?sslmode=disable\n",
		})
		git(t, src, "mv", "config/old.yml", "config/renamed.yml")
		git(t, src, "add", "-A")
		git(t, src, "commit", "-q", "-m", "head")
		head := git(t, src, "rev-parse", "HEAD")
		git(t, src, "push", "-q", remote, "main", "feature")
		prFixture = prRepo{remote: remote, base: base, head: head}
	})
	if prFixture.head == "" {
		t.Fatal("the pull request fixture failed to build")
	}
	return prFixture
}

// checkout is what actions/checkout leaves: a depth-1 clone of the head, so the base commit is
// not there and the action must fetch it.
func (r prRepo) checkout(t *testing.T) string {
	t.Helper()
	ws := filepath.Join(t.TempDir(), "workspace")
	git(t, filepath.Dir(ws), "clone", "-q", "--depth=1", "--branch", "feature", "file://"+r.remote, ws)
	if out, err := exec.Command("git", "-C", ws, "cat-file", "-e", r.base+"^{commit}").CombinedOutput(); err == nil {
		t.Fatalf("the depth-1 checkout has the base commit already (%s)", out)
	}
	return ws
}

// event writes a pull_request event payload as GitHub sends it (the fields that matter) and
// returns its path and content.
func (r prRepo) event(t *testing.T, dir, headRepo string) (string, map[string]any) {
	t.Helper()
	if headRepo == "" {
		headRepo = "acme/app"
	}
	payload := map[string]any{
		"action": "synchronize",
		"number": 7,
		"pull_request": map[string]any{
			"number": 7,
			"base": map[string]any{
				"ref": "main", "sha": r.base,
				"repo": map[string]any{"full_name": "acme/app"},
			},
			"head": map[string]any{
				"ref": "feature", "sha": r.head,
				"repo": map[string]any{"full_name": headRepo},
			},
		},
		"repository": map[string]any{"full_name": "acme/app"},
	}
	b, err := json.Marshal(payload)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "event.json")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	// Read back: the expressions see the payload as JSON decodes it.
	var data map[string]any
	if err := json.Unmarshal(b, &data); err != nil {
		t.Fatal(err)
	}
	return p, data
}

// sarifFindings reads file:line:rule of every result.
func sarifFindings(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("SARIF: %v", err)
	}
	var doc struct {
		Runs []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("SARIF: %v", err)
	}
	var got []string
	for _, run := range doc.Runs {
		for _, res := range run.Results {
			if len(res.Locations) == 0 {
				t.Fatalf("SARIF result %s without a location", res.RuleID)
			}
			pl := res.Locations[0].PhysicalLocation
			got = append(got, pl.ArtifactLocation.URI+":"+strconv.Itoa(pl.Region.StartLine)+":"+res.RuleID)
		}
	}
	slices.Sort(got)
	return got
}

func sorted(s ...[]string) []string {
	var out []string
	for _, x := range s {
		out = append(out, x...)
	}
	slices.Sort(out)
	return out
}

var annotationRE = regexp.MustCompile(`(?m)^::(error|warning|notice) file=([^,]+),line=(\d+),[^:]*title=(PGTLS\d+)`)

// annotations reads file:line:rule of the ::error/::warning lines with a file.
func annotations(log string) []string {
	var got []string
	for _, m := range annotationRE.FindAllStringSubmatch(log, -1) {
		got = append(got, m[2]+":"+m[3]+":"+m[4])
	}
	slices.Sort(got)
	return got
}

type scenario struct {
	name      string
	event     string // pull_request or push
	headRepo  string // for pull_request
	with      map[string]string
	prepare   func(t *testing.T, ws string) // on the checkout before the action runs
	wantSARIF []string
	wantAnn   []string // annotations in the log; nil: none
	upload    bool
	exit      int
	failed    string // the step that fails the action
	// base, when set, replaces the base commit in the event (one the server does not have).
	base  string
	check func(t *testing.T, res *actionRun)
}

func TestActionRun(t *testing.T) {
	a := loadAction(t)
	r := pullRequestRepo(t)
	all := sorted(newFindings, oldFindings)
	scenarios := []scenario{{
		name: "pull request: only the new findings, uploaded, then fail-on", event: "pull_request", headRepo: "acme/app",
		wantSARIF: newFindings, upload: true, exit: 1, failed: "Apply fail-on",
	}, {
		name: "pull request from a fork: annotations instead of the upload", event: "pull_request", headRepo: "someone/app",
		wantSARIF: newFindings, wantAnn: newFindings, upload: false, exit: 1, failed: "Apply fail-on",
	}, {
		name: "upload false: annotations", event: "pull_request", headRepo: "acme/app",
		with:      map[string]string{"upload": "false"},
		wantSARIF: newFindings, wantAnn: newFindings, upload: false, exit: 1, failed: "Apply fail-on",
	}, {
		name: "fail-on never: passes, findings still uploaded", event: "pull_request", headRepo: "acme/app",
		with:      map[string]string{"fail-on": "never"},
		wantSARIF: newFindings, upload: true, exit: 0,
	}, {
		name: "fail-on error with only a new warning in the paths: passes", event: "pull_request", headRepo: "acme/app",
		with:      map[string]string{"fail-on": "error", "paths": ".env"},
		wantSARIF: []string{".env:2:PGTLS002"}, upload: true, exit: 0,
	}, {
		name: "fail-on error with a new error: fails", event: "pull_request", headRepo: "acme/app",
		with:      map[string]string{"fail-on": "error", "paths": ".env\nsvc"},
		wantSARIF: newFindings, upload: true, exit: 1, failed: "Apply fail-on",
	}, {
		name: "new-only false: every finding", event: "pull_request", headRepo: "acme/app",
		with:      map[string]string{"new-only": "false"},
		wantSARIF: all, upload: true, exit: 1, failed: "Apply fail-on",
	}, {
		name: "push: every finding", event: "push",
		wantSARIF: all, upload: true, exit: 1, failed: "Apply fail-on",
	}, {
		name: "push with a baseline of today's findings: nothing left", event: "push",
		with: map[string]string{"baseline": "pgtlslint-baseline.json"},
		prepare: func(t *testing.T, ws string) {
			cmd := exec.Command(binPath(), "scan", "--write-baseline", "pgtlslint-baseline.json", ".")
			cmd.Dir = ws
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("--write-baseline: %v\n%s", err, out)
			}
		},
		wantSARIF: nil, upload: true, exit: 0,
	}, {
		name: "pull request whose base commit cannot be fetched: every finding, and a warning", event: "pull_request",
		base:      strings.Repeat("0123456789", 4),
		wantSARIF: all, upload: true, exit: 1, failed: "Apply fail-on",
		check: func(t *testing.T, res *actionRun) {
			if !strings.Contains(res.log, "::warning title=pgtlslint::cannot fetch the base commit") {
				t.Errorf("no warning about the base commit")
			}
		},
	}, {
		name: "format json: the log holds the JSON report", event: "pull_request",
		with:      map[string]string{"format": "json"},
		wantSARIF: newFindings, upload: true, exit: 1, failed: "Apply fail-on",
		check: func(t *testing.T, res *actionRun) {
			if !strings.Contains(res.log, `"summary": {`) || !strings.Contains(res.log, `"findings": 2,`) {
				t.Errorf("no JSON report in the log")
			}
		},
	}, {
		name: "a bad input fails the scan step, and nothing is uploaded", event: "pull_request", headRepo: "acme/app",
		with: map[string]string{"fail-on": "sometimes"},
		exit: 2, failed: "Scan",
	}}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			ws := r.checkout(t)
			temp := t.TempDir()
			if sc.prepare != nil {
				sc.prepare(t, ws)
			}
			inv := invocation{with: sc.with, event: sc.event, workspace: ws, temp: temp}
			if sc.event == "pull_request" {
				pr := r
				if sc.base != "" {
					pr.base = sc.base
				}
				inv.eventPath, inv.eventData = pr.event(t, t.TempDir(), sc.headRepo)
			} else {
				inv.eventPath = filepath.Join(t.TempDir(), "event.json")
				writeFiles(t, filepath.Dir(inv.eventPath), map[string]string{"event.json": `{"ref":"refs/heads/main"}`})
				inv.eventData = map[string]any{"ref": "refs/heads/main"}
			}
			res := runAction(t, a, inv)
			t.Logf("steps run: %s\n%s", strings.Join(res.ran, ", "), res.log)
			if res.exitCode != sc.exit || (sc.exit != 0 && res.failed != sc.failed) {
				t.Fatalf("the action exited %d at %q, want %d at %q", res.exitCode, res.failed, sc.exit, sc.failed)
			}
			if slices.Contains(res.ran, "Build pgtlslint") {
				t.Errorf("the build step ran although the cache held the binary")
			}
			if sc.exit == 2 {
				if len(res.uploads) != 0 || slices.Contains(res.ran, "Apply fail-on") {
					t.Errorf("after a failed scan: uploads %v, steps %v", res.uploads, res.ran)
				}
				return
			}
			sarif := res.outputs["sarif-file"]
			if filepath.Dir(filepath.Dir(sarif)) != temp || filepath.Base(sarif) != "pgtlslint.sarif" {
				t.Errorf("output sarif-file = %q", sarif)
			}
			got := sarifFindings(t, sarif)
			if !slices.Equal(got, sc.wantSARIF) {
				t.Errorf("SARIF findings %v, want %v", got, sc.wantSARIF)
			}
			if want := strconv.Itoa(len(sc.wantSARIF)); res.outputs["findings"] != want {
				t.Errorf("output findings = %q, want %s", res.outputs["findings"], want)
			}
			if sc.upload {
				if len(res.uploads) != 1 {
					t.Fatalf("%d uploads, want 1", len(res.uploads))
				}
				up := res.uploads[0]
				if up["sarif_file"] != sarif || up["category"] != "pgtlslint" {
					t.Errorf("upload-sarif with %v", up)
				}
				// The upload comes before the step that fails the job.
				if i, j := slices.Index(res.ran, "Upload SARIF to code scanning"), slices.Index(res.ran, "Apply fail-on"); i < 0 || j < i {
					t.Errorf("steps ran in the order %v", res.ran)
				}
			} else if len(res.uploads) != 0 {
				t.Errorf("uploaded %v, want no upload", res.uploads)
			}
			if ann := annotations(res.log); !slices.Equal(ann, sc.wantAnn) {
				t.Errorf("annotations %v, want %v", ann, sc.wantAnn)
			}
			if sc.check != nil {
				sc.check(t, res)
			}
			if sc.event == "pull_request" && sc.with["new-only"] != "false" {
				base := r.base
				if sc.base != "" {
					base = sc.base
				}
				if !strings.Contains(res.log, "Fetching the pull request's base commit "+base) {
					t.Errorf("the action did not fetch the base commit")
				}
			}
			if !strings.Contains(res.summary, "findings") {
				t.Errorf("step summary %q", res.summary)
			}
		})
	}
}

// TestActionFile checks action.yml's wiring: inputs reach the script through env: only, every
// input is used, and the outputs come from the scan step.
func TestActionFile(t *testing.T) {
	a := loadAction(t)
	if a.Runs.Using != "composite" {
		t.Fatalf("runs.using = %q", a.Runs.Using)
	}
	used := map[string]bool{}
	ids := map[string]bool{}
	for _, s := range a.Runs.Steps {
		if strings.Contains(s.Run, "${{") {
			t.Errorf("step %q: expression inside run:", s.Name)
		}
		if s.Run != "" && !strings.HasPrefix(s.Run, `bash "$GITHUB_ACTION_PATH/scripts/action.sh" `) {
			t.Errorf("step %q: run: %q, want the script", s.Name, s.Run)
		}
		for _, m := range regexp.MustCompile(`inputs\.([\w-]+)`).FindAllStringSubmatch(strings.Join(values(s.Env), "\n")+strings.Join(values(s.With), "\n")+s.If, -1) {
			if _, ok := a.Inputs[m[1]]; !ok {
				t.Errorf("step %q uses inputs.%s, which action.yml does not declare", s.Name, m[1])
			}
			used[m[1]] = true
		}
		ids[s.ID] = true
	}
	for name, in := range a.Inputs {
		if !used[name] {
			t.Errorf("input %s is never used", name)
		}
		if in.Description == "" {
			t.Errorf("input %s has no description", name)
		}
	}
	for _, want := range []string{"paths", "config", "fail-on", "format", "baseline", "new-only", "upload", "category"} {
		if _, ok := a.Inputs[want]; !ok {
			t.Errorf("no input %s", want)
		}
	}
	for _, want := range []string{"sarif-file", "findings"} {
		o, ok := a.Outputs[want]
		if !ok {
			t.Errorf("no output %s", want)
			continue
		}
		if o.Value != "${{ steps.scan.outputs."+want+" }}" {
			t.Errorf("output %s = %q", want, o.Value)
		}
	}
	if !ids["scan"] {
		t.Error("no step with id scan")
	}
}

func values(m map[string]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// TestShellcheck: the script passes shellcheck at every severity.
func TestShellcheck(t *testing.T) {
	cmd := exec.Command("shellcheck", "--severity=style", "--shell=bash", "scripts/action.sh")
	cmd.Dir = repoRoot
	if out, err := cmd.CombinedOutput(); err != nil || len(out) > 0 {
		t.Fatalf("shellcheck scripts/action.sh: %v\n%s", err, out)
	}
}
