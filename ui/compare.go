package ui

import (
	"errors"
	"fmt"
	"image/color"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cldvalidator/compare"
	"cldvalidator/report"
	"cldvalidator/validation"
)

// Compare with previous file…: the user picks the older file (usually last
// quarter's, which shares nine months with this one); it is checked in the
// background with the same settings, then compared with the file shown.
// The Compare tab (added after the first comparison) says in plain English
// what went missing, what changed and which issues are new, resolved or
// still present, with the details in three virtual tables, and saves the
// comparison as a workbook (personal data masked unless asked for).

const prefCompareOld = "compareOlder"

// comparison is a comparison on show. c is unmasked, like the other tabs;
// a saved report is masked unless the user includes personal data.
type comparison struct {
	c                *compare.Comparison
	older, newer     *validation.Result
	oldPath, newPath string // newPath is "" for pasted data
	newName          string
}

// compareRunning is the older file's check while it runs (UI goroutine).
type compareRunning struct {
	job  *job
	dlg  dialog.Dialog
	prog *progressBar
}

// showCompareDialog asks for the older file.
func (w *Window) showCompareDialog() {
	if w.res == nil {
		if w.run.running() {
			w.showMessage("Wait for the check to finish", "A comparison starts from a checked file. When the check of "+w.input.name+" has finished, choose Compare with previous file… again.")
		} else {
			w.showMessage("Nothing to compare yet", "Open this quarter's CLD file and let the check finish; then choose Compare with previous file… to compare it with the file you submitted before.")
		}
		return
	}
	newer, newIn := w.res, w.input
	initial := w.prefs.String(prefCompareOld)
	if newIn.path != "" && samePath(initial, newIn.path) {
		initial = ""
	}
	w.showFileChooser(chooserSpec{
		title: "Compare with previous file",
		intro: "Choose the file submitted before " + newIn.name + " (usually last quarter's). It is checked with the same settings, then compared with " + newIn.name +
			": which events from the months both files cover are missing now, which events changed, and which issues are new, resolved or still present. Neither file is changed.",
		confirm: "Compare",
		what:    "the older CLD file (an .xlsx or .csv file)",
		example: `C:\Data\CLD_Q1.xlsx`,
		initial: initial,
		exts:    dataExts,
		chosen: func(p string) {
			if newIn.path != "" && samePath(p, newIn.path) {
				w.showMessage("That is the file already open", filepath.Base(p)+" is the file shown now. Choose the older file to compare it with, for example last quarter's submission.")
				return
			}
			w.startCompare(p, newer, newIn)
		},
	})
}

// startCompare checks the older file on a background goroutine, with
// progress and Cancel in a dialog, then shows the comparison.
func (w *Window) startCompare(oldPath string, newer *validation.Result, newIn *runInput) {
	w.cancelCompare()
	w.prefs.SetString(prefCompareOld, oldPath)
	cr := &w.cmpRun
	if cr.job == nil {
		cr.job = newJob(w, "comparing with an older file")
	}
	name := filepath.Base(oldPath)
	prog := newProgressBar(w, w.cancelCompare)
	prog.begin(name)
	intro := wrappedLabel("Checking " + name + " with the same settings as " + newIn.name + ", then comparing the two files.")
	d := dialog.NewCustomWithoutButtons("Comparing with "+name, container.NewVBox(widthHint(dialogTextWidth(w, 600)), intro, prog.content), w.win)
	w.track(d, nil, w.cancelCompare)
	cr.dlg, cr.prog = d, prog
	d.Show()
	w.setStatus("Checking " + name + " to compare it with " + newIn.name + "…")

	opts := w.checkOptions()
	opts.Fingerprint = false // only the file shown gets a receipt
	cr.job.start(func(jr *jobRun) {
		older, failed := w.checkOlder(jr, oldPath, opts, prog)
		if failed != nil {
			jr.finish("compare failed", func() { d.Hide(); failed() })
			return
		}
		if older == nil {
			return // cancelled: the window already says so
		}
		jr.post("comparing", func() {
			prog.bar.SetValue(1)
			prog.text.SetText("Comparing " + name + " with " + newIn.name + "…")
		})
		c := compare.Compare(older, newer, false)
		if jr.ctx.Err() != nil {
			return
		}
		cmp := &comparison{c: c, older: older, newer: newer, oldPath: oldPath, newPath: newIn.path, newName: newIn.name}
		jr.finish("show comparison", func() {
			d.Hide()
			w.showComparison(cmp)
		})
	}, func() { d.Hide() })
}

