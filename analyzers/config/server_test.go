package config

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pgtlslint/pgtlslint/model/manifest"
	"github.com/pgtlslint/pgtlslint/rules"
)

// checkServerSpans checks that every span of a server config lies in a file of n bytes, with
// each value inside its setting.
func checkServerSpans(t testing.TB, c *rules.ServerConfig, n int) {
	t.Helper()
	if len(c.Settings) == 0 {
		t.Errorf("%s: server config without settings", c.Path)
	}
	for _, s := range c.Settings {
		for _, sp := range []rules.Span{s.Pair, s.Val} {
			if sp.Start < 0 || sp.End > n || sp.Start > sp.End {
				t.Errorf("%s: %s span %v outside [0,%d]", c.Path, s.Name, sp, n)
			}
		}
		if s.Val.Start < s.Pair.Start || s.Val.End > s.Pair.End {
			t.Errorf("%s: %s value %v outside its setting %v", c.Path, s.Name, s.Val, s.Pair)
		}
	}
}

// describeServers renders server configs as "origin: name=value@value-text ..." lines, with
// the text of each value's span, and " local" for CI files.
func describeServers(content string, ss []*rules.ServerConfig) []string {
	var out []string
	for _, c := range ss {
		var b strings.Builder
		b.WriteString(string(c.Origin))
		b.WriteString(":")
		for _, s := range c.Settings {
			fmt.Fprintf(&b, " %s=%s", s.Name, s.Value)
			if txt := content[s.Val.Start:s.Val.End]; txt != s.Value {
				fmt.Fprintf(&b, "@%q", txt)
			}
		}
		if c.Local {
			b.WriteString(" local")
		}
		out = append(out, b.String())
	}
	return out
}

