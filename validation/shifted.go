package validation

import "strings"

// Rows shifted against the header. A value with an unquoted comma, or an
// export that adds or loses a value on some rows, moves those rows' values
// under the wrong headings: an NHS Number under Person ID, a postcode
// under Accommodation Status, where masking by column would not hide
// them. (A file whose rows are all shifted is refused: alignment.go.)
// Such rows are found once the rows are read: a row with values beyond
// the last column, or whose NHS Number, Postcode or Date of Birth column
// holds a value of the wrong shape while a column one or two beside it
// holds one of the right shape. When personal data is masked, every value
// on such a row is masked.

var _ = checkAcross("row-shifted", 5, (*engine).checkShiftedRows)

// checkShiftedRows marks the rows that look shifted, for masking, and
// warns of those whose shift only the shapes of their values show (a row
// with values beyond the last column has its own warning).
func (e *engine) checkShiftedRows() []Issue {
	shifted, byShape := e.findShiftedRows()
	e.res.shifted = shifted
	var out []Issue
	for _, s := range byShape {
		out = append(out, e.issueAt(s.row, fieldRef{f: e.table.Cols[s.col].Field, col: s.col}, "row-shifted", 0))
	}
	return out
}

// shiftedRow is a row found shifted by the shapes of its values, and the
// column that showed it.
type shiftedRow struct{ row, col int }

// findShiftedRows marks the rows that look shifted (nil when none do),
// and lists those found by the shapes of their values.
func (e *engine) findShiftedRows() ([]uint64, []shiftedRow) {
	n := e.table.Len()
	var shifted []uint64
	mark := func(r int) {
		if shifted == nil {
			shifted = make([]uint64, (n+63)/64)
		}
		shifted[r/64] |= 1 << (r % 64)
	}
	for _, is := range e.issues {
		if is.Rule == e.rules.rowExtraCells && is.Row >= 0 {
			mark(int(is.Row))
		}
	}
	// Each anchor column, and each column up to two away, says for each
	// of its values whether it has the anchor's shape.
	type probe struct {
		col   int
		shape []bool // by value id
	}
	type check struct {
		anchor     probe
		neighbours []probe
	}
	shapeOf := func(c int, looks func(string) bool) probe {
		cs := e.cols[c]
		shape := make([]bool, len(cs.vals))
		for id, v := range cs.vals {
			shape[id] = v != "" && looks(v)
		}
		return probe{c, shape}
	}
	var checks []check
	for _, a := range anchors {
		f := e.spec.Field(a.key)
		if f == nil || e.fieldCol[f.Index] < 0 {
			continue
		}
		c := e.fieldCol[f.Index]
		ch := check{anchor: shapeOf(c, a.looks)}
		for _, d := range []int{-2, -1, 1, 2} {
			if c+d >= 0 && c+d < len(e.cols) {
				ch.neighbours = append(ch.neighbours, shapeOf(c+d, a.looks))
			}
		}
		checks = append(checks, ch)
	}
	overflow := shifted // rows marked for values beyond the last column
	isMarked := func(r int) bool { return overflow != nil && overflow[r/64]&(1<<(r%64)) != 0 }
	var byShape []shiftedRow
	for r := 0; r < n; r++ {
		if isMarked(r) {
			continue
		}
	anchors:
		for _, ch := range checks {
			cs := e.cols[ch.anchor.col]
			id := cs.col.ids.at(r)
			if ch.anchor.shape[id] || cs.info[id].blank() {
				continue
			}
			for _, nb := range ch.neighbours {
				if nb.shape[e.cols[nb.col].col.ids.at(r)] {
					mark(r)
					byShape = append(byShape, shiftedRow{r, ch.anchor.col})
					break anchors
				}
			}
		}
	}
	return shifted, byShape
}

// RowShifted reports whether a row's values look shifted against the
// header; masking then hides every value on it.
func (r *Result) RowShifted(row int) bool {
	if r.shifted == nil || row < 0 || row/64 >= len(r.shifted) {
		return false
	}
	return r.shifted[row/64]&(1<<(row%64)) != 0
}

// masks reports whether a cell's value is hidden when personal data is
// masked: a personal column, or a row shifted against the header.
func (r *Result) masks(row, col int) bool {
	return r.Personal(col) || (row >= 0 && col >= 0 && r.RowShifted(row))
}

// CellText is a cell's value as an output shows it: masked when mask is
// set and the cell may hold personal data (see masks).
func (r *Result) CellText(row, col int, mask bool) string {
	v := r.Table.Value(row, col)
	if mask && r.masks(row, col) {
		return maskCell(r.Table.Cols[col].Field, v)
	}
	return v
}

// maskCell masks a value by its field's kind; a value of a column outside
// the template, or of a field that is not personal, keeps only its first
// character.
func maskCell(f *Field, v string) string {
	if f == nil || !f.Personal {
		return maskText(v)
	}
	return MaskValue(f, v)
}

// maskText keeps the first character of a text.
func maskText(v string) string {
	t := []rune(strings.TrimSpace(v))
	if len(t) == 0 {
		return v
	}
	return string(t[:1]) + "***"
}
