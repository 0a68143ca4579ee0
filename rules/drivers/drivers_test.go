package drivers

import (
	"slices"
	"strings"
	"testing"
)

// The list of drivers; each must be in the table.
var required = []ID{Libpq, Psycopg2, Psycopg, Django, SQLAlchemy, Asyncpg, NodePostgres, PostgresJS,
	Prisma, Prisma7, LibPQGo, Pgx, PHP, Pgjdbc, Npgsql, TokioPostgres, Sqlx, Martin, R2DBC, Neon}

func TestTableComplete(t *testing.T) {
	for _, id := range required {
		d, ok := Lookup(string(id))
		if !ok {
			t.Errorf("%s missing", id)
			continue
		}
		if d.Name == "" || d.Language == "" || d.DefaultText == "" || d.CAParam == "" || d.DefaultCA == "" ||
			d.SystemRootText == "" || len(d.Disablers) == 0 || d.FixText == "" || len(d.Syntaxes) == 0 {
			t.Errorf("%s: a field is empty: %+v", id, d)
		}
		if missing := d.missingFacts(); len(missing) > 0 {
			t.Errorf("%s: no source proves %v", id, missing)
		}
		for _, s := range d.Sources {
			if !strings.HasPrefix(s.URL, "https://") || s.Version == "" || s.Note == "" || len(s.Facts) == 0 {
				t.Errorf("%s: incomplete source %+v", id, s)
			}
		}
		if _, ok := d.Modes[d.Default]; !ok {
			t.Errorf("%s: default %s is not one of its modes", id, d.Default)
		}
		if d.Modes[ModeDisable].Encrypts != EncryptNever && id != Neon {
			t.Errorf("%s: disable encrypts", id)
		}
		if _, ok := d.SecureMode(); !ok {
			t.Errorf("%s: no secure mode", id)
		}
	}
	if len(All()) != len(required) {
		t.Errorf("%d drivers, want %d", len(All()), len(required))
	}
}

func TestLookupAliases(t *testing.T) {
	for _, tc := range []struct {
		alias string
		want  ID
	}{
		{"pg", NodePostgres}, {"PQ", LibPQGo}, {"jdbc", Pgjdbc}, {"psql", Libpq},
		{"postgres-js", PostgresJS}, {"rust-postgres", TokioPostgres}, {" pgx ", Pgx},
	} {
		alias, want := tc.alias, tc.want
		d, ok := Lookup(alias)
		if !ok || d.ID != want {
			t.Errorf("Lookup(%q) = %v, want %s", alias, d, want)
		}
	}
	if _, ok := Lookup("oracle"); ok {
		t.Error("unknown driver found")
	}
}

// TestDriverNamesUnique: every name --driver accepts (an ID or an alias) is spelt once in the
// table, in lower case, so that each names one driver and the help lists each once.
func TestDriverNamesUnique(t *testing.T) {
	owner := map[string]ID{}
	for _, d := range All() {
		for _, n := range append([]string{string(d.ID)}, d.Aliases...) {
			if n != strings.ToLower(strings.TrimSpace(n)) {
				t.Errorf("%s: name %q is not lower case without spaces: Lookup would never find it", d.ID, n)
			}
			if prev, dup := owner[n]; dup {
				t.Errorf("%q names %s and %s", n, prev, d.ID)
			}
			owner[n] = d.ID
		}
	}
	names := Names()
	if len(names) != len(owner) || !slices.IsSorted(names) {
		t.Errorf("Names() = %v: want each of the %d names once, sorted", names, len(owner))
	}
}

// TestDefaults pins each driver's default as docs/drivers.md states it.
func TestDefaults(t *testing.T) {
	for id, want := range map[ID]Behavior{
		Libpq:         {Encrypts: EncryptMaybe, Fallback: true},
		LibPQGo:       {Encrypts: EncryptAlways},
		Pgx:           {Encrypts: EncryptMaybe, Fallback: true},
		NodePostgres:  {Encrypts: EncryptNever},
		PostgresJS:    {Encrypts: EncryptNever},
		R2DBC:         {Encrypts: EncryptNever},
		Npgsql:        {Encrypts: EncryptMaybe, Fallback: true},
		Pgjdbc:        {Encrypts: EncryptMaybe, Fallback: true},
		TokioPostgres: {Encrypts: EncryptMaybe, Fallback: true},
	} {
		e := Get(id).Resolve(Input{Syntax: "uri"})
		if e.Explicit || e.Behavior != want {
			t.Errorf("%s default: %+v, want %+v", id, e.Behavior, want)
		}
	}
}

