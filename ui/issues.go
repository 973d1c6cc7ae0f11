package ui

import (
	"fmt"
	"image/color"
	"slices"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cldvalidator/validation"
)

// The Issues tab: every issue in a virtual table, with the issues grouped
// by rule on the left (50,000 copies of one mistake are one line with a
// count; click it to see them), filters by severity, rule, column and
// event type, a search by person ID or row, a sort, and below the table
// the selected issue explained with its whole record.

// windowColumns are the issue columns of the table (validation.IssueColumns
// with a window width), and issueColumns their headings and widths.
var (
	windowColumns = validation.IssueColumnsWhere(func(c *validation.IssueColumn) bool { return c.Window > 0 })
	issueColumns  = tableColumns(windowColumns)
)

// The table's columns by key.
var (
	icSeverity = windowIndex("severity")
	icPerson   = windowIndex("person")
	icEvent    = windowIndex("event")
	icColumn   = windowIndex("column")
	icProblem  = windowIndex("problem")
)

func tableColumns(cs []*validation.IssueColumn) []tableCol {
	out := make([]tableCol, len(cs))
	for i, c := range cs {
		out[i] = tableCol{c.Heading, c.Window}
	}
	return out
}

func windowIndex(key string) int {
	for i, c := range windowColumns {
		if c.Key == key {
			return i
		}
	}
	panic("ui: the window shows no issue column " + key)
}

// windowCell is how the window writes an issue's text in a column: in its
// severity's colour where the column says so, long text cut short (the
// detail below the table shows it in full), an empty text as the column's
// word for it ("File" for a row).
func windowCell(c *validation.IssueColumn, text string, sev validation.Severity) (string, widget.Importance) {
	switch {
	case text == "":
		return c.Empty, widget.MediumImportance
	case c.Coloured:
		_, imp := severityText(sev)
		return text, imp
	case c.Fill:
		return clip(text, 300), widget.MediumImportance
	}
	return text, widget.MediumImportance
}

const (
	anySeverity = "All severities"
	anyRule     = "All rules"
	anyColumn   = "All columns"
	anyEvent    = "All event types"
)

var severityOptions = []string{anySeverity, "Errors", "Warnings", "Notes"}

type issuesTab struct {
	w    *Window
	res  *validation.Result
	live []validation.LiveIssue // while a check runs
	view []int32                // filtered, sorted indexes into res.Issues

	filter      issueFilter
	sortDesc    bool // the sort is reversed (a heading clicked twice)
	filterJob   *job // recomputing the view; the newest request wins
	ruleOpts    map[string]validation.RuleID
	eventOpts   map[string]string
	knownEvents map[string]bool
	suppress    bool // set while selects are changed by code
	ruleWait    *widget.Label

	table                             *bigTable
	ruleList                          *listBox
	sevSel, ruleSel, colSel, eventSel *selectBox
	sortSel                           *selectBox
	search                            *entry
	count                             *widget.Label
	csvBtn, clearBtn                  *button
	selected                          int // position in the view, -1 for none
	detailHead, detailMsg, detailWhy  *widget.Label
	showRecordBtn, copyBtn, personBtn *button
	copyPersonalBtn, moreBtn          *button
	tech                              *detailsBox // the rule's id and references, folded away
	record                            *recordList
	content                           fyne.CanvasObject
}

// newIssuesTab builds the Issues tab: its table, rule list, filter bar
// and detail pane, laid out.
func newIssuesTab(w *Window) *issuesTab {
	t := &issuesTab{w: w, selected: -1, filter: issueFilter{sev: -1}, filterJob: newJob(w, "filtering the issues")}
	t.buildTable()
	t.buildRuleList()
	filters := t.buildFilterBar()
	detail := t.buildDetail()
	t.content = t.layout(filters, detail)
	return t
}

// buildTable makes the issues table and wires its sort, selection and Enter.
func (t *issuesTab) buildTable() {
	w := t.w
	t.table = newBigTable(t.rowCount, len(issueColumns), newTextCell, t.updateCell)
	t.table.setColumns(issueColumns, false)
	// Click a column heading to sort by it, again to reverse.
	t.table.CreateHeader = func() fyne.CanvasObject { return newTapHeader(t.sortByColumn) }
	t.table.UpdateHeader = t.updateHeader
	t.table.fillCol = icProblem // the column that takes the room left
	t.table.keepX = true
	t.table.OnSelected = t.selectIssue
	t.table.onEnter = func(widget.TableCellID) { // Enter opens the issue's record
		if t.openRecord() {
			w.win.Canvas().Focus(w.records.table)
		}
	}
}

