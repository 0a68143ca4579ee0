package manifest

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"regexp"
	"sort"
	"strings"

	toml "github.com/pelletier/go-toml/v2"
	"golang.org/x/mod/modfile"

	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// Each parser returns the drivers a manifest names and whether anything in it talks to
// PostgreSQL (a client pgtlslint has no driver entry for counts too, for HasPostgres). A
// manifest that does not parse names nothing.

// parseGoMod reads the requirements of go.mod.
func parseGoMod(data []byte) ([]candidate, bool) {
	f, err := modfile.ParseLax("go.mod", data, nil)
	if err != nil {
		return nil, false
	}
	var deps []drivers.Dependency
	for _, r := range f.Require {
		deps = append(deps, drivers.Dependency{Name: r.Mod.Path, Indirect: r.Indirect})
	}
	return candidates(drivers.GoModules, rankGo, deps)
}

// candidates asks the driver table which drivers the dependencies of one manifest bring in.
func candidates(eco drivers.Ecosystem, base int, deps []drivers.Dependency) ([]candidate, bool) {
	cs, pg := drivers.Candidates(eco, deps)
	out := make([]candidate, 0, len(cs))
	for _, c := range cs {
		out = append(out, candidate{rank: base + c.Package.Rank, driver: c.Driver, pkg: c.Shown()})
	}
	return out, pg
}

// parsePackageJSON reads dependencies and devDependencies.
func parsePackageJSON(data []byte) ([]candidate, bool) {
	var pj struct {
		Dependencies    map[string]any `json:"dependencies"`
		DevDependencies map[string]any `json:"devDependencies"`
	}
	if err := json.Unmarshal(data, &pj); err != nil {
		return nil, false
	}
	versions := map[string]string{}
	for _, m := range []map[string]any{pj.DevDependencies, pj.Dependencies} {
		for k, v := range m {
			s, _ := v.(string)
			versions[k] = s
		}
	}
	deps := make([]drivers.Dependency, 0, len(versions))
	for name, ver := range versions {
		deps = append(deps, drivers.Dependency{Name: name, Version: ver})
	}
	return candidates(drivers.NPM, rankNode, deps)
}

// pep503 normalizes a Python distribution name.
func pep503(n string) string {
	n = strings.ToLower(strings.TrimSpace(n))
	return strings.NewReplacer("_", "-", ".", "-").Replace(n)
}

var reqName = regexp.MustCompile(`^\s*([A-Za-z0-9][A-Za-z0-9._-]*)`)

// parseRequirements returns the distribution names of a requirements file.
func parseRequirements(data []byte) []string {
	var out []string
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if i := strings.Index(line, " #"); i >= 0 {
			line = line[:i]
		}
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "-") {
			continue
		}
		if m := reqName.FindStringSubmatch(line); m != nil {
			out = append(out, pep503(m[1]))
		}
	}
	return out
}

// pythonCandidates asks the table about a set of distribution names.
func pythonCandidates(names []string) ([]candidate, bool) {
	deps := make([]drivers.Dependency, 0, len(names))
	for _, n := range names {
		deps = append(deps, drivers.Dependency{Name: n})
	}
	return candidates(drivers.PyPI, rankPython, deps)
}

// pep508Name returns the distribution name at the start of a PEP 508 requirement.
func pep508Name(s string) string {
	if m := reqName.FindStringSubmatch(s); m != nil {
		return pep503(m[1])
	}
	return ""
}

// parsePyproject reads PEP 621 dependencies, optional dependencies, PEP 735 dependency groups
// and Poetry's tables.
func parsePyproject(data []byte) ([]candidate, bool) {
	var doc map[string]any
	if err := toml.Unmarshal(data, &doc); err != nil {
		return nil, false
	}
	var names []string
	addList := func(v any) {
		if l, ok := v.([]any); ok {
			for _, x := range l {
				if s, ok := x.(string); ok {
					if n := pep508Name(s); n != "" {
						names = append(names, n)
					}
				}
			}
		}
	}
	addKeys := func(v any) {
		if m, ok := v.(map[string]any); ok {
			for k := range m {
				names = append(names, pep503(k))
			}
		}
	}
	if p, ok := doc["project"].(map[string]any); ok {
		addList(p["dependencies"])
		if od, ok := p["optional-dependencies"].(map[string]any); ok {
			for _, l := range od {
				addList(l)
			}
		}
	}
	if dg, ok := doc["dependency-groups"].(map[string]any); ok {
		for _, l := range dg {
			addList(l)
		}
	}
	if tool, ok := doc["tool"].(map[string]any); ok {
		if po, ok := tool["poetry"].(map[string]any); ok {
			addKeys(po["dependencies"])
			addKeys(po["dev-dependencies"])
			if groups, ok := po["group"].(map[string]any); ok {
				for _, g := range groups {
					if gm, ok := g.(map[string]any); ok {
						addKeys(gm["dependencies"])
					}
				}
			}
		}
		if uv, ok := tool["uv"].(map[string]any); ok {
			addList(uv["dev-dependencies"])
		}
	}
	return pythonCandidates(names)
}