// TestSameSettingDifferentDrivers is the point of the table: sslmode=require means three
// different things.
func TestSameSettingDifferentDrivers(t *testing.T) {
	in := Input{Syntax: "uri", Settings: []Setting{{Name: "sslmode", Written: "sslmode", Value: "require"}}}
	cases := map[ID]Behavior{
		Libpq:         {Encrypts: EncryptAlways},
		NodePostgres:  {Encrypts: EncryptAlways, VerifiesCA: true, VerifiesHost: true},
		TokioPostgres: {Encrypts: EncryptAlways, VerifiesCA: true, VerifiesHost: true},
		PostgresJS:    {Encrypts: EncryptAlways},
	}
	for id, want := range cases {
		if got := Get(id).Resolve(in).Behavior; got != want {
			t.Errorf("%s: %+v, want %+v", id, got, want)
		}
	}
	if e := Get(NodePostgres).Resolve(in); e.SemanticsChange == nil {
		t.Error("node-postgres require: no semantics-change note")
	}
}

func TestEnvironment(t *testing.T) {
	env := map[string]string{"PGSSLMODE": "require"}
	if e := Get(Libpq).Resolve(Input{Env: env}); e.Mode != ModeRequire || e.Setting != "PGSSLMODE=require" {
		t.Errorf("libpq PGSSLMODE: %+v", e)
	}
	// node-postgres maps PGSSLMODE=require to full verification; Postgres.js ignores it.
	if e := Get(NodePostgres).Resolve(Input{Env: env}); !e.VerifiesHost {
		t.Errorf("pg PGSSLMODE=require: %+v", e)
	}
	if e := Get(PostgresJS).Resolve(Input{Env: env}); e.Explicit {
		t.Errorf("Postgres.js reads PGSSLMODE: %+v", e)
	}
}

func TestSecurePlans(t *testing.T) {
	for _, tc := range []struct {
		id   ID
		in   Input
		want string // ops rendered
	}{
		{Libpq, Input{Syntax: "uri"}, "sslmode=verify-full"},
		{Npgsql, Input{Syntax: "adonet"}, "SSL Mode=VerifyFull"},
		{Prisma, Input{Syntax: "uri"}, "sslmode=require sslaccept=strict"},
		{TokioPostgres, Input{Syntax: "keyword"}, "sslmode=require"},
		{Asyncpg, Input{Syntax: "uri", Via: "sqlalchemy", Settings: []Setting{{Name: "sslmode", Written: "sslmode", Value: "require"}}}, "ssl=verify-full -sslmode"},
		{Pgjdbc, Input{Syntax: "jdbc", Settings: []Setting{{Name: "sslfactory", Written: "sslfactory", Value: "org.postgresql.ssl.NonValidatingFactory"}}},
			"sslmode=verify-full sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory"},
		{NodePostgres, Input{Syntax: "uri", Settings: []Setting{{Name: "ssl", Written: "ssl", Value: "no-verify"}}}, "-ssl sslmode=verify-full"},
	} {
		d := Get(tc.id)
		p := d.Secure(tc.in, d.Resolve(tc.in))
		var parts []string
		for _, o := range p.Ops {
			if o.Remove {
				parts = append(parts, "-"+o.Key)
			} else {
				parts = append(parts, o.Key+"="+o.Value)
			}
		}
		if got := strings.Join(parts, " "); got != tc.want {
			t.Errorf("%s: ops %q, want %q", tc.id, got, tc.want)
		}
		if p.Text == "" {
			t.Errorf("%s: no text", tc.id)
		}
	}
}
