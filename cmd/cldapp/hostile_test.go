package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"cldvalidator/validation"
)

// Hostile and broken input, end to end through `cldapp check --report`:
// each gives the exit code the contract promises, one plain-English line
// (or a readable result), never a crash, and the input file is unchanged.

func headerCSV() string {
	s, _ := validation.LoadSpec(validation.R1)
	return strings.Join(s.Headers(), ",")
}

// xlsxWith builds a workbook zip by hand with the given worksheet XML (and
// optional extra parts), as a hostile file would be built.
func xlsxWith(t *testing.T, sheet []byte, level int, extra map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, level) })
	parts := map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
		"_rels/.rels":                `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
	}
	for k, v := range extra {
		parts[k] = v
	}
	for name, body := range parts {
		w, _ := zw.Create(name)
		w.Write([]byte(body))
	}
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	w.Write(sheet)
	zw.Close()
	return buf.Bytes()
}

func sheetXML(rows ...string) []byte {
	return []byte(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		strings.Join(rows, "") + `</sheetData></worksheet>`)
}

func inlineRow(r int, cells ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<row r="%d">`, r)
	for _, c := range cells {
		fmt.Fprintf(&b, `<c t="inlineStr"><is><t>%s</t></is></c>`, c)
	}
	b.WriteString(`</row>`)
	return b.String()
}

