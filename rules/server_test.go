package rules

import (
	"strings"
	"testing"
)

// serverConf builds a configuration from name, value pairs; each setting gets its own span
// (setting i at [10i, 10i+5)) and an editor that records the value it is asked for.
func serverConf(origin ServerOrigin, complete bool, kv ...string) *ServerConfig {
	c := &ServerConfig{Path: "etc/postgresql.conf", Origin: origin, Complete: complete}
	for i := 0; i+1 < len(kv); i += 2 {
		at := Span{Start: 10 * i, End: 10*i + 5}
		c.Settings = append(c.Settings, ServerSetting{
			Name: kv[i], Value: kv[i+1], Pair: Span{Start: at.Start - 1, End: at.End}, Val: at,
			SetValue: func(v string) []Edit {
				return []Edit{{Start: at.Start, End: at.End, NewText: "<" + v + ">"}}
			},
		})
	}
	return c
}

// ids lists the findings as "RULE@start".
func ids(fs []Finding) string {
	var out []string
	for _, f := range fs {
		out = append(out, f.RuleID+"@"+itoa(f.Span.Start))
	}
	return strings.Join(out, " ")
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

func TestPgParseBool(t *testing.T) {
	valid := map[string]bool{
		"on": true, "ON": true, "oN": true, "off": false, "OFF": false, "of": false, "Of": false,
		"t": true, "tr": true, "tru": true, "true": true, "TRUE": true,
		"f": false, "fa": false, "fals": false, "false": false,
		"y": true, "ye": true, "yes": true, "n": false, "no": false, "NO": false,
		"1": true, "0": false,
	}
	for v, want := range valid {
		got, ok := pgParseBool(v)
		if !ok || got != want {
			t.Errorf("pgParseBool(%q) = %v, %v; want %v, true", v, got, ok, want)
		}
	}
	// Rejected by the server: ambiguous "o", no trimming, no longer words, no other numbers,
	// and only ASCII case folding ("ſ" folds to "s" in Unicode, not in pg_strncasecmp).
	for _, v := range []string{"", "o", "O", " off", "off ", "offf", "truee", "yess", "nope", "2", "00", "01", "10", "-1", "yeſ", "ſ", "on\n", "disable"} {
		if _, ok := pgParseBool(v); ok {
			t.Errorf("pgParseBool(%q) accepted; the server rejects it", v)
		}
	}
}

func TestListenIsLocal(t *testing.T) {
	local := []string{"", "  ", "localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "::1", "localhost, 127.0.0.1,::1", `"localhost"`, "::ffff:127.0.0.1",
		// The server cannot split these lists and does not start.
		"localhost,", ",", `"unterminated`, "a b"}
	for _, v := range local {
		if !listenIsLocal(v) {
			t.Errorf("listenIsLocal(%q) = false, want true", v)
		}
	}
	remote := []string{"*", "0.0.0.0", "::", "10.0.0.5", "db.example.com", "localhost,10.0.0.1", " localhost , * ", "db", `"*"`, "fe80::1%eth0", "128.0.0.1", "localhost.example.com"}
	for _, v := range remote {
		if listenIsLocal(v) {
			t.Errorf("listenIsLocal(%q) = true, want false", v)
		}
	}
}

func TestSplitGUCList(t *testing.T) {
	cases := map[string][]string{
		"":                         nil,
		"a":                        {"a"},
		" a , b ":                  {"a", "b"},
		`"a b", "c""d"`:            {"a b", `c"d`},
		"localhost,127.0.0.1":      {"localhost", "127.0.0.1"},
		"\t*\n":                    {"*"},
		`"" , x`:                   {"", "x"},
		"10.0.0.1,\f192.168.0.1\v": {"10.0.0.1", "192.168.0.1"},
	}
	for in, want := range cases {
		got, ok := splitGUCList(in)
		if !ok || strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
			t.Errorf("splitGUCList(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{",", "a,", "a,,b", "a b", `"a`, `"a"b`} {
		if _, ok := splitGUCList(in); ok {
			t.Errorf("splitGUCList(%q) ok; SplitGUCList rejects it", in)
		}
	}
}

func TestEvaluateServerSSL(t *testing.T) {
	cases := []struct {
		name     string
		complete bool
		kv       []string
		want     string
	}{
		{"off fires on its value", false, []string{"ssl", "off"}, "PGTLS111@0"},
		{"false", false, []string{"ssl", "FALSE"}, "PGTLS111@0"},
		{"zero", true, []string{"listen_addresses", "localhost", "ssl", "0"}, "PGTLS111@20"},
		{"on", true, []string{"listen_addresses", "*", "ssl", "on"}, ""},
		{"prefix tr", true, []string{"listen_addresses", "*", "ssl", "tr"}, ""},
		{"invalid value is the server's problem", true, []string{"listen_addresses", "*", "ssl", "maybe"}, ""},
		{"later wins: on after off", false, []string{"ssl", "off", "ssl", "on"}, ""},
		{"later wins: off after on", false, []string{"ssl", "on", "ssl", "no"}, "PGTLS111@20"},
		{"names are case-insensitive", false, []string{"SSL", "off"}, "PGTLS111@0"},
		{"unset, listen public, complete", true, []string{"listen_addresses", "*"}, "PGTLS111@0"},
		{"unset, listen public, part of the config", false, []string{"listen_addresses", "*"}, ""},
		{"unset, listen local", true, []string{"listen_addresses", "localhost,::1"}, ""},
		{"unset, listen unset", true, []string{"port", "5432"}, ""},
		{"unset, listen public then local", true, []string{"listen_addresses", "*", "listen_addresses", "127.0.0.1"}, ""},
		{"unset, listen local then public", true, []string{"listen_addresses", "127.0.0.1", "listen_addresses", "0.0.0.0"}, "PGTLS111@20"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := ids(EvaluateServer(serverConf(OriginConfFile, tc.complete, tc.kv...)))
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestEvaluateServerTLSVersions(t *testing.T) {
	cases := []struct {
		kv   []string
		want string
		edit string
	}{
		{[]string{"ssl_min_protocol_version", "TLSv1"}, "PGTLS112@0", "<TLSv1.2>"},
		{[]string{"ssl_min_protocol_version", "tlsv1.1"}, "PGTLS112@0", "<TLSv1.2>"},
		{[]string{"ssl_min_protocol_version", "TLSv1.2"}, "", ""},
		{[]string{"ssl_min_protocol_version", "TLSV1.3"}, "", ""},
		// Values the server rejects: TLSv1.0 is no enum value, blanks are not trimmed, the
		// minimum has no empty value, and "ſ" is not "s" to pg_strcasecmp.
		{[]string{"ssl_min_protocol_version", "TLSv1.0"}, "", ""},
		{[]string{"ssl_min_protocol_version", " TLSv1"}, "", ""},
		{[]string{"ssl_min_protocol_version", ""}, "", ""},
		{[]string{"ssl_min_protocol_version", "SSLv3"}, "", ""},
		{[]string{"ssl_max_protocol_version", "TLSv1.1"}, "PGTLS112@0", "<>"},
		{[]string{"ssl_max_protocol_version", "TLSv1"}, "PGTLS112@0", "<>"},
		{[]string{"ssl_max_protocol_version", ""}, "", ""},
		{[]string{"ssl_max_protocol_version", "TLSv1.2"}, "", ""},
		{[]string{"ssl_min_protocol_version", "TLSv1", "ssl_min_protocol_version", "TLSv1.3"}, "", ""},
		{[]string{"ssl_min_protocol_version", "TLSv1", "ssl_max_protocol_version", "TLSv1.1"}, "PGTLS112@0 PGTLS112@20", "<TLSv1.2>"},
	}
	for _, tc := range cases {
		fs := EvaluateServer(serverConf(OriginConfFile, true, tc.kv...))
		if got := ids(fs); got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.kv, got, tc.want)
			continue
		}
		if len(fs) > 0 {
			if e := fs[0].Fix.Edits; len(e) != 1 || e[0].NewText != tc.edit || e[0].Path != "etc/postgresql.conf" {
				t.Errorf("%q: edits %+v, want one %q in etc/postgresql.conf", tc.kv, e, tc.edit)
			}
		}
	}
}

func TestEvaluateServerMD5(t *testing.T) {
	fire := []string{"md5", "MD5", "Md5", "on", "ON", "true", "True", "yes", "1"}
	for _, v := range fire {
		fs := EvaluateServer(serverConf(OriginConfFile, true, "password_encryption", v))
		if ids(fs) != "PGTLS113@0" {
			t.Errorf("password_encryption = %q: got %q, want PGTLS113", v, ids(fs))
			continue
		}
		if e := fs[0].Fix.Edits; len(e) != 1 || e[0].NewText != "<scram-sha-256>" {
			t.Errorf("password_encryption = %q: edits %+v", v, e)
		}
		if fs[0].Severity != SeverityWarning {
			t.Errorf("severity %s, want warning", fs[0].Severity)
		}
	}
	// Not md5 aliases: prefixes are not enum matches, and off/false were plain-text storage
	// before PostgreSQL 10, rejected since.
	for _, v := range []string{"scram-sha-256", "SCRAM-SHA-256", "md", "md5 ", "o", "t", "y", "off", "false", "0", "password"} {
		if fs := EvaluateServer(serverConf(OriginConfFile, true, "password_encryption", v)); len(fs) > 0 {
			t.Errorf("password_encryption = %q: got %q, want nothing", v, ids(fs))
		}
	}
	if fs := EvaluateServer(serverConf(OriginConfFile, true, "password_encryption", "md5", "password_encryption", "scram-sha-256")); len(fs) > 0 {
		t.Errorf("a later scram-sha-256 wins: got %q", ids(fs))
	}
}

func TestEvaluateServerContainerTrust(t *testing.T) {
	for v, want := range map[string]string{
		"trust": "PGTLS121@0",
		// The entrypoint copies the value into pg_hba.conf, where methods are case-sensitive:
		// "TRUST" is an invalid method and the server does not start.
		"TRUST": "", "Trust": "", "scram-sha-256": "", "md5": "", "": "",
		// pg_hba.conf's tokenizer drops the blanks around a method.
		"\ttrust": "PGTLS121@0", "trust\t": "PGTLS121@0",
	} {
		c := serverConf(OriginContainerEnv, false, "POSTGRES_HOST_AUTH_METHOD", v)
		if got := ids(EvaluateServer(c)); got != want {
			t.Errorf("POSTGRES_HOST_AUTH_METHOD=%q: got %q, want %q", v, got, want)
		}
	}
	// Environment variable names are case-sensitive, and parameters are not judged there.
	c := serverConf(OriginContainerEnv, true, "postgres_host_auth_method", "trust", "ssl", "off", "listen_addresses", "*")
	if fs := EvaluateServer(c); len(fs) > 0 {
		t.Errorf("got %q, want nothing", ids(fs))
	}
	// And the variable means nothing to the server's own configuration.
	c = serverConf(OriginConfFile, true, "POSTGRES_HOST_AUTH_METHOD", "trust")
	if fs := EvaluateServer(c); len(fs) > 0 {
		t.Errorf("got %q, want nothing", ids(fs))
	}
	fs := EvaluateServer(serverConf(OriginContainerEnv, false, "POSTGRES_HOST_AUTH_METHOD", "trust"))
	if len(fs) != 1 || fs[0].Fix == nil || len(fs[0].Fix.Edits) != 0 || !strings.Contains(fs[0].Fix.Description, "POSTGRES_PASSWORD_FILE") {
		t.Errorf("fix %+v: want a description and no edit", fs[0].Fix)
	}
}

func TestEvaluateServerLocalAndNil(t *testing.T) {
	if fs := EvaluateServer(nil); fs != nil {
		t.Errorf("nil config: %v", fs)
	}
	c := serverConf(OriginConfFile, true, "ssl", "off", "ssl_min_protocol_version", "TLSv1", "password_encryption", "md5")
	c.Local = true
	if fs := EvaluateServer(c); len(fs) > 0 {
		t.Errorf("local config: %q", ids(fs))
	}
	e := serverConf(OriginContainerEnv, false, "POSTGRES_HOST_AUTH_METHOD", "trust")
	e.Local = true
	if fs := EvaluateServer(e); len(fs) > 0 {
		t.Errorf("local container: %q", ids(fs))
	}
}

// TestEvaluateServerFindingFields checks what every server finding carries, and that messages
// follow docs/rules.md#messages: what is wrong, why it matters, and the fix, naming where it
// was written.
func TestEvaluateServerFindingFields(t *testing.T) {
	origins := map[ServerOrigin]string{
		OriginConfFile:    "ssl = off in postgresql.conf",
		OriginAlterSystem: "ALTER SYSTEM SET ssl = off",
		OriginCommandLine: "ssl=off on the postgres command line",
	}
	for o, prefix := range origins {
		c := serverConf(o, true, "listen_addresses", "*", "ssl", "off", "ssl_min_protocol_version", "TLSv1", "password_encryption", "md5")
		fs := EvaluateServer(c)
		if ids(fs) != "PGTLS111@20 PGTLS112@40 PGTLS113@60" {
			t.Fatalf("%s: got %q", o, ids(fs))
		}
		if !strings.HasPrefix(fs[0].Message, prefix) {
			t.Errorf("%s: message %q, want it to start with %q", o, fs[0].Message, prefix)
		}
		for _, f := range fs {
			r, _ := LookupRule(f.RuleID)
			if f.RuleName != r.Name || f.Severity != r.Severity || f.Path != c.Path || f.Driver != ServerDriver ||
				f.DriverName != ServerDriverName || f.Evidence != string(o) || f.Secrets != nil {
				t.Errorf("%s %s: fields %+v", o, f.RuleID, f)
			}
			if n := strings.Count(f.Message, ". "); n < 2 || !strings.HasSuffix(f.Message, ".") {
				t.Errorf("%s %s: want three sentences, got %q", o, f.RuleID, f.Message)
			}
			if f.Fix == nil || f.Fix.Description == "" {
				t.Errorf("%s %s: no fix description", o, f.RuleID)
			}
		}
		if len(fs[0].Fix.Edits) != 0 || !strings.Contains(fs[0].Fix.Description, "ssl_cert_file") || !strings.Contains(fs[0].Fix.Description, "ssl_key_file") {
			t.Errorf("PGTLS111 fix %+v: want no edit and the certificate settings named", fs[0].Fix)
		}
		if !strings.Contains(fs[2].Fix.Description, "md5%") {
			t.Errorf("PGTLS113 fix %q: want the query for MD5 hashes", fs[2].Fix.Description)
		}
	}
	// A setting without an editor still gets a fix description.
	c := serverConf(OriginConfFile, false, "ssl_min_protocol_version", "TLSv1")
	c.Settings[0].SetValue = nil
	fs := EvaluateServer(c)
	if len(fs) != 1 || fs[0].Fix == nil || len(fs[0].Fix.Edits) != 0 || fs[0].Fix.Description == "" {
		t.Errorf("no editor: %+v", fs)
	}
	// Where the message names the file, it uses the file's own name.
	c = serverConf(OriginConfFile, false, "ssl", "off")
	c.Path = "deploy/conf.d/10-tls.conf"
	if fs := EvaluateServer(c); !strings.HasPrefix(fs[0].Message, "ssl = off in 10-tls.conf ") {
		t.Errorf("message %q", fs[0].Message)
	}
	// Values the message cannot show bare are quoted.
	c = serverConf(OriginConfFile, true, "listen_addresses", "localhost, 10.0.0.1")
	if fs := EvaluateServer(c); !strings.HasPrefix(fs[0].Message, "listen_addresses = 'localhost, 10.0.0.1' in postgresql.conf ") {
		t.Errorf("message %q", fs[0].Message)
	}
}