// checkOlder checks the older file (on the job's goroutine), showing its
// progress. It returns the result, or what to show on the UI goroutine
// when the check failed; neither when it was cancelled.
func (w *Window) checkOlder(jr *jobRun, oldPath string, opts validation.Options, prog *progressBar) (*validation.Result, func()) {
	name := filepath.Base(oldPath)
	var (
		mu   sync.Mutex
		last validation.Progress
		seen bool
	)
	opts.OnProgress = func(p validation.Progress) {
		mu.Lock()
		last, seen = p, true
		mu.Unlock()
	}
	stop := jr.every(progressInterval, func() {
		mu.Lock()
		p, ok := last, seen
		mu.Unlock()
		if ok {
			jr.post("compare progress", func() { prog.update(p) })
		}
	})
	defer stop()
	src, err := validation.OpenFile(oldPath)
	if err != nil {
		return nil, func() { w.compareFailed(name, err) }
	}
	older, p, err := validateContained(jr.ctx, src, opts)
	src.Close()
	switch {
	case p != nil:
		path := LogPanic("checking the older file", p)
		return nil, func() { w.showInternalProblem("checking "+name, path) }
	case errors.Is(err, validation.ErrCanceled) || jr.ctx.Err() != nil:
		return nil, nil
	case err != nil:
		return nil, func() { w.compareFailed(name, err) }
	}
	return older, nil
}

func (w *Window) compareFailed(name string, err error) {
	w.setStatus("The comparison was not made: " + name + " could not be checked.")
	w.showError(name+" could not be checked", err)
}

// cancelCompare stops the older file's check (Cancel, Esc, a new check).
func (w *Window) cancelCompare() {
	cr := &w.cmpRun
	if cr.job == nil || !cr.job.stop() {
		return
	}
	if cr.dlg != nil {
		cr.dlg.Hide()
	}
	w.setStatus("Comparison cancelled. Nothing was changed.")
}

// showComparison shows a comparison in the Compare tab, adding the tab the
// first time.
func (w *Window) showComparison(cmp *comparison) {
	if w.cmp == nil {
		w.cmp = newCompareTab(w)
		w.tabs.Append(w.cmp.item)
	}
	w.cmp.set(cmp)
	w.tabs.Select(w.cmp.item)
	c := cmp.c
	w.setStatus(fmt.Sprintf("Compared %s with %s: %s missing, %s new, %s resolved.", cmp.newName, c.OldName,
		validation.Plural(c.Counts.Missing, "event", "events"), validation.Plural(c.Counts.IssuesNew, "issue", "issues"), validation.Commas(c.Counts.IssuesGone)))
}

// closeComparison removes the Compare tab (a new check replaces the file
// it compared).
func (w *Window) closeComparison() {
	w.cancelCompare()
	if w.cmp == nil {
		return
	}
	if w.tabs.Selected() == w.cmp.item {
		w.selectTab(tabSummary)
	}
	w.tabs.Remove(w.cmp.item)
	w.cmp = nil
}

// showCompareTab is Alt+7.
func (w *Window) showCompareTab() {
	if w.cmp == nil {
		w.showMessage("No comparison yet", "Choose File → Compare with previous file… to compare the file shown with an older one.")
		return
	}
	w.tabs.Select(w.cmp.item)
}

// The Compare tab.

var (
	missingColumns = []tableCol{{"Row in older file", 90}, {"Person ID", 120}, {"Event type", 110}, {"Start date", 100},
		{"End date", 100}, {"Event reference", 150}, {"Detail", 300}}
	changedColumns = []tableCol{{"Row in older file", 90}, {"Row in this file", 90}, {"Person ID", 120}, {"Event type", 110},
		{"Field", 200}, {"Older value", 220}, {"Value now", 220}}
	deltaColumns, deltaIssueCols = compareIssueColumns()
)

