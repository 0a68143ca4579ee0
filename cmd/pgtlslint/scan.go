package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/pgtlslint/pgtlslint/report"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
	"github.com/pgtlslint/pgtlslint/sarif"
	"github.com/pgtlslint/pgtlslint/scan"
	projectconfig "github.com/pgtlslint/pgtlslint/scan/config"
	"github.com/pgtlslint/pgtlslint/scan/filter"
	"github.com/pgtlslint/pgtlslint/scan/fix"
	"github.com/pgtlslint/pgtlslint/scan/result"
)

const scanHelp = `Usage: pgtlslint scan [flags] [PATH...]

Scans files and directories (default: the current directory) for insecure PostgreSQL
connection settings. Honours .gitignore (files git tracks are scanned anyway), skips .git,
node_modules, vendor, testdata and minified JS, and skips documentation unless --include names
it.

Each file follows the nearest .pgtlslint.yml in its directory or above it, up to the root of
its git repository; that file alone decides (nothing is merged from those above), and its
include, exclude and drivers globs are relative to its own directory, so scanning from the top,
from a subdirectory or file by file gives the same result. Flags win: --include and --exclude
add to every file's globs, --driver, --fail-on and --max-file-size beat every file's settings,
and --config FILE is the configuration of every file (globs relative to the working directory).

Findings in test code (*_test.go, *.test.*, *.spec.*, test_*.py, conftest.py, directories such
as test/, tests/, __tests__/, src/test/, fixtures/, e2e/, spec/, below the scanned directory)
are not reported, only counted in the summary; --tests reports them.

Each finding names the driver that reads the setting (from the connection string itself, the
nearest go.mod, package.json, requirements.txt, pyproject.toml, pom.xml or build.gradle, or
--driver) and that driver's fix. Passwords are never printed.

Suppress a finding with a comment on its line or the line above:
  # pgtlslint:ignore PGTLS002 -- reason

Examples:
  pgtlslint scan .
  pgtlslint scan --format compact . | grep PGTLS001    # one line per finding
  pgtlslint scan --format sarif -o pgtlslint.sarif .   # for GitHub code scanning
  pgtlslint scan --fail-on error deploy/ .env
  pgtlslint scan services/api        # follows services/api/.pgtlslint.yml, else the nearest above
  pgtlslint scan --config ci/pgtlslint.yml .         # one configuration for every file
  pgtlslint scan --exclude 'legacy/**' --include 'docs/**/*.md' .   # only docs/**/*.md, not legacy/
  pgtlslint scan --fix .              # apply the automatic fixes in place
  pgtlslint scan --new-from-rev origin/main .        # only what a branch adds
  pgtlslint scan --write-baseline .pgtlslint-baseline.json .   # accept today's findings
  pgtlslint scan --baseline .pgtlslint-baseline.json .         # ... and report only new ones
  pgtlslint scan -q . && echo clean   # findings only; the exit status says the rest
  pgtlslint scan -v .                 # every skipped file and parse error by name

Output: the text report shows each finding with its line, the fix and the driver; then the
notices, one line per kind when there are several ("3 files skipped: larger than 1 MiB
(--verbose lists them)"); then a summary: how many files the walk found ("walked": not
excluded by .gitignore or the default excludes), how many it read (files of a kind pgtlslint
reads), and how many it analyzed (those that mention PostgreSQL or TLS settings). --quiet
leaves out all but the findings. JSON and SARIF hold every notice.

Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage, configuration or I/O
error: also when a PATH does not exist (the other PATHs are scanned and reported first).

Flags:
`

// scanFlags are the parsed command line of scan.
type scanFlags struct {
	format, output, config, failOn, driver string
	include, exclude                       []string
	fix, includeSuppressed, noColor, tests bool
	quiet, verbose                         bool
	newFromRev, baseline, writeBaseline    string
	maxSize                                string
	jobs                                   int
}

// scanFormats are the values of scan --format.
var scanFormats = []string{"text", "compact", "json", "sarif", "github"}

