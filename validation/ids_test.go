package validation

import (
	"math/rand/v2"
	"testing"
)

// The id vector keeps every id through its widenings (1 → 2 → 4 bytes),
// whatever the batch sizes, and reads back the same through at and ids32.
func TestIDVecWidens(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var v idVec
	v.reserve(1000)
	var want []uint32
	maxID := uint32(0)
	widths := map[uint8]bool{}
	for len(want) < 200000 {
		batch := make([]uint32, 1+r.IntN(min(5000, len(want)/4+100)))
		for i := range batch {
			// Ids grow as a column meets new values: a few, then hundreds,
			// then tens of thousands, then more.
			limit := uint32(len(want)+i)/2 + 1
			batch[i] = r.Uint32N(limit)
			maxID = max(maxID, batch[i])
		}
		v.appendIDs(batch, maxID)
		widths[v.width] = true
		want = append(want, batch...)
	}
	if !widths[1] || !widths[2] || !widths[4] {
		t.Fatalf("widths seen %v; the test should pass through 1, 2 and 4", widths)
	}
	if v.Len() != len(want) {
		t.Fatalf("%d ids, want %d", v.Len(), len(want))
	}
	for i, id := range want {
		if v.at(i) != id {
			t.Fatalf("row %d: %d, want %d", i, v.at(i), id)
		}
	}
	got := v.ids32(1234, 5678, nil)
	for i, id := range got {
		if id != want[1234+i] {
			t.Fatalf("ids32 row %d: %d, want %d", 1234+i, id, want[1234+i])
		}
	}
	if got := widthFor(255); got != 1 {
		t.Fatalf("255 needs %d bytes", got)
	}
	if got := widthFor(256); got != 2 {
		t.Fatalf("256 needs %d bytes", got)
	}
	if got := widthFor(65536); got != 4 {
		t.Fatalf("65536 needs %d bytes", got)
	}
}

// Widening keeps the reserved room, so a column reserved for a million rows
// does not regrow after it widens.
func TestIDVecWidenKeepsCapacity(t *testing.T) {
	var v idVec
	v.reserve(100000)
	v.appendIDs([]uint32{1, 2, 3}, 3)
	v.appendIDs([]uint32{70000}, 70000)
	if v.capacity() < 100000 || v.width != 4 {
		t.Fatalf("capacity %d width %d after widening", v.capacity(), v.width)
	}
	if v.at(0) != 1 || v.at(3) != 70000 {
		t.Fatalf("values %d %d", v.at(0), v.at(3))
	}
}
