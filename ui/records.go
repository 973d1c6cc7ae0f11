package ui

import (
	"fmt"
	"image/color"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cldvalidator/validation"
)

// The Records tab: the data itself in a virtual table (a million rows is
// fine), cells with an issue tinted (red for errors, amber for warnings),
// the selected cell's messages below, go-to-row by the spreadsheet row
// number, next/previous problem, and a person view: every event of the
// selected row's person in date order with their issues — the "client
// details for cross-checking" of the old Excel tool.

type recordsTab struct {
	w   *Window
	res *validation.Result

	table         *bigTable
	gotoEntry     *entry
	where         *widget.Label
	cellHead      *widget.Label
	cellText      *widget.Label
	personHead    *widget.Label
	person        *fyne.Container
	personScr     *container.Scroll
	detail        *container.Split
	prevB         *button
	nextB         *button
	personB       *button
	copyB         *button
	copyPersonalB *button

	selRow, selCol int // selected table row and column, -1 for none
	pending        *widget.TableCellID
	personRow      int // row whose person is shown, -1
	content        fyne.CanvasObject
}

func newRecordsTab(w *Window) *recordsTab {
	t := &recordsTab{w: w, selRow: -1, selCol: -1, personRow: -1}
	t.table = newBigTable(t.rowCount, 0, newTextCell, t.updateCell)
	t.table.ShowHeaderRow = true
	t.table.ShowHeaderColumn = true
	t.table.CreateHeader = newHeaderCell
	t.table.UpdateHeader = t.updateHeader
	t.table.OnSelected = t.cellSelected
	t.table.onEnter = func(widget.TableCellID) { t.showPersonPanel() }
	t.table.onSized = t.applyPending

	t.gotoEntry = newEntry()
	t.gotoEntry.SetPlaceHolder("Row number")
	t.gotoEntry.OnSubmitted = func(string) { t.gotoTyped() }
	gotoB := newButton("Go to row", t.gotoTyped)
	t.prevB = newButtonWithIcon("Previous problem", theme.NavigateBackIcon(), func() { t.jumpProblem(-1) })
	t.nextB = newButtonWithIcon("Next problem", theme.NavigateNextIcon(), func() { t.jumpProblem(1) })
	t.personB = newButtonWithIcon("All events of this person", theme.AccountIcon(), t.showPersonPanel)
	t.where = widget.NewLabel("")
	bar := newFlow(fixedWidth(t.gotoEntry, 130), gotoB, t.prevB, t.nextB, t.personB, t.where)

	t.cellHead = boldLabel("Select a cell to see its value and any problems with it.")
	t.cellHead.Wrapping = fyne.TextWrapWord
	t.cellText = wrappedLabel("")
	t.personHead = boldLabel("This person's events")
	t.personHead.Wrapping = fyne.TextWrapWord
	t.person = container.NewVBox()
	t.personScr = container.NewVScroll(t.person)
	t.copyB = newButtonWithIcon("Copy", theme.ContentCopyIcon(), w.copySelection)
	t.copyPersonalB = newButtonWithIcon("Copy with personal data", theme.ContentCopyIcon(), w.copyWithPersonal)
	t.detail = container.NewHSplit(
		border(nil, newFlow(t.copyB, t.copyPersonalB), nil, nil, container.NewVScroll(container.NewVBox(t.cellHead, t.cellText))),
		border(t.personHead, nil, nil, nil, t.personScr))
	t.detail.Offset = 0.45
	split := container.NewVSplit(border(bar, nil, nil, nil, t.table), t.detail)
	split.Offset = 0.66
	t.content = split
	t.enableButtons()
	return t
}

// tint is the background for an issue of this severity.
func tint(sev validation.Severity, has bool) color.Color {
	if !has {
		return color.Transparent
	}
	return severityTint(sev)
}

