package srcmap

import (
	"math/rand"
	"testing"
)

// decodeEscapes builds the map of a quoted string whose \X escapes stand for X, as the config
// decoders do: raw starts at file offset base and includes its quotes.
func decodeEscapes(raw string, base int) (string, *Map) {
	var b Builder
	for k := 1; k < len(raw)-1; k++ {
		if raw[k] == '\\' {
			b.Esc(raw[k+1:k+2], base+k, base+k+2)
			k++
			continue
		}
		b.Lit(raw[k], base+k)
	}
	return b.Done(base + len(raw) - 1)
}

func TestBuilderEscapes(t *testing.T) {
	// File: xx"ab\"cd"  — the string starts at offset 2.
	s, m := decodeEscapes(`"ab\"cd"`, 2)
	if s != `ab"cd` || !m.Exact() || m.Verbatim() || m.Len() != 5 {
		t.Fatalf("decoded %q exact %v verbatim %v len %d", s, m.Exact(), m.Verbatim(), m.Len())
	}
	// Boundaries: a b " c d end -> 3 4 5 7 8 9.
	for i, want := range []int{3, 4, 5, 7, 8, 9} {
		if got := m.At(i); got != want {
			t.Errorf("At(%d) = %d, want %d", i, got, want)
		}
	}
	// The escaped quote comes from both bytes of \"; the others from their own byte.
	for i, want := range [][2]int{{3, 4}, {4, 5}, {5, 7}, {7, 8}, {8, 9}} {
		if s, e := m.Source(i); s != want[0] || e != want[1] {
			t.Errorf("Source(%d) = %d,%d, want %v", i, s, e, want)
		}
	}
}

func TestBuilderInvAndSub(t *testing.T) {
	_, m := decodeEscapes(`"ab\"cd"`, 2)
	// Inside the escape there is no decoded boundary; 9 is the end.
	for f, want := range map[int]int{3: 0, 5: 2, 6: -1, 7: 3, 9: 5} {
		d, ok := m.Inv(f)
		if !ok {
			d = -1
		}
		if d != want {
			t.Errorf("Inv(%d) = %d, want %d", f, d, want)
		}
	}
	sub := m.Sub(3, 5)
	if sub.At(0) != 7 || sub.At(2) != 9 || !sub.Exact() {
		t.Errorf("Sub(3,5): At(0)=%d At(2)=%d exact %v", sub.At(0), sub.At(2), sub.Exact())
	}
}

func TestBuilderIdentityAndApprox(t *testing.T) {
	s, m := decodeEscapes(`"plain"`, 10)
	if s != "plain" || !m.Verbatim() || m.At(0) != 11 || m.At(5) != 16 {
		t.Errorf("plain run: %q verbatim %v At(0)=%d At(5)=%d", s, m.Verbatim(), m.At(0), m.At(5))
	}
	if d, ok := Identity(4, 3).Inv(6); !ok || d != 2 {
		t.Errorf("Identity Inv(6) = %d,%v", d, ok)
	}
	a := Approx(20, 25, 40)
	if a.Exact() || a.Verbatim() || a.At(30) != 25 || a.Sub(2, 8).Exact() {
		t.Error("an approximate map claims exact offsets")
	}
	if in := Identity(0, 3).Inexact(); in.Exact() || in.At(2) != 2 {
		t.Error("Inexact changed the offsets or kept exact")
	}
}

// byteModel is the per-byte reference: the file range of every decoded byte.
type byteModel [][2]int

// TestSourceMatchesPerByteModel builds maps with random Lit, Esc and Append operations and
// checks Source against a plain list of per-byte ranges, which is what model/strval needs.
func TestSourceMatchesPerByteModel(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	for iter := 0; iter < 3000; iter++ {
		var maps []*Map
		var models []byteModel
		for n := 0; n < 3; n++ {
			m, model := randomMap(r, maps, models)
			maps, models = append(maps, m), append(models, model)
		}
		for k, m := range maps {
			if m.Len() != len(models[k]) {
				t.Fatalf("length %d, model %d", m.Len(), len(models[k]))
			}
			for i, want := range models[k] {
				if s, e := m.Source(i); s != want[0] || e != want[1] {
					t.Fatalf("Source(%d) = %d,%d, model %v", i, s, e, want)
				}
			}
		}
	}
}

// randomMap builds a map with random operations, some of which append parts of earlier maps
// (or of itself), and the per-byte model of what it must hold.
func randomMap(r *rand.Rand, maps []*Map, models []byteModel) (*Map, byteModel) {
	m, model := &Map{}, byteModel{}
	pos := r.Intn(10)
	for op := 0; op < r.Intn(16); op++ {
		switch r.Intn(4) {
		case 0:
			if r.Intn(4) == 0 {
				pos = r.Intn(30)
			}
			m.Lit(pos)
			model = append(model, [2]int{pos, pos + 1})
			pos++
		case 1:
			k, w := 1+r.Intn(3), r.Intn(5) // strval never adds an empty run
			m.Esc(k, pos, pos+w)
			for range k {
				model = append(model, [2]int{pos, pos + w})
			}
			pos += w
		default:
			o, om := m, model
			if len(maps) > 0 && r.Intn(4) != 0 {
				k := r.Intn(len(maps))
				o, om = maps[k], models[k]
			}
			if o.Len() == 0 {
				continue
			}
			from := r.Intn(o.Len())
			to := from + r.Intn(o.Len()-from+1)
			part := append(byteModel(nil), om[from:to]...)
			m.Append(o, from, to)
			model = append(model, part...)
		}
	}
	return m, model
}
