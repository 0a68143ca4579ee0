package walk

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/pgtlslint/pgtlslint/internal/gittest"
	"github.com/pgtlslint/pgtlslint/scan/filekind"
	"github.com/pgtlslint/pgtlslint/scan/result"
)

// hit is content that passes the prefilter.
const hit = "DATABASE_URL=postgres://app@db.example.com/app?sslmode=disable\n"

// writeTree creates files (path -> content) under dir.
func writeTree(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for p, content := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

type scanned struct {
	Path string
	Kind filekind.Kind
}

// scan runs RunOrdered from inside dir (so that paths are relative) and
// returns what reached the callback and the notices.
func scan(t *testing.T, dir string, roots []string, opts Options) ([]scanned, []result.Notice) {
	t.Helper()
	t.Chdir(dir)
	got, notices, err := RunOrdered(roots, opts, func(_ int, f File) []scanned {
		return []scanned{{f.Path, f.Kind}}
	})
	if err != nil {
		t.Fatal(err)
	}
	return got, notices
}

func paths(s []scanned) []string {
	out := []string{}
	for _, f := range s {
		out = append(out, f.Path)
	}
	return out
}

func wantPaths(t *testing.T, got []scanned, want ...string) {
	t.Helper()
	if want == nil {
		want = []string{}
	}
	if g := paths(got); !reflect.DeepEqual(g, want) {
		t.Errorf("scanned\n  %q\nwant\n  %q", g, want)
	}
}

func noticeKinds(ns []result.Notice) map[string]string {
	out := map[string]string{}
	for _, n := range ns {
		out[n.Path] = n.Kind
	}
	return out
}

func TestWalkGitignoreLevels(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		".gitignore":            "# comment\n*.env\n!keep.env\nbuild/\n/secret/*.yml\n\n",
		"a.env":                 hit,
		"keep.env":              hit,
		"build/x.yml":           hit,
		"secret/a.yml":          hit,
		"secret/b.json":         hit,
		"other/secret/c.yml":    hit,                        // /secret is anchored at the root
		"sub/.gitignore":        "!local.env\r\n*.yaml\r\n", // CRLF
		"sub/local.env":         hit,
		"sub/other.env":         hit,
		"sub/c.yaml":            hit,
		"sub/deeper/.gitignore": "!*.yaml\n",
		"sub/deeper/d.yaml":     hit,
		"sub/deeper/e.env":      hit,
		"sub/build/f.yml":       hit, // build/ matches at any depth
	})
	got, _ := scan(t, dir, nil, Options{})
	wantPaths(t, got, "keep.env", "other/secret/c.yml", "secret/b.json", "sub/deeper/d.yaml", "sub/local.env")

	got, _ = scan(t, dir, nil, Options{NoIgnore: true})
	if len(got) != 14-2 { // every file but the two .gitignore files
		t.Errorf("NoIgnore scanned %d files, want 12: %q", len(got), paths(got))
	}
}

func TestWalkGitignoreAboveRoot(t *testing.T) {
	// A .gitignore between the work tree's top and the root applies too.
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		".git/HEAD":          "ref: refs/heads/main\n",
		".git/info/exclude":  "*.py\n",
		".gitignore":         "*.env\n",
		"svc/.gitignore":     "gen/\n",
		"svc/api/a.env":      hit,
		"svc/api/b.yml":      hit,
		"svc/api/c.py":       hit,
		"svc/api/gen/d.yml":  hit,
		"svc/api/keep/e.yml": hit,
	})
	got, _ := scan(t, dir, []string{"svc/api"}, Options{})
	wantPaths(t, got, "svc/api/b.yml", "svc/api/keep/e.yml")
}

