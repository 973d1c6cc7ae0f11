package ui

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"cldvalidator/compare"
	"cldvalidator/sample"
	"cldvalidator/validation"
)

// writeRows writes a CSV file of a header and rows.
func writeRows(t testing.TB, path string, recs [][]string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	if err := w.WriteAll(recs); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func colIndex(t testing.TB, header []string, name string) int {
	t.Helper()
	for i, h := range header {
		if h == name {
			return i
		}
	}
	t.Fatalf("no column %q", name)
	return -1
}

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

func hasEnabledItem(items []*fyne.MenuItem, label string) bool {
	for _, it := range items {
		if it.Label == label {
			return !it.Disabled
		}
	}
	return false
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

// Convert to Release 2…: the preview lists a known mapping (Carer →
// Unpaid carer) with values that have no equivalent first, and the saved
// copy checks as Release 2; the original is unchanged.
func TestConvertToRelease2(t *testing.T) {
	dir := t.TempDir()
	in := copyFile(t, samplePath(t), dir, "CLD Q2.csv")
	before := fileSHA(t, in)
	w, _ := newTestWindow(t, in)
	settle(t, w)
	lockUI(func() {
		if w.res.Spec.Release != validation.R1 {
			t.Fatalf("the sample checked as %s", w.res.Spec.Release)
		}
		if !hasEnabledItem(w.win.MainMenu().Items[0].Items, "Convert to Release 2…") || w.summary.convertBtn.Hidden {
			t.Error("Convert is not offered for a Release 1 file")
		}
		test.Tap(w.summary.convertBtn)
	})
	settle(t, w)
	var v *convertView
	lockUI(func() { v = seen(w).conversion })
	if v == nil {
		t.Fatalf("no preview shown: %q", seen(w).message)
	}
	lockUI(func() {
		if v.table.rows() != len(v.rows) || len(v.rows) == 0 {
			t.Fatalf("preview table has %d rows for %d values", v.table.rows(), len(v.rows))
		}
		found := false
		for i, vm := range v.rows {
			if vm.Field == "Client Type" && vm.From == "Carer" {
				found = true
				if to, _, _ := v.cell(i, 2); to != "Unpaid carer" {
					t.Errorf("Carer becomes %q", to)
				}
				note, _, _ := v.cell(i, 4)
				if !vm.Verified && !strings.Contains(note, "inferred") {
					t.Errorf("an inferred mapping is noted as %q", note)
				}
			}
		}
		if !found {
			t.Error("the preview does not list Client Type: Carer")
		}
		if v.rows[0].Outcome != validation.MapNoEquivalent {
			t.Errorf("first line is %v, want a value with no Release 2 equivalent", v.rows[0].Outcome)
		}
		if _, fg, tint := v.cell(0, 1); fg != fgError || tint == nil {
			t.Error("values with no equivalent are not highlighted")
		}
		if !strings.Contains(v.summary.Text, "no Release 2 equivalent") {
			t.Errorf("summary %q", v.summary.Text)
		}
		v.saveBtn.OnTapped()
		if want := filepath.Join(dir, "CLD Q2 - Release 2.csv"); seen(w).save.path.Text != want {
			t.Errorf("default name %q, want %q", seen(w).save.path.Text, want)
		}
		seen(w).save.save()
	})
	settle(t, w)
	out := filepath.Join(dir, "CLD Q2 - Release 2.csv")
	lockUI(func() {
		if seen(w).message != "Saved: "+out {
			t.Fatalf("not saved: %q", seen(w).message)
		}
	})
	res := engineResult(t, out)
	if res.Spec.Release != validation.R2 {
		t.Errorf("the converted copy checks as %s", res.Spec.Release)
	}
	if res.Table.Len() != w.res.Table.Len() {
		t.Errorf("the copy has %d rows, the file %d", res.Table.Len(), w.res.Table.Len())
	}
	if fileSHA(t, in) != before {
		t.Error("the original file was changed")
	}
	// A Release 2 file has nothing to convert.
	lockUI(func() {
		w.openPath(out)
	})
	settle(t, w)
	lockUI(func() {
		if hasEnabledItem(w.win.MainMenu().Items[0].Items, "Convert to Release 2…") || !w.summary.convertBtn.Hidden {
			t.Error("Convert is offered for a Release 2 file")
		}
	})
}

func fileSHA(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// telecareFile is the sample with one service's component set to Telecare,
// which Release 1's list does not have.
func telecareFile(t testing.TB) string {
	recs := sampleRows(t, samplePath(t))
	c := colIndex(t, recs[0], "Service Component")
	for _, r := range recs[1:] {
		if r[c] != "" {
			r[c] = "Telecare"
			break
		}
	}
	p := filepath.Join(t.TempDir(), "telecare.csv")
	writeRows(t, p, recs)
	return p
}

// telecareIssues counts the issues raised about the value Telecare.
func telecareIssues(w *Window) int {
	n := 0
	for _, is := range w.res.Issues {
		if w.res.ColumnName(is) == "Service Component" && w.res.Value(is, false) == "Telecare" {
			n++
		}
	}
	return n
}

func examplePack(t testing.TB) string {
	p, err := filepath.Abs(filepath.Join("..", "docs", "examples", "service-component-pack.json"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Settings → Spec pack…: a valid pack is remembered, named beside the
// status and applied at once (Telecare becomes valid); an invalid one is
// refused with its own explanation and changes nothing; Remove goes back.
func TestSpecPackSetting(t *testing.T) {
	in := telecareFile(t)
	w, _ := newTestWindow(t, in)
	settle(t, w)
	var base int
	lockUI(func() { base = telecareIssues(w) })
	if base == 0 {
		t.Fatal("Telecare should be flagged by the built-in rules")
	}
	pack := examplePack(t)
	lockUI(func() {
		w.showPackDialog()
		seen(w).chooser.path.SetText(pack)
		seen(w).chooser.choose()
	})
	settle(t, w)
	lockUI(func() {
		if w.pack == nil || w.prefs.String(prefPack) != pack {
			t.Fatalf("pack not set: %q", seen(w).message)
		}
		if w.packBtn.Hidden || !strings.Contains(w.packBtn.Text, "Example: Telecare") {
			t.Errorf("pack name not shown: %q (hidden %v)", w.packBtn.Text, w.packBtn.Hidden)
		}
		if w.res == nil || w.res.Spec.PackNote == "" {
			t.Fatal("the file was not checked again with the pack")
		}
		if n := telecareIssues(w); n != 0 {
			t.Errorf("with the pack, Telecare still has %d issues", n)
		}
		if !strings.Contains(w.status.Text, "with the spec pack") {
			t.Errorf("status %q", w.status.Text)
		}
	})

	// Invalid packs: broken JSON, and a field that does not exist.
	dir := t.TempDir()
	broken := filepath.Join(dir, "broken.json")
	os.WriteFile(broken, []byte(`{"format": "cld-spec-pack/1", "name": `), 0o644)
	unknown := filepath.Join(dir, "unknown-field.json")
	os.WriteFile(unknown, []byte(`{"format": "cld-spec-pack/1", "name": "x", "release": "R1", "fields": {"No_Such_Field": {"add_values": [{"value": "y"}]}}}`), 0o644)
	for _, bad := range []string{broken, unknown} {
		_, perr := loadPack(bad)
		if perr == nil {
			t.Fatalf("%s loaded", bad)
		}
		var res *validation.Result
		lockUI(func() {
			res = w.res
			w.usePack(bad)
		})
		settle(t, w)
		lockUI(func() {
			if !strings.HasPrefix(seen(w).message, "That spec pack cannot be used: "+sentence(perr.Error())) {
				t.Errorf("message %q does not give the pack's error %q", seen(w).message, perr)
			}
			if !strings.Contains(seen(w).message, "Example: Telecare") {
				t.Errorf("message %q does not say the pack in use stays", seen(w).message)
			}
			if w.prefs.String(prefPack) != pack || w.pack == nil || w.pack.Name != "Example: Telecare as a Service Component" {
				t.Error("an invalid pack changed the setting")
			}
			if w.res != res {
				t.Error("an invalid pack started a check")
			}
		})
	}

	lockUI(func() { w.removePack() })
	settle(t, w)
	lockUI(func() {
		if w.pack != nil || w.prefs.String(prefPack) != "" || !w.packBtn.Hidden {
			t.Error("the pack was not removed")
		}
		if n := telecareIssues(w); n != base {
			t.Errorf("without the pack Telecare has %d issues, want %d", n, base)
		}
	})
}

// At start-up the remembered pack is used; a missing one is reported once
// and forgotten, and the window carries on without it.
func TestSpecPackAtStartUp(t *testing.T) {
	start := func(packPath string) (*Window, fyne.App) {
		SetCrashLogDir(t.TempDir())
		a := test.NewTempApp(t)
		a.Preferences().SetString(prefPack, packPath)
		win := a.NewWindow(AppTitle)
		var w *Window
		lockUI(func() { w = create(a, win, nil, &recorder{}) })
		t.Cleanup(func() { waitAll(w) })
		return w, a
	}
	w, _ := start(examplePack(t))
	lockUI(func() {
		if w.pack == nil || w.packBtn.Hidden {
			t.Error("the remembered pack was not loaded")
		}
	})
	gone := filepath.Join(t.TempDir(), "moved.json")
	w, a := start(gone)
	lockUI(func() {
		if w.pack != nil {
			t.Error("a missing pack is in use")
		}
		if !strings.HasPrefix(seen(w).message, "Spec pack not used") || !strings.Contains(seen(w).message, "moved.json") {
			t.Errorf("message %q", seen(w).message)
		}
		if a.Preferences().String(prefPack) != "" {
			t.Error("the missing pack is still remembered, so it would be reported at every start")
		}
	})
}

// The check the window runs hashes the file for the report's receipt.
func TestCheckFingerprintsTheFile(t *testing.T) {
	in := copyFile(t, samplePath(t), t.TempDir(), "fp.csv")
	w, _ := newTestWindow(t, in)
	settle(t, w)
	lockUI(func() {
		if w.res.InputSHA256 != fileSHA(t, in) {
			t.Errorf("result SHA-256 %q, want the file's", w.res.InputSHA256)
		}
	})
}

// "Passed" is rounded down: a field with any failure never shows 100%.
func TestPassedPercentRoundsDown(t *testing.T) {
	for _, c := range []struct {
		ok, total int
		want      string
	}{
		{199977, 200000, "99.9%"}, {200000, 200000, "100%"}, {0, 0, "100%"}, {9995, 10000, "99.9%"},
		{1, 3, "33.3%"}, {2, 3, "66.6%"}, {0, 5, "0.0%"}, {999999, 1000000, "99.9%"}, {995, 1000, "99.5%"},
	} {
		if got := passedPercent(c.ok, c.total); got != c.want {
			t.Errorf("%d of %d: %q, want %q", c.ok, c.total, got, c.want)
		}
	}
	// Through the Summary tab's field-quality table.
	w, _ := newTestWindow(t)
	mand, valid, invalid := int(validation.StatusMandatory), int(validation.ValidityValid), int(validation.ValidityInvalid)
	var failing, clean validation.FieldQuality
	failing.Field, failing.Present = "NHS Number", true
	failing.Counts[mand][valid], failing.Counts[mand][invalid] = 199977, 23
	clean.Field, clean.Present = "Gender", true
	clean.Counts[mand][valid] = 200000
	lockUI(func() {
		w.summary.res = &validation.Result{Summary: &validation.Summary{Fields: []validation.FieldQuality{failing, clean}}}
		w.summary.buildFieldCols()
		cell := newTextCell()
		cell.Resize(fyne.NewSize(120, 30))
		for row, want := range []string{"99.9%", "100%"} {
			w.summary.updateFieldCell(widget.TableCellID{Row: row, Col: 1}, cell)
			if got := cellTextOf(cell); got != want {
				t.Errorf("row %d shows %q, want %q", row, got, want)
			}
		}
	})
}
