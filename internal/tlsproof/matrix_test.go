//go:build tlsproof && linux

package tlsproof

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/pgtlslint/pgtlslint/internal/gomodtest"
	"github.com/pgtlslint/pgtlslint/internal/pgserver"
)

var update = flag.Bool("update", false, "rewrite the table in README.md's \"Proof of fixes\" section")

const (
	// parallelRuns bounds the client programs and scans running at once (CI has 2 CPUs; most
	// of a run is waiting for a handshake or a JVM).
	parallelRuns = 4
	// parallelSetups bounds the setups (npm ci, go build) running at once.
	parallelSetups = 2
	runTimeout     = 2 * time.Minute
	setupTimeout   = 10 * time.Minute
)

// harness is what every case shares.
type harness struct {
	root  string // the module root
	work  string // the test's temporary directory
	cli   string // the pgtlslint binary
	caPEM string // {ca}
	caP12 string // {ca_p12}; "" without keytool
	ca    []byte
	ports [4]int // in the order of servers

	runs, setups chan struct{}
}

// runResult is one run of a client program against one server.
type runResult struct {
	Connected bool
	// Status is "exit 0", "exit 1", "timed out after ..." or why it did not start.
	Status string
	// Complete is false when the program did not start or timed out.
	Complete       bool
	Args           []string
	Env            []string // the variables the harness set (PGTLS_*, HOME, ca_env)
	Stdout, Stderr string
}

type caseResult struct {
	spec                  caseSpec
	weakRules, fixedRules []string
	ruleName              string
	before, after         [4]runResult
	beforeWithCA          bool
	fixed                 string
	errs                  []string
}

type driverResult struct {
	d       *driverDir
	errs    []string
	cases   []*caseResult
	elapsed time.Duration
}

// TestDriverMatrix runs every case of every testdata/tlsproof/*/cases.json (and */*/cases.json)
// against the four servers; see testdata/tlsproof/README.md.
func TestDriverMatrix(t *testing.T) {
	start := time.Now()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root: %v", err)
	}
	drivers, err := loadDrivers(filepath.Join(root, "testdata", "tlsproof"))
	if err != nil {
		t.Fatalf("cases.json: %v", err)
	}
	if len(drivers) == 0 {
		t.Fatal("no testdata/tlsproof/*/cases.json")
	}
	h := &harness{
		root:   root,
		work:   t.TempDir(),
		runs:   make(chan struct{}, parallelRuns),
		setups: make(chan struct{}, parallelSetups),
	}
	// The CLI builds while the servers start.
	built := make(chan error, 1)
	go func() { built <- h.buildCLI() }()
	p, err := newPKI()
	if err != nil {
		t.Fatal(err)
	}
	h.ca = p.ca.pem
	h.caPEM = filepath.Join(h.work, "ca.pem")
	if err := os.WriteFile(h.caPEM, p.ca.pem, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := h.makeP12(); err != nil {
		t.Fatal(err)
	}
	h.startServers(t, p)
	if err := <-built; err != nil {
		t.Fatal(err)
	}
	t.Logf("servers: real :%d, impostor-ca :%d, impostor-host :%d, impostor-plain :%d; ready after %s",
		h.ports[0], h.ports[1], h.ports[2], h.ports[3], time.Since(start).Round(100*time.Millisecond))

	results := make([]*driverResult, len(drivers))
	var wg sync.WaitGroup
	for i, d := range drivers {
		wg.Go(func() { results[i] = h.driver(d, i) })
	}
	wg.Wait()

	var rows []row
	complete := true
	for _, r := range results {
		t.Run(r.d.Driver, func(t *testing.T) {
			for _, e := range r.errs {
				t.Error(e)
				complete = false
			}
			t.Logf("%d cases in %s", len(r.cases), r.elapsed.Round(100*time.Millisecond))
			for _, c := range r.cases {
				t.Run(c.spec.Setting, func(t *testing.T) {
					if !h.check(t, r.d, c) {
						complete = false
					}
				})
				rows = append(rows, c.row(r.d))
			}
		})
	}
	table := renderTable(rows)
	t.Logf("the matrix took %s\n%s", time.Since(start).Round(100*time.Millisecond), table)
	if len(rows) == 0 {
		return
	}
	readmePath := filepath.Join(root, "README.md")
	b, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	old, updated, err := spliceReadme(string(b), table)
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case old == table:
	case *update && complete:
		if err := os.WriteFile(readmePath, []byte(updated), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Log("README.md: proof table rewritten")
	case *update:
		t.Error("README.md not rewritten: some runs did not complete (see above)")
	default:
		t.Errorf("README.md's proof table is not this run's (go test -tags tlsproof ./internal/tlsproof/ -update rewrites it):\n%s", lineDiff(old, table))
	}
}

