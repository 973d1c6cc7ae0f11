package reader

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// One stray byte in a UTF-8 file no longer turns every O’Brien into
// Oâ€™Brien: the file is read as UTF-8 and only the stray byte's cell is
// repaired, and named.
func TestCSVEncodingFromTheWholeFile(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("Name,Town\r\n")
	b.WriteString("Smith,Leeds\r\n")
	b.WriteString("Jones,Caf\xe9 Street\r\n") // row 3: one Windows-1252 byte
	for i := 0; i < 2000; i++ {
		if i%11 == 0 {
			b.WriteString("O’Brien,Wakefield\r\n")
		} else {
			fmt.Fprintf(&b, "Person%d,York\r\n", i)
		}
	}
	b.WriteString("O’Brien\x92s,Bradford\r\n") // a cell with both: only the stray byte changes
	src := mustOpen(t, "names.csv", b.Bytes())
	rows, nums := readAll(t, src)
	obrien, garbled := 0, 0
	for _, r := range rows {
		if r[0] == "O’Brien" {
			obrien++
		}
		if strings.Contains(r[0], "â€") {
			garbled++
		}
	}
	if obrien != 182 || garbled != 0 {
		t.Errorf("%d O’Brien read intact, %d garbled; want 182 and 0", obrien, garbled)
	}
	if rows[1][1] != "Café Street" || rows[len(rows)-1][0] != "O’Brien’s" {
		t.Errorf("repaired cells: %q, %q", rows[1][1], rows[len(rows)-1][0])
	}
	info := src.Info()
	if info.Encoding != "UTF-8" {
		t.Errorf("encoding %q, want UTF-8", info.Encoding)
	}
	last := nums[len(nums)-1]
	notes := joined(info.Notes)
	if !strings.Contains(notes, "2 cells held bytes that are not UTF-8") || !strings.Contains(notes, "row 3 (Town)") || !strings.Contains(notes, fmt.Sprintf("row %d (Name)", last)) {
		t.Errorf("the note should say the file is UTF-8 and name the two repaired cells:\n%s", notes)
	}

	// A file with no UTF-8 beyond ASCII and accented letters in Windows-1252
	// is Windows-1252, and the note says why.
	src = mustOpen(t, "cp1252.csv", []byte("Name,Town\r\nZo\xeb,Leeds\r\nRen\xe9e,York\r\nSmith,Leeds\r\n"))
	rows, _ = readAll(t, src)
	if rows[0][0] != "Zoë" || rows[1][0] != "Renée" {
		t.Errorf("Windows-1252 cells %q", rows)
	}
	if info := src.Info(); info.Encoding != "Windows-1252" || !strings.Contains(joined(info.Notes), "none is written as UTF-8") {
		t.Errorf("encoding %q, notes %s", info.Encoding, joined(info.Notes))
	}
}

func TestCSVPipeDelimited(t *testing.T) {
	src := mustOpen(t, "pipes.csv", []byte("LA Code|NHS Number|Event Type\r\n503|9434765919|Request\r\n"))
	if fmt.Sprint(src.Header()) != "[LA Code NHS Number Event Type]" {
		t.Fatalf("header %q", src.Header())
	}
	rows, _ := readAll(t, src)
	if fmt.Sprint(rows) != "[[503 9434765919 Request]]" {
		t.Errorf("rows %q", rows)
	}
	if !strings.Contains(joined(src.Info().Notes), "vertical bars (|)") {
		t.Errorf("no note about the delimiter: %s", joined(src.Info().Notes))
	}
}
