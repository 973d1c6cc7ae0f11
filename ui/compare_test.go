package ui

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"cldvalidator/compare"
	"cldvalidator/sample"
	"cldvalidator/validation"
)

// comparePair writes last quarter's file (generated) and this quarter's:
// the same rows less every 12th, a few services whose end date was added,
// and a misspelt Gender every 100 rows.
func comparePair(t testing.TB) (older, newer string) {
	t.Helper()
	dir := t.TempDir()
	older = filepath.Join(dir, "CLD previous.csv")
	if _, err := sample.WriteFile(older, sample.Options{Rows: 1500, Seed: 11, ErrorRate: 0.03}); err != nil {
		t.Fatal(err)
	}
	recs := sampleRows(t, older)
	typ, end, ref := colIndex(t, recs[0], "Event Type"), colIndex(t, recs[0], "Event End Date"), colIndex(t, recs[0], "Event Reference")
	gender := colIndex(t, recs[0], "Gender")
	out := [][]string{recs[0]}
	ended := 0
	for i, r := range recs[1:] {
		if i%12 == 5 {
			continue // dropped: a missing event if it falls in the shared months
		}
		if ended < 4 && r[typ] == "Service" && r[end] == "" && r[ref] != "" {
			r = append([]string(nil), r...)
			r[end] = "15/09/2025"
			ended++
		}
		if i%100 == 7 { // a new mistake
			r = append([]string(nil), r...)
			r[gender] = "Femail"
		}
		out = append(out, r)
	}
	if ended == 0 {
		t.Fatal("the sample has no open services with a reference")
	}
	newer = filepath.Join(dir, "CLD current.csv")
	writeRows(t, newer, out)
	return older, newer
}

