package reader

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// ---------------------------------------------------------------------------
// helpers

// readAllRows opens path and returns the header, the header row and every
// data row (cells as strings, with row numbers).
type readResult struct {
	src       Source
	header    []string
	headerRow int
	rows      [][]string
	rowNums   []int
	overflow  map[int32]int
}

func readXLSX(t *testing.T, path string, opts Options) (*readResult, error) {
	t.Helper()
	src, err := Open(path, opts)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	res := &readResult{src: src, header: src.Header(), headerRow: src.HeaderRow(), overflow: map[int32]int{}}
	b := NewBatch(len(src.Header()), 3) // small batches exercise the batch boundaries
	for {
		err := src.Next(b)
		if err == io.EOF {
			break
		}
		if err != nil {
			return res, err
		}
		for r := 0; r < b.Len(); r++ {
			row := make([]string, b.NCols)
			for c := range row {
				row[c] = string(b.Cell(r, c))
			}
			res.rows = append(res.rows, row)
			res.rowNums = append(res.rowNums, int(b.RowNum[r]))
		}
		for k, v := range b.Overflow {
			res.overflow[k] += v
		}
	}
	if done, total := src.Progress(); done != total {
		t.Errorf("progress at EOF = %d of %d", done, total)
	}
	return res, nil
}

func mustRead(t *testing.T, path string, opts Options) *readResult {
	t.Helper()
	res, err := readXLSX(t, path, opts)
	if err != nil {
		t.Fatalf("reading %s: %v", filepath.Base(path), err)
	}
	return res
}

func wantRows(t *testing.T, got *readResult, want [][]string, wantNums []int) {
	t.Helper()
	if len(got.rows) != len(want) {
		t.Fatalf("got %d rows %q, want %d rows %q", len(got.rows), got.rows, len(want), want)
	}
	for i := range want {
		if fmt.Sprintf("%q", got.rows[i]) != fmt.Sprintf("%q", want[i]) {
			t.Errorf("row %d: got %q, want %q", i, got.rows[i], want[i])
		}
	}
	if wantNums != nil && fmt.Sprint(got.rowNums) != fmt.Sprint(wantNums) {
		t.Errorf("row numbers: got %v, want %v", got.rowNums, wantNums)
	}
}

// wantError checks err is an *Error whose message contains want and, if
// limit, wraps ErrLimit.
func wantError(t *testing.T, err error, want string, limit bool) *Error {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %q", want)
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %T %v is not an *Error", err, err)
	}
	if !strings.Contains(e.Message, want) {
		t.Errorf("message %q does not contain %q", e.Message, want)
	}
	if limit != errors.Is(err, ErrLimit) {
		t.Errorf("errors.Is(err, ErrLimit) = %v, want %v (%v)", !limit, limit, err)
	}
	return e
}

const (
	nsMain = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	relWS  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
)

// hbSheet is one worksheet of a hand-built workbook.
type hbSheet struct {
	name, part, state string
	xml               string // the <sheetData> content, or a whole document if it starts with "<?xml" or "<worksheet"
	chart             bool   // a chartsheet
}

// handBuilt describes a workbook written part by part with archive/zip.
type handBuilt struct {
	sheets   []hbSheet
	sst      []string // <si> contents (raw XML)
	sstRaw   string   // whole sharedStrings.xml, overrides sst
	styles   string   // whole styles.xml; default has date styles 1 (14) and 2 (custom dd/mm/yyyy)
	workbook string   // whole workbook.xml, overrides the generated one
	date1904 string
	extra    map[string]string // more parts, or replacements ("" deletes)
	stored   bool              // write the parts uncompressed
}

const defaultStyles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet ` + nsMain + `><numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="[h]:mm"/><numFmt numFmtId="166" formatCode="&quot;Day &quot;0"/></numFmts>
<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>
<cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="20"/><xf numFmtId="2"/></cellXfs></styleSheet>`

func (h handBuilt) files() map[string]string {
	files := map[string]string{}
	var ct, wbSheets, rels strings.Builder
	ct.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`)
	files["[Content_Types].xml"] = ct.String()
	files["_rels/.rels"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	rels.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	rels.WriteString(`<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`)
	rels.WriteString(`<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`)
	for i, s := range h.sheets {
		part := s.part
		if part == "" {
			part = fmt.Sprintf("worksheets/sheet%d.xml", i+1)
		}
		typ := relWS
		if s.chart {
			typ = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet"
		}
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="%s" Target="%s"/>`, i+1, typ, part)
		state := ""
		if s.state != "" {
			state = ` state="` + s.state + `"`
		}
		fmt.Fprintf(&wbSheets, `<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>`, s.name, i+1, state, i+1)
		body := s.xml
		if !strings.HasPrefix(body, "<?xml") && !strings.HasPrefix(body, "<worksheet") && !s.chart {
			body = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<worksheet ` + nsMain + `><dimension ref="A1"/><sheetData>` + body + `</sheetData></worksheet>`
		}
		files["xl/"+part] = body
	}
	rels.WriteString(`</Relationships>`)
	files["xl/_rels/workbook.xml.rels"] = rels.String()
	pr := ""
	if h.date1904 != "" {
		pr = `<workbookPr date1904="` + h.date1904 + `"/>`
	}
	files["xl/workbook.xml"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook ` + nsMain + `>` + pr + `<sheets>` + wbSheets.String() + `</sheets></workbook>`
	if h.workbook != "" {
		files["xl/workbook.xml"] = h.workbook
	}
	files["xl/styles.xml"] = defaultStyles
	if h.styles != "" {
		files["xl/styles.xml"] = h.styles
	}
	if h.sst != nil || h.sstRaw != "" {
		var b strings.Builder
		fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst %s count="%d" uniqueCount="%d">`, nsMain, len(h.sst), len(h.sst))
		for _, s := range h.sst {
			b.WriteString("<si>" + s + "</si>")
		}
		b.WriteString("</sst>")
		files["xl/sharedStrings.xml"] = b.String()
		if h.sstRaw != "" {
			files["xl/sharedStrings.xml"] = h.sstRaw
		}
	}
	for k, v := range h.extra {
		if v == "" {
			delete(files, k)
		} else {
			files[k] = v
		}
	}
	return files
}

