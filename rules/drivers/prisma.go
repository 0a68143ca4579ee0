package drivers

import "fmt"

// The IDs of the drivers in this file.
const (
	Prisma  ID = "prisma"
	Prisma7 ID = "prisma7"
)

// resolvePrisma follows the Prisma 6 engine's URL parameters (docs/drivers.md#prisma).
func resolvePrisma(d *Driver, in *Input, e *Effect) {
	strict := false
	if a, ok := in.byKey("sslaccept"); ok && !a.Dynamic {
		if a.Value == "accept_invalid_certs" {
			e.Disabled = append(e.Disabled, Problem{Key: "sslaccept", Text: "sslaccept=accept_invalid_certs makes Prisma accept any server certificate"})
		} else {
			strict = true
		}
	}
	if c, ok := in.byKey("sslcert"); ok {
		e.CA = "sslcert=" + c.Value
	}
	s, ok := e.decideBy(in, "sslmode")
	if !ok {
		return
	}
	switch s.Value {
	case "disable", "prefer", "require":
		e.Mode = Mode(s.Value)
	default:
		e.Mode = ModePrefer
		e.Note = fmt.Sprintf("Prisma 6 does not know sslmode=%s and silently uses prefer, without verification", s.Value)
	}
	e.Behavior = d.Modes[e.Mode]
	if strict && e.Mode != ModeDisable {
		e.VerifiesCA, e.VerifiesHost = true, true
	}
}

// securePrisma is Prisma 6's fix: it verifies only with sslaccept=strict and does not know
// verify-full.
func securePrisma(_ *Driver, _ Input, _ Effect, p *Plan) bool {
	p.Ops = append(p.Ops, Op{Key: "sslaccept", Value: "strict"})
	p.Text = "Use sslmode=require&sslaccept=strict: Prisma 6 verifies only with sslaccept=strict and does not know verify-full."
	return false
}

func init() {
	register(&Driver{
		ID: Prisma, Name: "Prisma 6 (Rust engine)", Aliases: []string{"prisma6", "quaint"}, Language: "JavaScript",
		Syntaxes: []string{"uri"},
		Packages: []Package{
			{Ecosystem: NPM, Name: "@prisma/client", Rank: 2, MaxMajor: 6},
			// The CLI alone says less than the client.
			{Ecosystem: NPM, Name: "prisma", Rank: 3, MaxMajor: 6},
		},
		Default:     ModePrefer,
		DefaultText: "prefer with sslaccept=accept_invalid_certs: never verified, plaintext fallback",
		// Without sslaccept=strict nothing is verified; verify-ca/verify-full are unknown there and
		// silently become prefer. Resolve applies sslaccept.
		Modes: map[Mode]Behavior{
			ModeDisable: {Encrypts: EncryptNever},
			ModePrefer:  {Encrypts: EncryptMaybe, Fallback: true},
			ModeRequire: {Encrypts: EncryptAlways},
		},
		CAParam:        "sslcert=<server CA PEM> (with sslaccept=strict)",
		DefaultCA:      "the OS trust store (with sslaccept=strict)",
		CAStep:         "The OS trust store is used; for a private CA add sslcert=./ca.pem (in Prisma 6 this is the server CA).",
		SystemRootText: "not supported",
		SecureValue:    string(ModeRequire),
		Disablers:      []string{"the default (sslaccept=accept_invalid_certs)", "sslaccept=accept_invalid_certs", "sslmode=verify-full/verify-ca (unknown: silently prefer)"},
		FixText:        "sslmode=require&sslaccept=strict (+&sslcert=./ca.pem for a private CA)",
		resolve:        resolvePrisma,
		secure:         securePrisma,
		Sources: []Source{
			src("https://github.com/prisma/prisma-engines/blob/0d495ae9180553eaffd1caabaf54382b6188cdd6/quaint/src/connector/postgres/url.rs", "prisma-engines at 0d495ae9 (the Prisma 6 engine)",
				"parse_query_params: sslmode prefer and sslaccept accept_invalid_certs by default; sslmode disable, prefer, require, anything else a debug line and prefer; sslaccept strict or accept_invalid_certs (other values strict); sslcert is a CA certificate added to the roots; unknown parameters are discarded",
				FactDefault, FactModes, FactCA, FactSystemRoot, FactDisablers, FactFix),
			src("https://github.com/prisma/prisma/blob/7.9.1/packages/adapter-pg/src/pg.ts", "Prisma 7.9.1",
				"from Prisma 7 on, PostgreSQL connections go through a driver adapter (@prisma/adapter-pg wraps pg): @prisma/client 6 and earlier use the Rust engine",
				FactPackages),
		},
	})

	// Prisma 7 hands its connections to node-postgres and shares its facts.
	prisma7 := register(&Driver{
		ID: Prisma7, Name: "Prisma 7 (@prisma/adapter-pg)", Aliases: []string{"prisma-adapter-pg"}, Language: "JavaScript",
		Family:   NodePostgres,
		Syntaxes: []string{"uri"},
		Packages: []Package{
			{Ecosystem: NPM, Name: "@prisma/adapter-pg", Rank: 0},
			{Ecosystem: NPM, Name: "@prisma/client", Rank: 1, MinMajor: 7},
			{Ecosystem: NPM, Name: "prisma", Rank: 2, MinMajor: 7},
		},
		Modules:        []Module{{Lang: LangJavaScript, Path: "@prisma/adapter-pg", Rank: 0}},
		Default:        ModeDisable,
		DefaultText:    "no TLS at all (node-postgres semantics)",
		Modes:          nodePostgres.Modes,
		Env:            nodePostgres.Env,
		CAParam:        nodePostgres.CAParam,
		DefaultCA:      nodePostgres.DefaultCA,
		CAStep:         nodePostgres.CAStep,
		SystemRootText: nodePostgres.SystemRootText,
		SecureValue:    string(ModeVerifyFull),
		Disablers:      append([]string{"sslaccept has no effect"}, nodePostgres.Disablers...),
		FixText:        "URL sslmode=verify-full (node-postgres semantics; sslaccept is ignored)",
		resolve:        resolveNodePostgres,
		secure:         secureNodePostgres,
		Sources: append([]Source{
			src("https://github.com/prisma/prisma/blob/7.9.1/packages/adapter-pg/src/pg.ts", "Prisma 7.9.1",
				"PrismaPgAdapterFactory turns a string into { connectionString } and hands it to new pg.Pool: node-postgres semantics, and sslaccept is not read; Prisma 7 requires a driver adapter",
				FactPackages, FactDefault, FactModes, FactFix),
		}, nodePostgres.Sources[1:4]...),
	})
	registerJS(prisma7, JSCall{Module: "@prisma/adapter-pg", Export: "PrismaPg", New: true, Shape: ShapePgOptions,
		Evidence: "new PrismaPg() from @prisma/adapter-pg hands its config to node-postgres"})
}