// Compare with previous file…: the older file is dropped onto the dialog,
// checked in the background, and the Compare tab shows the engine's
// comparison in plain English and in its tables; the saved workbook has
// the same counts and no NHS Numbers unless asked for.
func TestCompareWithPreviousFile(t *testing.T) {
	older, newer := comparePair(t)
	want := compare.Compare(engineResult(t, older), engineResult(t, newer), false)
	if want.Counts.Missing == 0 || want.Counts.Changed == 0 || want.Counts.IssuesNew == 0 || want.Counts.IssuesStill == 0 {
		t.Fatalf("the test files should differ: %+v", want.Counts)
	}
	t.Logf("comparison: %+v", want.Counts)
	w, _ := newTestWindow(t, newer)
	settle(t, w)
	lockUI(func() {
		if it := w.win.MainMenu().Items[0].Items; !hasEnabledItem(it, "Compare with previous file…") {
			t.Error("Compare is not enabled in the File menu after a check")
		}
		test.Tap(w.summary.compareBtn) // the Summary tab's button
		if seen(w).chooser == nil || w.dropTarget == nil {
			t.Fatal("no file dialog waiting for a drop")
		}
		w.dropped(fyne.NewPos(5, 5), []fyne.URI{storage.NewFileURI(older)})
	})
	settle(t, w)
	lockUI(func() {
		if w.dropTarget != nil {
			t.Error("drops still go to the closed dialog")
		}
		if w.cmp == nil {
			t.Fatalf("no comparison shown; message %q, status %q", seen(w).message, w.status.Text)
		}
		if w.tabs.Selected() != w.cmp.item || w.tabs.Selected().Text != "Compare" {
			t.Error("the Compare tab is not shown")
		}
		got := w.cmp.cur.c
		if got.Counts != want.Counts {
			t.Errorf("counts %+v, want %+v", got.Counts, want.Counts)
		}
		n := want.Counts
		for _, s := range []struct{ label, want string }{
			{w.cmp.missingL.Text, fmt.Sprintf("%s events from the older file's shared months are missing from this file (of %s in those months)", validation.Commas(n.Missing), validation.Commas(n.InOverlap))},
			{w.cmp.issuesL.Text, fmt.Sprintf("%s new, %s resolved, %s still present", validation.Plural(n.IssuesNew, "issue is", "issues are"), validation.Commas(n.IssuesGone), validation.Commas(n.IssuesStill))},
			{w.cmp.eventsL.Text, fmt.Sprintf("%s of them", validation.Commas(n.Changed))},
			{w.cmp.overlap.Text, want.Overlap},
		} {
			if !strings.Contains(s.label, s.want) {
				t.Errorf("the tab says %q; want it to say %q", s.label, s.want)
			}
		}
		if r := w.cmp.missing.rows(); r != len(want.Missing) {
			t.Errorf("missing table has %d rows, want %d", r, len(want.Missing))
		}
		if s, _ := w.cmp.missingCell(0, 0); s != rowText(want.Missing[0].Row) {
			t.Errorf("first missing row %q, want %d", s, want.Missing[0].Row)
		}
		fields := 0
		for _, ch := range want.Changed {
			fields += len(ch.Fields)
		}
		if r := w.cmp.changed.rows(); r != fields {
			t.Errorf("changed table has %d rows, want %d", r, fields)
		}
		if s, _ := w.cmp.changedCell(0, 4); s != want.Changed[0].Fields[0].Field {
			t.Errorf("first changed field %q, want %q", s, want.Changed[0].Fields[0].Field)
		}
		if r := w.cmp.issues.rows(); r != len(want.Issues) {
			t.Errorf("issues table has %d rows, want %d", r, len(want.Issues))
		}
		for opt, state := range map[int]compare.IssueState{stateNew: compare.IssueNew, stateResolved: compare.IssueResolved, stateStill: compare.IssueStill} {
			w.cmp.stateSel.SetSelectedIndex(opt)
			k := 0
			for _, d := range want.Issues {
				if d.State == state {
					k++
				}
			}
			if len(w.cmp.view) != k {
				t.Errorf("%s shows %d issues, want %d", state, len(w.cmp.view), k)
			}
			for row := range w.cmp.view {
				if s, _ := w.cmp.deltaCell(row, 0); s != state.String() {
					t.Fatalf("filter %s shows a %q issue", state, s)
				}
			}
		}
		// A changed event opens in the Records tab.
		w.cmp.selectChanged(0)
		w.cmp.showRecord()
		if w.tabs.SelectedIndex() != tabRecords {
			t.Error("Show in Records did not open the Records tab")
		}
	})

	// The saved workbook, masked.
	out := filepath.Join(t.TempDir(), "comparison.xlsx")
	lockUI(func() {
		w.showCompareTab()
		w.cmp.showSaveDialog()
		if !strings.HasSuffix(seen(w).save.path.Text, "CLD current - comparison.xlsx") {
			t.Errorf("default path %q", seen(w).save.path.Text)
		}
		seen(w).save.path.SetText(out)
		seen(w).save.personal.SetChecked(false)
		seen(w).save.save()
	})
	settle(t, w)
	lockUI(func() {
		if seen(w).message != "Saved: "+out {
			t.Fatalf("not saved: %q", seen(w).message)
		}
	})
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	summary := map[string]string{}
	rows, _ := f.GetRows("Summary")
	for _, r := range rows {
		if len(r) >= 2 {
			summary[r[0]] = r[1]
		}
	}
	for label, n := range map[string]int{
		"Missing from the newer file (inside the shared months)": want.Counts.Missing,
		"Events whose key details changed":                       want.Counts.Changed,
		"Issues new in the newer file":                           want.Counts.IssuesNew,
		"Issues resolved since the older file":                   want.Counts.IssuesGone,
		"Issues still present":                                   want.Counts.IssuesStill,
	} {
		if summary[label] != strconv.Itoa(n) {
			t.Errorf("workbook %q = %q, want %d", label, summary[label], n)
		}
	}
	if missing, _ := f.GetRows("Missing events"); len(missing)-1 != want.Counts.Missing {
		t.Errorf("Missing events sheet has %d rows, want %d", len(missing)-1, want.Counts.Missing)
	}
	if leaked := cellsContaining(t, out, allNHSNumbers(t, engineResult(t, older))); len(leaked) > 0 {
		t.Errorf("the masked comparison has NHS Numbers: %v", leaked[:min(3, len(leaked))])
	}

	// A new check replaces the file compared: the tab goes.
	lockUI(func() { w.recheck() })
	settle(t, w)
	lockUI(func() {
		if w.cmp != nil || len(w.tabs.Items) != tabCompare {
			t.Error("the comparison of the previous check is still shown")
		}
	})
}

// Cancelling the older file's check leaves the window as it was.
func TestCompareCancel(t *testing.T) {
	older, newer := comparePair(t)
	w, _ := newTestWindow(t, newer)
	settle(t, w)
	lockUI(func() {
		w.startCompare(older, w.res, w.input)
		w.cancelCompare()
	})
	settle(t, w)
	lockUI(func() {
		if w.cmp != nil {
			t.Error("a cancelled comparison was shown")
		}
		if !strings.Contains(w.status.Text, "Comparison cancelled") {
			t.Errorf("status %q", w.status.Text)
		}
	})
}

// The file shown cannot be compared with itself, and a missing file is
// named in plain English with the dialog kept open.
func TestCompareRefusesBadChoices(t *testing.T) {
	_, newer := comparePair(t)
	w, _ := newTestWindow(t, newer)
	settle(t, w)
	lockUI(func() {
		w.showCompareDialog()
		seen(w).chooser.path.SetText(newer)
		seen(w).chooser.choose()
		if !strings.HasPrefix(seen(w).message, "That is the file already open") {
			t.Errorf("message %q", seen(w).message)
		}
		w.showCompareDialog()
		seen(w).chooser.path.SetText(filepath.Join(t.TempDir(), "gone.csv"))
		seen(w).chooser.choose()
		if !strings.HasPrefix(seen(w).message, "File not found") || w.dropTarget == nil {
			t.Errorf("message %q; dialog open %v", seen(w).message, w.dropTarget != nil)
		}
	})
	settle(t, w)
	lockUI(func() {
		if w.cmp != nil {
			t.Error("a comparison was made")
		}
	})
}