func (h handBuilt) write(t *testing.T) string {
	t.Helper()
	method := uint16(zip.Deflate)
	if h.stored {
		method = zip.Store
	}
	return writeZip(t, h.files(), method)
}

// writeZip writes the parts (in sorted order) to a zip under t.TempDir(),
// compressed with method (zip.Deflate or zip.Store).
func writeZip(t *testing.T, files map[string]string, method uint16) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "book.xlsx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sortStrings(names)
	for _, n := range names {
		m := method
		if n == "mimetype" {
			m = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: m})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, files[n]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func fileSHA(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// ---------------------------------------------------------------------------
// files written by excelize

func TestXLSXExcelizeValues(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	sh := "Sheet1"
	date14, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	custom := "dd/mm/yyyy"
	dateCustom, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &custom})
	dateTime, _ := f.NewStyle(&excelize.Style{NumFmt: 22})
	set := func(cell string, v any) {
		t.Helper()
		if err := f.SetCellValue(sh, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	style := func(cell string, id int) {
		t.Helper()
		if err := f.SetCellStyle(sh, cell, cell, id); err != nil {
			t.Fatal(err)
		}
	}
	for i, h := range []string{"Date 14", "Date custom", "Date time", "NHS int", "NHS float", "Text", "Decimal", "Float noise", "Bool", "Rich", "Negative"} {
		set(ColumnLetter(i)+"1", h)
	}
	d := time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC)
	set("A2", d)
	style("A2", date14)
	set("B2", time.Date(1999, 12, 1, 0, 0, 0, 0, time.UTC))
	style("B2", dateCustom)
	set("C2", time.Date(2023, 7, 4, 14, 30, 0, 0, time.UTC))
	style("C2", dateTime)
	set("D2", int64(9434765919))
	set("E2", float64(9434765919))
	set("F2", "0123")
	set("G2", 12.5)
	set("H2", 0.1+0.2)
	set("I2", true)
	if err := f.SetCellRichText(sh, "J2", []excelize.RichTextRun{
		{Text: "Bold ", Font: &excelize.Font{Bold: true}},
		{Text: "and plain"},
	}); err != nil {
		t.Fatal(err)
	}
	set("K2", -42)
	// row 3 left empty; row 4 sparse
	set("B4", "  spaced  ")
	set("I4", false)
	// row 5: a date in a cell that only has the default time style excelize picks
	set("A5", time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC))
	path := filepath.Join(t.TempDir(), "values.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	before := fileSHA(t, path)
	got := mustRead(t, path, Options{})
	if got.src.Info().Format != "xlsx" || got.src.Info().Sheet != "Sheet1" {
		t.Errorf("info = %+v", got.src.Info())
	}
	if got.headerRow != 1 || len(got.header) != 11 || got.header[3] != "NHS int" {
		t.Errorf("header row %d %q", got.headerRow, got.header)
	}
	wantRows(t, got, [][]string{
		{"31/03/2024", "01/12/1999", "04/07/2023 14:30", "9434765919", "9434765919", "0123", "12.5", "0.3", "TRUE", "Bold and plain", "-42"},
		{"", "  spaced  ", "", "", "", "", "", "", "FALSE", "", ""},
		{"02/01/2020", "", "", "", "", "", "", "", "", "", ""},
	}, []int{2, 4, 5})
	if fileSHA(t, path) != before {
		t.Error("reading changed the file")
	}
}

