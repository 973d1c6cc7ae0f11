package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"cldvalidator/validation"
)

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