// newScanFlags declares scan's flags on a new flag set.
func newScanFlags(f *scanFlags) *pflag.FlagSet {
	fs := pflag.NewFlagSet("scan", pflag.ContinueOnError)
	fs.StringVar(&f.format, "format", "text", "the report's `FORMAT`: text (findings with code frames), compact (one line per finding: path:line:col: severity RULEID message [driver]), json, sarif or github (workflow annotations)")
	fs.StringVarP(&f.output, "output", "o", "", "write the report to `FILE` instead of standard output (standard error says so, unless --quiet)")
	fs.StringVar(&f.config, "config", "", "use `FILE` as the configuration of every file, its globs relative to the working directory (default: each file's nearest .pgtlslint.yml, up to the git root)")
	fs.StringVar(&f.failOn, "fail-on", "", "exit 1 when a finding is at or above `LEVEL`: error, warning, note or never (default: its configuration's fail-on, else warning)")
	fs.StringVar(&f.driver, "driver", "", "read connection settings as driver `NAME` does unless they name one (the drivers are listed below)")
	fs.StringArrayVar(&f.include, "include", nil, "scan only files matching the doublestar `GLOB` or a configuration's include, documentation too (repeatable; e.g. 'docs/**/*.md')")
	fs.StringArrayVar(&f.exclude, "exclude", nil, "skip files matching the doublestar `GLOB` (repeatable)")
	fs.StringVar(&f.newFromRev, "new-from-rev", "", "report only findings on lines added or changed since git `REV` (git diff REV: the working tree, renames followed; untracked files count as new)")
	fs.StringVar(&f.baseline, "baseline", "", "hide the findings whose fingerprints `FILE` holds (written by --write-baseline)")
	fs.StringVar(&f.writeBaseline, "write-baseline", "", "write the fingerprints of the findings to `FILE` instead of a report, and exit 0: later scans with --baseline FILE report only new ones")
	fs.BoolVar(&f.fix, "fix", false, "apply the findings' automatic fixes to the files in place, then report what is left")
	fs.BoolVar(&f.includeSuppressed, "include-suppressed", false, "report suppressed findings too (marked as suppressed)")
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "print the findings only: no notices and no summary in text, compact and github output, and no status lines on standard error (errors still are); JSON and SARIF are unchanged")
	fs.BoolVarP(&f.verbose, "verbose", "v", false, "list every notice (skipped files, parse errors) in text and compact output instead of a count per kind")
	fs.BoolVar(&f.tests, "tests", false, "report findings in test code too (*_test.go, *.test.ts, tests/, src/test/, ...; tests: true in .pgtlslint.yml does the same)")
	fs.BoolVar(&f.noColor, "no-color", false, "never colour the text output (NO_COLOR is honoured too)")
	fs.StringVar(&f.maxSize, "max-file-size", "", "skip files larger than `SIZE` (default 1MiB), counted as skipped")
	fs.IntVarP(&f.jobs, "jobs", "j", 0, "analyze `N` files in parallel (default: the number of CPUs)")
	return fs
}

func runScan(args []string, stdout, stderr io.Writer) error {
	var f scanFlags
	fs := newScanFlags(&f)
	help := fs.BoolP("help", "h", false, "show this help")
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		return usagef("scan: %v", err)
	}
	if *help {
		_, err := io.WriteString(stdout, scanHelp+flagUsages(fs)+driversHelp())
		return err
	}
	if !slices.Contains(scanFormats, f.format) {
		return usagef("scan: unknown --format %q (want %s)", f.format, strings.Join(scanFormats, ", "))
	}
	if f.quiet && f.verbose {
		return usagef("scan: --quiet and --verbose contradict each other")
	}
	roots := fs.Args()
	if len(roots) == 0 {
		roots = []string{"."}
	}
	opts, err := scanOptions(f, roots)
	if err != nil {
		return err
	}
	if f.failOn != "" {
		if _, err := parseFailOn(f.failOn); err != nil {
			return err
		}
	}
	flt, err := loadFilters(f)
	if err != nil {
		return err
	}
	rep, fps, err := scanAndFix(f, opts, flt, stderr)
	if err != nil {
		return err
	}
	if len(rep.RootErrors) == len(roots) {
		// Nothing was scanned: a report would only say so.
		return reportRootErrors(rep, stderr)
	}
	if f.writeBaseline != "" {
		if err := writeBaseline(f, rep, fps, stderr); err != nil {
			return err
		}
	} else if err := writeReport(f, rep, stdout, stderr); err != nil {
		return err
	}
	if len(rep.RootErrors) > 0 {
		return reportRootErrors(rep, stderr)
	}
	if f.writeBaseline != "" {
		// The findings are accepted now: writing the baseline is a success.
		return nil
	}
	return failOnFindings(rep, f.failOn)
}