// TestServerSettings checks what is taken for a server setting, and what is not, in every
// syntax that sets one.
func TestServerSettings(t *testing.T) {
	e := string(rules.OriginContainerEnv) + ":"
	c := string(rules.OriginCommandLine) + ":"
	for _, tc := range []struct {
		name, kind, path, doc string
		want                  []string
	}{
		// POSTGRES_HOST_AUTH_METHOD.
		{"compose map", KindYAML, "compose.yaml", "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_HOST_AUTH_METHOD: trust\n",
			[]string{e + " POSTGRES_HOST_AUTH_METHOD=trust"}},
		{"compose list", KindYAML, "compose.yaml", "services:\n  db:\n    environment:\n      - POSTGRES_HOST_AUTH_METHOD=trust\n      - POSTGRES_DB=app\n",
			[]string{e + " POSTGRES_HOST_AUTH_METHOD=trust"}},
		{"compose fallback", KindYAML, "compose.yaml", "services:\n  db:\n    environment:\n      POSTGRES_HOST_AUTH_METHOD: ${AUTH:-trust}\n",
			[]string{e + " POSTGRES_HOST_AUTH_METHOD=trust"}},
		{"compose placeholder", KindYAML, "compose.yaml", "services:\n  db:\n    environment:\n      POSTGRES_HOST_AUTH_METHOD: ${AUTH}\n",
			[]string{e + " POSTGRES_HOST_AUTH_METHOD=${AUTH}"}},
		{"two services", KindYAML, "compose.yaml", "services:\n  a:\n    environment:\n      POSTGRES_HOST_AUTH_METHOD: trust\n  b:\n    environment:\n      - POSTGRES_HOST_AUTH_METHOD=md5\n",
			[]string{e + " POSTGRES_HOST_AUTH_METHOD=trust", e + " POSTGRES_HOST_AUTH_METHOD=md5"}},
		{"k8s env", KindYAML, "k8s.yaml", "spec:\n  containers:\n    - name: db\n      image: postgres\n      env:\n        - name: POSTGRES_HOST_AUTH_METHOD\n          value: \"trust\"\n",
			[]string{e + " POSTGRES_HOST_AUTH_METHOD=trust"}},
		{"configmap", KindYAML, "cm.yaml", "kind: ConfigMap\ndata:\n  POSTGRES_HOST_AUTH_METHOD: 'trust'\n",
			[]string{e + " POSTGRES_HOST_AUTH_METHOD=trust"}},
		{"workflow", KindYAML, ".github/workflows/ci.yml", "jobs:\n  t:\n    services:\n      pg:\n        image: postgres\n        env:\n          POSTGRES_HOST_AUTH_METHOD: trust\n",
			[]string{e + " POSTGRES_HOST_AUTH_METHOD=trust local"}},
		{"gitlab", KindYAML, ".gitlab-ci.yml", "variables:\n  POSTGRES_HOST_AUTH_METHOD: trust\n",
			[]string{e + " POSTGRES_HOST_AUTH_METHOD=trust local"}},
		{"dockerfile", KindDockerfile, "Dockerfile", "FROM postgres:16\nENV POSTGRES_HOST_AUTH_METHOD=trust\nENV POSTGRES_HOST_AUTH_METHOD scram-sha-256\n",
			[]string{e + " POSTGRES_HOST_AUTH_METHOD=scram-sha-256"}},
		{"dockerfile legacy", KindDockerfile, "Dockerfile", "FROM postgres:16\nENV POSTGRES_HOST_AUTH_METHOD trust\n",
			[]string{e + " POSTGRES_HOST_AUTH_METHOD=trust"}},
		{"dockerfile arg", KindDockerfile, "Dockerfile", "FROM postgres:16\nARG POSTGRES_HOST_AUTH_METHOD=trust\n", nil},
		{"env file", KindEnv, "db.env", "POSTGRES_HOST_AUTH_METHOD=\"trust\"\n",
			[]string{e + " POSTGRES_HOST_AUTH_METHOD=trust"}},
		{"shell export", KindShell, "run.sh", "export POSTGRES_HOST_AUTH_METHOD=trust\n",
			[]string{e + " POSTGRES_HOST_AUTH_METHOD=trust"}},
		{"docker run -e", KindShell, "run.sh", "docker run -d -e POSTGRES_HOST_AUTH_METHOD=trust --env=POSTGRES_DB=app my/db\n",
			[]string{e + " POSTGRES_HOST_AUTH_METHOD=trust"}},
		{"docker run --env", KindShell, "run.sh", "docker run --env POSTGRES_HOST_AUTH_METHOD=trust postgres:16\n",
			[]string{e + " POSTGRES_HOST_AUTH_METHOD=trust"}},
		{"json env", KindJSON, "devcontainer.json", `{"containerEnv": {"POSTGRES_HOST_AUTH_METHOD": "trust"}}`,
			[]string{e + " POSTGRES_HOST_AUTH_METHOD=trust"}},
		{"toml env", KindTOML, "fly.toml", "[env]\nPOSTGRES_HOST_AUTH_METHOD = \"trust\"\n",
			[]string{e + " POSTGRES_HOST_AUTH_METHOD=trust"}},
		{"toml env list", KindTOML, "x.toml", "env = [\"POSTGRES_DB=app\", \"POSTGRES_HOST_AUTH_METHOD=trust\"]\n",
			[]string{e + " POSTGRES_HOST_AUTH_METHOD=trust"}},
		{"json env list", KindJSON, "task.json", `{"Env": ["POSTGRES_HOST_AUTH_METHOD=trust"]}`,
			[]string{e + " POSTGRES_HOST_AUTH_METHOD=trust"}},
		{"shell command prefix", KindShell, "run.sh", "POSTGRES_HOST_AUTH_METHOD=md5 exec docker-entrypoint.sh postgres\nPOSTGRES_HOST_AUTH_METHOD=trust\n",
			[]string{e + " POSTGRES_HOST_AUTH_METHOD=md5", e + " POSTGRES_HOST_AUTH_METHOD=trust"}},

		// Command lines.
		{"compose list", KindYAML, "compose.yaml", "services:\n  db:\n    image: app\n    command: [\"postgres\", \"-c\", \"ssl=off\", \"-c\", \"password_encryption=md5\"]\n",
			[]string{c + " ssl=off password_encryption=md5"}},
		{"compose string", KindYAML, "compose.yaml", "services:\n  db:\n    image: app\n    command: postgres -c ssl_min_protocol_version=TLSv1 --password-encryption=md5\n",
			[]string{c + " ssl_min_protocol_version=TLSv1 password_encryption=md5"}},
		{"compose image args", KindYAML, "compose.yaml", "services:\n  db:\n    image: postgis/postgis:16-3.4\n    command:\n      - -c\n      - ssl_min_protocol_version=TLSv1.1\n",
			[]string{c + " ssl_min_protocol_version=TLSv1.1"}},
		{"compose image string", KindYAML, "compose.yaml", "services:\n  db:\n    image: postgres:16\n    command: -c ssl=off -c shared_buffers=1GB\n",
			[]string{c + " ssl=off shared_buffers=1GB"}},
		{"compose other image", KindYAML, "compose.yaml", "services:\n  app:\n    image: example/app\n    command: [\"-c\", \"shared_buffers=1GB\"]\n", nil},
		{"compose fallback", KindYAML, "compose.yaml", "services:\n  db:\n    image: postgres\n    command: [\"-c\", \"ssl=${SSL:-off}\"]\n",
			[]string{c + " ssl=off"}},
		{"compose entrypoint", KindYAML, "compose.yaml", "services:\n  db:\n    image: postgres\n    entrypoint: [\"docker-entrypoint.sh\"]\n    command: [\"-c\", \"ssl=off\"]\n",
			[]string{c + " ssl=off"}},
		{"compose sh -c", KindYAML, "compose.yaml", "services:\n  db:\n    image: app\n    command: [\"sh\", \"-c\", \"exec postgres -c ssl=off\"]\n",
			[]string{c + " ssl=off"}},
		{"k8s args", KindYAML, "k8s.yaml", "spec:\n  containers:\n    - name: db\n      image: docker.io/library/postgres:17\n      args: [\"-c\", \"ssl=off\", \"-i\"]\n",
			[]string{c + " ssl=off listen_addresses=*@\"-i\""}},
		{"k8s command and args", KindYAML, "k8s.yaml", "spec:\n  containers:\n    - name: db\n      image: example/pg\n      command: [\"postgres\"]\n      args:\n        - \"-c\"\n        - \"password_encryption=md5\"\n",
			[]string{c + " password_encryption=md5"}},
		{"k8s command replaces the entrypoint", KindYAML, "k8s.yaml", "spec:\n  containers:\n    - name: db\n      image: postgres\n      command: [\"/bin/run\"]\n      args: [\"-c\", \"shared_buffers=1GB\"]\n", nil},
		{"unambiguous -c", KindYAML, "k8s.yaml", "spec:\n  containers:\n    - name: db\n      image: example/pg\n      command: [\"/opt/start\", \"-c\", \"ssl=off\"]\n",
			[]string{c + " ssl=off"}},
		{"healthcheck", KindYAML, "compose.yaml", "services:\n  db:\n    image: postgres\n    healthcheck:\n      test: [\"CMD\", \"pg_isready\", \"-c\", \"x=1\"]\n", nil},
		{"workflow", KindYAML, ".github/workflows/ci.yml", "jobs:\n  t:\n    steps:\n      - run: docker run -d postgres:16 -c ssl=off\n",
			[]string{c + " ssl=off local"}},
		{"dockerfile exec", KindDockerfile, "Dockerfile", "FROM postgres:16\nCMD [\"postgres\", \"-c\", \"ssl_min_protocol_version=TLSv1\"]\n",
			[]string{c + " ssl_min_protocol_version=TLSv1"}},
		{"dockerfile image args", KindDockerfile, "Dockerfile", "FROM postgres:16 AS base\nFROM base\nCMD [\"-c\", \\\n  \"password_encryption=md5\"]\n",
			[]string{c + " password_encryption=md5"}},
		{"dockerfile entrypoint and cmd", KindDockerfile, "Dockerfile", "FROM debian\nCMD [\"-c\", \"ssl=off\"]\nENTRYPOINT [\"/usr/lib/postgresql/16/bin/postgres\"]\n",
			[]string{c + " ssl=off"}},
		{"dockerfile last cmd", KindDockerfile, "Dockerfile", "FROM postgres\nCMD [\"-c\", \"ssl=off\"]\nCMD [\"-c\", \"ssl=on\"]\n",
			[]string{c + " ssl=on"}},
		{"dockerfile other image", KindDockerfile, "Dockerfile", "FROM node\nCMD [\"-c\", \"ssl=off\"]\n",
			[]string{c + " ssl=off"}},
		{"dockerfile other image, other setting", KindDockerfile, "Dockerfile", "FROM node\nCMD [\"-c\", \"max_connections=5\"]\n", nil},
		{"dockerfile shell form", KindDockerfile, "Dockerfile", "FROM debian\nCMD exec gosu postgres postgres -c ssl=off\n",
			[]string{c + " ssl=off"}},
		{"docker run", KindShell, "run.sh", "docker run --rm -it -p 5432:5432 --name db postgres:16 -c ssl=off -cpassword_encryption=md5\n",
			[]string{c + " ssl=off password_encryption=md5"}},
		{"docker run other image", KindShell, "run.sh", "docker run --rm example/app -c shared_buffers=1\n", nil},
		{"docker run command", KindShell, "run.sh", "docker container run -v /d:/d example/pg postgres -l -h 0.0.0.0\n",
			[]string{c + " ssl=true@\"-l\" listen_addresses=0.0.0.0"}},
		{"docker run entrypoint", KindShell, "run.sh", "docker run --entrypoint /bin/sh postgres:16 -c 'echo hi'\n", nil},
		{"postgres", KindShell, "run.sh", "exec /usr/lib/postgresql/16/bin/postgres -D \"$PGDATA\" -c 'ssl_max_protocol_version=TLSv1.1' --ssl=on\n",
			[]string{c + " ssl_max_protocol_version=TLSv1.1 ssl=on"}},
		{"pg_ctl", KindShell, "run.sh", "pg_ctl -D /data -o \"-c ssl=off -c listen_addresses='*'\" start\n",
			[]string{c + " ssl=off listen_addresses=*"}},
		{"psql -c", KindShell, "run.sh", "psql -c 'show ssl'\nbash -c 'ssl=off'\n", nil},
	} {
		t.Run(tc.kind+" "+tc.name, func(t *testing.T) {
			_, ss, ns := Analyze(tc.path, tc.kind, []byte(tc.doc), manifest.Hint{})
			if len(ns) > 0 {
				t.Errorf("notices: %v", ns)
			}
			for _, c := range ss {
				checkServerSpans(t, c, len(tc.doc))
			}
			got := describeServers(tc.doc, ss)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
		})
	}
}

