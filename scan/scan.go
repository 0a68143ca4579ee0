// Package scan runs a whole scan: walk the tree, extract connection settings from each file,
// evaluate them with the rules, then filter (configuration, inline suppressions), deduplicate
// and sort. It is the pipeline behind `pgtlslint scan`; each step lives in its own package.
package scan

import (
	"errors"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/pgtlslint/pgtlslint/analyzers/treesitter"
	"github.com/pgtlslint/pgtlslint/model/manifest"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
	projectconfig "github.com/pgtlslint/pgtlslint/scan/config"
	"github.com/pgtlslint/pgtlslint/scan/filter"
	"github.com/pgtlslint/pgtlslint/scan/plugin"
	"github.com/pgtlslint/pgtlslint/scan/result"
	walk "github.com/pgtlslint/pgtlslint/scan/walk"
)

// Options configure one scan.
type Options struct {
	Roots []string
	// Include and Exclude (globs relative to each root, or matching the path as shown) and
	// MaxFileSize (0: each file's configuration's) are the command line's: they apply besides
	// the configuration's globs and beat its size cap.
	Include, Exclude []string
	MaxFileSize      int64
	// Driver, when set, is the driver for every connection whose own syntax does not name one.
	Driver drivers.ID
	// Configs gives each file its configuration (nil: the default configuration for all).
	Configs *projectconfig.Finder
	Workers int
	// Tests reports the findings and notices in test code too (as does the config's tests:
	// true); otherwise they go to Report.HiddenTests.
	Tests bool
}

// Report is what a scan found.
type Report struct {
	// Results sorted by path, line, column and rule; suppressed ones carry Suppressed.
	Results []result.Result
	Notices []result.Notice
	// Files is the number of files analyzed: read, and holding a trigger word.
	Files int
	// Walked and Read are the files the walk found and did not exclude, and those of them
	// whose content it read (see walk.Stats): Files is a part of Read, Read of Walked.
	Walked, Read int
	// RootErrors are the roots that could not be scanned (each a *walk.RootError), in the
	// order given. The other roots were scanned: the caller reports these and fails.
	RootErrors []error
	// HiddenTests holds the findings and notices in test code, left out of Results and
	// Notices unless Options.Tests: writers only count them.
	HiddenTests Hidden
	// configs are the configurations of the files the walk analyzed, by path as shown;
	// finder answers for the others (a Go package's other files).
	configs map[string]*projectconfig.Config
	finder  *projectconfig.Finder
}

// ConfigFor returns the configuration that governs the file at path (as the scan shows it):
// the one the walk gave it, without looking for configuration files again.
func (r *Report) ConfigFor(path string) *projectconfig.Config {
	if c, ok := r.configs[path]; ok {
		return c
	}
	if r.finder != nil {
		if c, err := r.finder.ForFile(filepath.FromSlash(path)); err == nil {
			return c
		}
	}
	return projectconfig.Default()
}

// fileResult is what the walk keeps of one file: its targets (evaluated after the walk, once
// every Compose service name is known), its line index and its suppressions. File contents are
// not kept, so memory stays flat however large the tree.
type fileResult struct {
	path    string
	targets []*rules.Target
	// findings are those made while reading the file: server-side settings, which need no
	// driver or cross-file knowledge.
	findings   []rules.Finding
	lineStarts []int
	directives []filter.IgnoreDirective
	services   []string
	notices    []result.Notice
	// cfg is the file's configuration; the other files of its package (Go: one directory)
	// share it.
	cfg *projectconfig.Config
	// pkg, for files of a package (Go), maps the targets' spans (positions of the package) to
	// files.
	pkg plugin.Package
}

// Run scans opts.Roots. A root that cannot be scanned is left out and named in
// Report.RootErrors; other errors (a bad glob) stop the scan.
func Run(opts Options) (*Report, error) {
	if opts.Configs == nil {
		opts.Configs = projectconfig.Fixed(projectconfig.Default())
	}
	sc := &scopes{finder: opts.Configs, byCfg: map[*projectconfig.Config]*walk.Scope{}}
	rep := &Report{configs: map[string]*projectconfig.Config{}, finder: opts.Configs}
	var files []fileResult
	var stats walk.Stats
	for _, root := range opts.Roots {
		fr, notices, n, err := walkRoot(root, opts, sc, &stats)
		var rootErr *walk.RootError
		if errors.As(err, &rootErr) {
			// One missing path must not cost the findings of the others.
			rep.RootErrors = append(rep.RootErrors, rootErr)
			continue
		}
		if err != nil {
			return nil, err
		}
		files = append(files, fr...)
		rep.Notices = append(rep.Notices, notices...)
		rep.Files += n
	}
	rep.Walked, rep.Read = int(stats.Walked.Load()), int(stats.Read.Load())
	var services []string
	for _, f := range files {
		services = append(services, f.services...)
	}
	for _, f := range files {
		rep.configs[f.path] = f.cfg
		rep.Notices = append(rep.Notices, f.notices...)
		rep.Results = append(rep.Results, evaluateFile(f, rulesOptions(f.cfg, services))...)
	}
	rep.Results = filter.Dedupe(result.Sorted(rep.Results))
	rep.Notices = result.SortedNotices(rep.Notices)
	if !opts.Tests {
		// tests: true in a file's own configuration shows its test code.
		hideTests(rep, scanRoots(opts.Roots), func(p string) bool { return rep.ConfigFor(p).Tests })
	}
	return rep, nil
}

