package reader

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// Benchmarks for the .xlsx reader against excelize's Rows() on the same
// file. The workbook is generated at benchmark time under b.TempDir():
//
//	go test ./reader/ -run XXX -bench XLSX -benchtime 1x
//	CLD_BENCH_ROWS=1048575 go test ./reader/ -run XXX -bench 'XLSX/ours' -benchtime 1x -timeout 30m
//
// CLD_BENCH_ROWS sets the number of data rows (default 100,000),
// CLD_BENCH_COLS the number of columns (default 50) and CLD_BENCH_FILE reads
// an existing workbook instead of generating one. The excelize baseline is
// skipped above 200,000 rows unless CLD_BENCH_EXCELIZE=1 (it reads about
// 1,000 rows a second here, so 100,000 rows take minutes per variant).
//
// Variants: "excelxml" is sheet XML written the way Excel writes it (shared
// strings, row spans, date styles 14 and dd/mm/yyyy, NHS numbers as
// numbers, omitted empty cells); "excelize" is the same data saved by
// excelize's normal writer (shared strings, styled empty cells); "stream"
// is excelize's StreamWriter (inline strings). MB/s is uncompressed sheet
// XML per second.

func benchEnvInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// benchWorkbook returns the path of the workbook to benchmark.
func benchWorkbook(b *testing.B, variant string) (path string, rows, cols int) {
	b.Helper()
	rows = benchEnvInt("CLD_BENCH_ROWS", 100_000)
	cols = benchEnvInt("CLD_BENCH_COLS", 50)
	if p := os.Getenv("CLD_BENCH_FILE"); p != "" {
		return p, 0, 0
	}
	path = filepath.Join(b.TempDir(), "bench-"+variant+".xlsx")
	start := time.Now()
	var err error
	switch variant {
	case "excelize":
		err = writeExcelizeWorkbook(path, rows, cols)
	case "stream":
		err = writeStreamWorkbook(path, rows, cols)
	default:
		err = writeSyntheticWorkbook(path, rows, cols)
	}
	if err != nil {
		b.Fatal(err)
	}
	st, _ := os.Stat(path)
	b.Logf("generated %s: %d rows x %d cols, %.1f MB in %v", variant, rows, cols, float64(st.Size())/1e6, time.Since(start).Round(time.Millisecond))
	return path, rows, cols
}

func BenchmarkXLSX(b *testing.B) {
	for _, variant := range []string{"excelxml", "excelize", "stream"} {
		if variant != "excelxml" && os.Getenv("CLD_BENCH_FILE") != "" {
			continue
		}
		b.Run(variant, func(b *testing.B) {
			if variant == "excelize" && benchEnvInt("CLD_BENCH_ROWS", 100_000) > 200_000 && os.Getenv("CLD_BENCH_EXCELIZE") == "" {
				b.Skip("excelize's normal writer needs too much memory for this many rows; set CLD_BENCH_EXCELIZE=1")
			}
			path, _, _ := benchWorkbook(b, variant)
			xmlBytes := sheetXMLSize(b, path)
			b.Run("ours", func(b *testing.B) { benchOurs(b, path, xmlBytes) })
			b.Run("excelize-rows", func(b *testing.B) {
				if benchEnvInt("CLD_BENCH_ROWS", 100_000) > 200_000 && os.Getenv("CLD_BENCH_EXCELIZE") == "" {
					b.Skip("excelize Rows() takes minutes at this size; set CLD_BENCH_EXCELIZE=1")
				}
				benchExcelize(b, path, xmlBytes)
			})
		})
	}
}

// sheetXMLSize is the uncompressed size of the largest worksheet part, for MB/s.
func sheetXMLSize(b *testing.B, path string) int64 {
	zr, err := zip.OpenReader(path)
	if err != nil {
		b.Fatal(err)
	}
	defer zr.Close()
	var n int64
	for _, f := range zr.File {
		if int64(f.UncompressedSize64) > n && filepath.Dir(f.Name) == "xl/worksheets" {
			n = int64(f.UncompressedSize64)
		}
	}
	return n
}