func TestXLSXExcelizeStreamWriter(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	date14, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	rows := [][]any{
		{"Person ID", "Date of Birth", "NHS Number", "Notes"},
		{"0007", excelize.Cell{StyleID: date14, Value: time.Date(1950, 5, 17, 0, 0, 0, 0, time.UTC)}, int64(9434765919), "a < b & c > d"},
		{"0008", excelize.Cell{StyleID: date14, Value: 18000}, 4010232137.0, excelize.Cell{Formula: "A2&A3", Value: "00070008"}},
		{},
		{"0010", nil, nil, "line1\nline2"},
	}
	for i, r := range rows {
		if len(r) == 0 {
			continue
		}
		if err := sw.SetRow(fmt.Sprintf("A%d", i+1), r); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "stream.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	got := mustRead(t, path, Options{})
	wantRows(t, got, [][]string{
		{"0007", "17/05/1950", "9434765919", "a < b & c > d"},
		{"0008", "12/04/1949", "4010232137", "00070008"},
		{"0010", "", "", "line1\nline2"},
	}, []int{2, 3, 5})
}

func TestXLSXExcelizeHeaderScoring(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	// Sheet1: notes; "Lookups" (hidden): looks like a header too; "CLD": title rows then the header.
	f.SetCellValue("Sheet1", "A1", "Read me first")
	f.NewSheet("Lookups")
	f.SetSheetRow("Lookups", "A1", &[]any{"Person ID", "Gender"})
	f.SetSheetVisible("Lookups", false)
	f.NewSheet("CLD")
	f.SetCellValue("CLD", "A1", "Adult Social Care Client Level Data")
	f.SetCellValue("CLD", "A2", "Quarter 1")
	f.SetSheetRow("CLD", "A4", &[]any{"Person ID", "Gender", "Date of Birth"})
	f.SetSheetRow("CLD", "A5", &[]any{"P1", "Male", 20000})
	f.SetSheetRow("CLD", "A7", &[]any{"P2", "Female"})
	path := filepath.Join(t.TempDir(), "multi.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{"Person ID": true, "Gender": true, "Date of Birth": true}
	score := func(cells []string) int {
		n := 0
		for _, c := range cells {
			if known[c] {
				n++
			}
		}
		return n
	}
	got := mustRead(t, path, Options{HeaderScore: score})
	if got.src.Info().Sheet != "CLD" || got.headerRow != 4 {
		t.Fatalf("chose sheet %q row %d", got.src.Info().Sheet, got.headerRow)
	}
	if fmt.Sprint(got.header) != "[Person ID Gender Date of Birth]" {
		t.Errorf("header %q", got.header)
	}
	wantRows(t, got, [][]string{{"P1", "Male", "20000"}, {"P2", "Female", ""}}, []int{5, 7})

	// Without a scorer: the first visible sheet, its first non-empty row.
	got = mustRead(t, path, Options{})
	if got.src.Info().Sheet != "Sheet1" || got.headerRow != 1 || fmt.Sprint(got.header) != "[Read me first]" || len(got.rows) != 0 {
		t.Errorf("no scorer: sheet %q row %d header %q rows %q", got.src.Info().Sheet, got.headerRow, got.header, got.rows)
	}

	// Equal scores: the visible sheet wins over an earlier hidden one.
	two := func(cells []string) int {
		if len(cells) > 0 && cells[0] == "Person ID" {
			return 1
		}
		return 0
	}
	got = mustRead(t, path, Options{HeaderScore: two})
	if got.src.Info().Sheet != "CLD" {
		t.Errorf("tie: chose %q", got.src.Info().Sheet)
	}
}

// ---------------------------------------------------------------------------
// hand-built workbooks

func TestXLSXHandBuiltCells(t *testing.T) {
	h := handBuilt{
		sst: []string{
			`<t>ID</t>`,
			`<t>Name</t>`,
			`<r><rPr><b/></rPr><t xml:space="preserve">Rich </t></r><r><t>text</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh><phoneticPr fontId="1"/>`,
			`<t>Tom &amp; Jerry &lt;3&gt; &quot;q&quot; &apos;a&apos;&#10;next&#x41;</t>`,
			`<t>line_x000D_break _x005F_x000D_ kept</t>`,
			`<t xml:space="preserve">  0123  </t>`,
			`<t/>`,
			`<t><![CDATA[a<b]]></t>`,
		},
		sheets: []hbSheet{{name: "Data", xml: `
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>Value</t></is></c><c r="D1" t="str"><v>Extra</v></c></row>
<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="s"><v>2</v></c><c r="C2" t="s"><v>3</v></c><c r="D2" t="s"><v>4</v></c></row>
<row r="3" spans="1:4"><c t="s"><v>5</v></c><c t="inlineStr"><is><r><t>in</t></r><r><rPr/><t>line</t></r></is></c><c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c></row>
<row r="5"><c r="A5" s="1"/><c r="B5" t="s"><v>6</v></c></row>
<row r="6"/>
<row r="8"><c r="D8" t="str"><f>A1&amp;B1</f><v>x&amp;y</v></c><c r="B8"><v>99</v></c></row>
<row><c r="A9"><v>9.4347659190000004E9</v></c><c r="C9"><v>0.30000000000000004</v></c><c r="D9"><v>-1.5E-3</v></c></row>
<row><c r="B10" t="d"><v>2024-02-29T00:00:00Z</v></c><c r="C10" t="d"><v>2024-02-29T08:15:00</v></c><c r="D10" t="s"><v>7</v></c></row>
<row r="11"><c r="A11" t="inlineStr"><is><t>E</t></is></c><c r="B11"><f>1/0</f><v></v></c><c r="C11" t="e"><v>#DIV/0!</v></c><c r="D11" t="b"><v>0</v></c></row>
`}},
	}
	got := mustRead(t, h.write(t), Options{})
	if fmt.Sprint(got.header) != "[ID Name Value Extra]" {
		t.Errorf("header %q", got.header)
	}
	wantRows(t, got, [][]string{
		{"1", "Rich text", "Tom & Jerry <3> \"q\" 'a'\nnextA", "line\rbreak _x000D_ kept"},
		{"  0123  ", "inline", "TRUE", "#N/A"},
		{"", "99", "", "x&y"},
		{"9434765919", "", "0.3", "-0.0015"},
		{"", "29/02/2024", "29/02/2024 08:15", "a<b"},
		{"E", "", "#DIV/0!", "FALSE"},
	}, []int{2, 3, 8, 9, 10, 11}) // row 8 has B8 after D8: out of order, read into its column
}

func TestXLSXDates(t *testing.T) {
	row := func(r int, cells string) string { return fmt.Sprintf(`<row r="%d">%s</row>`, r, cells) }
	num := func(ref string, s int, v string) string {
		return fmt.Sprintf(`<c r="%s" s="%d"><v>%s</v></c>`, ref, s, v)
	}
	sheet := row(1, `<c r="A1" t="inlineStr"><is><t>Serial</t></is></c><c r="B1" t="inlineStr"><is><t>Shown</t></is></c>`)
	cases := []struct {
		style int
		v     string
		want  string
	}{
		{1, "1", "01/01/1900"},
		{1, "59", "28/02/1900"},
		{1, "60", "29/02/1900"},
		{1, "61", "01/03/1900"},
		{1, "0", "00/01/1900"},
		{2, "45382", "31/03/2024"},
		{2, "45382.5", "31/03/2024 12:00"},
		{2, "45382.000000001", "31/03/2024"},
		{2, "45382.99999999", "01/04/2024"},
		{2, "45382.75001157407", "31/03/2024 18:00:01"},
		{1, "2958465", "31/12/9999"},
		{1, "2958466", "2958466"},
		{1, "-1", "-1"},
		{3, "1.5", "1.5"},             // [h]:mm elapsed time is not a date
		{4, "7", "7"},                 // "Day "0 has d/a/y only inside quotes
		{5, "0.75", "18:00"},          // built-in 20 h:mm is a time
		{6, "1234.5", "1234.5"},       // 0.00 is a number
		{0, "45382", "45382"},         // general
		{1, "4.5382E4", "31/03/2024"}, // exponent form
	}
	for i, c := range cases {
		r := i + 2
		sheet += row(r, num(fmt.Sprintf("A%d", r), 0, c.v)+num(fmt.Sprintf("B%d", r), c.style, c.v))
	}
	got := mustRead(t, handBuilt{sheets: []hbSheet{{name: "S", xml: sheet}}}.write(t), Options{})
	if len(got.rows) != len(cases) {
		t.Fatalf("%d rows", len(got.rows))
	}
	for i, c := range cases {
		if got.rows[i][1] != c.want {
			t.Errorf("serial %s style %d: got %q, want %q", c.v, c.style, got.rows[i][1], c.want)
		}
	}
}

func TestXLSXDate1904(t *testing.T) {
	for _, v := range []string{"1", "true"} {
		h := handBuilt{date1904: v, sheets: []hbSheet{{name: "S", xml: `<row r="1"><c r="A1" t="inlineStr"><is><t>D</t></is></c></row><row r="2"><c r="A2" s="1"><v>0</v></c></row><row r="3"><c r="A3" s="2"><v>43920</v></c></row>`}}}
		got := mustRead(t, h.write(t), Options{})
		wantRows(t, got, [][]string{{"01/01/1904"}, {"31/03/2024"}}, []int{2, 3})
	}
}

func TestXLSXSheetOrderFromRels(t *testing.T) {
	h := handBuilt{sheets: []hbSheet{
		{name: "Chart", chart: true, part: "chartsheets/sheet1.xml", xml: `<chartsheet/>`},
		{name: "Data", part: "worksheets/sheet3.xml", xml: `<row r="1"><c r="A1" t="inlineStr"><is><t>From sheet3</t></is></c></row><row r="2"><c r="A2"><v>3</v></c></row>`},
		{name: "Other", part: "worksheets/sheet1.xml", xml: `<row r="1"><c r="A1" t="inlineStr"><is><t>From sheet1</t></is></c></row>`},
	}}
	got := mustRead(t, h.write(t), Options{})
	if got.src.Info().Sheet != "Data" || got.header[0] != "From sheet3" {
		t.Fatalf("sheet %q header %q", got.src.Info().Sheet, got.header)
	}
	wantRows(t, got, [][]string{{"3"}}, []int{2})
}

func TestXLSXPrefixedAndSparse(t *testing.T) {
	doc := `<?xml version="1.0" encoding="UTF-8"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
  <x:dimension ref="A1:XFD1048576"/>
  <x:sheetData>
    <x:row>
      <x:c t="inlineStr"><x:is><x:t>A</x:t></x:is></x:c>
      <x:c t="inlineStr"><x:is><x:t>B</x:t></x:is></x:c>
      <x:c r="D1" t="inlineStr"><x:is><x:t>D</x:t></x:is></x:c>
    </x:row>
    <x:row r="3">
      <x:c r="B3"><x:v>2</x:v></x:c>
      <x:c><x:v>3</x:v></x:c>
      <x:c r="F3"><x:v>6</x:v></x:c>
      <x:c r="G3"><x:v>7</x:v></x:c>
    </x:row>
    <x:row r="4"><x:c r="A4" s="1"/><x:c r="B4" t="inlineStr"><x:is><x:t>   </x:t></x:is></x:c></x:row>
    <x:row><x:c><x:v>5</x:v></x:c></x:row>
  </x:sheetData>
</x:worksheet>`
	got := mustRead(t, handBuilt{sheets: []hbSheet{{name: "P", xml: doc}}}.write(t), Options{})
	if fmt.Sprint(got.header) != "[A B  D]" {
		t.Errorf("header %q", got.header)
	}
	wantRows(t, got, [][]string{{"", "2", "3", ""}, {"5", "", "", ""}}, []int{3, 5})
	if got.overflow[3] != 2 {
		t.Errorf("overflow = %v, want row 3: 2", got.overflow)
	}
}

func TestXLSXLongCellAllowed(t *testing.T) {
	long := strings.Repeat("é", 32767)
	h := handBuilt{sst: []string{"<t>H</t>", "<t>" + long + "</t>"}, sheets: []hbSheet{{name: "S", xml: `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>` + long + `</t></is></c></row>`}}}
	got := mustRead(t, h.write(t), Options{})
	if len(got.rows) != 2 || got.rows[0][0] != long || got.rows[1][0] != long {
		t.Fatalf("long cells not read back")
	}
}

func TestXLSXEmptySheet(t *testing.T) {
	h := handBuilt{sheets: []hbSheet{{name: "Blank", xml: `<row r="1"/><row r="2"><c r="A2" s="1"/></row>`}}}
	_, err := readXLSX(t, h.write(t), Options{})
	wantError(t, err, "the worksheet 'Blank' is empty", false)
	h = handBuilt{sheets: []hbSheet{{name: "NoData", xml: `<worksheet ` + nsMain + `><sheetData/></worksheet>`}}}
	_, err = readXLSX(t, h.write(t), Options{})
	wantError(t, err, "the worksheet 'NoData' is empty", false)
}

func TestXLSXProgressAndBatches(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<row r="1"><c r="A1" t="inlineStr"><is><t>N</t></is></c></row>`)
	for r := 2; r <= 2001; r++ {
		fmt.Fprintf(&b, `<row r="%d"><c r="A%d"><v>%d</v></c></row>`, r, r, r)
	}
	path := handBuilt{sheets: []hbSheet{{name: "S", xml: b.String()}}}.write(t)
	src, err := Open(path, Options{BatchRows: 256})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if done, total := src.Progress(); done != 0 || total <= 0 {
		t.Errorf("progress before reading = %d/%d", done, total)
	}
	batch := NewBatch(1, 256)
	n, last := 0, int64(0)
	for {
		err := src.Next(batch)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if batch.Len() > 256 {
			t.Fatalf("batch of %d rows", batch.Len())
		}
		for r := 0; r < batch.Len(); r++ {
			n++
			if string(batch.Cell(r, 0)) != fmt.Sprint(n+1) || int(batch.RowNum[r]) != n+1 {
				t.Fatalf("row %d: %q", batch.RowNum[r], batch.Cell(r, 0))
			}
		}
		done, _ := src.Progress()
		if done < last {
			t.Fatalf("progress went back")
		}
		last = done
	}
	if n != 2000 {
		t.Fatalf("%d rows", n)
	}
	if done, total := src.Progress(); done != total {
		t.Errorf("progress at end %d/%d", done, total)
	}
	if err := src.Next(batch); err != io.EOF {
		t.Errorf("after EOF: %v", err)
	}
	if err := src.Close(); err != nil {
		t.Error(err)
	}
	if err := src.Close(); err != nil {
		t.Error("second Close:", err)
	}
}

func TestXLSXCloseEarly(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<row r="1"><c r="A1" t="inlineStr"><is><t>N</t></is></c></row>`)
	for r := 2; r <= 50000; r++ {
		fmt.Fprintf(&b, `<row r="%d"><c r="A%d"><v>%d</v></c></row>`, r, r, r)
	}
	path := handBuilt{sheets: []hbSheet{{name: "S", xml: b.String()}}}.write(t)
	src, err := Open(path, Options{BatchRows: 100})
	if err != nil {
		t.Fatal(err)
	}
	batch := NewBatch(1, 100)
	if err := src.Next(batch); err != nil || batch.Len() != 100 {
		t.Fatalf("first batch: %v %d", err, batch.Len())
	}
	if err := src.Close(); err != nil {
		t.Fatal(err)
	}
}

// ---------------------------------------------------------------------------
// other kinds of file and damaged files

func TestXLSXWrongKinds(t *testing.T) {
	xlsb := writeZip(t, map[string]string{
		"[Content_Types].xml": `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"xl/workbook.bin":     "binary",
	}, zip.Deflate)
	_, err := readXLSX(t, xlsb, Options{})
	wantError(t, err, "this is an Excel Binary Workbook (.xlsb). In Excel use File > Save As > Excel Workbook (*.xlsx) and open that.", false)

	ods := writeZip(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<office:document-content/>"}, zip.Deflate)
	_, err = readXLSX(t, ods, Options{})
	wantError(t, err, "this is an OpenDocument spreadsheet (.ods). Save it as an Excel Workbook (*.xlsx) or CSV and open that.", false)

	docx := writeZip(t, map[string]string{
		"[Content_Types].xml": `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"_rels/.rels":         `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml":   `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>`,
	}, zip.Deflate)
	_, err = readXLSX(t, docx, Options{})
	wantError(t, err, "this is not an Excel workbook (it is a Word document)", false)

	other := writeZip(t, map[string]string{"photo.jpg": "not really"}, zip.Deflate)
	_, err = readXLSX(t, other, Options{})
	wantError(t, err, "this is not an Excel workbook", false)

	noWorkbook := handBuilt{sheets: []hbSheet{{name: "S", xml: `<row r="1"/>`}}, extra: map[string]string{"xl/workbook.xml": ""}}.write(t)
	_, err = readXLSX(t, noWorkbook, Options{})
	wantError(t, err, msgDamaged, false)
}

func goodBook(t *testing.T, rows int) string {
	var b strings.Builder
	b.WriteString(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>`)
	for r := 2; r <= rows+1; r++ {
		fmt.Fprintf(&b, `<row r="%d"><c r="A%d"><v>%d</v></c><c r="B%d" t="s"><v>%d</v></c></row>`, r, r, r*7919, r, r%2)
	}
	return handBuilt{sst: []string{"<t>Number</t>", "<t>Word</t>"}, sheets: []hbSheet{{name: "S", xml: b.String()}}}.write(t)
}

func TestXLSXDamaged(t *testing.T) {
	good := goodBook(t, 20000)
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// Truncated: the end of the zip (its directory) is missing.
	_, err = readXLSX(t, write("half.xlsx", data[:len(data)/2]), Options{})
	wantError(t, err, msgDamaged, false)
	// Not a zip past its signature.
	_, err = readXLSX(t, write("junk.xlsx", append([]byte("PK\x03\x04"), bytes.Repeat([]byte{0xAB}, 5000)...)), Options{})
	wantError(t, err, msgDamaged, false)

	// Corrupt compressed sheet data: flip bytes in the middle of the sheet part.
	zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	var off, size int64
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			off, _ = f.DataOffset()
			size = int64(f.CompressedSize64)
		}
	}
	for i, at := range []int64{size / 2, size - 8} {
		bad := bytes.Clone(data)
		for j := int64(0); j < 4; j++ {
			bad[off+at+j] ^= 0x5A
		}
		_, err = readXLSX(t, write(fmt.Sprintf("flip%d.xlsx", i), bad), Options{})
		wantError(t, err, msgDamaged, false)
	}

	// A well-formed zip whose sheet XML stops in the middle of the data.
	full := handBuilt{sheets: []hbSheet{{name: "S", xml: `<row r="1"><c r="A1"><v>1</v></c></row>`}}}.files()
	full["xl/worksheets/sheet1.xml"] = `<?xml version="1.0"?><worksheet ` + nsMain + `><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>H</t></is></c></row><row r="2"><c r="A2"><v>1</v></c></row><row r="3"><c r="A3"><v>2`
	_, err = readXLSX(t, writeZip(t, full, zip.Deflate), Options{})
	wantError(t, err, msgDamaged, false)

	// A stored (uncompressed) part whose CRC does not match.
	stored := handBuilt{stored: true, sheets: []hbSheet{{name: "S", xml: `<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>12345</v></c></row>`}}}.write(t)
	sb, _ := os.ReadFile(stored)
	i := bytes.Index(sb, []byte("12345"))
	sb[i] = '9'
	_, err = readXLSX(t, write("crc.xlsx", sb), Options{})
	wantError(t, err, msgDamaged, false)

	// Shared-string index out of range names the cell.
	h := handBuilt{sst: []string{"<t>H</t>"}, sheets: []hbSheet{{name: "S", xml: `<row r="1"><c r="A1" t="s"><v>0</v></c></row>` +
		`<row r="12"><c r="A12"><v>1</v></c><c r="C12" t="s"><v>7</v></c></row>`}}}
	_, err = readXLSX(t, h.write(t), Options{})
	e := wantError(t, err, "refers to text that is missing", false)
	if e.Row != 12 || e.Column != "C" || !strings.Contains(e.Error(), "row 12, column C") {
		t.Errorf("error names %d %q: %v", e.Row, e.Column, e)
	}
	// An index far beyond any table, and one that is not a number.
	for _, v := range []string{"99999999999999999999", "x"} {
		h.sheets[0].xml = `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="B2" t="s"><v>` + v + `</v></c></row>`
		_, err = readXLSX(t, h.write(t), Options{})
		wantError(t, err, "refers to text that is missing", false)
	}
}

