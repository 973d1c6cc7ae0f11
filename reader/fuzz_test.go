package reader

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// FuzzDelimited feeds arbitrary bytes to the delimited-text reader through
// a file, as a user's file would arrive: it must never panic or hang, every
// row must have the header's width, row numbers must increase, and any
// failure must be a plain-English *Error.
func FuzzDelimited(f *testing.F) {
	for _, s := range []string{
		"A,B\n1,2\n", "A,B\r\n\"x,y\",\"a\"\"b\"\r\n", "A\tB\n1\t2\n", "A;B\n1;2\n", "\xef\xbb\xbfA,B\n1,2\n",
		"\xff\xfeA\x00,\x00B\x00\n\x001\x00,\x002\x00\n\x00", "A,B\n\"open\n", "A,B\r1,2\r3\r", "A,B\n1,2,3,4\n", "\x00\x00\x00",
		"A,B\n\"\"\"\n", "A\n\n\n\nx\n",
	} {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "fuzz.csv")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		lim := Limits{MaxRows: 1000, MaxCellBytes: 4096}
		src, err := Open(p, Options{Limits: lim, BatchRows: 7})
		if err != nil {
			var re *Error
			if !errors.As(err, &re) || re.Message == "" {
				t.Fatalf("not a plain-English error: %v", err)
			}
			return
		}
		defer src.Close()
		b := NewBatch(len(src.Header()), 7)
		last := int32(src.HeaderRow())
		for {
			err := src.Next(b)
			if err == io.EOF {
				return
			}
			if err != nil {
				var re *Error
				if !errors.As(err, &re) || re.Message == "" {
					t.Fatalf("not a plain-English error: %v", err)
				}
				return
			}
			if len(b.Off) != 2*b.Len()*b.NCols {
				t.Fatalf("batch has %d offsets for %d rows of %d", len(b.Off), b.Len(), b.NCols)
			}
			for r := 0; r < b.Len(); r++ {
				if b.RowNum[r] <= last {
					t.Fatalf("row numbers not increasing: %d after %d", b.RowNum[r], last)
				}
				last = b.RowNum[r]
				for c := 0; c < b.NCols; c++ {
					if len(b.Cell(r, c)) > lim.MaxCellBytes {
						t.Fatal("cell over the limit")
					}
				}
			}
		}
	})
}

func readCellsWith(t *testing.T, p string, lim Limits) ([][]string, []int32, map[int32]int, string) {
	src, err := Open(p, Options{Limits: lim})
	if err != nil {
		return nil, nil, nil, err.Error()
	}
	defer src.Close()
	var rows [][]string
	var nums []int32
	over := map[int32]int{}
	b := NewBatch(len(src.Header()), 5)
	for {
		err := src.Next(b)
		if err == io.EOF {
			return rows, nums, over, ""
		}
		if err != nil {
			return rows, nums, over, err.Error()
		}
		for r := 0; r < b.Len(); r++ {
			var cells []string
			for c := 0; c < b.NCols; c++ {
				cells = append(cells, string(b.Cell(r, c)))
			}
			rows = append(rows, cells)
			nums = append(nums, b.RowNum[r])
		}
		for k, v := range b.Overflow {
			over[k] = v
		}
	}
}

// FuzzFastLineMatchesGeneral: the fast path for ordinary lines must read
// every input exactly as the general parser does.
func FuzzFastLineMatchesGeneral(f *testing.F) {
	for _, s := range []string{"A,B,C\n1,\"x, y\",3\n", "A,B\n\"a\"\"b\",c\n", "A,B\n\"a\"x,c\n", "A,B\na,b,\n", "A,B\n\"\",\"\"\n",
		"A,B\n1,2,3,\"4\"\n", "A,B\n\"open\nline\",2\n", "A\tB\n1\t\"2\t3\"\n", "A,B\r\n1,2\r\n", "A,B\n\"x\",\n",
		// Plain lines longer than 8 bytes (read 8 bytes at a time), with cells past the header.
		"A,B,C\nabcdefgh,ijklmnopq,rstuvwxyz0123\n", "A,B\n12345678,1234567,123456789,extra,,more,\n",
		"A\tB\nabcdefghijklmnop\tqrstuvwx\t\n", "A,B\nabcdefgh,ij\"kl\",mnopqrst\n", "A,B\nabcdefg\xe9,12345678\n"} {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "x.csv")
		os.WriteFile(p, data, 0o644)
		timer := time.AfterFunc(5*time.Second, func() { panic(fmt.Sprintf("hang on %q", data)) })
		defer timer.Stop()
		// The header is the first row, so every row after it is read by
		// the fast paths (rows searched for a header are parsed generally).
		lim := Limits{MaxRows: 1000, MaxCellBytes: 4096, HeaderSearchRows: 1}
		fastRows, fastNums, fastOver, fastErr := readCellsWith(t, p, lim)
		generalParserOnly = true
		slowRows, slowNums, slowOver, slowErr := readCellsWith(t, p, lim)
		generalParserOnly = false
		if fastErr != slowErr {
			t.Fatalf("errors differ: fast %q, general %q", fastErr, slowErr)
		}
		if !reflect.DeepEqual(fastRows, slowRows) || !reflect.DeepEqual(fastNums, slowNums) || !reflect.DeepEqual(fastOver, slowOver) {
			t.Fatalf("fast path differs:\n fast %q %v %v\n general %q %v %v", fastRows, fastNums, fastOver, slowRows, slowNums, slowOver)
		}
	})
}
