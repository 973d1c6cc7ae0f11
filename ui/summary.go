package ui

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cldvalidator/validation"
)

// The Summary tab answers the first question — can this file be
// submitted? — then gives the counts, the issues grouped by rule (one line
// per rule, however many copies) and DHSC's data-quality view of every
// field (status × validity), in the words of DHSC's dashboard.

type summaryTab struct {
	w       *Window
	res     *validation.Result
	stack   *fyne.Container // welcome | message | result
	welcome *fyne.Container
	recent  *fyne.Container
	message *widget.Label

	verdictBG   *canvas.Rectangle
	verdict     *canvas.Text
	verdictSub  *widget.Label
	stats       [4]*canvas.Text
	details     *widget.Label
	central     *widget.Label // counts by what happens centrally, and the periods
	notes       *widget.Label
	compareBtn  *button
	convertBtn  *button
	printBtn    *button
	sheetBtn    *button
	rules       *listBox
	fields      *widget.Table
	fieldCols   []fqCol
	resultPanel fyne.CanvasObject
	content     fyne.CanvasObject
}

// fqCol is one column of the field-quality table.
type fqCol struct {
	title  string
	status int // -1 for the non-count columns
	valid  int
}

var statLabels = [4]string{"Rows", "People", "Errors", "Warnings"}

func newSummaryTab(w *Window) *summaryTab {
	t := &summaryTab{w: w}

	// Before any file: how to start.
	head := widget.NewLabelWithStyle("Check your Client Level Data before you submit it", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.SizeName = theme.SizeNameSubHeadingText
	how := widget.NewLabel("Open your CLD file (.xlsx or .csv) in any of these ways:\n" +
		"  •  click Open file… above (or press Ctrl+O)\n" +
		"  •  type or paste the file's path in the box above and press Enter\n" +
		"  •  drag the file from File Explorer onto this window\n" +
		"  •  in Excel, select your rows including the header row, press Ctrl+C, then press Ctrl+V here\n\n" +
		"The check starts straight away and runs on this computer only: nothing is sent anywhere.")
	how.Wrapping = fyne.TextWrapWord
	t.recent = container.NewVBox()
	example := newButtonWithIcon("Try it with the example file", theme.FileIcon(), w.openExample)
	t.welcome = container.NewVBox(head, how, container.NewHBox(example), t.recent)
	t.showRecent()

	t.message = wrappedLabel("")

	// After a check.
	t.verdictBG = canvas.NewRectangle(color.Transparent)
	t.verdictBG.CornerRadius = 6
	t.verdict = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	t.verdict.TextSize = 22
	t.verdict.TextStyle.Bold = true
	t.verdictSub = wrappedLabel("")
	banner := container.NewStack(t.verdictBG, container.NewPadded(container.NewVBox(t.verdict, t.verdictSub)))

	var cards []fyne.CanvasObject
	for i, l := range statLabels {
		n := canvas.NewText("0", theme.Color(theme.ColorNameForeground))
		n.TextSize = 24
		n.TextStyle.Bold = true
		t.stats[i] = n
		cap := widget.NewLabel(l)
		bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
		bg.CornerRadius = 6
		cards = append(cards, container.NewStack(bg, container.NewPadded(container.NewVBox(n, cap))))
	}
	t.details = wrappedLabel("")
	t.central = wrappedLabel("")
	t.notes = wrappedLabel("")
	t.compareBtn = newButtonWithIcon("Compare with previous file…", theme.ViewRefreshIcon(), w.showCompareDialog)
	t.convertBtn = newButtonWithIcon("Convert to Release 2…", theme.DocumentCreateIcon(), w.showConvertDialog)
	t.printBtn = newButtonWithIcon("Printable summary…", theme.DocumentPrintIcon(), w.showSummaryDialog)
	t.sheetBtn = newSheetButton(w)

	t.rules = newList(t.ruleCount, t.newRuleItem, t.updateRuleItem)
	t.rules.OnSelected = func(id widget.ListItemID) {
		t.rules.UnselectAll()
		if t.res == nil || id >= len(t.res.Summary.Rules) {
			return
		}
		w.issues.filterByRule(t.res.Summary.Rules[id].Rule)
		w.selectTab(tabIssues)
	}
	t.fields = widget.NewTableWithHeaders(t.fieldSize, newTextCell, t.updateFieldCell)
	t.fields.ShowHeaderColumn = false
	t.fields.CreateHeader = newHeaderCell
	t.fields.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(t.fieldCols) {
			setCell(o, t.fieldCols[id.Col].title, fgNormal, color.Transparent)
		}
	}

	rulesBox := border(boldLabel("Issues by rule — click one to see those issues"), nil, nil, nil, t.rules)
	fieldsBox := border(boldLabel("Data quality by field (as DHSC's dashboard will show it)"), nil, nil, nil, t.fields)
	split := container.NewHSplit(rulesBox, fieldsBox)
	split.Offset = 0.38
	// The page scrolls when the window is short: the lists keep at least
	// a few lines, and take any height left over.
	actions := newFlow(t.sheetBtn, t.compareBtn, t.convertBtn, t.printBtn)
	top := container.NewVBox(banner, container.NewGridWithColumns(4, cards...), t.central, t.details, actions, t.notes)
	t.resultPanel = container.NewVScroll(border(top, nil, nil, nil, minHeight(split, 230)))

	t.stack = container.NewStack(container.NewPadded(container.NewVScroll(t.welcome)))
	t.content = t.stack
	return t
}

