package reader

import (
	"crypto/sha256"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"
)

// readAll reads every row of a source as strings, with row numbers.
func readAll(t testing.TB, src Source) (rows [][]string, nums []int) {
	t.Helper()
	b := NewBatch(len(src.Header()), 3) // small batches exercise the batch boundaries
	for {
		err := src.Next(b)
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		for r := 0; r < b.Len(); r++ {
			var cells []string
			for c := 0; c < b.NCols; c++ {
				cells = append(cells, string(b.Cell(r, c)))
			}
			rows = append(rows, cells)
			nums = append(nums, int(b.RowNum[r]))
		}
	}
}

func writeFile(t testing.TB, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func openBytes(t testing.TB, name string, data []byte, opts Options) (Source, error) {
	t.Helper()
	return Open(writeFile(t, name, data), opts)
}

func mustOpen(t testing.TB, name string, data []byte) Source {
	t.Helper()
	src, err := openBytes(t, name, data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { src.Close() })
	return src
}

func TestCSVBasics(t *testing.T) {
	data := "A,B,C\r\n1,\"x, y\",3\r\n\r\n4,\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n7,8\r\n"
	src := mustOpen(t, "a.csv", []byte(data))
	if got := src.Header(); !reflect.DeepEqual(got, []string{"A", "B", "C"}) {
		t.Fatalf("header %q", got)
	}
	rows, nums := readAll(t, src)
	want := [][]string{{"1", "x, y", "3"}, {"4", `say "hi"`, "two\r\nlines"}, {"7", "8", ""}}
	if !reflect.DeepEqual(rows, want) {
		t.Fatalf("rows %q", rows)
	}
	// The blank line is row 3 as Excel shows it; the quoted line break stays in row 4.
	if !reflect.DeepEqual(nums, []int{2, 4, 5}) {
		t.Fatalf("row numbers %v", nums)
	}
	if info := src.Info(); info.Format != "csv" || info.Encoding != "UTF-8" || info.Name != "a.csv" {
		t.Fatalf("info %+v", info)
	}
}

func TestCSVEncodings(t *testing.T) {
	text := "Name,Town\nZoë,Ashby-de-la-Zouch\nRenée,Bôlton\n"
	want := [][]string{{"Zoë", "Ashby-de-la-Zouch"}, {"Renée", "Bôlton"}}
	win, _ := charmap.Windows1252.NewEncoder().String(text)
	u16 := func(bom bool, le bool) []byte {
		var out []byte
		units := utf16.Encode([]rune(text))
		if bom {
			units = append([]uint16{0xFEFF}, units...)
		}
		for _, u := range units {
			if le {
				out = append(out, byte(u), byte(u>>8))
			} else {
				out = append(out, byte(u>>8), byte(u))
			}
		}
		return out
	}
	cases := []struct {
		name, enc string
		data      []byte
		note      string
	}{
		{"utf8", "UTF-8", []byte(text), ""},
		{"utf8bom", "UTF-8 with BOM", append([]byte{0xEF, 0xBB, 0xBF}, text...), ""},
		{"cp1252", "Windows-1252", []byte(win), ""},
		{"utf16le", "UTF-16LE", u16(true, true), ""},
		{"utf16be", "UTF-16BE", u16(true, false), ""},
		{"utf16le-nobom", "UTF-16LE", u16(false, true), "without a byte-order mark"},
		{"utf16be-nobom", "UTF-16BE", u16(false, false), "without a byte-order mark"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := mustOpen(t, c.name+".csv", c.data)
			if !reflect.DeepEqual(src.Header(), []string{"Name", "Town"}) {
				t.Fatalf("header %q", src.Header())
			}
			rows, _ := readAll(t, src)
			if !reflect.DeepEqual(rows, want) {
				t.Fatalf("rows %q", rows)
			}
			if src.Info().Encoding != c.enc {
				t.Fatalf("encoding %q, want %q", src.Info().Encoding, c.enc)
			}
			if c.note != "" && !strings.Contains(strings.Join(src.Info().Notes, " "), c.note) {
				t.Fatalf("notes %q should say %q", src.Info().Notes, c.note)
			}
		})
	}
}

