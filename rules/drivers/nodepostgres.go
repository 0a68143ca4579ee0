package drivers

import "fmt"

// NodePostgres is the ID of the driver in this file.
const NodePostgres ID = "node-postgres"

// resolveNodePostgres follows pg-connection-string 2.x and pg 8 (docs/drivers.md#node-postgres).
func resolveNodePostgres(d *Driver, in *Input, e *Effect) {
	if in.Syntax == "options" && resolveNodeOptions(d, in, e) {
		return
	}
	if in.Syntax == "keyword" {
		e.invalid("", "%s reads connection strings as URLs only: a keyword=value string is parsed as a relative URL and its settings are lost", d.Name)
	}
	if ca, ok := in.byKey("sslrootcert"); ok {
		e.CA = "sslrootcert=" + ca.Value
		if ca.Value == "system" {
			e.invalid("sslrootcert", "%s has no sslrootcert=system: it reads a file named \"system\" and throws ENOENT", d.Name)
			e.Invalid[len(e.Invalid)-1].Fix = &noEditCA
		}
	}
	compat := false
	if c, ok := in.byKey("uselibpqcompat"); ok && c.Value == "true" {
		compat = true
	}
	if d.Family == NodePostgres {
		// Whoever hands the URL to pg (Prisma 7) may still carry the Prisma 6 sslaccept.
		if s, ok := in.byKey("sslaccept"); ok {
			e.Ignored = append(e.Ignored, Problem{Key: "sslaccept", Text: fmt.Sprintf("%s hands the URL to node-postgres, which ignores sslaccept=%s", d.Name, s.Value)})
		}
	}
	unverified := Behavior{Encrypts: EncryptAlways}
	if s, ok := in.byKey("sslmode"); ok {
		if e.decide(s) {
			return
		}
		if compat {
			e.Setting += " with uselibpqcompat=true"
			switch s.Value {
			case "disable":
				e.Mode, e.Behavior = ModeDisable, Behavior{Encrypts: EncryptNever}
			case "prefer", "require":
				e.Mode, e.Behavior = ModeRequire, unverified
				if e.CA != "" && s.Value == "require" {
					e.Mode, e.Behavior = ModeVerifyCA, Behavior{Encrypts: EncryptAlways, VerifiesCA: true}
				}
				e.Note = "uselibpqcompat=true gives " + s.Value + " libpq's meaning: no certificate check (and no plaintext fallback in pg)"
			case "verify-ca":
				e.Mode, e.Behavior = ModeVerifyCA, Behavior{Encrypts: EncryptAlways, VerifiesCA: true}
				if e.CA == "" {
					e.invalid("sslmode", "with uselibpqcompat=true, %s throws on sslmode=verify-ca without sslrootcert", d.Name)
				}
			default:
				e.Mode, e.Behavior = ModeVerifyFull, verified
			}
			return
		}
		switch s.Value {
		case "disable":
			e.Mode, e.Behavior = ModeDisable, Behavior{Encrypts: EncryptNever}
		case "no-verify":
			e.Mode, e.Behavior = ModeRequire, unverified
			e.Disabled = append(e.Disabled, Problem{Key: "sslmode", Text: fmt.Sprintf("sslmode=no-verify makes %s encrypt without checking the server certificate", d.Name)})
		case "verify-full":
			e.Mode, e.Behavior = ModeVerifyFull, verified
		case "prefer", "require", "verify-ca", "allow":
			e.Mode, e.Behavior = ModeVerifyFull, verified
			e.SemanticsChange = &Problem{Key: "sslmode", Text: fmt.Sprintf("sslmode=%s makes pg 8 require TLS and verify the certificate and host name like verify-full, but pg 9 (pg-connection-string 3) announces libpq's meaning, which does not verify the server", s.Value)}
		default:
			e.Mode, e.Behavior = ModeVerifyFull, verified
			e.invalid("sslmode", "%s does not know sslmode=%s and treats it as verify-full (only the exact value disable turns TLS off)", d.Name, s.Value)
		}
		return
	}
	if s, ok := in.byKey("ssl"); ok {
		if e.decide(s) {
			return
		}
		switch s.Value {
		case "0", "":
			e.Mode, e.Behavior = ModeDisable, Behavior{Encrypts: EncryptNever}
		case "no-verify":
			e.Mode, e.Behavior = ModeRequire, unverified
			e.Disabled = append(e.Disabled, Problem{Key: "ssl", Text: fmt.Sprintf("ssl=no-verify makes %s encrypt without checking the server certificate", d.Name)})
		case "false":
			e.Mode, e.Behavior = ModeVerifyFull, verified
			e.SemanticsChange = &Problem{Key: "ssl", Text: fmt.Sprintf("ssl=false in the URL turns TLS on in %s (the string \"false\" is truthy) and verifies the server; it does not disable TLS", d.Name)}
		default:
			e.Mode, e.Behavior = ModeVerifyFull, verified
		}
		return
	}
	if e.CA != "" {
		// sslrootcert alone turns the ssl object on: verified TLS.
		e.Mode, e.Behavior, e.Explicit = ModeVerifyFull, verified, true
		e.Setting, e.SettingKey = e.CA, "sslrootcert"
		return
	}
	if v, ok := in.Env["PGSSLMODE"]; ok {
		e.Explicit, e.Setting, e.SettingKey = true, "PGSSLMODE="+v, "PGSSLMODE"
		switch v {
		case "disable":
			e.Mode, e.Behavior = ModeDisable, Behavior{Encrypts: EncryptNever}
		case "prefer", "require", "verify-ca", "verify-full":
			e.Mode, e.Behavior = ModeVerifyFull, verified
		case "no-verify":
			e.Mode, e.Behavior = ModeRequire, unverified
			e.Disabled = append(e.Disabled, Problem{Key: "PGSSLMODE", Text: "PGSSLMODE=no-verify makes node-postgres skip certificate verification"})
		default:
			// allow and unknown values leave pg's default: no TLS.
			e.Mode, e.Behavior = ModeDisable, Behavior{Encrypts: EncryptNever}
		}
	}
}