func boldLabel(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// wrappedLabel is a label whose text wraps at word boundaries.
func wrappedLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// showRecent lists the recent files as buttons on the welcome panel.
func (t *summaryTab) showRecent() {
	t.recent.RemoveAll()
	files := t.w.recentFiles()
	if len(files) == 0 {
		return
	}
	t.recent.Add(boldLabel("Recent files"))
	for _, p := range files {
		p := p
		b := newButtonWithIcon(p, theme.FileIcon(), func() { t.w.openPath(p) })
		b.Alignment = widget.ButtonAlignLeading
		t.recent.Add(b)
	}
}

func (t *summaryTab) show(o fyne.CanvasObject) {
	t.stack.Objects = []fyne.CanvasObject{o}
	t.stack.Refresh()
}

func (t *summaryTab) showText(s string) {
	t.res = nil
	t.message.SetText(s)
	t.show(container.NewPadded(container.NewVBox(t.message)))
}

func (t *summaryTab) setRunning(name string) {
	t.showText("Checking " + name + "… The results appear here when the check finishes; issues already found are listed in the Issues tab.")
}

func (t *summaryTab) setCancelled(name string) {
	// The status line names the file; this says what it means, once.
	t.showText("The check was stopped before it finished, so there is no summary. Nothing was saved. Press Check (or Ctrl+R) to check " + name + " again.")
}

// setFailed says why the file named in the status line could not be
// checked; nothing of the file shown before stays.
func (t *summaryTab) setFailed(why string) {
	t.showText(why + "\n\nWhen it is fixed, press Check (Ctrl+R) to check it again, or open another file.")
}

func (t *summaryTab) setResult(res *validation.Result) {
	t.res = res
	s := res.Summary
	th := fyne.CurrentApp().Settings().Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	if s.Errors == 0 {
		t.verdict.Text = "No errors — ready to submit"
		t.verdictBG.FillColor = withAlpha(th.Color(theme.ColorNameSuccess, v), bannerAlpha)
		if s.Warnings > 0 {
			t.verdictSub.SetText(fmt.Sprintf("%s to look at: they do not stop the submission, but check each one is right.", validation.Plural(s.Warnings, "warning", "warnings")))
		} else {
			t.verdictSub.SetText("There are no warnings either.")
		}
	} else {
		t.verdict.Text = verdictText(s.Errors)
		t.verdictBG.FillColor = withAlpha(th.Color(theme.ColorNameError, v), bannerAlpha)
		t.verdictSub.SetText(fmt.Sprintf("Fix them in your case-management system, export again and re-check. There are also %s to look at. The Issues tab lists every one; Save Excel report… writes them to a workbook.",
			validation.Plural(s.Warnings, "warning", "warnings")))
	}
	t.showCaveats(res)
	t.verdict.Color = th.Color(theme.ColorNameForeground, v)
	t.verdict.Refresh()
	t.verdictBG.Refresh()
	for i, n := range []int{s.Rows, s.People, s.Errors, s.Warnings} {
		t.stats[i].Text = validation.Commas(n)
		t.stats[i].Color = th.Color(theme.ColorNameForeground, v)
		if i == 2 && n > 0 {
			t.stats[i].Color = th.Color(theme.ColorNameError, v)
		}
		if i == 3 && n > 0 {
			t.stats[i].Color = th.Color(theme.ColorNameWarning, v)
		}
		t.stats[i].Refresh()
	}
	t.central.SetText(centralText(s))
	t.details.SetText(fileDetails(res))
	if res.Spec.Release == validation.R1 {
		t.convertBtn.Show()
	} else {
		t.convertBtn.Hide()
	}
	// Notes in full (they wrap), without the "what happens centrally"
	// sentence every message of a rule ends with, which would repeat on
	// each line; the Issues tab has it.
	var notes []string
	infos := 0
	for _, is := range res.Issues {
		if is.Sev == validation.Info && !isCaveat(res, res.Message(is, false)) {
			infos++
			if len(notes) < 3 {
				notes = append(notes, "•  "+res.Problem(is, false))
			}
		}
	}
	if infos > len(notes) {
		notes = append(notes, moreNotes(infos-len(notes)))
	}
	if len(notes) > 0 {
		t.notes.SetText("Notes:\n" + strings.Join(notes, "\n"))
		t.notes.Show()
	} else {
		t.notes.Hide()
	}
	t.buildFieldCols()
	t.rules.Refresh()
	t.fields.Refresh()
	t.show(container.NewPadded(t.resultPanel))
}

// centralText says what will happen to the issues' rows centrally, and
// which reporting period DHSC would derive from the data.
func centralText(s *validation.Summary) string {
	var parts []string
	for _, c := range s.ByConsequence {
		if c.Errors+c.Warnings == 0 {
			continue
		}
		var n []string
		if c.Errors > 0 {
			n = append(n, validation.Plural(c.Errors, "error", "errors"))
		}
		if c.Warnings > 0 {
			n = append(n, validation.Plural(c.Warnings, "warning", "warnings"))
		}
		p := c.Label + ": " + strings.Join(n, " and ")
		if c.Rows > 0 {
			p += " on " + validation.Plural(c.Rows, "row", "rows")
		}
		parts = append(parts, p)
	}
	text := ""
	if len(parts) > 0 {
		text = "What happens centrally — " + strings.Join(parts, "; ") + "."
	}
	p := s.Periods
	if p.Stated == "" && p.Derived == "" && p.DerivedWhy == "" {
		return text
	}
	period := "Reporting period: stated " + orNone(p.Stated) + "; "
	switch {
	case p.DerivedIsStated:
		period += "DHSC uses the stated period for this council."
	case p.Derived == "":
		period += "DHSC would derive no period from the data (" + p.DerivedWhy + ")."
	case p.Derived == p.Stated:
		period += "DHSC would derive the same period from the data."
	default:
		period += "DHSC would derive " + p.Derived + " from the data."
	}
	if p.DerivedGaps {
		period += " Some month inside it has too few end dates of one event type."
	}
	if text != "" {
		text += "\n"
	}
	return text + period
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// verdictText is the one line users look for.
func verdictText(errors int) string {
	if errors == 1 {
		return "1 error must be fixed before submission"
	}
	return validation.Commas(errors) + " errors must be fixed before submission"
}

func fileDetails(res *validation.Result) string {
	info := res.Info
	parts := []string{info.Name}
	switch info.Format {
	case "xlsx":
		p := "Excel workbook"
		if info.Sheet != "" {
			p += ", sheet " + info.Sheet
		}
		parts = append(parts, p)
	case "csv":
		parts = append(parts, "CSV file")
	case "tsv":
		parts = append(parts, "tab-separated text")
	}
	if info.Encoding != "" && info.Format != "xlsx" {
		parts = append(parts, info.Encoding)
	}
	if res.HeaderRow > 1 {
		parts = append(parts, fmt.Sprintf("header on row %d", res.HeaderRow))
	}
	parts = append(parts, "checked against Release "+string(res.Spec.Release[1:])+" in "+seconds(res.Duration))
	return strings.Join(parts, " · ")
}

func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: a}
}