// A mostly-UTF-8 export with one Windows-1252 cell deep in the file.
func TestCSVMixedEncodingRepairsCell(t *testing.T) {
	var b strings.Builder
	b.WriteString("Name\n")
	for i := 0; i < 2000; i++ {
		b.WriteString("Smith\n")
	}
	data := []byte(b.String() + "Ren\xe9e\n")
	src := mustOpen(t, "mixed.csv", data)
	rows, _ := readAll(t, src)
	if got := rows[len(rows)-1][0]; got != "Renée" {
		t.Fatalf("last cell %q", got)
	}
	if !strings.Contains(strings.Join(src.Info().Notes, " "), "Windows-1252") {
		t.Fatalf("notes %q", src.Info().Notes)
	}
}

func TestCSVLineEndings(t *testing.T) {
	src := mustOpen(t, "le.csv", []byte("A,B\r1,2\n3,4\r\n5,6\r"))
	rows, nums := readAll(t, src)
	if !reflect.DeepEqual(rows, [][]string{{"1", "2"}, {"3", "4"}, {"5", "6"}}) || !reflect.DeepEqual(nums, []int{2, 3, 4}) {
		t.Fatalf("rows %q nums %v", rows, nums)
	}
}

func TestCSVUnbalancedQuote(t *testing.T) {
	err := readErr(t, "q.csv", []byte("A,B,C\n1,2,3\n4,\"open,6\n7,8,9\n"), Options{})
	var re *Error
	if !errors.As(err, &re) {
		t.Fatalf("want *Error, got %v", err)
	}
	if re.Row != 3 || re.Column != "B" || !strings.Contains(re.Message, "never closed") || re.Name != "q.csv" {
		t.Fatalf("error %+v", re)
	}
	if !strings.Contains(err.Error(), "q.csv, row 3, column B:") {
		t.Fatalf("message %q", err.Error())
	}
}

func TestCSVNULBytes(t *testing.T) {
	src := mustOpen(t, "nul.csv", []byte("A,B\n1\x00,2\n"))
	rows, _ := readAll(t, src)
	if rows[0][0] != "1" {
		t.Fatalf("rows %q", rows)
	}
	if !strings.Contains(strings.Join(src.Info().Notes, " "), "NUL") {
		t.Fatalf("notes %q", src.Info().Notes)
	}
}

func TestCSVHeaderSearch(t *testing.T) {
	data := "Adult Social Care CLD extract\nProduced 01/10/2025\n\nLA Code,NHS Number,Gender\n503,9434765919,Female\n"
	score := func(cells []string) int {
		n := 0
		for _, c := range cells {
			if c == "LA Code" || c == "NHS Number" || c == "Gender" {
				n++
			}
		}
		return n
	}
	src, err := openBytes(t, "titled.csv", []byte(data), Options{HeaderScore: score})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if src.HeaderRow() != 4 || src.Header()[0] != "LA Code" {
		t.Fatalf("header row %d %q", src.HeaderRow(), src.Header())
	}
	rows, nums := readAll(t, src)
	if len(rows) != 1 || nums[0] != 5 || rows[0][1] != "9434765919" {
		t.Fatalf("rows %q %v", rows, nums)
	}
}

func TestCSVShapes(t *testing.T) {
	// Trailing empty header cells are dropped; short rows are padded; long rows overflow.
	src := mustOpen(t, "s.csv", []byte("A,B,,\n1\n1,2,3,4\n"))
	if len(src.Header()) != 2 {
		t.Fatalf("header %q", src.Header())
	}
	b := NewBatch(2, 10)
	if err := src.Next(b); err != nil {
		t.Fatal(err)
	}
	if b.Len() != 2 || string(b.Cell(0, 1)) != "" || string(b.Cell(1, 1)) != "2" {
		t.Fatalf("cells %q %q", b.Cell(0, 1), b.Cell(1, 1))
	}
	if b.Overflow[3] != 2 {
		t.Fatalf("overflow %v", b.Overflow)
	}
}

