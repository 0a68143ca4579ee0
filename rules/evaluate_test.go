package rules

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// evalCase is one connection string read by one driver, with the rules that must fire (want,
// exactly) and must not.
type evalCase struct {
	name   string
	driver drivers.ID
	conn   string
	opt    Options
	want   []string
	// sev optionally pins the severity of the first wanted rule.
	sev Severity
}

func ruleIDs(fs []Finding) []string {
	var ids []string
	for _, f := range fs {
		ids = append(ids, f.RuleID)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

var evalCases = []evalCase{
	// PGTLS001 plaintext-allowed: must fire.
	{name: "libpq uri disable", conn: "postgres://db.example.com/app?sslmode=disable", want: []string{"PGTLS001"}},
	{name: "libpq keyword prefer", conn: "host=db.example.com dbname=app sslmode=prefer", want: []string{"PGTLS001"}},
	{name: "libpq allow", conn: "host=db.example.com sslmode=allow", want: []string{"PGTLS001"}},
	{name: "psycopg2 requiressl=0", driver: drivers.Psycopg2, conn: "host=db.example.com requiressl=0", want: []string{"PGTLS001"}},
	{name: "pgjdbc ssl=false means prefer", conn: "jdbc:postgresql://db.example.com/app?ssl=false", want: []string{"PGTLS001"}},
	{name: "pgjdbc disable", conn: "jdbc:postgresql://db.example.com:5432/app?sslmode=DISABLE", want: []string{"PGTLS001"}},
	{name: "node-postgres ssl=0", driver: drivers.NodePostgres, conn: "postgres://db.example.com/app?ssl=0", want: []string{"PGTLS001"}, sev: SeverityError},
	{name: "node-postgres disable", driver: drivers.NodePostgres, conn: "postgresql://db.example.com/app?sslmode=disable", want: []string{"PGTLS001"}},
	{name: "postgres.js prefer", driver: drivers.PostgresJS, conn: "postgres://db.example.com/app?sslmode=prefer", want: []string{"PGTLS001"}},
	{name: "postgres.js ssl=false", driver: drivers.PostgresJS, conn: "postgres://db.example.com/app?ssl=false", want: []string{"PGTLS001"}},
	{name: "prisma6 verify-full is unknown", driver: drivers.Prisma, conn: "postgresql://db.example.com/app?sslmode=verify-full", want: []string{"PGTLS001"}},
	{name: "pgx prefer with root cert still plaintext", driver: drivers.Pgx, conn: "host=db.example.com sslmode=prefer sslrootcert=/etc/ca.pem", want: []string{"PGTLS001"}},
	{name: "tokio prefer", driver: drivers.TokioPostgres, conn: "host=db.example.com sslmode=prefer", want: []string{"PGTLS001"}},
	{name: "sqlx allow never encrypts", driver: drivers.Sqlx, conn: "postgres://db.example.com/app?sslmode=allow", want: []string{"PGTLS001"}},
	{name: "npgsql disable", conn: "Host=db.example.com;Database=app;SSL Mode=Disable", want: []string{"PGTLS001"}},
	{name: "r2dbc prefer", conn: "r2dbc:postgresql://db.example.com/app?sslMode=prefer", want: []string{"PGTLS001"}},
	{name: "dynamic host is not local", conn: "postgres://${DB_HOST}/app?sslmode=disable", want: []string{"PGTLS001"}},
	{name: "open parameters, weak mode shown", driver: drivers.Pgx, conn: "postgres://db.example.com/app?sslmode=disable&${KEY}=${VALUE}", want: []string{"PGTLS001"}},
	{name: "one remote host of several", conn: "postgres://localhost,db.example.com/app?sslmode=disable", want: []string{"PGTLS001"}},
	// PGTLS001: must not fire.
	{name: "localhost disable", conn: "postgres://localhost/app?sslmode=disable"},
	{name: "loopback v4 disable", conn: "host=127.0.0.2 sslmode=disable"},
	{name: "loopback v6 disable", conn: "postgresql://[::1]:5432/app?sslmode=disable"},
	{name: "unix socket disable", conn: "host=/var/run/postgresql sslmode=disable"},
	{name: "omitted host disable", conn: "dbname=app sslmode=disable"},
	{name: "percent-encoded socket", conn: "postgresql://%2Fvar%2Frun%2Fpostgresql/app?sslmode=disable"},
	{name: "trusted host glob", conn: "postgres://db.internal.corp/app?sslmode=disable", opt: Options{TrustedHosts: []string{"*.internal.corp"}}},
	{name: "compose service", conn: "postgres://db/app?sslmode=disable", opt: Options{LocalServices: []string{"db"}}},
	{name: "dynamic sslmode", conn: "postgres://db.example.com/app?sslmode=${PGSSLMODE}"},

	// PGTLS002 server-not-verified.
	{name: "libpq require", conn: "postgres://db.example.com/app?sslmode=require", want: []string{"PGTLS002"}, sev: SeverityWarning},
	{name: "libpq ssl=true is require", conn: "postgres://db.example.com/app?ssl=true", want: []string{"PGTLS002"}},
	{name: "libpq requiressl=1", conn: "host=db.example.com requiressl=1", want: []string{"PGTLS002"}},
	{name: "lib/pq require", driver: drivers.LibPQGo, conn: "host=db.example.com sslmode=require", want: []string{"PGTLS002"}},
	{name: "pgx require", driver: drivers.Pgx, conn: "postgres://db.example.com/app?sslmode=require", want: []string{"PGTLS002"}},
	{name: "asyncpg require", driver: drivers.Asyncpg, conn: "postgres://db.example.com/app?sslmode=require", want: []string{"PGTLS002"}},
	{name: "pgjdbc require ignores root cert", conn: "jdbc:postgresql://db.example.com/app?sslmode=require&sslrootcert=/etc/ca.pem", want: []string{"PGTLS002"}},
	{name: "npgsql require ignores root cert", conn: "Host=db.example.com;SSL Mode=Require;Root Certificate=/etc/ca.pem", want: []string{"PGTLS002"}},
	{name: "sqlx require ignores root cert", driver: drivers.Sqlx, conn: "postgres://db.example.com/app?sslmode=require&sslrootcert=/etc/ca.pem", want: []string{"PGTLS002"}},
	{name: "martin require", driver: drivers.Martin, conn: "postgres://db.example.com/app?sslmode=require", want: []string{"PGTLS002"}},
	{name: "postgres.js require", driver: drivers.PostgresJS, conn: "postgres://db.example.com/app?sslmode=require", want: []string{"PGTLS002"}},
	{name: "prisma6 require without strict", driver: drivers.Prisma, conn: "postgresql://db.example.com/app?sslmode=require", want: []string{"PGTLS002"}},
	{name: "sqlalchemy asyncpg ssl=require", conn: "postgresql+asyncpg://db.example.com/app?ssl=require", want: []string{"PGTLS002"}},
	{name: "channel binding lowers to a note", conn: "host=db.example.com sslmode=require channel_binding=require", want: []string{"PGTLS002"}, sev: SeverityNote},
	// PGTLS002: must not fire.
	{name: "node-postgres require verifies in pg 8", driver: drivers.NodePostgres, conn: "postgres://db.example.com/app?sslmode=require", want: []string{"PGTLS010"}},
	{name: "pgjdbc ssl=true is verify-full", conn: "jdbc:postgresql://db.example.com/app?ssl=true&sslrootcert=/etc/ca.pem"},
	{name: "tokio require with a connector", driver: drivers.TokioPostgres, conn: "host=db.example.com sslmode=require"},
	{name: "prisma6 require strict", driver: drivers.Prisma, conn: "postgresql://db.example.com/app?sslmode=require&sslaccept=strict"},
	{name: "libpq verify-full with CA", conn: "host=db.example.com sslmode=verify-full sslrootcert=/etc/ca.pem"},
	{name: "libpq require local", conn: "host=localhost sslmode=require"},

	// PGTLS003 hostname-not-verified.
	{name: "libpq verify-ca", conn: "host=db.example.com sslmode=verify-ca sslrootcert=/etc/ca.pem", want: []string{"PGTLS003"}, sev: SeverityNote},
	{name: "libpq require with CA is not guaranteed", conn: "host=db.example.com sslmode=require sslrootcert=/etc/ca.pem", want: []string{"PGTLS002"}},
	{name: "lib/pq require with CA is verify-ca", driver: drivers.LibPQGo, conn: "host=db.example.com sslmode=require sslrootcert=/etc/ca.pem", want: []string{"PGTLS003"}},
	{name: "pgx require with CA is verify-ca", driver: drivers.Pgx, conn: "host=db.example.com sslmode=require sslrootcert=/etc/ca.pem", want: []string{"PGTLS003"}},
	{name: "pgjdbc verify-ca", conn: "jdbc:postgresql://db.example.com/app?sslmode=verify-ca&sslrootcert=/etc/ca.pem", want: []string{"PGTLS003"}},
	{name: "npgsql VerifyCA", conn: "Host=db.example.com;SSL Mode=VerifyCA", want: []string{"PGTLS003"}},
	// PGTLS003: must not fire.
	{name: "verify-ca local", conn: "host=127.0.0.1 sslmode=verify-ca sslrootcert=/etc/ca.pem"},
	{name: "postgres.js verify-ca checks host", driver: drivers.PostgresJS, conn: "postgres://db.example.com/app?sslmode=verify-ca"},

	// PGTLS004 sslmode-missing.
	{name: "libpq missing", conn: "postgres://db.example.com/app", want: []string{"PGTLS004"}, sev: SeverityWarning},
	{name: "libpq keyword missing", conn: "host=db.example.com dbname=app", want: []string{"PGTLS004"}},
	{name: "node-postgres missing is error", driver: drivers.NodePostgres, conn: "postgres://db.example.com/app", want: []string{"PGTLS004"}, sev: SeverityError},
	{name: "postgres.js missing is error", driver: drivers.PostgresJS, conn: "postgres://db.example.com/app", want: []string{"PGTLS004"}, sev: SeverityError},
	{name: "lib/pq missing", driver: drivers.LibPQGo, conn: "postgres://db.example.com/app", want: []string{"PGTLS004"}, sev: SeverityWarning},
	{name: "r2dbc missing is error", conn: "r2dbc:postgresql://db.example.com/app", want: []string{"PGTLS004"}, sev: SeverityError},
	{name: "npgsql missing", conn: "Host=db.example.com;Database=app;Username=app", want: []string{"PGTLS004"}},
	{name: "pgjdbc missing", conn: "jdbc:postgresql://db.example.com/app", want: []string{"PGTLS004"}},
	{name: "prisma6 missing", driver: drivers.Prisma, conn: "postgresql://db.example.com/app", want: []string{"PGTLS004"}},
	{name: "run-time database name is not a query", conn: "postgres://db.example.com/${DB_NAME}", want: []string{"PGTLS004"}},
	{name: "run-time value is not a parameter", conn: "host=db.example.com dbname=app application_name=%s", want: []string{"PGTLS004"}},
	{name: "run-time URL host is not a path", conn: "postgres://${DB_HOST}/app", want: []string{"PGTLS004"}},
	{name: "shell variable URL host is not a path", conn: "postgres://$HOST/db", want: []string{"PGTLS004"}},
	{name: "run-time host with a port is not a path", conn: "host=${DB_HOST}:5432 dbname=app", want: []string{"PGTLS004"}},
	{name: "run-time query value is not a parameter", conn: "postgres://db.example.com/app?application_name=${APP}", want: []string{"PGTLS004"}},
	// PGTLS004: must not fire.
	{name: "missing but local", conn: "postgres://localhost/app"},
	{name: "query built at run time", conn: "postgres://${}@${}/${}?${}"},
	{name: "query item built at run time", conn: "postgres://db.example.com/app?connect_timeout=5&${EXTRA}"},
	{name: "keyword parameters appended at run time", conn: "host=db.example.com dbname=app ${}"},
	{name: "keyword parameters prepended at run time", conn: "%s host=db.example.com dbname=app"},
	{name: "keyword key at run time", conn: "host = db.example.com dbname=app %s=%s"},
	{name: "jdbc query at run time", conn: "jdbc:postgresql://db.example.com/app?{{ .Values.dbParams }}"},
	{name: "npgsql items at run time", conn: "Host=db.example.com;Database=app;${EXTRA}"},
	{name: "socket directory at run time", conn: "host=$PWD/postgres dbname=app"},
	{name: "socket directory at run time, braces", conn: "host=${RUNTIME_DIR}/pg dbname=app"},
	{name: "socket directory below a static one", conn: "host=/tmp/${} dbname=app"},
	{name: "socket directory of a command", conn: "host=$(pwd)/pg dbname=app"},
	{name: "weak mode to a socket directory at run time", conn: "host=${}/sock sslmode=disable"},
	{name: "missing, socket", conn: "postgresql:///app"},
	{name: "pgjdbc local default host", conn: "jdbc:postgresql:app"},

	// PGTLS005 sslrootcert-missing.
	{name: "libpq verify-full no CA", conn: "postgres://db.example.com/app?sslmode=verify-full", want: []string{"PGTLS005"}},
	{name: "pgjdbc verify-full no CA", conn: "jdbc:postgresql://db.example.com/app?sslmode=verify-full", want: []string{"PGTLS005"}},
	{name: "pgjdbc ssl=true no CA", conn: "jdbc:postgresql://db.example.com/app?ssl=true", want: []string{"PGTLS005"}},
	{name: "asyncpg verify-full no CA", driver: drivers.Asyncpg, conn: "postgres://db.example.com/app?sslmode=verify-full", want: []string{"PGTLS005"}},
	// PGTLS005: must not fire.
	{name: "verify-full, CA maybe at run time", conn: "postgres://db.example.com/app?sslmode=verify-full&${}"},
	{name: "pgx verify-full uses system roots", driver: drivers.Pgx, conn: "postgres://db.example.com/app?sslmode=verify-full"},
	{name: "lib/pq verify-full uses system roots", driver: drivers.LibPQGo, conn: "host=db.example.com sslmode=verify-full"},
	{name: "node-postgres verify-full", driver: drivers.NodePostgres, conn: "postgres://db.example.com/app?sslmode=verify-full"},
	{name: "npgsql VerifyFull", conn: "Host=db.example.com;SSL Mode=VerifyFull"},
	{name: "libpq sslrootcert=system", conn: "postgres://db.example.com/app?sslmode=verify-full&sslrootcert=system"},
	{name: "libpq sslrootcert=system alone", conn: "postgres://db.example.com/app?sslrootcert=system"},
	{name: "pgjdbc DefaultJavaSSLFactory", conn: "jdbc:postgresql://db.example.com/app?sslmode=verify-full&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory"},

	// PGTLS006 verification-disabled.
	{name: "node-postgres no-verify", driver: drivers.NodePostgres, conn: "postgres://db.example.com/app?sslmode=no-verify", want: []string{"PGTLS006"}},
	{name: "node-postgres ssl=no-verify", driver: drivers.NodePostgres, conn: "postgres://db.example.com/app?ssl=no-verify", want: []string{"PGTLS006"}},
	{name: "node-postgres no-verify omitted host", driver: drivers.NodePostgres, conn: "postgres:///app?sslmode=no-verify", want: []string{"PGTLS006"}},
	{name: "pgjdbc NonValidatingFactory", conn: "jdbc:postgresql://db.example.com/app?sslmode=verify-full&sslrootcert=/etc/ca.pem&sslfactory=org.postgresql.ssl.NonValidatingFactory", want: []string{"PGTLS006"}},
	{name: "pgjdbc NonValidatingFactory alone", conn: "jdbc:postgresql://db.example.com/app?sslfactory=org.postgresql.ssl.NonValidatingFactory", want: []string{"PGTLS006"}},
	{name: "npgsql Trust Server Certificate", conn: "Host=db.example.com;SSL Mode=VerifyFull;Trust Server Certificate=true", want: []string{"PGTLS006"}},
	{name: "prisma accept_invalid_certs", driver: drivers.Prisma, conn: "postgresql://db.example.com/app?sslmode=require&sslaccept=accept_invalid_certs", want: []string{"PGTLS006"}},
	// PGTLS006: must not fire.
	{name: "no-verify on explicit localhost", driver: drivers.NodePostgres, conn: "postgres://localhost/app?sslmode=no-verify"},
	{name: "npgsql Trust Server Certificate false", conn: "Host=db.example.com;SSL Mode=VerifyFull;Trust Server Certificate=false"},

	// PGTLS007 weak-tls-version.
	{name: "min protocol TLSv1.1", conn: "host=db.example.com sslmode=verify-full sslrootcert=/ca.pem ssl_min_protocol_version=TLSv1.1", want: []string{"PGTLS007"}},
	{name: "max protocol TLSv1", conn: "postgres://db.example.com/app?sslmode=verify-full&sslrootcert=/ca.pem&ssl_max_protocol_version=TLSv1", want: []string{"PGTLS007"}},
	{name: "jdbc URL in a pgx project is pgjdbc", driver: drivers.Pgx, conn: "jdbc:postgresql://db.example.com/app?sslmode=require", want: []string{"PGTLS002"}},
	{name: "min protocol TLSv1.2", conn: "host=db.example.com sslmode=verify-full sslrootcert=/ca.pem ssl_min_protocol_version=TLSv1.2"},

	// PGTLS008 password-in-connection-string.
	{name: "uri password", conn: "postgres://app:s3cr3t-Pa55@db.example.com/app?sslmode=verify-full&sslrootcert=/ca.pem", want: []string{"PGTLS008"}},
	{name: "keyword password", conn: "host=db.example.com password='s3cr3t Pa55' sslmode=verify-full sslrootcert=/ca.pem", want: []string{"PGTLS008"}},
	{name: "jdbc password", conn: "jdbc:postgresql://db.example.com/app?user=app&password=s3cr3t&sslmode=verify-full&sslrootcert=/ca.pem", want: []string{"PGTLS008"}},
	{name: "npgsql password", conn: "Host=db.example.com;Password=s3cr3t;SSL Mode=VerifyFull", want: []string{"PGTLS008"}},
	{name: "placeholder password", conn: "postgres://app:${DB_PASSWORD}@db.example.com/app?sslmode=verify-full&sslrootcert=/ca.pem"},
	{name: "format password", conn: "postgres://app:%s@db.example.com/app?sslmode=verify-full&sslrootcert=/ca.pem"},
	{name: "local password", conn: "postgres://app:devpass@localhost/app"},

	// PGTLS009 sslmode-invalid.
	{name: "libpq miscased", conn: "host=db.example.com sslmode=Require", want: []string{"PGTLS009"}},
	{name: "pgx verify_full", driver: drivers.Pgx, conn: "host=db.example.com sslmode=verify_full", want: []string{"PGTLS009"}},
	{name: "tokio verify-full does not parse", driver: drivers.TokioPostgres, conn: "host=db.example.com sslmode=verify-full", want: []string{"PGTLS009"}},
	{name: "sqlalchemy asyncpg sslmode TypeError", conn: "postgresql+asyncpg://db.example.com/app?sslmode=require", want: []string{"PGTLS009"}},
	{name: "npgsql verify-full spelling", conn: "Host=db.example.com;SSL Mode=verify-full", want: []string{"PGTLS009"}},
	{name: "libpq require with system", conn: "host=db.example.com sslmode=require sslrootcert=system", want: []string{"PGTLS009"}},
	{name: "asyncpg sslrootcert=system", driver: drivers.Asyncpg, conn: "postgres://db.example.com/app?sslmode=verify-full&sslrootcert=system", want: []string{"PGTLS009"}},
	{name: "node-postgres sslrootcert=system", driver: drivers.NodePostgres, conn: "postgres://db.example.com/app?sslmode=verify-full&sslrootcert=system", want: []string{"PGTLS009"}},
	{name: "lib/pq ssl=true goes to the server", driver: drivers.LibPQGo, conn: "postgres://db.example.com/app?sslmode=verify-full&ssl=true", want: []string{"PGTLS009"}},
	// PGTLS009: must not fire.
	{name: "pgjdbc accepts any case", conn: "jdbc:postgresql://db.example.com/app?sslmode=VERIFY-FULL&sslrootcert=/ca.pem"},
	{name: "sqlx accepts any case", driver: drivers.Sqlx, conn: "postgres://db.example.com/app?sslmode=Verify-Full"},
	{name: "npgsql enum any case", conn: "Host=db.example.com;sslmode=verifyfull"},

	// PGTLS010 driver-semantics-change.
	{name: "node-postgres prefer", driver: drivers.NodePostgres, conn: "postgres://db.example.com/app?sslmode=prefer", want: []string{"PGTLS010"}, sev: SeverityNote},
	{name: "node-postgres ssl=false turns TLS on", driver: drivers.NodePostgres, conn: "postgres://db.example.com/app?ssl=false", want: []string{"PGTLS010"}},
	{name: "prisma7 verify-ca", driver: drivers.Prisma7, conn: "postgres://db.example.com/app?sslmode=verify-ca", want: []string{"PGTLS010"}},
	// PGTLS010: must not fire.
	{name: "node-postgres verify-full", driver: drivers.NodePostgres, conn: "postgres://db.example.com/app?sslmode=verify-full"},

	// PGTLS011 tls-setting-ignored.
	{name: "postgres.js sslrootcert in URL", driver: drivers.PostgresJS, conn: "postgres://db.example.com/app?sslmode=verify-full&sslrootcert=/etc/ca.pem", want: []string{"PGTLS011"}},
	{name: "prisma7 sslaccept", driver: drivers.Prisma7, conn: "postgres://db.example.com/app?sslmode=verify-full&sslaccept=strict", want: []string{"PGTLS011"}},
	{name: "postgres.js verify-full", driver: drivers.PostgresJS, conn: "postgres://db.example.com/app?sslmode=verify-full"},
}

func TestEvaluate(t *testing.T) {
	for _, tc := range evalCases {
		t.Run(tc.name, func(t *testing.T) {
			tgt, cs := ParseConnString(tc.conn, StringSource{Path: "x", Driver: tc.driver})
			if cs == nil {
				t.Fatal("nil parse")
			}
			fs := Evaluate(tgt, tc.opt)
			got := ruleIDs(fs)
			if !slices.Equal(got, tc.want) {
				for _, f := range fs {
					t.Logf("%s %s: %s", f.RuleID, f.Severity, f.Message)
				}
				t.Fatalf("%s (%s): rules %v, want %v", tc.conn, tc.driver, got, tc.want)
			}
			if tc.sev != "" && fs[0].Severity != tc.sev {
				t.Errorf("severity %s, want %s", fs[0].Severity, tc.sev)
			}
			for _, f := range fs {
				if f.Span.Start < 0 || f.Span.End > len(tc.conn) || f.Span.Start > f.Span.End {
					t.Errorf("%s: span %v out of range", f.RuleID, f.Span)
				}
				if f.Fix == nil || f.Fix.Description == "" {
					t.Errorf("%s: no fix description", f.RuleID)
				}
				if !strings.Contains(f.Message, f.DriverName) {
					t.Errorf("%s: message does not name the driver %q: %s", f.RuleID, f.DriverName, f.Message)
				}
			}
		})
	}
}

// TestFixesResolve applies every finding's edits (to a fixed point, as scan --fix does) and
// checks that the rules that had an automatic fix no longer fire and that the reader still
// accepts the string.
func TestFixesResolve(t *testing.T) {
	fixed := 0
	for _, tc := range evalCases {
		if len(tc.want) == 0 {
			continue
		}
		tgt, _ := ParseConnString(tc.conn, StringSource{Driver: tc.driver})
		fs := Evaluate(tgt, tc.opt)
		withEdits := map[string]bool{}
		for _, f := range fs {
			if f.Fix != nil && len(f.Fix.Edits) > 0 {
				withEdits[f.RuleID] = true
			}
		}
		if len(withEdits) == 0 {
			continue
		}
		out := fixToFixedPoint(tc.conn, tc.driver, tc.opt, fs)
		if out == tc.conn {
			t.Errorf("%s: edits changed nothing", tc.name)
			continue
		}
		fixed++
		t2, cs2 := ParseConnString(out, StringSource{Driver: tc.driver})
		if cs2.Err != nil {
			t.Errorf("%s: fixed string %q no longer parses: %v", tc.name, out, cs2.Err)
		}
		for _, f := range Evaluate(t2, tc.opt) {
			if withEdits[f.RuleID] {
				t.Errorf("%s: %s still fires after the fix: %q → %q: %s", tc.name, f.RuleID, tc.conn, out, f.Message)
			}
		}
	}
	if fixed < 40 {
		t.Errorf("only %d cases had automatic fixes; the table lost coverage", fixed)
	}
}

// TestEveryClientRuleCovered keeps the table honest: every client rule has cases that fire
// and cases that do not, for several drivers.
func TestEveryClientRuleCovered(t *testing.T) {
	fire := map[string]map[drivers.ID]bool{}
	for _, tc := range evalCases {
		tgt, _ := ParseConnString(tc.conn, StringSource{Driver: tc.driver})
		for _, id := range tc.want {
			if fire[id] == nil {
				fire[id] = map[drivers.ID]bool{}
			}
			fire[id][tgt.Driver] = true
		}
	}
	for _, r := range Catalog() {
		if r.Scope != ScopeClient {
			continue
		}
		if len(fire[r.ID]) == 0 {
			t.Errorf("%s never fires in the table", r.ID)
		}
	}
}

// TestSecretsNeverPrinted checks that no output of Evaluate or Explain holds a password.
func TestSecretsNeverPrinted(t *testing.T) {
	const secret = "Sup3rS3cr3tPw"
	conns := []string{
		"postgres://app:" + secret + "@db.example.com/app?ssl=no-verify",
		"postgres://app:" + secret + "@db.example.com/app?sslmode=require&password=" + secret,
		"postgresql://db.example.com/app?password=" + secret + "&sslmode=disable",
		"host=db.example.com password=" + secret + " sslmode=prefer",
		"host=db.example.com password='" + secret + " x' sslmode=require sslpassword=" + secret,
		"jdbc:postgresql://db.example.com/app?password=" + secret + "&sslfactory=org.postgresql.ssl.NonValidatingFactory",
		"Host=db.example.com;Password=" + secret + ";SSL Mode=Require;Trust Server Certificate=true",
		"postgresql+asyncpg://app:" + secret + "@db.example.com/app?sslmode=require",
		"pgsql:host=db.example.com;password=" + secret + ";sslmode=prefer",
		"postgres://app:" + secret + "@db.example.com/app?sslmode=Disable&sslrootcert=system",
	}
	for _, c := range conns {
		for _, d := range append([]drivers.ID{""}, driverIDs()...) {
			ex := Explain(c, d, Options{})
			b, err := json.Marshal(ex)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(b), secret) {
				t.Errorf("explain %q (%s) leaks the password: %s", c, d, b)
			}
			if len(ex.Findings) == 0 && d == "" {
				t.Errorf("explain %q: no findings; the test would prove nothing", c)
			}
		}
	}
}

func driverIDs() []drivers.ID {
	var ids []drivers.ID
	for _, d := range drivers.All() {
		ids = append(ids, d.ID)
	}
	return ids
}

func TestFragmentsAndUnknownHosts(t *testing.T) {
	// PGSSLMODE=disable in an env file: the host is set elsewhere, so it is not known to be local.
	tgt := &Target{Syntax: "env", HostUnknown: true, Fragment: true,
		Params: []Param{{Setting: drivers.Setting{Name: "sslmode", Written: "PGSSLMODE", Value: "disable"}, Val: Span{10, 17}}}}
	if got := ruleIDs(Evaluate(tgt, Options{})); !slices.Equal(got, []string{"PGTLS001"}) {
		t.Errorf("PGSSLMODE=disable: %v", got)
	}
	// A fragment with no mode says nothing about the default.
	tgt = &Target{Syntax: "env", HostUnknown: true, Fragment: true, Driver: drivers.NodePostgres,
		Params: []Param{{Setting: drivers.Setting{Name: "NODE_TLS_REJECT_UNAUTHORIZED", Written: "NODE_TLS_REJECT_UNAUTHORIZED", Value: "0"}}}}
	if got := ruleIDs(Evaluate(tgt, Options{})); !slices.Equal(got, []string{"PGTLS006"}) {
		t.Errorf("NODE_TLS_REJECT_UNAUTHORIZED=0: %v", got)
	}
	tgt.Params[0].Value = "1"
	if got := Evaluate(tgt, Options{}); len(got) != 0 {
		t.Errorf("NODE_TLS_REJECT_UNAUTHORIZED=1: %v", ruleIDs(got))
	}
	// The same host-less setting without HostUnknown is a Unix socket: local.
	tgt = &Target{Syntax: "keyword", Params: []Param{{Setting: drivers.Setting{Name: "sslmode", Written: "sslmode", Value: "disable"}}}}
	if got := Evaluate(tgt, Options{}); len(got) != 0 {
		t.Errorf("socket: %v", ruleIDs(got))
	}
}

func TestFindingSitsOnTheValue(t *testing.T) {
	conn := "postgres://db.example.com/app?sslmode=require"
	tgt, _ := ParseConnString(conn, StringSource{Base: 100})
	fs := Evaluate(tgt, Options{})
	if len(fs) != 1 {
		t.Fatalf("got %d findings", len(fs))
	}
	if got := fs[0].Span; got.Start != 100+strings.Index(conn, "require") || got.End != 100+len(conn) {
		t.Errorf("span %v, want the value 'require' at offset 100", got)
	}
	edits := fs[0].Fix.Edits
	if len(edits) != 1 || edits[0].NewText != "verify-full" || edits[0].Start != 100+strings.Index(conn, "require") {
		t.Errorf("edits %+v, want require → verify-full in place", edits)
	}
}

// TestIsDynamic checks the values that are filled in later, by a program or when a template
// is rendered, against literals that merely hold the same characters.
func TestIsDynamic(t *testing.T) {
	for v, want := range map[string]bool{
		"${DB_HOST}":                true,
		"{{ .Values.db.sslmode }}":  true,
		`<%= ENV["DB_PASSWORD"] %>`: true,
		"$________________":         true, // a template action masked for a parser (model/tmpl)
		"%s":                        true,
		"verify-full":               false,
		"p<ss%word":                 false,
		"db.example.com":            false,
		"{not-a-placeholder}":       false,
	} {
		if got := IsDynamic(v); got != want {
			t.Errorf("IsDynamic(%q) = %v, want %v", v, got, want)
		}
	}
}
