package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
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

Each finding names the driver that reads the setting (from the connection string itself, the
nearest go.mod, package.json, requirements.txt, pyproject.toml, pom.xml or build.gradle, or
--driver) and that driver's fix. Passwords are never printed.

Suppress a finding with a comment on its line or the line above:
  # pgtlslint:ignore PGTLS002 -- reason

Examples:
  pgtlslint scan .
  pgtlslint scan --format sarif --output pgtlslint.sarif .
  pgtlslint scan --fail-on error deploy/ .env
  pgtlslint scan services/api        # follows services/api/.pgtlslint.yml, else the nearest above
  pgtlslint scan --config ci/pgtlslint.yml .         # one configuration for every file
  pgtlslint scan --exclude 'legacy/**' --include 'docs/**/*.md' .   # only docs/**/*.md, not legacy/
  pgtlslint scan --fix .              # apply the automatic fixes in place
  pgtlslint scan --new-from-rev origin/main .        # only what a branch adds
  pgtlslint scan --write-baseline .pgtlslint-baseline.json .   # accept today's findings
  pgtlslint scan --baseline .pgtlslint-baseline.json .         # ... and report only new ones

Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage, configuration or I/O
error.

Flags:
`

// scanFlags are the parsed command line of scan.
type scanFlags struct {
	format, output, config, failOn, driver string
	include, exclude                       []string
	fix, includeSuppressed, noColor        bool
	newFromRev, baseline, writeBaseline    string
	maxSize                                string
	jobs                                   int
}

func runScan(args []string, stdout, stderr io.Writer) error {
	fs := pflag.NewFlagSet("scan", pflag.ContinueOnError)
	var f scanFlags
	fs.StringVar(&f.format, "format", "text", "output format: text, json, sarif or github")
	fs.StringVarP(&f.output, "output", "o", "", "write the report to `FILE` instead of standard output")
	fs.StringVar(&f.config, "config", "", "use `FILE` as the configuration of every file, its globs relative to the working directory (default: each file's nearest .pgtlslint.yml, up to the git root)")
	fs.StringVar(&f.failOn, "fail-on", "", "exit 1 when a finding is at or above this `level`: error, warning, note or never (default: its configuration's fail-on, else warning)")
	fs.StringVar(&f.driver, "driver", "", "read connection settings as this `driver` does unless they name one (e.g. pgx, pg, psycopg2, pgjdbc)")
	fs.StringArrayVar(&f.include, "include", nil, "scan only files matching this doublestar `glob` or a configuration's include, documentation too (repeatable; e.g. 'docs/**/*.md')")
	fs.StringArrayVar(&f.exclude, "exclude", nil, "skip files matching this doublestar `glob` (repeatable)")
	fs.StringVar(&f.newFromRev, "new-from-rev", "", "report only findings on lines added or changed since git `REV` (git diff REV: the working tree, renames followed; untracked files count as new)")
	fs.StringVar(&f.baseline, "baseline", "", "hide the findings whose fingerprints `FILE` holds (written by --write-baseline)")
	fs.StringVar(&f.writeBaseline, "write-baseline", "", "write the fingerprints of the findings to `FILE` and exit 0: later scans with --baseline FILE report only new ones")
	fs.BoolVar(&f.fix, "fix", false, "apply the findings' automatic fixes to the files in place")
	fs.BoolVar(&f.includeSuppressed, "include-suppressed", false, "report suppressed findings too (marked as suppressed)")
	fs.BoolVar(&f.noColor, "no-color", false, "never colour the text output (NO_COLOR is honoured too)")
	fs.StringVar(&f.maxSize, "max-file-size", "", "skip files larger than this `size` (default 1MiB), reported as skipped")
	fs.IntVarP(&f.jobs, "jobs", "j", 0, "number of files analyzed in parallel (default: the number of CPUs)")
	help := fs.BoolP("help", "h", false, "show this help")
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		return usagef("scan: %v", err)
	}
	if *help {
		_, err := io.WriteString(stdout, scanHelp+fs.FlagUsages())
		return err
	}
	switch f.format {
	case "text", "json", "sarif", "github":
	default:
		return usagef("scan: unknown --format %q (want text, json, sarif or github)", f.format)
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
	run := func() (*scan.Report, []string, error) {
		rep, err := scan.Run(opts)
		if err != nil {
			return nil, nil, err
		}
		return rep, flt.apply(rep), nil
	}
	rep, fps, err := run()
	if err != nil {
		return err
	}
	if f.fix {
		if rep, fps, err = fixLoop(run, rep, fps, stderr); err != nil {
			return err
		}
	}
	if f.writeBaseline != "" {
		n, err := filter.WriteBaseline(f.writeBaseline, rep.Results, fps)
		if err != nil {
			return fmt.Errorf("--write-baseline: %w", err)
		}
		_, _ = fmt.Fprintf(stderr, "pgtlslint: wrote %d findings to %s\n", n, f.writeBaseline)
	}
	if err := writeReport(f, rep, stdout); err != nil {
		return err
	}
	if f.writeBaseline != "" {
		// The findings are accepted now: writing the baseline is a success.
		return nil
	}
	for _, r := range rep.Results {
		if r.Suppressed == nil && failsAt(r.Severity, failLevel(f.failOn, opts.Configs, r.Path)) {
			return errFindings
		}
	}
	return nil
}

// failLevel is the failure level of a finding in the file at path (as the scan shows it):
// --fail-on, else the fail-on of the file's configuration, else warning.
func failLevel(flag string, configs *projectconfig.Finder, path string) string {
	if flag != "" {
		return flag
	}
	if cfg, err := configs.ForFile(filepath.FromSlash(path)); err == nil && cfg.FailOn != "" {
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
	opts := scan.Options{Roots: roots, Include: f.include, Exclude: f.exclude, Configs: projectconfig.NewFinder(), Workers: f.jobs}
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

func writeReport(f scanFlags, rep *scan.Report, stdout io.Writer) error {
	results := rep.Results
	// Result paths are the scan roots joined with the path below them: readable as they are.
	source := report.Source(func(p string) ([]byte, bool) {
		b, err := os.ReadFile(filepath.FromSlash(p))
		return b, err == nil
	}).Cached()
	var buf bytes.Buffer
	var err error
	switch f.format {
	case "json":
		err = report.WriteJSON(&buf, results, rep.Notices, report.JSONOptions{Files: rep.Files, Version: moduleVersion(), Source: source, IncludeSuppressed: f.includeSuppressed})
	case "sarif":
		err = sarif.Write(&buf, results, sarif.Options{Version: moduleVersion(), Source: source, Notices: rep.Notices, IncludeSuppressed: f.includeSuppressed})
	case "github":
		err = report.WriteGitHub(&buf, results, rep.Notices)
	default:
		err = report.WriteText(&buf, results, rep.Notices, report.TextOptions{Color: useColor(f, stdout), Source: source, Files: rep.Files, IncludeSuppressed: f.includeSuppressed})
	}
	if err != nil {
		return err
	}
	if f.output == "" {
		_, err = stdout.Write(buf.Bytes())
		return err
	}
	if err := os.WriteFile(f.output, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("--output: %w", err)
	}
	return nil
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