func TestUnreadableInputs(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"empty.csv", nil, "the file is empty"},
		{"blank.csv", []byte("\n\n  \n"), "has no rows"},
		{"old.xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...), "old-style Excel file (.xls)"},
		{"locked.xlsx", append(append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 100)...),
			[]byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")...), "password-protected"},
		{"picture.csv", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02\x00\x00\x00\x90\x91h6\x00\x00\x00\x00\x00\x00\x00"), "not a CSV or Excel file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := openBytes(t, c.name, c.data, Options{})
			var re *Error
			if !errors.As(err, &re) || !strings.Contains(re.Message, c.want) || re.Name != c.name {
				t.Fatalf("want *Error containing %q, got %v", c.want, err)
			}
		})
	}
	_, err := Open(filepath.Join(t.TempDir(), "missing.csv"), Options{})
	if err == nil || !strings.Contains(err.Error(), "missing.csv: the file was not found") {
		t.Fatalf("missing file: %v", err)
	}
}

func TestCSVLimits(t *testing.T) {
	var b strings.Builder
	b.WriteString("A\n")
	for i := 0; i < 20; i++ {
		b.WriteString("x\n")
	}
	src, err := openBytes(t, "rows.csv", []byte(b.String()), Options{Limits: Limits{MaxRows: 10}})
	if err != nil {
		t.Fatal(err)
	}
	batch := NewBatch(1, 100)
	err = src.Next(batch)
	if !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "more than 10 data rows") || !strings.Contains(err.Error(), "row 12") {
		t.Fatalf("want row limit, got %v", err)
	}
	wide := strings.Repeat("H,", 300) + "H\n"
	_, err = openBytes(t, "wide.csv", []byte(wide), Options{})
	if !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "301 columns") {
		t.Fatalf("want column limit, got %v", err)
	}
	// A 32,767-character cell is fine; a cell past the limit is an error naming the cell.
	big := "A,B\n1," + strings.Repeat("y", 32767) + "\n"
	src, err = openBytes(t, "big.csv", []byte(big), Options{})
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := readAll(t, src)
	if len(rows[0][1]) != 32767 {
		t.Fatalf("cell length %d", len(rows[0][1]))
	}
	huge := "A,B\n1,\"" + strings.Repeat("z", 200) + "\"\n"
	err = readErr(t, "huge.csv", []byte(huge), Options{Limits: Limits{MaxCellBytes: 100}})
	if !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "row 2, column B") {
		t.Fatalf("want cell limit, got %v", err)
	}
}

func TestFromTextClipboard(t *testing.T) {
	// Excel puts tab-separated rows with CRLF on the clipboard; cells with tabs or line breaks are quoted.
	src, err := FromText("LA Code\tGender\r\n503\tFemale\r\n504\t\"two\nlines\"\r\n", Options{})
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := readAll(t, src)
	if !reflect.DeepEqual(rows, [][]string{{"503", "Female"}, {"504", "two\nlines"}}) {
		t.Fatalf("rows %q", rows)
	}
	if src.Info().Format != "tsv" || src.Info().Name != "pasted data" {
		t.Fatalf("info %+v", src.Info())
	}
	if _, err := FromText("  \n", Options{}); err == nil || !strings.Contains(err.Error(), "nothing to paste") {
		t.Fatalf("empty paste: %v", err)
	}
}

func TestCSVInputUnchanged(t *testing.T) {
	data := []byte("A,B\n1,2\n3,\"4\"\n")
	p := writeFile(t, "same.csv", data)
	before := sha256.Sum256(data)
	src, err := Open(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	readAll(t, src)
	src.Close()
	after, _ := os.ReadFile(p)
	if sha256.Sum256(after) != before {
		t.Fatal("the input file changed")
	}
}

func TestColumnLetter(t *testing.T) {
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 49: "AX", 701: "ZZ", 702: "AAA", 16383: "XFD"} {
		if got := ColumnLetter(i); got != want {
			t.Errorf("ColumnLetter(%d) = %s, want %s", i, got, want)
		}
	}
}

// readErr opens and reads a file to the end and returns the error met,
// whether opening (the header search reads ahead) or reading.
func readErr(t testing.TB, name string, data []byte, opts Options) error {
	t.Helper()
	src, err := openBytes(t, name, data, opts)
	if err != nil {
		return err
	}
	defer src.Close()
	b := NewBatch(len(src.Header()), 10)
	for {
		if err := src.Next(b); err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
	}
}
