package walk

import "testing"

func TestClassify(t *testing.T) {
	tests := []struct {
		path string
		head string
		want Kind
	}{
		{"main.go", "", KindGo},
		{"app/models.py", "", KindPython},
		{"bin/manage", "#!/usr/bin/env python3\nimport os\n", KindPython},
		{"bin/run", "#!/usr/bin/env -S python3 -u\n", KindPython},
		{"bin/deploy", "#!/bin/bash\nset -e\n", KindShell},
		{"bin/deploy2", "\xef\xbb\xbf#!/bin/sh\n", KindShell},
		{"bin/serve", "#!/usr/bin/env node\n", KindJavaScript},
		{"bin/task", "#!/usr/bin/env deno run\n", KindTypeScript},
		{"bin/tool", "#!/usr/bin/perl\n", KindText},
		{"bin/blob", "ELF....", KindNone},
		{"bin/empty", "", KindNone},
		{"src/db.js", "", KindJavaScript},
		{"src/db.mjs", "", KindJavaScript},
		{"src/db.cjs", "", KindJavaScript},
		{"src/App.jsx", "", KindJavaScript},
		{"src/db.ts", "", KindTypeScript},
		{"src/App.tsx", "", KindTypeScript},
		{"src/db.mts", "", KindTypeScript},
		{"src/db.cts", "", KindTypeScript},
		{"src/Main.java", "", KindJava},
		{".env", "", KindEnv},
		{".env.production", "", KindEnv},
		{".env.example", "", KindEnv},
		{"config/db.env", "", KindEnv},
		{"docker-compose.yml", "", KindYAML},
		{"k8s/deploy.yaml", "", KindYAML},
		{".github/workflows/ci.yml", "", KindYAML},
		{"config/database.yml.sample", "", KindYAML},
		{"templates/values.yaml.j2", "", KindYAML},
		{"package.json", "", KindJSON},
		{"pyproject.toml", "", KindTOML},
		{"Pipfile", "", KindTOML},
		{"src/main/resources/application.properties", "", KindProperties},
		{"setup.cfg", "", KindINI},
		{"tox.ini", "", KindINI},
		{"pg_service.conf", "", KindINI},
		{"nginx/conf.d/default.conf", "server {\n listen 443 ssl;\n}\n", KindINI},
		{"etc/conf.d/tuning.conf", "shared_buffers = 1GB\n", KindPgConf},
		{"docker/postgres/conf.d/ssl.conf", "", KindPgConf},
		{"pg/conf.d/x.conf", "", KindPgConf},
		{"Dockerfile", "", KindDockerfile},
		{"Dockerfile.prod", "", KindDockerfile},
		{"build/api.dockerfile", "", KindDockerfile},
		{"Containerfile", "", KindDockerfile},
		{"scripts/init.sh", "", KindShell},
		{"scripts/init.bash", "", KindShell},
		{"scripts/init.zsh", "", KindShell},
		{".envrc", "", KindShell},
		{"pg_hba.conf", "", KindPgHBA},
		// Other .conf files by content.
		{"docker/db/hba.conf", "# TYPE DATABASE USER ADDRESS METHOD\nlocal all all peer\nhostssl all all 0.0.0.0/0 scram-sha-256\n", KindPgHBA},
		{"docker/db/server.conf", "listen_addresses = '*'\nssl_cert_file = 'server.crt'\n", KindPgConf},
		{"docker/db/other.conf", "max_connections = 100\n", KindINI},
		{"etc/nginx.conf", "server {\n host example.com;\n}\n", KindINI},
		{"deploy/pg_hba.conf.j2", "", KindPgHBA},
		{"ansible/files/replica.hba", "", KindPgHBA},
		{"postgresql.conf", "", KindPgConf},
		{"postgresql.auto.conf", "", KindPgConf},
		{"postgresql.conf.sample", "", KindPgConf},
		{"recovery.conf", "", KindPgConf},
		{"db/schema.sql", "", KindSQL},
		{"App.config", "", KindText},
		{"Program.cs", "", KindText},
		{"config/database.rb", "", KindText},
		{"index.php", "", KindText},
		{"src/main.rs", "", KindText},
		{"App.kt", "", KindText},
		{"build.gradle", "", KindText},
		{"main.tf", "", KindText},
		{"job.hcl", "", KindText},
		{"pom.xml", "", KindText},
		{"Makefile", "", KindText},
		{"Jenkinsfile", "", KindText},
		{"schema.prisma", "", KindText},
		{"notebook.ipynb", "", KindText},
		{`win\path\db.py`, "", KindPython},
		// Documentation and unknown formats are not scanned.
		{"README.md", "", KindNone},
		{"docs/setup.rst", "", KindNone},
		{"docs/guide.adoc", "", KindNone},
		{"notes.txt", "", KindNone},
		{"requirements.txt", "", KindNone},
		{"README", "#!/bin/sh\n", KindNone},
		{"LICENSE", "", KindNone},
		{"CHANGELOG", "", KindNone},
		{"logo.png", "", KindNone},
		{"data.csv", "", KindNone},
		{"app.min.js.map", "", KindNone},
	}
	for _, tt := range tests {
		var head []byte
		if tt.head != "" {
			head = []byte(tt.head)
		}
		if got := Classify(tt.path, head); got != tt.want {
			t.Errorf("Classify(%q, %q) = %q, want %q", tt.path, tt.head, got, tt.want)
		}
	}
}

func TestIsDoc(t *testing.T) {
	for p, want := range map[string]bool{
		"README.md": true, "docs/x.markdown": true, "a.rst": true, "b.adoc": true, "NOTES.TXT": true,
		"LICENSE": true, "readme": true, "CHANGELOG": true,
		"readme.py": false, "license.go": false, "main.go": false, "docs/conf.py": false,
	} {
		if got := IsDoc(p); got != want {
			t.Errorf("IsDoc(%q) = %v, want %v", p, got, want)
		}
	}
}
