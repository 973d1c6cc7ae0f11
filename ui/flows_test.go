package ui

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"cldvalidator/reader"
	"cldvalidator/validation"
)

// Loading the bundled sample from the command line: the Issues table has
// exactly the engine's issues, the summary and title say what was loaded.
func TestLoadSampleShowsEngineIssues(t *testing.T) {
	path := samplePath(t)
	want := engineResult(t, path)
	if len(want.Issues) == 0 {
		t.Fatal("the sample should have issues")
	}
	w, win := newTestWindow(t, path)
	settle(t, w)
	lockUI(func() {
		if w.res == nil {
			t.Fatalf("no result; status %q, message %q", w.status.Text, seen(w).message)
		}
		w.selectTab(tabIssues)
		if got := w.issues.rowCount(); got != len(want.Issues) {
			t.Errorf("issues table has %d rows, the engine found %d issues", got, len(want.Issues))
		}
		rows, cols := w.issues.table.Length()
		if rows != len(want.Issues) || cols != len(issueColumns) {
			t.Errorf("table reports %d×%d", rows, cols)
		}
		// The first row shows the engine's first issue.
		is := want.Issues[0]
		if text, _ := w.issues.cellText(0, icProblem); text != clip(want.Message(is, false), 300) {
			t.Errorf("first problem %q, want %q", text, want.Message(is, false))
		}
		if !strings.Contains(win.Title(), filepath.Base(path)) {
			t.Errorf("title %q does not name the file", win.Title())
		}
		wantVerdict := "No errors — ready to submit"
		if want.Summary.Errors > 0 {
			wantVerdict = verdictText(want.Summary.Errors)
		}
		if w.summary.verdict.Text != wantVerdict {
			t.Errorf("verdict %q, want %q", w.summary.verdict.Text, wantVerdict)
		}
		if w.summary.stats[2].Text != validation.Commas(want.Summary.Errors) {
			t.Errorf("errors card %q, want %d", w.summary.stats[2].Text, want.Summary.Errors)
		}
		if !strings.Contains(w.issues.count.Text, validation.Commas(len(want.Issues))) {
			t.Errorf("count label %q", w.issues.count.Text)
		}
		if !w.exportBtn.Disabled() == false {
			t.Error("export should be enabled after a check")
		}
	})
}