// TestServerFixes checks that the fix edits of PGTLS112 and PGTLS113 on command lines leave a
// file that parses and has neither.
func TestServerFixes(t *testing.T) {
	for _, tc := range []struct{ kind, doc, want string }{
		{KindYAML, "services:\n  db:\n    image: postgres\n    command: [\"-c\", \"ssl_min_protocol_version=TLSv1\", \"-c\", \"password_encryption=md5\"]\n",
			`"ssl_min_protocol_version=TLSv1.2", "-c", "password_encryption=scram-sha-256"`},
		{KindYAML, "services:\n  db:\n    image: app\n    command: postgres -c ssl_min_protocol_version=tlsv1.1 -c 'password_encryption=md5'\n",
			`ssl_min_protocol_version=TLSv1.2 -c 'password_encryption=scram-sha-256'`},
		{KindYAML, "spec:\n  containers:\n    - image: postgres\n      args:\n        - -c\n        - ssl_max_protocol_version=TLSv1.1\n",
			"        - ssl_max_protocol_version=\n"},
		{KindDockerfile, "FROM postgres\nCMD [\"-c\", \"password_encryption=md5\"]\n", `"password_encryption=scram-sha-256"`},
		{KindShell, "pg_ctl -o \"-c ssl_min_protocol_version=TLSv1\" start\n", `"-c ssl_min_protocol_version=TLSv1.2"`},
		{KindShell, "docker run postgres:16 -c password_encryption=md5\n", "-c password_encryption=scram-sha-256"},
		{KindYAML, "services:\n  db:\n    image: postgres\n    command: -c ssl_min_protocol_version=TLSv1 -c password_encryption=md5\n",
			"command: -c ssl_min_protocol_version=TLSv1.2 -c password_encryption=scram-sha-256\n"},
		{KindYAML, "services:\n  db:\n    image: postgres\n    command: [-c, ssl_max_protocol_version=TLSv1.1]\n",
			"command: [-c, ssl_max_protocol_version=]\n"},
	} {
		fs := serverFindings(t, tc.kind, tc.doc)
		if len(fs) == 0 {
			t.Errorf("%q: no findings", tc.doc)
			continue
		}
		fixed := rules.ApplyFixes(tc.doc, fs)
		if !strings.Contains(fixed, tc.want) {
			t.Errorf("%q fixed to %q, want it to hold %q", tc.doc, fixed, tc.want)
		}
		if err := reparse(tc.kind, []byte(tc.doc), []byte(fixed)); err != nil {
			t.Errorf("%q fixed to %q: %v", tc.doc, fixed, err)
		}
		if left := serverFindings(t, tc.kind, fixed); len(left) > 0 {
			t.Errorf("%q fixed to %q still has %s", tc.doc, fixed, left[0].RuleID)
		}
	}
}

