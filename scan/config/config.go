// Package config reads a repository's .pgtlslint.yml: which files to scan, per-rule severity
// or off, hosts that need no TLS, the driver for parts of the tree, the file size cap, the
// failure level and whether test code is reported. Unknown keys are errors that name the key, so a typo never silently does
// nothing.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"go.yaml.in/yaml/v3"

	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// FileName is the configuration file looked for in each scanned file's directory and above it
// (Finder).
const FileName = ".pgtlslint.yml"

// DriverRule forces a driver for the files matching a glob.
type DriverRule struct {
	Path   string `yaml:"path"`
	Driver string `yaml:"driver"`
}

// file is the YAML layout; Config is what the rest of the program uses.
type file struct {
	Include      []string          `yaml:"include"`
	Exclude      []string          `yaml:"exclude"`
	Rules        map[string]string `yaml:"rules"`
	TrustedHosts []string          `yaml:"trusted-hosts"`
	Drivers      []DriverRule      `yaml:"drivers"`
	MaxFileSize  string            `yaml:"max-file-size"`
	FailOn       string            `yaml:"fail-on"`
	// ComposeServicesLocal: single-label hosts naming a Compose service of the repository are
	// local (the default); false turns that off.
	ComposeServicesLocal *bool `yaml:"compose-services-local"`
	// Tests reports findings in test code (package scan/testcode), which are hidden by
	// default.
	Tests bool `yaml:"tests"`
}

// Config is a parsed .pgtlslint.yml.
type Config struct {
	// Path names the file in messages ("" for the default configuration); Dir is the absolute
	// directory its path globs (include, exclude, drivers) are relative to.
	Path, Dir        string
	Include, Exclude []string
	// Severity overrides per rule id; Off lists disabled rule ids.
	Severity map[string]rules.Severity
	Off      map[string]bool
	// TrustedHosts are globs of hosts that need no TLS.
	TrustedHosts []string
	Drivers      []DriverRule
	// MaxFileSize in bytes; 0 means the default.
	MaxFileSize int64
	// FailOn is "" (unset), error, warning, note or never.
	FailOn               string
	ComposeServicesLocal bool
	// Tests: report findings in test code too.
	Tests bool
}

// Default is the configuration without a file.
func Default() *Config {
	return &Config{Severity: map[string]rules.Severity{}, Off: map[string]bool{}, ComposeServicesLocal: true}
}

// Load reads the config at path. A missing file is an error only when required is true.
func Load(path string, required bool) (*Config, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && !required {
		return Default(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	c, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	c.Path = path
	return c, nil
}

// unknownField matches yaml.v3's message for a key the struct lacks.
var unknownField = regexp.MustCompile(`line (\d+): field (\S+) not found in type`)

// Parse reads a config from YAML.
func Parse(b []byte) (*Config, error) {
	var f file
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		if m := unknownField.FindStringSubmatch(err.Error()); m != nil {
			return nil, fmt.Errorf("line %s: unknown key %q (known keys: include, exclude, rules, trusted-hosts, drivers, max-file-size, fail-on, compose-services-local, tests)", m[1], m[2])
		}
		return nil, err
	}
	c := Default()
	c.Include, c.Exclude, c.TrustedHosts, c.Drivers = f.Include, f.Exclude, f.TrustedHosts, f.Drivers
	for _, g := range append(append([]string{}, f.Include...), f.Exclude...) {
		if !doublestar.ValidatePattern(g) {
			return nil, fmt.Errorf("include/exclude: invalid glob %q", g)
		}
	}
	for k, v := range f.Rules {
		r, ok := rules.LookupRule(k)
		if !ok {
			return nil, fmt.Errorf("rules: unknown rule %q", k)
		}
		if strings.EqualFold(v, "off") {
			c.Off[r.ID] = true
			continue
		}
		sev, err := rules.ParseSeverity(v)
		if err != nil {
			return nil, fmt.Errorf("rules: %s: %w (or off)", k, err)
		}
		c.Severity[r.ID] = sev
	}
	for i, d := range f.Drivers {
		if d.Path == "" || !doublestar.ValidatePattern(d.Path) {
			return nil, fmt.Errorf("drivers[%d]: path %q is not a valid glob", i, d.Path)
		}
		if _, ok := drivers.Lookup(d.Driver); !ok {
			return nil, fmt.Errorf("drivers[%d]: unknown driver %q (known: %s)", i, d.Driver, strings.Join(drivers.Names(), ", "))
		}
	}
	if f.MaxFileSize != "" {
		n, err := ParseSize(f.MaxFileSize)
		if err != nil {
			return nil, fmt.Errorf("max-file-size: %w", err)
		}
		c.MaxFileSize = n
	}
	switch strings.ToLower(f.FailOn) {
	case "", "error", "warning", "note", "never":
		c.FailOn = strings.ToLower(f.FailOn)
	default:
		return nil, fmt.Errorf("fail-on: %q is not error, warning, note or never", f.FailOn)
	}
	if f.ComposeServicesLocal != nil {
		c.ComposeServicesLocal = *f.ComposeServicesLocal
	}
	c.Tests = f.Tests
	return c, nil
}

// ParseSize reads a byte count: 1048576, 512KiB, 2MiB, 1GiB (KB/MB/GB are read as powers of
// 1024 too, as people mean them for file sizes).
func ParseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}} {
		if strings.HasSuffix(strings.ToUpper(t), strings.ToUpper(u.suffix)) {
			t, mult = strings.TrimSpace(t[:len(t)-len(u.suffix)]), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a size such as 1048576 or 2MiB", s)
	}
	return n * mult, nil
}

// DriverFor returns the driver forced for a slash-separated path relative to the
// configuration's directory (Rel), if a drivers rule matches; the last matching rule wins, as
// later settings do everywhere else.
func (c *Config) DriverFor(path string) (drivers.ID, string, bool) {
	var id drivers.ID
	var glob string
	for _, d := range c.Drivers {
		if ok, _ := doublestar.Match(d.Path, path); ok {
			dr, _ := drivers.Lookup(d.Driver)
			id, glob = dr.ID, d.Path
		}
	}
	if id == "" {
		return "", "", false
	}
	name := c.Path
	if name == "" {
		name = FileName
	}
	return id, name + " drivers: " + glob, true
}