// Each filter narrows the table to exactly the matching issues.
func TestFiltersNarrowTheIssues(t *testing.T) {
	path := samplePath(t)
	w, _ := newTestWindow(t, path)
	settle(t, w)
	res := w.res
	count := func(keep func(validation.Issue) bool) int {
		n := 0
		for _, is := range res.Issues {
			if keep(is) {
				n++
			}
		}
		return n
	}
	view := func() int {
		settle(t, w)
		var n int
		lockUI(func() { n = len(w.issues.view) })
		return n
	}

	lockUI(func() { w.issues.sevSel.SetSelected("Errors") })
	errs := count(func(is validation.Issue) bool { return is.Sev == validation.Error })
	if got := view(); got != errs || got >= len(res.Issues) {
		t.Errorf("errors filter shows %d, want %d of %d", got, errs, len(res.Issues))
	}

	rc := res.Summary.Rules[0]
	lockUI(func() {
		w.issues.sevSel.SetSelected(anySeverity)
		w.issues.filterByRule(rc.Rule)
	})
	if got := view(); got != rc.Count {
		t.Errorf("rule %s shows %d, want %d", rc.Rule, got, rc.Count)
	}
	lockUI(func() {
		if !strings.Contains(w.issues.count.Text, "Showing "+validation.Commas(rc.Count)+" of") {
			t.Errorf("count label %q", w.issues.count.Text)
		}
	})

	// Column: the most common column of that rule.
	col, n := "", 0
	for c, k := range rc.ByColumn {
		if k > n {
			col, n = c, k
		}
	}
	if col != "(file)" {
		lockUI(func() { w.issues.colSel.SetSelected(col) })
		if got := view(); got != rc.ByColumn[col] {
			t.Errorf("rule+column %q shows %d, want %d", col, got, rc.ByColumn[col])
		}
	}

	// Event type, with the other filters cleared.
	lockUI(func() {
		w.issues.clearFilters()
		w.issues.eventSel.SetSelected("Service")
	})
	svc := count(func(is validation.Issue) bool {
		return is.Row >= 0 && validation.NormalizeValue(res.EventType(int(is.Row))) == validation.NormalizeValue("Service")
	})
	if got := view(); got != svc || svc == 0 {
		t.Errorf("event filter shows %d, want %d", got, svc)
	}

	// Search by person ID and by row number.
	var pid string
	var rowNum int
	for _, is := range res.Issues {
		if is.Row >= 0 {
			pid, rowNum = res.PersonID(int(is.Row), false), res.RowNumber(is)
			break
		}
	}
	lockUI(func() {
		w.issues.clearFilters()
		w.issues.search.SetText(pid)
	})
	byPerson := count(func(is validation.Issue) bool {
		return is.Row >= 0 && strings.Contains(res.PersonID(int(is.Row), false), pid)
	})
	if got := view(); got != byPerson || got == 0 {
		t.Errorf("search %q shows %d, want %d", pid, got, byPerson)
	}
	lockUI(func() { w.issues.search.SetText(validation.Commas(rowNum)) })
	if got := view(); got == 0 {
		t.Errorf("search for row %d found nothing", rowNum)
	}
	lockUI(func() {
		for _, idx := range w.issues.view {
			is := res.Issues[idx]
			if res.RowNumber(is) != rowNum && !strings.Contains(strings.ToLower(res.PersonID(int(is.Row), false)), strings.ToLower(validation.Commas(rowNum))) {
				t.Errorf("row search kept row %d", res.RowNumber(is))
			}
		}
	})

	// Sorting by severity puts errors first.
	lockUI(func() {
		w.issues.clearFilters()
		w.issues.sortSel.SetSelected("Severity")
	})
	if got := view(); got != len(res.Issues) {
		t.Fatalf("sorting changed the count: %d", got)
	}
	lockUI(func() {
		last := validation.Severity(255)
		for _, idx := range w.issues.view {
			if s := res.Issues[idx].Sev; s > last {
				t.Fatal("not sorted by severity")
			} else {
				last = s
			}
		}
	})
}

// Selecting an issue shows its record: in the Issues tab's record pane and
// in the Records tab, scrolled to and selected, with the bad cell tinted.
func TestSelectingAnIssueOpensItsRecord(t *testing.T) {
	path := samplePath(t)
	w, _ := newTestWindow(t, path)
	settle(t, w)
	res := w.res
	// Pick an error about a cell, far enough down to need scrolling.
	pos := -1
	for i := len(res.Issues) - 1; i >= 0; i-- {
		if is := res.Issues[i]; is.Sev == validation.Error && is.Row > 100 && is.Col >= 0 {
			pos = i
			break
		}
	}
	if pos < 0 {
		t.Fatal("no suitable issue in the sample")
	}
	is := res.Issues[pos]
	lockUI(func() {
		w.selectTab(tabIssues)
		w.issues.table.selectCell(pos, icProblem)
		if !strings.Contains(w.issues.detailMsg.Text, res.Message(is, false)) {
			t.Errorf("detail %q", w.issues.detailMsg.Text)
		}
		if w.issues.record.row != int(is.Row) || w.issues.record.col != int(is.Col) {
			t.Errorf("record pane shows row %d col %d", w.issues.record.row, w.issues.record.col)
		}
		test.Tap(w.issues.showRecordBtn)
		if w.tabs.SelectedIndex() != tabRecords {
			t.Fatal("Show in Records did not switch tabs")
		}
	})
	// Capture the Records cell for the issue as the table draws it.
	var cell fyne.CanvasObject
	lockUI(func() {
		orig := w.records.table.UpdateCell
		w.records.table.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
			orig(id, o)
			if id.Row == int(is.Row) && id.Col == int(is.Col) {
				cell = o
			}
		}
		w.records.table.Refresh()
		if w.records.selRow != int(is.Row) || w.records.selCol != int(is.Col) {
			t.Errorf("records selected %d,%d want %d,%d", w.records.selRow, w.records.selCol, is.Row, is.Col)
		}
		if cell == nil {
			t.Fatal("the issue's cell is not on screen in the Records tab")
		}
		if got := cellTint(cell); got != tint(validation.Error, true) {
			t.Errorf("bad cell tint %v, want the error tint", got)
		}
		if v := res.Table.Value(int(is.Row), int(is.Col)); cellTextOf(cell) != fitText(v, cell.Size().Width-2*theme.InnerPadding(), fyne.TextStyle{}) {
			t.Errorf("cell shows %q, value %q", cellTextOf(cell), v)
		}
		if !strings.Contains(w.records.cellText.Text, res.Message(is, false)) {
			t.Errorf("cell detail %q lacks the message", w.records.cellText.Text)
		}
		if len(w.records.person.Objects) == 0 {
			t.Error("the person view is empty")
		}
	})
}

