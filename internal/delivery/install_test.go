//go:build delivery

package delivery

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/mod/module"
	modzip "golang.org/x/mod/zip"

	"github.com/pgtlslint/pgtlslint/internal/gittest"
)

const (
	// modulePath is the module the README's commands name.
	modulePath = "github.com/pgtlslint/pgtlslint"
	// releaseVersion is the version the local proxy serves, which @latest resolves to and
	// `pgtlslint version` must print.
	releaseVersion = "v0.1.0"
	// projectPlaceholder stands for the reader's project in the README's commands.
	projectPlaceholder = "/path/to/project"
	// readmeSection holds the commands a newcomer runs.
	readmeSection = "## Scan your own project"
)

// TestReadmeInstall runs the README's commands for scanning one's own project, exactly as
// written, against this repository as a user would get it: a clean clone of the checkout at
// HEAD (what is committed, nothing else) is made into the module zip the module proxy would
// serve (golang.org/x/mod/zip from the clone's git archive, as the go command makes it), served
// as releaseVersion from a local file GOPROXY, with a new GOPATH whose bin is on the PATH. The
// other modules come from the caller's module cache as a second file proxy (offline), and the
// checksum database through the module proxy. The test's own module cache (installModCache)
// outlives the run, so that the cgo packages, whose build-cache keys include their
// directory, are compiled once and not on every run. `go run ...@latest scan` and the installed
// `pgtlslint scan` must find the planted weak settings, the Python one through its tree-sitter
// analyzer (a cgo build, as the README promises with a C compiler), and `pgtlslint version`
// must print releaseVersion.
func TestReadmeInstall(t *testing.T) {
	cmds := readmeCommands(t)
	work := t.TempDir()
	proxy := serveModule(t, work)
	project := plantProject(t, work)
	gopath := filepath.Join(work, "gopath")
	env := installEnv(t, proxy, gopath, installModCache(t))
	for _, c := range cmds {
		line := strings.ReplaceAll(c, projectPlaceholder, project)
		cmd := exec.Command("bash", "-c", line)
		cmd.Dir = work
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		checkCommand(t, c, exitStatus(err), string(out), gopath)
	}
}

// readmeCommands returns the lines of the sh blocks of the README's readmeSection, and checks
// that the commands the issue promised are among them.
func readmeCommands(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var cmds []string
	in, block := false, false
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "## "):
			in = line == readmeSection
		case in && line == "```sh":
			block = true
		case in && block && line == "```":
			block = false
		case in && block && strings.TrimSpace(line) != "":
			cmds = append(cmds, line)
		}
	}
	want := []string{
		"go run " + modulePath + "/cmd/pgtlslint@latest scan " + projectPlaceholder,
		"go install " + modulePath + "/cmd/pgtlslint@latest",
		"pgtlslint scan " + projectPlaceholder,
		"pgtlslint version",
	}
	have := strings.Join(cmds, "\n")
	for _, w := range want {
		if !strings.Contains("\n"+have+"\n", "\n"+w+"\n") {
			t.Fatalf("README.md %q: no line %q among its commands:\n%s", readmeSection, w, have)
		}
	}
	return cmds
}