// nodeTLSEnv reports NODE_TLS_REJECT_UNAUTHORIZED=0 for the drivers that run on Node.js: it
// turns verification off wherever rejectUnauthorized is not set explicitly
// (docs/drivers.md#node-postgres).
func nodeTLSEnv(d *Driver, in *Input, e *Effect) {
	if !d.OnNode() {
		return
	}
	s, ok := in.byKey(NodeTLSRejectUnauthorized)
	if !ok {
		if v, has := in.Env[NodeTLSRejectUnauthorized]; has {
			s, ok = Setting{Name: NodeTLSRejectUnauthorized, Written: NodeTLSRejectUnauthorized, Value: v}, true
		}
	}
	if !ok || s.Dynamic || s.Value != "0" {
		return
	}
	e.Disabled = append(e.Disabled, Problem{Key: NodeTLSRejectUnauthorized,
		Text: "NODE_TLS_REJECT_UNAUTHORIZED=0 makes Node.js, and with it " + d.Name + ", accept any server certificate wherever rejectUnauthorized is not set explicitly",
		Fix: &Plan{Ops: []Op{{Key: NodeTLSRejectUnauthorized, Remove: true}},
			Text: "Remove NODE_TLS_REJECT_UNAUTHORIZED=0; for a private CA set NODE_EXTRA_CA_CERTS=/path/to/ca.pem instead."}})
}

// secureNodePostgres is pg's fix: ssl: true in an options object; in a URL sslmode=verify-full,
// which is right in pg 8 and after the announced pg 9 change, without the parameters that would
// change its meaning.
func secureNodePostgres(d *Driver, in Input, e Effect, p *Plan) bool {
	if in.Syntax == "options" {
		*p = secureNodeOptions(in, e, "true",
			"Use ssl: true (Node's CA list, host name checked), or ssl: { rejectUnauthorized: true, ca: fs.readFileSync('ca.pem', 'utf8') } for a private CA.")
		return true
	}
	if _, ok := in.byKey("uselibpqcompat"); ok {
		p.Ops = append(p.Ops, Op{Key: "uselibpqcompat", Remove: true})
	}
	if _, ok := in.byKey("ssl"); ok && d.ModeKeys[0] != "ssl" {
		p.remove("ssl")
	}
	p.Text = "Use sslmode=verify-full (right in pg 8 and after the announced pg 9 change)."
	return false
}

// sequelize is Sequelize's package and module, and the name of what it does to pg's settings:
// it hands pg only dialectOptions.ssl (Via, and the reason of the settings it drops).
const sequelize = "sequelize"

// ViaSequelize marks settings Sequelize hands to pg; IgnoredSequelizeURL marks a TLS setting
// of its URL, which becomes a dialect option it never hands on.
const (
	ViaSequelize        = sequelize
	IgnoredSequelizeURL = sequelize + "-url"
)

