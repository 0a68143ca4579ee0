package config

import (
	"strings"

	"github.com/pgtlslint/pgtlslint/analyzers/config/doc"
	"github.com/pgtlslint/pgtlslint/analyzers/config/server"
	"github.com/pgtlslint/pgtlslint/rules"
	"github.com/pgtlslint/pgtlslint/rules/drivers"
)

// urlSetting is a URL setting (spring.datasource.url, DATABASE_URL) a password may join.
type urlSetting struct {
	t      *rules.Target // nil when the URL is not a PostgreSQL one
	static bool          // the value is a literal, not a placeholder
	other  bool          // the value names another database (jdbc:mysql://${DB_HOST}/app)
}

// noteURL remembers a URL setting under its key prefix, for passwords().
func (a *analysis) noteURL(e *doc.Entry, t *rules.Target, static bool) {
	if e.Path == "" {
		return
	}
	segs := normKey(e.Path)
	if len(segs) < 2 || !strings.HasSuffix(segs[len(segs)-1], "url") {
		return
	}
	u := &urlSetting{t: t, static: static, other: t == nil && urlDatabase(e.Val) == dbOther}
	prefix := segs[:len(segs)-1]
	a.urls[strings.Join(prefix, ".")] = u
	// quarkus.datasource.jdbc.url and spring.datasource.hikari.jdbc-url pair with a password
	// one level up.
	if last := prefix[len(prefix)-1]; len(prefix) > 1 && (last == "jdbc" || last == "r2dbc" || last == "reactive") {
		a.urls[strings.Join(prefix[:len(prefix)-1], ".")] = u
	}
}

// isURLKey reports whether a key names a URL setting (spring.datasource.url, DATABASE_URL).
func isURLKey(p string) bool {
	segs := normKey(p)
	return len(segs) >= 2 && strings.HasSuffix(segs[len(segs)-1], "url")
}

// normKey splits a key path into lower-case segments at '.', '_' and '-', so that Spring's
// relaxed binding (SPRING_DATASOURCE_URL, spring.datasource.jdbc-url) lines up.
func normKey(p string) []string {
	// jdbcUrl stays one segment, "jdbcurl", which still ends in "url".
	return strings.FieldsFunc(strings.ToLower(p), func(r rune) bool { return r == '.' || r == '_' || r == '-' })
}

// passwords attaches password settings to the URL setting beside them
// (spring.datasource.password next to spring.datasource.url), or reports them on their own when
// they belong to a PostgreSQL connection whose URL is elsewhere.
func (a *analysis) passwords() {
	for _, e := range a.entries {
		prefix, ok := passwordKey(e)
		if !ok {
			continue
		}
		v := doc.Resolve(e.Val)
		if v.Text == "" || rules.IsDynamic(v.Text) {
			continue
		}
		p := rules.Param{Setting: drivers.Setting{Name: "password", Written: e.Key, Value: v.Text}, Val: v.Full(), Pair: e.Pair}
		url := a.urlFor(prefix)
		switch {
		case url != nil && url.t != nil:
			url.t.Params = append(url.t.Params, p)
			url.t.Secrets = append(url.t.Secrets, v.Full())
		case url != nil && (url.static || url.other):
			// A URL of another database (MySQL), also one with placeholders, or a literal that
			// is not a connection string.
		case a.pgPasswordContext(e, prefix):
			t := &rules.Target{Path: a.path, Driver: a.hint.Driver, Evidence: a.hint.Evidence, Syntax: "options",
				Fragment: true, HostUnknown: true, Params: []rules.Param{p}, Anchor: v.Full(), Secrets: []rules.Span{v.Full()}}
			if h := a.blocks().host(e.Scope, prefix); h != nil {
				// DB_HOST beside DB_PASSWORD: a local one (a dev database) needs no secret.
				t.Hosts, t.HostUnknown = optionHosts(doc.Resolve(h.Val)), false
			}
			a.targets = append(a.targets, t)
		}
	}
}

// passwordKey returns the key prefix of a client password setting (a key path of two or more
// segments ending in password or passwd).
func passwordKey(e *doc.Entry) ([]string, bool) {
	segs := normKey(e.Path)
	if len(segs) < 2 {
		return nil, false
	}
	if last := segs[len(segs)-1]; last != "password" && last != "passwd" || server.PasswordVar(e.Key) {
		return nil, false
	}
	return segs[:len(segs)-1], true
}

// urlFor returns the URL setting a password with key prefix joins: one with the same prefix or
// up to two levels up, or nil.
func (a *analysis) urlFor(prefix []string) *urlSetting {
	for k := len(prefix); k >= 1 && k >= len(prefix)-2; k-- {
		if u, ok := a.urls[strings.Join(prefix[:k], ".")]; ok {
			return u
		}
	}
	return nil
}

// pgPasswordContext reports whether a password whose URL is not in the file still belongs to a
// PostgreSQL connection: a block whose own settings say PostgreSQL and name its host (Laravel's
// DB_CONNECTION=pgsql and DB_HOST beside DB_PASSWORD), or a Spring/Quarkus/Micronaut datasource whose settings name no other
// database (blockIndex), beside driver-class-name org.postgresql.Driver or in a project whose
// manifest has a Java PostgreSQL driver.
func (a *analysis) pgPasswordContext(pw *doc.Entry, prefix []string) bool {
	ix := a.blocks()
	own, unread := ix.ownDatabase(pw.Scope, prefix)
	if !datasourceBlock(prefix) {
		// Outside a JVM datasource a block says where it connects (DB_HOST); without a host
		// it may well be a local default. A mapping with a host is optionsGroup's.
		return own == dbPostgres && ix.host(pw.Scope, prefix) != nil && !ix.grouped[pw]
	}
	switch v := firstDecided(
		func() database { return own },
		func() database { return agree(ix.global[pw.Scope]) },
		func() database { return agree(words(prefix...)) },
		a.fileWords,
	); {
	case v != dbUnknown:
		return v == dbPostgres
	case unread:
		// A driver the analysis cannot read (a placeholder): not taken for PostgreSQL's.
		return false
	}
	// A JVM driver: the datasource's URL is a JDBC or R2DBC one.
	return a.hint.Driver != "" && drivers.For(a.hint.Driver).Language == "Java"
}

// datasourceBlock reports whether a key prefix is a JVM framework's datasource
// (spring.datasource, quarkus.datasource, datasources.default, spring.r2dbc, spring.flyway).
func datasourceBlock(prefix []string) bool {
	for _, s := range prefix {
		if strings.Contains(s, "datasource") || s == "r2dbc" || s == "flyway" || s == "liquibase" {
			return true
		}
	}
	return false
}