// Issues-by-rule list.

func (t *summaryTab) ruleCount() int {
	if t.res == nil {
		return 0
	}
	return len(t.res.Summary.Rules)
}

func (t *summaryTab) newRuleItem() fyne.CanvasObject { return newRuleRow() }

// newRuleRow is a line of a rule list: severity, count, title.
func newRuleRow() fyne.CanvasObject {
	sev := widget.NewLabel("Warning")
	count := widget.NewLabel("")
	count.Alignment = fyne.TextAlignTrailing
	title := widget.NewLabel("")
	title.Truncation = fyne.TextTruncateEllipsis
	left := container.NewHBox(fixedWidth(sev, 66), fixedWidth(count, 72))
	return container.NewBorder(nil, nil, left, nil, title)
}

// ruleRowParts returns the labels of a rule line.
func ruleRowParts(o fyne.CanvasObject) (sev, count, title *widget.Label) {
	b := o.(*fyne.Container)
	left := b.Objects[1].(*fyne.Container)
	sev = left.Objects[0].(*fyne.Container).Objects[0].(*widget.Label)
	count = left.Objects[1].(*fyne.Container).Objects[0].(*widget.Label)
	return sev, count, b.Objects[0].(*widget.Label)
}

func (t *summaryTab) updateRuleItem(id widget.ListItemID, o fyne.CanvasObject) {
	if t.res == nil || id >= len(t.res.Summary.Rules) {
		return
	}
	rc := t.res.Summary.Rules[id]
	sev, count, title := ruleRowParts(o)
	setSeverityLabel(sev, rc.Severity)
	count.SetText(validation.Commas(rc.Count))
	title.SetText(rc.Title)
}

