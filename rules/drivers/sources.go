package drivers

import "fmt"

// Fact names what a Source proves about a driver.
type Fact string

// The facts every entry states, and that its sources must cover.
const (
	FactPackages   Fact = "packages"     // the packages, modules and calls that bring it in
	FactDefault    Fact = "default"      // the mode with no setting
	FactModes      Fact = "modes"        // what each mode does, and the spellings accepted
	FactEnv        Fact = "env"          // the environment variables read
	FactCA         Fact = "ca"           // where the CA comes from
	FactSystemRoot Fact = "system-roots" // sslrootcert=system
	FactDisablers  Fact = "disablers"    // how verification gets switched off
	FactFix        Fact = "fix"          // the secure setting
)

// Facts lists every fact, in the order docs show them.
var Facts = []Fact{FactPackages, FactDefault, FactModes, FactEnv, FactCA, FactSystemRoot, FactDisablers, FactFix}

// Source is the driver's own code or documentation that proves facts of its entry.
type Source struct {
	Facts   []Fact
	URL     string // a permanent link: a commit or tag, not a branch, where one exists
	Version string // the release the code or docs are of ("pgx v5.12.0")
	Note    string // what it says, or how it was checked ("verified against a real server")
}

// missingFacts returns the facts of d that no source covers. Env needs a source only when the
// driver reads variables, packages only when it has packages.
func (d *Driver) missingFacts() []Fact {
	have := map[Fact]bool{}
	for _, s := range d.Sources {
		for _, f := range s.Facts {
			have[f] = true
		}
	}
	var out []Fact
	for _, f := range Facts {
		switch {
		case have[f]:
		case f == FactEnv && len(d.Env) == 0:
		case f == FactPackages && len(d.Packages) == 0 && len(d.Modules) == 0:
		default:
			out = append(out, f)
		}
	}
	return out
}

// src makes a source proving facts.
func src(url, version, note string, facts ...Fact) Source {
	if url == "" || version == "" {
		panic(fmt.Sprintf("drivers: a source needs a URL and a version (%q, %q)", url, version))
	}
	return Source{Facts: facts, URL: url, Version: version, Note: note}
}
