package sarif

import (
	"testing"
)

func TestDropNulls(t *testing.T) {
	for in, want := range map[string]string{
		`{"a":null,"b":1}`: `{"b":1}`,
		`{"a":{"x":null},"b":[null,{"y":null,"z":true}],"c":null}`: `{"a":{},"b":[null,{"z":true}]}`,
		`{"s":"<&> \u00fc \ud83d\udc18 \"q\" \\"}`:                 `{"s":"<&> ü 🐘 \"q\" \\"}`,
		`{"n":1.50,"m":-0,"e":1e3,"f":false}`:                      `{"n":1.50,"m":-0,"e":1e3,"f":false}`,
		`[]`:                                                       `[]`,
	} {
		got, err := dropNulls([]byte(in))
		if err != nil || string(got) != want {
			t.Errorf("dropNulls(%s) = %s, %v; want %s", in, got, err, want)
		}
	}
	for _, bad := range []string{`{"a":`, `{"a":1} {}`, ``} {
		if _, err := dropNulls([]byte(bad)); err == nil {
			t.Errorf("dropNulls(%q) accepted bad JSON", bad)
		}
	}
}

func TestFileIndex(t *testing.T) {
	// "ü" is 2 bytes and 1 UTF-16 unit, "🐘" 4 bytes and 2 units, "\xff" an invalid byte (1 unit).
	content := []byte("ab\r\nü🐘x\n\xffy\nlast")
	x := newFileIndex(content)
	if x.lines() != 4 {
		t.Fatalf("%d lines, want 4", x.lines())
	}
	for _, c := range []struct {
		off, line, col, char int
	}{
		{0, 1, 1, 0},
		{2, 1, 3, 2},  // the "\r" ends line 1 but still has a column
		{4, 2, 1, 4},  // after "\r\n"
		{6, 2, 2, 5},  // after "ü"
		{10, 2, 4, 7}, // after "🐘"
		{8, 2, 2, 5},  // inside "🐘": moved back to its start
		{12, 3, 1, 9},
		{13, 3, 2, 10}, // after the invalid byte
		{len(content), 4, 5, 16},
		{-3, 1, 1, 0},
		{1 << 20, 4, 5, 16},
	} {
		line, col := x.position(c.off)
		if line != c.line || col != c.col {
			t.Errorf("position(%d) = %d:%d, want %d:%d", c.off, line, col, c.line, c.col)
		}
		if c.off >= 0 && c.off <= len(content) && c.off != 8 {
			if got := x.charOffset(c.off); got != c.char {
				t.Errorf("charOffset(%d) = %d, want %d", c.off, got, c.char)
			}
		}
	}
	for _, c := range []struct{ line, col, want int }{
		{1, 1, 0}, {1, 99, 2}, {2, 3, 6}, {2, 4, 6}, {0, 0, 0}, {99, 2, 16}, {3, 1, 12},
	} {
		if got := x.offset(c.line, c.col); got != c.want {
			t.Errorf("offset(%d, %d) = %d, want %d", c.line, c.col, got, c.want)
		}
	}
}
