package validation

import "slices"

// idVec holds a column's value id for each row in the narrowest width its
// ids need: one byte while the column has at most 256 distinct values (most
// list columns), two bytes up to 65,536 (dates, amounts), four beyond
// (identifiers). A million-row, 50-column file's ids take about 70 MB
// rather than 200 MB: less memory for the window to hold and fewer pages
// for a new process to fault in. The vector widens itself (at most twice)
// when a column's values outgrow its width.
type idVec struct {
	n     int
	width uint8 // 0 (empty, nothing reserved) or 1, 2, 4 bytes per id
	w8    []uint8
	w16   []uint16
	w32   []uint32
}

// Len is the number of rows.
func (v *idVec) Len() int { return v.n }

// at returns row r's id.
func (v *idVec) at(r int) uint32 {
	switch v.width {
	case 1:
		return uint32(v.w8[r])
	case 2:
		return uint32(v.w16[r])
	}
	return v.w32[r]
}

// capacity is the number of rows the vector holds without growing.
func (v *idVec) capacity() int {
	switch v.width {
	case 1:
		return cap(v.w8)
	case 2:
		return cap(v.w16)
	case 4:
		return cap(v.w32)
	}
	return 0
}

// reserve makes room for n rows in all.
func (v *idVec) reserve(n int) {
	if v.width == 0 {
		v.width = 1
	}
	switch v.width {
	case 1:
		v.w8 = slices.Grow(v.w8, n-len(v.w8))
	case 2:
		v.w16 = slices.Grow(v.w16, n-len(v.w16))
	case 4:
		v.w32 = slices.Grow(v.w32, n-len(v.w32))
	}
}

// widthFor is the bytes per id that ids up to maxID need.
func widthFor(maxID uint32) uint8 {
	switch {
	case maxID <= 0xFF:
		return 1
	case maxID <= 0xFFFF:
		return 2
	}
	return 4
}

// widen converts the vector to hold ids up to maxID, keeping its capacity.
func (v *idVec) widen(maxID uint32) {
	w := widthFor(maxID)
	if w <= v.width {
		return
	}
	c := max(v.capacity(), v.n)
	switch w {
	case 2:
		w16 := make([]uint16, v.n, c)
		for i, id := range v.w8 {
			w16[i] = uint16(id)
		}
		v.w8, v.w16 = nil, w16
	case 4:
		w32 := make([]uint32, v.n, c)
		for r := range v.n {
			w32[r] = v.at(r)
		}
		v.w8, v.w16, v.w32 = nil, nil, w32
	default:
		v.w8 = make([]uint8, 0, c)
	}
	v.width = w
}

// appendIDs adds rows' ids, none above maxID.
func (v *idVec) appendIDs(ids []uint32, maxID uint32) {
	v.widen(maxID)
	base, n := v.n, len(ids)
	switch v.width {
	case 1:
		v.w8 = slices.Grow(v.w8, n)[:base+n]
		dst := v.w8[base:]
		for i, id := range ids {
			dst[i] = uint8(id)
		}
	case 2:
		v.w16 = slices.Grow(v.w16, n)[:base+n]
		dst := v.w16[base:]
		for i, id := range ids {
			dst[i] = uint16(id)
		}
	default:
		v.w32 = append(v.w32, ids...)
	}
	v.n += n
}

// ids32 returns the ids of rows [lo, hi): a part of the vector when it
// holds uint32s, otherwise converted into buf (grown as needed).
func (v *idVec) ids32(lo, hi int, buf []uint32) []uint32 {
	if v.width == 4 {
		return v.w32[lo:hi]
	}
	buf = slices.Grow(buf[:0], hi-lo)[:hi-lo]
	switch v.width {
	case 1:
		for i, id := range v.w8[lo:hi] {
			buf[i] = uint32(id)
		}
	case 2:
		for i, id := range v.w16[lo:hi] {
			buf[i] = uint32(id)
		}
	}
	return buf
}