// scanAndFix scans, filters, and with --fix applies the fixes and rescans.
func scanAndFix(f scanFlags, opts scan.Options, flt filters, stderr io.Writer) (*scan.Report, []string, error) {
	run := func() (*scan.Report, []string, error) {
		rep, err := scan.Run(opts)
		if err != nil {
			return nil, nil, err
		}
		return rep, flt.apply(rep), nil
	}
	rep, fps, err := run()
	if err != nil || !f.fix {
		return rep, fps, err
	}
	status := stderr
	if f.quiet {
		status = io.Discard
	}
	return fixLoop(run, rep, fps, status)
}

// writeBaseline writes the baseline in place of a report, and says so.
func writeBaseline(f scanFlags, rep *scan.Report, fps []string, stderr io.Writer) error {
	n, err := filter.WriteBaseline(f.writeBaseline, rep.Results, fps)
	if err != nil {
		return fmt.Errorf("--write-baseline: %w", err)
	}
	if !f.quiet {
		_, _ = fmt.Fprintf(stderr, "pgtlslint: wrote %s to %s\n", plural(n, "finding", "findings"), f.writeBaseline)
	}
	return nil
}

// reportRootErrors says, one line each, which roots could not be scanned: the scan fails.
func reportRootErrors(rep *scan.Report, stderr io.Writer) error {
	for _, err := range rep.RootErrors {
		_, _ = fmt.Fprintf(stderr, "pgtlslint: %v\n", err)
	}
	return errReported
}

// failOnFindings returns errFindings when a finding that is not suppressed reaches its failure
// level (failLevel).
func failOnFindings(rep *scan.Report, failOn string) error {
	for _, r := range rep.Results {
		if r.Suppressed == nil && failsAt(r.Severity, failLevel(failOn, rep.ConfigFor(r.Path))) {
			return errFindings
		}
	}
	return nil
}

// failLevel is the failure level of a finding in a file governed by cfg: --fail-on, else the
// fail-on of the file's configuration, else warning.
func failLevel(flag string, cfg *projectconfig.Config) string {
	if flag != "" {
		return flag
	}
	if cfg.FailOn != "" {
		return cfg.FailOn
	}
	return "warning"
}

// failsAt reports whether a finding of this severity reaches the failure level (error,
// warning, note or never: the flag's value was checked, the configuration's too, when read).
func failsAt(sev rules.Severity, level string) bool {
	threshold, err := parseFailOn(level)
	return err == nil && threshold > 0 && sev.Rank() >= threshold
}

// scanOptions turns flags into scan options: --config FILE for every file, else each file's
// nearest .pgtlslint.yml (projectconfig.Finder), whose settings the flags beat.
func scanOptions(f scanFlags, roots []string) (scan.Options, error) {
	opts := scan.Options{Roots: roots, Include: f.include, Exclude: f.exclude, Configs: projectconfig.NewFinder(), Workers: f.jobs, Tests: f.tests}
	if f.config != "" {
		var err error
		if opts.Configs, err = projectconfig.LoadFixed(f.config); err != nil {
			return opts, err
		}
	}
	if f.maxSize != "" {
		n, err := projectconfig.ParseSize(f.maxSize)
		if err != nil {
			return opts, usagef("--max-file-size: %v", err)
		}
		opts.MaxFileSize = n
	}
	if f.driver != "" {
		d, ok := drivers.Lookup(f.driver)
		if !ok {
			return opts, usagef("--driver: unknown driver %q (known: %s)", f.driver, strings.Join(drivers.Names(), ", "))
		}
		opts.Driver = d.ID
	}
	return opts, nil
}

// maxFixRounds bounds --fix: each round applies the non-overlapping edits and rescans.
const maxFixRounds = 4

