package walk

import (
	"bytes"
	"path"
	"strings"

	"github.com/pgtlslint/pgtlslint/analyzers/pghba"
)

// Kind is what a file is, as far as choosing its analyzer goes.
type Kind string

// The kinds. KindNone means the file is not scanned (documentation, images,
// unknown formats).
const (
	KindNone       Kind = ""
	KindGo         Kind = "go"
	KindPython     Kind = "python"
	KindJavaScript Kind = "javascript"
	KindTypeScript Kind = "typescript"
	KindJava       Kind = "java"
	KindEnv        Kind = "env"
	KindYAML       Kind = "yaml"
	KindJSON       Kind = "json"
	KindTOML       Kind = "toml"
	KindProperties Kind = "properties"
	KindINI        Kind = "ini"
	KindDockerfile Kind = "dockerfile"
	KindShell      Kind = "shell"
	KindPgHBA      Kind = "pghba"
	KindPgConf     Kind = "pgconf"
	KindSQL        Kind = "sql"
	// KindText is any other source or config file: analyzers look for
	// connection strings in it without parsing its syntax.
	KindText Kind = "text"
)

// Classify tells a file's kind from its slash- or OS-separated path and, for
// the few names that do not decide it, from head, the first bytes of the
// file (a shebang line; a conf.d file's settings). head may be nil: then
// such files classify as if head were empty, which is KindNone or KindINI.
//
// Documentation (see IsDoc) is KindNone: prose quotes connection strings as
// examples, and a finding there is noise. The walker scans it anyway when an
// --include pattern names it.
//
// Template and sample suffixes (.j2, .tmpl, .example, .sample, ...) are
// looked through: config.yml.j2 is YAML, .env.example is an env file.
func Classify(p string, head []byte) Kind {
	k, need := classifyName(p)
	return classifyHead(k, need, head)
}

// headNeed says what classifyName could not decide from the name.
type headNeed uint8

const (
	byName    headNeed = iota // the name decided
	byShebang                 // no extension: a shebang may make it a script
	byConfD                   // conf.d/*.conf: PostgreSQL's if it sets PostgreSQL settings, else INI
	byConf                    // another *.conf: pg_hba.conf or postgresql.conf by content, else INI
)

// classifyName classifies by name alone, and says when the content must
// decide.
func classifyName(p string) (k Kind, need headNeed) {
	p = strings.ReplaceAll(p, "\\", "/")
	base := strings.ToLower(path.Base(p))
	dir := strings.ToLower(path.Base(path.Dir(p)))

	// PostgreSQL's own files first: their names end in .conf like INI files.
	switch {
	case strings.HasPrefix(base, "pg_hba") && strings.Contains(base, ".conf"), path.Ext(base) == ".hba":
		return KindPgHBA, byName
	case strings.HasPrefix(base, "postgresql") && strings.Contains(base, ".conf"), base == "recovery.conf":
		return KindPgConf, byName
	}
	if IsDoc(p) {
		return KindNone, byName
	}
	name := stripTemplate(base)
	ext := path.Ext(name)
	switch {
	case name == "dockerfile" || name == "containerfile",
		strings.HasPrefix(name, "dockerfile.") || strings.HasPrefix(name, "containerfile."),
		ext == ".dockerfile" || ext == ".containerfile":
		return KindDockerfile, byName
	case name == ".env" || strings.HasPrefix(name, ".env.") || ext == ".env":
		return KindEnv, byName
	case ext == ".conf" && dir == "conf.d":
		if mentionsPostgres(path.Dir(path.Dir(p))) {
			return KindPgConf, byName
		}
		return KindINI, byConfD
	}
	if ext == ".conf" {
		return KindINI, byConf
	}
	if k, ok := kindByExt[ext]; ok {
		return k, byName
	}
	if k, ok := kindByName[name]; ok {
		return k, byName
	}
	if ext == "" {
		return KindNone, byShebang
	}
	return KindNone, byName
}

