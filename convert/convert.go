// Package convert writes a Release 2 copy of a Release 1 CLD file: every
// list value with a known Release 2 equivalent is replaced (the r1_to_r2
// tables of the specification), everything else is copied as it is. The
// input is never changed; values with no equivalent are listed by Preview
// so the user can re-code them at source.
package convert

import (
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"cldvalidator/report"
	"cldvalidator/validation"
)

// Summary says what a conversion did.
type Summary struct {
	Rows           int
	ValuesChanged  int // cells whose value was replaced
	NoEquivalent   int // cells holding a Release 1 value with no Release 2 equivalent (kept)
	NotListed      int // cells holding a value of neither list (kept)
	R2Unknown      int // cells holding a valid Release 1 value whose Release 2 spelling is not published (kept)
	FieldsAffected []string
}

// ToR2 writes a Release 2 copy of a checked file to path (.csv or .xlsx).
func ToR2(path string, res *validation.Result) (*Summary, error) {
	m, err := validation.NewR2Mapper()
	if err != nil {
		return nil, err
	}
	t := res.Table
	// Work out each distinct value's conversion once per column.
	mapped := make([][]string, len(t.Cols))
	outcome := make([][]validation.MapOutcome, len(t.Cols))
	for c, col := range t.Cols {
		if col.Field == nil || !col.Field.IsList() {
			continue
		}
		mapped[c] = make([]string, col.Distinct())
		outcome[c] = make([]validation.MapOutcome, col.Distinct())
		for id := range mapped[c] {
			vm := m.Map(col.Field.Key, col.Value(uint32(id)))
			mapped[c][id], outcome[c][id] = vm.To, vm.Outcome
		}
	}
	sum := &Summary{Rows: t.Len()}
	affected := map[string]bool{}
	cell := func(r, c int) string {
		if mapped[c] == nil {
			return t.Value(r, c)
		}
		id := t.Cols[c].ID(r)
		switch outcome[c][id] {
		case validation.MapChanged:
			sum.ValuesChanged++
			affected[t.Cols[c].Field.Name] = true
		case validation.MapNoEquivalent:
			sum.NoEquivalent++
		case validation.MapNotListed:
			sum.NotListed++
		case validation.MapR2Unknown:
			sum.R2Unknown++
		}
		return mapped[c][id]
	}
	var write func(w io.Writer) error
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		write = func(w io.Writer) error { return writeCSV(w, t, cell) }
	case ".xlsx":
		write = func(w io.Writer) error { return writeXLSX(w, t, cell) }
	default:
		return nil, fmt.Errorf("%s: the converted copy must be a .csv or .xlsx file", filepath.Base(path))
	}
	if err := report.SaveFile(path, []string{res.Info.Path}, write); err != nil {
		return nil, err
	}
	for _, col := range t.Cols {
		if col.Field != nil && affected[col.Field.Name] {
			sum.FieldsAffected = append(sum.FieldsAffected, col.Field.Name)
		}
	}
	return sum, nil
}

// writeCSV writes UTF-8 with a byte-order mark and CRLF, as Excel's "CSV
// UTF-8" does, so the copy opens cleanly in Excel and uploads as CSV.
func writeCSV(w io.Writer, t *validation.Table, cell func(r, c int) string) error {
	if _, err := w.Write([]byte{0xEF, 0xBB, 0xBF}); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(t.Headers); err != nil {
		return err
	}
	rec := make([]string, len(t.Headers))
	for r := 0; r < t.Len(); r++ {
		for c := range rec {
			rec[c] = cell(r, c)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeXLSX writes one sheet with every cell as text, so identifiers and
// dates stay exactly as they were read.
func writeXLSX(w io.Writer, t *validation.Table, cell func(r, c int) string) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "CLD Data"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	row := make([]any, len(t.Headers))
	for c, h := range t.Headers {
		row[c] = h
	}
	if err := sw.SetRow("A1", row, excelize.RowOpts{}); err != nil {
		return err
	}
	for r := 0; r < t.Len(); r++ {
		for c := range row {
			row[c] = cell(r, c)
		}
		ref, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(ref, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}
