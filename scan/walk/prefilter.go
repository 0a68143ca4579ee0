package walk

import (
	"fmt"
	"math/bits"
	"sort"
	"strings"
	"sync"

	"github.com/pgtlslint/pgtlslint/rules/drivers"
	"github.com/pgtlslint/pgtlslint/scan/filekind"
)

// TriggerWords are the words the prefilter looks for, matched without regard
// to ASCII case. A file holding none of them is never parsed, so the list has
// to name something present in every file that can produce a finding: it errs
// on the side of letting files through, since a false hit costs one parse and
// a miss costs a finding.
//
// Why each is there:
//   - postgre: postgres://, postgresql://, jdbc:postgresql:, r2dbc:postgresql:,
//     postgresql+asyncpg://, org.postgresql, POSTGRES_HOST_AUTH_METHOD,
//     POSTGRES_PASSWORD, Django's django.db.backends.postgresql, Rails'
//     adapter: postgresql, Prisma's provider = "postgresql", TypeORM and
//     Sequelize "postgres", the postgres (Postgres.js) and tokio-postgres
//     packages, Elixir's Postgrex.
//   - pgsql, aiopg, libpq, pgpool, pgconnect: client names the driver table
//     has no module for (Npgsql, PHP pgsql and pdo_pgsql, aiopg, sqlx's PgPool
//     and PgConnectOptions, diesel's PgConnection).
//   - the driver table's modules (drivers.TriggerNames, see Words): asyncpg, psycopg, github.com/jackc/pgx,
//     github.com/lib/pq, @neondatabase/serverless, ..., and pg, which as a
//     name this short counts only quoted as a module specifier ('pg, "pg,
//     `pg: require('pg'), from "pg", 'pg-promise', knex client: 'pg').
//   - pghost, pguser, pgpassword, pgdatabase, pgservice: libpq environment
//     variables that configure a connection without naming PostgreSQL.
//   - 5432, dbname, host=, host =, database=: connection strings that name
//     no driver (host=... dbname=..., host = db in libpq's spaced form,
//     ADO.NET Host=...;Port=5432 and Server=...;Database=..., DB_HOST=...
//     env files); a driver is then inferred from the project manifest.
//   - datasource: Spring's spring.datasource.* (the password of a profile
//     whose URL comes from elsewhere).
//   - ssl: as a word (see below): sslmode, sslrootcert, sslfactory,
//     sslaccept, sslMode, SSL Mode, ssl: false, ?ssl=true, PGSSLMODE,
//     PGREQUIRESSL, DB_SSL, ssl_min_protocol_version, ALTER SYSTEM SET ssl.
//   - sslmode, sslrootcert, sslfactory, sslaccept, pgssl, hostssl,
//     hostnossl, requiressl: the TLS parameters also where they are glued
//     to a lower-case word (pgsslmode: in Ansible vars, xsslmode=), which
//     the "ssl" word rule does not catch.
//   - pg_hba, pghba: pg_hba.conf lines written from scripts, Dockerfiles,
//     ConfigMaps and Helm values (pgHbaConfiguration).
//   - rejectunauthorized, reject_unauthorized: node's TLS switch, also
//     NODE_TLS_REJECT_UNAUTHORIZED.
//   - insecureskipverify, cert_none, check_hostname: Go's and Python's
//     ways to switch verification off.
//   - trust server certificate, trustservercertificate: Npgsql.
//   - accept_invalid_certs, accept-invalid-certs: Prisma's
//     sslaccept=accept_invalid_certs, Martin's danger_accept_invalid_certs.
//   - password_encryption, listen_addresses: server settings passed on a
//     command line (-c listen_addresses=...) rather than in postgresql.conf.
//
// "ssl" alone is matched only where it starts a word: when the byte before
// it is not a lower-case ASCII letter, or when its first letter is an
// upper-case S (camelCase dbSslMode, PGSSLMODE). That keeps ClassLoader,
// classList and openssl from letting every Java or Dockerfile through.
//
// pg_hba.conf and postgresql.conf files (kinds pghba and pgconf) bypass
// the prefilter: every line of them matters.
//
// The words are lower case. The prefilter is compiled from them and the
// driver table's names on first use: changing the slice later has no effect.
var TriggerWords = []string{
	"postgre",
	"pgsql", "aiopg", "libpq", "pgpool", "pgconnect",
	"pghost", "pguser", "pgpassword", "pgdatabase", "pgservice",
	"5432", "dbname", "host=", "host =", "database=",
	"datasource",
	"sslmode", "sslrootcert", "sslfactory", "sslaccept", "pgssl", "hostssl", "hostnossl", "requiressl",
	"pg_hba", "pghba",
	"rejectunauthorized", "reject_unauthorized",
	"insecureskipverify", "cert_none", "check_hostname",
	"trust server certificate", "trustservercertificate",
	"accept_invalid_certs", "accept-invalid-certs",
	"password_encryption", "listen_addresses",
	// "ssl" as a word is added by the builder, see buildPrefilter.
}