// compareIssueColumns are the columns of the comparison's list of issues:
// its own (state, and the row in each file), then the issue columns the
// comparison shows (compare.IssueColumns) that the window shows too.
func compareIssueColumns() ([]tableCol, []int) {
	cols := []tableCol{{"State", 110}, {"Row in older file", 90}, {"Row in this file", 90}}
	var idx []int // into IssueDelta.Cells
	for i, c := range compare.IssueColumns {
		if c.Window > 0 {
			cols = append(cols, tableCol{c.Heading, c.Window})
			idx = append(idx, i)
		}
	}
	return cols, idx
}

// Issue state filter options (counts are added to the labels).
const (
	stateAll = iota
	stateNew
	stateResolved
	stateStill
)

var stateNames = []string{"All issues", "New", "Resolved", "Still present"}

// changeLine is one changed field of one changed event.
type changeLine struct{ ch, field int }

type compareTab struct {
	w   *Window
	cur *comparison

	title     *widget.Label
	overlap   *widget.Label
	missingL  *widget.Label
	eventsL   *widget.Label
	issuesL   *widget.Label
	notesL    *widget.Label
	saveBtn   *button
	views     *container.AppTabs
	missing   *bigTable
	changed   *bigTable
	issues    *bigTable
	changes   []changeLine
	stateSel  *selectBox
	view      []int32 // the issues shown (indexes into cur.c.Issues)
	detail    *widget.Label
	recordBtn *button
	recordRow int // spreadsheet row in this file of the selected line, 0 for none

	item *container.TabItem
}

func newCompareTab(w *Window) *compareTab {
	t := &compareTab{w: w}
	t.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.title.Wrapping = fyne.TextWrapWord
	t.overlap = widget.NewLabel("")
	t.missingL = widget.NewLabel("")
	t.eventsL = widget.NewLabel("")
	t.issuesL = widget.NewLabel("")
	t.notesL = widget.NewLabel("")
	for _, l := range []*widget.Label{t.overlap, t.missingL, t.eventsL, t.issuesL, t.notesL} {
		l.Wrapping = fyne.TextWrapWord
	}
	t.saveBtn = newButtonWithIcon("Save comparison report…", theme.DocumentSaveIcon(), t.showSaveDialog)
	t.saveBtn.Importance = widget.HighImportance
	again := newButtonWithIcon("Compare with another file…", theme.ViewRefreshIcon(), w.showCompareDialog)
	closeB := newButtonWithIcon("Close comparison", theme.CancelIcon(), w.closeComparison)

	t.missing = t.newTable(missingColumns, func() int {
		if t.cur == nil {
			return 0
		}
		return len(t.cur.c.Missing)
	}, t.missingCell)
	t.changed = t.newTable(changedColumns, func() int { return len(t.changes) }, t.changedCell)
	t.issues = t.newTable(deltaColumns, func() int { return len(t.view) }, t.deltaCell)
	t.missing.OnSelected = func(id widget.TableCellID) { t.missing.noteSelected(id); t.selectMissing(id.Row) }
	t.changed.OnSelected = func(id widget.TableCellID) { t.changed.noteSelected(id); t.selectChanged(id.Row) }
	t.issues.OnSelected = func(id widget.TableCellID) { t.issues.noteSelected(id); t.selectDelta(id.Row) }

	t.stateSel = newSelect(stateNames, func(string) { t.filterIssues() })
	issuesBox := border(container.NewHBox(widget.NewLabel("Show:"), fixedWidth(t.stateSel, 220)), nil, nil, nil, t.issues)
	t.views = container.NewAppTabs(
		container.NewTabItem("Missing events", t.missing),
		container.NewTabItem("Changed events", t.changed),
		container.NewTabItem("Issues", issuesBox),
	)
	t.views.OnSelected = func(*container.TabItem) { t.clearDetail() }

	t.detail = wrappedLabel("")
	t.recordBtn = newButtonWithIcon("Show in Records", theme.NavigateNextIcon(), t.showRecord)
	t.recordBtn.Disable()

	buttons := container.NewHBox(t.saveBtn, again, closeB)
	counts := container.NewVBox(t.overlap, t.missingL, t.eventsL, t.issuesL, t.notesL)
	top := container.NewVBox(border(nil, nil, nil, buttons, t.title), counts)
	bottom := border(nil, nil, nil, t.recordBtn, t.detail)
	t.item = container.NewTabItemWithIcon("Compare", theme.ViewRefreshIcon(), container.NewScroll(container.NewPadded(border(top, bottom, nil, nil, t.views))))
	return t
}

