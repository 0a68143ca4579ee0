package shell

import (
	"strings"

	"github.com/pgtlslint/pgtlslint/analyzers/config/doc"
	"github.com/pgtlslint/pgtlslint/rules"
)

// pgShortArg are the one-letter options of libpq's programs that take an argument.
const pgShortArg = "cdfhLopPRTUvFjnNtZESsWX"

// pgLongArg are long options that take an argument in the next word.
var pgLongArg = map[string]bool{
	"--host": true, "--port": true, "--username": true, "--dbname": true, "--command": true, "--file": true,
	"--set": true, "--variable": true, "--output": true, "--format": true, "--schema": true, "--table": true,
	"--jobs": true, "--log-file": true, "--field-separator": true, "--record-separator": true, "--pset": true,
	"--encoding": true, "--compress": true, "--exclude-schema": true, "--exclude-table": true, "--role": true,
}

// Conn is what the command line of a libpq program says about its connection.
type Conn struct {
	// DB is its -d or first operand and Host its -h; either may be nil.
	DB, Host *doc.Value
	// Open is true when a word known only at run time may add connection parameters: an
	// operand or option such as $PSQL_OPTS, a -d "$CONNINFO" (libpq reads a database name
	// that is a connection string as one).
	Open bool
}

// clientArgs are the connection arguments of a libpq program's command line and the words
// that hold them (-1: none).
type clientArgs struct {
	Conn
	hostWord, dbWord int
}

// client reads the arguments of psql and the other libpq programs.
func (r *reader) client(name string, args []word, sc *doc.Scope) {
	c := clientOptions(name, args)
	if !r.h.Client(name, c.Conn, sc) {
		c.dbWord = -1
	}
	for j, w := range args {
		if j != c.dbWord && j != c.hostWord {
			r.h.Text(w.val, sc, nil)
		}
	}
}

// clientOptions finds the -h and -d options (or the first operand) of program name.
func clientOptions(name string, args []word) clientArgs {
	c := clientArgs{hostWord: -1, dbWord: -1}
	firstPos := -1
	for j := 0; j < len(args); j++ {
		opt, arg, at := clientOption(args, j)
		if opt == "" {
			if !strings.HasPrefix(args[j].val.Text, "-") && firstPos < 0 {
				firstPos = j
			}
			c.Open = c.Open || runTimeWord(args[j].val.Text)
			continue
		}
		j = max(j, at)
		switch opt {
		case "-h", "--host":
			c.Host, c.hostWord = arg, at
		case "-d", "--dbname":
			c.DB, c.dbWord = arg, at
			c.Open = c.Open || arg != nil && runTimeWord(arg.Text)
		}
	}
	if c.DB == nil && firstPos >= 0 && name != "pg_restore" {
		// psql [option...] [dbname [username]]: the first operand may be a connection string.
		c.DB, c.dbWord = &args[firstPos].val, firstPos
	}
	return c
}

// runTimeWord reports whether a word (after quote removal) starts with an expansion: a
// placeholder, or the script's arguments ("$@", $1).
func runTimeWord(w string) bool {
	if len(w) > 1 && w[0] == '$' && strings.IndexByte("@*0123456789", w[1]) >= 0 {
		return true
	}
	return rules.StartsWithPlaceholder(w)
}

// clientOption reads the option at args[j]: its name ("" when it is not an option taking an
// argument, or not an option), its argument (nil when missing) and the word holding that.
func clientOption(args []word, j int) (opt string, arg *doc.Value, at int) {
	w := args[j].val
	s := w.Text
	next := func() (*doc.Value, int) {
		if j+1 < len(args) {
			sv := args[j+1].val
			return &sv, j + 1
		}
		return nil, j
	}
	switch {
	case strings.HasPrefix(s, "--") && strings.Contains(s, "="):
		eq := strings.IndexByte(s, '=')
		sv := w.Sub(eq+1, len(s))
		return s[:eq], &sv, j
	case strings.HasPrefix(s, "--") && pgLongArg[s]:
		arg, at = next()
		return s, arg, at
	case strings.HasPrefix(s, "--"):
		return s, nil, j
	case len(s) >= 2 && s[0] == '-' && strings.IndexByte(pgShortArg, s[1]) >= 0:
		if len(s) > 2 {
			sv := w.Sub(2, len(s))
			return s[:2], &sv, j
		}
		arg, at = next()
		return s[:2], arg, at
	}
	return "", nil, j
}
