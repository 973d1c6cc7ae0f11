package validation

import (
	"encoding/binary"
	"hash/maphash"
	"math/bits"
	"sync"
	"unsafe"
)

// Table holds the rows of a file compactly, column by column: each column
// keeps its distinct values once (a dictionary) and one id per row, one to
// four bytes wide as the column's number of values needs (idVec). A
// million-row, 50-column file's ids take about 70 MB plus its distinct
// values, and any record can be shown without re-reading the file.
type Table struct {
	Headers []string  // the file's headers, in file order
	Cols    []*Column // one per file column, in file order
	RowNum  []int32   // spreadsheet row number of each row
}

// Column is one column of the file.
type Column struct {
	Header string // as written in the file
	Index  int    // 0-based position in the file
	Field  *Field // template field, nil for a column not in the template
	dict   *Dict
	ids    idVec // published to the row checks (engine.publish)
	// nextIDs is the working copy interning appends to.
	nextIDs idVec

	countsOnce sync.Once
	counts     []int32
}

// Len is the number of rows.
func (t *Table) Len() int { return len(t.RowNum) }

// Value returns the text of row r (0-based table row) in file column c.
func (t *Table) Value(r, c int) string {
	col := t.Cols[c]
	return col.dict.vals[col.ids.at(r)]
}

// Row returns all values of row r in file column order.
func (t *Table) Row(r int) []string {
	out := make([]string, len(t.Cols))
	for c := range t.Cols {
		out[c] = t.Value(r, c)
	}
	return out
}

// ID returns the dictionary id of row r in column c (equal ids mean equal
// values).
func (c *Column) ID(r int) uint32 { return c.ids.at(r) }

// Value returns the text for a dictionary id.
func (c *Column) Value(id uint32) string { return c.dict.vals[id] }

// Counts returns how many rows hold each value, indexed by id. In a raw
// column, rows with equal values are all counted on the value's first id.
// The table does not change once loaded, so the counts are kept.
func (c *Column) Counts() []int32 {
	c.countsOnce.Do(func() {
		counts := make([]int32, len(c.dict.vals))
		canon := c.dict.Canonical()
		for r := range c.ids.Len() {
			id := c.ids.at(r)
			if canon != nil {
				id = canon[id]
			}
			counts[id]++
		}
		c.counts = counts
	})
	return c.counts
}

// Canonical maps each id to the first id holding the same value, for a
// column whose values are stored as they come (nearly all different, so
// equal values may have different ids); nil when equal values already have
// equal ids.
func (c *Column) Canonical() []uint32 { return c.dict.Canonical() }

// Distinct is the number of distinct values in the column (including blank).
func (c *Column) Distinct() int { return len(c.dict.vals) }

// Dict interns the values of one column: each distinct value is stored
// once and numbered. Strings live in large arena blocks (one allocation per
// 256 KB, not per value) and are found through an open-addressing table of
// ids with a one-byte tag (top hash bits) beside each id in the slot, so a
// lookup is a hash, one memory access and usually one comparison. Ids fit
// in 24 bits: a sheet holds at most 1,048,576 rows. Interning 50 million cells is the engine's
// largest cost; this is several times faster than a Go map[string]uint32.
type Dict struct {
	vals   []string
	slots  []uint32 // tag<<24 | (id+1), 0 = empty; len is a power of two
	block  []byte
	seed   maphash.Seed
	k0, k1 uint64 // keys of the short-string hash
	// recent is a small direct-mapped cache keyed on a cheap fingerprint
	// (length, first and last bytes): list and date columns, whose few
	// values fill most cells, are found here without hashing the value.
	recent [recentSize]uint32
	last   uint32 // the previous row's id, for columns too varied for recent
	// raw is set for a column whose values are nearly all different (event
	// references): it stops looking values up and stores each row's value as
	// it comes (unless it repeats the value stored last), which is several
	// times cheaper. Equal values may then have different ids; Canonical
	// gives ids that compare equal again.
	raw       bool
	canonOnce sync.Once
	canon     []uint32
}