func TestWalkTrackedButIgnored(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		".gitignore":              "*.env\nignored-dir/\n",
		"tracked.env":             hit,
		"untracked.env":           hit,
		"ignored-dir/tracked.yml": hit,
		"ignored-dir/other.yml":   hit,
		"plain.yml":               hit,
		"excluded.py":             hit,
	})
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = gittest.Env()
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	git("add", "-f", "tracked.env", "ignored-dir/tracked.yml", "plain.yml")
	writeTree(t, dir, map[string]string{".git/info/exclude": "excluded.py\n"})

	got, _ := scan(t, dir, nil, Options{})
	wantPaths(t, got, "ignored-dir/tracked.yml", "plain.yml", "tracked.env")

	// A root that .gitignore ignores was named on purpose: all of it.
	got, _ = scan(t, dir, []string{"ignored-dir"}, Options{})
	wantPaths(t, got, "ignored-dir/other.yml", "ignored-dir/tracked.yml")

	// From a subdirectory root, paths in the index are relative to it.
	writeTree(t, dir, map[string]string{"sub/.gitignore": "*.yml\n", "sub/a.yml": hit, "sub/b.yml": hit})
	git("add", "-f", "sub/a.yml")
	got, _ = scan(t, dir, []string{"sub"}, Options{})
	wantPaths(t, got, "sub/a.yml")
}

func TestWalkIncludeExclude(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"src/a.go":          hit,
		"src/b.sql":         hit,
		"src/legacy/c.go":   hit,
		"legacy/d.go":       hit,
		"tools/e.py":        hit,
		"src/deep/x/f.yaml": hit,
	})
	got, _ := scan(t, dir, nil, Options{Exclude: []string{"legacy/**", "*.sql"}})
	wantPaths(t, got, "src/a.go", "src/deep/x/f.yaml", "src/legacy/c.go", "tools/e.py")

	got, _ = scan(t, dir, nil, Options{Exclude: []string{"legacy"}}) // a bare name: any depth
	wantPaths(t, got, "src/a.go", "src/b.sql", "src/deep/x/f.yaml", "tools/e.py")

	got, _ = scan(t, dir, nil, Options{Include: []string{"src/**/*.go"}})
	wantPaths(t, got, "src/a.go", "src/legacy/c.go")

	got, _ = scan(t, dir, nil, Options{Include: []string{"**/*.go"}, Exclude: []string{"src/legacy/**"}})
	wantPaths(t, got, "legacy/d.go", "src/a.go")

	// Patterns also match the path as shown, root included.
	got, _ = scan(t, dir, []string{"src"}, Options{Exclude: []string{"src/deep/**"}})
	wantPaths(t, got, "src/a.go", "src/b.sql", "src/legacy/c.go")
	got, _ = scan(t, dir, []string{"src"}, Options{Exclude: []string{"deep/**"}})
	wantPaths(t, got, "src/a.go", "src/b.sql", "src/legacy/c.go")

	t.Chdir(dir)
	if _, _, err := RunOrdered(nil, Options{Exclude: []string{"[bad"}}, func(int, File) []int { return nil }); err == nil || !strings.Contains(err.Error(), "[bad") {
		t.Errorf("bad glob: err = %v, want one naming the pattern", err)
	}
}

func TestWalkDefaultExcludes(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"app.js":                   hit,
		"app.min.js":               hit,
		"package-lock.json":        hit,
		"node_modules/pg/index.js": hit,
		"vendor/lib/pq/conn.go":    hit,
		"testdata/db.yml":          hit,
		"web/node_modules/x.js":    hit,
		".git/config":              hit,
		".venv/lib/x.py":           hit,
		"dist/config.yml":          hit, // dist is not excluded
	})
	got, _ := scan(t, dir, nil, Options{})
	wantPaths(t, got, "app.js", "dist/config.yml")

	got, _ = scan(t, dir, nil, Options{NoDefaultExcludes: true})
	wantPaths(t, got, ".venv/lib/x.py", "app.js", "app.min.js", "dist/config.yml", "node_modules/pg/index.js",
		"package-lock.json", "testdata/db.yml", "vendor/lib/pq/conn.go", "web/node_modules/x.js")

	// An include pattern with a fixed directory enters that directory.
	got, _ = scan(t, dir, nil, Options{Include: []string{"vendor/**"}})
	wantPaths(t, got, "vendor/lib/pq/conn.go")
	got, _ = scan(t, dir, nil, Options{Include: []string{"**/*.js"}})
	wantPaths(t, got, "app.js")
	got, _ = scan(t, dir, nil, Options{Include: []string{"app.min.js"}})
	wantPaths(t, got, "app.min.js")
}

