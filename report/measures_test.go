package report

import (
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"cldvalidator/measures"
)

// The Excel report has a Measures sheet listing every table with a link,
// and a sheet per table whose cells are the figures of measures.Compute.
func TestMeasureSheets(t *testing.T) {
	dir, _, res := fixture(t)
	rep, err := measures.Compute(res)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "report.xlsx")
	if err := WriteXLSX(out, res, Options{Measures: rep}); err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, out)
	sheets := f.GetSheetList()
	if !slices.Contains(sheets, SheetMeasures) {
		t.Fatalf("no %s sheet in %q", SheetMeasures, sheets)
	}
	tables := 0
	for _, m := range rep.Measures {
		for _, tb := range m.Tables {
			tables++
			if !slices.Contains(sheets, tb.ID) {
				t.Errorf("no sheet for table %s", tb.ID)
				continue
			}
			rows, err := f.GetRows(tb.ID)
			if err != nil {
				t.Fatal(err)
			}
			// Find the header row, then compare every count.
			h := slices.IndexFunc(rows, func(r []string) bool { return len(r) > 1 && r[1] == tb.Cols[0] })
			if h < 0 {
				t.Fatalf("%s: no header row", tb.ID)
			}
			for i, label := range tb.Rows {
				r := rows[h+1+i]
				if r[0] != label {
					t.Fatalf("%s row %d: %q, want %q", tb.ID, i, r[0], label)
				}
				for c, n := range tb.Counts[i] {
					if r[1+c] != strconv.Itoa(n) {
						t.Errorf("%s %q × %q: %q, want %d", tb.ID, label, tb.Cols[c], r[1+c], n)
					}
				}
			}
		}
	}
	if len(sheets) != 4+1+tables+len(issueSheetNames(len(res.Issues)))-1 {
		t.Errorf("%d sheets for %d tables: %q", len(sheets), tables, sheets)
	}
	if v := cell(t, f, SheetMeasures, "A2"); v != measures.Disclaimer {
		t.Errorf("the Measures sheet should say the figures are a replication, not official: %q", v)
	}
}

func TestNoMeasureSheetsWhenAsked(t *testing.T) {
	dir, _, res := fixture(t)
	out := filepath.Join(dir, "report.xlsx")
	if err := WriteXLSX(out, res, Options{NoMeasures: true}); err != nil {
		t.Fatal(err)
	}
	if slices.Contains(openXLSX(t, out).GetSheetList(), SheetMeasures) {
		t.Error("NoMeasures should leave the measures out")
	}
}