// newTable makes one of the tab's virtual tables.
func (t *compareTab) newTable(cols []tableCol, rows func() int, text func(row, col int) (string, cellColor)) *bigTable {
	tb := newBigTable(rows, len(cols), newTextCell, func(id widget.TableCellID, o fyne.CanvasObject) {
		defer t.w.recoverCell()
		s, fg := text(id.Row, id.Col)
		setCell(o, s, fg, color.Transparent)
	})
	tb.setColumns(cols, true)
	tb.fillCol = len(cols) - 1
	tb.keepX = true
	return tb
}

// set shows a comparison.
func (t *compareTab) set(cmp *comparison) {
	t.cur = cmp
	c := cmp.c
	t.title.SetText("Comparing " + cmp.newName + " with the older file " + c.OldName)
	s := compareSentences(c)
	t.overlap.SetText(s.overlap)
	t.missingL.SetText(s.missing)
	t.missingL.Importance = widget.MediumImportance
	if c.Counts.Missing > 0 {
		t.missingL.Importance = widget.WarningImportance
	}
	t.missingL.Refresh()
	t.eventsL.SetText(s.events)
	t.issuesL.SetText(s.issues)
	if len(c.Notes) > 0 {
		t.notesL.SetText("Note: " + strings.Join(c.Notes, "\nNote: "))
		t.notesL.Show()
	} else {
		t.notesL.Hide()
	}
	t.changes = t.changes[:0]
	for i, ch := range c.Changed {
		for j := range ch.Fields {
			t.changes = append(t.changes, changeLine{i, j})
		}
	}
	var n [4]int
	for _, d := range c.Issues {
		n[stateOption(d.State)]++
	}
	n[stateAll] = len(c.Issues)
	opts := make([]string, len(stateNames))
	for i, name := range stateNames {
		opts[i] = fmt.Sprintf("%s (%s)", name, validation.Commas(n[i]))
	}
	t.stateSel.Options = opts
	t.views.Items[0].Text = fmt.Sprintf("Missing events (%s)", validation.Commas(len(c.Missing)))
	t.views.Items[1].Text = fmt.Sprintf("Changed events (%s)", validation.Commas(len(c.Changed)))
	t.views.Items[2].Text = fmt.Sprintf("Issues (%s)", validation.Commas(len(c.Issues)))
	t.views.Refresh()
	t.stateSel.SetSelectedIndex(stateAll)
	t.filterIssues() // also when the label did not change (no OnChanged)
	for _, tb := range []*bigTable{t.missing, t.changed} {
		tb.clearSelection()
		tb.ScrollToTop()
		tb.dataChanged()
	}
	t.clearDetail()
}

func stateOption(s compare.IssueState) int {
	switch s {
	case compare.IssueNew:
		return stateNew
	case compare.IssueResolved:
		return stateResolved
	}
	return stateStill
}

// compareText is the comparison in plain English, one sentence a line.
type compareText struct{ overlap, missing, events, issues string }

