//go:build cgo

package javascript_test

import (
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/analyzers/javascript"
	"github.com/pgtlslint/pgtlslint/analyzers/treesitter"
	"github.com/pgtlslint/pgtlslint/internal/sourcetest"
	"github.com/pgtlslint/pgtlslint/model/manifest"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

func TestFixtures(t *testing.T) {
	st := sourcetest.Run(t, "../../testdata/javascript", javascript.Analyze)
	t.Logf("fixtures: %d files, %d wants, %d oks", st.Files, st.Wants, st.OKs)
	if st.Files < 10 || st.Wants < 40 || st.OKs < 25 {
		t.Errorf("too few fixtures: %+v", st)
	}
}

// analyze parses src with the grammar for name and returns the findings.
func analyze(t *testing.T, name, src string, hint manifest.Hint, forced bool) ([]*rules.Target, []rules.Finding) {
	t.Helper()
	lang, ok := sourcetest.LanguageOf(name)
	if !ok {
		t.Fatalf("no grammar for %s", name)
	}
	p := treesitter.NewParser()
	defer p.Close()
	tree, err := p.Parse(lang, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	ts := javascript.Analyze(tree, name, hint, forced)
	var fs []rules.Finding
	for _, tg := range ts {
		fs = append(fs, rules.Evaluate(tg, rules.Options{})...)
	}
	return ts, fs
}

func find(fs []rules.Finding, id string) (rules.Finding, bool) {
	for _, f := range fs {
		if f.RuleID == id {
			return f, true
		}
	}
	return rules.Finding{}, false
}

func TestTemplateLiteralOffsets(t *testing.T) {
	src := "import pg from 'pg';\nconst u = `postgres://${user}@db.example.com/app?sslmode=${'disable'}`;\nnew pg.Pool({ connectionString: u });\n"
	_, fs := analyze(t, "a.js", src, manifest.Hint{}, false)
	f, ok := find(fs, "PGTLS001")
	if !ok {
		t.Fatalf("no PGTLS001 in %+v", fs)
	}
	if got := src[f.Span.Start:f.Span.End]; got != "disable" {
		t.Errorf("finding spans %q, want the weak literal \"disable\"", got)
	}
	if f.Fix == nil || len(f.Fix.Edits) != 1 {
		t.Fatalf("fix = %+v", f.Fix)
	}
	out := rules.ApplyFixes(src, fs)
	if !strings.Contains(out, "${'verify-full'}") {
		t.Errorf("fixed:\n%s", out)
	}
}

func TestEscapedLiteral(t *testing.T) {
	src := "const pg = require('pg');\nconst u = \"postgres://db.example.com/app?ssl\\x6dode=disable\";\n"
	_, fs := analyze(t, "a.cjs", src, manifest.Hint{}, false)
	f, ok := find(fs, "PGTLS001")
	if !ok {
		t.Fatalf("no PGTLS001 in %+v", fs)
	}
	if got := src[f.Span.Start:f.Span.End]; got != "disable" {
		t.Errorf("span %q", got)
	}
}

func TestDriverDecision(t *testing.T) {
	bare := "const u = 'postgres://db.example.com/app?sslmode=require';\n"
	cases := []struct {
		name, src string
		hint      manifest.Hint
		forced    bool
		driver    drivers.ID
		evidence  string
	}{
		{"call beats forced hint", "import postgres from 'postgres';\npostgres('postgres://db.example.com/app');\n",
			manifest.Hint{Driver: drivers.NodePostgres, Evidence: "--driver"}, true, drivers.PostgresJS, "postgres() from the postgres package"},
		{"forced hint beats imports", "import pg from 'pg';\n" + bare,
			manifest.Hint{Driver: drivers.PostgresJS, Evidence: "--driver"}, true, drivers.PostgresJS, "--driver"},
		{"imports beat the manifest", "const postgres = require('postgres');\n" + bare,
			manifest.Hint{Driver: drivers.NodePostgres, Evidence: "package.json depends on pg"}, false, drivers.PostgresJS, "import of postgres"},
		{"manifest last", bare,
			manifest.Hint{Driver: drivers.NodePostgres, Evidence: "package.json depends on pg"}, false, drivers.NodePostgres, "package.json depends on pg"},
		{"knex", "const knex = require('knex');\nknex({ client: 'pg', connection: 'postgres://db.example.com/app' });\n",
			manifest.Hint{}, false, drivers.NodePostgres, "Knex client 'pg'"},
		{"prisma 7", "import { PrismaPg } from '@prisma/adapter-pg';\nnew PrismaPg({ connectionString: 'postgres://db.example.com/app' });\n",
			manifest.Hint{}, false, drivers.Prisma7, "PrismaPg"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ts, _ := analyze(t, "x.ts", c.src, c.hint, c.forced)
			if len(ts) != 1 {
				t.Fatalf("%d targets", len(ts))
			}
			if ts[0].Driver != c.driver || !strings.Contains(ts[0].Evidence, c.evidence) {
				t.Errorf("driver %s (%s), want %s (%s)", ts[0].Driver, ts[0].Evidence, c.driver, c.evidence)
			}
		})
	}
}

func TestEdits(t *testing.T) {
	cases := []struct {
		name, src, rule, want string
	}{
		{"rejectUnauthorized", "import { Pool } from 'pg';\nnew Pool({ ssl: { rejectUnauthorized: false } });\n", "PGTLS006",
			"new Pool({ ssl: { rejectUnauthorized: true } });"},
		{"ssl false through a const", "import { Pool } from 'pg';\nconst off = false;\nnew Pool({ host: 'db.example.com', ssl: off });\n", "PGTLS001",
			"const off = true;"},
		{"postgres.js string", "import postgres from 'postgres';\npostgres({ host: 'db.example.com', ssl: \"require\" });\n", "PGTLS002",
			"ssl: 'verify-full'"},
		{"missing ssl inserted", "import { Pool } from 'pg';\nnew Pool({ host: 'db.example.com' });\n", "PGTLS004",
			"new Pool({ssl: true,  host: 'db.example.com' });"},
		{"NODE_TLS line removed", "import pg from 'pg';\nprocess.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\nnew pg.Pool({ ssl: true });\n", "PGTLS006",
			"import pg from 'pg';\nnew pg.Pool({ ssl: true });\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, fs := analyze(t, "x.js", c.src, manifest.Hint{}, false)
			f, ok := find(fs, c.rule)
			if !ok {
				t.Fatalf("no %s in %+v", c.rule, fs)
			}
			if f.Fix == nil || len(f.Fix.Edits) == 0 {
				t.Fatalf("no edit: %+v", f.Fix)
			}
			out := rules.ApplyFixes(c.src, []rules.Finding{f})
			if !strings.Contains(out, c.want) {
				t.Errorf("fixed:\n%s\nwant it to contain %q", out, c.want)
			}
		})
	}
}

