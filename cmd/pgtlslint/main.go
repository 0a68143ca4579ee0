// Command pgtlslint finds insecure PostgreSQL connection settings: weak sslmode, certificate
// verification switched off, missing CAs, and the server-side settings that allow plaintext.
//
// Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage, configuration or I/O
// error.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
)

// Exit codes shared by every subcommand.
const (
	exitOK       = 0
	exitFindings = 1
	exitError    = 2
)

// usageError is a mistake in the command line: it is printed with a pointer to --help and
// exits 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return usageError{msg: fmt.Sprintf(format, args...)}
}

// errFindings reports that findings at or above the failure level were printed.
var errFindings = errors.New("findings")

// errReported is an error the command has already written to standard error: it exits 2
// without another word.
var errReported = errors.New("reported")

const mainHelp = `pgtlslint finds insecure PostgreSQL connection settings: weak sslmode, certificate
verification switched off, missing CAs, and server settings that allow plaintext. Each finding
names the driver that reads the setting and gives that driver's own fix.

Usage:
  pgtlslint <command> [flags] [arguments]

Commands:
  scan      scan files and directories (default .) and report findings
  explain   show how each driver reads one connection string, and what is wrong with it
  rules     list the rules, or show one rule's documentation (text, json or markdown)
  version   print the version

Run 'pgtlslint <command> --help' for a command's flags and examples.

Examples:
  pgtlslint scan .
  pgtlslint scan --format compact .   # one line per finding: path:line:col: severity RULEID message [driver]
  pgtlslint scan --format sarif --output pgtlslint.sarif .
  pgtlslint explain 'postgres://app@db.example.com/app?sslmode=require'
  pgtlslint explain --driver pgjdbc 'jdbc:postgresql://db/app?ssl=true'
  echo "$DATABASE_URL" | pgtlslint explain -      # keeps the string out of shell history
  pgtlslint rules PGTLS004                        # one rule: what fires, what does not, the fix
  pgtlslint rules --format markdown

Exit status: 0 nothing at or above the failure level, 1 findings, 2 usage or input error.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes one command line and returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		_, _ = io.WriteString(stderr, mainHelp)
		return exitError
	}
	var err error
	switch args[0] {
	case "scan":
		err = runScan(args[1:], stdout, stderr)
	case "explain":
		err = runExplain(args[1:], stdin, stdout)
	case "rules":
		err = runRules(args[1:], stdout)
	case "version", "--version":
		_, err = fmt.Fprintln(stdout, versionString())
	case "help", "-h", "--help":
		_, err = io.WriteString(stdout, mainHelp)
	default:
		err = usagef("unknown command %q", args[0])
	}
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errFindings):
		return exitFindings
	case errors.Is(err, errReported):
		return exitError
	case errors.As(err, &ue):
		// Nothing useful is left to do if standard error itself fails.
		_, _ = fmt.Fprintf(stderr, "pgtlslint: %s\nRun 'pgtlslint --help' for usage.\n", ue.msg)
		return exitError
	default:
		_, _ = fmt.Fprintf(stderr, "pgtlslint: %v\n", err)
		return exitError
	}
}

// version is set at link time by builds that know their release but have no module version:
// the GitHub Action builds from its source with -ldflags "-X main.version=<the action's ref>".
var version string

// devel is the version of a build nothing is known about, as the go command writes it.
const devel = "(devel)"

// moduleVersion is the version of the binary: the one set at link time, else what the go
// command recorded (versionOf).
func moduleVersion() string {
	if version != "" {
		return version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return devel
	}
	return versionOf(bi)
}

// versionOf reads a build's version: the main module's (v1.2.3 from go install
// module@version; a pseudo-version from a checkout's git tag or commit since Go 1.24), else
// the checkout's revision (-dirty with uncommitted changes), else "(devel)". A build with
// -buildvcs=false of a checkout knows nothing.
func versionOf(bi *debug.BuildInfo) string {
	if v := bi.Main.Version; v != "" && v != devel {
		return v
	}
	rev, modified := "", false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev == "" {
		return devel
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if modified {
		rev += "-dirty"
	}
	return rev
}

// versionString is the line `pgtlslint version` prints: the version and the Go release that
// built it.
func versionString() string {
	v := moduleVersion()
	if bi, ok := debug.ReadBuildInfo(); ok {
		return "pgtlslint " + v + " (" + bi.GoVersion + ")"
	}
	return "pgtlslint " + v
}