func TestWalkDocs(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"README.md":      hit,
		"docs/guide.rst": hit,
		"notes.txt":      hit,
		"LICENSE":        hit,
		"app.py":         hit,
		"data.xyz":       hit,
	})
	got, _ := scan(t, dir, nil, Options{})
	wantPaths(t, got, "app.py")

	got, _ = scan(t, dir, nil, Options{Include: []string{"**/*.md", "**/*.rst", "*.py"}})
	if want := []scanned{{"README.md", filekind.KindText}, {"app.py", kindPython}, {"docs/guide.rst", filekind.KindText}}; !reflect.DeepEqual(got, want) {
		t.Errorf("with includes: got %v, want %v", got, want)
	}

	got, _ = scan(t, dir, []string{"README.md", "data.xyz", "app.py"}, Options{})
	if want := []scanned{{"README.md", filekind.KindText}, {"app.py", kindPython}, {"data.xyz", filekind.KindText}}; !reflect.DeepEqual(got, want) {
		t.Errorf("file arguments: got %v, want %v", got, want)
	}
}

func TestWalkSizeCap(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"small.env": hit,
		"big.env":   hit + strings.Repeat("# padding\n", 20),
	})
	got, notices := scan(t, dir, nil, Options{MaxFileSize: 100})
	wantPaths(t, got, "small.env")
	if len(notices) != 1 || notices[0].Path != "big.env" || notices[0].Kind != result.NoticeSkippedSize {
		t.Errorf("notices = %+v, want one skipped-size for big.env", notices)
	}
	got, notices = scan(t, dir, nil, Options{MaxFileSize: -1})
	wantPaths(t, got, "big.env", "small.env")
	if len(notices) != 0 {
		t.Errorf("no cap: notices = %+v", notices)
	}
}

func TestWalkBinaryAndOddContent(t *testing.T) {
	dir := t.TempDir()
	longLine := "x = \"" + strings.Repeat("a", 2<<20) + "\"; url = \"postgres://db.example.com/app\"\n"
	files := map[string]string{
		"nul-early.env":   "A=1\x00\n" + hit,
		"nul-late.env":    hit + strings.Repeat("#\n", 5000) + "\x00tail\n",
		"crlf.env":        strings.ReplaceAll(hit+"OTHER=1\n", "\n", "\r\n"),
		"bom.env":         "\xef\xbb\xbf" + hit,
		"invalid-utf8.py": "s = '\xff\xfe\xc3('\n" + hit,
		"long.py":         longLine,
		"deep.json":       strings.Repeat("[", 100000) + `"postgres://x"` + strings.Repeat("]", 100000),
		"image.png":       "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
	}
	writeTree(t, dir, files)
	t.Chdir(dir)
	contents := map[string][]byte{}
	var mu sync.Mutex
	notices, err := Run(nil, Options{MaxFileSize: 4 << 20}, func(_ int, f File) {
		mu.Lock()
		contents[f.Path] = bytes.Clone(f.Content)
		mu.Unlock()
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"nul-late.env", "crlf.env", "bom.env", "invalid-utf8.py", "long.py", "deep.json"} {
		if !bytes.Equal(contents[p], []byte(files[p])) {
			t.Errorf("%s: content differs from the file (len %d, want %d)", p, len(contents[p]), len(files[p]))
		}
	}
	if _, ok := contents["nul-early.env"]; ok {
		t.Error("nul-early.env was scanned")
	}
	if k := noticeKinds(notices); k["nul-early.env"] != result.NoticeSkippedBinary || len(k) != 1 {
		t.Errorf("notices = %+v, want only skipped-binary for nul-early.env", notices)
	}
}

func TestWalkDeepNesting(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, strings.Repeat("d/", 500))
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(p, "x.env"), []byte(hit), 0o644); err != nil {
		t.Fatal(err)
	}
	writeTree(t, dir, map[string]string{"top.env": hit})
	got, notices := scan(t, dir, nil, Options{})
	wantPaths(t, got, strings.Repeat("d/", 500)+"x.env", "top.env")
	if len(notices) != 0 {
		t.Errorf("notices: %+v", notices)
	}
}