const (
	recentBits = 10
	recentSize = 1 << recentBits
)

// fingerprint is a cheap index into the recent cache: a multiply-mix of
// the first and last 8 bytes (or what there is) and the length.
func fingerprint(v []byte) uint32 {
	a, b := ends(v)
	return uint32(((a*0x9E3779B97F4A7C15^b)*0xC2B2AE3D27D4EB4F ^ uint64(len(v))) >> (64 - recentBits))
}

// ends loads a value's first and last 8 bytes (overlapping for short
// values, so for up to 16 bytes they cover every byte).
func ends(v []byte) (a, b uint64) {
	n := len(v)
	switch {
	case n >= 8:
		a = binary.LittleEndian.Uint64(v)
		b = binary.LittleEndian.Uint64(v[n-8:])
	case n >= 4:
		a = uint64(binary.LittleEndian.Uint32(v))
		b = uint64(binary.LittleEndian.Uint32(v[n-4:]))
	case n > 0:
		a = uint64(v[0])<<16 | uint64(v[n>>1])<<8 | uint64(v[n-1])
	}
	return a, b
}

const arenaBlock = 256 << 10

func newDict() *Dict {
	d := &Dict{seed: maphash.MakeSeed()}
	d.k0 = maphash.Comparable(d.seed, uint64(0x9E3779B97F4A7C15)) | 1
	d.k1 = maphash.Comparable(d.seed, uint64(0xC2B2AE3D27D4EB4F)) | 1
	d.grow(64)
	d.add("", d.hash(nil)) // id 0 is the empty string
	return d
}

// hash is a seeded hash of v. Values of up to 16 bytes (most cells) are
// mixed from two 8-byte loads covering every byte; longer ones use the
// runtime's AES hash through hash/maphash. The seed is random per column,
// so a crafted file cannot force collisions.
func (d *Dict) hash(v []byte) uint64 {
	if len(v) > 16 {
		return maphash.Bytes(d.seed, v)
	}
	a, b := ends(v)
	hi, lo := bits.Mul64(a^d.k0, b^d.k1^uint64(len(v)))
	return hi ^ lo
}

const idBits = 24

func slotOf(id uint32, h uint64) uint32 { return uint32(h>>56)<<idBits | (id + 1) }

func (d *Dict) grow(size int) {
	d.slots = make([]uint32, size)
	mask := uint64(size - 1)
	for id, v := range d.vals {
		h := d.hash(unsafe.Slice(unsafe.StringData(v), len(v)))
		i := h & mask
		for d.slots[i] != 0 {
			i = (i + 1) & mask
		}
		d.slots[i] = slotOf(uint32(id), h)
	}
}

// intern returns the id of v, adding it when new. isNew reports an addition.
func (d *Dict) intern(v []byte) (id uint32, isNew bool) {
	if len(v) == 0 {
		return 0, false // many cells are blank (fields that do not apply)
	}
	if d.raw {
		// A person's rows sit together in most extracts: a value equal to
		// the one stored last (the row above's, blanks aside) keeps its id,
		// so it is neither stored nor checked again.
		if n := len(d.vals); n > 1 && equalBytes(d.vals[n-1], v) {
			return uint32(n - 1), false
		}
		id = uint32(len(d.vals))
		d.vals = append(d.vals, d.store(v))
		return id, true
	}
	if len(d.vals) > 4*recentSize {
		// Too many values for the cache to help; extracts sorted by person
		// repeat identifiers, names and dates on consecutive rows.
		if equalBytes(d.vals[d.last], v) {
			return d.last, false
		}
		id, isNew = d.lookup(v)
		d.last = id
		return id, isNew
	}
	fp := fingerprint(v)
	if c := d.recent[fp]; c < uint32(len(d.vals)) && equalBytes(d.vals[c], v) {
		return c, false
	}
	id, isNew = d.lookup(v)
	d.recent[fp] = id
	return id, isNew
}

