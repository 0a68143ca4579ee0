package conninfo_test

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// testdataDir is the repository's testdata/conninfo, two levels up from this package.
var testdataDir = filepath.Join("..", "..", "testdata", "conninfo")

// readCases reads one input per line from a file in testdata/conninfo. Lines starting with '#'
// are comments; a line starting with '"' is Go-quoted so that it can hold tabs, NULs or trailing
// white space. A missing file yields no cases (the fuzz-found file may not exist yet).
func readCases(tb testing.TB, name string) []string {
	tb.Helper()
	f, err := os.Open(filepath.Join(testdataDir, name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		tb.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "#"):
			continue
		case strings.HasPrefix(line, `"`):
			s, err := strconv.Unquote(line)
			if err != nil {
				tb.Fatalf("%s:%d: %v", name, n, err)
			}
			out = append(out, s)
		default:
			out = append(out, line)
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

func quote(s string) string { return strconv.Quote(s) }

func fmtMap(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sortStrings(keys)
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(k + "=" + strconv.Quote(m[k]))
	}
	b.WriteByte('}')
	return b.String()
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
