// Command hostile writes the hostile and extreme inputs that
// scripts/hostile.sh runs `cldapp check` on, to measure that each one is
// refused or read within the memory bound (about 1.5 GB) and in bounded
// time. Usage: go run ./bench/hostile DIR [NAME...]
//
// Every file is generated (deterministically) at run time, never committed.
// The legitimate largest files (a million rows) come from `cldapp sample`
// in the script itself.
package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"cldvalidator/validation"
)

type input struct {
	name, file, what string
	write            func(w io.Writer) error // the whole file (for text), or
	parts            func(zw *zip.Writer) error
}

var header []string

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: hostile DIR [NAME...]")
		os.Exit(2)
	}
	dir := os.Args[1]
	want := map[string]bool{}
	for _, n := range os.Args[2:] {
		want[n] = true
	}
	s, err := validation.LoadSpec(validation.R1)
	if err != nil {
		panic(err)
	}
	header = s.Headers()
	os.MkdirAll(dir, 0o755)
	for _, in := range inputs() {
		if len(want) > 0 && !want[in.name] {
			continue
		}
		path := filepath.Join(dir, in.file)
		if _, err := os.Stat(path); err == nil {
			fmt.Printf("%s\t%s\t%s\n", in.name, in.file, in.what)
			continue // reused
		}
		if err := write(path, in); err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", in.name, err)
			os.Exit(1)
		}
		fmt.Printf("%s\t%s\t%s\n", in.name, in.file, in.what)
	}
}

func write(path string, in input) error {
	tmp := path + ".part"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 4<<20)
	if in.write != nil {
		err = in.write(bw)
	} else {
		zw := zip.NewWriter(bw)
		zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.DefaultCompression) })
		if err = in.parts(zw); err == nil {
			err = zw.Close()
		}
	}
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}

const nsMain = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

// book writes the fixed parts of a workbook with the named sheets (their
// XML written by sheetXML), an optional shared-strings part and an
// optional active sheet.
func book(zw *zip.Writer, sheets []string, active int, sheetXML func(i int, w io.Writer) error, sst func(w io.Writer) error) error {
	put := func(name, body string) error {
		w, err := zw.Create(name)
		if err != nil {
			return err
		}
		_, err = io.WriteString(w, body)
		return err
	}
	var ct, wb, rels strings.Builder
	ct.WriteString(`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`)
	rels.WriteString(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	if sst != nil {
		rels.WriteString(`<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`)
	}
	fmt.Fprintf(&wb, `<?xml version="1.0" encoding="UTF-8"?><workbook %s><bookViews><workbookView activeTab="%d"/></bookViews><sheets>`, nsMain, active)
	for i, n := range sheets {
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
		fmt.Fprintf(&wb, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, n, i+1, i+1)
	}
	rels.WriteString(`</Relationships>`)
	wb.WriteString(`</sheets></workbook>`)
	for _, p := range [][2]string{{"[Content_Types].xml", ct.String()},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", wb.String()}, {"xl/_rels/workbook.xml.rels", rels.String()}} {
		if err := put(p[0], p[1]); err != nil {
			return err
		}
	}
	if sst != nil {
		w, err := zw.Create("xl/sharedStrings.xml")
		if err != nil {
			return err
		}
		if err := sst(w); err != nil {
			return err
		}
	}
	for i := range sheets {
		w, err := zw.Create(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1))
		if err != nil {
			return err
		}
		if err := sheetXML(i, w); err != nil {
			return err
		}
	}
	return nil
}

func headerRow(w io.Writer, r int) {
	fmt.Fprintf(w, `<row r="%d">`, r)
	for _, h := range header {
		fmt.Fprintf(w, `<c t="inlineStr"><is><t>%s</t></is></c>`, h)
	}
	io.WriteString(w, `</row>`)
}

// dataRow is a plausible row: LA code, period, an NHS number, event type.
func dataRow(w io.Writer, r int) {
	fmt.Fprintf(w, `<row r="%d"><c t="inlineStr"><is><t>503</t></is></c><c t="inlineStr"><is><t>01/04/2024</t></is></c><c t="inlineStr"><is><t>31/03/2025</t></is></c><c t="inlineStr"><is><t>9434765919</t></is></c><c t="inlineStr"><is><t>P%07d</t></is></c></row>`, r, r)
}