// equalBytes compares a stored value with a cell. Cells are mostly short,
// so up to 16 bytes are compared with two overlapping 8-byte loads rather
// than a call into the runtime.
func equalBytes(s string, b []byte) bool {
	n := len(b)
	if len(s) != n {
		return false
	}
	if n == 0 {
		return true
	}
	p := unsafe.Slice(unsafe.StringData(s), n)
	switch {
	case n >= 8 && n <= 16:
		return binary.LittleEndian.Uint64(p) == binary.LittleEndian.Uint64(b) &&
			binary.LittleEndian.Uint64(p[n-8:]) == binary.LittleEndian.Uint64(b[n-8:])
	case n >= 4 && n < 8:
		return binary.LittleEndian.Uint32(p) == binary.LittleEndian.Uint32(b) &&
			binary.LittleEndian.Uint32(p[n-4:]) == binary.LittleEndian.Uint32(b[n-4:])
	case n < 4:
		return p[0] == b[0] && p[n>>1] == b[n>>1] && p[n-1] == b[n-1]
	}
	return s == string(b)
}

// lookup finds or adds v in the hash table.
func (d *Dict) lookup(v []byte) (id uint32, isNew bool) {
	h := d.hash(v)
	mask := uint64(len(d.slots) - 1)
	tag := uint32(h>>56) << idBits
	for i := h & mask; ; i = (i + 1) & mask {
		s := d.slots[i]
		if s == 0 {
			break
		}
		if s&^(1<<idBits-1) == tag {
			if id := s&(1<<idBits-1) - 1; equalBytes(d.vals[id], v) {
				return id, false
			}
		}
	}
	return d.add(d.store(v), h), true
}

// add appends a new value and places it in the table.
func (d *Dict) add(s string, h uint64) uint32 {
	id := uint32(len(d.vals))
	d.vals = append(d.vals, s)
	if id+2 >= 1<<idBits {
		d.goRaw() // more values than a slot can number: store the rest as they come
		return id
	}
	if len(d.vals)*2 > len(d.slots) { // keep the table at most half full
		d.grow(len(d.slots) * 2)
		return id
	}
	mask := uint64(len(d.slots) - 1)
	i := h & mask
	for d.slots[i] != 0 {
		i = (i + 1) & mask
	}
	d.slots[i] = slotOf(id, h)
	return id
}

// store copies v into the arena and returns a string that refers to it.
func (d *Dict) store(v []byte) string {
	if len(v) == 0 {
		return ""
	}
	if len(v) > arenaBlock/8 {
		return string(v)
	}
	if cap(d.block)-len(d.block) < len(v) {
		d.block = make([]byte, 0, arenaBlock)
	}
	start := len(d.block)
	d.block = append(d.block, v...)
	b := d.block[start:len(d.block):len(d.block)]
	return unsafe.String(&b[0], len(b))
}

// goRaw switches a column to storing values without looking them up.
func (d *Dict) goRaw() {
	d.raw = true
	d.slots = nil
}

// Canonical returns, for a raw column, the first id holding each value (so
// that equal values compare equal), or nil when ids already do.
func (d *Dict) Canonical() []uint32 {
	if !d.raw {
		return nil
	}
	d.canonOnce.Do(func() {
		first := make(map[string]uint32, len(d.vals))
		d.canon = make([]uint32, len(d.vals))
		for id, v := range d.vals {
			if f, ok := first[v]; ok {
				d.canon[id] = f
				continue
			}
			first[v] = uint32(id)
			d.canon[id] = uint32(id)
		}
	})
	return d.canon
}

// done drops the lookup table once loading has finished; values stay.
func (d *Dict) done() {
	d.slots = nil
	d.block = nil
}
