package drivers

// Neon is the ID of the driver in this file.
const Neon ID = "neon-serverless"

// The Neon serverless driver (@neondatabase/serverless, and @vercel/postgres, which wraps it)
// speaks the PostgreSQL protocol inside a WebSocket, wss:// by default, to Neon's proxy; the
// proxy then connects to the database. With its defaults (useSecureWebSocket true,
// forceDisablePgSSL true) the URL's sslmode is not used at all: the transport is TLS, verified
// like any wss:// connection of the runtime. Its Pool and Client take pg's options, and neon()
// queries over HTTPS.
func resolveNeon(_ *Driver, _ *Input, e *Effect) {
	e.Mode, e.Behavior = ModeVerifyFull, verified
	e.Note = "the Neon serverless driver tunnels the connection through a verified wss:// WebSocket and does not use sslmode"
}

func init() {
	neon := register(&Driver{
		ID: Neon, Name: "Neon serverless driver", Aliases: []string{"neon", "@neondatabase/serverless", "vercel-postgres"}, Language: "JavaScript",
		Syntaxes: []string{"uri", "options"},
		Packages: []Package{
			{Ecosystem: NPM, Name: "@neondatabase/serverless", Rank: 3},
			{Ecosystem: NPM, Name: "@vercel/postgres", Rank: 3, Note: "(which uses @neondatabase/serverless)"},
		},
		Modules: []Module{
			{Lang: LangJavaScript, Path: "@neondatabase/serverless", Rank: 4},
			{Lang: LangJavaScript, Path: "@vercel/postgres", Rank: 4, Note: "(which uses @neondatabase/serverless)"},
		},
		Default:     ModeVerifyFull,
		DefaultText: "TLS through a verified wss:// WebSocket, whatever sslmode says",
		Modes: map[Mode]Behavior{
			ModeDisable: verified, ModeAllow: verified, ModePrefer: verified,
			ModeRequire: verified, ModeVerifyCA: verified, ModeVerifyFull: verified,
		},
		Env:            []string{NodeTLSRejectUnauthorized, "NODE_EXTRA_CA_CERTS"},
		CAParam:        "none: the WebSocket's TLS uses the runtime's CA list",
		DefaultCA:      "the runtime's CA list (Node's bundled Mozilla list, a browser's or an edge runtime's store)",
		SystemRootText: "not used: sslmode and sslrootcert are not read",
		SecureValue:    string(ModeVerifyFull),
		Disablers:      []string{"neonConfig.useSecureWebSocket = false (plain ws://)", "a webSocketConstructor that sets rejectUnauthorized: false", "NODE_TLS_REJECT_UNAUTHORIZED=0"},
		FixText:        "keep neonConfig.useSecureWebSocket = true (the default); sslmode in the URL has no effect",
		resolve:        resolveNeon,
		Sources: []Source{
			src("https://github.com/neondatabase/serverless/blob/3c41341eb6c6216a72f3b42d8142c50e53704d6a/CONFIG.md", "@neondatabase/serverless at 3c41341e",
				"forceDisablePgSSL (default true) disables TLS in the Postgres protocol, as set by ?sslmode=require; security comes from useSecureWebSocket (default true, wss://); pure-JS TLS with sslmode=verify-full only when both are switched off",
				FactDefault, FactModes, FactCA, FactSystemRoot, FactDisablers, FactFix),
			src("https://github.com/vercel/storage/blob/00cb9b2bbe6dfe7f583b2257603fe5e4d7b4a2ff/packages/postgres/package.json", "@vercel/postgres 0.5.0",
				"depends on @neondatabase/serverless", FactPackages),
			src("https://nodejs.org/docs/latest-v20.x/api/cli.html#node_tls_reject_unauthorizedvalue", "Node.js 20 docs",
				"NODE_TLS_REJECT_UNAUTHORIZED=0 disables certificate validation for TLS connections, the WebSocket's too", FactEnv),
		},
	})
	registerJS(neon,
		JSCall{Module: "@neondatabase/serverless", Export: "Pool", New: true, Shape: ShapePgOptions},
		JSCall{Module: "@neondatabase/serverless", Export: "Client", New: true, Shape: ShapePgOptions},
	)
}