// setSeverityLabel writes a severity in words and colour.
func setSeverityLabel(l *widget.Label, sev string) {
	switch sev {
	case "error":
		l.Importance = widget.DangerImportance
		l.SetText("Error")
	case "warning":
		l.Importance = widget.WarningImportance
		l.SetText("Warning")
	default:
		l.Importance = widget.MediumImportance
		l.SetText("Note")
	}
}

// Field-quality table.

func (t *summaryTab) buildFieldCols() {
	t.fieldCols = []fqCol{{title: "Field", status: -1}, {title: "Passed", status: -2}}
	if t.res == nil {
		return
	}
	fields := t.res.Summary.Fields
	if len(fields) == 0 {
		return
	}
	for s := range fields[0].Counts {
		for v := range fields[0].Counts[s] {
			any := false
			for _, f := range fields {
				if f.Counts[s][v] > 0 {
					any = true
					break
				}
			}
			if any {
				t.fieldCols = append(t.fieldCols, fqCol{title: statusShort(validation.Status(s)) + " · " + validityShort(validation.Validity(v)), status: s, valid: v})
			}
		}
	}
	for i, c := range t.fieldCols {
		w := headerWidth(c.title)
		if c.status == -1 {
			w = 250
		}
		t.fields.SetColumnWidth(i, max(w, 70))
	}
}

// validityShort names a validity in a few words for a column header.
func validityShort(v validation.Validity) string {
	switch v {
	case validation.ValidityValid:
		return "valid"
	case validation.ValidityBlankOK:
		return "blank (allowed)"
	case validation.ValidityBlankMandatory:
		return "blank (missing)"
	}
	return "invalid"
}

func statusShort(s validation.Status) string {
	switch s {
	case validation.StatusMandatory:
		return "Mandatory"
	case validation.StatusApplicable:
		return "Optional"
	case validation.StatusNotApplicable:
		return "Not applicable"
	}
	return "Undetermined"
}

func (t *summaryTab) fieldSize() (int, int) {
	if t.res == nil {
		return 0, 0
	}
	return len(t.res.Summary.Fields), len(t.fieldCols)
}

func (t *summaryTab) updateFieldCell(id widget.TableCellID, o fyne.CanvasObject) {
	if t.res == nil || id.Row >= len(t.res.Summary.Fields) || id.Col >= len(t.fieldCols) {
		setCell(o, "", fgNormal, color.Transparent)
		return
	}
	f := t.res.Summary.Fields[id.Row]
	c := t.fieldCols[id.Col]
	imp := widget.MediumImportance
	var text string
	switch c.status {
	case -1:
		text = f.Field
		if !f.Present {
			text += " (column missing)"
			imp = widget.DangerImportance
		}
	case -2:
		ok, total := passCounts(f)
		text = passedPercent(ok, total)
		if ok < total {
			imp = widget.WarningImportance
		}
	default:
		n := f.Counts[c.status][c.valid]
		if n > 0 {
			text = validation.Commas(n)
			if validation.Validity(c.valid) == validation.ValidityInvalid || validation.Validity(c.valid) == validation.ValidityBlankMandatory {
				imp = widget.DangerImportance
			}
		}
	}
	setCell(o, text, importanceColor(imp), color.Transparent)
}

// passCounts is how many of a field's rows passed (valid, or blank where
// that is allowed) out of all its rows: FieldQuality.Complete as counts.
func passCounts(f validation.FieldQuality) (ok, total int) {
	for s := range f.Counts {
		for v := range f.Counts[s] {
			n := f.Counts[s][v]
			total += n
			if vv := validation.Validity(v); vv == validation.ValidityValid || vv == validation.ValidityBlankOK {
				ok += n
			}
		}
	}
	return ok, total
}

// passedPercent writes the share that passed, rounded down to 0.1%, so a
// field with any failure never reads 100% (199,977 of 200,000 is 99.9%).
// Counted in integers: a float rounding of 99.95% would show 100%.
func passedPercent(ok, total int) string {
	if ok >= total {
		return "100%"
	}
	tenths := ok * 1000 / total // floor
	return fmt.Sprintf("%d.%d%%", tenths/10, tenths%10)
}

// moreNotes points to the n notes the Summary does not list, in the
// Issues tab's severity list (which reads anySeverity until changed).
func moreNotes(n int) string {
	more := "1 more note"
	if n > 1 {
		more = fmt.Sprintf("%d more notes", n)
	}
	return "…and " + more + " in the Issues tab: choose Notes in its first list, where it says " + anySeverity + "."
}