// serveModule makes the module proxy's files for releaseVersion from a clean clone of the
// checkout and returns the proxy's directory.
func serveModule(t *testing.T, work string) string {
	t.Helper()
	src := filepath.Join(work, "clone")
	gittest.Run(t, work, "clone", "-q", "--no-local", repoRoot, src)
	proxy := filepath.Join(work, "proxy")
	esc, err := module.EscapePath(modulePath)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(proxy, filepath.FromSlash(esc), "@v")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	zf, err := os.Create(filepath.Join(dir, releaseVersion+".zip"))
	if err != nil {
		t.Fatal(err)
	}
	if err := modzip.CreateFromVCS(zf, module.Version{Path: modulePath, Version: releaseVersion}, src, "HEAD", ""); err != nil {
		t.Fatalf("module zip: %v", err)
	}
	if err := zf.Close(); err != nil {
		t.Fatal(err)
	}
	gomod, err := os.ReadFile(filepath.Join(src, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	when := gittest.Run(t, src, "log", "-1", "--format=%cI", "HEAD")
	for name, content := range map[string]string{
		"list":                   releaseVersion + "\n",
		releaseVersion + ".mod":  string(gomod),
		releaseVersion + ".info": fmt.Sprintf(`{"Version":%q,"Time":%q}`+"\n", releaseVersion, when),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return proxy
}

// plantProject writes a project with a weak .env (the configuration analyzers) and a weak
// psycopg2 call whose setting is a keyword argument (the Python analyzer, cgo only).
func plantProject(t *testing.T, work string) string {
	t.Helper()
	project := filepath.Join(work, "project")
	for name, content := range map[string]string{
		".env":             "DATABASE_URL=postgres://app@db.example.com/app?sslmode=require\n",
		"requirements.txt": "psycopg2-binary==2.9.10\n",
		"app/db.py":        "import psycopg2\n\nconn = psycopg2.connect(host=\"db.example.com\", dbname=\"app\", sslmode=\"disable\")\n",
	} {
		p := filepath.Join(project, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return project
}

// installModCache is the module cache of the test's go commands, with the previous run's
// copy of this module removed: each run serves a new zip under the same version.
func installModCache(t *testing.T) string {
	t.Helper()
	dir, err := os.UserCacheDir()
	if err != nil {
		t.Fatal(err)
	}
	mc := filepath.Join(dir, "pgtlslint", "delivery-modcache")
	esc, err := module.EscapePath(modulePath)
	if err != nil {
		t.Fatal(err)
	}
	old, err := filepath.Glob(filepath.Join(mc, filepath.FromSlash(esc)+"@*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range append(old, filepath.Join(mc, "cache", "download", filepath.FromSlash(esc))) {
		if err := os.RemoveAll(p); err != nil {
			t.Fatal(err)
		}
	}
	return mc
}

// installEnv is a newcomer's environment: the caller's without its Go settings, a new GOPATH
// whose bin is on the PATH, the module cache modcache, the caller's build cache
// (content-addressed, so sharing it only saves compiling) and the proxies. -modcacherw keeps
// the module cache removable.
func installEnv(t *testing.T, proxy, gopath, modcache string) []string {
	t.Helper()
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "GO") || k == "CGO_ENABLED" || k == "PATH" {
			continue
		}
		env = append(env, kv)
	}
	var cache, callerMods string
	for _, kv := range goEnv {
		if v, ok := strings.CutPrefix(kv, "GOCACHE="); ok {
			cache = v
		}
		if v, ok := strings.CutPrefix(kv, "GOMODCACHE="); ok {
			callerMods = v
		}
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	return append(env,
		"PATH="+filepath.Join(gopath, "bin")+string(os.PathListSeparator)+filepath.Join(strings.TrimSpace(string(goroot)), "bin")+
			string(os.PathListSeparator)+os.Getenv("PATH"),
		"GOPATH="+gopath, "GOMODCACHE="+modcache, "GOCACHE="+cache, "GOFLAGS=-modcacherw", "GOTOOLCHAIN=local",
		"GOPROXY=file://"+filepath.ToSlash(proxy)+",file://"+filepath.ToSlash(filepath.Join(callerMods, "cache", "download"))+",https://proxy.golang.org",
		// The local release is in no checksum database; every other module is checked.
		"GONOSUMDB="+modulePath,
		// The go command indexes a module of the module cache once per version and trusts the
		// index after (cmd/go/internal/modindex): each run serves a new zip under the same
		// version, so the index of the last run would describe other files.
		"GODEBUG=goindex=0")
}

// checkCommand checks what one README command did.
func checkCommand(t *testing.T, cmd string, code int, out, gopath string) {
	t.Helper()
	switch {
	case strings.HasPrefix(cmd, "go run ") || strings.HasPrefix(cmd, "pgtlslint scan "):
		if code != 1 {
			t.Errorf("%s: exit %d, want 1 (findings)\n%s", cmd, code, out)
		}
		for _, want := range []string{".env:1:", "PGTLS002", "app/db.py:3:", "PGTLS001"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: no %q in the output:\n%s", cmd, want, out)
			}
		}
		if strings.Contains(out, "no-cgo") || strings.Contains(out, "without cgo") {
			t.Errorf("%s: a build without cgo:\n%s", cmd, out)
		}
	case strings.HasPrefix(cmd, "go install "):
		if code != 0 {
			t.Fatalf("%s: exit %d\n%s", cmd, code, out)
		}
		if _, err := os.Stat(filepath.Join(gopath, "bin", "pgtlslint")); err != nil {
			t.Fatalf("%s: %v", cmd, err)
		}
	case cmd == "pgtlslint version":
		if code != 0 || !strings.HasPrefix(out, "pgtlslint "+releaseVersion+" (go") {
			t.Errorf("%s: exit %d, %q, want pgtlslint %s (go...)", cmd, code, out, releaseVersion)
		}
	default:
		t.Errorf("README.md %q has a command this test does not check: %q", readmeSection, cmd)
	}
}

// exitStatus is a command's exit code (-1 when it did not run).
func exitStatus(err error) int {
	if err == nil {
		return 0
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	return -1
}
