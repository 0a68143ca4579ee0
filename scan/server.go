package scan

import (
	"github.com/pgtlslint/pgtlslint/analyzers/pgconf"
	"github.com/pgtlslint/pgtlslint/analyzers/pghba"
	"github.com/pgtlslint/pgtlslint/model/manifest"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
	"github.com/pgtlslint/pgtlslint/scan/result"
	walk "github.com/pgtlslint/pgtlslint/scan/walk"
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
func analyzeServerFile(f walk.File) fileResult {
	fr := fileResult{path: f.Path}
	if f.Kind == walk.KindPgConf {
		fr = analyzeFile(f, replicationHint)
	}
	var fs []rules.Finding
	var ns []result.Notice
	switch f.Kind {
	case walk.KindPgHBA:
		fs, ns = pghba.Findings(f.Path, f.Content)
	case walk.KindPgConf:
		fs, ns = pgconf.Findings(f.Path, f.Content)
	}
	fr.notices = append(fr.notices, ns...)
	fr.addFindings(fs, f.Content)
	return fr
}

// addServerConfigs evaluates server settings a config analyzer found (container environments
// and command lines) and, for SQL files, ALTER SYSTEM statements.
func (fr *fileResult) addServerConfigs(f walk.File, cs []*rules.ServerConfig) {
	if f.Kind == walk.KindSQL {
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