// check reports a case's failures; it returns false when the case did not run completely.
func (h *harness) check(t *testing.T, d *driverDir, c *caseResult) bool {
	complete := len(c.errs) == 0
	for _, e := range c.errs {
		t.Errorf("%s / %s: %s", d.Driver, c.spec.Setting, e)
	}
	if !complete {
		return false
	}
	want := wantRules(c.spec)
	if !slices.Equal(c.weakRules, want) {
		t.Errorf("%s / %s: pgtlslint scan %s draws %s, want %s", d.Driver, c.spec.Setting, c.spec.File, list(c.weakRules), list(want))
	}
	phase := func(name string, res [4]runResult, want [4]bool, why string) {
		for i, r := range res {
			if !r.Complete {
				complete = false
			}
			if r.Connected != want[i] {
				t.Errorf("%s / %s / %s: %s program (%s): want connects=%s, got %s (%s)\n%s",
					d.Driver, c.spec.Setting, servers[i], name, why, yn(want[i]), yn(r.Connected), r.Status, r.describe())
			}
		}
	}
	if c.spec.Rule == "" {
		phase("unflagged", c.before, verified, "with the CA, as its users run it")
		return complete
	}
	why := "claim " + c.spec.Claim + ", no CA"
	if c.beforeWithCA {
		why = "claim " + c.spec.Claim + ", with the CA"
	}
	phase("weak", c.before, claims[c.spec.Claim], why)
	if slices.Contains(c.fixedRules, c.spec.Rule) {
		t.Errorf("%s / %s: after scan --fix, %s still draws %s (fix: %s)", d.Driver, c.spec.Setting, c.spec.File, c.spec.Rule, c.fixed)
	}
	if c.fixed == "(no change)" {
		t.Errorf("%s / %s: scan --fix did not change %s", d.Driver, c.spec.Setting, c.spec.File)
	}
	phase("fixed", c.after, verified, "with the CA; fix "+c.fixed)
	return complete
}

func (c *caseResult) row(d *driverDir) row {
	r := row{Driver: d.Driver, Setting: c.spec.Setting, Rule: c.spec.Rule, RuleName: c.ruleName,
		Notes: c.spec.Notes, BeforeWithCA: c.beforeWithCA, Fixed: c.fixed}
	for i := range servers {
		r.Before[i] = c.before[i].Connected
		r.After[i] = c.after[i].Connected
	}
	return r
}

func yn(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func list(rules []string) string {
	if len(rules) == 0 {
		return "no finding"
	}
	return strings.Join(rules, ", ")
}

func (r runResult) describe() string {
	var b strings.Builder
	fmt.Fprintf(&b, "  command: %s\n  env: %s\n", strings.Join(r.Args, " "), strings.Join(r.Env, " "))
	for _, s := range []struct{ name, out string }{{"stdout", r.Stdout}, {"stderr", r.Stderr}} {
		out := strings.TrimSpace(s.out)
		if out == "" {
			continue
		}
		if len(out) > 3000 {
			out = out[:3000] + "\n…"
		}
		fmt.Fprintf(&b, "  --- %s ---\n  %s\n", s.name, strings.ReplaceAll(out, "\n", "\n  "))
	}
	return b.String()
}

// lineDiff lists the lines only in a (-) and only in b (+).
func lineDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out []string
	for _, l := range al {
		if !slices.Contains(bl, l) {
			out = append(out, "- "+l)
		}
	}
	for _, l := range bl {
		if !slices.Contains(al, l) {
			out = append(out, "+ "+l)
		}
	}
	return strings.Join(out, "\n")
}