// parsePipfile reads [packages] and [dev-packages].
func parsePipfile(data []byte) ([]candidate, bool) {
	var doc map[string]any
	if err := toml.Unmarshal(data, &doc); err != nil {
		return nil, false
	}
	var names []string
	for _, sec := range []string{"packages", "dev-packages"} {
		if m, ok := doc[sec].(map[string]any); ok {
			for k := range m {
				names = append(names, pep503(k))
			}
		}
	}
	return pythonCandidates(names)
}

// parsePom reads the dependencies of a Maven POM (not those of dependencyManagement, which
// only pin versions).
func parsePom(data []byte) ([]candidate, bool) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	var stack []string
	var group, artifact string
	var deps []drivers.Dependency
	inMgmt := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, t.Name.Local)
			if t.Name.Local == "dependencyManagement" {
				inMgmt++
			}
			if t.Name.Local == "dependency" {
				group, artifact = "", ""
			}
		case xml.CharData:
			if n := len(stack); n >= 2 && stack[n-2] == "dependency" {
				switch stack[n-1] {
				case "groupId":
					group += strings.TrimSpace(string(t))
				case "artifactId":
					artifact += strings.TrimSpace(string(t))
				}
			}
		case xml.EndElement:
			if len(stack) == 0 {
				break
			}
			name := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if name == "dependencyManagement" {
				inMgmt--
			}
			if name == "dependency" && inMgmt == 0 && group != "" && artifact != "" {
				deps = append(deps, drivers.Dependency{Name: group + ":" + artifact})
			}
		}
	}
	return candidates(drivers.Maven, rankJava, deps)
}

var (
	gradleCoord    = regexp.MustCompile(`["']([A-Za-z0-9_.\-]+):([A-Za-z0-9_.\-]+)(?::[^"']*)?["']`)
	gradleGroupArt = regexp.MustCompile(`group\s*[:=]\s*["']([A-Za-z0-9_.\-]+)["']\s*,\s*(?:name|module)\s*[:=]\s*["']([A-Za-z0-9_.\-]+)["']`)
	lineComment    = regexp.MustCompile(`(?m)^\s*//.*$`)
	blockComment   = regexp.MustCompile(`(?s)/\*.*?\*/`)
)

// parseGradle finds PostgreSQL coordinates in a Gradle build script or version catalog.
func parseGradle(data []byte) ([]candidate, bool) {
	text := blockComment.ReplaceAllString(string(data), "")
	text = lineComment.ReplaceAllString(text, "")
	var deps []drivers.Dependency
	for _, m := range gradleCoord.FindAllStringSubmatch(text, -1) {
		deps = append(deps, drivers.Dependency{Name: m[1] + ":" + m[2]})
	}
	for _, m := range gradleGroupArt.FindAllStringSubmatch(text, -1) {
		deps = append(deps, drivers.Dependency{Name: m[1] + ":" + m[2]})
	}
	return candidates(drivers.Maven, rankJava, deps)
}

// parseCargo reads [dependencies], [dev-dependencies] and [workspace.dependencies].
func parseCargo(data []byte) ([]candidate, bool) {
	var doc map[string]any
	if err := toml.Unmarshal(data, &doc); err != nil {
		return nil, false
	}
	deps := map[string]any{}
	collect := func(v any) {
		if m, ok := v.(map[string]any); ok {
			for k, x := range m {
				deps[k] = x
			}
		}
	}
	collect(doc["dependencies"])
	collect(doc["dev-dependencies"])
	if ws, ok := doc["workspace"].(map[string]any); ok {
		collect(ws["dependencies"])
	}
	var out []drivers.Dependency
	for name, v := range deps {
		dep := drivers.Dependency{Name: name}
		if m, ok := v.(map[string]any); ok {
			l, _ := m["features"].([]any)
			for _, x := range l {
				if s, ok := x.(string); ok {
					dep.Features = append(dep.Features, s)
				}
			}
		}
		out = append(out, dep)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return candidates(drivers.Crates, rankRust, out)
}

var gemName = regexp.MustCompile(`(?m)^\s*gem\s+["']([A-Za-z0-9_.\-]+)["']`)

// parseGemfile reads the gems of a Gemfile.
func parseGemfile(data []byte) ([]candidate, bool) {
	var deps []drivers.Dependency
	for _, m := range gemName.FindAllSubmatch(data, -1) {
		deps = append(deps, drivers.Dependency{Name: string(m[1])})
	}
	return candidates(drivers.RubyGems, rankRuby, deps)
}