func TestWalkRoots(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"sub/a.env":         hit,
		"b.env":             hit,
		"node_modules/c.js": hit,
		".gitignore":        "d.env\n",
		"d.env":             hit,
		"e.bin":             "\x00" + hit,
	})
	// Nested and repeated roots: every file once, named from the outer root.
	got, _ := scan(t, dir, []string{".", "sub", "./sub/", "."}, Options{})
	wantPaths(t, got, "b.env", "sub/a.env")

	got, _ = scan(t, dir, []string{"sub"}, Options{})
	wantPaths(t, got, "sub/a.env")

	// A root inside another that the outer walk does not enter is walked
	// on its own.
	got, _ = scan(t, dir, []string{"node_modules", ".", "sub"}, Options{})
	wantPaths(t, got, "b.env", "node_modules/c.js", "sub/a.env")

	// Named files bypass default excludes and .gitignore, not binary
	// detection, and are not scanned twice.
	got, notices := scan(t, dir, []string{".", "node_modules/c.js", "d.env", "e.bin", "./b.env"}, Options{})
	wantPaths(t, got, "b.env", "d.env", "node_modules/c.js", "sub/a.env")
	if k := noticeKinds(notices); k["e.bin"] != result.NoticeSkippedBinary {
		t.Errorf("notices = %+v, want skipped-binary for e.bin", notices)
	}
	// but Exclude applies to them.
	got, _ = scan(t, dir, []string{"d.env", "b.env"}, Options{Exclude: []string{"d.env"}})
	wantPaths(t, got, "b.env")

	t.Chdir(dir)
	_, err := Run([]string{".", "no/such/dir"}, Options{}, func(int, File) {})
	if err == nil || !strings.Contains(err.Error(), "no/such/dir") {
		t.Errorf("missing root: err = %v, want one naming it", err)
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		t.Errorf("missing root: the error repeats the path: %v", err)
	}
	// The scan tells a root it cannot read from other errors, and goes on with the others.
	var re *RootError
	if !errors.As(err, &re) || re.Root != "no/such/dir" || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing root: err = %#v, want a *RootError for no/such/dir wrapping ErrNotExist", err)
	}
	if _, err := Run([]string{"."}, Options{Exclude: []string{"["}}, func(int, File) {}); errors.As(err, &re) {
		t.Errorf("a bad glob is a *RootError: %v", err)
	}
}

