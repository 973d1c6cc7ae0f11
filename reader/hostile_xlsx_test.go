package reader

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"unicode/utf16"
)

// The shared-strings table is measured before it is built and refused
// with its real size when it would cost more than the limit.
func TestXLSXSharedStringsMeasuredFirst(t *testing.T) {
	defer func(v int64) { sstOneReadSize = v }(sstOneReadSize)
	sstOneReadSize = 1 << 10 // measure every table
	sst := make([]string, 200_000)
	for i := range sst {
		sst[i] = fmt.Sprintf("<t>v%08d</t>", i) // 9 bytes of text each
	}
	h := handBuilt{sst: sst, sheets: []hbSheet{{name: "S", xml: `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>199999</v></c></row>`}}}
	path := h.write(t)
	_, err := readXLSX(t, path, Options{Limits: Limits{MaxSharedText: 2 << 20}})
	// 1,800,000 bytes of text and 200,001 four-byte offsets: 2.5 MB.
	wantError(t, err, "would take 2.5 MB of memory once unpacked (1.7 MB of text in 200,000 different values), more than the 2.0 MB this tool allows", true)
	got := mustRead(t, path, Options{Limits: Limits{MaxSharedText: 3 << 20}})
	if fmt.Sprint(got.header) != "[v00000000 v00199999]" {
		t.Errorf("header %q", got.header)
	}
	// Read once (a small table) the limit still holds.
	sstOneReadSize = 64 << 20
	_, err = readXLSX(t, path, Options{Limits: Limits{MaxSharedText: 2 << 20}})
	wantError(t, err, "more than the 2.0 MB this tool allows", true)
}

// A part larger than the zip directory says is damage, found as soon as
// the extra bytes arrive (the declared size bounds every allocation).
func TestXLSXPartLargerThanDeclared(t *testing.T) {
	h := handBuilt{sst: []string{"<t>" + strings.Repeat("a", 5000) + "</t>"}, sheets: []hbSheet{{name: "S", xml: `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`}}}
	path := h.write(t)
	data, _ := os.ReadFile(path)
	// Lower the uncompressed size of xl/sharedStrings.xml in the central
	// directory (offset 24 of its header).
	name := []byte("xl/sharedStrings.xml")
	found := false
	for i := 0; i+46 < len(data); i++ {
		if binary.LittleEndian.Uint32(data[i:]) == 0x02014b50 && bytes.HasPrefix(data[i+46:], name) {
			binary.LittleEndian.PutUint32(data[i+24:], 100)
			found = true
		}
	}
	if !found {
		t.Fatal("central directory entry not found")
	}
	os.WriteFile(path, data, 0o644)
	_, err := readXLSX(t, path, Options{})
	wantError(t, err, msgDamaged, false)
}

func TestXLSXDuplicatePartsRefused(t *testing.T) {
	files := handBuilt{sheets: []hbSheet{{name: "S", xml: `<row r="1"><c r="A1" t="inlineStr"><is><t>real</t></is></c></row>`}}}.files()
	path := writeZip(t, files, zip.Deflate)
	// Append a second xl/worksheets/sheet1.xml with other content.
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zr, _ := zip.OpenReader(path)
	for _, f := range zr.File {
		w, _ := zw.Create(f.Name)
		rc, _ := f.Open()
		io.Copy(w, rc)
		rc.Close()
	}
	zr.Close()
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	io.WriteString(w, `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>impostor</t></is></c></row></sheetData></worksheet>`)
	zw.Close()
	os.WriteFile(path, buf.Bytes(), 0o644)
	_, err := readXLSX(t, path, Options{})
	wantError(t, err, "two copies of the same internal part (xl/worksheets/sheet1.xml)", false)
}

// utf16Part encodes XML as UTF-16 (little-endian with a byte-order mark, or
// big-endian without), declaring it.
func utf16Part(s string, le, bom bool) string {
	s = strings.Replace(s, `encoding="UTF-8"`, `encoding="UTF-16"`, 1)
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xFEFF}, units...)
	}
	out := make([]byte, 0, 2*len(units))
	for _, u := range units {
		if le {
			out = append(out, byte(u), byte(u>>8))
		} else {
			out = append(out, byte(u>>8), byte(u))
		}
	}
	return string(out)
}

func TestXLSXUTF16Parts(t *testing.T) {
	h := handBuilt{
		sst:    []string{"<t>LA Code</t>", "<t>Zoë</t>"},
		sheets: []hbSheet{{name: "Données", xml: `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Name</t></is></c></row><row r="2"><c r="A2"><v>503</v></c><c r="B2" t="s"><v>1</v></c></row>`}},
	}
	files := h.files()
	for _, p := range []struct {
		name    string
		le, bom bool
	}{{"xl/worksheets/sheet1.xml", true, true}, {"xl/workbook.xml", false, false}, {"xl/sharedStrings.xml", false, true}, {"xl/styles.xml", true, false}} {
		files[p.name] = utf16Part(files[p.name], p.le, p.bom)
	}
	got := mustRead(t, writeZip(t, files, zip.Deflate), Options{})
	if got.src.Info().Sheet != "Données" {
		t.Errorf("sheet %q", got.src.Info().Sheet)
	}
	wantRows(t, got, [][]string{{"503", "Zoë"}}, []int{2})
}