// classifyHead decides what classifyName left open.
func classifyHead(k Kind, need headNeed, head []byte) Kind {
	switch need {
	case byConfD:
		if looksLikePgConf(head) {
			return KindPgConf
		}
		return KindINI
	case byConf:
		switch {
		case pghba.LooksLikeHBA(head):
			return KindPgHBA
		case pgConfNames(head) >= 2:
			// One PostgreSQL-looking name (max_connections) is common in other configs.
			return KindPgConf
		}
		return KindINI
	case byShebang:
		return shebangKind(head)
	}
	return k
}

// templateSuffixes are dropped before classifying: the file under them is
// what it will be once rendered or copied.
var templateSuffixes = []string{
	".j2", ".jinja", ".jinja2", ".tmpl", ".tpl", ".template", ".gotmpl", ".mustache", ".hbs", ".erb",
	".example", ".sample", ".dist", ".default", ".orig", ".in",
}

func stripTemplate(base string) string {
	for {
		cut := false
		for _, s := range templateSuffixes {
			if len(base) > len(s) && strings.HasSuffix(base, s) {
				base = base[:len(base)-len(s)]
				cut = true
			}
		}
		if !cut {
			return base
		}
	}
}

var kindByExt = map[string]Kind{
	".go": KindGo,
	".py": KindPython, ".pyw": KindPython,
	".js": KindJavaScript, ".mjs": KindJavaScript, ".cjs": KindJavaScript, ".jsx": KindJavaScript,
	".ts": KindTypeScript, ".tsx": KindTypeScript, ".mts": KindTypeScript, ".cts": KindTypeScript,
	".java": KindJava,
	".yml":  KindYAML, ".yaml": KindYAML,
	".json":       KindJSON,
	".toml":       KindTOML,
	".properties": KindProperties,
	// INI-like: also pg_service.conf, my.cnf, systemd units (Environment=).
	".ini": KindINI, ".cfg": KindINI, ".conf": KindINI, ".cnf": KindINI, ".service": KindINI,
	".sh": KindShell, ".bash": KindShell, ".zsh": KindShell, ".ksh": KindShell,
	".sql": KindSQL, ".psql": KindSQL, ".pgsql": KindSQL,
	// Other languages and formats: searched for connection strings as text.
	".xml": KindText, ".config": KindText, ".plist": KindText,
	".cs": KindText, ".csx": KindText, ".vb": KindText, ".fs": KindText, ".fsx": KindText,
	".cshtml": KindText, ".razor": KindText, ".aspx": KindText, ".jsp": KindText,
	".rb": KindText, ".rake": KindText, ".php": KindText, ".rs": KindText,
	".kt": KindText, ".kts": KindText, ".scala": KindText, ".sc": KindText, ".sbt": KindText,
	".groovy": KindText, ".gradle": KindText, ".clj": KindText, ".cljs": KindText, ".edn": KindText,
	".tf": KindText, ".tfvars": KindText, ".hcl": KindText, ".nomad": KindText, ".bicep": KindText,
	".nix": KindText, ".jsonnet": KindText, ".libsonnet": KindText, ".cue": KindText,
	".json5": KindText, ".jsonc": KindText, ".ipynb": KindText,
	".c": KindText, ".h": KindText, ".cc": KindText, ".cpp": KindText, ".cxx": KindText, ".hpp": KindText,
	".m": KindText, ".mm": KindText, ".swift": KindText, ".dart": KindText, ".zig": KindText,
	".ex": KindText, ".exs": KindText, ".erl": KindText, ".hrl": KindText, ".hs": KindText, ".ml": KindText,
	".lua": KindText, ".pl": KindText, ".pm": KindText, ".r": KindText, ".jl": KindText, ".cr": KindText, ".nim": KindText,
	".ps1": KindText, ".psm1": KindText, ".bat": KindText, ".cmd": KindText,
	".vue": KindText, ".svelte": KindText, ".astro": KindText,
	".prisma": KindText, ".mk": KindText,
}

