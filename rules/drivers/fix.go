package drivers

import "strings"

// Op sets or removes one parameter, spelt as the driver reads it.
type Op struct {
	Key    string
	Value  string
	Remove bool
}

// Plan is a fix: the parameter changes, and the sentence a person reads (with any step that
// needs a human choice, such as where the CA file lives).
type Plan struct {
	Ops  []Op
	Text string
}

// Empty reports whether the plan has no edit.
func (p Plan) Empty() bool { return len(p.Ops) == 0 }

// caStep says what the driver needs besides verify-full to find the server's CA.
func (d *Driver) caStep(e Effect) string {
	if e.CA != "" && !strings.HasSuffix(e.CA, "=system") {
		return ""
	}
	switch {
	case d.LibpqFamily():
		return "It then needs the server's CA: sslrootcert=/path/to/ca.crt, PGSSLROOTCERT, or ~/.postgresql/root.crt; with libpq 16+ and a public CA, sslrootcert=system."
	case d.ID == Asyncpg:
		// asyncpg's own lookup (connect_utils.py): sslrootcert in the DSN, PGSSLROOTCERT,
		// ~/.postgresql/root.crt; ssl=True and default contexts use the system store instead.
		return "It then needs the server's CA: sslrootcert=/path/to/ca.crt in the DSN, PGSSLROOTCERT, or ~/.postgresql/root.crt (ssl=True or ssl.create_default_context() use the system store instead)."
	case d.ID == Pgjdbc:
		return "It then needs the server's CA: sslrootcert=/path/to/ca.crt or ~/.postgresql/root.crt (in the JVM's user.home), or sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory for a CA in the JVM truststore."
	case d.ID == Pgx, d.ID == LibPQGo:
		return "Go's system roots are used (or ~/.postgresql/root.crt if present); for a private CA add sslrootcert=/path/to/ca.crt."
	case d.ID == NodePostgres, d.ID == Prisma7:
		return "Node's CA list is used; for a private CA add sslrootcert=/path/to/ca.crt to the URL or set NODE_EXTRA_CA_CERTS."
	case d.ID == PostgresJS:
		return "Node's CA list is used; for a private CA pass ssl: { ca: fs.readFileSync('ca.pem') } in the options object, not in the URL."
	case d.ID == Prisma:
		return "The OS trust store is used; for a private CA add sslcert=./ca.pem (in Prisma 6 this is the server CA)."
	case d.ID == Npgsql:
		return "The OS trust store is used; for a private CA add Root Certificate=/path/to/ca.pem."
	case d.ID == R2DBC:
		return "The JDK truststore is used; for a private CA add sslRootCert=/path/to/ca.crt."
	case d.ID == Sqlx:
		return "webpki or OS roots are used; for a private CA add sslrootcert=/path/to/ca.crt."
	case d.ID == Martin:
		return "The OS store is used; for a private CA set ssl_root_cert, --ca-root-file or PGSSLROOTCERT."
	}
	return ""
}

// modeKey is the parameter that carries the mode in the driver's spelling for the syntax.
func (d *Driver) modeKey(in Input, e Effect) string {
	switch {
	case d.ID == Npgsql:
		if e.SettingKey != "" {
			return e.SettingKey
		}
		return "SSL Mode"
	case d.ID == R2DBC:
		if e.SettingKey == "sslmode" {
			return "sslmode"
		}
		return "sslMode"
	case d.ID == Asyncpg && in.Via == "sqlalchemy":
		return "ssl"
	case d.ID == Sqlx && e.SettingKey == "ssl-mode":
		return "ssl-mode"
	}
	return "sslmode"
}

// SecureMode returns the value that asks for full verification in the driver's spelling, and
// whether the driver has one in its connection string.
func (d *Driver) SecureMode() (string, bool) {
	switch d.ID {
	case Npgsql:
		return "VerifyFull", true
	case TokioPostgres:
		return "require", true
	case Prisma:
		return "require", true
	}
	return string(ModeVerifyFull), true
}

// Secure returns the plan that makes the connection encrypt and verify the server fully,
// written the way this driver reads it. It never puts a CA path in an edit: where one is needed
// the text says so.
func (d *Driver) Secure(in Input, e Effect) Plan {
	mode, _ := d.SecureMode()
	key := d.modeKey(in, e)
	var ops []Op
	// A mode set through another key (URI ssl=..., requiressl, pg's ssl=...) is replaced by the
	// driver's own key; removing it first keeps a single setting in the string.
	if e.SettingKey != "" && e.SettingKey != key && !strings.HasPrefix(e.SettingKey, "PG") &&
		e.SettingKey != "sslrootcert" && e.SettingKey != "sslfactory" {
		ops = append(ops, Op{Key: e.SettingKey, Remove: true})
	}
	ops = append(ops, Op{Key: key, Value: mode})
	var text string
	switch d.ID {
	case NodePostgres, Prisma7:
		if in.Syntax == "options" {
			return secureNodeOptions(d, in, e)
		}
		if _, ok := in.byKey("uselibpqcompat"); ok {
			ops = append(ops, Op{Key: "uselibpqcompat", Remove: true})
		}
		if _, ok := in.byKey("ssl"); ok && key != "ssl" {
			ops = appendRemove(ops, "ssl")
		}
		text = "Use sslmode=verify-full (right in pg 8 and after the announced pg 9 change)."
	case PostgresJS:
		if in.Syntax == "options" {
			return secureNodeOptions(d, in, e)
		}
		if _, ok := in.byKey("ssl"); ok {
			ops = appendRemove(ops, "ssl")
		}
		text = "Use sslmode=verify-full, or ssl: 'verify-full' in the options object."
	case Prisma:
		ops = append(ops, Op{Key: "sslaccept", Value: "strict"})
		text = "Use sslmode=require&sslaccept=strict: Prisma 6 verifies only with sslaccept=strict and does not know verify-full."
	case Pgjdbc:
		if f, ok := in.byKey("sslfactory"); ok && strings.HasSuffix(f.Value, ".NonValidatingFactory") {
			ops = append(ops, Op{Key: "sslfactory", Value: "org.postgresql.ssl.DefaultJavaSSLFactory"})
			text = "Use sslmode=verify-full and replace NonValidatingFactory with sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory (the JVM truststore)."
			break
		}
		text = "Use sslmode=verify-full."
	case Npgsql:
		if t, ok := in.byName("trustservercertificate"); ok {
			ops = append(ops, Op{Key: t.Written, Remove: true})
		}
		text = "Use " + key + "=VerifyFull."
	case TokioPostgres:
		text = "Use sslmode=require with a verifying TLS connector (postgres-openssl or postgres-native-tls); tokio-postgres does not parse verify-full."
	case Asyncpg:
		if in.Via == "sqlalchemy" {
			if _, ok := in.byKey("sslmode"); ok {
				ops = appendRemove(ops, "sslmode")
			}
			text = "Use ?ssl=verify-full in the SQLAlchemy URL (never sslmode), or connect_args={\"ssl\": ssl.create_default_context(cafile=...)}."
		} else {
			text = "Use sslmode=verify-full, or ssl=ssl.create_default_context(cafile=...) in code."
			ops, text = asyncpgKwargsFix(in, e, ops, text)
		}
	default:
		text = "Use " + key + "=" + mode + "."
	}
	if step := d.caStep(e); step != "" {
		text += " " + step
	}
	return Plan{Ops: ops, Text: text}
}

func appendRemove(ops []Op, key string) []Op {
	for _, o := range ops {
		if o.Key == key && o.Remove {
			return ops
		}
	}
	return append(ops, Op{Key: key, Remove: true})
}
