package doc

import "testing"

func TestFallback(t *testing.T) {
	for raw, want := range map[string]string{
		"${PGSSLMODE:-disable}":     "disable",
		"${PGSSLMODE-disable}":      "disable",
		"${spring.ssl:require}":     "require",
		"${A:${B:-verify-full}}":    "verify-full",
		"${A:?set A}":               "", // an error, not a default
		"${A:+alt}":                 "",
		"${localEnv:PGSSLMODE}":     "", // a devcontainer reference
		"${A:-disable}/more":        "", // the placeholder is only part of the value
		"${A:-}":                    "", // an empty default is no value
		"postgres://db/app?sslmode": "",
	} {
		// The value sits at file offset 10, byte for byte.
		fb, ok := Fallback(Verbatim(raw, 10))
		if ok != (want != "") || ok && fb.Text != want {
			t.Errorf("Fallback(%q) = %q, %v; want %q", raw, fb.Text, ok, want)
			continue
		}
		if ok {
			// The default keeps its place in the file.
			if sp := fb.Full(); raw[sp.Start-10:sp.End-10] != want {
				t.Errorf("Fallback(%q) spans %v, not the default's bytes", raw, sp)
			}
		}
	}
}

func TestTokenChecksEdits(t *testing.T) {
	// "a\"b" at file offset 5: the escape is two bytes in the file, one in the value.
	raw := `"a\"b"`
	v, ok := JSONString(raw, 5)
	if !ok || v.Text != `a"b` {
		t.Fatalf("JSONString = %q, %v", v.Text, ok)
	}
	sp := v.Span(2, 3) // the b
	if e, ok := v.Sub(2, 3).Replace("c"); !ok || e.Start != sp.Start || e.End != sp.End {
		t.Errorf("replacing b: %+v, %v; want the edit at %v", e, ok, sp)
	}
	// A raw quote would end the string early: no edit.
	if _, ok := v.Sub(2, 3).Replace(`"`); ok {
		t.Error("an edit that breaks the JSON string was accepted")
	}
	// Approximate values are never edited.
	if Approx("x", 0, 1).Editable() {
		t.Error("an approximate value is editable")
	}
}
