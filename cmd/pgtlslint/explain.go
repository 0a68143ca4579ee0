package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/pflag"

	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

const explainHelp = `Usage: pgtlslint explain [--driver NAME] [--format text|json] CONNSTRING

Shows how PostgreSQL drivers read one connection string: the parameters (by libpq keyword
name), whether libpq would reject the string and why, and for each driver that reads this kind
of string whether the connection is encrypted, verifies the CA, verifies the host name, and can
fall back to plaintext. Then the findings for one driver, each with that driver's fix.

CONNSTRING may be a libpq URI (postgres://...), a libpq keyword=value string, a JDBC URL
(jdbc:postgresql://...), an ADO.NET string (Host=...;SSL Mode=...), a SQLAlchemy URL
(postgresql+asyncpg://...), a PDO DSN (pgsql:...) or an R2DBC URL. Use - to read it from
standard input, which keeps a password out of shell history. Passwords are never printed.

Without --driver, findings use the driver the string itself names (jdbc: → pgjdbc,
postgresql+asyncpg:// → asyncpg, Host=...; → Npgsql) or else libpq semantics. A string that
is none of these (a mysql:// or redis:// URL, jdbc:mysql:, words without "=") is an error (exit
2) that says so; a bare keyword such as host=db is a connection string.

Examples:
  pgtlslint explain 'postgres://app@db.example.com/app?sslmode=require'
  pgtlslint explain --driver node-postgres 'postgres://db.example.com/app?sslmode=require'
  pgtlslint explain --format json 'host=db.example.com sslmode=verify-full'
  pgtlslint explain --fail-on warning 'postgres://db.example.com/app'   # exit 1 on a finding
  echo "$DATABASE_URL" | pgtlslint explain -            # keeps the string out of shell history

Exit status: 0, 1 with --fail-on and a finding at or above it, 2 for a usage error or a string
that is not a connection string.

Flags:
`

func runExplain(args []string, stdin io.Reader, stdout io.Writer) error {
	fs := pflag.NewFlagSet("explain", pflag.ContinueOnError)
	driver := fs.String("driver", "", "read the string as driver `NAME` does (the drivers are listed below)")
	format := fs.String("format", "text", "the `FORMAT` of the explanation: text or json")
	failOn := fs.String("fail-on", "never", "exit 1 when a finding is at or above `LEVEL`: error, warning, note or never")
	help := fs.BoolP("help", "h", false, "show this help")
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		return usagef("explain: %v", err)
	}
	if *help {
		_, err := io.WriteString(stdout, explainHelp+flagUsages(fs)+driversHelp())
		return err
	}
	if fs.NArg() != 1 {
		return usagef("explain takes exactly one connection string (or - for standard input), got %d arguments", fs.NArg())
	}
	var id drivers.ID
	if *driver != "" {
		d, ok := drivers.Lookup(*driver)
		if !ok {
			return usagef("explain: unknown driver %q (known: %s)", *driver, strings.Join(drivers.Names(), ", "))
		}
		id = d.ID
	}
	threshold, err := parseFailOn(*failOn)
	if err != nil {
		return err
	}
	s := fs.Arg(0)
	if s == "-" {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && err != io.EOF {
			return fmt.Errorf("reading the connection string from standard input: %w", err)
		}
		s = strings.TrimRight(line, "\r\n")
	}
	if err := rules.CheckConnString(s); err != nil {
		// A table of defaults for a string no driver reads would look like an answer.
		return fmt.Errorf("explain: %w", err)
	}
	ex := rules.Explain(s, id, rules.Options{})
	switch *format {
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(ex); err != nil {
			return err
		}
	case "text":
		if _, err := io.WriteString(stdout, explainText(ex)); err != nil {
			return err
		}
	default:
		return usagef("explain: unknown --format %q (want text or json)", *format)
	}
	for _, f := range ex.Findings {
		if threshold > 0 && f.Severity.Rank() >= threshold {
			return errFindings
		}
	}
	return nil
}

// parseFailOn turns --fail-on into a severity rank; 0 means never fail.
func parseFailOn(v string) (int, error) {
	if v == "never" {
		return 0, nil
	}
	sev, err := rules.ParseSeverity(v)
	if err != nil {
		return 0, usagef("--fail-on: %v (or never)", err)
	}
	return sev.Rank(), nil
}

var syntaxNames = map[string]string{
	"uri": "libpq URI", "keyword": "libpq keyword=value", "jdbc": "JDBC URL",
	"adonet": "ADO.NET (Npgsql)", "r2dbc": "R2DBC URL", "pdo": "PDO DSN",
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// explainText renders an explanation for people. It builds the whole text first so that a
// failing writer is reported once, by the caller.
func explainText(ex rules.Explanation) string {
	var b strings.Builder
	w := &b
	fmt.Fprintf(w, "Connection string: %s\n", ex.Input)
	syn := syntaxNames[ex.Syntax]
	if syn == "" {
		syn = ex.Syntax
	}
	fmt.Fprintf(w, "Syntax:            %s\n", syn)
	if ex.Error != "" {
		fmt.Fprintf(w, "Rejected:          %s\n", ex.Error)
	}
	if len(ex.Params) > 0 {
		fmt.Fprintln(w, "\nParameters:")
		keys := make([]string, 0, len(ex.Params))
		for k := range ex.Params {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		rows := make([][]string, 0, len(keys))
		for _, k := range keys {
			rows = append(rows, []string{k, ex.Params[k]})
		}
		b.WriteString(table("  ", rows))
	}
	fmt.Fprintln(w, "\nHow each driver reads it:")
	rows := [][]string{{"DRIVER", "DECIDED BY", "ENCRYPTS", "VERIFIES CA", "VERIFIES HOST", "PLAINTEXT FALLBACK", "FINDINGS"}}
	for _, r := range ex.Drivers {
		var ids []string
		for _, f := range r.Findings {
			ids = append(ids, strings.Fields(f)[0])
		}
		found := strings.Join(ids, ",")
		if found == "" {
			found = "-"
		}
		enc := string(r.Encrypts)
		if r.Dynamic {
			enc = "unknown (set at run time)"
		}
		rows = append(rows, []string{r.Name, r.Setting, enc, yesNo(r.VerifiesCA), yesNo(r.VerifiesHost), yesNo(r.Fallback), found})
	}
	b.WriteString(table("  ", rows))
	fmt.Fprintf(w, "\nFindings (%s", ex.DriverName)
	if ex.Evidence != "" {
		fmt.Fprintf(w, ", from %s", ex.Evidence)
	}
	fmt.Fprintln(w, "):")
	if len(ex.Findings) == 0 {
		fmt.Fprintln(w, "  none")
	}
	for _, f := range ex.Findings {
		fmt.Fprintf(w, "  %s %s %s (col %d)\n    %s\n", f.Severity, f.RuleID, f.RuleName, f.Start.Col, f.Message)
	}
	if ex.Fixed != "" {
		fmt.Fprintf(w, "\nWith the fixes applied:\n  %s\n", ex.Fixed)
	}
	return b.String()
}