// kindByName covers well-known files with no telling extension.
var kindByName = map[string]Kind{
	".envrc": KindShell, ".bashrc": KindShell, ".bash_profile": KindShell, ".profile": KindShell,
	".zshrc": KindShell, ".zprofile": KindShell, ".zshenv": KindShell,
	"pipfile":  KindTOML,
	".npmrc":   KindINI,
	"makefile": KindText, "gnumakefile": KindText, "jenkinsfile": KindText, "procfile": KindText,
	"vagrantfile": KindText, "gemfile": KindText, "rakefile": KindText, "caddyfile": KindText,
	"tiltfile": KindText, ".pgpass": KindText,
}

// docExts and docNames are prose. .txt is counted as prose too: in
// repositories it is notes, licences and requirements lists, none of which
// configure a connection.
var docExts = map[string]bool{
	".md": true, ".markdown": true, ".mdown": true, ".mkd": true, ".mdx": true,
	".rst": true, ".adoc": true, ".asciidoc": true, ".txt": true, ".text": true,
	".org": true, ".rdoc": true, ".textile": true, ".pod": true,
}

var docNames = map[string]bool{
	"readme": true, "license": true, "licence": true, "copying": true, "notice": true,
	"authors": true, "contributors": true, "changelog": true, "changes": true, "history": true,
	"news": true, "maintainers": true, "codeowners": true,
}

// IsDoc reports whether p names documentation: Markdown, reStructuredText,
// AsciiDoc, plain text and the like by extension, or README, LICENSE,
// CHANGELOG... with no extension.
func IsDoc(p string) bool {
	base := strings.ToLower(path.Base(strings.ReplaceAll(p, "\\", "/")))
	ext := path.Ext(base)
	if docExts[ext] {
		return true
	}
	return ext == "" && docNames[base]
}

// mentionsPostgres reports whether a directory path names PostgreSQL in one
// of its elements (postgres, postgresql, pg, pg16, pgsql...).
func mentionsPostgres(dir string) bool {
	for _, e := range strings.Split(strings.ToLower(dir), "/") {
		if strings.Contains(e, "postgres") || strings.HasPrefix(e, "pg") {
			return true
		}
	}
	return false
}

// pgConfSettings are setting names that only postgresql.conf uses; one of
// them in a conf.d file makes it PostgreSQL's.
var pgConfSettings = [][]byte{
	[]byte("listen_addresses"), []byte("shared_buffers"), []byte("max_connections"),
	[]byte("ssl_cert_file"), []byte("ssl_key_file"), []byte("ssl_ca_file"), []byte("ssl_min_protocol_version"),
	[]byte("password_encryption"), []byte("hba_file"), []byte("wal_level"), []byte("work_mem"),
	[]byte("log_min_duration_statement"), []byte("shared_preload_libraries"),
}

func looksLikePgConf(head []byte) bool {
	return pgConfNames(head) > 0
}

// pgConfNames counts the pgConfSettings names in head.
func pgConfNames(head []byte) int {
	n := 0
	for _, s := range pgConfSettings {
		if bytes.Contains(head, s) {
			n++
		}
	}
	return n
}

// shebangKind reads "#!/usr/bin/env python3", "#!/bin/sh -e" and the like.
func shebangKind(head []byte) Kind {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	if !bytes.HasPrefix(head, []byte("#!")) {
		return KindNone
	}
	line := head[2:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	fields := strings.Fields(string(line))
	if len(fields) == 0 {
		return KindNone
	}
	interp := path.Base(fields[0])
	if interp == "env" {
		interp = ""
		for _, f := range fields[1:] {
			if strings.HasPrefix(f, "-") || strings.Contains(f, "=") {
				continue // env's own options and VAR=value
			}
			interp = path.Base(f)
			break
		}
	}
	interp = strings.TrimRight(interp, "0123456789.") // python3.12, bash5
	switch interp {
	case "sh", "bash", "dash", "zsh", "ksh", "ash", "mksh":
		return KindShell
	case "python", "pypy":
		return KindPython
	case "node", "nodejs", "bun":
		return KindJavaScript
	case "deno", "ts-node", "tsx":
		return KindTypeScript
	case "":
		return KindNone
	}
	return KindText // ruby, perl, php...
}
