// Command benchgen writes a synthetic monorepo for measuring pgtlslint's
// speed and memory: source and config files of the usual languages in nested
// directories, about the requested total size, and one file in -hit-every
// holding a PostgreSQL connection string with a weak sslmode. The same flags
// always give the same tree, byte for byte.
//
//	go run ./internal/benchgen -out /tmp/mono -files 20000 -size-mb 190 -hit-every 50 -seed 1
//
// With -scan DIR it instead runs the file engine (walk.Run) over DIR
// with a callback that only counts, and prints the time taken: the engine's
// share of a scan, to compare with `rg -l -i -F -f words.txt DIR`.
//
//	go run ./internal/benchgen -scan /tmp/mono
//
// The filler text is built from a vocabulary chosen to hold none of the
// prefilter's trigger words (no "host", "source", "pg", "ssl", no 5432), so
// the files that pass the prefilter are exactly the planted ones and a scan
// does the full read-and-reject work on all the others.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	walk "github.com/pgtlslint/pgtlslint/scan/walk"
)

func main() {
	out := flag.String("out", "", "directory to write (created; must be empty or absent)")
	files := flag.Int("files", 20000, "number of files")
	sizeMB := flag.Float64("size-mb", 190, "approximate total size in MB (10^6 bytes)")
	hitEvery := flag.Int("hit-every", 50, "one file in this many holds a connection string (0: none)")
	seed := flag.Int64("seed", 1, "random seed")
	scanDir := flag.String("scan", "", "scan this directory with the file engine instead, and time it")
	workers := flag.Int("workers", 0, "with -scan: worker goroutines (0: GOMAXPROCS)")
	words := flag.String("words", "", "write the prefilter's trigger words to this file, one a line (for rg -f), and exit")
	flag.Parse()
	if *words != "" {
		if err := os.WriteFile(*words, []byte(strings.Join(walk.Words(), "\n")+"\n"), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	if *scanDir != "" {
		if err := scan(*scanDir, *workers); err != nil {
			fmt.Fprintln(os.Stderr, "benchgen:", err)
			os.Exit(1)
		}
		return
	}
	if *out == "" || *files <= 0 {
		fmt.Fprintln(os.Stderr, "usage: benchgen -out DIR [-files N] [-size-mb MB] [-hit-every N] [-seed S]")
		os.Exit(2)
	}
	if entries, err := os.ReadDir(*out); err == nil && len(entries) > 0 {
		fmt.Fprintf(os.Stderr, "benchgen: %s is not empty\n", *out)
		os.Exit(2)
	}
	g := &gen{out: *out, files: *files, avg: int(*sizeMB * 1e6 / float64(*files)), hitEvery: *hitEvery, seed: *seed}
	if err := g.run(); err != nil {
		fmt.Fprintln(os.Stderr, "benchgen:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d files, %d bytes, %d with a connection string, under %s\n", g.files, g.bytes, g.hits, g.out)
}

// scan runs the file engine over dir and prints what passed to the
// callback and how long it took.
func scan(dir string, workers int) error {
	var files, size atomic.Int64
	start := time.Now()
	notices, err := walk.Run([]string{dir}, walk.Options{Workers: workers}, func(_ int, f walk.File) {
		files.Add(1)
		size.Add(int64(len(f.Content)))
	})
	if err != nil {
		return err
	}
	elapsed := time.Since(start)
	fmt.Printf("%d files passed to analyzers (%d bytes), %d notices, in %v\n", files.Load(), size.Load(), len(notices), elapsed.Round(time.Millisecond))
	return nil
}

type gen struct {
	out         string
	files, avg  int
	hitEvery    int
	seed        int64
	bytes, hits int64
	dirs        []string
	bufw        *bufio.Writer
}

// kinds and their share of the files, in percent.
var kinds = []struct {
	name  string
	share int
}{
	{"go", 20}, {"py", 15}, {"js", 12}, {"ts", 14}, {"java", 10}, {"yaml", 8}, {"json", 6},
	{"md", 6}, {"env", 2}, {"properties", 3}, {"Dockerfile", 2}, {"sh", 2},
}

func (g *gen) run() error {
	if err := os.MkdirAll(g.out, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(g.out, ".gitignore"), []byte("*.log\n/tmp/\n"), 0o644); err != nil {
		return err
	}
	r := rand.New(rand.NewSource(g.seed))
	// About 12 files a directory, in a tree 2 to 6 levels deep.
	ndirs := max(1, g.files/12)
	for i := 0; i < ndirs; i++ {
		depth := 2 + r.Intn(5)
		parts := []string{fmt.Sprintf("svc%02d", r.Intn(40))}
		for d := 1; d < depth; d++ {
			parts = append(parts, words[r.Intn(len(words))]+fmt.Sprint(r.Intn(4)))
		}
		g.dirs = append(g.dirs, filepath.Join(parts...))
	}
	g.bufw = bufio.NewWriterSize(nil, 256<<10)
	for i := 0; i < g.files; i++ {
		if err := g.file(i); err != nil {
			return err
		}
	}
	return nil
}

func (g *gen) file(i int) error {
	r := rand.New(rand.NewSource(g.seed*1_000_003 + int64(i)))
	dir := g.dirs[r.Intn(len(g.dirs))]
	pick := r.Intn(100)
	kind := kinds[0].name
	for _, k := range kinds {
		if pick < k.share {
			kind = k.name
			break
		}
		pick -= k.share
	}
	name := fmt.Sprintf("%s_%d", words[r.Intn(len(words))], i)
	switch kind {
	case "Dockerfile":
		name = "Dockerfile." + name
	case "env":
		name += ".env"
	default:
		name += "." + kind
	}
	// Sizes from a tenth of the average to 3.7 times it, mostly small (the
	// product of two uniform numbers), with the average as asked.
	size := int(float64(g.avg) * (0.1 + 3.6*r.Float64()*r.Float64()))
	hit := g.hitEvery > 0 && i%g.hitEvery == g.hitEvery/2

	p := filepath.Join(g.out, dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	w := g.bufw
	w.Reset(f)
	n := 0
	// Source files are valid code, one function per file, so that the analyzers parse them as
	// they would real ones (Go is also type-checked package by package).
	switch kind {
	case "go":
		_, _ = fmt.Fprintf(w, "package %s\n\nfunc f%d() {\n", filepath.Base(dir), i)
	case "py":
		_, _ = fmt.Fprintf(w, "def f%d(self):\n", i)
	case "js", "ts":
		_, _ = fmt.Fprintf(w, "export async function f%d() {\n", i)
	case "java":
		_, _ = fmt.Fprintf(w, "class C%d {\n    void f() {\n", i)
	case "json":
		_, _ = w.WriteString("[\n")
	}
	hitAt := -1
	if hit {
		hitAt = size / 3
		g.hits++
	}
	for n < size {
		var s string
		if hitAt >= 0 && n >= hitAt {
			s = connLine(kind, r)
			hitAt = -1
		} else {
			s = line(kind, r)
		}
		// A bufio.Writer keeps its first error and returns it from Flush.
		_, _ = w.WriteString(s)
		n += len(s)
	}
	switch kind {
	case "go", "js", "ts":
		_, _ = w.WriteString("}\n")
	case "java":
		_, _ = w.WriteString("    }\n}\n")
	case "json":
		_, _ = w.WriteString("{}]\n")
	}
	if err := w.Flush(); err != nil {
		_ = f.Close()
		return err
	}
	g.bytes += int64(n)
	return f.Close()
}

var words = strings.Fields(`user order item account invoice cart session token cache queue event metric
report profile payment address product review search index config handler service client server
request response status result value count total limit offset page filter sort build parse format
render load save update delete create fetch send receive retry timeout logger context option param
field record entry batch job task worker lock state model view store router widget layout theme
budget ledger refund coupon basket stock vendor carrier parcel label region zone tenant`)

var numbers = []string{"0", "1", "2", "3", "10", "30", "60", "100", "250", "1000", "3600", "8080"}

func ident(r *rand.Rand) string {
	a := words[r.Intn(len(words))]
	b := words[r.Intn(len(words))]
	return a + title(b)
}

func title(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

func snake(r *rand.Rand) string {
	return words[r.Intn(len(words))] + "_" + words[r.Intn(len(words))]
}

// line is one plausible line of filler in the syntax of kind.
func line(kind string, r *rand.Rand) string {
	a, b, c := ident(r), ident(r), ident(r)
	num := numbers[r.Intn(len(numbers))]
	switch kind {
	case "go":
		switch r.Intn(5) {
		case 0:
			return fmt.Sprintf("\tvar %s = %s(%s)\n", a, b, num)
		case 1:
			return fmt.Sprintf("\tif %s, err := %s.%s(ctx, %s); err != nil {\n\t\treturn nil, fmt.Errorf(\"%s: %%w\", err)\n\t}\n", a, b, c, num, snake(r))
		case 2:
			return fmt.Sprintf("\t%s := make([]%s, 0, %s)\n", a, b, num)
		case 3:
			return fmt.Sprintf("\t%s.%s(%s)\n", a, b, c)
		}
		return fmt.Sprintf("\t// %s %s the %s before %s.\n", a, words[r.Intn(len(words))], b, c)
	case "py":
		switch r.Intn(4) {
		case 0:
			return fmt.Sprintf("    %s = %s(%s, %s=%s)\n", snake(r), snake(r), snake(r), snake(r), num)
		case 1:
			return fmt.Sprintf("    %s = self.%s.get(%q, %s)\n", snake(r), snake(r), snake(r), num)
		case 2:
			return fmt.Sprintf("    if not %s:\n        raise ValueError(%q)\n", snake(r), a)
		}
		return fmt.Sprintf("    # %s %s\n", a, b)
	case "js", "ts":
		typ := ""
		if kind == "ts" {
			typ = ": number"
		}
		switch r.Intn(4) {
		case 0:
			return fmt.Sprintf("  let %s%s = %s;\n", a, typ, num)
		case 1, 2:
			return fmt.Sprintf("  const %s = await this.%s.%s(%s, { %s: %s });\n", a, b, c, num, ident(r), num)
		}
		return fmt.Sprintf("  // %s %s %s\n", a, b, c)
	case "java":
		switch r.Intn(4) {
		case 0:
			return fmt.Sprintf("        final %s %s = new %s(%s);\n", title(b), a, title(c), num)
		case 1, 2:
			return fmt.Sprintf("        final var %s = this.%s.%s(%s);\n", a, b, c, num)
		}
		return fmt.Sprintf("    // %s %s %s\n", a, b, c)
	case "yaml":
		return fmt.Sprintf("%s:\n  %s: %s\n  %s: %q\n", snake(r), snake(r), num, snake(r), a)
	case "json":
		return fmt.Sprintf("{\"%s\": %s, \"%s\": \"%s\"},\n", a, num, b, c)
	case "env":
		return fmt.Sprintf("%s=%s\n", strings.ToUpper(snake(r)), num)
	case "properties":
		return fmt.Sprintf("app.%s.%s=%s\n", a, b, num)
	case "Dockerfile":
		return fmt.Sprintf("RUN make %s && cp %s /app/%s\n", snake(r), snake(r), snake(r))
	case "sh":
		return fmt.Sprintf("%s=\"${%s:-%s}\"\n", strings.ToUpper(snake(r)), strings.ToUpper(snake(r)), num)
	}
	return fmt.Sprintf("The %s %s the %s when the %s %s.\n\n", a, words[r.Intn(len(words))], b, c, words[r.Intn(len(words))])
}

// connLine plants a connection with a weak sslmode, in the file's syntax.
func connLine(kind string, r *rand.Rand) string {
	modes := []string{"disable", "allow", "prefer", "require"}
	url := fmt.Sprintf("postgres://app:%s@db%d.internal.example.com:5432/%s?sslmode=%s",
		words[r.Intn(len(words))], r.Intn(9), words[r.Intn(len(words))], modes[r.Intn(len(modes))])
	switch kind {
	case "go":
		return fmt.Sprintf("\tdb, err := sql.Open(\"pgx\", %q)\n", url)
	case "py":
		return fmt.Sprintf("    conn = psycopg2.connect(%q)\n", url)
	case "js", "ts":
		return fmt.Sprintf("  const pool = new Pool({ connectionString: %q });\n", url)
	case "java":
		return fmt.Sprintf("        DriverManager.getConnection(%q);\n", "jdbc:"+strings.Replace(url, "postgres:", "postgresql:", 1))
	case "yaml":
		return fmt.Sprintf("database:\n  url: %q\n", url)
	case "json":
		return fmt.Sprintf("{\"databaseUrl\": %q},\n", url)
	case "env", "sh":
		return fmt.Sprintf("DATABASE_URL=%s\n", url)
	case "properties":
		return fmt.Sprintf("spring.datasource.url=jdbc:%s\n", strings.Replace(url, "postgres:", "postgresql:", 1))
	case "Dockerfile":
		return fmt.Sprintf("ENV DATABASE_URL=%s\n", url)
	}
	return fmt.Sprintf("Connect with `%s`.\n", url)
}