// TestWalkStats: the counts say how much of the tree the walk saw, read and handed on, so
// that a summary does not pass off the files analyzed as the whole tree.
func TestWalkStats(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"a.env":             hit,                              // walked, read, analyzed
		"b.env":             "A=1\n",                          // walked, read: no trigger word
		"big.env":           hit + strings.Repeat("#\n", 100), // walked, over the cap: not read
		"photo.jpg":         "\xff\xd8",                       // walked: no kind pgtlslint reads
		"node_modules/c.js": hit,                              // a default exclude: not walked
		".gitignore":        "d.env\n",                        // walked (an unknown kind)
		"d.env":             hit,                              // .gitignore: not walked
	})
	var st Stats
	got, notices := scan(t, dir, nil, Options{MaxFileSize: 100, Stats: &st})
	wantPaths(t, got, "a.env")
	if w, r := st.Walked.Load(), st.Read.Load(); w != 5 || r != 2 {
		t.Errorf("walked %d, read %d; want 5 and 2", w, r)
	}
	// The size notice says what every file over the same cap shares, for a report that counts them.
	if len(notices) != 1 || notices[0].Group != "larger than 100 bytes" {
		t.Errorf("notices = %+v, want one grouped as larger than 100 bytes", notices)
	}
	st = Stats{}
	scan(t, dir, []string{"a.env", "photo.jpg", "."}, Options{Stats: &st})
	if w := st.Walked.Load(); w != 5 {
		t.Errorf("named files are walked once: walked %d, want 5", w)
	}
}

func TestSizeText(t *testing.T) {
	for n, want := range map[int64]string{1 << 20: "1 MiB", 3 << 20: "3 MiB", 512 << 10: "512 KiB", 1000: "1000 bytes", 1536 << 10: "1536 KiB"} {
		if got := sizeText(n); got != want {
			t.Errorf("sizeText(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestWalkPrefilterAndServerFiles(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"plain.go":        "package main\n\nfunc main() {}\n",
		"pg_hba.conf":     "local all all peer\n",
		"postgresql.conf": "max_connections = 100\n",
		"db.go":           "package db\n\nconst dsn = \"postgres://db.example.com/app\"\n",
		"empty.env":       "",
	})
	got, _ := scan(t, dir, nil, Options{})
	wantPaths(t, got, "db.go", "pg_hba.conf", "postgresql.conf")
}

func TestWalkPanicIsNotice(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.env": hit, "bad.env": hit, "c.env": hit})
	t.Chdir(dir)
	got, notices, err := RunOrdered(nil, Options{Workers: 2}, func(_ int, f File) []string {
		if f.Path == "bad.env" {
			panic("bad file")
		}
		return []string{f.Path}
	})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, []string{"a.env", "c.env"}) {
		t.Errorf("results = %q", got)
	}
	if len(notices) != 1 || notices[0].Kind != result.NoticePanic || !strings.Contains(notices[0].Message, "walk_test.go") {
		t.Errorf("notices = %+v, want one analyzer-panic at walk_test.go", notices)
	}
}

func TestRunOrderedStable(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := 0; i < 300; i++ {
		files[fmt.Sprintf("d%d/e%d/f%03d.env", i%7, i%3, i)] = hit + strings.Repeat("#\n", i*37%900)
	}
	writeTree(t, dir, files)
	t.Chdir(dir)
	var first []string
	for run := 0; run < 20; run++ {
		var maxWorker int
		var mu sync.Mutex
		got, _, err := RunOrdered(nil, Options{Workers: 8}, func(worker int, f File) []string {
			mu.Lock()
			maxWorker = max(maxWorker, worker)
			mu.Unlock()
			runtime.Gosched()
			return []string{f.Path + "#1", f.Path + "#2", f.Path + "#3"}
		})
		if err != nil {
			t.Fatal(err)
		}
		if maxWorker >= 8 {
			t.Fatalf("worker index %d out of range", maxWorker)
		}
		if len(got) != 900 {
			t.Fatalf("run %d: %d results, want 900", run, len(got))
		}
		if run == 0 {
			first = got
			if !slices.IsSortedFunc(got, func(a, b string) int {
				pa, sa, _ := strings.Cut(a, "#")
				pb, sb, _ := strings.Cut(b, "#")
				if c := strings.Compare(pa, pb); c != 0 {
					return c
				}
				return strings.Compare(sa, sb)
			}) {
				t.Fatal("results not sorted by path, then in callback order")
			}
			continue
		}
		if !slices.Equal(got, first) {
			t.Fatalf("run %d differs from run 0", run)
		}
	}
}