// buildRuleList makes the list of issues by rule; choosing a rule filters
// the table to it, the first line shows all rules.
func (t *issuesTab) buildRuleList() {
	t.ruleList = newList(t.ruleItems, t.newRuleItem, t.updateRuleItem)
	t.ruleList.OnSelected = func(id widget.ListItemID) {
		if t.suppress || t.res == nil {
			return
		}
		if id == 0 {
			t.ruleSel.SetSelected(anyRule)
			return
		}
		if id-1 < len(t.res.Summary.Rules) {
			t.filterByRule(t.res.Summary.Rules[id-1].Rule)
		}
	}
}

// buildFilterBar makes the filters, the search, the sort, the count and
// the buttons above the table, and returns them laid out.
func (t *issuesTab) buildFilterBar() fyne.CanvasObject {
	t.sevSel = newSelect(severityOptions, func(string) { t.filtersChanged() })
	t.ruleSel = newSelect([]string{anyRule}, func(string) { t.filtersChanged() })
	t.colSel = newSelect([]string{anyColumn}, func(string) { t.filtersChanged() })
	t.eventSel = newSelect([]string{anyEvent}, func(string) { t.filtersChanged() })
	t.sortSel = newSelect(sortNames, func(string) {
		if !t.suppress {
			t.sortDesc = false
		}
		t.filtersChanged()
	})
	t.suppress = true
	t.showAllChoices()
	t.sortSel.SetSelected(sortNames[0])
	t.suppress = false
	t.search = newEntry()
	t.search.SetPlaceHolder("Person ID or row (Ctrl+F)")
	t.search.OnChanged = func(string) { t.filtersChanged() }
	t.count = widget.NewLabel("No file checked yet.")
	t.csvBtn = newButtonWithIcon("Save these as CSV…", theme.DocumentSaveIcon(), t.showCSVDialog)
	t.csvBtn.Disable()
	t.clearBtn = newButtonWithIcon("Clear filters", theme.ContentClearIcon(), t.clearFilters)

	// The filters, the count and Save these as CSV… wrap onto as many
	// lines as the width needs (two on a 1366-pixel screen, three at 125%).
	return newFlow(fixedWidth(t.sevSel, 140), fixedWidth(t.ruleSel, 230), fixedWidth(t.colSel, 180),
		fixedWidth(t.eventSel, 150), fixedWidth(t.search, 250),
		widget.NewLabel("Sort by:"), fixedWidth(t.sortSel, 150), t.clearBtn, t.count, t.csvBtn)
}

// buildDetail makes the pane below the table: the selected issue
// explained, its record, and its buttons.
func (t *issuesTab) buildDetail() fyne.CanvasObject {
	w := t.w
	t.detailHead = boldLabel("Select an issue to see what is wrong, why it matters and the whole record.")
	t.detailHead.Wrapping = fyne.TextWrapWord
	t.detailMsg = wrappedLabel("")
	t.detailWhy = wrappedLabel("")
	t.showRecordBtn = newButtonWithIcon("Show in Records", theme.NavigateNextIcon(), t.showRecord)
	t.personBtn = newButtonWithIcon("All events of this person", theme.AccountIcon(), t.showPerson)
	t.copyBtn = newButtonWithIcon("Copy", theme.ContentCopyIcon(), w.copySelection)
	t.copyPersonalBtn = newButtonWithIcon("Copy with personal data", theme.ContentCopyIcon(), w.copyWithPersonal)
	t.moreBtn = newButtonWithIcon("More about this", theme.HelpIcon(), t.showHelp)
	t.showRecordBtn.Disable()
	t.personBtn.Disable()
	t.copyBtn.Disable()
	t.copyPersonalBtn.Disable()
	t.tech = newDetailsBox("Technical details")
	t.record = newRecordList(w)
	explain := container.NewVScroll(container.NewVBox(t.detailHead, t.detailMsg, t.detailWhy, t.tech.content))
	recordBox := border(boldLabel("The record"), nil, nil, nil, t.record.table)
	parts := container.NewHSplit(explain, recordBox)
	parts.Offset = 0.5
	// The issue's buttons run along the foot of the whole detail: one
	// line on a small screen, where half the width needed two.
	return border(nil, newFlow(t.showRecordBtn, t.personBtn, t.copyBtn, t.copyPersonalBtn, t.moreBtn), nil, nil, parts)
}