func sheetStart(w io.Writer, extra string) {
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><worksheet %s>%s<sheetData>`, nsMain, extra)
}

func sheetEnd(w io.Writer) { io.WriteString(w, `</sheetData></worksheet>`) }

// sstOf writes n shared strings of about size characters, each with a
// few random letters so the part compresses like real text repeated,
// not like a run of one byte (a run of one byte is refused as a zip bomb
// before the table matters).
func sstOf(n, size int) func(io.Writer) error {
	return func(w io.Writer) error {
		r := rand.New(rand.NewPCG(14, uint64(n)))
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><sst %s count="%d" uniqueCount="%d">`, nsMain, n, n)
		pad := strings.Repeat("A", max(0, size-8))
		var rnd [8]byte
		for i := 0; i < n; i++ {
			for j := range rnd {
				rnd[j] = byte('a' + r.IntN(26))
			}
			io.WriteString(w, "<si><t>")
			io.WriteString(w, pad)
			w.Write(rnd[:])
			io.WriteString(w, "</t></si>")
		}
		_, err := io.WriteString(w, `</sst>`)
		return err
	}
}

// sheetUsingSST is a header and a few rows that use the first strings.
func sheetUsingSST(rows int) func(int, io.Writer) error {
	return func(_ int, w io.Writer) error {
		sheetStart(w, "")
		headerRow(w, 1)
		for r := 2; r <= rows+1; r++ {
			fmt.Fprintf(w, `<row r="%d"><c t="inlineStr"><is><t>503</t></is></c><c t="s"><v>%d</v></c></row>`, r, r-2)
		}
		sheetEnd(w)
		return nil
	}
}

func csvHeader(w io.Writer) { io.WriteString(w, strings.Join(header, ",")+"\r\n") }

// inputs are the hostile inputs, each with the generator of its file.
func inputs() []input {
	return []input{
		{name: "sst-900mb", file: "sst-900mb.xlsx", what: "shared-strings table of 900 MB of text (450,000 strings of 2,000 characters) in a small file",
			parts: sstBook(450_000, 2000)},
		{name: "sst-460mb", file: "sst-460mb.xlsx", what: "shared-strings table of 460 MB of text, under the 512 MB limit (it is built)",
			parts: sstBook(230_000, 2000)},
		{name: "sst-25m-strings", file: "sst-25m-strings.xlsx", what: "shared-strings table of 25 million short strings (index 100 MB, XML 500 MB; built)",
			parts: sstBook(25_000_000, 4)},
		{name: "sheet-bomb", file: "sheet-bomb.xlsx", what: "worksheet of 1 GB of spaces (zip bomb)",
			parts: dataBook(spacesSheet)},
		{name: "empty-rows", file: "empty-rows.xlsx", what: "header, then 1,048,574 empty rows and one data row",
			parts: dataBook(emptyRowsSheet)},
		{name: "far-cells", file: "far-cells.xlsx", what: "200,000 rows each with a cell in column XFD (past the header)",
			parts: dataBook(farCellsSheet)},
		{name: "huge-cell", file: "huge-cell.xlsx", what: "one cell of 200 MB of text",
			parts: dataBook(hugeCellSheet)},
		{name: "many-parts", file: "many-parts.xlsx", what: "250,000 parts in the zip",
			parts: manyPartsBook},
		{name: "formulas-1m", file: "formulas-1m.xlsx", what: "1,000,000 rows whose LA Code is a formula never calculated",
			parts: dataBook(formulasSheet)},
		{name: "many-sheets", file: "many-sheets.xlsx", what: "20 sheets with the template's header, 50,000 rows each, a notes sheet open (every sheet counted)",
			parts: manySheetsBook},
		{name: "csv-one-line", file: "csv-one-line.csv", what: "a 400 MB text file with no line break",
			write: csvOneLine},
		{name: "csv-open-quote", file: "csv-open-quote.csv", what: "a quote opened in row 2 and never closed, then 200 MB of rows",
			write: csvOpenQuote},
		{name: "csv-nul-tail", file: "csv-nul-tail.csv", what: "10 rows, then 200 MB of zero bytes",
			write: csvNulTail},
		{name: "csv-long-cells", file: "csv-long-cells.csv", what: "36,000 rows each with a distinct 32,767-character cell (1.1 GB)",
			write: csvDistinctCells(3, 4, 36_000, 32767)},
		{name: "csv-distinct-700mb", file: "csv-distinct-700mb.csv", what: "700,000 rows each with a different 1,000-character value (700 MB to keep)",
			write: csvDistinctCells(5, 6, 700_000, 1000)},
		{name: "csv-distinct-1m", file: "csv-distinct-1m.csv", what: "1,000,000 rows each with a different 230-character value (230 MB kept, under the limit)",
			write: csvDistinctCells(9, 10, 1_000_000, 230)},
		{name: "xlsx-long-cells", file: "xlsx-long-cells.xlsx", what: "30,000 rows each with a different 32,767-character cell (1 GB of text)",
			parts: dataBook(longCellsSheet)},
		{name: "csv-wide-rows", file: "csv-wide-rows.csv", what: "300,000 rows of 250 values under a 50-column header",
			write: csvWideRows},
	}
}

