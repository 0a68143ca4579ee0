package doc

import (
	"regexp"
	"strings"
)

// Keys the formats share: which values are environments and which are shell commands.

// EnvKeys are keys whose value is a set of environment variables: each gets a scope of its own.
var EnvKeys = map[string]bool{
	"environment": true, "env": true, "variables": true, "data": true, "stringdata": true,
	"envvars": true, "extraenv": true, "extraenvvars": true, "containerenv": true, "remoteenv": true,
}

// ShellKeys are keys whose value is a shell command.
var ShellKeys = map[string]bool{
	"run": true, "script": true, "before_script": true, "after_script": true, "command": true,
	"entrypoint": true, "args": true, "cmd": true, "test": true,
}

// EnvItem matches a list item NAME=value (Compose environment: list form, docker args).
var EnvItem = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.]*=`)

// MaxScan bounds how far a scan looks around a match (for its quotes, its line), so that one
// long line with many matches stays linear.
const MaxScan = 1024

// EnvListItem returns the entry of a list item NAME=value at key path p whose list is an
// environment (the key is one of EnvKeys) or whose NAME is a client variable, or nil.
func EnvListItem(val Value, key, p string, sc *Scope) *Entry {
	m := EnvItem.FindStringIndex(val.Text)
	if m == nil {
		return nil
	}
	name := val.Text[:m[1]-1]
	if !IsClientVar(name) && !EnvKeys[strings.ToLower(key)] {
		return nil
	}
	return &Entry{Key: name, Path: JoinPath(p, name), Val: val.Sub(m[1], len(val.Text)), Pair: val.Full(), Scope: sc}
}