// layout puts the rule list left of the filters and table, with the
// detail below them all.
func (t *issuesTab) layout(filters, detail fyne.CanvasObject) fyne.CanvasObject {
	t.ruleWait = wrappedLabel("Counts by rule appear here when the check ends.")
	t.ruleWait.Hide()
	left := border(boldLabel("Issues by rule"), nil, nil, nil, container.NewStack(t.ruleList, container.NewVBox(t.ruleWait)))
	tableBox := border(filters, nil, nil, nil, t.table)
	main := container.NewHSplit(left, tableBox)
	main.Offset = 0.25
	split := container.NewVSplit(main, detail)
	split.Offset = 0.64
	return split
}

// rowCount is the number of table rows: the view, or the live list.
func (t *issuesTab) rowCount() int {
	if t.res != nil {
		return len(t.view)
	}
	return len(t.live)
}

func (t *issuesTab) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	defer t.w.recoverCell()
	text, imp := t.cellText(id.Row, id.Col)
	setCell(o, text, importanceColor(imp), color.Transparent)
}

// cellText is the text of one cell of the issues table.
func (t *issuesTab) cellText(row, col int) (string, widget.Importance) {
	if col < 0 || col >= len(windowColumns) {
		return "", widget.MediumImportance
	}
	c := windowColumns[col]
	if t.res == nil {
		if row >= len(t.live) {
			return "", widget.MediumImportance
		}
		li := &t.live[row]
		return windowCell(c, c.LiveText(li), li.Severity)
	}
	if row >= len(t.view) {
		return "", widget.MediumImportance
	}
	is := t.res.Issues[t.view[row]]
	return windowCell(c, c.Text(t.res, is, false), is.Sev)
}

func rowText(n int) string {
	if n <= 0 {
		return "File"
	}
	return strconv.Itoa(n)
}

func severityText(s validation.Severity) (string, widget.Importance) {
	switch s {
	case validation.Error:
		return s.Label(), widget.DangerImportance
	case validation.Warning:
		return s.Label(), widget.WarningImportance
	}
	return s.Label(), widget.MediumImportance
}

// setLive shows the issues found so far by a running check (nil clears).
func (t *issuesTab) setLive(live []validation.LiveIssue) {
	if t.res != nil || live == nil {
		t.res = nil
		t.view = nil
		t.filterJob.stop()
		t.resetFilters()
		t.clearDetail()
		t.ruleList.Refresh()
		t.csvBtn.Disable()
	}
	t.live = live
	switch {
	case t.w.run.running() && len(live) > 0:
		t.count.SetText(validation.Plural(len(live), "issue", "issues") + " found so far · filters work when the check ends")
		t.ruleWait.Show()
	case t.w.run.running():
		t.count.SetText("No issues found yet.")
		t.ruleWait.Show()
	case t.w.input != nil:
		t.count.SetText("No issues to show.")
		t.ruleWait.Hide()
	default:
		t.count.SetText("No file checked yet.")
		t.ruleWait.Hide()
	}
	t.table.dataChanged()
}

// resetFilters empties the filter bar: its choices named the rules,
// columns and people of the file shown before.
func (t *issuesTab) resetFilters() {
	t.suppress = true
	t.ruleSel.Options = []string{anyRule}
	t.colSel.Options = []string{anyColumn}
	t.eventSel.Options = []string{anyEvent}
	t.showAllChoices()
	t.sortSel.SetSelected(sortNames[0])
	t.search.SetText("")
	t.suppress = false
	t.filter = issueFilter{sev: -1}
}

// setResult shows a completed check: the view is every issue.
func (t *issuesTab) setResult(res *validation.Result, view []int32) {
	t.res = res
	t.live = nil
	t.view = view
	t.filterJob.stop()
	t.buildOptions()
	t.suppress = true
	t.showAllChoices()
	t.sortSel.SetSelected(sortNames[0])
	t.search.SetText("")
	t.ruleList.UnselectAll()
	t.suppress = false
	t.filter = t.readFilter()
	t.clearDetail()
	t.table.clearSelection()
	t.table.ScrollToTop()
	t.table.dataChanged()
	t.ruleList.Refresh()
	t.csvBtn.Enable()
	t.ruleWait.Hide()
	t.updateCount()
}

