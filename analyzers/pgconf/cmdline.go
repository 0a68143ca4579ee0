package pgconf

import "strings"

// CommandLineSetting reads one run-time parameter given on the postgres command line: the
// NAME=VALUE word after -c, the same word attached to it (-cNAME=VALUE), or a long option
// --NAME=VALUE. It splits at the first "=" and turns "-" into "_" in the name, as the
// server's ParseLongOption does (src/backend/utils/misc/guc.c), so --ssl-min-protocol-version
// names ssl_min_protocol_version. The name is lower-cased (parameter names are
// case-insensitive); the value is kept as written: the shell or YAML already removed its
// quotes. ok is false without an "=" (the server stops: "-c NAME requires a value") or
// with an empty name.
func CommandLineSetting(arg string) (name, value string, ok bool) {
	s := arg
	switch {
	case strings.HasPrefix(s, "--"):
		s = s[2:]
	case strings.HasPrefix(s, "-c"):
		s = s[2:]
	case strings.HasPrefix(s, "-"):
		return "", "", false // another option, not a parameter
	}
	name, value, ok = strings.Cut(s, "=")
	if !ok || name == "" || strings.HasPrefix(name, "-") {
		return "", "", false
	}
	return asciiLower(strings.ReplaceAll(name, "-", "_")), value, true
}

// ShortOptionSetting is the parameter that one of the postmaster's short options sets
// (postmaster.c): -h HOST is listen_addresses = HOST, -i is listen_addresses = '*', -l is
// ssl = true, -p PORT is port. arg is the option's argument ("" for -i and -l). ok is false for
// other options.
func ShortOptionSetting(opt, arg string) (name, value string, ok bool) {
	switch opt {
	case "-h":
		return "listen_addresses", arg, true
	case "-i":
		return "listen_addresses", "*", true
	case "-l":
		return "ssl", "true", true
	case "-p":
		return "port", arg, true
	}
	return "", "", false
}