// ---------------------------------------------------------------------------
// hostile files

func deflateRatio(t *testing.T, path, part string) float64 {
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == part {
			return float64(f.UncompressedSize64) / float64(f.CompressedSize64)
		}
	}
	t.Fatalf("no part %s", part)
	return 0
}

func TestXLSXZipBomb(t *testing.T) {
	// 64 MB of white space and empty rows: compresses about 1000:1.
	var b strings.Builder
	b.WriteString(`<row r="1"><c r="A1"><v>1</v></c></row>`)
	b.WriteString(strings.Repeat(" ", 32<<20))
	b.WriteString(strings.Repeat("<row/>", (32<<20)/6))
	path := handBuilt{sheets: []hbSheet{{name: "S", xml: b.String()}}}.write(t)
	if r := deflateRatio(t, path, "xl/worksheets/sheet1.xml"); r < 200 {
		t.Fatalf("test bomb only compresses %.0f:1", r)
	}
	_, err := readXLSX(t, path, Options{Limits: Limits{MaxRatio: 100}})
	wantError(t, err, "zip bomb", true)
	// The same file against the size limit instead.
	_, err = readXLSX(t, path, Options{Limits: Limits{MaxXMLBytes: 8 << 20, MaxRatio: 1 << 20}})
	e := wantError(t, err, "more than 8.0 MB of data once unpacked", true)
	if !strings.Contains(e.Message, "Split the data") {
		t.Errorf("message %q", e.Message)
	}
	// Shared strings and small parts have their own limits.
	h := handBuilt{sst: []string{"<t>H</t>", "<t>" + strings.Repeat("x", 3<<20) + "</t>"}, sheets: []hbSheet{{name: "S", xml: `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`}}}
	_, err = readXLSX(t, h.write(t), Options{Limits: Limits{MaxSharedStrings: 1 << 20}})
	wantError(t, err, "shared-strings table) is larger than 1.0 MB", true)
	h = handBuilt{styles: defaultStyles + "<!--" + strings.Repeat("-", 2<<20) + "-->", sheets: h.sheets, sst: []string{"<t>H</t>"}}
	_, err = readXLSX(t, h.write(t), Options{Limits: Limits{MaxSmallPart: 1 << 20}})
	wantError(t, err, "part of the workbook (its settings, styles or sheet list) is larger than 1.0 MB", true)
}

