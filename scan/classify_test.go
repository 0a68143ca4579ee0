package scan

import (
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/analyzers/config"
	"github.com/pgtlslint/pgtlslint/analyzers/golang"
	"github.com/pgtlslint/pgtlslint/analyzers/java"
	"github.com/pgtlslint/pgtlslint/analyzers/javascript"
	"github.com/pgtlslint/pgtlslint/analyzers/pgconf"
	"github.com/pgtlslint/pgtlslint/analyzers/pghba"
	"github.com/pgtlslint/pgtlslint/analyzers/python"
	"github.com/pgtlslint/pgtlslint/scan/filekind"
)

// kind is a config analyzer's kind as the engine names it.
func kind(k string) filekind.Kind { return filekind.Kind(k) }

// TestClassify checks what kind the registered analyzers make of file names and heads.
func TestClassify(t *testing.T) {
	tests := []struct {
		path string
		head string
		want filekind.Kind
	}{
		{"main.go", "", golang.Kind},
		{"app/models.py", "", python.Kind},
		{"bin/manage", "#!/usr/bin/env python3\nimport os\n", python.Kind},
		{"bin/run", "#!/usr/bin/env -S python3 -u\n", python.Kind},
		{"bin/deploy", "#!/bin/bash\nset -e\n", kind(config.KindShell)},
		{"bin/deploy2", "\xef\xbb\xbf#!/bin/sh\n", kind(config.KindShell)},
		{"bin/serve", "#!/usr/bin/env node\n", javascript.KindJavaScript},
		{"bin/task", "#!/usr/bin/env deno run\n", javascript.KindTypeScript},
		{"bin/tool", "#!/usr/bin/perl\n", filekind.KindText},
		{"bin/blob", "ELF....", filekind.KindNone},
		{"bin/empty", "", filekind.KindNone},
		{"src/db.js", "", javascript.KindJavaScript},
		{"src/db.mjs", "", javascript.KindJavaScript},
		{"src/db.cjs", "", javascript.KindJavaScript},
		{"src/App.jsx", "", javascript.KindJavaScript},
		{"src/db.ts", "", javascript.KindTypeScript},
		{"src/App.tsx", "", javascript.KindTypeScript},
		{"src/db.mts", "", javascript.KindTypeScript},
		{"src/db.cts", "", javascript.KindTypeScript},
		{"src/Main.java", "", java.Kind},
		{".env", "", kind(config.KindEnv)},
		{".env.production", "", kind(config.KindEnv)},
		{".env.example", "", kind(config.KindEnv)},
		{"config/db.env", "", kind(config.KindEnv)},
		{"docker-compose.yml", "", kind(config.KindYAML)},
		{"k8s/deploy.yaml", "", kind(config.KindYAML)},
		{".github/workflows/ci.yml", "", kind(config.KindYAML)},
		{"config/database.yml.sample", "", kind(config.KindYAML)},
		{"templates/values.yaml.j2", "", kind(config.KindYAML)},
		{"package.json", "", kind(config.KindJSON)},
		{"pyproject.toml", "", kind(config.KindTOML)},
		{"Pipfile", "", kind(config.KindTOML)},
		{"src/main/resources/application.properties", "", kind(config.KindProperties)},
		{"setup.cfg", "", kind(config.KindINI)},
		{"tox.ini", "", kind(config.KindINI)},
		{"pg_service.conf", "", kind(config.KindINI)},
		{"nginx/conf.d/default.conf", "server {\n listen 443 ssl;\n}\n", kind(config.KindINI)},
		{"etc/conf.d/tuning.conf", "shared_buffers = 1GB\n", pgconf.Kind},
		{"docker/postgres/conf.d/ssl.conf", "", pgconf.Kind},
		{"pg/conf.d/x.conf", "", pgconf.Kind},
		{"Dockerfile", "", kind(config.KindDockerfile)},
		{"Dockerfile.prod", "", kind(config.KindDockerfile)},
		{"build/api.dockerfile", "", kind(config.KindDockerfile)},
		{"Containerfile", "", kind(config.KindDockerfile)},
		{"scripts/init.sh", "", kind(config.KindShell)},
		{"scripts/init.bash", "", kind(config.KindShell)},
		{"scripts/init.zsh", "", kind(config.KindShell)},
		{".envrc", "", kind(config.KindShell)},
		{"pg_hba.conf", "", pghba.Kind},
		// Other .conf files by content.
		{"docker/db/hba.conf", "# TYPE DATABASE USER ADDRESS METHOD\nlocal all all peer\nhostssl all all 0.0.0.0/0 scram-sha-256\n", pghba.Kind},
		{"docker/db/server.conf", "listen_addresses = '*'\nssl_cert_file = 'server.crt'\n", pgconf.Kind},
		{"docker/db/other.conf", "max_connections = 100\n", kind(config.KindINI)},
		{"etc/nginx.conf", "server {\n host example.com;\n}\n", kind(config.KindINI)},
		{"deploy/pg_hba.conf.j2", "", pghba.Kind},
		{"ansible/files/replica.hba", "", pghba.Kind},
		{"postgresql.conf", "", pgconf.Kind},
		// A file named like PostgreSQL's own is read as one only when its content agrees;
		// another program's that shares the name is what the name alone makes it.
		{"docker/postgresql.conf", "listen_addresses = '*'\nmax_connections = 200\n", pgconf.Kind},
		{"roles/pg/templates/postgresql.conf.j2", "{% for k, v in params.items() %}\n{{ k }} = '{{ v }}'\n{% endfor %}\n", pgconf.Kind},
		// The first 8 KiB, as the walk hands them over, cut in the middle of a line.
		{"roles/pg/templates/postgresql.conf-13.j2", first8K("{{ ansible_managed | comment }}\n" + strings.Repeat("#\n", 4075) + "bgwriter_lru_maxpages = 100\n"), pgconf.Kind},
		{"roles/pg/templates/postgresql.conf-14.j2", "port = {{ pg_port }}\nssl = {{ 'on' if pg_ssl else 'off' }}\nbgwriter_lru_maxpages = 100\n", pgconf.Kind},
		{"pg/conf.d/stats.conf", "shared_preload_libraries = 'pg_stat_statements'\npg_stat_statements.track = all\n", pgconf.Kind},
		{"etc/fail2ban/jail.d/postgresql.conf", "[postgresql]\nenabled = true\nport = 5432\nfilter = postgresql\n", kind(config.KindINI)},
		{"etc/supervisor/conf.d/postgresql.conf", "[program:postgresql]\ncommand=postgres -D /data\nuser=postgres\n", kind(config.KindINI)},
		{"etc/sysctl.d/postgresql.conf", "kernel.shmmax = 17179869184\nvm.swappiness = 1\n", kind(config.KindINI)},
		{"etc/postgresql.conf", "local all all peer\nhost all all 0.0.0.0/0 md5\n", pghba.Kind},
		{"docs/postgresql.conf.md", "# Tuning\nGive the server a quarter of the memory,\nand tell the planner about the cache:\nshared_buffers = 4GB\n", filekind.KindNone},
		{"docs/pg_hba.conf.md", "# Who may connect\nEvery rule is one line.\n", filekind.KindNone},
		{"tasks/pg_hba.conf.yml", "- name: Allow the subnet\n  community.postgresql.postgresql_pg_hba:\n    contype: hostssl\n", kind(config.KindYAML)},
		{"pg_hba.conf", "hots all all 10.0.0.0/8 md5\nhost all all 0.0.0.0/0 md5\n", pghba.Kind},
		{"mysql/conf.d/tuning.conf", "[mysqld]\nmax_connections = 500\n", kind(config.KindINI)},
		{"standby/recovery.conf", "standby_mode = 'on'\nprimary_conninfo = 'host=primary.example.com'\ntrigger_file = '/tmp/promote'\n", pgconf.Kind},
		{"postgresql.auto.conf", "", pgconf.Kind},
		{"postgresql.conf.sample", "", pgconf.Kind},
		{"recovery.conf", "", pgconf.Kind},
		{"db/schema.sql", "", pgconf.KindSQL},
		{"App.config", "", filekind.KindText},
		{"Program.cs", "", filekind.KindText},
		{"config/database.rb", "", filekind.KindText},
		{"index.php", "", filekind.KindText},
		{"src/main.rs", "", filekind.KindText},
		{"App.kt", "", filekind.KindText},
		{"build.gradle", "", filekind.KindText},
		{"main.tf", "", filekind.KindText},
		{"job.hcl", "", filekind.KindText},
		{"pom.xml", "", filekind.KindText},
		{"Makefile", "", filekind.KindText},
		{"Jenkinsfile", "", filekind.KindText},
		{"schema.prisma", "", filekind.KindText},
		{"notebook.ipynb", "", filekind.KindText},
		{`win\path\db.py`, "", python.Kind},
		// Documentation and unknown formats are not scanned.
		{"README.md", "", filekind.KindNone},
		{"docs/setup.rst", "", filekind.KindNone},
		{"docs/guide.adoc", "", filekind.KindNone},
		{"notes.txt", "", filekind.KindNone},
		{"requirements.txt", "", filekind.KindNone},
		{"README", "#!/bin/sh\n", filekind.KindNone},
		{"LICENSE", "", filekind.KindNone},
		{"CHANGELOG", "", filekind.KindNone},
		{"logo.png", "", filekind.KindNone},
		{"data.csv", "", filekind.KindNone},
		{"app.min.js.map", "", filekind.KindNone},
	}
	for _, tt := range tests {
		var head []byte
		if tt.head != "" {
			head = []byte(tt.head)
		}
		if got := filekind.Classify(tt.path, head); got != tt.want {
			t.Errorf("Classify(%q, %q) = %q, want %q", tt.path, tt.head, got, tt.want)
		}
	}
}

// first8K is the start of a file as the walk reads it for classifying.
func first8K(s string) string { return s[:8<<10] }

func TestIsDoc(t *testing.T) {
	for p, want := range map[string]bool{
		"README.md": true, "docs/x.markdown": true, "a.rst": true, "b.adoc": true, "NOTES.TXT": true,
		"LICENSE": true, "readme": true, "CHANGELOG": true,
		"readme.py": false, "license.go": false, "main.go": false, "docs/conf.py": false,
	} {
		if got := filekind.IsDoc(p); got != want {
			t.Errorf("IsDoc(%q) = %v, want %v", p, got, want)
		}
	}
}
