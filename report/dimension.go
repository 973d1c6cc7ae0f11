package report

import "github.com/xuri/excelize/v2"

// excelize writes every worksheet's <dimension> (the range of cells it
// uses) as "A1" whatever it holds, and readers that trust the declaration,
// such as openpyxl's read-only mode, then see a single cell. These set the
// true range.

// setUsedRange declares the range a sheet written with the normal API
// holds (small sheets: it reads the sheet back).
func setUsedRange(f *excelize.File, sheet string) error {
	rows, err := f.GetRows(sheet)
	if err != nil {
		return err
	}
	lastRow, lastCol := 0, 0
	for i, r := range rows {
		n := len(r)
		for n > 0 && r[n-1] == "" {
			n--
		}
		if n > 0 {
			lastRow = i + 1
			lastCol = max(lastCol, n)
		}
	}
	return f.SetSheetDimension(sheet, usedRange(lastCol, lastRow))
}

// setStreamRange declares the range of a sheet about to be written with a
// StreamWriter (which writes the declaration first): cols columns and rows
// rows from A1.
func setStreamRange(f *excelize.File, sheet string, cols, rows int) error {
	return f.SetSheetDimension(sheet, usedRange(cols, rows))
}

func usedRange(cols, rows int) string {
	if cols <= 0 || rows <= 0 {
		return "A1"
	}
	last, _ := excelize.CoordinatesToCellName(cols, rows)
	if last == "A1" {
		return "A1"
	}
	return "A1:" + last
}
