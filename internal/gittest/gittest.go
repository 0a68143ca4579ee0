// Package gittest runs git in tests the same way everywhere: with a fixed identity and without
// the user's or the system's configuration, so that a developer's git setup (signing, hooks,
// default branch, init templates) never changes what a test sees.
package gittest

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Env is the process environment for git in tests, plus extra NAME=value entries.
func Env(extra ...string) []string {
	env := append(os.Environ(),
		"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null",
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
	return append(env, extra...)
}

// Run runs git in dir with Env and returns its output (standard output and error), trimmed;
// a failure fails the test with that output.
func Run(t testing.TB, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = Env()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s in %s: %v\n%s", strings.Join(args, " "), dir, err, out)
	}
	return strings.TrimSpace(string(out))
}
