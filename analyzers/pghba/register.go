package pghba

import (
	"path"
	"strings"

	"github.com/pgtlslint/pgtlslint/scan/filekind"
	"github.com/pgtlslint/pgtlslint/scan/plugin"
)

// Kind is pg_hba.conf.
const Kind filekind.Kind = "pghba"

// pg_hba.conf registers with the scan here: by name (pg_hba*.conf, *.hba, template suffixes
// looked through, never documentation) and, for any other *.conf, by content.
func init() {
	plugin.Register(plugin.Plugin{
		Name: "pghba",
		Kinds: []filekind.Spec{{
			Kind: Kind,
			Name: func(raw, _, _, _ string) bool {
				return strings.HasPrefix(raw, "pg_hba") && strings.Contains(raw, ".conf") || path.Ext(raw) == ".hba"
			},
			BeforeDocs: true,
			// Another program's file that only shares the name is read as its name alone
			// makes it.
			Confirm:   LooksLikeNamedHBA,
			Sniff:     func(head []byte, inConfD bool) bool { return !inConfD && LooksLikeHBA(head) },
			SniffRank: 0,
			ReadAll:   true,
		}},
		New: func(plugin.Scan) plugin.Analyzer { return analyzer{} },
	})
}

type analyzer struct{}

// Analyze implements plugin.Analyzer.
func (analyzer) Analyze(f plugin.File) plugin.Output {
	fs, ns := Findings(f.Path, f.Content)
	return plugin.Output{Findings: fs, Notices: ns}
}
