package ui

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cldvalidator/measures"
	"cldvalidator/validation"
)

// The Measures tab shows the SALT tables and ASCOF measures the measures
// package works out from the file shown: on the left every table; on the
// right the chosen table laid out as published (proportions with their
// numerator, denominator and a bar), the method and version it follows,
// and below it what is behind the selected cell (the people or events and
// their rows) and the rows left out — those of the selected column first —
// with the reason. "Why is my nursing count 0?": choose the table, click
// the cell.
//
// The measures are worked out on a background goroutine when a check has
// been shown (the window's onResult hook), never on the UI goroutine.

type measuresTab struct {
	w *Window

	res     *validation.Result // the check the report is for (or being worked out for)
	job     *job               // working the measures out
	rep     *measures.Report
	tables  []tableRef
	current int // index into tables, -1 for none
	cell    widget.TableCellID

	status   *widget.Label
	title    *widget.Label
	method   *widget.Label
	note     *widget.Label
	list     *widget.List
	grid     *bigTable
	bars     *fyne.Container
	figures  *fyne.Container
	behindL  *widget.Label
	behind   *widget.List
	leftL    *widget.Label
	left     *widget.List
	entries  []measures.Entry
	groups   []leftLine
	gridCols []tableCol

	content fyne.CanvasObject
}

type tableRef struct {
	m *measures.Measure
	t *measures.Table
}

// leftLine is one group of left-out rows as the tab lists it.
type leftLine struct {
	text string
	rows []int32
}