func benchOurs(b *testing.B, path string, xmlBytes int64) {
	b.ReportAllocs()
	var rows int
	for i := 0; i < b.N; i++ {
		src, err := Open(path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		batch := NewBatch(len(src.Header()), 8192)
		rows = 0
		var sum int
		for {
			err := src.Next(batch)
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			rows += batch.Len()
			sum += len(batch.Data)
		}
		src.Close()
		_ = sum
	}
	reportRates(b, rows, xmlBytes)
}

func benchExcelize(b *testing.B, path string, xmlBytes int64) {
	b.ReportAllocs()
	var rows int
	for i := 0; i < b.N; i++ {
		f, err := excelize.OpenFile(path)
		if err != nil {
			b.Fatal(err)
		}
		it, err := f.Rows(f.GetSheetName(0))
		if err != nil {
			b.Fatal(err)
		}
		rows = 0
		for it.Next() {
			cells, err := it.Columns()
			if err != nil {
				b.Fatal(err)
			}
			_ = cells
			rows++
		}
		rows-- // header
		it.Close()
		f.Close()
	}
	reportRates(b, rows, xmlBytes)
}

func reportRates(b *testing.B, rows int, xmlBytes int64) {
	sec := b.Elapsed().Seconds() / float64(b.N)
	if sec <= 0 {
		return
	}
	b.ReportMetric(float64(rows)/sec, "rows/s")
	b.ReportMetric(float64(xmlBytes)/1e6/sec, "MB/s")
	b.ReportMetric(float64(rows), "rows")
}

// synthetic CLD-like data -------------------------------------------------

var (
	benchLAs        = []string{"E09000001", "E09000002", "E08000025", "E10000014", "E06000023"}
	benchGenders    = []string{"Male", "Female", "Other", "Unknown"}
	benchEthnicity  = []string{"White British", "White Irish", "Asian or Asian British: Indian", "Black or Black British: African", "Mixed: White and Asian", "Not stated"}
	benchService    = []string{"Long Term Support", "Short Term Support", "Carer Support", "Assessment", "Review"}
	benchSupport    = []string{"Physical Support: Personal Care Support", "Learning Disability Support", "Mental Health Support", "Support with Memory and Cognition"}
	benchDeliveryMe = []string{"Direct Payment", "CASSR Managed Personal Budget", "CASSR Commissioned Support only"}
)

// benchCell is one cell value of the synthetic data: a shared string, a
// number (with an optional date style) or nothing.
type benchCell struct {
	str   string
	num   string
	style int // 0 general, 1 built-in date 14, 2 custom dd/mm/yyyy, 3 "0.00"
	empty bool
}

func benchValue(rng *rand.Rand, row, col int) benchCell {
	date := func(style int) benchCell {
		serial := 36526 + rng.IntN(9000) // 2000-2024
		return benchCell{num: strconv.Itoa(serial), style: style}
	}
	switch col % 25 {
	case 0:
		return benchCell{str: benchLAs[rng.IntN(len(benchLAs))]}
	case 1:
		return benchCell{num: strconv.FormatInt(4000000000+rng.Int64N(5000000000), 10)} // NHS number as a number
	case 2:
		return benchCell{str: fmt.Sprintf("CL%07d", row)} // unique client id
	case 3:
		return benchCell{num: strconv.Itoa(10000 + rng.IntN(30000)), style: 1} // date of birth
	case 4:
		return benchCell{str: benchGenders[rng.IntN(len(benchGenders))]}
	case 5:
		return benchCell{str: benchEthnicity[rng.IntN(len(benchEthnicity))]}
	case 6:
		return benchCell{str: fmt.Sprintf("SW%d %d%c%c", 1+rng.IntN(20), rng.IntN(10), 'A'+rng.IntN(26), 'A'+rng.IntN(26))}
	case 7:
		return date(2)
	case 8:
		if rng.IntN(3) == 0 {
			return benchCell{empty: true}
		}
		return date(1)
	case 9:
		return benchCell{num: strconv.FormatFloat(float64(rng.IntN(500000))/100, 'f', -1, 64), style: 3}
	case 10:
		return benchCell{str: benchService[rng.IntN(len(benchService))]}
	case 11:
		return benchCell{str: benchSupport[rng.IntN(len(benchSupport))]}
	case 12:
		return benchCell{str: benchDeliveryMe[rng.IntN(len(benchDeliveryMe))]}
	case 13:
		return benchCell{num: strconv.Itoa(rng.IntN(100))}
	case 14:
		if rng.IntN(2) == 0 {
			return benchCell{empty: true}
		}
		return benchCell{str: fmt.Sprintf("REF-%06d", rng.IntN(1000000))}
	case 15:
		return date(1)
	case 16:
		return benchCell{str: []string{"Yes", "No"}[rng.IntN(2)]}
	case 17:
		return benchCell{num: strconv.Itoa(rng.IntN(2000))}
	case 18:
		return benchCell{str: benchLAs[rng.IntN(len(benchLAs))]}
	case 19:
		return date(2)
	case 20:
		return benchCell{empty: true}
	case 21:
		return benchCell{num: strconv.FormatFloat(float64(rng.IntN(100000))/100, 'f', -1, 64)}
	case 22:
		return benchCell{str: benchService[rng.IntN(len(benchService))]}
	case 23:
		return benchCell{num: strconv.FormatInt(4000000000+rng.Int64N(5000000000), 10)}
	default:
		return benchCell{str: benchGenders[rng.IntN(len(benchGenders))]}
	}
}

// writeSyntheticWorkbook writes a workbook laid out the way Excel writes one
// (shared strings, row spans, styled date cells, omitted empty cells)
// without holding the sheet in memory.
func writeSyntheticWorkbook(path string, rows, cols int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	put := func(name, body string) error {
		w, err := zw.Create(name)
		if err != nil {
			return err
		}
		_, err = io.WriteString(w, body)
		return err
	}
	if err := put("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`); err != nil {
		return err
	}
	if err := put("_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`); err != nil {
		return err
	}
	if err := put("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr defaultThemeVersion="166925"/><bookViews><workbookView xWindow="-120" yWindow="-120" windowWidth="29040" windowHeight="15840"/></bookViews><sheets><sheet name="CLD Data" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="191029"/></workbook>`); err != nil {
		return err
	}
	if err := put("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`); err != nil {
		return err
	}
	if err := put("xl/styles.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`); err != nil {
		return err
	}

	sst := map[string]int{}
	var sstList []string
	intern := func(s string) int {
		if i, ok := sst[s]; ok {
			return i
		}
		sst[s] = len(sstList)
		sstList = append(sstList, s)
		return len(sstList) - 1
	}
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	last := ColumnLetter(cols - 1)
	fmt.Fprintf(bw, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac xr xr2 xr3" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"><dimension ref="A1:%s%d"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/><sheetData>`, last, rows+1)
	letters := make([]string, cols)
	for c := range letters {
		letters[c] = ColumnLetter(c)
	}
	var buf []byte
	buf = append(buf, `<row r="1" spans="1:`...)
	buf = strconv.AppendInt(buf, int64(cols), 10)
	buf = append(buf, `" x14ac:dyDescent="0.25">`...)
	for c := 0; c < cols; c++ {
		buf = append(buf, `<c r="`...)
		buf = append(buf, letters[c]...)
		buf = append(buf, `1" t="s"><v>`...)
		buf = strconv.AppendInt(buf, int64(intern(fmt.Sprintf("Field %d", c+1))), 10)
		buf = append(buf, `</v></c>`...)
	}
	buf = append(buf, `</row>`...)
	bw.Write(buf)
	rng := rand.New(rand.NewPCG(1, 2))
	for r := 2; r <= rows+1; r++ {
		buf = buf[:0]
		buf = append(buf, `<row r="`...)
		buf = strconv.AppendInt(buf, int64(r), 10)
		buf = append(buf, `" spans="1:`...)
		buf = strconv.AppendInt(buf, int64(cols), 10)
		buf = append(buf, `" x14ac:dyDescent="0.25">`...)
		for c := 0; c < cols; c++ {
			v := benchValue(rng, r, c)
			if v.empty {
				continue
			}
			buf = append(buf, `<c r="`...)
			buf = append(buf, letters[c]...)
			buf = strconv.AppendInt(buf, int64(r), 10)
			buf = append(buf, '"')
			if v.style != 0 {
				buf = append(buf, ` s="`...)
				buf = strconv.AppendInt(buf, int64(v.style), 10)
				buf = append(buf, '"')
			}
			if v.str != "" {
				buf = append(buf, ` t="s"><v>`...)
				buf = strconv.AppendInt(buf, int64(intern(v.str)), 10)
			} else {
				buf = append(buf, `><v>`...)
				buf = append(buf, v.num...)
			}
			buf = append(buf, `</v></c>`...)
		}
		buf = append(buf, `</row>`...)
		if _, err := bw.Write(buf); err != nil {
			return err
		}
	}
	bw.WriteString(`</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`)
	if err := bw.Flush(); err != nil {
		return err
	}
	w, err = zw.Create("xl/sharedStrings.xml")
	if err != nil {
		return err
	}
	bw = bufio.NewWriterSize(w, 1<<16)
	fmt.Fprintf(bw, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, len(sstList), len(sstList))
	for _, s := range sstList {
		bw.WriteString("<si><t>")
		bw.WriteString(s) // no characters needing escapes in the synthetic data
		bw.WriteString("</t></si>")
	}
	bw.WriteString("</sst>")
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}

// writeExcelizeWorkbook writes the same kind of data with excelize's normal
// (in-memory) writer, which stores text as shared strings.
func writeExcelizeWorkbook(path string, rows, cols int) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "CLD Data"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	date14, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		return err
	}
	custom := "dd/mm/yyyy"
	dateCustom, err := f.NewStyle(&excelize.Style{CustomNumFmt: &custom})
	if err != nil {
		return err
	}
	two, err := f.NewStyle(&excelize.Style{NumFmt: 2})
	if err != nil {
		return err
	}
	styles := []int{0, date14, dateCustom, two}
	header := make([]any, cols)
	for c := range header {
		header[c] = fmt.Sprintf("Field %d", c+1)
	}
	if err := f.SetSheetRow(sheet, "A1", &header); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(1, 2))
	vals := make([]any, cols)
	for r := 2; r <= rows+1; r++ {
		for c := 0; c < cols; c++ {
			v := benchValue(rng, r, c)
			switch {
			case v.empty:
				vals[c] = nil
			case v.str != "":
				vals[c] = v.str
			default:
				n, _ := strconv.ParseFloat(v.num, 64)
				vals[c] = n
			}
		}
		cell := "A" + strconv.Itoa(r)
		if err := f.SetSheetRow(sheet, cell, &vals); err != nil {
			return err
		}
	}
	for c := 0; c < cols; c++ {
		var st int
		switch c % 25 {
		case 3, 8, 15:
			st = styles[1]
		case 7, 19:
			st = styles[2]
		case 9:
			st = styles[3]
		default:
			continue
		}
		col := ColumnLetter(c)
		if err := f.SetCellStyle(sheet, col+"2", col+strconv.Itoa(rows+1), st); err != nil {
			return err
		}
	}
	return f.SaveAs(path)
}

// writeStreamWorkbook writes the same data with excelize's StreamWriter,
// which stores text as inline strings.
func writeStreamWorkbook(path string, rows, cols int) error {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	date14, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		return err
	}
	vals := make([]any, cols)
	for c := range vals {
		vals[c] = fmt.Sprintf("Field %d", c+1)
	}
	if err := sw.SetRow("A1", vals); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for r := 2; r <= rows+1; r++ {
		for c := 0; c < cols; c++ {
			v := benchValue(rng, r, c)
			switch {
			case v.empty:
				vals[c] = nil
			case v.str != "":
				vals[c] = v.str
			case v.style == 1 || v.style == 2:
				n, _ := strconv.Atoi(v.num)
				vals[c] = excelize.Cell{StyleID: date14, Value: n}
			default:
				n, _ := strconv.ParseFloat(v.num, 64)
				vals[c] = n
			}
		}
		if err := sw.SetRow("A"+strconv.Itoa(r), vals); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}
