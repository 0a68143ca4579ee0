package pgconf

import (
	"bytes"
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
				// Another conf.d file sets one PostgreSQL setting; another *.conf file two:
				// one PostgreSQL-looking name (max_connections) is common in other configs.
				Sniff: func(head []byte, inConfD bool) bool {
					if inConfD {
						return settingNames(head) > 0
					}
					return settingNames(head) >= 2
				},
				SniffRank: 1,
				ReadAll:   true,
			},
			{Kind: KindSQL, Exts: []string{".sql", ".psql", ".pgsql"}},
		},
		New: func(s plugin.Scan) plugin.Analyzer { return analyzer{text: s.Text} },
	})
}

// settingNames are settings only postgresql.conf uses.
var settingNames = func() func([]byte) int {
	names := [][]byte{
		[]byte("listen_addresses"), []byte("shared_buffers"), []byte("max_connections"),
		[]byte("ssl_cert_file"), []byte("ssl_key_file"), []byte("ssl_ca_file"), []byte("ssl_min_protocol_version"),
		[]byte("password_encryption"), []byte("hba_file"), []byte("wal_level"), []byte("work_mem"),
		[]byte("log_min_duration_statement"), []byte("shared_preload_libraries"),
	}
	return func(head []byte) int {
		n := 0
		for _, s := range names {
			if bytes.Contains(head, s) {
				n++
			}
		}
		return n
	}
}()

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