// buildOptions fills the filter menus from the summary (no pass over the
// issues needed).
func (t *issuesTab) buildOptions() {
	res := t.res
	t.ruleOpts = map[string]validation.RuleID{}
	rules := []string{anyRule}
	cols := map[string]bool{}
	for _, rc := range res.Summary.Rules {
		label := fmt.Sprintf("%s (%s)", rc.Title, validation.Commas(rc.Count))
		rules = append(rules, label)
		if r := res.Spec.Rules.Lookup(rc.Rule); r != nil {
			t.ruleOpts[label] = res.Spec.Rules.ID(rc.Rule)
		}
		for c := range rc.ByColumn {
			if c == "(file)" {
				c = fileColumn
			}
			cols[c] = true
		}
	}
	t.ruleSel.Options = rules
	colList := make([]string, 0, len(cols))
	for c := range cols {
		colList = append(colList, c)
	}
	sort.Strings(colList)
	t.colSel.Options = append([]string{anyColumn}, colList...)
	t.eventOpts = map[string]string{}
	t.knownEvents = map[string]bool{}
	events := []string{anyEvent}
	for i, e := range res.Summary.EventTypes {
		if i == len(res.Summary.EventTypes)-1 { // "(blank or invalid)"
			continue
		}
		events = append(events, e)
		n := validation.NormalizeValue(e)
		t.eventOpts[e] = n
		t.knownEvents[n] = true
	}
	events = append(events, otherEvent)
	t.eventOpts[otherEvent] = otherEvent
	t.eventSel.Options = events
}

// readFilter reads the filter bar.
func (t *issuesTab) readFilter() issueFilter {
	f := issueFilter{sev: -1}
	switch t.sevSel.Selected {
	case "Errors":
		f.sev = int(validation.Error)
	case "Warnings":
		f.sev = int(validation.Warning)
	case "Notes":
		f.sev = int(validation.Info)
	}
	f.rule = t.ruleOpts[t.ruleSel.Selected]
	if c := t.colSel.Selected; c != anyColumn {
		f.column = c
	}
	if e := t.eventSel.Selected; e != anyEvent && e != "" {
		f.event = t.eventOpts[e]
	}
	f.search = t.search.Text
	for i, n := range sortNames {
		if t.sortSel.Selected == n {
			f.sort = i
		}
	}
	f.desc = t.sortDesc
	return f
}

// columnSort is the sort each column heading chooses: the column's own
// order, or the one it sorts as (the Problem heading sorts by rule).
var columnSort = func() []int {
	out := make([]int, len(windowColumns))
	for i, c := range windowColumns {
		key := c.Key
		if c.SortAs != "" {
			key = c.SortAs
		}
		out[i] = slices.IndexFunc(sortColumns, func(s *validation.IssueColumn) bool { return s.Key == key })
	}
	return out
}()

// sortByColumn sorts by a column whose heading was clicked; clicked again,
// the order is reversed.
func (t *issuesTab) sortByColumn(col int) {
	if t.res == nil || col < 0 || col >= len(columnSort) {
		return
	}
	s := columnSort[col]
	desc := t.filter.sort == s && !t.filter.desc
	t.suppress = true
	t.sortSel.SetSelected(sortNames[s])
	t.suppress = false
	t.sortDesc = desc
	t.filtersChanged()
	t.table.Refresh()
}

// updateHeader writes a column heading, with an arrow on the column the
// issues are sorted by.
func (t *issuesTab) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	h := o.(*tapHeader)
	h.col = id.Col
	if id.Col < 0 || id.Col >= len(issueColumns) {
		return
	}
	title := issueColumns[id.Col].title
	if t.res != nil && columnSort[id.Col] == t.filter.sort && (t.filter.sort != sortRow || t.filter.desc) {
		if t.filter.desc {
			title += " ↓"
		} else {
			title += " ↑"
		}
	}
	setCell(h.cell, title, fgNormal, color.Transparent)
}

// showAllChoices sets the severity, rule, column and event type filters to
// "all" (the caller sets suppress around it, and refilters as it needs).
func (t *issuesTab) showAllChoices() {
	t.sevSel.SetSelected(anySeverity)
	t.ruleSel.SetSelected(anyRule)
	t.colSel.SetSelected(anyColumn)
	t.eventSel.SetSelected(anyEvent)
}

