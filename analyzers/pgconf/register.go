package pgconf

import (
	"path"
	"strings"

	"github.com/pgtlslint/pgtlslint/model/manifest"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
	"github.com/pgtlslint/pgtlslint/scan/filekind"
	"github.com/pgtlslint/pgtlslint/scan/plugin"
)

// The kinds: postgresql.conf (and its parts), and SQL, whose ALTER SYSTEM statements write
// postgresql.auto.conf.
const (
	Kind    filekind.Kind = "pgconf"
	KindSQL filekind.Kind = "sql"
)

// postgresql.conf and SQL register with the scan here.
func init() {
	plugin.Register(plugin.Plugin{
		Name: "pgconf",
		Kinds: []filekind.Spec{
			{
				Kind: Kind,
				// postgresql*.conf, recovery.conf, and conf.d/*.conf under a PostgreSQL
				// directory, template suffixes looked through, never documentation.
				Name: func(raw, name, dir, parent string) bool {
					return strings.HasPrefix(raw, "postgresql") && strings.Contains(raw, ".conf") || raw == "recovery.conf" ||
						path.Ext(name) == ".conf" && dir == "conf.d" && filekind.MentionsPostgres(parent)
				},
				BeforeDocs: true,
				// A file of another program that only shares the name is read as its name
				// alone makes it (a *.conf is INI); other *.conf files by their content.
				Confirm:   LooksLikeConf,
				Sniff:     sniffConf,
				SniffRank: 1,
				ReadAll:   true,
			},
			{Kind: KindSQL, Exts: []string{".sql", ".psql", ".pgsql"}},
		},
		New: func(s plugin.Scan) plugin.Analyzer { return analyzer{text: s.Text} },
	})
}

// replicationHint is the driver of the connection strings in postgresql.conf (primary_conninfo
// of a standby, and recovery.conf's): the server's own libpq reads them, whatever the
// project's manifest says about its clients.
var replicationHint = manifest.Hint{Driver: drivers.Libpq, Evidence: "primary_conninfo is read by the server's libpq"}

type analyzer struct {
	text func(plugin.File, manifest.Hint) plugin.Output
}

// Analyze implements plugin.Analyzer: a postgresql.conf's settings, and the connection
// strings the text search finds in it (primary_conninfo); an SQL file's connection strings
// (the text search reads SQL as SQL: dblink, postgres_fdw, subscriptions) and ALTER SYSTEM
// statements.
func (a analyzer) Analyze(f plugin.File) plugin.Output {
	if f.Kind == KindSQL {
		out := a.text(f, f.Hint)
		if c := ParseAlterSystem(f.Path, f.Content); c != nil {
			out.Servers = append(out.Servers, c)
		}
		return out
	}
	out := a.text(f, replicationHint)
	fs, ns := Findings(f.Path, f.Content)
	out.Findings = append(out.Findings, fs...)
	out.Notices = append(out.Notices, ns...)
	return out
}
