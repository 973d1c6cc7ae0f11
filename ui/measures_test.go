package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"cldvalidator/validation"
)

// writeR1 writes a Release 1 CSV whose rows are the given header → value
// maps over a complete, valid long-term community service row.
func writeR1(t *testing.T, rows ...map[string]string) string {
	t.Helper()
	spec, err := validation.LoadSpec(validation.R1)
	if err != nil {
		t.Fatal(err)
	}
	base := map[string]string{
		"LA Code": "503", "Reporting Period Start Date": "01/04/2024", "Reporting Period End Date": "31/03/2025",
		"NHS Number": "9434765919", "LA Person Unique Identifier": "P1", "First Name": "Ann", "Last Name": "Smith",
		"Gender": "Female", "Ethnicity": "White - Irish", "Date of Birth": "15/06/1950", "Client Type": "Service User",
		"Primary Support Reason": "Mental Health Support", "Postcode": "SW1A 1AA", "Accommodation Status": "Tenant",
		"Employment Status": "Unknown", "Has Unpaid Carer": "No", "Client Funding Status": "Fully Social Care Funded",
		"Event Type": "Service", "Event Start Date": "01/05/2024", "Event Outcome": "Provision of service",
		"Service Type": "Long Term Support: Community", "Service Component": "Home Support",
		"Delivery Mechanism": "CASSR Commissioned Support", "Unit Cost": "100", "Cost Frequency (Unit Type)": "Weekly", "Planned units per week": "1",
	}
	var b strings.Builder
	b.WriteString(strings.Join(spec.Headers(), ",") + "\n")
	for _, r := range rows {
		var cells []string
		for _, h := range spec.Headers() {
			v, ok := r[h]
			if !ok {
				v = base[h]
			}
			cells = append(cells, v)
		}
		b.WriteString(strings.Join(cells, ",") + "\n")
	}
	p := filepath.Join(t.TempDir(), "cld.csv")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// "Why is my nursing-care count 0?" in two clicks: choose the table, click
// the cell. The nursing service below has an Event Start Date that does
// not exist, so LTS001a leaves it out; the nursing cell is 0 and the rows
// left out for that column say why.
func TestMeasuresTabExplainsAZero(t *testing.T) {
	path := writeR1(t,
		map[string]string{},
		map[string]string{"NHS Number": "4010232137", "LA Person Unique Identifier": "P2", "Service Type": "Long Term Support: Nursing Care",
			"Service Component": "Long Term Nursing Care", "Delivery Mechanism": "", "Event Start Date": "31/02/2024"},
	)
	w, _ := newTestWindow(t, path)
	settle(t, w)
	lockUI(func() {
		mt := w.measures
		if mt.rep == nil {
			t.Fatalf("no measures shown: %q", mt.status.Text)
		}
		i := slices.IndexFunc(mt.tables, func(r tableRef) bool { return r.t.ID == "LTS001a T1b" })
		if i < 0 {
			t.Fatal("no LTS001a table 1b in the list")
		}
		w.selectTab(tabMeasures)
		mt.list.Select(i) // click 1: the table
		tb := mt.tables[mt.current].t
		row, col := slices.Index(tb.Rows, "Mental Health Support"), slices.Index(tb.Cols, "Nursing")
		mt.grid.Select(widget.TableCellID{Row: row, Col: col + 1}) // click 2: the cell (column 0 holds the row labels)
		if len(mt.entries) != 0 || !strings.Contains(mt.behindL.Text, ": 0 people") {
			t.Errorf("the nursing cell should count no one: %q, %d entries", mt.behindL.Text, len(mt.entries))
		}
		if len(mt.groups) == 0 || !strings.Contains(mt.groups[0].text, "would count in Nursing") ||
			!strings.Contains(mt.groups[0].text, "Event Start Date: Date does not exist") {
			t.Fatalf("the first left-out line should explain the nursing zero: %q", mt.groups)
		}
		// The community cell counts P1, masked, on row 2.
		mt.grid.Select(widget.TableCellID{Row: row, Col: slices.Index(tb.Cols, "Community: CASSR Commissioned Support") + 1})
		if len(mt.entries) != 1 {
			t.Fatalf("the community cell should count P1: %d entries", len(mt.entries))
		}
		if got := mt.entryText(mt.entries[0]); got != "P1: row 2" {
			t.Errorf("entry %q, want %q", got, "P1: row 2")
		}
		mt.left.Select(0)
		if !strings.Contains(w.status.Text, "row 3") {
			t.Errorf("choosing a left-out group should list its rows: %q", w.status.Text)
		}
		if !strings.Contains(mt.method.Text, "d6ff762f") || !strings.Contains(mt.status.Text, "not official statistics") {
			t.Errorf("the tab must name the method and say the figures are a replication: %q / %q", mt.method.Text, mt.status.Text)
		}
	})
}

// Opening another file empties the Measures tab at once: the figures of the
// file before must never sit beside the new file's name while it is checked.
func TestMeasuresTabClearsWhenAnotherFileIsOpened(t *testing.T) {
	first := writeR1(t, map[string]string{})
	second := filepath.Join(t.TempDir(), "second.csv")
	if err := os.WriteFile(second, []byte("LA Code\n503\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	w, _ := newTestWindow(t, first)
	settle(t, w)
	lockUI(func() {
		if w.measures.rep == nil {
			t.Fatalf("no measures shown for the first file: %q", w.measures.status.Text)
		}
		w.openPath(second)
		mt := w.measures
		if mt.rep != nil || len(mt.tables) != 0 || mt.title.Text != "" {
			t.Errorf("the first file's measures are still shown: %d tables, title %q", len(mt.tables), mt.title.Text)
		}
		if !strings.Contains(mt.status.Text, "second.csv") {
			t.Errorf("the status should name the file being checked: %q", mt.status.Text)
		}
	})
	settle(t, w) // second.csv is not a CLD file: the check is refused
	lockUI(func() {
		if st := w.measures.status.Text; !strings.Contains(st, "second.csv could not be checked") {
			t.Errorf("after the refusal the tab should say why it is empty: %q", st)
		}
	})
}

// Proportions show their numerator, denominator, percentage and a bar.
func TestMeasuresTabProportion(t *testing.T) {
	w, _ := newTestWindow(t, samplePath(t))
	settle(t, w)
	lockUI(func() {
		mt := w.measures
		i := slices.IndexFunc(mt.tables, func(r tableRef) bool { return r.t.ID == "ASCOF 2E 65+" })
		if i < 0 {
			t.Fatalf("no ASCOF 2E table (status %q)", mt.status.Text)
		}
		mt.list.Select(i)
		tb := mt.tables[mt.current].t
		if got := mt.gridCols[len(mt.gridCols)-1].title; got != "%" {
			t.Errorf("last column %q, want %%", got)
		}
		if len(mt.bars.Objects) == 0 {
			t.Error("a proportion should be drawn as bars")
		}
		p, _ := tb.Percent(len(tb.Rows) - 1)
		if p <= 0 || p > 100 {
			t.Errorf("total %.1f%%", p)
		}
	})
}

// TestMeasuresScreenshot saves a picture of the Measures tab on the
// bundled sample (software rendered) when CLD_SCREENSHOT_DIR is set, for a
// reviewer to look at.
func TestMeasuresScreenshot(t *testing.T) {
	dir := os.Getenv("CLD_SCREENSHOT_DIR")
	if dir == "" {
		t.Skip("set CLD_SCREENSHOT_DIR to save the picture")
	}
	w, win := newTestWindow(t, samplePath(t))
	settle(t, w)
	save := func(name string) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, win.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
	}
	lockUI(func() {
		mt := w.measures
		w.selectTab(tabMeasures)
		mt.list.Select(slices.IndexFunc(mt.tables, func(r tableRef) bool { return r.t.ID == "LTS001b T1b" }))
		tb := mt.tables[mt.current].t
		mt.grid.Select(widget.TableCellID{Row: slices.Index(tb.Rows, "Physical Support: Personal care support"), Col: slices.Index(tb.Cols, "Nursing") + 1})
		save("11-measures.png")
		mt.list.Select(slices.IndexFunc(mt.tables, func(r tableRef) bool { return r.t.ID == "ASCOF 3D 1a" }))
		mt.grid.Select(widget.TableCellID{Row: 2, Col: 1})
		save("12-measures-proportion.png")
	})
}