func (t *issuesTab) clearFilters() {
	if t.res == nil {
		return
	}
	t.suppress = true
	t.showAllChoices()
	t.search.SetText("")
	t.suppress = false
	t.filtersChanged()
}

// filterByRule shows one rule's issues (from the rule lists).
func (t *issuesTab) filterByRule(ruleID string) {
	if t.res == nil {
		return
	}
	for label, id := range t.ruleOpts {
		if t.res.Spec.Rules.Get(id).ID == ruleID {
			t.ruleSel.SetSelected(label) // triggers filtersChanged
			return
		}
	}
}

// filterByField shows the issues about one column (a chart's bar), of one
// severity ("error", "warning", "" for both). It reports false, and says
// so in the status line, when there is none.
func (t *issuesTab) filterByField(field, severity string) bool {
	if t.res == nil {
		return false
	}
	if field == "(whole file)" || field == "(file)" {
		field = fileColumn
	}
	found := false
	for _, o := range t.colSel.Options {
		found = found || o == field
	}
	if !found {
		t.w.setStatus("There are no issues about " + field + ".")
		return false
	}
	t.suppress = true
	t.showAllChoices()
	t.search.SetText("")
	t.colSel.SetSelected(field)
	switch severity {
	case "error":
		t.sevSel.SetSelected("Errors")
	case "warning":
		t.sevSel.SetSelected("Warnings")
	}
	t.suppress = false
	t.filtersChanged()
	return true
}

// filtersChanged recomputes the view on a background goroutine; the
// newest request wins.
func (t *issuesTab) filtersChanged() {
	if t.suppress || t.res == nil {
		return
	}
	f := t.readFilter()
	t.syncRuleList(f.rule)
	t.filter = f
	res, known := t.res, t.knownEvents
	t.count.SetText("Filtering…")
	t.filterJob.start(func(jr *jobRun) {
		v := filterIssues(res, f, known, func() bool { return !jr.current() })
		jr.post("filter swap", func() {
			if t.res != res {
				return
			}
			t.view = v
			t.table.clearSelection()
			t.clearDetail()
			t.table.ScrollToTop()
			t.table.dataChanged()
			t.updateCount()
		})
	}, nil)
}

// syncRuleList highlights the chosen rule in the left-hand list.
func (t *issuesTab) syncRuleList(rule validation.RuleID) {
	t.suppress = true
	defer func() { t.suppress = false }()
	if rule == 0 {
		t.ruleList.Select(0)
		return
	}
	id := t.res.Spec.Rules.Get(rule).ID
	for i, rc := range t.res.Summary.Rules {
		if rc.Rule == id {
			t.ruleList.Select(i + 1)
			return
		}
	}
}

func (t *issuesTab) updateCount() {
	if t.res == nil {
		return
	}
	total := len(t.res.Issues)
	if len(t.view) == total {
		t.count.SetText("Showing all " + validation.Plural(total, "issue", "issues"))
		return
	}
	t.count.SetText(fmt.Sprintf("Showing %s of %s", validation.Commas(len(t.view)), validation.Plural(total, "issue", "issues")))
}

// Rule list (left).

func (t *issuesTab) ruleItems() int {
	if t.res == nil {
		return 0
	}
	return len(t.res.Summary.Rules) + 1
}

func (t *issuesTab) newRuleItem() fyne.CanvasObject { return newRuleRow() }

func (t *issuesTab) updateRuleItem(id widget.ListItemID, o fyne.CanvasObject) {
	if t.res == nil {
		return
	}
	sev, count, title := ruleRowParts(o)
	if id == 0 {
		sev.Importance = widget.MediumImportance
		sev.SetText("All")
		count.SetText(validation.Commas(len(t.res.Issues)))
		title.SetText("issues")
		return
	}
	if id-1 >= len(t.res.Summary.Rules) {
		return
	}
	rc := t.res.Summary.Rules[id-1]
	setSeverityLabel(sev, rc.Severity)
	count.SetText(validation.Commas(rc.Count))
	title.SetText(rc.Title)
}

// Selection and detail.