func TestXLSXDoctype(t *testing.T) {
	dtd := `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>`
	base := func() handBuilt {
		return handBuilt{sst: []string{"<t>H</t>"}, sheets: []hbSheet{{name: "S", xml: `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`}}}
	}
	// In the workbook.
	h := base()
	f := h.files()
	f["xl/workbook.xml"] = strings.Replace(f["xl/workbook.xml"], "?>", "?>"+dtd, 1)
	_, err := readXLSX(t, writeZip(t, f, zip.Deflate), Options{})
	wantError(t, err, "XML declarations that Excel never writes", false)
	// In the shared strings.
	f = base().files()
	f["xl/sharedStrings.xml"] = strings.Replace(f["xl/sharedStrings.xml"], "?>", "?>"+dtd, 1)
	_, err = readXLSX(t, writeZip(t, f, zip.Deflate), Options{})
	wantError(t, err, "XML declarations that Excel never writes", false)
	// In the sheet, and an entity declaration inside the data.
	for _, sheet := range []string{
		`<?xml version="1.0"?>` + dtd + `<worksheet ` + nsMain + `><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`,
		`<worksheet ` + nsMain + `><sheetData><row r="1"><c r="A1"><v>1</v></c></row><!ENTITY x "y"><row r="2"><c r="A2"><v>1</v></c></row></sheetData></worksheet>`,
	} {
		f = base().files()
		f["xl/worksheets/sheet1.xml"] = sheet
		_, err = readXLSX(t, writeZip(t, f, zip.Deflate), Options{})
		wantError(t, err, "XML declarations that Excel never writes", false)
	}
	// Comments are fine.
	f = base().files()
	f["xl/worksheets/sheet1.xml"] = `<?xml version="1.0"?><!-- made by hand --><worksheet ` + nsMain + `><sheetData><!-- rows --><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2"><v>5</v></c></row></sheetData></worksheet>`
	got := mustRead(t, writeZip(t, f, zip.Deflate), Options{})
	wantRows(t, got, [][]string{{"5"}}, []int{2})
}