// cellSeverity is the worst severity of the issues about one cell.
func cellSeverity(res *validation.Result, row, col int) (validation.Severity, bool) {
	var worst validation.Severity
	has := false
	for _, is := range res.IssuesForRow(row) {
		if int(is.Col) == col && (!has || is.Sev > worst) {
			worst, has = is.Sev, true
		}
	}
	return worst, has
}

// rowSeverity is the worst severity of all the issues of one row.
func rowSeverity(res *validation.Result, row int) (validation.Severity, bool) {
	var worst validation.Severity
	has := false
	for _, is := range res.IssuesForRow(row) {
		if !has || is.Sev > worst {
			worst, has = is.Sev, true
		}
	}
	return worst, has
}

func setTintCell(o fyne.CanvasObject, text string, c color.Color) { setCell(o, text, fgNormal, c) }

func (t *recordsTab) rowCount() int {
	if t.res == nil {
		return 0
	}
	return t.res.Table.Len()
}

func (t *recordsTab) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	defer t.w.recoverCell()
	res := t.res
	if res == nil || id.Row >= res.Table.Len() || id.Col >= len(res.Table.Cols) {
		setTintCell(o, "", color.Transparent)
		return
	}
	sev, has := cellSeverity(res, id.Row, id.Col)
	setTintCell(o, res.Table.Value(id.Row, id.Col), tint(sev, has))
}

func (t *recordsTab) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	defer t.w.recoverCell()
	res := t.res
	if res == nil {
		setTintCell(o, "", color.Transparent)
		return
	}
	switch {
	case id.Row < 0 && id.Col >= 0 && id.Col < len(res.Table.Headers):
		setTintCell(o, res.Table.Headers[id.Col], color.Transparent)
	case id.Col < 0 && id.Row >= 0 && id.Row < res.Table.Len():
		sev, has := rowSeverity(res, id.Row)
		setTintCell(o, strconv.Itoa(int(res.Table.RowNum[id.Row])), tint(sev, has))
	default:
		setTintCell(o, "Row", color.Transparent)
	}
}

// setResult shows a new result's data (nil clears).
func (t *recordsTab) setResult(res *validation.Result) {
	t.res = res
	t.selRow, t.selCol, t.personRow = -1, -1, -1
	t.pending = nil
	t.table.clearSelection()
	t.clearDetail()
	if res == nil {
		t.table.setCols(0)
		t.table.dataChanged()
		t.where.SetText("")
		t.enableButtons()
		return
	}
	t.table.setCols(len(res.Table.Headers))
	widths := make([]float32, len(res.Table.Headers))
	for i, h := range res.Table.Headers {
		widths[i] = columnWidth(h, res.Table.Cols[i].Field)
	}
	last := 1
	if n := res.Table.Len(); n > 0 {
		last = int(res.Table.RowNum[n-1])
	}
	rowW := fyne.MeasureText(strconv.Itoa(last), theme.TextSize(), fyne.TextStyle{Bold: true}).Width + 4*theme.Padding()
	t.table.setWidths(max(rowW, 56), widths)
	t.table.ScrollToTop()
	t.table.dataChanged()
	t.where.SetText(fmt.Sprintf("%s rows: %s to %s", validation.Commas(res.Table.Len()), firstRow(res), validation.Commas(last)))
	t.enableButtons()
}

func firstRow(res *validation.Result) string {
	if res.Table.Len() == 0 {
		return "-"
	}
	return validation.Commas(int(res.Table.RowNum[0]))
}

// columnWidth fits a column to its header, within limits, wider for text.
func columnWidth(header string, f *validation.Field) float32 {
	w := headerWidth(header)
	lo, hi := float32(90), float32(280)
	if f != nil && (f.Type == "date" || f.Type == "nhs_number" || f.Type == "postcode") {
		lo = 110
	}
	return max(lo, min(w, hi))
}