func (t *issuesTab) selectIssue(id widget.TableCellID) {
	t.table.noteSelected(id)
	t.selected = id.Row
	if t.res == nil {
		if id.Row < len(t.live) {
			li := t.live[id.Row]
			sev, _ := severityText(li.Severity)
			t.detailHead.SetText(fmt.Sprintf("%s · row %s · %s", sev, rowText(li.Row), li.Column))
			t.detailMsg.SetText(li.Message)
			t.detailWhy.SetText("The full explanation and the record appear when the check has finished.")
		}
		return
	}
	if id.Row >= len(t.view) {
		return
	}
	res := t.res
	is := res.Issues[t.view[id.Row]]
	rule := res.Rule(is)
	sev, _ := severityText(is.Sev)
	head := sev
	if n := res.RowNumber(is); n > 0 {
		head += " · row " + validation.Commas(n)
	} else {
		head += " · whole file"
	}
	if c := res.ColumnName(is); c != "" {
		head += " · " + c
	}
	if ref := res.CellRef(is); ref != "" && is.Row >= 0 {
		head += " (cell " + ref + ")"
	}
	t.detailHead.SetText(head)
	t.detailMsg.SetText(res.Message(is, false))
	why := "What happens centrally: " + rule.Central.Label() + ".\nWhy this matters: " + rule.Explain
	if s := res.Suggestion(is, false); s != "" {
		why += "\nSuggested value: " + s
	}
	t.detailWhy.SetText(why)
	t.tech.SetText(technicalDetails(rule))
	t.copyBtn.Enable()
	t.copyPersonalBtn.Enable()
	if is.Row >= 0 {
		t.record.show(res, int(is.Row), int(is.Col))
		t.showRecordBtn.Enable()
		t.personBtn.Enable()
		// Selecting an issue opens its record: the Records tab is moved
		// to it, ready when the user switches there.
		t.w.records.goTo(int(is.Row), int(is.Col))
	} else {
		t.record.show(nil, -1, -1)
		t.showRecordBtn.Disable()
		t.personBtn.Disable()
	}
}

// technicalDetails is what an analyst needs to trace a rule: its id,
// scope, and the specification items and sources behind it. Users read
// it only when they unfold "Technical details"; the report's Rules sheet
// has the same.
func technicalDetails(r *validation.Rule) string {
	return "Rule id: " + r.ID + " (checks " + scopeText(r.Scope) + ")\nBased on: " + r.Ref()
}

func (t *issuesTab) clearDetail() {
	t.tech.SetText("")
	t.selected = -1
	t.detailHead.SetText("Select an issue to see what is wrong, why it matters and the whole record.")
	t.detailMsg.SetText("")
	t.detailWhy.SetText("")
	t.record.show(nil, -1, -1)
	t.showRecordBtn.Disable()
	t.personBtn.Disable()
	t.copyBtn.Disable()
	t.copyPersonalBtn.Disable()
}

// selectedIssue returns the selected issue, ok false for none.
func (t *issuesTab) selectedIssue() (validation.Issue, bool) {
	if t.res == nil || t.selected < 0 || t.selected >= len(t.view) {
		return validation.Issue{}, false
	}
	return t.res.Issues[t.view[t.selected]], true
}

// showRecord switches to the Records tab at the selected issue's cell.
func (t *issuesTab) showRecord() { t.openRecord() }

// showPerson opens the Records tab's person view for the selected issue.
func (t *issuesTab) showPerson() {
	if t.openRecord() {
		t.w.records.showPersonPanel()
	}
}

// openRecord switches to the Records tab at the selected issue's cell; it
// reports false (and does nothing) when no issue of a row is selected.
func (t *issuesTab) openRecord() bool {
	is, ok := t.selectedIssue()
	if !ok || is.Row < 0 {
		return false
	}
	t.w.records.goTo(int(is.Row), int(is.Col))
	t.w.selectTab(tabRecords)
	return true
}

// copyText is the selected issue as a tab-separated line for Excel, with
// personal data masked if mask is set.
func (t *issuesTab) copyText(mask bool) string {
	is, ok := t.selectedIssue()
	if !ok {
		return ""
	}
	var fields []string
	for _, c := range copyColumns {
		text := c.Text(t.res, is, mask)
		if text == "" {
			text = c.Empty
		}
		fields = append(fields, strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(text))
	}
	return strings.Join(fields, "\t")
}

// copyColumns are the issue columns Copy puts on the clipboard.
var copyColumns = validation.IssueColumnsWhere(func(c *validation.IssueColumn) bool { return c.Copy })

// filteredIssues is the current view as issues (for the CSV export).
func (t *issuesTab) filteredIssues() []validation.Issue {
	out := make([]validation.Issue, len(t.view))
	for i, idx := range t.view {
		out[i] = t.res.Issues[idx]
	}
	return out
}