// Cancel stops a long run (nothing more is read) and the window says
// "Cancelled".
func TestCancelStopsALongRun(t *testing.T) {
	path := samplePath(t)
	recs := sampleRows(t, path)
	w, win := newTestWindow(t)
	// Each open makes a new source (the window may open it twice).
	var cur atomic.Pointer[endlessSource]
	lockUI(func() {
		w.startRun(&runInput{name: "endless.csv", src: func() (reader.Source, error) {
			s := &endlessSource{header: recs[0], row: recs[1], delay: 20 * time.Millisecond}
			cur.Store(s)
			return s, nil
		}})
	})
	rows := func() int64 {
		if s := cur.Load(); s != nil {
			return s.rows.Load()
		}
		return 0
	}
	// Wait until it is well under way, with live issues possibly showing.
	deadline := time.Now().Add(20 * time.Second)
	for rows() < 20000 {
		if time.Now().After(deadline) {
			t.Fatal("the run did not start")
		}
		time.Sleep(10 * time.Millisecond)
	}
	var done chan struct{}
	var t0 time.Time
	lockUI(func() {
		if !w.progress.content.Visible() {
			t.Error("no progress row while running")
		}
		done = w.run.done
		t0 = time.Now()
		test.Tap(w.progress.cancel)
	})
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("the run did not stop")
	}
	// How fast is measured by scripts/bench-ui.sh (cancel_latency_ms), not
	// here: a busy CI machine would make a timed assertion flaky.
	t.Logf("cancel latency %s", time.Since(t0))
	settle(t, w)
	lockUI(func() {
		if !strings.Contains(w.status.Text, "Cancelled") {
			t.Errorf("status %q", w.status.Text)
		}
		if w.progress.content.Visible() || w.run.running() || w.res != nil {
			t.Error("the window still looks busy")
		}
		if rep := repeatedLines(visibleProse(win)); len(rep) > 0 {
			t.Errorf("after Cancel a line is shown twice: %q", rep)
		}
	})
	read := rows()
	time.Sleep(100 * time.Millisecond)
	if rows() != read {
		t.Error("rows are still being read after the cancel")
	}
}

// Issues appear while the check runs, before it ends.
func TestIssuesAppearWhileRunning(t *testing.T) {
	path := samplePath(t)
	recs := sampleRows(t, path)
	w, _ := newTestWindow(t)
	bad := append([]string(nil), recs[1]...)
	for i, h := range recs[0] {
		if h == "NHS Number" {
			bad[i] = "123" // not 10 digits: an error on every row
		}
	}
	lockUI(func() {
		w.startRun(&runInput{name: "endless.csv", src: func() (reader.Source, error) {
			return &endlessSource{header: recs[0], row: bad, delay: 10 * time.Millisecond}, nil
		}})
	})
	deadline := time.Now().Add(20 * time.Second)
	for {
		var n int
		lockUI(func() { n = w.issues.rowCount() })
		if n > 0 {
			lockUI(func() {
				if !w.run.running() {
					t.Error("the run ended: live issues must come from the running check " +
						"(if the engine panicked rendering them, the window checked again without them)")
				}
				found := false
				for i := 0; i < n; i++ {
					if txt, _ := w.issues.cellText(i, icColumn); txt == "NHS Number" {
						found = true
						if ev, _ := w.issues.cellText(i, icEvent); ev == "" {
							t.Error("a live issue shows no event type")
						}
						if p, _ := w.issues.cellText(i, icPerson); p == "" {
							t.Error("a live issue shows no person ID")
						}
						break
					}
				}
				if !found {
					t.Error("the NHS Number issues are not listed live")
				}
				if !strings.Contains(w.issues.count.Text, "so far") {
					t.Errorf("count %q", w.issues.count.Text)
				}
			})
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no issue appeared while running (validation.Options.OnIssues must work: see the crash log)")
		}
		time.Sleep(20 * time.Millisecond)
	}
	lockUI(func() { w.run.cancelRun() })
}