// shortName is the length below which a driver table name counts only quoted: "pg" as a word
// would let nearly every file through, 'pg' as a module specifier does not.
const shortName = 4

// Words returns the words the prefilter is compiled from: TriggerWords and the driver table's
// names (drivers.TriggerNames; one shorter than four bytes only right after a quote), without
// those that contain another (postgres is found by postgre already), sorted.
func Words() []string {
	all := append([]string(nil), TriggerWords...)
	for _, n := range drivers.TriggerNames() {
		n = strings.ToLower(n)
		if len(n) < shortName {
			all = append(all, `"`+n, "'"+n, "`"+n)
			continue
		}
		all = append(all, n)
	}
	sort.Strings(all)
	var out []string
	for i, w := range all {
		redundant := i > 0 && all[i-1] == w
		for _, v := range all {
			if v != w && strings.Contains(w, v) {
				redundant = true
				break
			}
		}
		if !redundant {
			out = append(out, w)
		}
	}
	return out
}

// Passes reports whether a file of a kind is worth reading: those of a kind registered with
// ReadAll always are (every line of a pg_hba.conf matters), others only with a trigger word.
// The walk asks it, and so do the fixture tests, so that they see what a scan sees.
func Passes(kind filekind.Kind, content []byte) bool {
	return filekind.ReadsAll(kind) || Prefilter(content)
}

// Prefilter reports whether content holds any of the TriggerWords (with
// "ssl" as a word). It reads content once, front to back, and stops at the
// first hit (checked every 4 KiB).
//
// It is a DFA compiled from the words on first use, with ASCII case folding
// and the "ssl" word rule built into its states, so a step is two table
// loads and an add, with no branch. A single chain of such steps is bound
// by load latency, so inputs over 512 bytes are cut in four quarters run
// as four interleaved chains.
//
// Measured on this project's 2-core machine (Go 1.26; 1 MiB of source-like
// text holding no trigger word, so the whole input is read, which is the
// case for nearly every file of a repository; best of three):
//
//	this DFA, 4 streams  (BenchmarkPrefilter/dfa/1048576)    1740 MB/s
//	this DFA, 1 stream   (BenchmarkPrefilter/dfa-one-stream)  440 MB/s
//	github.com/petar-dambovaliev/aho-corasick, DFA,
//	  AsciiCaseInsensitive (a port of Rust's aho-corasick)     200 MB/s
//	github.com/cloudflare/ahocorasick on a lower-cased copy    140 MB/s
//	bytes.ToLower, then bytes.Contains per word                 38 MB/s
//	regexp (?i:w1|w2|...)                                      1.4 MB/s
//
// The libraries were measured in a scratch module with the same input and
// words (without the "ssl" rule, which favours them); neither is added as
// a dependency since the hand-written automaton is 8x faster. Short inputs
// run as one stream: about 430 MB/s at 300 bytes, 1500 MB/s from 4 KiB up.
// On the 20,000-file, 190 MB tree of benchgen the prefilter takes about a
// third of the engine's CPU time; the rest is system calls.
func Prefilter(content []byte) bool {
	return defaultPrefilter().match(content)
}

// prefilter is a DFA over bytes. Bytes that every pattern treats alike share
// a class, and a state is stored as the offset of its row (state × number of
// classes), so a step is tab[s+class[c]]: the table is a fixed array indexed
// by uint16, which needs no bounds check.
type prefilter struct {
	class   [256]uint8
	tab     *[1 << 16]uint16
	start   uint16 // after a virtual '\n' before the input, so "ssl" at offset 0 counts
	root    uint16 // nothing read: for streams that start mid-input
	maxLen  int    // the longest pattern, counting the byte before "ssl"
	states  int    // number of DFA states, for tests
	classes int    // number of byte classes, for tests
}

