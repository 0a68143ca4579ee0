package walk

import (
	"bytes"
	"fmt"
	"math/rand"
	"regexp"
	"strings"
	"testing"
)

// TestPrefilterTable checks the engine's own words; the driver table's modules, which Words
// brings, are checked by TestPrefilterPassesDriverModules.
func TestPrefilterTable(t *testing.T) {
	pass := []string{
		`url = "postgresql://u@db.example.com/app"`,
		`DATABASE_URL=postgres://u:p@db.example.com/app`,
		`jdbc:postgresql://db.example.com/app`,
		`spring.r2dbc.url=r2dbc:postgresql://db/app`,
		`conn = psycopg2.connect(host="db.example.com")`,
		`Host=db.example.com;Port=5432;Username=app`,
		`host=db.example.com dbname=app`,
		`DB_HOST=db.example.com`,
		`PGHOST=db.example.com`,
		`PGPASSWORD=secret`,
		`export PGSSLMODE=disable`,
		`PGREQUIRESSL=1`,
		`sslmode=require`,
		`?sslmode=verify-full`,
		`SSL Mode=Require;Trust Server Certificate=true`,
		`TrustServerCertificate=True`,
		`ssl: false`,
		`{ ssl: { rejectUnauthorized: false } }`,
		`NODE_TLS_REJECT_UNAUTHORIZED=0`,
		`tls.Config{InsecureSkipVerify: true}`,
		`ctx.verify_mode = ssl.CERT_NONE`,
		`ctx.check_hostname = False`,
		`dbSslMode := "disable"`,
		`useSSL=false`,
		`DB_SSL=false`,
		"ssl=off", // at offset 0
		`ALTER SYSTEM SET ssl = off;`,
		`-c ssl_min_protocol_version=TLSv1`,
		`hostssl all all 0.0.0.0/0 scram-sha-256`,
		`hostnossl all all 0.0.0.0/0 md5`,
		`requiressl=1`,
		`echo "host all all 0.0.0.0/0 trust" >> "$PGDATA/pg_hba.conf"`,
		`pgHbaConfiguration: |`,
		`POSTGRES_HOST_AUTH_METHOD=trust`,
		`password_encryption = md5`,
		`-c listen_addresses='*'`,
		`sslaccept=accept_invalid_certs`,
		`--danger-accept-invalid-certs`,
		`spring.datasource.password=hunter2`,
		`new NpgsqlConnection(cs)`,
		`$db = pg_connect("host=db.example.com dbname=app");`,
		`SQLX: PgPoolOptions::new()`,
		`PgConnectOptions::from_str(url)`,
		`engine = create_async_engine("postgresql+asyncpg://db/app")`,
		`{:ok, pid} = Postgrex.start_link(hostname: "db.example.com")`,
		`conn = psycopg.connect("host = db.example.com")`,
		`"Default": "Server=db.example.com;Database=app;User Id=app"`,
		`pgsslmode: disable`,
		"line one\nPOSTGRES\n",
		"\xef\xbb\xbfsslmode=disable", // after a BOM
		"\x00\xffinvalid\xfe utf8 sslmode=allow",
	}
	for _, s := range pass {
		if !Prefilter([]byte(s)) {
			t.Errorf("Prefilter(%q) = false, want true", s)
		}
	}
	fail := []string{
		"",
		"package main\n\nfunc main() {}\n",
		`ClassLoader loader = getClass().getClassLoader();`,
		`el.classList.add("open")`,
		`RUN apt-get install -y openssl libssl-dev`,
		`img := "photo.jpg"`,
		`const url = "https://example.com/api"`,
		`hostname := os.Hostname()`,
		`port: 8080`,
		`# This is a README about databases`,
		`glassless vessel`, // "ssl" after lower-case letters
	}
	for _, s := range fail {
		if Prefilter([]byte(s)) {
			t.Errorf("Prefilter(%q) = true, want false", s)
		}
	}
}

func TestTriggerWordsLowerCase(t *testing.T) {
	for _, w := range TriggerWords {
		if w != strings.ToLower(w) {
			t.Errorf("trigger word %q is not lower case; the reference test lowers the input", w)
		}
	}
	pf := defaultPrefilter()
	t.Logf("prefilter: %d states, %d byte classes, %d table bytes (room for %d)", pf.states, pf.classes, 2*pf.states*pf.classes, 2*len(pf.tab))
}

// refPrefilter is the obvious implementation Prefilter must agree with.
func refPrefilter(b []byte) bool {
	low := make([]byte, len(b))
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		low[i] = c
	}
	for _, w := range TriggerWords {
		if bytes.Contains(low, []byte(w)) {
			return true
		}
	}
	for i := 0; i+3 <= len(b); i++ {
		if string(low[i:i+3]) == "ssl" && (b[i] == 'S' || i == 0 || b[i-1] < 'a' || b[i-1] > 'z') {
			return true
		}
	}
	return false
}