// Paste from Excel: tab-separated text with its header row.
func TestPasteFromExcel(t *testing.T) {
	recs := sampleRows(t, samplePath(t))
	var b strings.Builder
	for _, r := range recs[:201] {
		b.WriteString(strings.Join(r, "\t") + "\r\n")
	}
	text := b.String()
	src, err := reader.FromText(text, validation.ReaderOptions())
	if err != nil {
		t.Fatal(err)
	}
	want, err := validation.Validate(t.Context(), src, validation.Options{})
	if err != nil {
		t.Fatal(err)
	}
	w, win := newTestWindow(t)
	lockUI(func() {
		w.app.Clipboard().SetContent(text)
		win.Canvas().(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutPaste{})
	})
	settle(t, w)
	lockUI(func() {
		if w.res == nil {
			t.Fatalf("paste did not check: %q", seen(w).message)
		}
		if w.res.Table.Len() != 200 || len(w.res.Issues) != len(want.Issues) {
			t.Errorf("pasted: %d rows, %d issues; want 200, %d", w.res.Table.Len(), len(w.res.Issues), len(want.Issues))
		}
		if !strings.Contains(win.Title(), "pasted data") {
			t.Errorf("title %q", win.Title())
		}
	})
	// Text that is not rows gets a plain message, not a check.
	lockUI(func() {
		w.app.Clipboard().SetContent("hello")
		w.pasteFromClipboard()
		if !strings.Contains(seen(w).message, "does not look like rows") {
			t.Errorf("message %q", seen(w).message)
		}
	})
}

// A path typed or pasted in the box (with Explorer's quotes) opens.
func TestTypedPathOpens(t *testing.T) {
	path := samplePath(t)
	w, _ := newTestWindow(t)
	lockUI(func() {
		w.open.path.SetText(`  "` + path + `"  `)
		w.open.path.OnSubmitted(w.open.path.Text)
	})
	settle(t, w)
	lockUI(func() {
		if w.res == nil || w.input.path != path {
			t.Fatalf("typed path not opened: %q", seen(w).message)
		}
	})
	lockUI(func() {
		w.open.path.SetText(filepath.Join(t.TempDir(), "missing.xlsx"))
		w.open.openTyped()
		if !strings.Contains(seen(w).message, "could not be found") {
			t.Errorf("missing file message %q", seen(w).message)
		}
		w.open.path.SetText(t.TempDir())
		w.open.openTyped()
		if !strings.Contains(seen(w).message, "is a folder") {
			t.Errorf("folder message %q", seen(w).message)
		}
	})
}

// A file dropped onto the window opens; of two dropped at once, the first
// is checked and the status line says only it was.
func TestDroppedFileOpens(t *testing.T) {
	path := samplePath(t)
	w, _ := newTestWindow(t)
	lockUI(func() {
		w.dropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(path), storage.NewFileURI(path + ".other")})
		if want := "Only " + filepath.Base(path) + " was opened: the window checks one file at a time."; w.status.Text != want {
			t.Errorf("status after dropping two files %q, want %q", w.status.Text, want)
		}
		// The status line is replaced when the check ends; the message stays.
		if want := filepath.Base(path) + ".other was not opened: open it when this check has finished."; !strings.Contains(seen(w).message, want) {
			t.Errorf("message after dropping two files %q, want it to contain %q", seen(w).message, want)
		}
	})
	settle(t, w)
	lockUI(func() {
		if w.res == nil || w.input.path != path {
			t.Fatal("dropped file not checked")
		}
		if !strings.HasPrefix(w.status.Text, filepath.Base(path)+": ") || !strings.Contains(w.status.Text, " rows checked against Release ") {
			t.Errorf("status after the check %q", w.status.Text)
		}
	})
}