// rulesOptions are the rules' options for the files of one configuration; services are the
// Compose services of the whole scan.
func rulesOptions(cfg *projectconfig.Config, services []string) rules.Options {
	ropt := rules.Options{TrustedHosts: cfg.TrustedHosts}
	if cfg.ComposeServicesLocal {
		ropt.LocalServices = services
	}
	return ropt
}

func walkRoot(root string, opts Options, sc *scopes, stats *walk.Stats) ([]fileResult, []result.Notice, int, error) {
	wopts := walk.Options{
		Include:     opts.Include,
		Exclude:     opts.Exclude,
		MaxFileSize: opts.MaxFileSize,
		Workers:     opts.Workers,
		Stats:       stats,
		ScopeOf:     sc.of,
		ScopeFile:   projectconfig.FileName,
	}
	inferrer := manifest.NewInferrer(root)
	// The Go analyzer asks for the hints of the other files of a package by path: they share
	// the directory, so the Finder answers from its cache.
	hint := func(p string) (manifest.Hint, bool) {
		cfg, _ := opts.Configs.ForFile(filepath.FromSlash(p))
		return hintFor(p, inferrer, opts, cfg)
	}
	az := newAnalyzers(plugin.Scan{MaxFileSize: opts.MaxFileSize, Hint: hint})
	defer az.close()
	var fellBack atomic.Int64
	results, notices, err := walk.RunOrdered([]string{root}, wopts, func(worker int, f walk.File) []fileResult {
		cfg := sc.configOf(f)
		h, forced := hintFor(f.Path, inferrer, opts, cfg)
		out, noCgo := az.analyze(plugin.File{Path: f.Path, Abs: f.Abs, Kind: f.Kind, Content: f.Content, Worker: worker, Hint: h, Forced: forced})
		if noCgo {
			fellBack.Add(1)
		}
		fr := newFileResult(f, out)
		fr.cfg = cfg
		return []fileResult{fr}
	})
	if err != nil {
		return nil, nil, 0, err
	}
	var out []result.Notice
	if n := fellBack.Load(); n > 0 {
		out = append(out, treesitter.NoCgoNotice(int(n)))
	}
	for _, n := range notices {
		if strings.HasPrefix(n.Kind, "skipped") {
			// The writers count every skip alike; the message says why.
			n.Kind = result.NoticeSkipped
		}
		out = append(out, n)
	}
	return results, out, len(results), nil
}

// hintFor says what is known about the driver of a file: --driver beats the drivers rules of
// the file's configuration (cfg, nil for none), which beat the nearest manifest. forced is
// true for the first two, which the user chose: they also beat a Go file's imports.
func hintFor(p string, inferrer *manifest.Inferrer, opts Options, cfg *projectconfig.Config) (h manifest.Hint, forced bool) {
	if opts.Driver != "" {
		return manifest.Hint{Driver: opts.Driver, Evidence: "--driver " + string(opts.Driver)}, true
	}
	if cfg != nil && len(cfg.Drivers) > 0 {
		if rel, ok := cfg.Rel(filepath.FromSlash(p)); ok {
			if id, ev, ok := cfg.DriverFor(rel); ok {
				return manifest.Hint{Driver: id, Evidence: ev}, true
			}
		}
	}
	return inferrer.ForFile(p), false
}

// newFileResult keeps what the walk needs of a file's output: its server configurations are
// evaluated at once, and a file with targets or findings gets its line index and suppressions.
func newFileResult(f walk.File, out plugin.Output) fileResult {
	fr := fileResult{path: f.Path, targets: out.Targets, services: out.Services, notices: out.Notices, pkg: out.Package}
	fr.findings = append(fr.findings, out.Findings...)
	for _, c := range out.Servers {
		fr.findings = append(fr.findings, rules.EvaluateServer(c)...)
	}
	if len(fr.targets) > 0 || len(fr.findings) > 0 {
		fr.readLines(f.Content)
	}
	return fr
}