func compareSentences(c *compare.Comparison) compareText {
	var s compareText
	n := c.Counts
	if c.Overlap != "" {
		s.overlap = "Both files cover " + c.Overlap + ": events of the older file in those months should still be in this one."
		switch {
		case n.InOverlap == 0:
			s.missing = "The older file has no events in those months, so none can be missing."
		case n.Missing == 0:
			s.missing = fmt.Sprintf("Nothing is missing: all %s of the older file in those months are in this file.", validation.Plural(n.InOverlap, "event", "events"))
		default:
			s.missing = fmt.Sprintf("%s from the older file's shared months %s missing from this file (of %s in those months). If they happened, add them back before you submit: see Missing events.",
				validation.Plural(n.Missing, "event", "events"), isAre(n.Missing), validation.Commas(n.InOverlap))
		}
	} else {
		s.overlap = "The two files' reporting periods do not overlap, so no events are expected in both."
	}
	s.events = fmt.Sprintf("%s in both files; %s of them %s changed key details. %s only in this file.",
		validation.Plural(n.Matched, "event is", "events are"), validation.Commas(n.Changed), hasHave(n.Changed), validation.Plural(n.Added, "event is", "events are"))
	s.issues = fmt.Sprintf("%s new, %s resolved, %s still present. Errors: %s in the older file, %s in this file.",
		validation.Plural(n.IssuesNew, "issue is", "issues are"), validation.Commas(n.IssuesGone), validation.Commas(n.IssuesStill), validation.Commas(n.ErrorsOld), validation.Commas(n.ErrorsNew))
	return s
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func hasHave(n int) string {
	if n == 1 {
		return "has"
	}
	return "have"
}

// filterIssues shows the issues of the state chosen. The view is built on
// the UI goroutine: it is one pass over a slice of small structs.
func (t *compareTab) filterIssues() {
	if t.cur == nil {
		return
	}
	sel := t.stateSel.SelectedIndex()
	t.view = t.view[:0]
	for i, d := range t.cur.c.Issues {
		if sel <= stateAll || stateOption(d.State) == sel {
			t.view = append(t.view, int32(i))
		}
	}
	t.issues.clearSelection()
	t.issues.ScrollToTop()
	t.issues.dataChanged()
	t.clearDetail()
}

func (t *compareTab) missingCell(row, col int) (string, cellColor) {
	if t.cur == nil || row >= len(t.cur.c.Missing) {
		return "", fgNormal
	}
	e := t.cur.c.Missing[row]
	return [...]string{rowText(e.Row), e.Person, e.EventType, e.Start, e.End, e.Reference, e.Detail}[col], fgNormal
}

func (t *compareTab) changedCell(row, col int) (string, cellColor) {
	if t.cur == nil || row >= len(t.changes) {
		return "", fgNormal
	}
	l := t.changes[row]
	ch := t.cur.c.Changed[l.ch]
	fc := ch.Fields[l.field]
	return [...]string{rowText(ch.Old.Row), rowText(ch.New.Row), ch.New.Person, ch.New.EventType, fc.Field, orBlank(fc.Old), orBlank(fc.New)}[col], fgNormal
}

func (t *compareTab) deltaCell(row, col int) (string, cellColor) {
	if t.cur == nil || row >= len(t.view) {
		return "", fgNormal
	}
	d := t.cur.c.Issues[t.view[row]]
	switch col {
	case 0:
		return d.State.String(), stateColor(d.State)
	case 1:
		return rowOrBlank(d.OldRow), fgNormal
	case 2:
		return rowOrBlank(d.NewRow), fgNormal
	}
	if k := col - 3; k < len(deltaIssueCols) {
		i := deltaIssueCols[k]
		text, imp := windowCell(compare.IssueColumns[i], d.Cells[i], d.Severity)
		return text, importanceColor(imp)
	}
	return "", fgNormal
}

func stateColor(s compare.IssueState) cellColor {
	switch s {
	case compare.IssueNew:
		return fgError
	case compare.IssueResolved:
		return fgSuccess
	}
	return fgWarning
}

// rowOrBlank is a row number as Excel shows it, or nothing when the issue
// is not in that file.
func rowOrBlank(n int) string {
	if n <= 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func (t *compareTab) clearDetail() {
	t.detail.SetText("Select a line to read it in full.")
	t.recordRow = 0
	t.recordBtn.Disable()
}

func (t *compareTab) setDetail(text string, rowNow int) {
	t.detail.SetText(text)
	t.recordRow = rowNow
	if rowNow > 0 && t.w.res == t.cur.newer {
		t.recordBtn.Enable()
	} else {
		t.recordBtn.Disable()
	}
}

func (t *compareTab) selectMissing(row int) {
	if t.cur == nil || row < 0 || row >= len(t.cur.c.Missing) {
		return
	}
	e := t.cur.c.Missing[row]
	t.setDetail(fmt.Sprintf("Row %d of %s: %s of %s, %s to %s%s — not found in this file. If it happened, it should be in this quarter's file too.",
		e.Row, t.cur.c.OldName, orBlank(e.EventType), orBlank(e.Person), orBlank(e.Start), orBlank(e.End), detailText(e.Detail)), 0)
}

func (t *compareTab) selectChanged(row int) {
	if t.cur == nil || row < 0 || row >= len(t.changes) {
		return
	}
	l := t.changes[row]
	ch := t.cur.c.Changed[l.ch]
	var parts []string
	for _, fc := range ch.Fields {
		parts = append(parts, fmt.Sprintf("%s was %s, now %s", fc.Field, quoted(fc.Old), quoted(fc.New)))
	}
	t.setDetail(fmt.Sprintf("%s of %s (row %d before, row %d now): %s.", orBlank(ch.New.EventType), orBlank(ch.New.Person),
		ch.Old.Row, ch.New.Row, strings.Join(parts, "; ")), ch.New.Row)
}

func (t *compareTab) selectDelta(row int) {
	if t.cur == nil || row < 0 || row >= len(t.view) {
		return
	}
	d := t.cur.c.Issues[t.view[row]]
	where := "the file as a whole"
	switch {
	case d.NewRow > 0 && d.OldRow > 0:
		where = fmt.Sprintf("row %d now (row %d in the older file)", d.NewRow, d.OldRow)
	case d.NewRow > 0:
		where = fmt.Sprintf("row %d", d.NewRow)
	case d.OldRow > 0:
		where = fmt.Sprintf("row %d of the older file", d.OldRow)
	}
	col := ""
	if d.Column != "" {
		col = ", " + d.Column
	}
	t.setDetail(fmt.Sprintf("%s — %s%s: %s", d.State, where, col, d.Message), d.NewRow)
}

func detailText(s string) string {
	if s == "" {
		return ""
	}
	return " (" + s + ")"
}

func quoted(s string) string {
	if s == "" {
		return "blank"
	}
	return "“" + s + "”"
}

// showRecord opens the selected line's row of this file in the Records tab.
func (t *compareTab) showRecord() {
	w := t.w
	if t.recordRow <= 0 || w.res == nil || w.res != t.cur.newer {
		return
	}
	if i, ok := rowIndex(w.res, t.recordRow); ok {
		w.selectTab(tabRecords)
		w.records.goTo(i, -1)
	}
}

// showSaveDialog saves the comparison as a workbook. Personal data is
// masked unless the user includes it: the comparison is then made again
// with masking (compare.Compare masks as it builds its lines).
func (t *compareTab) showSaveDialog() {
	if t.cur == nil {
		return
	}
	cmp := t.cur
	inputs := []string{cmp.oldPath}
	if cmp.newPath != "" {
		inputs = append(inputs, cmp.newPath)
	}
	t.w.showSave(saveRequest{
		title:    "Save comparison report",
		def:      t.w.defaultOutput(" - comparison.xlsx"),
		exts:     []string{".xlsx"},
		what:     "The workbook has the summary, the missing events, the changed events and every issue marked new, resolved or still present.",
		personal: true,
		write: func(path string, personal bool) error {
			return report.WriteComparisonXLSX(path, comparisonFor(cmp, personal), inputs)
		},
	})
}

// comparisonFor is the comparison to save: the one shown (unmasked) when
// personal data is included, otherwise a masked one.
func comparisonFor(cmp *comparison, personal bool) *compare.Comparison {
	if personal {
		return cmp.c
	}
	return compare.Compare(cmp.older, cmp.newer, true)
}
