package doc

import (
	"regexp"
	"strings"
)

// placeholderHead matches the start of a value that is one placeholder with a default: Spring's
// ${NAME:default} and the shell's and Compose's ${NAME:-default} (also := - =).
var placeholderHead = regexp.MustCompile(`^\$\{[A-Za-z_][A-Za-z0-9_.\-\[\]]*(:-|:=|:|-|=)`)

// refNamespaces are the ${namespace:NAME} references of devcontainer.json and VS Code.
var refNamespaces = map[string]bool{"localEnv": true, "containerEnv": true, "env": true, "config": true, "input": true, "command": true}

// Fallback returns the default of a value that is exactly one placeholder with a default: that
// default is what the program reads when the variable is unset, so it is evaluated as a value
// of its own (rules.md, "Local targets").
func Fallback(v Value) (Value, bool) {
	found := false
	for range 8 { // nested defaults: ${A:${B:...}}
		m := placeholderHead.FindStringSubmatchIndex(v.Text)
		if m == nil || !hasDefault(v.Text, m) {
			break
		}
		v = v.Sub(m[1], len(v.Text)-1)
		found = true
	}
	return v, found && v.Text != ""
}

// hasDefault reports whether the placeholder whose head placeholderHead matched at m is the
// whole of s and has a default.
func hasDefault(s string, m []int) bool {
	op := s[m[2]:m[3]]
	if op == ":" && m[3] < len(s) && strings.IndexByte("+?", s[m[3]]) >= 0 {
		return false // ${NAME:?error} and ${NAME:+alternative} have no default
	}
	if op == ":" && refNamespaces[s[2:m[2]]] {
		return false // ${localEnv:NAME} (devcontainer.json, VS Code) is a reference, not a default
	}
	return matchBrace(s, 1) == len(s)-1 // else the placeholder is only part of the value
}

// Resolve returns the default of a value that is one placeholder with a default, or the value
// itself.
func Resolve(v Value) Value {
	if fb, ok := Fallback(v); ok {
		return fb
	}
	return v
}

// matchBrace returns the index of the '}' closing the '{' at s[open], or -1.
func matchBrace(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}