// newMeasuresTab makes the tab and has the window hand it every check it
// shows. It returns the tab's content.
func newMeasuresTab(w *Window) fyne.CanvasObject {
	t := &measuresTab{w: w, current: -1, cell: widget.TableCellID{Row: -1, Col: -1}, job: newJob(w, "working out the measures")}
	w.measures = t
	t.status = widget.NewLabel("Open a file: the SALT tables and ASCOF measures are worked out from it after the check.")
	t.status.Wrapping = fyne.TextWrapWord
	t.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.title.Wrapping = fyne.TextWrapWord
	t.method = widget.NewLabel("")
	t.method.Wrapping = fyne.TextWrapWord
	t.note = widget.NewLabel("")
	t.note.Wrapping = fyne.TextWrapWord
	t.note.Importance = widget.WarningImportance

	t.list = widget.NewList(func() int { return len(t.tables) },
		func() fyne.CanvasObject { return widget.NewLabel("LTS001b · Table 1a: aged 18 to 64") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(t.tables) {
				r := t.tables[id]
				o.(*widget.Label).SetText(r.m.ID + " · " + strings.TrimPrefix(r.t.Title, r.m.ID+" "))
				o.(*widget.Label).Truncation = fyne.TextTruncateEllipsis
			}
		})
	t.list.OnSelected = func(id widget.ListItemID) { t.showTable(id) }

	t.grid = newBigTable(func() int {
		if t.current < 0 {
			return 0
		}
		return len(t.tables[t.current].t.Rows)
	}, 1, newTextCell, t.updateCell)
	t.grid.OnSelected = func(id widget.TableCellID) {
		t.grid.noteSelected(id)
		t.selectCell(id)
	}
	t.bars = container.NewVBox()

	t.behindL = widget.NewLabelWithStyle("Behind the selected cell", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.behind = widget.NewList(func() int { return len(t.entries) },
		func() fyne.CanvasObject { return widget.NewLabel("Person P000001: rows 100, 200") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(t.entries) {
				o.(*widget.Label).SetText(t.entryText(t.entries[id]))
			}
		})
	t.leftL = widget.NewLabelWithStyle("Rows left out", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.left = widget.NewList(func() int { return len(t.groups) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("12 rows: invalid value — Service Type")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(t.groups) {
				o.(*widget.Label).SetText(t.groups[id].text)
			}
		})
	t.left.OnSelected = func(id widget.ListItemID) {
		if id < len(t.groups) {
			t.w.setStatus(rowsText(t.rep, t.groups[id].rows, 200))
		}
	}

	// A proportion's bars stand beside its figures.
	figures := container.NewBorder(nil, nil, nil, t.bars, t.grid)
	t.figures = figures
	drill := container.NewHSplit(
		container.NewBorder(t.behindL, nil, nil, nil, t.behind),
		container.NewBorder(t.leftL, nil, nil, nil, t.left))
	split := container.NewVSplit(figures, drill)
	split.Offset = 0.55
	right := container.NewBorder(container.NewVBox(t.title, t.method, t.note), nil, nil, nil, split)
	t.content = container.NewBorder(t.status, nil, minWidth(t.list, 320), nil, right)

	w.onResult = append(w.onResult, func() { t.setResult(w.res) })
	return t.content
}

// setResult starts working out the measures of a check shown (on the UI
// goroutine; the work runs on a background goroutine).
func (t *measuresTab) setResult(res *validation.Result) {
	if res == nil || res == t.res {
		return
	}
	t.res = res
	t.clear()
	t.status.SetText("Working out the SALT tables and ASCOF measures from " + res.Info.Name + "…")
	t.job.start(func(jr *jobRun) {
		rep, err := measures.Compute(res)
		jr.post("show the measures", func() { // dropped when another file came since
			if err != nil {
				t.status.SetText("The measures could not be worked out from " + res.Info.Name + ": " + err.Error())
				return
			}
			t.show(rep)
		})
	}, nil)
}

// beginRun empties the tab when another file's check starts: the figures
// shown belonged to the file before, and must not sit beside the new one.
func (t *measuresTab) beginRun(name string) {
	t.job.stop()
	t.res = nil
	t.clear()
	t.status.SetText("Checking " + name + "… The SALT tables and ASCOF measures are worked out when the check has finished.")
}

// setStopped says why the tab stays empty: the check was cancelled or
// could not be done.
func (t *measuresTab) setStopped(why string) { t.status.SetText(why) }

// clear empties the tab's list, table and panels (UI goroutine).
func (t *measuresTab) clear() {
	t.rep, t.tables, t.current = nil, nil, -1
	t.entries, t.groups = nil, nil
	t.title.SetText("")
	t.method.SetText("")
	t.note.SetText("")
	t.showBars(&measures.Table{})
	t.list.UnselectAll()
	t.list.Refresh()
	t.grid.dataChanged()
	t.behind.Refresh()
	t.left.Refresh()
}

// show lists a finished report's tables and opens the first.
func (t *measuresTab) show(rep *measures.Report) {
	t.rep = rep
	for _, m := range rep.Measures {
		for _, tb := range m.Tables {
			t.tables = append(t.tables, tableRef{m, tb})
		}
	}
	t.status.SetText(fmt.Sprintf("%s, period %s, worked out in %s. %s", rep.File, rep.Period(), seconds(rep.Duration), measures.Disclaimer))
	t.list.Refresh()
	if len(t.tables) > 0 {
		t.list.Select(0)
	}
}

// showTable shows one table.
func (t *measuresTab) showTable(i int) {
	if i < 0 || i >= len(t.tables) {
		return
	}
	t.current = i
	r := t.tables[i]
	tb := r.t
	t.title.SetText(r.m.ID + " — " + tb.Title + " (" + tb.Unit + ")")
	t.method.SetText("Method: " + r.m.MethodLine() + ".")
	var notes []string
	if r.m.Partial {
		notes = append(notes, "Partial: "+r.m.Missing)
	}
	notes = append(notes, tb.Notes...)
	if n := tb.IssueCost(); n > 0 {
		notes = append(notes, fmt.Sprintf("The check's issues removed %s from this table (see Rows left out).", validation.Plural(n, "row", "rows")))
	}
	t.note.SetText(strings.Join(notes, "\n"))
	t.gridCols = []tableCol{{tb.RowHead, 280}}
	for _, c := range tb.Cols {
		t.gridCols = append(t.gridCols, tableCol{c, max(90, min(headerWidth(c), 200))})
	}
	if tb.Ratio {
		t.gridCols = append(t.gridCols, tableCol{"%", 80})
	}
	t.grid.setCols(len(t.gridCols))
	t.grid.setColumns(t.gridCols, false)
	t.grid.clearSelection()
	t.grid.dataChanged()
	t.showBars(tb)
	t.cell = widget.TableCellID{Row: -1, Col: -1}
	t.entries = nil
	t.behindL.SetText("Behind the selected cell: click a figure")
	t.behind.Refresh()
	t.fillLeft(-1)
}

func (t *measuresTab) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	defer t.w.recoverCell()
	if t.current < 0 || id.Row >= len(t.tables[t.current].t.Rows) {
		setCell(o, "", fgNormal, color.Transparent)
		return
	}
	tb := t.tables[t.current].t
	switch c := id.Col; {
	case c == 0:
		setCell(o, tb.Rows[id.Row], fgNormal, color.Transparent)
	case c-1 < len(tb.Cols):
		setCell(o, validation.Commas(tb.Counts[id.Row][c-1]), fgNormal, color.Transparent)
	default:
		text := "—"
		if p, ok := tb.Percent(id.Row); ok {
			text = strconv.FormatFloat(p, 'f', 1, 64) + "%"
		}
		setCell(o, text, fgNormal, color.Transparent)
	}
}

// selectCell shows what is behind a figure and the rows left out that
// would have counted in its column.
func (t *measuresTab) selectCell(id widget.TableCellID) {
	if t.current < 0 {
		return
	}
	tb := t.tables[t.current].t
	col := id.Col - 1
	if id.Row < 0 || id.Row >= len(tb.Rows) || col < 0 || col >= len(tb.Cols) {
		return
	}
	t.cell = id
	t.entries = tb.Entries(id.Row, col)
	t.behindL.SetText(fmt.Sprintf("Behind %s × %s: %s", clip(tb.Rows[id.Row], 60), clip(tb.Cols[col], 40),
		validation.Plural(len(t.entries), strings.TrimSuffix(tb.Unit, "s"), tb.Unit)))
	t.behind.Refresh()
	t.behind.ScrollToTop()
	t.fillLeft(col)
}

// fillLeft lists the left-out rows, those of column col (when ≥ 0) first.
func (t *measuresTab) fillLeft(col int) {
	t.groups = nil
	if t.current < 0 {
		t.left.Refresh()
		return
	}
	tb := t.tables[t.current].t
	var first, rest []leftLine
	for _, g := range tb.LeftOut() {
		var inCol, all []int32
		for _, e := range g.Groups {
			all = append(all, e.Rows...)
			if e.Column == col && col >= 0 {
				inCol = append(inCol, e.Rows...)
			}
		}
		if len(inCol) > 0 {
			first = append(first, leftLine{fmt.Sprintf("%s that would count in %s: %s — %s", validation.Plural(len(inCol), "row", "rows"),
				clip(tb.Cols[col], 40), g.Reason, g.Detail), inCol})
		}
		rest = append(rest, leftLine{fmt.Sprintf("%s: %s — %s (%s)", validation.Plural(len(all), "row", "rows"), g.Reason, g.Detail, g.Step), all})
	}
	t.groups = append(first, rest...)
	switch {
	case len(t.groups) == 0:
		t.leftL.SetText("Rows left out: none")
	case len(first) > 0:
		t.leftL.SetText(fmt.Sprintf("Rows left out (%s for %s first; click one for its rows)", validation.Plural(len(first), "group", "groups"), clip(tb.Cols[col], 40)))
	default:
		t.leftL.SetText("Rows left out (click one for its rows)")
	}
	t.left.UnselectAll()
	t.left.Refresh()
}

// entryText describes one entry: who (masked unless the user asked for
// personal data) and the spreadsheet rows behind it.
func (t *measuresTab) entryText(e measures.Entry) string {
	who := t.rep.PersonLabel(e, !t.w.includePersonal())
	return who + ": " + rowsText(t.rep, e.Rows, 12)
}

// rowsText lists spreadsheet rows, the first n of them.
func rowsText(rep *measures.Report, rows []int32, n int) string {
	if rep == nil || len(rows) == 0 {
		return ""
	}
	var parts []string
	for _, r := range rows[:min(len(rows), n)] {
		parts = append(parts, validation.Commas(rep.RowNumber(r)))
	}
	s := "row"
	if len(rows) > 1 {
		s = "rows"
	}
	out := s + " " + strings.Join(parts, ", ")
	if len(rows) > n {
		out += fmt.Sprintf(" and %s more", validation.Commas(len(rows)-n))
	}
	return out
}

// showBars draws a proportion's rows as bars (a picture of the ratio).
func (t *measuresTab) showBars(tb *measures.Table) {
	t.bars.Objects = nil
	if tb.Ratio {
		for i, label := range tb.Rows {
			p, ok := tb.Percent(i)
			if !ok {
				continue
			}
			t.bars.Add(newBar(label, p))
		}
	}
	t.bars.Refresh()
	if t.figures != nil {
		t.figures.Refresh() // lay the figures out again beside the bars
	}
}

// newBar is one labelled horizontal bar of a percentage.
func newBar(label string, pct float64) fyne.CanvasObject {
	track := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	fill := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	text := widget.NewLabel(fmt.Sprintf("%s: %.1f%%", clip(label, 28), pct))
	bar := container.New(&barLayout{frac: float32(pct / 100)}, track, fill)
	return container.NewBorder(nil, nil, fixedWidth(text, 200), nil, minWidth(bar, 160))
}

type barLayout struct{ frac float32 }

func (b *barLayout) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	h := min(s.Height, 14)
	y := (s.Height - h) / 2
	objs[0].Move(fyne.NewPos(0, y))
	objs[0].Resize(fyne.NewSize(s.Width, h))
	objs[1].Move(fyne.NewPos(0, y))
	objs[1].Resize(fyne.NewSize(s.Width*max(0, min(1, b.frac)), h))
}

func (b *barLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(120, 14) }
