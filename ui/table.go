package ui

import (
	"image/color"
	"math"
	"reflect"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// bigTable is a widget.Table for up to a million rows. It stays virtual
// (only visible cells exist) and works around two things in Fyne v2.7.1
// (BENCHMARKS.md, "Notes from the code", has the measurements):
//
//   - Before a table has a size, its divider layer makes one separator per
//     row and keeps them: a million objects, and slow scrolling from then
//     on. bigTable reports no rows until it has been given a real size.
//   - Table.ScrollTo and Select find a row's position by adding row heights
//     one at a time in float32, which lands away from the row on large
//     tables (TestFyneScrollToDrift). scrollToRow computes the offset by
//     multiplication, exactly, and the keyboard moves the selection with it.
type bigTable struct {
	widget.Table

	rows  func() int
	cols  int
	sized bool

	selected widget.TableCellID       // the selected cell, Row -1 for none
	lastOff  fyne.Position            // last offset set by scrollToRow
	cellH    float32                  // cached template height
	headerW  float32                  // width of the row-header column, 0 if none
	widths   []float32                // column widths set with setWidths
	onSized  func()                   // called once the table first has a size
	fillCol  int                      // column stretched to fill the width, -1 for none
	keepX    bool                     // selecting never scrolls sideways
	onEnter  func(widget.TableCellID) // Enter on a selected row ("open it"); nil: select
	ring     ring
}

// minSizedHeight is the height below which the table reports no rows: the
// header alone is about 36 units tall.
const minSizedHeight = 48

func newBigTable(rows func() int, cols int, create func() fyne.CanvasObject,
	update func(widget.TableCellID, fyne.CanvasObject)) *bigTable {
	t := &bigTable{rows: rows, cols: cols, selected: widget.TableCellID{Row: -1, Col: -1}, fillCol: -1}
	t.Length = func() (int, int) {
		if !t.sized {
			return 0, t.cols
		}
		return t.rows(), t.cols
	}
	t.CreateCell = create
	t.UpdateCell = update
	t.ExtendBaseWidget(t)
	return t
}

// Resize records whether the table has a usable size; rows are reported
// only from then on.
func (t *bigTable) Resize(s fyne.Size) {
	was := t.sized
	t.sized = s.Height >= minSizedHeight && s.Width > 1
	t.fill(s.Width)
	t.Table.Resize(s)
	if t.sized != was {
		t.Table.Refresh()
		if t.sized && t.onSized != nil {
			t.onSized()
		}
	}
}

// dataChanged must follow any change in the number of rows. Fyne's Table
// re-measures its scroll area only when it is laid out at a new size, so
// without this a table that grew stays scrollable only as far as its old
// length (and one that shrank scrolls into emptiness).
func (t *bigTable) dataChanged() {
	t.Table.Refresh()
	s := t.Size()
	if s.Height > 2 {
		t.Table.Resize(fyne.NewSize(s.Width, s.Height-1))
		t.Table.Resize(s)
	}
}

// setCols changes the number of columns (a new file has other headers).
func (t *bigTable) setCols(n int) { t.cols = n }

// setWidths sets every column's width (and the row-header column's when
// header > 0).
func (t *bigTable) setWidths(header float32, widths []float32) {
	t.headerW = header
	t.widths = append(t.widths[:0], widths...)
	if header > 0 {
		t.SetColumnWidth(-1, header)
	}
	for i, w := range widths {
		t.SetColumnWidth(i, w)
	}
}

// fill widens fillCol so the columns span the table's width exactly: no
// sideways scrolling, and the long text column shows as much as fits.
func (t *bigTable) fill(width float32) {
	if t.fillCol < 0 || t.fillCol >= len(t.widths) {
		return
	}
	pad := t.padding()
	used := t.headerW
	if t.headerW > 0 {
		used += pad
	}
	for i, w := range t.widths {
		if i != t.fillCol {
			used += w + pad
		}
	}
	w := width - used - 2*pad // leave room for the scroll bar
	if w < 180 {
		w = 180 // narrower, it scrolls sideways; the detail shows it in full
	}
	if w != t.widths[t.fillCol] {
		t.widths[t.fillCol] = w
		t.SetColumnWidth(t.fillCol, w)
	}
}

// cellHeight is the height of one row, as the table computes it: the larger
// of the cell and header templates.
func (t *bigTable) cellHeight() float32 {
	if t.cellH > 0 {
		return t.cellH
	}
	h := t.CreateCell().MinSize().Height
	if (t.ShowHeaderRow || t.ShowHeaderColumn) && t.CreateHeader != nil {
		h = float32(math.Max(float64(h), float64(t.CreateHeader().MinSize().Height)))
	} else if t.ShowHeaderRow || t.ShowHeaderColumn {
		h = float32(math.Max(float64(h), float64(widget.NewLabel("00").MinSize().Height)))
	}
	t.cellH = h
	return h
}

func (t *bigTable) padding() float32 { return t.Theme().Size(theme.SizeNamePadding) }

// rowPitch is the distance between the tops of two consecutive rows.
func (t *bigTable) rowPitch() float32 { return t.cellHeight() + t.padding() }

// headerHeight is the height of the header row (0 when not shown).
func (t *bigTable) headerHeight() float32 {
	if !t.ShowHeaderRow {
		return 0
	}
	if t.CreateHeader != nil {
		return t.CreateHeader().MinSize().Height
	}
	return widget.NewLabel("00").MinSize().Height
}

// viewSize is the size of the scrolling area (the table less its headers).
func (t *bigTable) viewSize() fyne.Size {
	s := t.Size()
	return fyne.NewSize(s.Width-t.headerW, s.Height-t.headerHeight())
}

// offset is the table's current scroll offset. Fyne does not export it, so
// it is read by reflection (covered by TestBigTableOffset); if that fails,
// the last offset set here is used.
func (t *bigTable) offset() fyne.Position {
	v := reflect.ValueOf(&t.Table).Elem().FieldByName("offset")
	if v.IsValid() && v.Kind() == reflect.Struct {
		x, y := v.FieldByName("X"), v.FieldByName("Y")
		if x.IsValid() && y.IsValid() && x.CanFloat() && y.CanFloat() {
			return fyne.NewPos(float32(x.Float()), float32(y.Float()))
		}
	}
	return t.lastOff
}

// rowOffset is the exact scroll offset that puts row at the top.
func (t *bigTable) rowOffset(row int) float32 {
	pitch := float64(t.rowPitch())
	y := float32(float64(row) * pitch)
	// float32 has 24 bits: at a million rows an offset is only accurate to
	// a few units. Make sure it does not fall into the row above.
	for int(math.Floor(float64(y)/pitch)) < row {
		y = math.Nextafter32(y, float32(math.Inf(1)))
	}
	return y
}

// colX is the x position of a column inside the scrolling area.
func (t *bigTable) colX(col int) (x, w float32) {
	pad := t.padding()
	for i := 0; i < col && i < len(t.widths); i++ {
		x += t.widths[i] + pad
	}
	if col >= 0 && col < len(t.widths) {
		w = t.widths[col]
	}
	return x, w
}

// scrollToRow scrolls so that row (and column col, unless col < 0) is in
// view, centring the row when it has to move. It is exact at any size.
func (t *bigTable) scrollToRow(row, col int) {
	n := t.rows()
	if !t.sized || n == 0 {
		return
	}
	row = max(0, min(row, n-1))
	view := t.viewSize()
	cur := t.offset()
	pitch := t.rowPitch()
	cellH := t.cellHeight()
	y := cur.Y
	top := t.rowOffset(row)
	if top < cur.Y || top+cellH > cur.Y+view.Height {
		y = top - (view.Height-cellH)/2
		if y < 0 {
			y = 0
		}
		maxY := float32(float64(n)*float64(pitch)) - view.Height
		if y > maxY && maxY > 0 {
			y = maxY
		}
	}
	x := cur.X
	if col >= 0 && !t.keepX {
		cx, cw := t.colX(col)
		if cx < cur.X || cx+cw > cur.X+view.Width {
			x = cx + cw/2 - view.Width/2
			if x < 0 {
				x = 0
			}
		}
	}
	t.lastOff = fyne.NewPos(x, y)
	t.ScrollToOffset(t.lastOff)
}

// selectCell selects a cell and scrolls to it exactly.
func (t *bigTable) selectCell(row, col int) {
	if !t.sized {
		return
	}
	before := t.offset()
	t.Select(widget.TableCellID{Row: row, Col: col}) // scrolls, approximately
	if t.keepX {
		t.ScrollToOffset(fyne.NewPos(before.X, t.offset().Y))
	}
	t.scrollToRow(row, col) // then exactly
}

// Tapped selects the tapped cell; a table that keeps its sideways position
// undoes the sideways scroll Fyne makes to show all of a wide cell.
func (t *bigTable) Tapped(e *fyne.PointEvent) {
	before := t.offset()
	t.Table.Tapped(e)
	if after := t.offset(); t.keepX && after.X != before.X {
		t.ScrollToOffset(fyne.NewPos(before.X, after.Y))
	}
}

// CreateRenderer adds the focus ring (focus.go) to the table.
func (t *bigTable) CreateRenderer() fyne.WidgetRenderer {
	return withRing(t.Table.CreateRenderer(), &t.ring)
}

func (t *bigTable) FocusGained() { t.ring.set(true); t.Table.FocusGained() }
func (t *bigTable) FocusLost()   { t.ring.set(false); t.Table.FocusLost() }

// noteSelected must be called from OnSelected so keyboard moves start there.
func (t *bigTable) noteSelected(id widget.TableCellID) { t.selected = id }

// clearSelection unselects without scrolling.
func (t *bigTable) clearSelection() {
	t.UnselectAll()
	t.selected = widget.TableCellID{Row: -1, Col: -1}
}

// TypedKey moves the selection like a spreadsheet: arrows, Page Up/Down,
// Home/End, with exact scrolling; Enter opens the selected row (onEnter);
// Esc goes to the window (a dialog closes, a check is cancelled).
func (t *bigTable) TypedKey(ev *fyne.KeyEvent) {
	if windowKey(t, ev) {
		return
	}
	n := t.rows()
	if n == 0 || !t.sized {
		return
	}
	cur := t.selected
	if cur.Row < 0 {
		cur = widget.TableCellID{Row: 0, Col: 0}
		if ev.Name == fyne.KeyDown || ev.Name == fyne.KeyUp || ev.Name == fyne.KeySpace || ev.Name == fyne.KeyReturn {
			t.selectCell(cur.Row, cur.Col)
			return
		}
	}
	page := int(t.viewSize().Height/t.rowPitch()) - 1
	if page < 1 {
		page = 1
	}
	next := cur
	switch ev.Name {
	case fyne.KeyDown:
		next.Row++
	case fyne.KeyUp:
		next.Row--
	case fyne.KeyPageDown:
		next.Row += page
	case fyne.KeyPageUp:
		next.Row -= page
	case fyne.KeyHome:
		next.Row = 0
	case fyne.KeyEnd:
		next.Row = n - 1
	case fyne.KeyLeft:
		next.Col--
	case fyne.KeyRight:
		next.Col++
	case fyne.KeyReturn, fyne.KeyEnter:
		if t.onEnter != nil {
			t.onEnter(cur)
		} else if t.OnSelected != nil {
			t.OnSelected(cur)
		}
		return
	case fyne.KeySpace:
		if t.OnSelected != nil {
			t.OnSelected(cur)
		}
		return
	default:
		return
	}
	next.Row = max(0, min(next.Row, n-1))
	next.Col = max(0, min(next.Col, t.cols-1))
	if next != cur {
		t.selectCell(next.Row, next.Col)
	}
}

// tableCol is a column of a table with a header row: its title and width.
type tableCol struct {
	title string
	width float32
}

// setColumns gives the table a header row of the columns' titles and sets
// their widths (widened to fit the title when fitTitles is set).
func (t *bigTable) setColumns(cols []tableCol, fitTitles bool) {
	t.ShowHeaderRow = true
	t.CreateHeader = newHeaderCell
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(cols) {
			setCell(o, cols[id.Col].title, fgNormal, color.Transparent)
		}
	}
	widths := make([]float32, len(cols))
	for i, c := range cols {
		widths[i] = c.width
		if fitTitles {
			widths[i] = max(c.width, headerWidth(c.title))
		}
	}
	t.setWidths(0, widths)
}
