package report

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"cldvalidator/compare"
	"cldvalidator/validation"
)

// WriteComparisonXLSX writes a comparison of two submissions: a summary,
// the events missing from the new file, the events whose key details
// changed, and every issue marked new, resolved or still present. Values in
// the comparison are already masked (or not) by compare.Compare; inputs are
// the two files compared, which are never overwritten.
func WriteComparisonXLSX(path string, c *compare.Comparison, inputs []string) error {
	return SaveFile(path, inputs, func(w io.Writer) error {
		f := excelize.NewFile()
		defer f.Close()
		bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
		if err := writeComparisonSummary(f, c, bold); err != nil {
			return err
		}
		for _, write := range []func(*excelize.File, *compare.Comparison, int) error{
			writeMissingEvents, writeChangedEvents, writeComparedIssues,
		} {
			if err := write(f, c, bold); err != nil {
				return err
			}
		}
		_, err := f.WriteTo(w)
		return err
	})
}

// writeComparisonSummary writes the Summary sheet: the two files and the
// counts of events and issues.
func writeComparisonSummary(f *excelize.File, c *compare.Comparison, bold int) error {
	const sum = "Summary"
	f.SetSheetName("Sheet1", sum)
	rows := [][]any{
		{"Comparison of two CLD submissions"},
		{"Older file", c.OldName},
		{"Newer file", c.NewName},
		{"Months in both reporting periods", orText(c.Overlap, "none")},
		{},
		{"Events in the older file", c.Counts.OldEvents},
		{"Events in the newer file", c.Counts.NewEvents},
		{"Older events inside the shared months", c.Counts.InOverlap},
		{"Events found in both files", c.Counts.Matched},
		{"Missing from the newer file (inside the shared months)", c.Counts.Missing},
		{"Events only in the newer file", c.Counts.Added},
		{"Events whose key details changed", c.Counts.Changed},
		{},
		{"Issues new in the newer file", c.Counts.IssuesNew},
		{"Issues resolved since the older file", c.Counts.IssuesGone},
		{"Issues still present", c.Counts.IssuesStill},
		{"Errors in the older file", c.Counts.ErrorsOld},
		{"Errors in the newer file", c.Counts.ErrorsNew},
	}
	for _, n := range c.Notes {
		rows = append(rows, []any{"Note", n})
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow(sum, cell, &r)
	}
	f.SetCellStyle(sum, "A1", "A1", bold)
	f.SetColWidth(sum, "A", "A", 55)
	f.SetColWidth(sum, "B", "B", 50)
	return setUsedRange(f, sum)
}

// writeMissingEvents writes the events missing from the newer file.
func writeMissingEvents(f *excelize.File, c *compare.Comparison, bold int) error {
	eventCols := []string{"Row in older file", "Person ID", "Event Type", "Event Start Date", "Event End Date", "Event Reference", "Detail"}
	return writeComparisonTable(f, bold, "Missing events", eventCols, []float64{10, 16, 12, 14, 14, 18, 50}, len(c.Missing), func(i int) []any {
		e := c.Missing[i]
		return []any{e.Row, e.Person, e.EventType, e.Start, e.End, e.Reference, e.Detail}
	})
}

// writeChangedEvents writes the events whose key details changed, one
// line per changed field.
func writeChangedEvents(f *excelize.File, c *compare.Comparison, bold int) error {
	type line struct {
		ch compare.Change
		fc compare.FieldChange
	}
	var lines []line
	for _, ch := range c.Changed {
		for _, fc := range ch.Fields {
			lines = append(lines, line{ch, fc})
		}
	}
	return writeComparisonTable(f, bold, "Changed events", []string{"Row in older file", "Row in newer file", "Person ID", "Event Type", "Field", "Older value", "Newer value"},
		[]float64{10, 10, 16, 12, 24, 30, 30}, len(lines), func(i int) []any {
			l := lines[i]
			return []any{l.ch.Old.Row, l.ch.New.Row, l.ch.New.Person, l.ch.New.EventType, l.fc.Field, l.fc.Old, l.fc.New}
		})
}

// writeComparedIssues writes every issue of either file, marked new,
// resolved or still present, in compare.IssueColumns.
func writeComparedIssues(f *excelize.File, c *compare.Comparison, bold int) error {
	heads, widths := []string{"State", "Row in older file", "Row in newer file"}, []float64{14, 10, 10}
	for _, col := range compare.IssueColumns {
		heads, widths = append(heads, col.Heading), append(widths, col.Excel)
	}
	return writeComparisonTable(f, bold, "Issues", heads, widths, len(c.Issues), func(i int) []any {
		d := c.Issues[i]
		row := []any{d.State.String(), blankZero(d.OldRow), blankZero(d.NewRow)}
		for _, v := range d.Cells {
			row = append(row, v)
		}
		return row
	})
}

// writeComparisonTable writes a sheet of n rows under a frozen, filtered
// header row.
func writeComparisonTable(f *excelize.File, bold int, name string, header []string, widths []float64, n int, row func(i int) []any) error {
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	if err := setStreamRange(f, name, len(header), n+1); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for i, wd := range widths {
		sw.SetColWidth(i+1, i+1, wd)
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	hdr := make([]any, len(header))
	for i, h := range header {
		hdr[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", hdr); err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		ref, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(ref, row(i)); err != nil {
			return err
		}
	}
	// The autofilter element is written by Flush, so it is set first.
	last, _ := excelize.CoordinatesToCellName(len(header), max(n+1, 2))
	if err := f.AutoFilter(name, "A1:"+last, nil); err != nil {
		return err
	}
	return sw.Flush()
}

func orText(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

func blankZero(n int) any {
	if n == 0 {
		return ""
	}
	return n
}

// ComparisonText is the comparison's counts as a few plain-English lines,
// for the command line.
func ComparisonText(c *compare.Comparison) string {
	n := validation.Commas
	k := c.Counts
	s := fmt.Sprintf("Compared %s (older) with %s (newer).\n", c.OldName, c.NewName)
	if c.Overlap != "" {
		s += fmt.Sprintf("Months in both reporting periods: %s.\n", c.Overlap)
		s += fmt.Sprintf("%s of %s older events in those months are missing from the newer file.\n", n(k.Missing), n(k.InOverlap))
	}
	s += fmt.Sprintf("%s in both files; %s of them changed key details; %s only in the newer file.\n",
		validation.Plural(k.Matched, "event is", "events are"), n(k.Changed), validation.Plural(k.Added, "event is", "events are"))
	s += fmt.Sprintf("Issues: %s new, %s resolved, %s still present (errors: %s before, %s now).\n",
		n(k.IssuesNew), n(k.IssuesGone), n(k.IssuesStill), n(k.ErrorsOld), n(k.ErrorsNew))
	for _, note := range c.Notes {
		s += "Note: " + note + "\n"
	}
	return s
}
