package scan

import (
	"fmt"

	"github.com/pgtlslint/pgtlslint/analyzers"
	"github.com/pgtlslint/pgtlslint/analyzers/manifest"
	"github.com/pgtlslint/pgtlslint/analyzers/pgconf"
	"github.com/pgtlslint/pgtlslint/analyzers/pghba"
	"github.com/pgtlslint/pgtlslint/report"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// Server-side files: pg_hba.conf and postgresql.conf have analyzers of their own, which return
// findings rather than connection targets (no client driver reads them); SQL files may hold
// ALTER SYSTEM statements besides connection strings.

// replicationHint is the driver of the connection strings in postgresql.conf (primary_conninfo
// of a standby, and recovery.conf's): the server's own libpq reads them, whatever the
// project's manifest says about its clients.
var replicationHint = manifest.Hint{Driver: drivers.Libpq, Evidence: "primary_conninfo is read by the server's libpq"}

// analyzeServerFile analyzes a pg_hba.conf or postgresql.conf file. A postgresql.conf may also
// hold a connection string (primary_conninfo), which the text search finds.
func analyzeServerFile(f analyzers.File) fileResult {
	fr := fileResult{path: f.Path}
	if f.Kind == analyzers.KindPgConf {
		fr = analyzeFile(f, replicationHint)
	}
	var fs []rules.Finding
	switch f.Kind {
	case analyzers.KindPgHBA:
		var ns []pghba.Notice
		fs, ns = pghba.Findings(f.Path, f.Content)
		for _, n := range ns {
			if n.Panic {
				fr.notices = append(fr.notices, report.Notice{Path: f.Path, Kind: "analyzer-panic", Message: n.Message})
				continue
			}
			fr.notices = append(fr.notices, lineNotice(f.Path, n.Line, n.Message))
		}
	case analyzers.KindPgConf:
		var ns []pgconf.Notice
		fs, ns = pgconf.Findings(f.Path, f.Content)
		for _, n := range ns {
			fr.notices = append(fr.notices, lineNotice(f.Path, n.Line, n.Message))
		}
	}
	fr.addFindings(fs, f.Content)
	return fr
}

// lineNotice is a parse-error notice for one line of a file.
func lineNotice(p string, line int, msg string) report.Notice {
	return report.Notice{Path: p, Kind: "parse-error", Message: fmt.Sprintf("line %d: %s", line, msg)}
}

// addServerConfigs evaluates server settings a config analyzer found (container environments
// and command lines) and, for SQL files, ALTER SYSTEM statements.
func (fr *fileResult) addServerConfigs(f analyzers.File, cs []*rules.ServerConfig) {
	if f.Kind == analyzers.KindSQL {
		if c := pgconf.ParseAlterSystem(f.Path, f.Content); c != nil {
			cs = append(cs, c)
		}
	}
	var fs []rules.Finding
	for _, c := range cs {
		fs = append(fs, rules.EvaluateServer(c)...)
	}
	fr.addFindings(fs, f.Content)
}

// addFindings keeps findings made on the worker; evaluateFile filters them with the rest.
func (fr *fileResult) addFindings(fs []rules.Finding, content []byte) {
	if len(fs) == 0 {
		return
	}
	fr.findings = append(fr.findings, fs...)
	if fr.lineStarts == nil {
		fr.readLines(content)
	}
}