func (t *recordsTab) enableButtons() {
	if t.res == nil {
		t.prevB.Disable()
		t.nextB.Disable()
		t.personB.Disable()
		t.copyB.Disable()
		t.copyPersonalB.Disable()
		return
	}
	t.prevB.Enable()
	t.nextB.Enable()
	if t.selRow >= 0 {
		t.personB.Enable()
		t.copyB.Enable()
		t.copyPersonalB.Enable()
	} else {
		t.personB.Disable()
		t.copyB.Disable()
		t.copyPersonalB.Disable()
	}
}

// goTo selects a cell (col -1: the row's first column) and scrolls to it
// exactly. If the tab has not been shown yet, it happens when it is.
func (t *recordsTab) goTo(row, col int) {
	if t.res == nil || row < 0 || row >= t.res.Table.Len() {
		return
	}
	if col < 0 {
		col = max(t.selCol, 0)
	}
	if !t.table.sized {
		t.pending = &widget.TableCellID{Row: row, Col: col}
		t.showCell(row, col)
		return
	}
	t.pending = nil
	t.table.selectCell(row, col)
	t.showCell(row, col)
}

// applyPending runs a goTo that waited for the table to get a size.
func (t *recordsTab) applyPending() {
	if p := t.pending; p != nil {
		t.pending = nil
		t.table.selectCell(p.Row, p.Col)
	}
}

func (t *recordsTab) cellSelected(id widget.TableCellID) {
	t.table.noteSelected(id)
	t.showCell(id.Row, id.Col)
}

// rowIndex finds the table row of a spreadsheet row number.
func rowIndex(res *validation.Result, rowNum int) (int, bool) {
	rn := res.Table.RowNum
	i := sort.Search(len(rn), func(i int) bool { return int(rn[i]) >= rowNum })
	return i, i < len(rn) && int(rn[i]) == rowNum
}

func (t *recordsTab) focusGoto() {
	t.w.selectTab(tabRecords)
	t.w.win.Canvas().Focus(t.gotoEntry)
}

// gotoTyped goes to the spreadsheet row typed in the box.
func (t *recordsTab) gotoTyped() {
	if t.res == nil {
		t.w.showMessage("No data yet", "Open a CLD file first; then you can go to any of its rows.")
		return
	}
	txt := strings.ReplaceAll(strings.TrimSpace(t.gotoEntry.Text), ",", "")
	n, err := strconv.Atoi(txt)
	if err != nil || n <= 0 {
		t.w.showMessage("Not a row number", "Type the row number as Excel shows it, for example 1250.")
		return
	}
	i, exact := rowIndex(t.res, n)
	if !exact {
		switch {
		case n <= t.res.HeaderRow:
			t.w.showMessage("That is the header", fmt.Sprintf("Row %d is the header row or above it. The data starts on row %s.", n, firstRow(t.res)))
			return
		case i >= t.res.Table.Len():
			t.w.showMessage("Past the end", fmt.Sprintf("The data ends on row %s.", validation.Commas(int(t.res.Table.RowNum[t.res.Table.Len()-1]))))
			return
		}
		t.w.setStatus(fmt.Sprintf("Row %d is empty, so it was not read; showing the next row with data, %s.", n, validation.Commas(int(t.res.Table.RowNum[i]))))
	}
	t.goTo(i, -1)
	t.w.win.Canvas().Focus(t.table)
}

// jumpProblem moves to the next (dir 1) or previous (-1) row with an issue.
func (t *recordsTab) jumpProblem(dir int) {
	res := t.res
	if res == nil {
		return
	}
	cur := t.selRow
	issues := res.Issues
	var target = -1
	if dir > 0 {
		i := sort.Search(len(issues), func(i int) bool { return int(issues[i].Row) > cur })
		if i < len(issues) {
			target = int(issues[i].Row)
		}
	} else {
		i := sort.Search(len(issues), func(i int) bool { return int(issues[i].Row) >= cur }) - 1
		if cur < 0 {
			i = len(issues) - 1
		}
		if i >= 0 && issues[i].Row >= 0 {
			target = int(issues[i].Row)
		}
	}
	if target < 0 {
		t.w.setStatus("No more rows with problems in that direction.")
		return
	}
	col := -1
	for _, is := range res.IssuesForRow(target) {
		if is.Col >= 0 {
			col = int(is.Col)
			break
		}
	}
	t.goTo(target, col)
}