// matchState is the absorbing state entered on any hit; its row is row 0,
// so checking for a hit is comparing with 0.
const matchState = 0

// defaultPrefilter is built on first use (a few milliseconds), not at
// init, so commands that never scan do not pay for it.
var defaultPrefilter = sync.OnceValue(func() *prefilter { return buildPrefilter(Words()) })

// byteSet is a set of bytes; a pattern is a sequence of them.
type byteSet [4]uint64

func (s *byteSet) add(c byte)      { s[c>>6] |= 1 << (c & 63) }
func (s *byteSet) has(c byte) bool { return s[c>>6]&(1<<(c&63)) != 0 }

// foldedSet is c in both ASCII cases.
func foldedSet(c byte) (s byteSet) {
	s.add(c)
	if l := c | 0x20; 'a' <= l && l <= 'z' {
		s.add(l)
		s.add(l &^ 0x20)
	}
	return s
}

func singleSet(c byte) (s byteSet) {
	s.add(c)
	return s
}

// notLowerSet is every byte but a-z.
func notLowerSet() (s byteSet) {
	for c := 0; c < 256; c++ {
		if c < 'a' || c > 'z' {
			s.add(byte(c))
		}
	}
	return s
}

// posSet is a set of pattern positions (a pattern and how many of its
// bytes are matched), one bit each: the DFA state.
type posSet [16]uint64

func (s *posSet) add(i int) { s[i>>6] |= 1 << (i & 63) }

// buildPrefilter compiles the words into a DFA by subset construction over
// pattern positions, so overlapping words need no failure links. It panics
// if the words are too many for the table: a programming error that the
// tests catch.
func buildPrefilter(words []string) *prefilter {
	var pats [][]byteSet
	for _, w := range words {
		p := make([]byteSet, len(w))
		for i := 0; i < len(w); i++ {
			p[i] = foldedSet(w[i])
		}
		pats = append(pats, p)
	}
	// "ssl" at the start of a word: after a byte that is not a-z ...
	pats = append(pats, []byteSet{notLowerSet(), foldedSet('s'), foldedSet('s'), foldedSet('l')})
	// ... or with an upper-case S, whatever comes before.
	pats = append(pats, []byteSet{singleSet('S'), foldedSet('s'), foldedSet('l')})

	pf := &prefilter{tab: new([1 << 16]uint16)}
	base := make([]int, len(pats)) // bit of (pattern i, n bytes matched) is base[i]+n
	npos := 0
	for i, p := range pats {
		pf.maxLen = max(pf.maxLen, len(p))
		base[i] = npos
		npos += len(p)
	}
	if npos >= len(posSet{})*64 { // the last bit marks matchState
		panic(fmt.Sprintf("analyzers: prefilter words need %d positions, more than %d", npos, len(posSet{})*64-1))
	}

	// Byte classes: bytes in the same sets at every pattern position.
	classOf := map[string]uint8{}
	var reps []byte // one byte of each class
	sig := make([]byte, 0, npos)
	for c := 0; c < 256; c++ {
		sig = sig[:0]
		for _, p := range pats {
			for _, set := range p {
				if set.has(byte(c)) {
					sig = append(sig, 1)
				} else {
					sig = append(sig, 0)
				}
			}
		}
		id, ok := classOf[string(sig)]
		if !ok {
			id = uint8(len(reps))
			classOf[string(sig)] = id
			reps = append(reps, byte(c))
		}
		pf.class[c] = id
	}
	nc := len(reps)

	// Per class: the positions entered from nothing (each pattern's first
	// byte), or a match if a one-byte pattern matches.
	type bitPos struct{ pat, n int }
	owner := make([]bitPos, npos)
	for i, p := range pats {
		for n := range p {
			owner[base[i]+n] = bitPos{i, n}
		}
	}
	// step is the state after reading c in state s; ok is false on a match.
	step := func(s posSet, c byte) (next posSet, ok bool) {
		for i, p := range pats {
			if p[0].has(c) {
				if len(p) == 1 {
					return posSet{}, false
				}
				next.add(base[i] + 1)
			}
		}
		for w, word := range s {
			for word != 0 {
				bit := w*64 + bits.TrailingZeros64(word)
				word &= word - 1
				o := owner[bit]
				if pats[o.pat][o.n].has(c) {
					if o.n+1 == len(pats[o.pat]) {
						return posSet{}, false
					}
					next.add(bit + 1)
				}
			}
		}
		return next, true
	}

	var states []posSet
	ids := map[posSet]int{}
	intern := func(s posSet) int {
		if id, ok := ids[s]; ok {
			return id
		}
		id := len(states)
		ids[s] = id
		states = append(states, s)
		return id
	}
	var never posSet
	never.add(len(never)*64 - 1) // a set no step produces: row 0 is matchState
	intern(never)
	root := intern(posSet{})
	var rows [][]int // next state by state and class
	rows = append(rows, make([]int, nc))
	for id := 1; id < len(states); id++ { // states grows as new ones are found
		row := make([]int, nc)
		for ci, c := range reps {
			if next, ok := step(states[id], c); ok {
				row[ci] = intern(next)
			}
		}
		rows = append(rows, row)
	}
	if len(rows)*nc > len(pf.tab) {
		panic(fmt.Sprintf("analyzers: prefilter has %d states × %d classes, more than fits in its table", len(rows), nc))
	}
	for s, row := range rows {
		for ci, next := range row {
			pf.tab[s*nc+ci] = uint16(next * nc)
		}
	}
	pf.states, pf.classes = len(rows), nc
	pf.root = uint16(root * nc)
	pf.start = pf.tab[int(pf.root)+int(pf.class['\n'])]
	return pf
}

