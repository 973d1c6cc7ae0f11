package validation

import (
	"unsafe"
)

// Table holds the rows of a file compactly, column by column: each column
// keeps its distinct values once (a dictionary) and one uint32 per row. A
// million-row, 50-column file takes about 200 MB plus its distinct values,
// and any record can be shown without re-reading the file.
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
	ids    []uint32
}

// Len is the number of rows.
func (t *Table) Len() int { return len(t.RowNum) }

// Value returns the text of row r (0-based table row) in file column c.
func (t *Table) Value(r, c int) string {
	col := t.Cols[c]
	return col.dict.vals[col.ids[r]]
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
func (c *Column) ID(r int) uint32 { return c.ids[r] }

// Value returns the text for a dictionary id.
func (c *Column) Value(id uint32) string { return c.dict.vals[id] }

// Distinct is the number of distinct values in the column (including blank).
func (c *Column) Distinct() int { return len(c.dict.vals) }

// Dict interns the values of one column. Strings live in large arena blocks
// so that millions of values cost one allocation per block, not per value.
type Dict struct {
	m      map[string]uint32
	vals   []string
	block  []byte
	lastID uint32 // id of the previous row's value: consecutive rows often repeat
	lastOK bool
}

const arenaBlock = 256 << 10

func newDict() *Dict {
	d := &Dict{m: make(map[string]uint32, 64)}
	d.vals = append(d.vals, "") // id 0 is the empty string
	d.m[""] = 0
	return d
}

// intern returns the id of v, adding it when new. isNew reports an addition.
func (d *Dict) intern(v []byte) (id uint32, isNew bool) {
	if d.lastOK {
		if last := d.vals[d.lastID]; len(last) == len(v) && last == string(v) {
			return d.lastID, false
		}
	}
	if id, ok := d.m[string(v)]; ok { // no allocation: the compiler special-cases m[string(b)]
		d.lastID, d.lastOK = id, true
		return id, false
	}
	s := d.store(v)
	id = uint32(len(d.vals))
	d.vals = append(d.vals, s)
	d.m[s] = id
	d.lastID, d.lastOK = id, true
	return id, true
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

// done drops the lookup map once loading has finished; values stay.
func (d *Dict) done() {
	d.m = nil
	d.block = nil
}
