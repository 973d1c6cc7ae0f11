package validation

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestDictInterns(t *testing.T) {
	d := newDict()
	seen := map[string]uint32{"": 0}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 200000; i++ {
		var v string
		switch i % 4 {
		case 0:
			v = fmt.Sprintf("P%07d", r.IntN(50000))
		case 1:
			v = []string{"Male", "Female", "", "Other", "Unknown"}[r.IntN(5)]
		case 2:
			v = strings.Repeat("x", r.IntN(40))
		default:
			v = fmt.Sprintf("White - Any other White background %d", r.IntN(100))
		}
		id, isNew := d.intern([]byte(v))
		want, ok := seen[v]
		if ok != !isNew || (ok && id != want) {
			t.Fatalf("intern(%q) = %d, %v; seen %d, %v", v, id, isNew, want, ok)
		}
		if !ok {
			seen[v] = id
		}
		if d.vals[id] != v {
			t.Fatalf("value %d is %q, want %q", id, d.vals[id], v)
		}
	}
	if len(d.vals) != len(seen) {
		t.Fatalf("%d values, want %d", len(d.vals), len(seen))
	}
}

func BenchmarkIntern(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	low := make([][]byte, 1<<16)
	high := make([][]byte, 1<<16)
	for i := range low {
		low[i] = []byte([]string{"Service User", "Carer", "Long Term Support: Community", "Home Support", "01/05/2024", "Tenant"}[r.IntN(6)])
		high[i] = []byte(fmt.Sprintf("REF%09d", r.IntN(1<<30)))
	}
	for _, tc := range []struct {
		name string
		vals [][]byte
	}{{"low", low}, {"high", high}} {
		b.Run("dict/"+tc.name, func(b *testing.B) {
			d := newDict()
			i := 0
			for b.Loop() {
				d.intern(tc.vals[i&(1<<16-1)])
				i++
			}
		})
		b.Run("map/"+tc.name, func(b *testing.B) {
			m := map[string]uint32{}
			i := 0
			for b.Loop() {
				v := tc.vals[i&(1<<16-1)]
				if _, ok := m[string(v)]; !ok {
					m[string(v)] = uint32(len(m))
				}
				i++
			}
		})
	}
}

// A raw column stores values as they come, except a value equal to the one
// stored last (a person's rows repeat it), which keeps its id; Canonical
// still makes equal values compare equal.
func TestRawDictRepeatsKeepTheirID(t *testing.T) {
	d := newDict()
	d.goRaw()
	var ids []uint32
	for _, v := range []string{"A", "A", "B", "", "B", "A"} {
		id, _ := d.intern([]byte(v))
		ids = append(ids, id)
	}
	if want := []uint32{1, 1, 2, 0, 2, 3}; !slices.Equal(ids, want) {
		t.Fatalf("ids %v, want %v", ids, want)
	}
	if want := []string{"", "A", "B", "A"}; !slices.Equal(d.vals, want) {
		t.Fatalf("values %q, want %q", d.vals, want)
	}
	if want := []uint32{0, 1, 2, 1}; !slices.Equal(d.Canonical(), want) {
		t.Fatalf("canonical %v, want %v", d.Canonical(), want)
	}
}