// fixLoop applies fixes and rescans until no automatic fix is left (or the rounds run out), and
// returns the final report.
func fixLoop(run func() (*scan.Report, []string, error), rep *scan.Report, fps []string, stderr io.Writer) (*scan.Report, []string, error) {
	fixedFiles := map[string]bool{}
	total := 0
	for range maxFixRounds {
		byFile := map[string][]rules.Edit{}
		for _, r := range rep.Results {
			if r.Suppressed != nil || r.Fix == nil {
				continue
			}
			for _, e := range r.Fix.Edits {
				byFile[e.Path] = append(byFile[e.Path], e)
			}
		}
		if len(byFile) == 0 {
			break
		}
		paths := make([]string, 0, len(byFile))
		for p := range byFile {
			paths = append(paths, p)
		}
		sort.Strings(paths)
		applied := 0
		for _, p := range paths {
			n, err := fix.ApplyFile(filepath.FromSlash(p), byFile[p])
			if err != nil {
				return nil, nil, fmt.Errorf("--fix: %w", err)
			}
			if n > 0 {
				fixedFiles[p] = true
				applied += n
			}
		}
		total += applied
		if applied == 0 {
			break
		}
		var err error
		if rep, fps, err = run(); err != nil {
			return nil, nil, err
		}
	}
	if total > 0 {
		_, _ = fmt.Fprintf(stderr, "pgtlslint: applied %d fix edits in %d files\n", total, len(fixedFiles))
	}
	return rep, fps, nil
}

func writeReport(f scanFlags, rep *scan.Report, stdout, stderr io.Writer) error {
	var buf bytes.Buffer
	if err := renderReport(&buf, f, rep, useColor(f, stdout)); err != nil {
		return err
	}
	if f.output == "" {
		_, err := stdout.Write(buf.Bytes())
		return err
	}
	if err := os.WriteFile(f.output, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("--output: %w", err)
	}
	if !f.quiet {
		_, _ = fmt.Fprintf(stderr, "pgtlslint: wrote the %s report (%s) to %s\n", f.format, plural(visible(rep, f.includeSuppressed), "finding", "findings"), f.output)
	}
	return nil
}

// renderReport writes the report in the format f asks for.
func renderReport(w io.Writer, f scanFlags, rep *scan.Report, color bool) error {
	results := rep.Results
	// Test code is only counted, and only what --tests would show: not what is suppressed.
	hidden := report.HiddenTests{
		Findings: len(result.Visible(rep.HiddenTests.Results, f.includeSuppressed)),
		Notices:  len(rep.HiddenTests.Notices),
	}
	// Result paths are the scan roots joined with the path below them: readable as they are.
	source := report.Source(func(p string) ([]byte, bool) {
		b, err := os.ReadFile(filepath.FromSlash(p))
		return b, err == nil
	}).Cached()
	switch f.format {
	case "json":
		return report.WriteJSON(w, results, rep.Notices, report.JSONOptions{Files: rep.Files, Walked: rep.Walked, Read: rep.Read,
			Version: moduleVersion(), Source: source, IncludeSuppressed: f.includeSuppressed, HiddenTests: hidden})
	case "sarif":
		return sarif.Write(w, results, sarif.Options{Version: moduleVersion(), Source: source, Notices: rep.Notices, IncludeSuppressed: f.includeSuppressed, HiddenTests: hidden})
	case "github":
		notices := rep.Notices
		if f.quiet {
			notices = nil
		}
		return report.WriteGitHub(w, results, notices)
	}
	opts := report.TextOptions{Color: color, Source: source, Files: rep.Files, Walked: rep.Walked, Read: rep.Read,
		IncludeSuppressed: f.includeSuppressed, Verbose: f.verbose, Quiet: f.quiet, HiddenTests: hidden}
	if f.format == "compact" {
		return report.WriteCompact(w, results, rep.Notices, opts)
	}
	return report.WriteText(w, results, rep.Notices, opts)
}

// visible is the number of findings a report shows.
func visible(rep *scan.Report, includeSuppressed bool) int {
	n := 0
	for _, r := range rep.Results {
		if r.Suppressed == nil || includeSuppressed {
			n++
		}
	}
	return n
}

// plural is "1 finding" or "3 findings".
func plural(n int, one, several string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + several
}

// useColor: only on a terminal, never with NO_COLOR (https://no-color.org) or --no-color.
func useColor(f scanFlags, w io.Writer) bool {
	if f.noColor || f.output != "" || os.Getenv("NO_COLOR") != "" {
		return false
	}
	file, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := file.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