// BenchmarkWalk scans a generated tree of 2,000 files (about 16 MB, one in
// 50 holding a connection string) with a callback that does nothing, and
// reports files/s and MB/s read.
func BenchmarkWalk(b *testing.B) {
	dir := b.TempDir()
	var total int64
	files := map[string]string{}
	exts := []string{".go", ".py", ".js", ".ts", ".java", ".yaml", ".json", ".env", ".properties", ".md"}
	for i := 0; i < 2000; i++ {
		body := sampleText(1000+(i*7919)%15000, int64(i))
		if i%50 == 25 {
			body = append(body, hit...)
		}
		p := fmt.Sprintf("svc%d/pkg%d/mod%d/file%d%s", i%9, i%13, i%5, i, exts[i%len(exts)])
		files[p] = string(body)
		total += int64(len(body))
	}
	writeTree(b, dir, files)
	b.Chdir(dir)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Run(nil, Options{}, func(int, File) {}); err != nil {
			b.Fatal(err)
		}
	}
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(2000/sec, "files/s")
	b.ReportMetric(float64(total)/1e6/sec, "MB/s")
}

// TestWalkGitignoreAgreesWithGit compares the walk with git's own answer
// (untracked files not ignored) on patterns where gitignore libraries tend
// to differ from git.
func TestWalkGitignoreAgreesWithGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	files := map[string]string{
		".gitignore": strings.Join([]string{
			"foo/**", "!foo/keep.env", // git keeps foo/keep.env; "foo/**" is not foo itself
			"**/logs", "*.py[cod]", "doc/*.env", "/*.cfg",
			"!/.env.example", ".env*", // the later pattern wins
			"bar/", "!bar/x.env", // no re-including inside an excluded directory
			"baz/*", "!baz/y.env",
			"*.tmp", "!important.tmp",
			`\#hash.env`, `space\ .env`,
			"sub/**/deep.env",
			"*.log", "!keepdir", // a negation names keepdir, not what is inside
			"anch/b.env", "**/qq/*.env", "fileonly/", "[Mm]ixed.env",
		}, "\n") + "\n",
		"foo/keep.env": hit, "foo/other.env": hit, "foo/sub/a.env": hit,
		"logs/a.env": hit, "x/logs/b.env": hit,
		"a.pyc": hit, "a.py": hit,
		"doc/a.env": hit, "doc/sub/b.env": hit,
		"a.cfg": hit, "x/a.cfg": hit,
		".env.example": hit, ".env.local": hit, "x/.env.prod": hit,
		"bar/x.env": hit, "bar/y.env": hit,
		"baz/y.env": hit, "baz/z.env": hit,
		"a.tmp": hit, "important.tmp": hit, "x/important.tmp": hit,
		"#hash.env": hit, "space .env": hit,
		"sub/deep.env": hit, "sub/a/b/deep.env": hit,
		"keep/a.env": hit, "keepdir/a.log": hit, "b.log": hit,
		"anch/b.env": hit, "z/anch/b.env": hit,
		"qq/a.env": hit, "m/n/qq/b.env": hit, "m/qq/r/c.env": hit,
		"fileonly": hit, "x/fileonly/a.env": hit,
		"Mixed.env": hit, "mixed.env": hit, "nixed.env": hit,
	}
	writeTree(t, dir, files)
	gitCmd := func(args ...string) []byte {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = gittest.Env()
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("git %v: %v", args, err)
		}
		return out
	}
	gitCmd("init", "-q")
	var want []string
	for _, l := range strings.Split(strings.TrimSpace(string(gitCmd("ls-files", "-o", "--exclude-standard"))), "\n") {
		if l != ".gitignore" {
			want = append(want, l)
		}
	}
	slices.Sort(want)
	got, _ := scan(t, dir, nil, Options{Include: []string{"**"}})
	wantPaths(t, got, want...)
}