// The Recent list keeps the last five files, newest first, no repeats.
func TestRecentKeepsFive(t *testing.T) {
	path := samplePath(t)
	dir := t.TempDir()
	w, win := newTestWindow(t)
	var files []string
	for i := 0; i < 7; i++ {
		files = append(files, copyFile(t, path, dir, "cld"+string(rune('A'+i))+".csv"))
	}
	for _, f := range append(files, files[3]) {
		lockUI(func() { w.openPath(f) })
		settle(t, w)
	}
	lockUI(func() {
		got := w.recentFiles()
		want := []string{files[3], files[6], files[5], files[4], files[2]}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("recent %v\nwant %v", got, want)
		}
		menu := win.MainMenu()
		var recent *fyne.MenuItem
		for _, it := range menu.Items[0].Items {
			if it.Label == "Recent files" {
				recent = it
			}
		}
		if recent == nil || len(recent.ChildMenu.Items) != 5 {
			t.Fatal("the File menu has no Recent list of 5")
		}
		// The welcome page lists them too (5 buttons and a heading).
		if n := len(w.summary.recent.Objects); n != 6 {
			t.Errorf("welcome page lists %d recent objects", n)
		}
	})
}

// The Excel report honours the personal-data choice, through the dialog.
func TestExportMasksPersonalDataUnlessAsked(t *testing.T) {
	path := samplePath(t)
	w, _ := newTestWindow(t, path)
	settle(t, w)
	dir := t.TempDir()
	save := func(name string, personal bool) string {
		out := filepath.Join(dir, name)
		lockUI(func() {
			w.showExportDialog()
			sd := seen(w).save
			if !strings.HasSuffix(sd.path.Text, " - CLD report.xlsx") {
				t.Errorf("default report path %q", sd.path.Text)
			}
			sd.path.SetText(out)
			sd.personal.SetChecked(personal)
			sd.save()
		})
		settle(t, w)
		lockUI(func() {
			if !strings.HasPrefix(seen(w).message, "Saved: ") {
				t.Fatalf("not saved: %q", seen(w).message)
			}
		})
		return out
	}
	nhs := allNHSNumbers(t, w.res)
	masked := save("masked.xlsx", false)
	lockUI(func() {
		if w.includePersonal() {
			t.Error("choice not remembered as off")
		}
	})
	if leaked := cellsContaining(t, masked, nhs); len(leaked) > 0 {
		t.Errorf("masked report contains NHS Numbers: %v", leaked[:min(3, len(leaked))])
	}
	full := save("full.xlsx", true)
	lockUI(func() {
		if !w.includePersonal() {
			t.Error("choice not remembered as on")
		}
	})
	if found := cellsContaining(t, full, nhs); len(found) == 0 {
		t.Error("the report with personal data has no NHS Numbers")
	}
}

func allNHSNumbers(t testing.TB, res *validation.Result) map[string]bool {
	f := res.Spec.Field("NHS_Number")
	c := res.FieldColumn(f)
	out := map[string]bool{}
	for _, is := range res.Issues {
		if is.Row >= 0 {
			if v := strings.TrimSpace(res.Table.Value(int(is.Row), c)); len(v) >= 9 {
				out[v] = true
			}
		}
	}
	if len(out) == 0 {
		t.Fatal("no NHS Numbers on issue rows")
	}
	return out
}

// cellsContaining lists cells of an xlsx that contain any of the values.
func cellsContaining(t testing.TB, path string, vals map[string]bool) []string {
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var hits []string
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			for _, c := range r {
				for v := range vals {
					if strings.Contains(c, v) {
						hits = append(hits, sh+": "+c)
					}
				}
			}
		}
	}
	return hits
}

// The CSV export writes the filtered issues.
func TestCSVOfFilteredIssues(t *testing.T) {
	path := samplePath(t)
	w, _ := newTestWindow(t, path)
	settle(t, w)
	lockUI(func() { w.issues.sevSel.SetSelected("Warnings") })
	settle(t, w)
	out := filepath.Join(t.TempDir(), "warnings.csv")
	var want int
	lockUI(func() {
		want = len(w.issues.view)
		w.issues.showCSVDialog()
		seen(w).save.path.SetText(out)
		seen(w).save.save()
	})
	settle(t, w)
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs)-1 != want || want == 0 {
		t.Errorf("CSV has %d issues, the filtered view %d", len(recs)-1, want)
	}
	sev := slices.Index(recs[0], "Severity")
	for _, r := range recs[1:] {
		if sev < 0 || r[sev] != "Warning" {
			t.Fatalf("CSV row is not a warning: %v (header %v)", r, recs[0])
		}
	}
}