func TestNodeTLSNeedsPostgres(t *testing.T) {
	src := "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\n"
	if ts, _ := analyze(t, "a.js", src, manifest.Hint{}, false); len(ts) != 0 {
		t.Errorf("no PostgreSQL in sight, got %d targets", len(ts))
	}
	_, fs := analyze(t, "a.js", src, manifest.Hint{Driver: drivers.NodePostgres, Evidence: "package.json depends on pg"}, false)
	if _, ok := find(fs, "PGTLS006"); !ok {
		t.Errorf("no PGTLS006 in a pg project: %+v", fs)
	}
}

func TestSecretsRedacted(t *testing.T) {
	src := "import { Pool } from 'pg';\nnew Pool({ host: 'db.example.com', password: 'hunter2', ssl: true });\n"
	ts, fs := analyze(t, "a.js", src, manifest.Hint{}, false)
	if _, ok := find(fs, "PGTLS008"); !ok {
		t.Fatalf("no PGTLS008: %+v", fs)
	}
	if len(ts) != 1 || len(ts[0].Secrets) != 1 || src[ts[0].Secrets[0].Start:ts[0].Secrets[0].End] != "hunter2" {
		t.Errorf("secrets: %+v", ts)
	}
	for _, f := range fs {
		if strings.Contains(f.Message, "hunter2") {
			t.Errorf("message shows the password: %s", f.Message)
		}
	}
}
