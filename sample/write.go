package sample

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// writeCSV streams the rows as Excel's "CSV UTF-8" writes them: a byte
// order mark, CRLF line ends, and quotes only where needed (RFC 4180).
func writeCSV(path string, g *gen) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	bw.WriteString("\uFEFF")
	w := csv.NewWriter(bw)
	w.UseCRLF = true
	if err := w.Write(g.headers); err != nil {
		f.Close()
		return err
	}
	for r := g.next(); r != nil; r = g.next() {
		if err := w.Write(r.cells); err != nil {
			f.Close()
			return err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// sheetName is the one worksheet of a generated .xlsx.
const sheetName = "CLD Data"

// writeXLSX streams the rows into a worksheet as a local authority's
// export would have them: valid dates as date cells (dd/mm/yyyy), costs and
// planned units as numbers, NHS Numbers as numbers on most rows and as text
// on some, everything else (and every seeded bad value) as text.
func writeXLSX(path string, g *gen) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	if err := f.SetSheetName("Sheet1", sheetName); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheetName)
	if err != nil {
		return err
	}
	dateFmt := "dd/mm/yyyy"
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return err
	}
	moneyStyle, err := f.NewStyle(&excelize.Style{NumFmt: 2}) // 0.00
	if err != nil {
		return err
	}
	headStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	c := &g.col
	n := len(g.headers)
	kind := make([]byte, n) // d date, m money, u units, h NHS Number
	for _, i := range []int{c.RPStart, c.RPEnd, c.DOB, c.DOD, c.ESD, c.EED} {
		kind[i] = 'd'
	}
	kind[c.UnitCost], kind[c.Units], kind[c.NHS] = 'm', 'u', 'h'
	for i, h := range g.headers {
		w := float64(len(h)) + 2
		switch kind[i] {
		case 'd':
			w = 12
		case 'h':
			w = 13
		}
		if err := sw.SetColWidth(i+1, i+1, min(max(w, 10), 40)); err != nil {
			return err
		}
	}
	vals := make([]any, n)
	for i, h := range g.headers {
		vals[i] = excelize.Cell{StyleID: headStyle, Value: h}
	}
	if err := sw.SetRow("A1", vals); err != nil {
		return err
	}
	for r := g.next(); r != nil; r = g.next() {
		for i, s := range r.cells {
			vals[i] = cellValue(s, kind[i], r.nhsText, dateStyle, moneyStyle)
		}
		cell, err := excelize.CoordinatesToCellName(1, r.num)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, vals); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return saveStreaming(f, path)
}

// saveStreaming writes the workbook's zip straight into the file. SaveAs
// would first build the whole zip in memory (about 230 MB at the row
// limit); instead the zip writer excelize asks for writes to the file and
// what excelize writes to its own buffer is discarded. (excelize uses that
// buffer afterwards only to patch zip64 headers of parts over 4 GB; the
// worksheet is under 2 GB even at the row limit.)
func saveStreaming(f *excelize.File, path string) error {
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(out, 1<<20)
	used := false
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		used = true
		return fastZip(bw)
	})
	if err := f.Write(io.Discard); err != nil {
		out.Close()
		return err
	}
	if !used {
		out.Close()
		return errors.New("sample: excelize did not use the zip writer")
	}
	if err := bw.Flush(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// fastZip compresses with deflate's fastest level: the worksheet XML is
// hundreds of megabytes for a large file and the default level spends most
// of the writing time compressing it, for a file only slightly smaller.
func fastZip(w io.Writer) excelize.ZipWriter {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	return zw
}

// cellValue is the spreadsheet cell for one value (nil: an empty cell).
func cellValue(s string, kind byte, nhsText bool, dateStyle, moneyStyle int) any {
	if s == "" {
		return nil
	}
	switch kind {
	case 'd':
		if day, ok := parseDMY(s); ok {
			return excelize.Cell{StyleID: dateStyle, Value: toTime(day)}
		}
	case 'h':
		if !nhsText && len(s) == 10 && s[0] != '0' {
			if v, err := strconv.ParseInt(s, 10, 64); err == nil {
				return v
			}
		}
	case 'm', 'u':
		if v, ok := plainNumber(s); ok {
			if kind == 'm' {
				return excelize.Cell{StyleID: moneyStyle, Value: v}
			}
			return v
		}
	}
	return s
}

// plainNumber reads digits with an optional decimal part (no sign,
// currency or separators).
func plainNumber(s string) (float64, bool) {
	for i := 0; i < len(s); i++ {
		if (s[i] < '0' || s[i] > '9') && s[i] != '.' {
			return 0, false
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}