// Keyboard shortcuts: Ctrl+Tab, Ctrl+Shift+Tab, Alt+number, Ctrl+F.
func TestShortcuts(t *testing.T) {
	w, win := newTestWindow(t, samplePath(t))
	settle(t, w)
	c := win.Canvas().(fyne.Shortcutable)
	ctrl := fyne.KeyModifierShortcutDefault
	lockUI(func() {
		c.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyTab, Modifier: ctrl})
		if w.tabs.SelectedIndex() != tabIssues {
			t.Errorf("Ctrl+Tab: tab %d", w.tabs.SelectedIndex())
		}
		c.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyTab, Modifier: ctrl | fyne.KeyModifierShift})
		c.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyTab, Modifier: ctrl | fyne.KeyModifierShift})
		if w.tabs.SelectedIndex() != tabMeasures { // the last tab: it wraps round
			t.Errorf("Ctrl+Shift+Tab twice: tab %d", w.tabs.SelectedIndex())
		}
		c.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.Key3, Modifier: fyne.KeyModifierAlt})
		if w.tabs.SelectedIndex() != tabRecords {
			t.Errorf("Alt+3: tab %d", w.tabs.SelectedIndex())
		}
		c.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: ctrl})
		if w.tabs.SelectedIndex() != tabIssues || win.Canvas().Focused() != w.issues.search {
			t.Error("Ctrl+F did not go to the search box")
		}
		c.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: ctrl})
		if seen(w).save == nil {
			t.Error("Ctrl+E did not open the save dialog")
		}
	})
	// The menu carries the same shortcuts.
	names := map[string]bool{}
	for _, m := range win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Shortcut != nil {
				names[it.Shortcut.ShortcutName()] = true
			}
		}
	}
	for _, k := range []fyne.KeyName{fyne.KeyO, fyne.KeyE, fyne.KeyF, fyne.KeyTab} {
		if !names[(&desktop.CustomShortcut{KeyName: k, Modifier: ctrl}).ShortcutName()] {
			t.Errorf("menu lacks Ctrl+%s", k)
		}
	}
}

// Going to a row lands on it exactly; rows that are not data are explained.
func TestGoToRow(t *testing.T) {
	w, _ := newTestWindow(t, samplePath(t))
	settle(t, w)
	res := w.res
	target := res.Table.Len() - 7
	lockUI(func() {
		w.selectTab(tabRecords)
		w.records.gotoEntry.SetText(validation.Commas(int(res.Table.RowNum[target])))
		w.records.gotoTyped()
		if w.records.selRow != target {
			t.Errorf("went to table row %d, want %d", w.records.selRow, target)
		}
		first := visibleFirstRow(w.records.table)
		if target < first || target > first+w.records.visibleRows() {
			t.Errorf("row %d not in view (first visible %d)", target, first)
		}
		w.records.gotoEntry.SetText("1")
		w.records.gotoTyped()
		if !strings.Contains(seen(w).message, "header") {
			t.Errorf("header message %q", seen(w).message)
		}
		w.records.gotoEntry.SetText("99999999")
		w.records.gotoTyped()
		if !strings.Contains(seen(w).message, "data ends") {
			t.Errorf("past-end message %q", seen(w).message)
		}
		// Next problem moves to the next row with an issue.
		w.records.goTo(0, 0)
		w.records.jumpProblem(1)
		var first0 int = -1
		for _, is := range res.Issues {
			if is.Row > 0 {
				first0 = int(is.Row)
				break
			}
		}
		if w.records.selRow != first0 {
			t.Errorf("next problem went to %d, want %d", w.records.selRow, first0)
		}
	})
}

func visibleFirstRow(t *bigTable) int {
	return int(t.offset().Y / t.rowPitch())
}

func (t *recordsTab) visibleRows() int {
	return int(t.table.viewSize().Height / t.table.rowPitch())
}