// nodePostgres is pg's entry; Prisma 7's adapter and the frameworks that hand their config to
// pg share it.
var nodePostgres = &Driver{
	ID: NodePostgres, Name: "node-postgres", Aliases: []string{"pg", "typeorm", "knex", sequelize}, Language: "JavaScript",
	Syntaxes: []string{"uri", "options"},
	Packages: []Package{
		{Ecosystem: NPM, Name: "pg", Rank: 4},
		{Ecosystem: NPM, Name: "pg-pool", Rank: 4},
		// Libraries that open their connections with pg.
		{Ecosystem: NPM, Name: "pg-promise", Rank: 5, Note: "(which uses pg)"},
		{Ecosystem: NPM, Name: "knex", Rank: 5, Note: "(which uses pg)"},
		{Ecosystem: NPM, Name: sequelize, Rank: 5, Note: "(which uses pg)"},
		{Ecosystem: NPM, Name: "typeorm", Rank: 5, Note: "(which uses pg)"},
		{Ecosystem: NPM, Name: "slonik", Rank: 5, Note: "(which uses pg)"},
		{Ecosystem: NPM, Name: "@mikro-orm/postgresql", Rank: 5, Note: "(which uses pg)"},
		{Ecosystem: NPM, Name: "connect-pg-simple", Rank: 5, Note: "(which uses pg)"},
	},
	Modules: []Module{
		{Lang: LangJavaScript, Path: "pg", Rank: 2}, {Lang: LangJavaScript, Path: "pg-pool", Rank: 3},
		{Lang: LangJavaScript, Path: "knex", Rank: 5, Framework: true}, {Lang: LangJavaScript, Path: sequelize, Rank: 6, Framework: true},
		{Lang: LangJavaScript, Path: "typeorm", Rank: 7, Framework: true}, {Lang: LangJavaScript, Path: "pg-promise", Rank: 8},
		{Lang: LangJavaScript, Path: "slonik", Rank: 9},
	},
	// Knex's client, TypeORM's type and Sequelize's dialect for PostgreSQL; Knex and TypeORM
	// reach CockroachDB, which speaks PostgreSQL's protocol, through pg too.
	FrameworkNames: []string{"pg", "postgres", "postgresql", "pgnative", "cockroachdb"},
	Default:        ModeDisable,
	DefaultText:    "no TLS at all (ssl: false)",
	// pg 8 reads every URL sslmode except disable and no-verify as full verification.
	Modes: map[Mode]Behavior{
		ModeDisable: {Encrypts: EncryptNever}, ModeAllow: verified, ModePrefer: verified,
		ModeRequire: verified, ModeVerifyCA: verified, ModeVerifyFull: verified,
	},
	Env:            []string{"PGSSLMODE", NodeTLSRejectUnauthorized, "NODE_EXTRA_CA_CERTS"},
	CAParam:        "ssl.ca (PEM text), or URL sslrootcert=/path (read at parse time)",
	DefaultCA:      "Node's bundled Mozilla CA list (plus NODE_EXTRA_CA_CERTS)",
	CAStep:         "Node's CA list is used; for a private CA add sslrootcert=/path/to/ca.crt to the URL or set NODE_EXTRA_CA_CERTS.",
	SystemRootText: "not supported: sslrootcert=system throws ENOENT",
	SecureValue:    string(ModeVerifyFull),
	Disablers: []string{"ssl: { rejectUnauthorized: false }", "ssl: 'no-verify'", "URL sslmode=no-verify or ssl=no-verify",
		"PGSSLMODE=no-verify", "uselibpqcompat=true with prefer/require/verify-ca", "checkServerIdentity: () => {}",
		"NODE_TLS_REJECT_UNAUTHORIZED=0"},
	FixText: "URL sslmode=verify-full (+sslrootcert=/path/to/ca.crt), or ssl: { rejectUnauthorized: true, ca: fs.readFileSync('ca.pem', 'utf8') } with no ssl parameters in the URL",
	resolve: resolveNodePostgres,
	secure:  secureNodePostgres,
	Sources: []Source{
		src("https://github.com/brianc/node-postgres/blob/c9e57617/packages/pg/lib/defaults.js", "pg 8.23.0",
			"ssl defaults to false: no TLS unless configured or PGSSLMODE is set",
			FactDefault),
		src("https://github.com/brianc/node-postgres/blob/c9e57617/packages/pg-connection-string/index.js", "pg-connection-string 2.14.0",
			"sslmode, sslrootcert, sslcert and sslkey in the URL replace the ssl object; disable turns TLS off; prefer, require, verify-ca and verify-full (and any unknown value) verify fully, with a warning announcing libpq's meaning for pg 9; no-verify sets rejectUnauthorized: false; uselibpqcompat=true gives libpq's meanings; sslrootcert is read as a file, so system throws ENOENT. Verified with node",
			FactModes, FactCA, FactSystemRoot, FactDisablers, FactFix),
		src("https://github.com/brianc/node-postgres/blob/c9e57617/packages/pg/lib/connection-parameters.js", "pg 8.23.0",
			"readSSLConfigFromEnvironment reads PGSSLMODE only when ssl is not set; the parsed connectionString wins over the options object; ssl 'no-verify' is rejectUnauthorized: false",
			FactEnv, FactDisablers),
		src("https://nodejs.org/docs/latest-v20.x/api/cli.html#node_tls_reject_unauthorizedvalue", "Node.js 20 docs",
			"NODE_TLS_REJECT_UNAUTHORIZED=0 disables certificate validation for TLS connections; NODE_EXTRA_CA_CERTS adds CAs (verified: an explicit rejectUnauthorized: true still verifies)",
			FactEnv, FactDisablers),
		src("https://github.com/knex/knex/blob/1737e1dff60579c97ec5100de0eec5b39f1c6e48/lib/knex-builder/internal/parse-connection.js", "knex 3.3",
			"connection strings (postgres URLs) are parsed with pg-connection-string and handed to pg; client 'pg', 'postgres', 'postgresql' and 'pgnative' select the pg dialect",
			FactPackages),
		src("https://github.com/sequelize/sequelize/blob/148b476f8ebe18681f5a544edab0ac37c87d008f/src/dialects/postgres/connection-manager.js", "sequelize 6.37",
			"connect() builds pg's config from host, user, password and a pick of dialectOptions (ssl among them): a top-level ssl option is not used",
			FactPackages),
		src("https://github.com/typeorm/typeorm/blob/281bfba4/src/driver/postgres/PostgresDriver.ts", "typeorm 1.1.0",
			"createPool passes url as connectionString and ssl, then extra, to new pg.Pool",
			FactPackages),
		src("https://github.com/knex/knex/blob/03d3b10fbdcd6cdbffb6149ad5acad533ca39642/lib/dialects/cockroachdb/index.js", "knex at 03d3b10f",
			"client 'cockroachdb' is Client_CockroachDB, which extends the pg client (Client_PostgreSQL)",
			FactPackages),
		src("https://github.com/typeorm/typeorm/blob/045b137be92b1655afc61731e704bb851b6975b1/src/driver/cockroachdb/CockroachDriver.ts", "typeorm at 045b137b",
			"type 'cockroachdb' loads pg and passes host, user, password, ssl, then extra, to new pg.Pool",
			FactPackages),
		src("https://github.com/vitaly-t/pg-promise/blob/0014093b234dc6abf68d6fbca2f731346687b946/package.json", "pg-promise 9.0.0-alpha.1",
			"depends on pg", FactPackages),
		src("https://github.com/gajus/slonik/blob/001179cce35e5ae230c8aedfc62384a3ca091a09/package.json", "slonik at 001179cc",
			"depends on pg", FactPackages),
		src("https://github.com/mikro-orm/mikro-orm/blob/001e8bd45c10e9a0f209eeaf9b20a5e255c1bf58/packages/postgresql/package.json", "@mikro-orm/postgresql 7.0.7",
			"depends on pg", FactPackages),
		src("https://github.com/voxpelli/node-connect-pg-simple/blob/00250e7f919925ac085715502ea3f92d43b73e70/package.json", "connect-pg-simple 7.0.0-0",
			"depends on pg", FactPackages),
	},
}

func init() {
	register(nodePostgres)
	registerJS(nodePostgres,
		JSCall{Module: "pg", Export: "Pool", New: true, Shape: ShapePgOptions},
		JSCall{Module: "pg", Export: "Client", New: true, Shape: ShapePgOptions},
		JSCall{Module: "pg-pool", Export: "default", New: true, Shape: ShapePgOptions},
		JSCall{Module: "pg-pool", Export: "Pool", New: true, Shape: ShapePgOptions},
		JSCall{Module: "pg-pool", Export: "Client", New: true, Shape: ShapePgOptions},
		JSCall{Module: "knex", Export: "default", Shape: ShapeKnexConfig},
		JSCall{Module: "knex", Export: "knex", Shape: ShapeKnexConfig},
		JSCall{Module: "typeorm", Export: "DataSource", New: true, Shape: ShapeTypeORMOptions},
		JSCall{Module: "typeorm", Export: "createConnection", Shape: ShapeTypeORMOptions},
		JSCall{Module: sequelize, Export: "Sequelize", New: true, Shape: ShapeSequelizeConfig},
		JSCall{Module: sequelize, Export: "default", New: true, Shape: ShapeSequelizeConfig},
	)
}
