package drivers

import (
	"fmt"
	"strings"
)

// Pgjdbc is the ID of the driver in this file.
const Pgjdbc ID = "pgjdbc"

// resolvePgjdbc follows pgjdbc 42.x (docs/drivers.md#pgjdbc).
func resolvePgjdbc(d *Driver, in *Input, e *Effect) {
	factory := ""
	if f, ok := in.byKey("sslfactory"); ok {
		factory = f.Value
	}
	if ca, ok := in.byKey("sslrootcert"); ok {
		e.CA = "sslrootcert=" + ca.Value
		if ca.Value == "system" {
			e.invalid("sslrootcert", "pgjdbc has no sslrootcert=system: it opens a file named \"system\" (Could not open SSL root certificate file system)")
			e.Invalid[len(e.Invalid)-1].Fix = &Plan{Text: "Use sslrootcert=/path/to/ca.crt, or sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory for a CA in the JVM truststore."}
		}
	}
	// Only the default LibPQFactory reads sslrootcert or ~/.postgresql/root.crt; any other
	// factory brings its own trust (the JVM truststore, none, sslfactoryarg).
	if factory != "" && !strings.HasSuffix(factory, "LibPQFactory") {
		e.CA = "sslfactory=" + factory
	}
	if s, ok := in.byKey("sslmode"); ok {
		if s.Dynamic {
			e.Dynamic, e.Explicit = true, true
			return
		}
		m, valid := d.validMode(s.Value)
		if !valid {
			e.Explicit, e.Setting, e.SettingKey = true, "sslmode="+s.Value, "sslmode"
			e.invalid("sslmode", "pgjdbc rejects sslmode=%s (Invalid sslmode value)", s.Value)
			return
		}
		e.setMode(d, m, s)
	} else if s, ok := in.byKey("ssl"); ok {
		if e.decide(s) {
			return
		}
		if s.Value == "" || strings.EqualFold(s.Value, "true") {
			e.Mode = ModeVerifyFull
		} else {
			e.Mode = ModePrefer
			e.Note = fmt.Sprintf("pgjdbc reads ssl=%s as sslmode=prefer, not as disable", s.Value)
		}
		e.Behavior = d.Modes[e.Mode]
	}
	if strings.HasSuffix(factory, ".NonValidatingFactory") {
		// The factory replaces the chain check only: with sslmode=verify-full pgjdbc still checks
		// the host name (checked against a real server: a certificate of another CA that
		// names the host connects, one of the right CA for another name is refused), which
		// an attacker's self-made certificate names as easily.
		text := "sslfactory=" + factory + " makes pgjdbc accept a certificate from any CA"
		if e.Mode == ModeVerifyFull {
			text += " (verify-full still checks the host name, which a forged certificate names just as easily)"
		} else {
			e.VerifiesHost = false
		}
		e.Disabled = append(e.Disabled, Problem{Key: "sslfactory", Text: text})
		e.VerifiesCA = false
		if !e.Explicit {
			e.Explicit = true
			e.Setting, e.SettingKey = "sslfactory="+factory, "sslfactory"
			e.Mode, e.Encrypts, e.Fallback = ModePrefer, EncryptMaybe, true
		}
		return
	}
	if e.Explicit && strings.HasSuffix(factory, ".DefaultJavaSSLFactory") && e.Encrypts != EncryptNever {
		// The JVM's default factory always validates the chain; the host name only with verify-full.
		e.VerifiesCA = true
	}
}

// securePgjdbc replaces NonValidatingFactory along with the mode.
func securePgjdbc(_ *Driver, in Input, _ Effect, p *Plan) bool {
	if f, ok := in.byKey("sslfactory"); ok && strings.HasSuffix(f.Value, ".NonValidatingFactory") {
		p.Ops = append(p.Ops, Op{Key: "sslfactory", Value: pgjdbcJavaFactory})
		p.Text = "Use sslmode=verify-full and replace NonValidatingFactory with sslfactory=" + pgjdbcJavaFactory + " (the JVM truststore)."
	}
	return false
}

// pgjdbcJavaFactory is the factory that validates against the JVM's truststore.
const pgjdbcJavaFactory = "org.postgresql.ssl.DefaultJavaSSLFactory"