// showCell fills the detail pane for one cell.
func (t *recordsTab) showCell(row, col int) {
	res := t.res
	if res == nil || row < 0 || row >= res.Table.Len() {
		return
	}
	t.selRow, t.selCol = row, col
	t.enableButtons()
	rowNum := int(res.Table.RowNum[row])
	var head string
	var b strings.Builder
	if col >= 0 && col < len(res.Table.Headers) {
		head = fmt.Sprintf("Row %s · %s (cell %s%d)", validation.Commas(rowNum), res.Table.Headers[col], columnLetter(col), rowNum)
		v := res.Table.Value(row, col)
		if strings.TrimSpace(v) == "" {
			v = "(blank)"
		}
		fmt.Fprintf(&b, "Value: %s\n", v)
		if valid, blank, ok := res.CellStatus(row, col); ok {
			switch {
			case !valid:
				b.WriteString("This value is not valid for this column.\n")
			case blank:
				b.WriteString("Blank.\n")
			}
		}
	} else {
		head = fmt.Sprintf("Row %s", validation.Commas(rowNum))
	}
	var cellMsgs, rowMsgs []string
	for _, is := range res.IssuesForRow(row) {
		sev, _ := severityText(is.Sev)
		line := "•  " + sev + ": " + res.Message(is, false)
		if int(is.Col) == col {
			cellMsgs = append(cellMsgs, line)
		} else {
			c := res.ColumnName(is)
			if c != "" {
				line = "•  " + sev + " in " + c + ": " + res.Message(is, false)
			}
			rowMsgs = append(rowMsgs, line)
		}
	}
	switch {
	case len(cellMsgs) > 0:
		b.WriteString("\nProblems with this cell:\n" + strings.Join(cellMsgs, "\n") + "\n")
	case col >= 0:
		b.WriteString("\nNo problems with this cell.\n")
	}
	if len(rowMsgs) > 0 {
		b.WriteString("\nOther problems on this row:\n" + strings.Join(rowMsgs, "\n"))
	}
	t.cellHead.SetText(head)
	t.cellText.SetText(strings.TrimRight(b.String(), "\n"))
	t.showPerson(row)
}

func (t *recordsTab) clearDetail() {
	t.cellHead.SetText("Select a cell to see its value and any problems with it.")
	t.cellText.SetText("")
	t.personHead.SetText("This person's events")
	t.person.RemoveAll()
	t.personRow = -1
}

// showPersonPanel makes sure the person view is visible.
func (t *recordsTab) showPersonPanel() {
	if t.detail.Offset > 0.8 {
		t.detail.SetOffset(0.45)
	}
	if t.selRow >= 0 {
		t.showPerson(t.selRow)
	}
}

// maxPersonEvents caps the person view (a person with hundreds of events
// is listed in part, with a count).
const maxPersonEvents = 200

