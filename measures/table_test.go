package measures

import (
	"slices"
	"testing"
)

// TestTableEntries checks a table's storage against a plain list: counts,
// and each cell's entries in the order they were added, with their rows,
// across many blocks and row chunks (including a list longer than a chunk)
// and entries counted in two columns at once.
func TestTableEntries(t *testing.T) {
	type want struct {
		r, c   int
		person uint64
		rows   []int32
	}
	var ref []want
	b := newTable("T", "test", "people", "", []string{"a", "b", "c"}, []string{"x", "y", "Total"})
	long := make([]int32, rowChunk+10)
	for i := range long {
		long[i] = int32(i)
	}
	for i := 0; i < 3*blockSize+7; i++ {
		r, c := i%3, (i/3)%2
		rows := []int32{int32(i)}
		switch {
		case i == 5000:
			rows = long
		case i%7 == 0:
			rows = []int32{int32(i), int32(i + 1), int32(i + 2)}
		case i%11 == 0:
			rows = nil
		}
		person := uint64(i) * 3
		kept := slices.Clone(rows)
		if i%2 == 0 {
			b.addBoth(r, c, 2, person, rows)
			ref = append(ref, want{r, c, person, kept}, want{r, 2, person, kept})
		} else {
			b.add(r, c, person, rows)
			ref = append(ref, want{r, c, person, kept})
		}
		if len(rows) > 0 && i != 5000 {
			rows[0] = -1 // the table copied the list: the caller may reuse it
		}
	}
	tb := b.done()
	for r := range tb.Rows {
		for c := range tb.Cols {
			var exp []Entry
			for _, w := range ref {
				if w.r == r && w.c == c {
					exp = append(exp, Entry{Person: w.person, Rows: w.rows})
				}
			}
			if tb.Counts[r][c] != len(exp) {
				t.Fatalf("cell (%d, %d): count %d, want %d", r, c, tb.Counts[r][c], len(exp))
			}
			got := tb.Entries(r, c)
			if len(got) != len(exp) {
				t.Fatalf("cell (%d, %d): %d entries, want %d", r, c, len(got), len(exp))
			}
			for i := range exp {
				if got[i].Person != exp[i].Person || !slices.Equal(got[i].Rows, exp[i].Rows) {
					t.Fatalf("cell (%d, %d) entry %d: person %d rows %d…, want person %d rows %d…",
						r, c, i, got[i].Person, len(got[i].Rows), exp[i].Person, len(exp[i].Rows))
				}
			}
		}
	}
	if got := tb.Entries(3, 0); got != nil {
		t.Errorf("a row outside the table has entries: %v", got)
	}
}

// TestTableTooWide checks that a table with more columns than an entry can
// name is refused (Compute turns the panic into an error).
func TestTableTooWide(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("a table of 300 columns was accepted")
		}
	}()
	newTable("T", "test", "people", "", []string{"a"}, make([]string, 300))
}