// evaluateFile runs the rules on one file's targets and applies configuration and inline
// suppressions to their findings and to the findings made while reading the file.
func evaluateFile(f fileResult, ropt rules.Options) []result.Result {
	var out []result.Result
	others := map[string]*fileResult{f.path: &f}
	for _, t := range f.targets {
		for _, fd := range rules.Evaluate(t, ropt) {
			at := &f
			if f.pkg != nil {
				var ok bool
				if fd, ok = placeInPackage(fd, f.pkg); !ok {
					continue
				}
				at = others[fd.Path]
				if at == nil {
					at = lineInfo(fd.Path, f.pkg.Content(fd.Path))
					others[fd.Path] = at
				}
			}
			if r, ok := filterFinding(fd, at, f.pkg == nil, f.cfg); ok {
				out = append(out, r)
			}
		}
	}
	for _, fd := range f.findings {
		if r, ok := filterFinding(fd, &f, true, f.cfg); ok {
			out = append(out, r)
		}
	}
	return out
}

// filterFinding applies the configuration cfg (rules off, severities) and the inline suppressions of the
// file at to one finding, and fills in its positions. ownEdits says the fix edits are in that
// file (a Go finding's may be in other files of its package).
func filterFinding(fd rules.Finding, at *fileResult, ownEdits bool, cfg *projectconfig.Config) (result.Result, bool) {
	if cfg.Off[fd.RuleID] {
		return result.Result{}, false
	}
	if sev, ok := cfg.Severity[fd.RuleID]; ok {
		fd.Severity = sev
	}
	fd.Path = at.path
	fd.Start = rules.PositionAt(at.lineStarts, fd.Span.Start)
	fd.End = rules.PositionAt(at.lineStarts, fd.Span.End)
	if fd.Fix != nil && ownEdits {
		for i := range fd.Fix.Edits {
			fd.Fix.Edits[i].Path = at.path
		}
	}
	r := result.Result{Finding: fd}
	if d, ok := filter.MatchSuppression(at.directives, fd.Start.Line, fd.RuleID); ok {
		r.Suppressed = &result.Suppression{Kind: "inline", Justification: d.Reason}
	}
	return r, true
}

// placeInPackage maps a finding whose spans are positions of its package (Go) to the file
// holding it and offsets there; its fix edits may go into other files of the package.
func placeInPackage(fd rules.Finding, res plugin.Package) (rules.Finding, bool) {
	p, start, ok := res.Locate(fd.Span.Start)
	if !ok {
		return fd, false
	}
	end := start
	if q, e, ok := res.Locate(fd.Span.End); ok && q == p && e >= start {
		end = e
	}
	fd.Path, fd.Span = p, rules.Span{Start: start, End: end}
	var secrets []rules.Span
	for _, s := range fd.Secrets {
		if q, a, ok := res.Locate(s.Start); ok && q == p {
			if _, b, ok := res.Locate(s.End); ok && b >= a {
				secrets = append(secrets, rules.Span{Start: a, End: b})
			}
		}
	}
	fd.Secrets = secrets
	if fd.Fix != nil {
		fx := *fd.Fix
		fx.Edits = nil
		for _, e := range fd.Fix.Edits {
			q, a, ok1 := res.Locate(e.Start)
			r, b, ok2 := res.Locate(e.End)
			if !ok1 || !ok2 || q != r {
				fx.Edits = nil
				break
			}
			fx.Edits = append(fx.Edits, rules.Edit{Path: q, Start: a, End: b, NewText: e.NewText})
		}
		fd.Fix = &fx
	}
	return fd, true
}

// readLines indexes the lines of a file with targets and reads its suppressions; a malformed
// suppression is a notice.
func (fr *fileResult) readLines(content []byte) {
	fr.lineStarts = rules.LineStarts(content)
	dirs, probs := filter.ParseSuppressions(content)
	fr.directives = dirs
	for _, p := range probs {
		fr.notices = append(fr.notices, result.Notice{Path: fr.path, Kind: result.NoticeSuppression, Line: p.Line, Message: p.Message})
	}
}

// lineInfo is the line index and suppressions of another file of a package (its own
// suppression problems are reported when the scan reads that file with targets of its own).
func lineInfo(p string, content []byte) *fileResult {
	fr := &fileResult{path: p}
	fr.readLines(content)
	return fr
}
