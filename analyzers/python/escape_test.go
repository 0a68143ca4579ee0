package python

import "testing"

func TestEscaper(t *testing.T) {
	cases := []struct {
		si   strInfo
		mode fmtMode
		in   string
		want string
		ok   bool
	}{
		{strInfo{quote: `"`}, fmtNone, `a"b\c` + "\n", `a\"b\\c\n`, true},
		{strInfo{quote: `'`}, fmtNone, `it's`, `it\'s`, true},
		{strInfo{quote: `"""`}, fmtNone, "a\nb", "a\nb", true},
		{strInfo{quote: `"`, fmt: true}, fmtNone, "{x}", "{{x}}", true},
		{strInfo{quote: `"`}, fmtPercent, "100%", "100%%", true},
		{strInfo{quote: `"`}, fmtBrace, "{}", "{{}}", true},
		{strInfo{quote: `"`, raw: true}, fmtNone, `verify-full`, `verify-full`, true},
		{strInfo{quote: `"`, raw: true}, fmtNone, `a"b`, "", false},
		{strInfo{quote: `"`, raw: true}, fmtNone, `a\b`, "", false},
		{strInfo{quote: `"`}, fmtNone, "\x01é", `\x01é`, true},
	}
	for _, c := range cases {
		got, ok := escaper(c.si, c.mode)(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("escape %q (%+v): %q %v, want %q %v", c.in, c.si, got, ok, c.want, c.ok)
		}
	}
}

func TestDecodeEscape(t *testing.T) {
	cases := []struct {
		in   string
		want string
		n    int
	}{
		{`\n`, "\n", 2}, {`\x41`, "A", 4}, {`\u00e9`, "é", 6}, {`\U0001F600`, "😀", 10},
		{`\101`, "A", 4}, {`\q`, `\`, 2}, {"\\\n", "", 2}, {`\N{DASH}`, "\uFFFD", 8}, {`\xZZ`, `\`, 2},
	}
	for _, c := range cases {
		got, n := decodeEscape([]byte(c.in))
		if got != c.want || n != c.n {
			t.Errorf("decode %q: %q %d, want %q %d", c.in, got, n, c.want, c.n)
		}
	}
}