func TestHostileInputs(t *testing.T) {
	s, _ := validation.LoadSpec(validation.R1)
	hdr := s.Headers()
	// A zip bomb: 200 MB of spaces inside the worksheet, about 200 KB on disk.
	bomb := func() []byte {
		sheet := append(sheetXML(inlineRow(1, hdr...)), bytes.Repeat([]byte(" "), 200<<20)...)
		return xlsxWith(t, sheet, flate.BestCompression, nil)
	}
	ole := []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	utf16noBOM := func(s string) []byte {
		var out []byte
		for _, u := range utf16.Encode([]rune(s)) {
			out = append(out, byte(u), byte(u>>8))
		}
		return out
	}
	good := xlsxWith(t, sheetXML(inlineRow(1, hdr...)), flate.DefaultCompression, nil)
	wide := make([]string, 300)
	for i := range wide {
		wide[i] = fmt.Sprintf("Column %d", i)
	}
	cases := []struct {
		name  string
		file  string
		data  func() []byte
		code  int
		wants []string // "!text": must not appear
	}{
		{"zip bomb", "bomb.xlsx", bomb, 2, []string{"bomb.xlsx", "zip bomb"}},
		{"entity expansion", "lol.xlsx", func() []byte {
			return xlsxWith(t, []byte(`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>`), flate.DefaultCompression, nil)
		}, 2, []string{"lol.xlsx"}},
		{"16,384 columns claimed", "claims.xlsx", func() []byte {
			x := strings.Replace(string(sheetXML(inlineRow(1, hdr...))), "<sheetData>", `<dimension ref="A1:XFD1048576"/><sheetData>`, 1)
			return xlsxWith(t, []byte(x), flate.DefaultCompression, nil)
		}, 1, []string{"no data rows"}},
		{"header of 300 columns", "wide.xlsx", func() []byte {
			return xlsxWith(t, sheetXML(inlineRow(1, wide...)), flate.DefaultCompression, nil)
		}, 2, []string{"wide.xlsx", "more than 256 columns"}},
		{"row beyond Excel's limit", "tall.xlsx", func() []byte {
			return xlsxWith(t, sheetXML(inlineRow(1, hdr...), inlineRow(10_000_000, "503")), flate.DefaultCompression, nil)
		}, 2, []string{"tall.xlsx"}},
		{"corrupt zip", "corrupt.xlsx", func() []byte {
			b := append([]byte(nil), good...)
			copy(b[40:], bytes.Repeat([]byte{0xAA}, 200))
			return b
		}, 2, []string{"corrupt.xlsx", "damaged"}},
		{"truncated zip", "cut.xlsx", func() []byte { return good[:len(good)/2] }, 2, []string{"cut.xlsx", "damaged"}},
		{"password-protected", "locked.xlsx", func() []byte {
			return append(append(append([]byte(nil), ole...), make([]byte, 200)...), []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")...)
		}, 2, []string{"password-protected"}},
		{".xls renamed", "old.xlsx", func() []byte { return append(append([]byte(nil), ole...), make([]byte, 600)...) }, 2, []string{".xls"}},
		{".xlsb renamed", "binary.xlsx", func() []byte {
			return xlsxWith(t, nil, flate.DefaultCompression, map[string]string{"xl/workbook.bin": "\x83\x01"})
		}, 2, []string{".xlsb"}},
		{".ods renamed", "calc.xlsx", func() []byte {
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			w, _ := zw.Create("mimetype")
			w.Write([]byte("application/vnd.oasis.opendocument.spreadsheet"))
			w, _ = zw.Create("content.xml")
			w.Write([]byte("<office:document-content/>"))
			zw.Close()
			return buf.Bytes()
		}, 2, []string{".ods"}},
		{"empty file", "empty.csv", func() []byte { return nil }, 2, []string{"empty.csv", "empty"}},
		{"header only", "header.csv", func() []byte { return []byte(headerCSV() + "\r\n") }, 1, []string{"no data rows"}},
		{"unbalanced quotes", "quotes.csv", func() []byte {
			return []byte(headerCSV() + "\r\n503,\"01/04/2024,31/03/2025\r\n")
		}, 2, []string{"quotes.csv", "row 2", "column Reporting Period Start Date", "never closed"}},
		{"NUL bytes", "nul.csv", func() []byte { return []byte(headerCSV() + "\r\n5\x0003," + strings.Repeat(",", 49) + "\r\n") }, 1, []string{"NUL"}},
		{"mixed line endings", "mixed.csv", func() []byte { return []byte(headerCSV() + "\r\n503\n503\r503\r\n") }, 1, []string{`"rows":3`}},
		{"UTF-16 without BOM", "u16.csv", func() []byte { return utf16noBOM(headerCSV() + "\r\n503\r\n") }, 1, []string{"UTF-16"}},
		// Issue 14.
		{"32 KB of zero bytes after a cut-off row", "cut.csv", func() []byte {
			return append([]byte(headerCSV()+"\r\n503\r\n503,\"01/04/20"), make([]byte, 32<<10)...)
		}, 1, []string{"The file ends with 32.0 KB of zero (NUL) bytes", "Row 3, the last line", "!never closed"}},
		{"pipe-delimited", "pipes.csv", func() []byte { return []byte(strings.ReplaceAll(headerCSV(), ",", "|") + "\r\n503\r\n") }, 1,
			[]string{"vertical bars (|)", "!column-missing"}},
		{"duplicate parts", "twice.xlsx", func() []byte {
			b := xlsxWith(t, sheetXML(inlineRow(1, hdr...)), flate.DefaultCompression, nil)
			zr, _ := zip.NewReader(bytes.NewReader(b), int64(len(b)))
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			for _, f := range zr.File {
				w, _ := zw.Create(f.Name)
				rc, _ := f.Open()
				io.Copy(w, rc)
				rc.Close()
			}
			w, _ := zw.Create("xl/worksheets/sheet1.xml")
			w.Write(sheetXML(inlineRow(1, "impostor")))
			zw.Close()
			return buf.Bytes()
		}, 2, []string{"twice.xlsx", "two copies of the same internal part"}},
		{"UTF-16 worksheet", "u16.xlsx", func() []byte {
			x := strings.Replace(string(sheetXML(inlineRow(1, hdr...), inlineRow(2, "503"))), `encoding="UTF-8"`, `encoding="UTF-16"`, 1)
			return xlsxWith(t, append([]byte{0xFF, 0xFE}, utf16noBOM(x)...), flate.DefaultCompression, nil)
		}, 1, []string{`"rows":1`, "!damaged"}},
		{"32,767-character cell", "long.csv", func() []byte {
			return []byte(headerCSV() + "\r\n503" + strings.Repeat(",", 28) + strings.Repeat("x", 32767) + strings.Repeat(",", 21) + "\r\n")
		}, 1, []string{"text-too-long", "32767 characters"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			in := filepath.Join(dir, c.file)
			data := c.data()
			if err := os.WriteFile(in, data, 0o644); err != nil {
				t.Fatal(err)
			}
			before := sha256.Sum256(data)
			report := filepath.Join(dir, "report.xlsx")
			code, out, stderr := run(t, "check", "--json", "-", "--report", report, in)
			if code != c.code {
				t.Fatalf("exit %d, want %d\nstdout %.300s\nstderr %s", code, c.code, out, stderr)
			}
			text := stderr
			if code == 2 {
				if strings.Count(strings.TrimSpace(stderr), "\n") != 0 || out != "" {
					t.Fatalf("unreadable input must give one line on stderr and nothing else: %q %q", out, stderr)
				}
			} else {
				text = out
			}
			for _, w := range c.wants {
				if not, ok := strings.CutPrefix(w, "!"); ok {
					if strings.Contains(text, not) {
						t.Errorf("output should not mention %q:\n%.600s", not, text)
					}
				} else if !strings.Contains(text, w) {
					t.Errorf("output should mention %q:\n%.600s", w, text)
				}
			}
			after, _ := os.ReadFile(in)
			if sha256.Sum256(after) != before {
				t.Fatal("the input file changed")
			}
			leftovers, _ := filepath.Glob(filepath.Join(dir, ".*"))
			if len(leftovers) > 0 {
				t.Fatalf("temporary files left: %v", leftovers)
			}
		})
	}
}