func init() {
	pgjdbc := register(&Driver{
		ID: Pgjdbc, Name: "pgjdbc", Aliases: []string{"jdbc", "postgresql-jdbc", "hikaricp", "spring"}, Language: "Java",
		Syntaxes: []string{"jdbc", "properties"},
		Packages: []Package{{Ecosystem: Maven, Name: "org.postgresql:postgresql", Rank: 0}},
		// Imports of org.postgresql.*, and class names under it (HikariCP's
		// dataSourceClassName), name pgjdbc.
		Modules:         []Module{{Lang: LangJava, Path: "org.postgresql", Prefix: true}},
		Default:         ModePrefer,
		DefaultText:     "prefer: TLS with a non-validating trust manager, plaintext retry",
		Modes:           libpqModes,
		CaseInsensitive: true,
		CAParam:         "sslrootcert",
		DefaultCA:       "~/.postgresql/root.crt (the JVM truststore only with sslfactory=" + pgjdbcJavaFactory + ")",
		NeedsCAFile:     true,
		CAStep:          "It then needs the server's CA: sslrootcert=/path/to/ca.crt or ~/.postgresql/root.crt (in the JVM's user.home), or sslfactory=" + pgjdbcJavaFactory + " for a CA in the JVM truststore.",
		CAOther:         "sslfactory=" + pgjdbcJavaFactory + " for a CA in the JVM truststore",
		SystemRootText:  "not supported: opens a file named \"system\"",
		SecureValue:     string(ModeVerifyFull),
		Disablers: []string{"sslmode=disable/allow/prefer/require (require never verifies, even with sslrootcert)",
			"ssl=false (means prefer)", "sslfactory=org.postgresql.ssl.NonValidatingFactory", "a custom sslhostnameverifier"},
		FixText: "sslmode=verify-full&sslrootcert=/path/to/ca.crt, or sslmode=verify-full&sslfactory=" + pgjdbcJavaFactory + " for a CA in the JVM truststore",
		resolve: resolvePgjdbc,
		secure:  securePgjdbc,
		Sources: []Source{
			src("https://github.com/pgjdbc/pgjdbc/blob/3a699d57/pgjdbc/src/main/java/org/postgresql/jdbc/SslMode.java", "pgjdbc 42.7.13",
				"SslMode.of: no sslmode gives verify-full when ssl is true or empty, else prefer; values matched with equalsIgnoreCase, else Invalid sslmode value (the PGProperty javadoc's default \"require\" is wrong)",
				FactDefault, FactModes),
			src("https://github.com/pgjdbc/pgjdbc/blob/3a699d57/pgjdbc/src/main/java/org/postgresql/ssl/LibPQFactory.java", "pgjdbc 42.7.13",
				"modes below verify-ca get a NonValidatingTM even with sslrootcert or ~/.postgresql/root.crt; verify-* read sslrootcert, else user.home/.postgresql/root.crt, and fail when it is missing; no system keyword",
				FactCA, FactSystemRoot, FactDisablers),
			src("https://github.com/pgjdbc/pgjdbc/blob/3a699d57/pgjdbc/src/main/java/org/postgresql/core/SocketFactoryFactory.java", "pgjdbc 42.7.13",
				"sslfactory: NonValidatingFactory trusts any certificate; DefaultJavaSSLFactory uses the JVM truststore; verified against a real server: NonValidatingFactory with verify-full still checks the host name",
				FactDisablers, FactFix),
			src("https://jdbc.postgresql.org/documentation/use/", "pgjdbc 42.7 docs",
				"the driver is the Maven artifact org.postgresql:postgresql; its classes are in org.postgresql; no PG* environment variables are read",
				FactPackages),
		},
	})
	registerConnector(pgjdbc, &Connector{
		Name:     "Debezium PostgreSQL connector",
		Classes:  []string{"io.debezium.connector.postgresql.PostgresConnector"},
		Prefixes: []string{"database.", "driver."},
		Host:     "hostname",
		Sources: []Source{
			src("https://github.com/debezium/debezium/blob/00ecefe65d0c818b8efd333ebc84729c7e581f23/debezium-connector-postgres/src/main/java/io/debezium/connector/postgresql/connection/PostgresConnection.java", "Debezium at 00ecefe6",
				"connects with org.postgresql.Driver to jdbc:postgresql://${hostname}:${port}/${dbname}, handing the connector's JDBC configuration to pgjdbc as properties"),
			src("https://github.com/debezium/debezium/blob/bef328adc631cdbebf72048affd0f2efba64b8c4/debezium-core/src/main/java/io/debezium/relational/RelationalDatabaseConnectorConfig.java", "Debezium at bef328ad",
				"the JDBC configuration is the config's database.* keys merged with its driver.* keys, prefixes dropped: database.sslmode is pgjdbc's sslmode; only keys that are set reach pgjdbc, so no sslmode is pgjdbc's default"),
		},
	})
}
