package reader

import (
	"archive/zip"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A workbook written by a program that stores formulas without working
// them out (excelize, openpyxl): their cells have no value.
func TestXLSXUncalculatedFormulas(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &cldHeader)
	for r := 2; r <= 6; r++ {
		f.SetCellFormula("Sheet1", fmt.Sprintf("A%d", r), `"50"&"3"`)
		f.SetSheetRow("Sheet1", fmt.Sprintf("B%d", r), &[]any{"9434765919", "Request", "01/04/2024", "LS1 4AP"})
	}
	// Another sheet of formulas (a summary) does not stop the data being
	// read; it is not the sheet checked.
	f.NewSheet("Totals")
	f.SetCellFormula("Totals", "A1", "COUNTA(Sheet1!A:A)")
	path := saveBook(t, f)
	sheetXML := zipPartText(t, path, "xl/worksheets/sheet1.xml")
	if !regexp.MustCompile(`<c r="A2"[^>]*><f>[^<]*</f></c>`).MatchString(sheetXML) {
		t.Fatalf("excelize no longer writes formulas without values; the test needs another writer:\n%s", sheetXML)
	}
	_, err := readXLSX(t, path, Options{HeaderScore: cldScore})
	e := wantError(t, err, "formula that has never been calculated", false)
	if e.Row != 2 || e.Column != "LA Code" || !strings.Contains(e.Message, "Open the workbook in Excel, save it") {
		t.Errorf("the message should name row 2, column LA Code and say what to do: %v", e)
	}

	// A header made of formulas: the header is not in the file.
	f = excelize.NewFile()
	for i, h := range cldHeader {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		f.SetCellFormula("Sheet1", cell, `"`+h.(string)+`"`)
	}
	f.SetSheetRow("Sheet1", "A2", &[]any{"503", "9434765919", "Request", "01/04/2024", "LS1 4AP"})
	_, err = readXLSX(t, saveBook(t, f), Options{HeaderScore: cldScore})
	if e := wantError(t, err, "formula that has never been calculated", false); e.Row != 1 {
		t.Errorf("header formulas: row %d", e.Row)
	}

	// Formulas with their values (as Excel saves them) read as values.
	f = excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &cldHeader)
	sw, _ := f.NewStreamWriter("Sheet1")
	sw.SetRow("A1", cldHeader)
	sw.SetRow("A2", []any{excelize.Cell{Formula: `"50"&"3"`, Value: "503"}, "9434765919", "Request", "01/04/2024", "LS1 4AP"})
	sw.Flush()
	got := mustRead(t, saveBook(t, f), Options{HeaderScore: cldScore})
	wantRows(t, got, [][]string{{"503", "9434765919", "Request", "01/04/2024", "LS1 4AP"}}, []int{2})
}

// zipPartText is one part of a zip, as text.
func zipPartText(t *testing.T, path, name string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == name {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return string(b)
		}
	}
	t.Fatalf("%s has no part %s", path, name)
	return ""
}

// A single text value too large to hold: the message gives its size, not
// the size limit of the whole table.
func TestXLSXOversizedStringMessage(t *testing.T) {
	big := strings.Repeat("x", 4<<20)
	h := handBuilt{sst: []string{"<t>H</t>", "<t>" + big + "</t>"}, sheets: []hbSheet{{name: "S", xml: `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>`}}}
	_, err := readXLSX(t, h.write(t), Options{})
	e := wantError(t, err, "one text value in the workbook is more than 3.0 MB long", true)
	if strings.Contains(e.Message, "1.0 GB") {
		t.Errorf("the message gives the table's limit: %s", e.Message)
	}
	// Under the scanner's bound but over the cell limit: the exact size.
	h = handBuilt{sst: []string{"<t>H</t>", "<t>" + strings.Repeat("é", 40000) + "</t>"}, sheets: []hbSheet{{name: "S", xml: `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>`}}}
	_, err = readXLSX(t, h.write(t), Options{Limits: Limits{MaxCellBytes: 65536}})
	if e := wantError(t, err, "this cell holds 40,000 characters of text", true); e.Row != 2 || e.Column != "H" {
		t.Errorf("names row %d column %q", e.Row, e.Column)
	}
}

func TestXLSXCellsOutOfOrder(t *testing.T) {
	h := handBuilt{sheets: []hbSheet{{name: "S", xml: `
<row r="1"><c r="C1" t="inlineStr"><is><t>Event Type</t></is></c><c r="A1" t="inlineStr"><is><t>LA Code</t></is></c><c t="inlineStr"><is><t>NHS Number</t></is></c></row>
<row r="2"><c r="C2" t="inlineStr"><is><t>Request</t></is></c><c r="A2"><v>503</v></c><c r="A2"><v>999</v></c><c r="B2"><v>9434765919</v></c></row>
<row r="3"><c r="B3"><v>2</v></c><c r="A3"><v>1</v></c></row>`}}}
	got := mustRead(t, h.write(t), Options{HeaderScore: cldScore})
	if fmt.Sprint(got.header) != "[LA Code NHS Number Event Type]" {
		t.Errorf("header %q", got.header)
	}
	wantRows(t, got, [][]string{{"503", "9434765919", "Request"}, {"1", "2", ""}}, []int{2, 3})
}