func (h *harness) buildCLI() error {
	h.cli = filepath.Join(h.work, "pgtlslint")
	cmd := exec.Command("go", "build", "-o", h.cli, "./cmd/pgtlslint")
	cmd.Dir = h.root
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build ./cmd/pgtlslint: %w\n%s", err, out)
	}
	return nil
}

// makeP12 makes {ca_p12} with the JDK's keytool, when there is one.
func (h *harness) makeP12() error {
	keytool, err := exec.LookPath("keytool")
	if err != nil {
		return nil
	}
	p12 := filepath.Join(h.work, "ca.p12")
	cmd := exec.Command(keytool, "-importcert", "-noprompt", "-storetype", "PKCS12", "-storepass", "changeit",
		"-alias", "tlsproof-ca", "-file", h.caPEM, "-keystore", p12)
	cmd.Env = clientBaseEnv()
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("keytool: %w\n%s", err, out)
	}
	h.caP12 = p12
	return nil
}

// startServers starts real, impostor-ca, impostor-host (ssl = on, hostssl only) and
// impostor-plain (ssl = off). listen_addresses = 'localhost' listens on every address localhost
// resolves to (127.0.0.1 and, where /etc/hosts says so, ::1); an address that cannot be bound
// is a warning in the server log, not a failure.
func (h *harness) startServers(t *testing.T, p *pki) {
	tlsHBA := "hostssl all all 127.0.0.1/32 trust\nhostssl all all ::1/128 trust\n"
	for i, kp := range []keyPair{p.real, p.otherCA, p.otherHost} {
		s := pgserver.Start(t, pgserver.Options{
			Conf: []string{"listen_addresses = 'localhost'", "ssl = on", "ssl_cert_file = 'server.crt'", "ssl_key_file = 'server.key'"},
			HBA:  tlsHBA,
			Files: map[string][]byte{
				"server.crt": kp.certPEM,
				"server.key": kp.keyPEM,
			},
		})
		if got := s.Query(t, "SHOW ssl"); got != "on" {
			t.Fatalf("%s: ssl = %q", servers[i], got)
		}
		h.ports[i] = s.Port
	}
	s := pgserver.Start(t, pgserver.Options{
		Conf: []string{"listen_addresses = 'localhost'", "ssl = off"},
		HBA:  "host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n",
	})
	h.ports[3] = s.Port
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// weakWithCA says whether the weak program runs with the CA: only for the wrong-host claim,
// since verify-ca connects nowhere without a CA.
func weakWithCA(c caseSpec) bool { return c.Rule != "" && c.Claim == "wrong-host" }

// driver runs every case of one driver.
func (h *harness) driver(d *driverDir, idx int) *driverResult {
	start := time.Now()
	r := &driverResult{d: d}
	defer func() { r.elapsed = time.Since(start) }()
	for _, c := range d.Cases {
		r.cases = append(r.cases, &caseResult{spec: c})
	}
	failAll := func(format string, args ...any) *driverResult {
		r.errs = append(r.errs, fmt.Sprintf(format, args...))
		return r
	}
	base := filepath.Join(h.work, fmt.Sprintf("%02d-%s", idx, unsafeName.ReplaceAllString(d.Driver, "_")))
	weakRoot := filepath.Join(base, "weak", filepath.Base(d.CopyRoot))
	fixedRoot := filepath.Join(base, "fixed", filepath.Base(d.CopyRoot))
	for _, dst := range []string{weakRoot, fixedRoot} {
		if err := gomodtest.CopyDir(d.CopyRoot, dst, skipNodeModules); err != nil {
			return failAll("copy: %v", err)
		}
	}
	weakDir, fixedDir := filepath.Join(weakRoot, d.Rel), filepath.Join(fixedRoot, d.Rel)

	// The weak programs' findings, and the fix.
	var wg sync.WaitGroup
	for _, c := range r.cases {
		wg.Go(func() {
			findings, err := h.scan(weakDir, c.spec.File)
			if err != nil {
				c.errs = append(c.errs, err.Error())
				return
			}
			c.weakRules, c.ruleName = rulesOf(findings, c.spec.Rule)
		})
	}
	wg.Wait()
	if out, err := h.tool(fixedDir, h.cli, "scan", "--fix", "--fail-on", "never", "."); err != nil {
		return failAll("pgtlslint scan --fix: %v\n%s", err, out)
	}
	for _, c := range r.cases {
		if c.spec.Rule == "" {
			continue
		}
		orig, err1 := os.ReadFile(filepath.Join(d.Dir, c.spec.File))
		fixed, err2 := os.ReadFile(filepath.Join(fixedDir, c.spec.File))
		if err := errors.Join(err1, err2); err != nil {
			c.errs = append(c.errs, err.Error())
			continue
		}
		c.fixed = fixSummary(string(orig), string(fixed))
		wg.Go(func() {
			findings, err := h.scan(fixedDir, c.spec.File)
			if err != nil {
				c.errs = append(c.errs, err.Error())
				return
			}
			c.fixedRules, _ = rulesOf(findings, "")
		})
	}
	wg.Wait()

	// Setup, in both copies: the fixed copy is set up after the fix, so a build builds it.
	if len(d.Setup) > 0 {
		var errs [2]error
		for i, dir := range []string{weakDir, fixedDir} {
			wg.Go(func() { errs[i] = h.setup(d, dir) })
		}
		wg.Wait()
		if err := errors.Join(errs[:]...); err != nil {
			return failAll("%v", err)
		}
	}

	// The runs.
	for _, c := range r.cases {
		if len(c.errs) > 0 {
			continue
		}
		c.beforeWithCA = c.spec.Rule == "" || weakWithCA(c.spec)
		for i := range servers {
			wg.Go(func() { c.before[i] = h.run(d, c.spec, weakDir, i, c.beforeWithCA) })
			if c.spec.Rule != "" {
				wg.Go(func() { c.after[i] = h.run(d, c.spec, fixedDir, i, true) })
			}
		}
	}
	wg.Wait()
	return r
}

type finding struct {
	RuleID string `json:"rule_id"`
	Rule   string `json:"rule"`
	Path   string `json:"path"`
}

// rulesOf is the sorted rule ids of the findings, and the name of rule.
func rulesOf(fs []finding, rule string) ([]string, string) {
	var ids []string
	name := ""
	for _, f := range fs {
		ids = append(ids, f.RuleID)
		if f.RuleID == rule {
			name = f.Rule
		}
	}
	sort.Strings(ids)
	return slices.Compact(ids), name
}

// scan is `pgtlslint scan --format json FILE` in dir.
func (h *harness) scan(dir, file string) ([]finding, error) {
	out, err := h.tool(dir, h.cli, "scan", "--format", "json", "--fail-on", "never", file)
	if err != nil {
		return nil, fmt.Errorf("pgtlslint scan %s: %w\n%s", file, err, out)
	}
	var res struct {
		Findings []finding `json:"findings"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		return nil, fmt.Errorf("pgtlslint scan %s: %w\n%s", file, err, out)
	}
	return res.Findings, nil
}

// tool runs the CLI (in the run pool); stdout only, stderr in the error.
func (h *harness) tool(dir string, name string, args ...string) ([]byte, error) {
	h.runs <- struct{}{}
	defer func() { <-h.runs }()
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		err = fmt.Errorf("%w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return out, err
}

// setup runs the driver's setup in dir, with the caller's environment.
func (h *harness) setup(d *driverDir, dir string) error {
	h.setups <- struct{}{}
	defer func() { <-h.setups }()
	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, d.Setup[0], d.Setup[1:]...)
	cmd.Dir = dir
	killGroup(cmd)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("setup %q in %s: %w\n%s", d.Setup, dir, err, out)
	}
	return nil
}

func killGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
}

// clientBaseEnv is the caller's environment without anything that names a CA, switches
// verification off or configures a PostgreSQL client: PG*, HOME, *SSL*, *CERT*, CA bundles,
// NODE_*, the JVM's option variables, OPENSSL_*.
func clientBaseEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		u := strings.ToUpper(k)
		switch {
		case u == "HOME", strings.HasPrefix(u, "PG"), strings.HasPrefix(u, "NODE_"), strings.HasPrefix(u, "OPENSSL"),
			strings.Contains(u, "SSL"), strings.Contains(u, "CERT"), strings.Contains(u, "CA_BUNDLE"), strings.Contains(u, "CAINFO"),
			u == "JAVA_TOOL_OPTIONS", u == "_JAVA_OPTIONS", u == "JDK_JAVA_OPTIONS":
			continue
		}
		env = append(env, kv)
	}
	return env
}

// run runs a case's program in dir against server i.
func (h *harness) run(d *driverDir, c caseSpec, dir string, i int, withCA bool) runResult {
	h.runs <- struct{}{}
	defer func() { <-h.runs }()
	res := runResult{}
	home, err := os.MkdirTemp(h.work, "home-")
	if err != nil {
		res.Status = err.Error()
		return res
	}
	defer func() { _ = os.RemoveAll(home) }()
	vars := map[string]string{"file": filepath.Join(dir, c.File), "ca": h.caPEM, "ca_p12": h.caP12, "home": home}
	set := []string{
		"HOME=" + home,
		// Java takes user.home from the password database; ca_env may replace this.
		"JAVA_TOOL_OPTIONS=-Duser.home=" + home,
		"PGTLS_HOST=localhost",
		"PGTLS_PORT=" + strconv.Itoa(h.ports[i]),
		"PGTLS_USER=postgres",
		"PGTLS_DB=postgres",
	}
	var errs []error
	if withCA {
		if err := os.MkdirAll(filepath.Join(home, ".postgresql"), 0o700); err != nil {
			errs = append(errs, err)
		}
		if err := os.WriteFile(filepath.Join(home, ".postgresql", "root.crt"), h.ca, 0o644); err != nil {
			errs = append(errs, err)
		}
		caEnv := d.caEnv(c)
		keys := make([]string, 0, len(caEnv))
		for k := range caEnv {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			v, err := expand(caEnv[k], vars)
			errs = append(errs, err)
			set = append(set, k+"="+v)
		}
	}
	for _, a := range d.Run {
		v, err := expand(a, vars)
		errs = append(errs, err)
		res.Args = append(res.Args, v)
	}
	set = dedupEnv(set)
	res.Env = set
	if err := errors.Join(errs...); err != nil {
		res.Status = err.Error()
		return res
	}
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, res.Args[0], res.Args[1:]...)
	cmd.Dir = dir
	cmd.Env = append(clientBaseEnv(), set...)
	cmd.Stdin = nil
	killGroup(cmd)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	res.Stdout, res.Stderr = stdout.String(), stderr.String()
	var exitErr *exec.ExitError
	switch {
	case ctx.Err() != nil:
		res.Status = "timed out after " + runTimeout.String()
	case err == nil:
		res.Status, res.Complete = "exit 0", true
	case errors.As(err, &exitErr):
		res.Status, res.Complete = "exit "+strconv.Itoa(exitErr.ExitCode()), true
	default:
		res.Status = err.Error()
	}
	res.Connected = err == nil && slices.Contains(strings.Split(strings.ReplaceAll(res.Stdout, "\r", ""), "\n"), "connected")
	return res
}

// dedupEnv keeps the last value of each variable.
func dedupEnv(env []string) []string {
	last := map[string]int{}
	for i, kv := range env {
		k, _, _ := strings.Cut(kv, "=")
		last[k] = i
	}
	var out []string
	for i, kv := range env {
		k, _, _ := strings.Cut(kv, "=")
		if last[k] == i {
			out = append(out, kv)
		}
	}
	return out
}

// skipNodeModules leaves out installed npm packages: setup installs them afresh in each copy.
func skipNodeModules(_ string, d fs.DirEntry) bool {
	return d.IsDir() && d.Name() == "node_modules"
}