func serverFindings(t *testing.T, kind, doc string) []rules.Finding {
	t.Helper()
	_, ss, _ := Analyze("f", kind, []byte(doc), manifest.Hint{})
	var fs []rules.Finding
	for _, c := range ss {
		checkServerSpans(t, c, len(doc))
		fs = append(fs, rules.EvaluateServer(c)...)
	}
	return fs
}

// TestServerLongLines runs command lines and environments of many containers on one 2 MB line
// through every syntax that reads them: the analysis must stay near linear.
func TestServerLongLines(t *testing.T) {
	const n = 2 << 20
	item := `{image: postgres, environment: {POSTGRES_HOST_AUTH_METHOD: trust}, command: [-c, ssl=off, -c, "password_encryption=md5"]}, `
	for _, c := range []struct{ kind, doc string }{
		{KindYAML, "services: [" + strings.Repeat(item, n/len(item)) + "]\n"},
		{KindShell, strings.Repeat("docker run -e POSTGRES_HOST_AUTH_METHOD=trust postgres -c ssl=off; ", n/70) + "\n"},
		{KindShell, "postgres " + strings.Repeat("-c ssl=off --password-encryption=md5 -cssl_min_protocol_version=TLSv1 ", n/70) + "\n"},
		{KindShell, "pg_ctl -o \"" + strings.Repeat("-c ssl=off ", n/11) + "\"\n"},
		{KindDockerfile, "FROM postgres\nCMD [" + strings.Repeat(`"-c", "ssl=off", `, n/18) + `"-i"]` + "\n"},
		{KindDockerfile, "FROM postgres\nCMD [" + strings.Repeat("\"-c\", \"ssl=off\",\\\n# x\n", n/23) + `"-i"]` + "\n"},
	} {
		start := time.Now()
		_, ss, _ := Analyze("f", c.kind, []byte(c.doc), manifest.Hint{})
		var fs []rules.Finding
		for _, sc := range ss {
			fs = append(fs, rules.EvaluateServer(sc)...)
		}
		_ = rules.ApplyFixes(c.doc, fs)
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%s: %v for a 2 MB line", c.kind, d)
		}
		if len(fs) == 0 {
			t.Errorf("%s: no findings on the long line", c.kind)
		}
		t.Logf("%s: %d configs, %d findings, %v", c.kind, len(ss), len(fs), time.Since(start))
	}
}