func TestXLSXLimits(t *testing.T) {
	// Rows.
	path := goodBook(t, 10)
	_, err := readXLSX(t, path, Options{Limits: Limits{MaxRows: 5}})
	e := wantError(t, err, "more than 5 data rows", true)
	if e.Row != 7 {
		t.Errorf("row limit error names row %d, want 7", e.Row)
	}
	if got := mustRead(t, path, Options{Limits: Limits{MaxRows: 10}}); len(got.rows) != 10 {
		t.Errorf("exactly the limit: %d rows", len(got.rows))
	}
	// Columns.
	var hdr strings.Builder
	hdr.WriteString(`<row r="1">`)
	for c := 0; c < 12; c++ {
		fmt.Fprintf(&hdr, `<c r="%s1"><v>%d</v></c>`, ColumnLetter(c), c)
	}
	hdr.WriteString(`</row>`)
	wide := handBuilt{sheets: []hbSheet{{name: "S", xml: hdr.String()}}}.write(t)
	_, err = readXLSX(t, wide, Options{Limits: Limits{MaxColumns: 10}})
	wantError(t, err, "the header row has more than 10 columns", true)
	if got := mustRead(t, wide, Options{Limits: Limits{MaxColumns: 12}}); len(got.header) != 12 {
		t.Errorf("header of 12: %q", got.header)
	}
	// Cell length: an inline string, a shared string and a huge element.
	// The message gives the cell's real size (the figure is not known for
	// an element too large to hold: then its bound).
	for i, cell := range []struct{ xml, want string }{
		{`<c r="B3" t="inlineStr"><is><t>` + strings.Repeat("y", 101) + `</t></is></c>`, "this cell holds 101 characters of text"},
		{`<c r="B3" t="s"><v>1</v></c>`, "this cell holds 500 characters of text"},
		{`<c r="B3" t="inlineStr"><is><t>` + strings.Repeat("z", 4<<20) + `</t></is></c>`, "this cell holds more than 1.0 MB of text"},
	} {
		h := handBuilt{sst: []string{"<t>H</t>", "<t>" + strings.Repeat("w", 500) + "</t>"}, sheets: []hbSheet{{name: "S", xml: `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2"><v>1</v></c></row><row r="3"><c r="A3"><v>2</v></c>` + cell.xml + `</row>`}}}
		_, err = readXLSX(t, h.write(t), Options{Limits: Limits{MaxCellBytes: 100}})
		e := wantError(t, err, cell.want, true)
		if e.Row != 3 || e.Column != "B" {
			t.Errorf("case %d: cell limit names row %d column %q", i, e.Row, e.Column)
		}
	}
	// A huge claimed dimension is only a claim.
	dim := handBuilt{sheets: []hbSheet{{name: "S", xml: `<worksheet ` + nsMain + `><dimension ref="A1:XFD1048576"/><sheetData><row r="1" spans="1:16384"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="A1048576"><v>2</v></c></row></sheetData></worksheet>`}}}.write(t)
	got := mustRead(t, dim, Options{})
	wantRows(t, got, [][]string{{"2"}}, []int{1048576})
	// A row number past Excel's last row is damage.
	bad := handBuilt{sheets: []hbSheet{{name: "S", xml: `<row r="1"><c r="A1"><v>1</v></c></row><row r="1048577"><c r="A1"><v>2</v></c></row>`}}}.write(t)
	_, err = readXLSX(t, bad, Options{})
	wantError(t, err, msgDamaged, false)
}

