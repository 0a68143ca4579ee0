package walk

import (
	"path"
	"strings"

	"github.com/pgtlslint/pgtlslint/scan/filekind"
)

// The walk's tests run without the analyzers, which register the real kinds (scan/plugins.go):
// these stand-ins give the files of the tests a kind, the way the analyzers would.
const (
	kindGo     filekind.Kind = "go"
	kindPython filekind.Kind = "python"
	kindJS     filekind.Kind = "javascript"
	kindEnv    filekind.Kind = "env"
	kindYAML   filekind.Kind = "yaml"
	kindJSON   filekind.Kind = "json"
	kindSQL    filekind.Kind = "sql"
	kindShell  filekind.Kind = "shell"
	kindINI    filekind.Kind = "ini"
	kindPgHBA  filekind.Kind = "pghba"  // read whole, without the prefilter
	kindPgConf filekind.Kind = "pgconf" // likewise
)

func init() {
	filekind.Register(filekind.Spec{Kind: kindGo, Exts: []string{".go"}})
	filekind.Register(filekind.Spec{Kind: kindPython, Exts: []string{".py"}, Interpreters: []string{"python"}})
	filekind.Register(filekind.Spec{Kind: kindJS, Exts: []string{".js"}})
	filekind.Register(filekind.Spec{Kind: kindEnv, Name: func(_, name, _, _ string) bool {
		return name == ".env" || strings.HasPrefix(name, ".env.") || path.Ext(name) == ".env"
	}})
	filekind.Register(filekind.Spec{Kind: kindYAML, Exts: []string{".yml", ".yaml"}})
	filekind.Register(filekind.Spec{Kind: kindJSON, Exts: []string{".json"}})
	filekind.Register(filekind.Spec{Kind: kindSQL, Exts: []string{".sql"}})
	filekind.Register(filekind.Spec{Kind: kindShell, Exts: []string{".sh"}, Interpreters: []string{"sh", "bash"}})
	filekind.Register(filekind.Spec{Kind: kindINI, Exts: []string{".conf"}})
	filekind.Register(filekind.Spec{Kind: kindPgHBA, ReadAll: true, BeforeDocs: true,
		Name: func(raw, _, _, _ string) bool { return strings.HasPrefix(raw, "pg_hba") }})
	filekind.Register(filekind.Spec{Kind: kindPgConf, ReadAll: true, BeforeDocs: true,
		Name: func(raw, _, _, _ string) bool { return strings.HasPrefix(raw, "postgresql") }})
}
