package tmpl

import (
	"strings"
	"testing"
)

func TestMask(t *testing.T) {
	tests := []struct{ in, want string }{
		// A value: one word of the same length.
		{"name: {{ .Values.name }}\n", "name: $_________________\n"},
		{"url: \"postgres://{{ .Values.host }}/app\"\n", "url: \"postgres://$_________________/app\"\n"},
		// Control lines and lines that render whole lines of YAML become empty.
		{"  {{- if .Values.tls }}\n  a: 1\n  {{- end }}\n", cr(23) + "\n  a: 1\n" + cr(12) + "\n"},
		{"    {{- toYaml .Values.env | nindent 12 }}\r\n", cr(43) + "\n"},
		{"{% for k in items %}\n- {{ k }}\n{% endfor %}", cr(20) + "\n- $______\n" + cr(12)},
		// An action over lines: its lines alone are empty, a line with text keeps the text.
		{"{{/* a\n comment */}}\nx: {{ include \"a\" (dict\n \"b\" 1) }} y\n", cr(6) + "\n" + cr(13) + "\nx: $___________________\n$_________ y\n"},
		// Adjacent actions are one word; ERB and Jinja2 comments are actions too.
		{"image: {{ .r }}:{{ .t }}{{ .s }}\n", "image: $_______:$_______________\n"},
		{"pool: <%= ENV['MAX'] %>\n{# note #}\n", "pool: $________________\n" + cr(10) + "\n"},
	}
	for _, tt := range tests {
		got, ok := Mask([]byte(tt.in))
		if !ok || string(got) != tt.want {
			t.Errorf("Mask(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
		if len(got) != len(tt.in) {
			t.Errorf("Mask(%q) changed the length", tt.in)
		}
	}
}

// cr is n carriage returns: an emptied line.
func cr(n int) string { return strings.Repeat("\r", n) }

func TestMaskNothing(t *testing.T) {
	for _, in := range []string{"a: 1\n", "a: ${{ secrets.X", "x: {{ never closed\n", "b: '{' and '}'\n"} {
		if got, ok := Mask([]byte(in)); ok || got != nil {
			t.Errorf("Mask(%q) = %q, %v; want nothing to mask", in, got, ok)
		}
	}
	if _, ok := Mask([]byte("a: ${{ secrets.X }}\n")); !ok {
		t.Error("a GitHub expression is an action")
	}
}

func TestHas(t *testing.T) {
	for s, want := range map[string][2]bool{
		"listen_addresses = '{{ addr }}'": {true, false},
		"{% if ssl %}":                    {true, true},
		"<% if @ssl %>":                   {true, true},
		"ssl = on":                        {false, false},
	} {
		if Has([]byte(s)) != want[0] || HasControl([]byte(s)) != want[1] {
			t.Errorf("%q: Has %v HasControl %v, want %v", s, Has([]byte(s)), HasControl([]byte(s)), want)
		}
	}
}

// FuzzMask checks that masking keeps every byte offset and every line break.
func FuzzMask(f *testing.F) {
	f.Add([]byte("a: {{ .b }}\n  {{- if x }}\n{% y %}\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, ok := Mask(b)
		if !ok {
			return
		}
		if len(got) != len(b) {
			t.Fatalf("length %d, want %d", len(got), len(b))
		}
		for i := range b {
			if (b[i] == '\n') != (got[i] == '\n') {
				t.Fatalf("line break moved at %d", i)
			}
		}
	})
}
