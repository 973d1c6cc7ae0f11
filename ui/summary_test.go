package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"cldvalidator/validation"
)

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

// The pointer to the notes the Summary leaves out names a choice the
// Issues tab really has, and counts in words a reader expects.
func TestMoreNotesPointsToARealChoice(t *testing.T) {
	if !slices.Contains(severityOptions, "Notes") || severityOptions[0] != anySeverity {
		t.Fatalf("the severity list %q no longer starts with %q and offers Notes", severityOptions, anySeverity)
	}
	for n, want := range map[int]string{1: "…and 1 more note in the Issues tab", 7: "…and 7 more notes in the Issues tab"} {
		if got := moreNotes(n); !strings.HasPrefix(got, want) || !strings.Contains(got, "choose Notes") || !strings.Contains(got, anySeverity) {
			t.Errorf("moreNotes(%d) = %q", n, got)
		}
	}
}
