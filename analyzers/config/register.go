package config

import (
	"path"
	"strings"

	"github.com/pgtlslint/pgtlslint/scan/filekind"
	"github.com/pgtlslint/pgtlslint/scan/plugin"
)

// The configuration formats, and every other text file, register with the scan here.
func init() {
	spec := func(k string, exts ...string) filekind.Spec {
		return filekind.Spec{Kind: filekind.Kind(k), Exts: exts}
	}
	env := spec(KindEnv)
	env.Name = func(_, name, _, _ string) bool {
		return name == ".env" || strings.HasPrefix(name, ".env.") || path.Ext(name) == ".env"
	}
	dockerfile := spec(KindDockerfile)
	dockerfile.Name = func(_, name, _, _ string) bool {
		ext := path.Ext(name)
		return name == "dockerfile" || name == "containerfile" ||
			strings.HasPrefix(name, "dockerfile.") || strings.HasPrefix(name, "containerfile.") ||
			ext == ".dockerfile" || ext == ".containerfile"
	}
	toml := spec(KindTOML, ".toml")
	toml.Names = []string{"pipfile"}
	// INI-like: also pg_service.conf, my.cnf, systemd units (Environment=), and every *.conf
	// file no other kind claims by its content.
	ini := spec(KindINI, ".ini", ".cfg", ".conf", ".cnf", ".service")
	ini.Names = []string{".npmrc"}
	shell := spec(KindShell, ".sh", ".bash", ".zsh", ".ksh")
	shell.Names = []string{".envrc", ".bashrc", ".bash_profile", ".profile", ".zshrc", ".zprofile", ".zshenv"}
	shell.Interpreters = []string{"sh", "bash", "dash", "zsh", "ksh", "ash", "mksh"}
	// Other languages and formats: searched for connection strings as text.
	text := spec(KindText,
		".xml", ".config", ".plist",
		".cs", ".csx", ".vb", ".fs", ".fsx", ".cshtml", ".razor", ".aspx", ".jsp",
		".rb", ".rake", ".php", ".rs",
		".kt", ".kts", ".scala", ".sc", ".sbt", ".groovy", ".gradle", ".clj", ".cljs", ".edn",
		".tf", ".tfvars", ".hcl", ".nomad", ".bicep", ".nix", ".jsonnet", ".libsonnet", ".cue",
		".json5", ".jsonc", ".ipynb",
		".c", ".h", ".cc", ".cpp", ".cxx", ".hpp", ".m", ".mm", ".swift", ".dart", ".zig",
		".ex", ".exs", ".erl", ".hrl", ".hs", ".ml", ".lua", ".pl", ".pm", ".r", ".jl", ".cr", ".nim",
		".ps1", ".psm1", ".bat", ".cmd",
		".vue", ".svelte", ".astro",
		".prisma", ".mk")
	text.Names = []string{"makefile", "gnumakefile", "jenkinsfile", "procfile", "vagrantfile", "gemfile",
		"rakefile", "caddyfile", "tiltfile", ".pgpass"}
	plugin.Register(plugin.Plugin{
		Name: "config",
		// Dockerfile's names first: Dockerfile.env is a Dockerfile.
		Kinds: []filekind.Spec{dockerfile, env, spec(KindYAML, ".yml", ".yaml"), spec(KindJSON, ".json"), toml,
			spec(KindProperties, ".properties"), ini, shell, text},
		New: func(plugin.Scan) plugin.Analyzer { return analyzer{} },
	})
}

// analyzer is the plugin's analyzer: it keeps nothing across files.
type analyzer struct{}

// Analyze implements plugin.Analyzer.
func (analyzer) Analyze(f plugin.File) plugin.Output {
	ts, ss, ns := Analyze(f.Path, string(f.Kind), f.Content, f.Hint)
	out := plugin.Output{Targets: ts, Servers: ss, Notices: ns}
	if isCompose(f.Path) {
		out.Services = ComposeServices(f.Path, f.Content)
	}
	return out
}

// isCompose reports whether a path names a Compose file, whose service names are local hosts.
func isCompose(p string) bool {
	b := strings.ToLower(path.Base(p))
	return (strings.HasPrefix(b, "docker-compose") || strings.HasPrefix(b, "compose")) &&
		(strings.HasSuffix(b, ".yml") || strings.HasSuffix(b, ".yaml"))
}