// Workbooks.

// sstBook is a workbook whose shared-strings table holds n strings of
// about size characters, a few of them used by a small sheet.
func sstBook(n, size int) func(zw *zip.Writer) error {
	return func(zw *zip.Writer) error {
		return book(zw, []string{"Data"}, 0, sheetUsingSST(5), sstOf(n, size))
	}
}

// dataBook is a workbook of one sheet, "Data", written by sheetXML.
func dataBook(sheetXML func(i int, w io.Writer) error) func(zw *zip.Writer) error {
	return func(zw *zip.Writer) error {
		return book(zw, []string{"Data"}, 0, sheetXML, nil)
	}
}

// manyPartsBook is a small workbook followed by 250,000 empty parts.
func manyPartsBook(zw *zip.Writer) error {
	if err := book(zw, []string{"Data"}, 0, sheetUsingSST(0), nil); err != nil {
		return err
	}
	for i := 0; i < 250_000; i++ {
		if _, err := zw.Create(fmt.Sprintf("xl/media/p%06d.bin", i)); err != nil {
			return err
		}
	}
	return nil
}

// manySheetsBook is a notes sheet (open) and 20 sheets of 50,000 rows
// under the template's header.
func manySheetsBook(zw *zip.Writer) error {
	names := []string{"Notes"}
	for i := 1; i <= 20; i++ {
		names = append(names, fmt.Sprintf("Q%d", i))
	}
	return book(zw, names, 0, func(i int, w io.Writer) error {
		sheetStart(w, "")
		if i == 0 {
			io.WriteString(w, `<row r="1"><c t="inlineStr"><is><t>Read me</t></is></c></row>`)
		} else {
			headerRow(w, 1)
			for r := 2; r <= 50_001; r++ {
				dataRow(w, r)
			}
		}
		sheetEnd(w)
		return nil
	}, nil)
}

// Worksheets.

// spacesSheet is a header row, then 1 GB of spaces.
func spacesSheet(_ int, w io.Writer) error {
	sheetStart(w, "")
	headerRow(w, 1)
	sp := bytes.Repeat([]byte(" "), 1<<20)
	for i := 0; i < 1024; i++ {
		w.Write(sp)
	}
	sheetEnd(w)
	return nil
}

// emptyRowsSheet claims the whole sheet, then has 1,048,574 empty rows
// and one data row.
func emptyRowsSheet(_ int, w io.Writer) error {
	sheetStart(w, `<dimension ref="A1:XFD1048576"/>`)
	headerRow(w, 1)
	for r := 2; r < 1<<20; r++ {
		fmt.Fprintf(w, `<row r="%d"/>`, r)
	}
	dataRow(w, 1<<20)
	sheetEnd(w)
	return nil
}