// match runs the DFA over b. Inputs of more than a few hundred bytes are cut
// into four quarters scanned together; each quarter but the last runs
// maxLen-1 bytes into the next one so that a word across a cut is still
// seen, and the quarters after the first start in the root state, which
// assumes nothing about the byte before them (the previous stream reads it).
func (pf *prefilter) match(b []byte) bool {
	const minSplit = 512
	if len(b) < minSplit {
		return pf.run(pf.start, b)
	}
	q := len(b) / 4
	over := pf.maxLen - 1
	b0, b1, b2, b3 := b[:q], b[q:2*q], b[2*q:3*q], b[3*q:]
	s0, s1, s2, s3 := pf.start, pf.root, pf.root, pf.root
	// Check for a hit after every block so that a file with a trigger near
	// the top is not read to the end.
	const block = 4096
	for off := 0; off < q; off += block {
		end := min(off+block, q)
		s0, s1, s2, s3 = step4(pf.tab, &pf.class, b0[off:end], b1[off:end], b2[off:end], b3[off:end], s0, s1, s2, s3)
		if s0 == matchState || s1 == matchState || s2 == matchState || s3 == matchState {
			return true
		}
	}
	// Tails: the overlap into the next quarter, and the rest of the last.
	return pf.run(s0, b1[:min(over, len(b1))]) ||
		pf.run(s1, b2[:min(over, len(b2))]) ||
		pf.run(s2, b3[:min(over, len(b3))]) ||
		pf.run(s3, b3[q:])
}

// step4 advances four streams over four equally long slices. It is a
// function of its own, not inlined, because inside match the register
// allocator spilled the states to the stack, which put a store and a load
// on every step's critical path and halved the speed.
//
//go:noinline
func step4(tab *[1 << 16]uint16, class *[256]uint8, c0, c1, c2, c3 []byte, s0, s1, s2, s3 uint16) (uint16, uint16, uint16, uint16) {
	c1, c2, c3 = c1[:len(c0)], c2[:len(c0)], c3[:len(c0)]
	for i, c := range c0 {
		s0 = tab[s0+uint16(class[c])]
		s1 = tab[s1+uint16(class[c1[i]])]
		s2 = tab[s2+uint16(class[c2[i]])]
		s3 = tab[s3+uint16(class[c3[i]])]
	}
	return s0, s1, s2, s3
}

// run continues the DFA from state s over b.
func (pf *prefilter) run(s uint16, b []byte) bool {
	tab, class := pf.tab, &pf.class
	for _, c := range b {
		s = tab[s+uint16(class[c])]
	}
	return s == matchState
}
