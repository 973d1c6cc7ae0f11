package reader

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Choosing the worksheet a person would mean (issue 14).

// cldScore rates a header as the validation engine does in spirit: enough
// template column names, or not a header.
func cldScore(cells []string) int {
	known := map[string]bool{"LA Code": true, "NHS Number": true, "Event Type": true, "Event Start Date": true, "Postcode": true}
	n := 0
	for _, c := range cells {
		if known[c] {
			n++
		}
	}
	if n < 3 {
		return 0
	}
	return n
}

var cldHeader = []any{"LA Code", "NHS Number", "Event Type", "Event Start Date", "Postcode"}

// addCLDSheet writes the header and rows data rows (first cell tag, so the
// test can tell which sheet was read) to a sheet of an excelize workbook.
func addCLDSheet(t *testing.T, f *excelize.File, name string, rows int, tag string) int {
	t.Helper()
	idx, err := f.NewSheet(name)
	if err != nil {
		t.Fatal(err)
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := sw.SetRow("A1", cldHeader); err != nil {
		t.Fatal(err)
	}
	for r := 0; r < rows; r++ {
		cell, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(cell, []any{tag, "9434765919", "Request", "01/04/2024", "LS1 4AP"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	return idx
}

// saveBook saves an excelize workbook under a temporary folder.
func saveBook(t *testing.T, f *excelize.File) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "book.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

func joined(s []string) string { return strings.Join(s, "\n") }

func TestSheetChoice(t *testing.T) {
	type sheet struct {
		name   string
		rows   int // -1: a sheet without the template's header
		hidden bool
	}
	cases := []struct {
		name      string
		sheets    []sheet
		active    string
		opt       string
		read      string // tag of the sheet read (its name)
		rows      int
		why       string // in the note
		warn      string // in the warnings ("" for none)
		alsoNoted string // another sheet named in the notes
	}{
		{"example first, saved open on it", []sheet{{"Example", 3, false}, {"Data", 2000, false}}, "Example", "",
			"Example", 3, "the worksheet that was open when the workbook was last saved", "'Data' (2,000 rows) also holds rows", "'Data' (2,000 rows)"},
		{"example first, saved open on the data", []sheet{{"Example", 3, false}, {"Data", 2000, false}}, "Data", "",
			"Data", 2000, "the worksheet that was open when the workbook was last saved", "'Example' (3 rows) also holds rows", "'Example' (3 rows)"},
		{"blank template first", []sheet{{"Template", 0, false}, {"Data", 2000, false}}, "Template", "",
			"Data", 2000, "the only worksheet with the template's header that holds data rows ('Template', open when the workbook was last saved, has the header but no data rows)", "", "'Template' (no data rows)"},
		{"last quarter first, notes open", []sheet{{"Notes", -1, false}, {"Q4 2024", 1950, false}, {"Q1 2025", 2000, false}}, "Notes", "",
			"Q1 2025", 2000, "the worksheet with the template's header that holds the most rows", "'Q4 2024' (1,950 rows) also holds rows", "'Q4 2024' (1,950 rows)"},
		{"a larger hidden sheet", []sheet{{"Notes", -1, false}, {"Data", 100, false}, {"Archive", 500, true}}, "Notes", "",
			"Data", 100, "the visible worksheet with the template's header that holds the most rows", "'Archive' (500 rows, hidden)", ""},
		{"the user's choice", []sheet{{"Example", 3, false}, {"Data", 2000, false}}, "Example", " data ",
			"Data", 2000, "the worksheet you chose", "'Example' (3 rows) also holds rows", ""},
		{"one matching sheet", []sheet{{"Read me", -1, false}, {"CLD", 10, false}}, "Read me", "",
			"CLD", 10, "the only worksheet whose header names the template's columns", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := excelize.NewFile()
			for i, s := range c.sheets {
				if s.rows < 0 {
					f.NewSheet(s.name)
					f.SetCellValue(s.name, "A1", "How to fill in the template")
				} else {
					addCLDSheet(t, f, s.name, s.rows, s.name)
				}
				if i == 0 {
					f.DeleteSheet("Sheet1")
				}
			}
			for _, s := range c.sheets {
				if s.hidden {
					if err := f.SetSheetVisible(s.name, false); err != nil {
						t.Fatal(err)
					}
				}
			}
			active, err := f.GetSheetIndex(c.active)
			if err != nil || active < 0 {
				t.Fatalf("no sheet %q", c.active)
			}
			f.SetActiveSheet(active)
			path := saveBook(t, f)
			got := mustRead(t, path, Options{HeaderScore: cldScore, Sheet: c.opt})
			info := got.src.Info()
			if info.Sheet != c.read || len(got.rows) != c.rows || (c.rows > 0 && got.rows[0][0] != c.read) {
				t.Fatalf("read sheet %q, %d rows; want %q, %d rows\nnotes: %s", info.Sheet, len(got.rows), c.read, c.rows, joined(info.Notes))
			}
			notes := joined(info.Notes)
			if !strings.Contains(notes, "the data was read from '"+c.read+"', "+c.why+".") {
				t.Errorf("the note does not say why %q was read (%q):\n%s", c.read, c.why, notes)
			}
			if c.alsoNoted != "" && !strings.Contains(notes, c.alsoNoted) {
				t.Errorf("the notes do not name %s:\n%s", c.alsoNoted, notes)
			}
			warnings := joined(info.Warnings)
			if c.warn == "" && warnings != "" {
				t.Errorf("unexpected warning: %s", warnings)
			}
			if c.warn != "" && (!strings.Contains(warnings, c.warn) || !strings.Contains(warnings, "Only the worksheet '"+c.read+"'")) {
				t.Errorf("warnings should name the unread sheet (%q) and the one read:\n%s", c.warn, warnings)
			}
			var read []string
			for _, s := range info.Sheets {
				if s.Read {
					read = append(read, s.Name)
					if s.DataRows != c.rows {
						t.Errorf("the sheet read reports %d data rows, want %d", s.DataRows, c.rows)
					}
				}
			}
			if fmt.Sprint(read) != "["+c.read+"]" || len(info.Sheets) != len(c.sheets) {
				t.Errorf("Info.Sheets %+v", info.Sheets)
			}
		})
	}
}

func TestSheetChosenDoesNotExist(t *testing.T) {
	f := excelize.NewFile()
	addCLDSheet(t, f, "Data", 2, "x")
	path := saveBook(t, f)
	_, err := readXLSX(t, path, Options{HeaderScore: cldScore, Sheet: "Dta"})
	wantError(t, err, "no worksheet called 'Dta'. Its worksheets are 'Sheet1' and 'Data'", false)
}