// showPerson lists every event of row's person in date order, with the
// issues of each and what stands out in the person's history (the same
// service twice at once, long gaps).
func (t *recordsTab) showPerson(row int) {
	res := t.res
	if res == nil || row == t.personRow {
		return
	}
	t.personRow = row
	rows := res.PersonRows(row)
	id := res.PersonID(row, false)
	if id == "" {
		id = "(no identifier)"
	}
	t.personHead.SetText(fmt.Sprintf("Person %s: %s in date order", id, validation.Plural(len(rows), "event", "events")))
	field := func(key string) int {
		if f := res.Spec.Field(key); f != nil {
			return res.FieldColumn(f)
		}
		return -1
	}
	cEvent, cStart, cEnd := field("Event_Type"), field("Event_Start_Date"), field("Event_End_Date")
	val := func(r, c int) string {
		if c < 0 {
			return ""
		}
		return strings.TrimSpace(res.Table.Value(r, c))
	}
	notes := res.TimelineNotes(rows)
	var objs []fyne.CanvasObject
	for i, r := range rows {
		if i == maxPersonEvents {
			objs = append(objs, widget.NewLabel(fmt.Sprintf("…and %s more events.", validation.Commas(len(rows)-i))))
			break
		}
		dates := val(r, cStart)
		if e := val(r, cEnd); e != "" {
			dates += " to " + e
		} else if dates != "" {
			dates += " (open)"
		}
		issues := res.IssuesForRow(r)
		line := fmt.Sprintf("Row %s · %s · %s", validation.Commas(int(res.Table.RowNum[r])), orBlank(val(r, cEvent)), orBlank(dates))
		if len(issues) > 0 {
			line += " · " + validation.Plural(len(issues), "problem", "problems")
		}
		r := r
		b := newButton(line, func() { t.goTo(r, -1) })
		b.Alignment = widget.ButtonAlignLeading
		if r == row {
			b.Importance = widget.HighImportance
		} else {
			b.Importance = widget.LowImportance
		}
		objs = append(objs, b)
		for _, is := range issues {
			sev, imp := severityText(is.Sev)
			l := wrappedLabel("      " + sev + ": " + res.Message(is, false))
			l.Importance = imp
			objs = append(objs, l)
		}
		for _, n := range notes[i] {
			l := wrappedLabel("      In this person's history: " + n)
			objs = append(objs, l)
		}
	}
	t.person.Objects = objs
	t.person.Refresh()
	t.personScr.ScrollToTop()
}

func orBlank(s string) string {
	if s == "" {
		return "(blank)"
	}
	return s
}

// columnLetter is Excel's letter for a 0-based column.
func columnLetter(i int) string {
	s := ""
	for i >= 0 {
		s = string(rune('A'+i%26)) + s
		i = i/26 - 1
	}
	return s
}

// copyText is the selected cell's value, masked if personal and mask is
// set.
func (t *recordsTab) copyText(mask bool) string {
	res := t.res
	if res == nil || t.selRow < 0 || t.selCol < 0 || t.selCol >= len(res.Table.Cols) {
		return ""
	}
	return res.CellText(t.selRow, t.selCol, mask)
}

// recordList shows one record as a list of column: value, with problem
// cells tinted (used under the Issues table).
type recordList struct {
	w     *Window
	res   *validation.Result
	row   int
	col   int
	table *bigTable
}

func newRecordList(w *Window) *recordList {
	r := &recordList{w: w, row: -1, col: -1}
	r.table = newBigTable(func() int {
		if r.res == nil || r.row < 0 {
			return 0
		}
		return len(r.res.Table.Headers)
	}, 2, newTextCell, func(id widget.TableCellID, o fyne.CanvasObject) {
		defer w.recoverCell()
		if r.res == nil || r.row < 0 || id.Row >= len(r.res.Table.Headers) {
			setTintCell(o, "", color.Transparent)
			return
		}
		setCellBold(o, id.Row == r.col)
		if id.Col == 0 {
			setTintCell(o, r.res.Table.Headers[id.Row], color.Transparent)
			return
		}
		sev, has := cellSeverity(r.res, r.row, id.Row)
		setTintCell(o, r.res.Table.Value(r.row, id.Row), tint(sev, has))
	})
	r.table.setWidths(0, []float32{230, 260})
	r.table.fillCol = 1
	r.table.onSized = func() {
		if r.res != nil && r.col >= 0 {
			r.table.scrollToRow(r.col, -1)
		}
	}
	return r
}

func (r *recordList) show(res *validation.Result, row, col int) {
	r.res, r.row, r.col = res, row, col
	r.table.dataChanged()
	r.table.ScrollToTop()
	if res != nil && col >= 0 {
		r.table.scrollToRow(col, -1)
	}
}