// The person view lists the person's events in date order.
func TestPersonView(t *testing.T) {
	w, _ := newTestWindow(t, samplePath(t))
	settle(t, w)
	res := w.res
	row := firstRowWhere(res, func(r int) bool { return len(res.PersonRows(r)) >= 3 })
	if row < 0 {
		t.Fatal("no person in the sample has 3 events: this test needs one (has the sample changed?)")
	}
	lockUI(func() {
		w.records.goTo(row, 0)
		rows := res.PersonRows(row)
		var buttons []string
		for _, o := range w.records.person.Objects {
			if b, ok := o.(*button); ok {
				buttons = append(buttons, b.Text)
			}
		}
		if len(buttons) != len(rows) {
			t.Fatalf("person view lists %d events, want %d", len(buttons), len(rows))
		}
		for i, r := range rows {
			if !strings.HasPrefix(buttons[i], "Row "+validation.Commas(int(res.Table.RowNum[r]))+" ") {
				t.Errorf("event %d is %q, want row %d", i, buttons[i], res.Table.RowNum[r])
			}
		}
	})

	// What stands out in a person's history is shown under the event.
	noted := firstRowWhere(res, func(r int) bool {
		return slices.ContainsFunc(res.TimelineNotes(res.PersonRows(r)), func(n []string) bool { return len(n) > 0 })
	})
	if noted < 0 {
		t.Fatal("no person in the sample has a timeline note (a long gap or the same service twice)")
	}
	lockUI(func() {
		w.records.goTo(noted, 0)
		want := 0
		for _, n := range res.TimelineNotes(res.PersonRows(noted)) {
			want += len(n)
		}
		got := 0
		for _, o := range w.records.person.Objects {
			if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, "In this person's history: ") {
				got++
			}
		}
		if got != want {
			t.Errorf("%d history notes shown, want %d", got, want)
		}
	})
}

// firstRowWhere is the first table row for which ok holds, or -1.
func firstRowWhere(res *validation.Result, ok func(r int) bool) int {
	for r := 0; r < res.Table.Len(); r++ {
		if ok(r) {
			return r
		}
	}
	return -1
}

// Copying masks personal data, even when reports were last saved with it
// (before, Ctrl+C followed the report's "include personal data" tick);
// Copy with personal data (a button, Edit menu, Ctrl+Shift+C) includes it.
func TestCopyMasksPersonalData(t *testing.T) {
	w, win := newTestWindow(t, samplePath(t))
	settle(t, w)
	res := w.res
	pos := -1
	for i, is := range res.Issues {
		if is.Row >= 0 && res.Personal(int(is.Col)) && strings.TrimSpace(res.CellValue(is)) != "" {
			pos = i
			break
		}
	}
	if pos < 0 {
		t.Fatal("no issue in the sample is about a filled-in personal field: this test needs one (has the sample changed?)")
	}
	raw := res.CellValue(res.Issues[pos])
	lockUI(func() {
		w.setIncludePersonal(true) // as if the last report included it
		w.selectTab(tabIssues)
		w.issues.table.selectCell(pos, 0)
		win.Canvas().(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutCopy{})
		if got := w.app.Clipboard().Content(); strings.Contains(got, raw) || got == "" {
			t.Errorf("Ctrl+C copied %q (raw value %q)", got, raw)
		}
		test.Tap(w.issues.copyBtn)
		if got := w.app.Clipboard().Content(); strings.Contains(got, raw) || got == "" {
			t.Errorf("Copy copied %q (raw value %q)", got, raw)
		}
		test.Tap(w.issues.copyPersonalBtn)
		if got := w.app.Clipboard().Content(); !strings.Contains(got, raw) {
			t.Errorf("Copy with personal data copied %q", got)
		}
		w.app.Clipboard().SetContent("")
		win.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyC, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift})
		if got := w.app.Clipboard().Content(); !strings.Contains(got, raw) {
			t.Errorf("Ctrl+Shift+C copied %q", got)
		}
		// The Records tab: the cell's value, the same way.
		w.selectTab(tabRecords)
		w.records.goTo(int(res.Issues[pos].Row), int(res.Issues[pos].Col))
		w.copySelection()
		if got := w.app.Clipboard().Content(); got == raw || got == "" {
			t.Errorf("Records copy %q", got)
		}
		w.copyWithPersonal()
		if got := w.app.Clipboard().Content(); got != raw {
			t.Errorf("Records copy with personal data %q, want %q", got, raw)
		}
	})
}

