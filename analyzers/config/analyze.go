// Package config finds PostgreSQL connection settings in configuration files: .env files,
// YAML (Compose, Kubernetes, Helm values, Spring application.yml, CI workflows), JSON, TOML,
// Java properties, INI, Dockerfiles, shell scripts, and connection strings in any other text.
//
// Each format has a package of its own below this one (env, yaml, json, toml, properties, ini,
// dockerfile; shell for scripts, text for the plain-text search, server for the settings of
// PostgreSQL servers) that turns a file into a doc.Document. This package is the analysis:
// Analyze picks the format by kind and turns the document into rules.Target values with byte
// spans in the file and, where the bytes can be changed safely, an Editor for fix edits, and
// into the rules.ServerConfig of the servers the file starts. It knows formats, not drivers:
// what a setting means is for rules.Evaluate. The driver of a config file's settings comes from
// the setting itself when it says (a jdbc:postgresql: URL, a postgresql+asyncpg:// scheme, psql
// on a command line) and otherwise from the manifest hint the caller passes
// (manifest.Inferrer).
//
// Analyze never fails: a file that does not parse gets a parse-error notice and is searched as
// plain text, so no connection string is lost.
package config

import (
	"fmt"
	"path"
	"strings"

	"github.com/pgtlslint/pgtlslint/analyzers/config/doc"
	"github.com/pgtlslint/pgtlslint/analyzers/config/dockerfile"
	"github.com/pgtlslint/pgtlslint/analyzers/config/env"
	"github.com/pgtlslint/pgtlslint/analyzers/config/ini"
	"github.com/pgtlslint/pgtlslint/analyzers/config/json"
	"github.com/pgtlslint/pgtlslint/analyzers/config/properties"
	"github.com/pgtlslint/pgtlslint/analyzers/config/toml"
	"github.com/pgtlslint/pgtlslint/analyzers/config/yaml"
	"github.com/pgtlslint/pgtlslint/analyzers/pgconf"
	"github.com/pgtlslint/pgtlslint/model/manifest"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
	"github.com/pgtlslint/pgtlslint/scan/filekind"
	"github.com/pgtlslint/pgtlslint/scan/result"
)

// The kinds Analyze understands; any other kind is searched as text.
const (
	KindEnv        = "env"
	KindYAML       = "yaml"
	KindJSON       = "json"
	KindTOML       = "toml"
	KindProperties = "properties"
	KindINI        = "ini"
	KindDockerfile = "dockerfile"
	KindShell      = "shell"
	KindText       = string(filekind.KindText)
	KindSQL        = string(pgconf.KindSQL)
)

// parsers are the formats' parsers by kind. Shell scripts, SQL and text have none: the whole
// file is one script or one text to search.
var parsers = map[string]doc.Parser{
	KindEnv:        env.Parse,
	KindYAML:       yaml.Parse,
	KindJSON:       json.Parse,
	KindTOML:       toml.Parse,
	KindProperties: properties.Parse,
	KindINI:        ini.Parse,
	KindDockerfile: dockerfile.Parse,
}

// Analyze finds the connection settings of one file. kind is one of the Kind constants; path
// is only copied into the targets (and its name decides a few things: CI workflow files,
// pg_service.conf). content is not kept: every target holds copies of what it needs. Spans are
// byte offsets into content; the caller computes lines with rules.Locate.
func Analyze(path string, kind string, content []byte, hint manifest.Hint) (ts []*rules.Target, ss []*rules.ServerConfig, ns []result.Notice) {
	defer func() {
		if r := recover(); r != nil {
			// A bug here must not cost the user the file: report it and fall back to the
			// plain-text search, which is simple enough to trust.
			ns = []result.Notice{{Path: path, Kind: result.NoticePanic, Message: fmt.Sprintf("config analyzer panic: %v", r)}}
			ts, ss = nil, nil
			func() {
				defer func() { _ = recover() }()
				d := textDocument(content, kind)
				ts, ss = newAnalysis(path, hint, d).run()
			}()
		}
	}()
	return analyze(path, kind, content, hint)
}

// analyze is Analyze without the safety net, for the fuzz test: there a panic must surface.
func analyze(path string, kind string, content []byte, hint manifest.Hint) ([]*rules.Target, []*rules.ServerConfig, []result.Notice) {
	if kind == KindSQL {
		// Connection strings in SQL are read by the server's libpq: dblink, postgres_fdw and
		// CREATE SUBSCRIPTION. The project's client driver has nothing to do with them.
		hint = manifest.Hint{Driver: drivers.Libpq, Evidence: "SQL: dblink, postgres_fdw and subscriptions connect with the server's libpq"}
	}
	var notices []result.Notice
	d, err := parse(path, kind, content)
	if err != nil {
		// What the broken parse found is dropped, and the text search finds every connection
		// string and variable setting in the file instead.
		notices = append(notices, result.Notice{Path: path, Kind: result.NoticeParseError, Message: err.Error()})
		d = textDocument(content, kind)
	}
	ts, ss := newAnalysis(path, hint, d).run()
	return ts, ss, notices
}

// parse reads content as its kind says.
func parse(path, kind string, content []byte) (*doc.Document, error) {
	base := 0
	if len(content) >= 3 && content[0] == 0xEF && content[1] == 0xBB && content[2] == 0xBF {
		// A UTF-8 byte order mark is not part of the first line's text.
		base = 3
	}
	if p := parsers[kind]; p != nil {
		return p(path, content, base)
	}
	if kind == KindShell {
		return script(doc.Verbatim(string(content[base:]), base), true, nil), nil
	}
	return textDocument(content, kind), nil
}

// textDocument is the whole file as text to search.
func textDocument(content []byte, kind string) *doc.Document {
	return script(doc.FileValue(content), false, textComments(kind))
}

// script is a document that is one script or one text.
func script(v doc.Value, shell bool, comments []string) *doc.Document {
	d := doc.New()
	d.Add(&doc.Script{Val: v, Scope: d.File(), Shell: shell, Comments: comments})
	return d
}

// textComments returns the line-comment markers of a kind searched as text: matches on lines
// that start with one are not configuration.
func textComments(kind string) []string {
	switch kind {
	case KindSQL:
		return []string{"--", "/*", "*"}
	case KindYAML, KindTOML, KindProperties, KindINI, KindEnv, KindDockerfile, KindShell:
		return []string{"#", ";", "!"}
	}
	return []string{"#", "//", "--", "/*", "*", ";", "<!--", "rem ", "REM ", "::"}
}

// ComposeServices returns the names a Compose file gives its containers on the project
// network: service names, container_name, hostname, network aliases and link aliases. They are
// local hosts for the rules (rules.Options.LocalServices). A file that does not parse gives
// none.
func ComposeServices(path string, content []byte) []string {
	_ = path
	return yaml.ComposeServices(content)
}

// IsCIWorkflow reports whether a slash-separated path is a CI workflow file, whose databases
// are ephemeral test databases: .github/workflows/*.yml and .gitlab-ci.yml.
func IsCIWorkflow(p string) bool {
	p = strings.ReplaceAll(p, "\\", "/")
	base := strings.ToLower(path.Base(p))
	if base == ".gitlab-ci.yml" || base == ".gitlab-ci.yaml" {
		return true
	}
	dir := path.Dir(p)
	return (strings.HasSuffix(dir, ".github/workflows") || dir == ".github/workflows") &&
		(strings.HasSuffix(base, ".yml") || strings.HasSuffix(base, ".yaml"))
}
