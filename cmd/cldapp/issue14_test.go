package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"cldvalidator/sample"
)

// Issue 14 end to end, through `cldapp check` as a user runs it: the
// worksheet a person means, formulas never calculated, results that could
// not be written, a CSV's encoding through `convert`.

// sampleTable is a generated CLD extract: the header, then rows.
func sampleTable(t *testing.T, rows int, seed int64) [][]string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "s.csv")
	if _, err := sample.WriteFile(p, sample.Options{Rows: rows, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	recs[0][0] = strings.TrimPrefix(recs[0][0], "\uFEFF")
	return recs
}

type bookSheet struct {
	name string
	rows [][]string // header included; nil for a sheet of notes
}

// writeBook writes sheets with excelize, the named one active (open when
// saved).
func writeBook(t *testing.T, path string, sheets []bookSheet, active string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			f.SetSheetName("Sheet1", s.name)
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		if s.rows == nil {
			f.SetCellValue(s.name, "A1", "Read me: how to fill in the template")
			continue
		}
		sw, err := f.NewStreamWriter(s.name)
		if err != nil {
			t.Fatal(err)
		}
		for r, rec := range s.rows {
			vals := make([]any, len(rec))
			for c, v := range rec {
				vals[c] = v
			}
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := sw.SetRow(cell, vals); err != nil {
				t.Fatal(err)
			}
		}
		if err := sw.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	idx, err := f.GetSheetIndex(active)
	if err != nil || idx < 0 {
		t.Fatalf("no sheet %q", active)
	}
	f.SetActiveSheet(idx)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func TestCheckReadsTheSheetMeant(t *testing.T) {
	table := sampleTable(t, 2000, 14)
	example := table[:4] // the header and 3 rows
	dir := t.TempDir()
	two := filepath.Join(dir, "two sheets.xlsx")
	writeBook(t, two, []bookSheet{{"Example", example}, {"Data", table}}, "Example")

	// Read as saved (the Example sheet was open): the verdict itself warns
	// that the Data sheet's 2,000 rows were not checked.
	report := filepath.Join(dir, "report.xlsx")
	_, out, stderr := run(t, "check", "--report", report, two)
	lines := strings.Split(out, "\n")
	if len(lines) < 3 || !strings.Contains(lines[0], "sheet Example") || !strings.Contains(lines[0], ": 3 rows") {
		t.Fatalf("first line should name the sheet read and its 3 rows:\n%s%s", out, stderr)
	}
	if strings.Contains(lines[1], "ready to submit") || !strings.HasPrefix(lines[2], "WARNING: Only the worksheet 'Example' (3 rows) was checked, but 'Data' (2,000 rows) also holds rows") {
		t.Errorf("the verdict should carry the warning:\n%s", strings.Join(lines[:3], "\n"))
	}
	f, err := excelize.OpenFile(report)
	if err != nil {
		t.Fatal(err)
	}
	a3, _ := f.GetCellValue("Summary", "A3")
	f.Close()
	if !strings.HasPrefix(a3, "WARNING: Only the worksheet 'Example'") {
		t.Errorf("the report's line under the verdict is %q", a3)
	}

	// --sheet chooses the other; the warning now names the example.
	code, out, stderr := run(t, "check", "--sheet", "Data", two)
	if code == exitUsage || !strings.Contains(out, "sheet Data") || !strings.Contains(out, ": 2000 rows") || !strings.Contains(out, "WARNING: Only the worksheet 'Data' (2,000 rows) was checked, but 'Example' (3 rows)") {
		t.Errorf("--sheet Data: exit %d\n%s%s", code, out, stderr)
	}
	code, _, stderr = run(t, "check", "--sheet", "Q3", two)
	if code != exitUsage || !strings.Contains(stderr, "no worksheet called 'Q3'. Its worksheets are 'Example' and 'Data'") {
		t.Errorf("unknown sheet: exit %d %s", code, stderr)
	}

	// A blank copy of the template first, open when saved: the data sheet
	// is read, and there is nothing to warn about.
	blank := filepath.Join(dir, "template first.xlsx")
	writeBook(t, blank, []bookSheet{{"Template", table[:1]}, {"Read me", nil}, {"Data", table}}, "Template")
	_, out, _ = run(t, "check", blank)
	if !strings.Contains(out, "sheet Data") || !strings.Contains(out, ": 2000 rows") || strings.Contains(out, "WARNING") {
		t.Errorf("template first:\n%s", out)
	}
	if !strings.Contains(out, "'Template', open when the workbook was last saved, has the header but no data rows") {
		t.Errorf("the note should say why the open sheet was not read:\n%s", out)
	}
}

// Workbooks written by scripts hold formulas without values: one message
// saying to open and save the file in Excel, not thousands of row errors.
func TestCheckFormulasNeverCalculated(t *testing.T) {
	table := sampleTable(t, 300, 15)
	dir := t.TempDir()
	path := filepath.Join(dir, "formulas.xlsx")
	writeBook(t, path, []bookSheet{{"CLD", table}}, "CLD")
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for r := 2; r <= len(table); r++ {
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := f.SetCellFormula("CLD", cell, `"`+table[r-1][0]+`"`); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	report := filepath.Join(dir, "report.xlsx")
	code, out, stderr := run(t, "check", "--report", report, path)
	if code != exitUsage || out != "" || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
		t.Fatalf("want exit 2 and one line: exit %d\n%.500s\n%s", code, out, stderr)
	}
	if !strings.Contains(stderr, "formulas.xlsx, row 2, column LA Code: this cell, and perhaps many others, holds a formula that has never been calculated") || !strings.Contains(stderr, "Open the workbook in Excel, save it") {
		t.Errorf("stderr: %s", stderr)
	}
	if _, err := os.Stat(report); err == nil {
		t.Error("a report was written for a file that could not be read")
	}
}

// `cldapp check FILE > /dev/full` lost its output and exited 0.
func TestCheckOutputThatCannotBeWritten(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full here")
	}
	defer full.Close()
	p := filepath.Join(t.TempDir(), "s.csv")
	if _, err := sample.WriteFile(p, sample.Options{Rows: 50, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"check", p}, {"check", "--json", "-", p}, {"rules"}} {
		var stderr strings.Builder
		if code := runCLI(args, full, &stderr); code != exitUsage || !strings.Contains(stderr.String(), "could not be written to the output (no space left on device)") {
			t.Errorf("%v > /dev/full: exit %d, stderr %q", args, code, stderr.String())
		}
	}
}

// A UTF-8 export with one stray byte near its start: convert writes the
// names as they are, not Oâ€™Brien.
func TestConvertKeepsUTF8WithAStrayByte(t *testing.T) {
	table := sampleTable(t, 400, 16)
	col := -1
	for i, h := range table[0] {
		if h == "Last Name" {
			col = i
		}
	}
	if col < 0 {
		t.Fatal("no Last Name column")
	}
	for r := 1; r < len(table); r += 4 {
		table[r][col] = "O’Brien"
	}
	table[1][col+1] = "Caf\xe9" // one Windows-1252 byte, in row 2
	dir := t.TempDir()
	in := filepath.Join(dir, "in.csv")
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.WriteAll(table)
	os.WriteFile(in, []byte(b.String()), 0o644)
	out := filepath.Join(dir, "out.csv")
	if code, stdout, stderr := run(t, "convert", "--to", "r2", in, out); code != 0 {
		t.Fatalf("convert: exit %d %s %s", code, stdout, stderr)
	}
	conv, _ := os.ReadFile(out)
	if n := strings.Count(string(conv), "O’Brien"); n != 100 || strings.Contains(string(conv), "â€") {
		t.Errorf("%d O’Brien written intact (want 100); garbled: %v", n, strings.Contains(string(conv), "â€"))
	}
	_, stdout, _ := run(t, "check", in)
	if !strings.Contains(stdout, "(csv, UTF-8)") || !strings.Contains(stdout, "1 cell held bytes that are not UTF-8") || !strings.Contains(stdout, "row 2 (") {
		t.Errorf("check should say the file is UTF-8 and name the repaired cell:\n%s", stdout)
	}
}
