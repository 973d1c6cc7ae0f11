package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// writeTwoSheets writes a workbook with an "Example" sheet (the header and
// 3 rows) before the "Data" sheet, saved with Example open, as excelize
// writes it.
func writeTwoSheets(t *testing.T, recs [][]string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Example")
	f.NewSheet("Data")
	for _, s := range []struct {
		name string
		rows [][]string
	}{{"Example", recs[:4]}, {"Data", recs}} {
		sw, err := f.NewStreamWriter(s.name)
		if err != nil {
			t.Fatal(err)
		}
		for r, rec := range s.rows {
			vals := make([]any, len(rec))
			for c, v := range rec {
				vals[c] = v
			}
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			sw.SetRow(cell, vals)
		}
		sw.Flush()
	}
	f.SetActiveSheet(0)
	path := filepath.Join(t.TempDir(), "two sheets.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// The Summary tab warns with the verdict when another worksheet holds rows,
// and Worksheet… checks the one chosen.
func TestWorksheetChooser(t *testing.T) {
	recs := sampleRows(t, samplePath(t))
	path := writeTwoSheets(t, recs)
	w, _ := newTestWindow(t)
	lockUI(func() { w.openPath(path) })
	settle(t, w)
	lockUI(func() {
		if w.res == nil || w.res.Info.Sheet != "Example" || w.res.Table.Len() != 3 {
			t.Fatalf("first check: %+v", w.res)
		}
		if !w.summary.sheetBtn.Visible() {
			t.Error("Worksheet… is hidden for a workbook with two matching sheets")
		}
		if v := w.summary.verdict.Text; strings.Contains(v, "ready to submit") {
			t.Errorf("verdict %q", v)
		}
		if sub := w.summary.verdictSub.Text; !strings.HasPrefix(sub, "Warning: Only the worksheet 'Example' (3 rows) was checked, but 'Data'") || strings.Contains(sub, "no warnings either") {
			t.Errorf("the warning is not with the verdict: %q", sub)
		}
		if strings.Contains(w.summary.notes.Text, "Only the worksheet") {
			t.Errorf("the warning is repeated among the notes: %q", w.summary.notes.Text)
		}
		w.showSheetChooser()
		sc := seen(w).sheets
		var data string
		for label, name := range sc.names {
			if name == "Data" {
				data = label
			}
		}
		if sc.radio.Selected != "Example (3 rows, checked now)" || !strings.HasPrefix(data, "Data (") {
			t.Fatalf("chooser offers %q, selected %q", sc.radio.Options, sc.radio.Selected)
		}
		sc.radio.SetSelected(data)
		sc.check()
	})
	settle(t, w)
	lockUI(func() {
		if w.res == nil || w.res.Info.Sheet != "Data" || w.res.Table.Len() != len(recs)-1 || w.input.sheet != "Data" {
			t.Fatalf("after choosing Data: %+v", w.res.Info)
		}
		if sub := w.summary.verdictSub.Text; !strings.Contains(sub, "Only the worksheet 'Data'") {
			t.Errorf("warning after the choice: %q", sub)
		}
		// Check again (Ctrl+R) keeps the worksheet chosen.
		w.recheck()
	})
	settle(t, w)
	lockUI(func() {
		if w.res.Info.Sheet != "Data" {
			t.Errorf("check again read %q", w.res.Info.Sheet)
		}
	})
}