// farCellsSheet is 200,000 rows with a cell in the last column, XFD.
func farCellsSheet(_ int, w io.Writer) error {
	sheetStart(w, "")
	headerRow(w, 1)
	for r := 2; r <= 200_001; r++ {
		fmt.Fprintf(w, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>503</t></is></c><c r="XFD%d"><v>1</v></c></row>`, r, r, r)
	}
	sheetEnd(w)
	return nil
}

// hugeCellSheet is one cell of 200 MB of random letters.
func hugeCellSheet(_ int, w io.Writer) error {
	sheetStart(w, "")
	headerRow(w, 1)
	io.WriteString(w, `<row r="2"><c t="inlineStr"><is><t>`)
	r := rand.New(rand.NewPCG(1, 2))
	line := make([]byte, 1<<20)
	for i := 0; i < 200; i++ {
		for j := range line {
			line[j] = byte('a' + r.IntN(26))
		}
		w.Write(line)
	}
	io.WriteString(w, `</t></is></c></row>`)
	sheetEnd(w)
	return nil
}

// formulasSheet is 1,000,000 rows whose LA Code is a formula with no
// calculated value.
func formulasSheet(_ int, w io.Writer) error {
	sheetStart(w, "")
	headerRow(w, 1)
	for r := 2; r <= 1_000_001; r++ {
		fmt.Fprintf(w, `<row r="%d"><c r="A%d" t="str"><f>"503"</f></c><c r="D%d" t="inlineStr"><is><t>9434765919</t></is></c></row>`, r, r, r)
	}
	sheetEnd(w)
	return nil
}

// longCellsSheet is 30,000 rows each with a different cell of Excel's
// most characters, 32,767.
func longCellsSheet(_ int, w io.Writer) error {
	sheetStart(w, "")
	headerRow(w, 1)
	r := rand.New(rand.NewPCG(7, 8))
	cell := make([]byte, 32767)
	for i := 2; i <= 30_001; i++ {
		for j := range cell {
			cell[j] = byte('a' + r.IntN(26))
		}
		fmt.Fprintf(w, `<row r="%d"><c t="inlineStr"><is><t>503</t></is></c><c t="inlineStr"><is><t>`, i)
		w.Write(cell)
		io.WriteString(w, `</t></is></c></row>`)
	}
	sheetEnd(w)
	return nil
}

// Text files.

// csvOneLine is a header, then 400 MB with no line break.
func csvOneLine(w io.Writer) error {
	csvHeader(w)
	b := bytes.Repeat([]byte("x,"), 1<<19)
	for i := 0; i < 400; i++ {
		w.Write(b)
	}
	return nil
}

// csvOpenQuote opens a quote in row 2 that never closes, then has 200 MB
// of rows.
func csvOpenQuote(w io.Writer) error {
	csvHeader(w)
	io.WriteString(w, "503,\"01/04/2024,31/03/2025\r\n")
	row := []byte("503,01/04/2024,31/03/2025,9434765919,P0000001\r\n")
	for n := 0; n < 200<<20; n += len(row) {
		w.Write(row)
	}
	return nil
}

// csvNulTail is 10 rows, then 200 MB of zero bytes.
func csvNulTail(w io.Writer) error {
	csvHeader(w)
	for i := 0; i < 10; i++ {
		io.WriteString(w, "503,01/04/2024,31/03/2025,9434765919,P0000001\r\n")
	}
	w.Write(make([]byte, 200<<20))
	return nil
}

// csvDistinctCells is rows rows, each with a different value of size
// random letters (from the generator seeded seed1, seed2).
func csvDistinctCells(seed1, seed2 uint64, rows, size int) func(w io.Writer) error {
	return func(w io.Writer) error {
		csvHeader(w)
		r := rand.New(rand.NewPCG(seed1, seed2))
		cell := make([]byte, size)
		for i := 0; i < rows; i++ {
			for j := range cell {
				cell[j] = byte('a' + r.IntN(26))
			}
			fmt.Fprintf(w, "503,01/04/2024,31/03/2025,9434765919,P%07d,", i)
			w.Write(cell)
			io.WriteString(w, "\r\n")
		}
		return nil
	}
}

// csvWideRows is 300,000 rows of 250 values under the 50-column header.
func csvWideRows(w io.Writer) error {
	csvHeader(w)
	extra := strings.Repeat(",x", 200)
	for i := 0; i < 300_000; i++ {
		fmt.Fprintf(w, "503,01/04/2024,31/03/2025,9434765919,P%07d%s%s\r\n", i, strings.Repeat(",", 45), extra)
	}
	return nil
}
