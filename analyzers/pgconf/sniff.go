package pgconf

import (
	"bytes"

	"github.com/pgtlslint/pgtlslint/model/tmpl"
)

// What a line of a file says about the file being in postgresql.conf syntax.
type lineVote int

const (
	voteNone    lineVote = iota // blank, a comment, template syntax
	voteSetting                 // name = value with a name the server knows, or an include
	voteDotted                  // prefix.name = value: an extension's parameter
	voteOther                   // anything else: [section], key: value, an unknown name
)

// sniffSize is how much of a file countLines reads.
const sniffSize = 8 << 10

// lineCounts is what the lines of a file's start say about its syntax.
type lineCounts struct {
	known  int // set a parameter the server knows, or include a file
	other  int // anything else: [section], key: value, an unknown name
	dotted int // set an extension's parameter (any program may write a.b = c, sysctl does)
}

// countLines counts the lines of head; comments, blank lines and lines that start with a
// template action count for nothing.
func countLines(head []byte) lineCounts {
	var c lineCounts
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	if len(head) >= sniffSize {
		// The scan hands over the first 8 KiB: the last line may be cut (bgwriter_lru_maxp).
		head = head[:min(len(head), sniffSize)]
		if i := bytes.LastIndexByte(head, '\n'); i >= 0 {
			head = head[:i+1]
		}
	}
	for len(head) > 0 {
		line := head
		if i := bytes.IndexByte(head, '\n'); i >= 0 {
			line, head = head[:i], head[i+1:]
		} else {
			head = nil
		}
		switch voteOf(line) {
		case voteSetting:
			c.known++
		case voteOther:
			c.other++
		case voteDotted:
			c.dotted++
		}
	}
	return c
}

// voteOf reads the start of one line with the server's scanner: a name, then a blank, "=" or
// the end of the line.
func voteOf(line []byte) lineVote {
	line = bytes.TrimLeft(line, " \t\r")
	if len(line) == 0 || line[0] == '#' || tmpl.Starts(line) {
		return voteNone // a template's line that starts with an action may be anything
	}
	kind, n := scanToken(line)
	switch {
	case kind == tokQualifiedID:
		return voteDotted
	case kind != tokID:
		return voteOther // [section], key: value, program:name, a path
	case n < len(line) && line[n] != ' ' && line[n] != '\t' && line[n] != '\r' && line[n] != '=':
		return voteOther // key[0] = value, key(x)
	}
	switch name := asciiLower(string(line[:n])); {
	case parameterNames[name], name == "include", name == "include_if_exists", name == "include_dir":
		return voteSetting
	}
	return voteOther
}

// LooksLikeConf reports whether the start of a file named like a postgresql.conf (postgresql*.conf,
// a conf.d file under a PostgreSQL directory) is in its syntax: it sets parameters the server
// knows on no fewer lines than it does anything else, or it holds nothing to judge by
// (comments, template lines). Another program's file that shares the name (a fail2ban filter
// or jail, a supervisor program, a logrotate, collectd, telegraf, monit, nagios or rsyslog
// configuration) sets at most one such name (port) among many of its own, and a sysctl file
// only dotted names; a real one, however small (a conf.d snippet of two lines, a file Patroni
// wrote, the sample that is all comments), has few lines that are not settings.
func LooksLikeConf(head []byte) bool {
	c := countLines(head)
	if c.known == 0 {
		return c.other == 0 && c.dotted == 0
	}
	return c.known >= c.other
}

// sniffConf reports whether a *.conf file that no name claims is in postgresql.conf syntax: a
// clear majority of its lines set parameters the server knows, at least one in a conf.d
// directory and two elsewhere (one PostgreSQL-looking name, max_connections, is common in the
// configurations of other servers).
func sniffConf(head []byte, inConfD bool) bool {
	c := countLines(head)
	least := 2
	if inConfD {
		least = 1
	}
	return c.known >= least && c.known > c.other
}