// A file that is not a spreadsheet gets a plain message, and no crash.
func TestUnreadableFileGetsPlainMessage(t *testing.T) {
	p := filepath.Join(t.TempDir(), "photo.xlsx")
	junk := make([]byte, 4096)
	for i := range junk {
		junk[i] = byte(i * 7)
	}
	os.WriteFile(p, junk, 0o644)
	w, _ := newTestWindow(t, p)
	settle(t, w)
	lockUI(func() {
		if w.res != nil {
			t.Fatal("a broken file produced a result")
		}
		if !strings.Contains(seen(w).message, "photo.xlsx") || strings.Contains(seen(w).message, "panic") {
			t.Errorf("message %q", seen(w).message)
		}
		if w.run.running() || w.progress.content.Visible() {
			t.Error("still busy")
		}
	})
}

// A panic on a background goroutine is contained: a dialog, a crash log
// without cell values, and a window that still works.
func TestPanicIsContainedAndLogged(t *testing.T) {
	w, _ := newTestWindow(t)
	secret := "9434765919"
	w.goSafe("testing", func() {
		var rows []string
		_ = rows[len(secret)] // a runtime error (no value in it): index out of range
	}, nil)
	settle(t, w)
	lockUI(func() {
		if !strings.Contains(seen(w).message, "internal problem") || !strings.Contains(seen(w).message, CrashLogDir()) {
			t.Errorf("message %q", seen(w).message)
		}
	})
	entries, _ := os.ReadDir(CrashLogDir())
	if len(entries) != 1 {
		t.Fatalf("%d crash logs", len(entries))
	}
	b, _ := os.ReadFile(filepath.Join(CrashLogDir(), entries[0].Name()))
	if !strings.Contains(string(b), "index out of range [10] with length 0") || strings.Contains(string(b), secret) {
		t.Errorf("crash log:\n%s", b)
	}
	// Non-runtime panic values are withheld: they may hold data.
	w.goSafe("testing", func() { panic("row 12: " + secret) }, nil)
	settle(t, w)
	b, _ = os.ReadFile(filepath.Join(CrashLogDir(), entries[0].Name()))
	if strings.Contains(string(b), secret) {
		t.Error("crash log contains the panic's data")
	}
}

// Charts are drawn when their tab is shown, at the size shown.
func TestChartsDrawAtTheirSize(t *testing.T) {
	w, win := newTestWindow(t, samplePath(t))
	settle(t, w)
	lockUI(func() { w.selectTab(tabCharts) })
	waitFor(t, func() bool { return w.charts.view.img.Image != nil }, "chart drawn")
	lockUI(func() {
		b := w.charts.view.img.Image.Bounds()
		s := w.charts.view.Size()
		if b.Dx() != int(s.Width) || b.Dy() != int(s.Height) {
			t.Errorf("chart %v for a %v view", b, s)
		}
		win.Resize(fyne.NewSize(1000, 700))
	})
	waitFor(t, func() bool {
		return w.charts.view.img.Image != nil && w.charts.view.img.Image.Bounds().Dx() == int(w.charts.view.Size().Width)
	}, "chart redrawn after resize")
}

func waitFor(t testing.TB, cond func() bool, what string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		var ok bool
		lockUI(func() { ok = cond() })
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for: %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// The Rules tab lists every rule and field, and finds them.
func TestRulesTab(t *testing.T) {
	w, _ := newTestWindow(t)
	spec, _ := validation.LoadSpec(validation.R1)
	lockUI(func() {
		if got, want := len(w.rules.entries), len(spec.Rules.All())+len(spec.Fields)+2; got != want {
			t.Errorf("%d entries, want %d", got, want)
		}
		w.rules.search.SetText("NHS Number")
		if len(w.rules.entries) < 3 || len(w.rules.entries) > 20 {
			t.Errorf("search found %d entries", len(w.rules.entries))
		}
		w.rules.list.Select(1)
		if w.rules.body.Text == "" {
			t.Error("no explanation shown")
		}
	})
}
