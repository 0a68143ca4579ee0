package main

import (
	"runtime/debug"
	"strings"
	"testing"
)

// TestVersionOf: a module build reports its version, a checkout build its revision, and
// "(devel)" is left only for a build nothing is known about. The delivery tests check the
// real `go install module@version` build (internal/delivery).
func TestVersionOf(t *testing.T) {
	rev := "972a154e0c3b5d7f8a9b0c1d2e3f405162738495"
	for _, tc := range []struct {
		name     string
		main     string
		settings map[string]string
		want     string
	}{
		{"go install module@version", "v0.3.1", nil, "v0.3.1"},
		{"checkout, Go 1.24+", "v0.0.0-20251207154100-972a154e0c3b+dirty", map[string]string{"vcs.revision": rev, "vcs.modified": "true"}, "v0.0.0-20251207154100-972a154e0c3b+dirty"},
		{"checkout, no module version", devel, map[string]string{"vcs.revision": rev, "vcs.modified": "false"}, "972a154e0c3b"},
		{"modified checkout", "", map[string]string{"vcs.revision": rev, "vcs.modified": "true"}, "972a154e0c3b-dirty"},
		{"-buildvcs=false", devel, nil, devel},
	} {
		bi := &debug.BuildInfo{Main: debug.Module{Path: "github.com/pgtlslint/pgtlslint", Version: tc.main}}
		for k, v := range tc.settings {
			bi.Settings = append(bi.Settings, debug.BuildSetting{Key: k, Value: v})
		}
		if got := versionOf(bi); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	// The test binary itself: whatever it is, the command prints it with the Go release.
	_, out, _ := runCLI(t, "", "version")
	if !strings.HasPrefix(out, "pgtlslint ") || !strings.Contains(out, " (go") {
		t.Errorf("version: %q", out)
	}
}
