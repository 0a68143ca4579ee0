package config

import (
	"slices"
	"strings"

	"github.com/pgtlslint/pgtlslint/analyzers/config/doc"
)

// maxBlockDepth bounds the key paths whose blocks are indexed: real settings blocks are a few
// keys deep, and a hostile key of thousands of segments must not cost a quadratic index.
const maxBlockDepth = 16

// ownLevels is how many blocks up from a password's own its statements are looked for
// (spring.datasource.hikari.password under spring.datasource's driver-class-name).
const ownLevels = 4

// blockIndex is what the entries of a flat file (or the key paths of a nested one) say about the
// settings blocks they sit in, built once per file so that each password's lookups cost only
// its own key path.
type blockIndex struct {
	// own holds the database statements of each block (spring.datasource.driver-class-name is
	// one of spring.datasource), unread the blocks whose driver cannot be read (a placeholder).
	own    map[blockKey][]database
	unread map[blockKey]bool
	// global holds, per environment, the statements of blocks that are no connection's
	// (spring.jpa.database-platform, spring.jpa.properties.hibernate.dialect): they are about
	// the file's datasource, whichever block it is written in.
	global map[*doc.Scope][]database
	hosts  map[blockKey]*doc.Entry
	// grouped are the entries of mappings with a host key, which optionsGroup reads whole.
	grouped map[*doc.Entry]bool
}

// blockKey names a block: its environment and its normalized key prefix.
type blockKey struct {
	sc    *doc.Scope
	block string
}

func keyOf(sc *doc.Scope, segs []string) blockKey {
	return blockKey{sc: sc, block: strings.Join(segs, ".")}
}

// dbStatement is an entry whose key names a database, with the block it is a statement of.
type dbStatement struct {
	block  []string
	driver bool // the key names the driver (driver-class-name, db-kind)
}

// statementOf returns the statement an entry makes, if its key names a database: the longest
// tail of its key path (up to three segments: driver-class-name) that is one of dbKeys.
func statementOf(e *doc.Entry) (dbStatement, bool) {
	segs := normKey(e.Path)
	for k := min(3, len(segs)-1); k >= 1; k-- {
		key := strings.Join(segs[len(segs)-k:], "")
		if dbKeys[key] {
			return dbStatement{block: segs[:len(segs)-k], driver: driverKeys[key]}, true
		}
	}
	return dbStatement{}, false
}

// blocks returns the file's block index, building it on first use.
func (a *analysis) blocks() *blockIndex {
	if a.blockIx != nil {
		return a.blockIx
	}
	ix := &blockIndex{own: map[blockKey][]database{}, unread: map[blockKey]bool{}, global: map[*doc.Scope][]database{},
		hosts: map[blockKey]*doc.Entry{}, grouped: map[*doc.Entry]bool{}}
	conns, above := a.connBlocks()
	for _, e := range a.entries {
		segs := normKey(e.Path)
		if len(segs) > maxBlockDepth {
			continue
		}
		if n := len(segs); n >= 2 && slices.Contains(hostKeys, segs[n-1]) {
			ix.hosts[keyOf(e.Scope, segs[:n-1])] = e
		}
		st, ok := statementOf(e)
		if !ok {
			continue
		}
		k := keyOf(e.Scope, st.block)
		val := valueDatabase(doc.Resolve(e.Val).Text)
		ix.own[k] = append(ix.own[k], val)
		if st.driver && val == dbUnknown {
			ix.unread[k] = true
		}
		if !touches(st.block, conns, above) {
			ix.global[e.Scope] = append(ix.global[e.Scope], val)
		}
	}
	for _, g := range a.doc.Groups {
		if g.Get(hostKeys...) != nil {
			for _, e := range g.Entries {
				ix.grouped[e] = true
			}
		}
	}
	a.blockIx = ix
	return ix
}

// connBlocks returns the key prefixes of the file's connection settings (its URLs and
// passwords), and every prefix of those.
func (a *analysis) connBlocks() (conns, above map[string]bool) {
	conns, above = map[string]bool{}, map[string]bool{}
	add := func(segs []string) {
		if len(segs) > maxBlockDepth {
			return
		}
		conns[strings.Join(segs, ".")] = true
		for i := 0; i <= len(segs); i++ {
			above[strings.Join(segs[:i], ".")] = true
		}
	}
	for k := range a.urls {
		add(strings.Split(k, "."))
	}
	for _, e := range a.entries {
		if p, ok := passwordKey(e); ok {
			add(p)
		}
	}
	return conns, above
}

// touches reports whether a block is a connection's, inside one or above one: its statements are
// that connection's, not the file's.
func touches(block []string, conns, above map[string]bool) bool {
	if above[strings.Join(block, ".")] {
		return true
	}
	for i := 0; i < len(block); i++ {
		if conns[strings.Join(block[:i], ".")] {
			return true
		}
	}
	return false
}

// ownDatabase is what the statements of the block prefix and of the blocks above it say, nearest
// first, in environment sc; unread is true when the block's own driver cannot be read.
func (ix *blockIndex) ownDatabase(sc *doc.Scope, prefix []string) (database, bool) {
	if len(prefix) > maxBlockDepth {
		return dbUnknown, false
	}
	for k := len(prefix); k >= 0 && k >= len(prefix)-ownLevels; k-- {
		if v := agree(ix.own[keyOf(sc, prefix[:k])]); v != dbUnknown {
			return v, false
		}
	}
	return dbUnknown, ix.unread[keyOf(sc, prefix)]
}

// host returns the host setting of the block prefix in environment sc (DB_HOST beside
// DB_PASSWORD), or nil.
func (ix *blockIndex) host(sc *doc.Scope, prefix []string) *doc.Entry {
	return ix.hosts[keyOf(sc, prefix)]
}