func TestXLSXZipDirectoryLimit(t *testing.T) {
	files := handBuilt{sheets: []hbSheet{{name: "S", xml: `<row r="1"><c r="A1"><v>1</v></c></row>`}}}.files()
	for i := 0; i < 3000; i++ {
		files[fmt.Sprintf("xl/media/padding%05d-%s.bin", i, strings.Repeat("n", 300))] = "x"
	}
	path := writeZip(t, files, zip.Deflate)
	_, err := readXLSX(t, path, Options{Limits: Limits{MaxSmallPart: 512 << 10}})
	wantError(t, err, "far more internal parts than any real spreadsheet", true)
	if got := mustRead(t, path, Options{}); got.header[0] != "1" {
		t.Errorf("header %q", got.header)
	}
}

// TestXLSXReadOnly checks a read-only file can be read and is not changed.
func TestXLSXReadOnly(t *testing.T) {
	path := goodBook(t, 100)
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	before := fileSHA(t, path)
	got := mustRead(t, path, Options{})
	if len(got.rows) != 100 || fmt.Sprint(got.rows[0]) != "[15838 Number]" {
		t.Errorf("rows %d %q", len(got.rows), got.rows[0])
	}
	if fileSHA(t, path) != before {
		t.Error("file changed")
	}
}