// TestPrefilterMatchesReference plants words at random places, with
// random case, in texts of many lengths, including across the cuts between
// the four streams, and compares with refPrefilter.
func TestPrefilterMatchesReference(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	plants := append(append([]string{}, TriggerWords...), "ssl", "Ssl", "xssl", "_ssl", "classl", "PGSSL")
	for iter := 0; iter < 3000; iter++ {
		n := r.Intn(20000)
		if iter%10 == 0 {
			n = r.Intn(600)
		}
		b := sampleText(n, int64(iter))
		if r.Intn(3) > 0 && n > 40 {
			w := []byte(plants[r.Intn(len(plants))])
			for i := range w {
				if r.Intn(2) == 0 {
					w[i] = bytes.ToUpper(w[i : i+1])[0]
				}
			}
			at := r.Intn(n - len(w))
			if r.Intn(2) == 0 { // right at a cut between streams
				q := n / 4
				at = max(0, min(n-len(w), q*(1+r.Intn(3))-r.Intn(len(w)+1)))
			}
			copy(b[at:], w)
		}
		if got, want := Prefilter(b), refPrefilter(b); got != want {
			t.Fatalf("iteration %d (len %d): Prefilter = %v, reference = %v", iter, n, got, want)
		}
	}
}

func TestPrefilterAtEveryOffset(t *testing.T) {
	base := sampleText(5000, 3)
	if Prefilter(base) {
		t.Fatal("sample text holds a trigger word")
	}
	for _, w := range []string{"sslmode", "postgres", "5432", " ssl"} {
		for at := 0; at+len(w) <= len(base); at++ {
			b := bytes.Clone(base)
			copy(b[at:], w)
			if !Prefilter(b) {
				t.Fatalf("%q at offset %d not found", w, at)
			}
		}
	}
}

// sampleTokens make source-like text with none of the trigger words (but
// near misses: ClassLoader, classList, openssl, hostname).
var sampleTokens = strings.Fields(`func return if err nil string class ClassLoader import const def self
public static void int for range value config server client request response http json user name id
data list map = ( ) { } ; , . := == != + - * / "hello" 'world' // # /* */ 0 1 42 100 true false None
null this new try catch throw await async let var type struct interface package main fmt Println log
Printf context ctx time Duration error Errorf os Getenv path filepath Join bytes Buffer strings
Builder classList openssl hostname port timeout retry`)

// sampleText returns n bytes of source-like text, the same for the same seed.
func sampleText(n int, seed int64) []byte {
	r := rand.New(rand.NewSource(seed))
	b := make([]byte, 0, n+32)
	col := 0
	for len(b) < n {
		tok := sampleTokens[r.Intn(len(sampleTokens))]
		b = append(b, tok...)
		col += len(tok)
		if col > 70 || r.Intn(12) == 0 {
			b = append(b, '\n')
			for i := r.Intn(4); i > 0; i-- {
				b = append(b, '\t')
			}
			col = 0
		} else {
			b = append(b, ' ')
		}
	}
	return b[:n]
}

// BenchmarkPrefilter measures Prefilter on text with no trigger word (the
// whole input is read, as for most files of a repository) against the
// obvious alternatives. The Aho–Corasick libraries compared in the
// Prefilter doc comment were measured the same way in a scratch module, so
// as not to add them to go.mod.
func BenchmarkPrefilter(b *testing.B) {
	for _, n := range []int{300, 4 << 10, 64 << 10, 1 << 20} {
		text := sampleText(n, 1)
		b.Run(fmt.Sprintf("dfa/%d", n), func(b *testing.B) {
			b.SetBytes(int64(n))
			for b.Loop() {
				if Prefilter(text) {
					b.Fatal("hit")
				}
			}
		})
	}
	text := sampleText(1<<20, 1)
	pf := defaultPrefilter()
	b.Run("dfa-one-stream/1048576", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			if pf.run(pf.start, text) {
				b.Fatal("hit")
			}
		}
	})
	words := make([][]byte, len(TriggerWords))
	for i, w := range TriggerWords {
		words[i] = []byte(w)
	}
	b.Run("bytes.Contains/1048576", func(b *testing.B) {
		// Lower-case copy, then one search per word; "ssl" left out as its
		// word rule has no bytes.Contains form, which favours this one.
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			low := bytes.ToLower(text)
			for _, w := range words {
				if bytes.Contains(low, w) {
					b.Fatal("hit")
				}
			}
		}
	})
	quoted := make([]string, len(TriggerWords))
	for i, w := range TriggerWords {
		quoted[i] = regexp.QuoteMeta(w)
	}
	re := regexp.MustCompile(`(?i:` + strings.Join(quoted, "|") + `)|(?:^|[^a-z])(?i:ssl)|S(?i:sl)`)
	b.Run("regexp/65536", func(b *testing.B) {
		t := text[:64<<10]
		b.SetBytes(int64(len(t)))
		for b.Loop() {
			if re.Match(t) {
				b.Fatal("hit")
			}
		}
	})
}

func BenchmarkBuildPrefilter(b *testing.B) {
	for b.Loop() {
		buildPrefilter(TriggerWords)
	}
}