// FuzzXLSX feeds arbitrary worksheet and shared-strings XML to the reader:
// it may refuse the file but must not panic or hang.
//
//	go test ./reader/ -run XXX -fuzz FuzzXLSX -fuzztime 60s
func FuzzXLSX(f *testing.F) {
	f.Add(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>x</t></is></c></row><row r="2"><c r="A2" s="1"><v>45000.25</v></c><c t="s"><v>1</v></c></row>`, `<si><t>H</t></si><si><r><t>a</t></r><rPh><t>b</t></rPh></si>`)
	f.Add(`<row><c><v>1</v></c></row><row/><row r="9"><c r="C9" t="str"><f>x</f><v>&amp;_x000D_</v></c></row>`, `<si><t><![CDATA[<]]></t></si>`)
	f.Add(`<row r="1"><c r="XFD1"><v>1E308</v></c></row><!-- c --><row r="2"><c r="A2" t="d"><v>2024-01-01T10:00:00</v></c></row>`, `<si/>`)
	f.Fuzz(func(t *testing.T, sheet, sst string) {
		files := handBuilt{sheets: []hbSheet{{name: "S", xml: sheet}}}.files()
		files["xl/sharedStrings.xml"] = `<sst ` + nsMain + `>` + sst + `</sst>`
		path := writeZip(t, files, zip.Deflate)
		res, err := readXLSX(t, path, Options{Limits: Limits{MaxCellBytes: 1000, MaxRows: 1000}})
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Message == "" {
				t.Fatalf("error %T %v is not an *Error with a message", err, err)
			}
			return
		}
		for _, r := range res.rows {
			if len(r) != len(res.header) {
				t.Fatalf("row of %d cells, header of %d", len(r), len(res.header))
			}
		}
	})
}

// TestXLSXDefaultStyleIsDate covers a workbook whose default cell style
// (cellXfs 0, used by cells without s) has a date format.
func TestXLSXDefaultStyleIsDate(t *testing.T) {
	styles := `<styleSheet ` + nsMain + `><cellXfs count="2"><xf numFmtId="14"/><xf numFmtId="0"/></cellXfs></styleSheet>`
	h := handBuilt{styles: styles, sheets: []hbSheet{{name: "S", xml: `<row r="1"><c r="A1" t="inlineStr"><is><t>When</t></is></c><c r="B1" t="inlineStr"><is><t>N</t></is></c></row><row r="2"><c r="A2"><v>45382</v></c><c r="B2" s="1"><v>45382</v></c></row>`}}}
	got := mustRead(t, h.write(t), Options{})
	wantRows(t, got, [][]string{{"31/03/2024", "45382"}}, []int{2})
}

func TestXLSXClassifyFormat(t *testing.T) {
	for code, want := range map[string]numKind{
		"dd/mm/yyyy":          kindDate,
		"DD/MM/YYYY":          kindDate,
		"[$-809]dd mmmm yyyy": kindDate,
		"d-mmm-yy":            kindDate,
		"mmm-yy":              kindDate,
		"yyyy-mm-dd hh:mm:ss": kindDate,
		"dd/mm/yyyy;@":        kindDate,
		"hh:mm":               kindTime,
		"h:mm AM/PM":          kindTime,
		"mm:ss":               kindTime,
		"[h]:mm":              kindGeneral,
		"[mm]:ss":             kindGeneral,
		"0.00":                kindGeneral,
		"General":             kindGeneral,
		`"Day "0`:             kindGeneral,
		`0" days"`:            kindGeneral,
		`\d0`:                 kindGeneral,
		"[Red]0.00;[Blue]-0":  kindGeneral,
		"#,##0.00_);(#,##0)":  kindGeneral,
		"0.00E+00":            kindGeneral,
		`_-£* #,##0.00_-`:     kindGeneral,
	} {
		if got := classifyFormat(code); got != want {
			t.Errorf("classifyFormat(%q) = %d, want %d", code, got, want)
		}
	}
}

func TestXLSXGeneralNumbers(t *testing.T) {
	for in, want := range map[string]string{
		"9434765919":           "9434765919",
		"9.4347659190000004E9": "9434765919",
		"0.30000000000000004":  "0.3",
		"12.5":                 "12.5",
		"12.50":                "12.5",
		"-0":                   "0",
		"1E-7":                 "0.0000001",
		"123456789012345678":   "123456789012346000",
		"1.23456789012345678":  "1.23456789012346",
		"007":                  "7",
		" 42 ":                 "42",
		"abc":                  "abc",
		"-1234.5678":           "-1234.5678",
		"4704.98":              "4704.98",
		"0.1":                  "0.1",
	} {
		if got := string(appendNumber(nil, []byte(in))); got != want {
			t.Errorf("appendNumber(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestXLSXNextAfterErrorAndClose(t *testing.T) {
	h := handBuilt{sst: []string{"<t>H</t>"}, sheets: []hbSheet{{name: "S", xml: `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>5</v></c></row>`}}}
	src, err := Open(h.write(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	b := NewBatch(1, 10)
	err1 := src.Next(b)
	err2 := src.Next(b)
	if err1 == nil || err2 != err1 || b.Len() != 0 {
		t.Errorf("errors %v then %v, %d rows", err1, err2, b.Len())
	}
	if err := src.Close(); err != nil {
		t.Fatal(err)
	}
	if err := src.Next(b); err == nil || err == io.EOF {
		t.Errorf("Next after Close: %v", err)
	}
}
