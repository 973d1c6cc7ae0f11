// Command baseline runs the validation engine on a file read the way most
// Go code would read it — excelize's streaming Rows() for .xlsx, the
// standard library's encoding/csv for .csv — so that scripts/bench.sh can
// print our readers' speed as a ratio against that baseline, measured in
// the same run on the same file.
//
//	go run ./bench/baseline FILE
package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"cldvalidator/reader"
	"cldvalidator/validation"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: baseline FILE(.xlsx|.csv)")
		os.Exit(2)
	}
	path := os.Args[1]
	start := time.Now()
	var src reader.Source
	var err error
	if strings.EqualFold(filepath.Ext(path), ".xlsx") {
		src, err = openExcelize(path)
	} else {
		src, err = openCSV(path)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	defer src.Close()
	res, err := validation.Validate(context.Background(), src, validation.Options{Release: validation.R1})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	fmt.Printf("%d rows, %d issues in %.2f s\n", res.Table.Len(), len(res.Issues), time.Since(start).Seconds())
}

// rowSource adapts a row iterator returning []string to reader.Source.
type rowSource struct {
	header []string
	next   func() ([]string, error)
	close  func() error
	row    int
	info   reader.Info
}

func (s *rowSource) Header() []string         { return s.header }
func (s *rowSource) HeaderRow() int           { return 1 }
func (s *rowSource) Progress() (int64, int64) { return 0, 0 }
func (s *rowSource) Info() reader.Info        { return s.info }
func (s *rowSource) Close() error             { return s.close() }

func (s *rowSource) Next(b *reader.Batch) error {
	b.Reset()
	for !b.Full() {
		cells, err := s.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		s.row++
		b.AppendRow(s.row, cells)
	}
	if b.Len() == 0 {
		return io.EOF
	}
	return nil
}

func openExcelize(path string) (reader.Source, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, err
	}
	rows, err := f.Rows(f.GetSheetName(0))
	if err != nil {
		f.Close()
		return nil, err
	}
	read := func() ([]string, error) {
		if !rows.Next() {
			if err := rows.Error(); err != nil {
				return nil, err
			}
			return nil, io.EOF
		}
		return rows.Columns()
	}
	header, err := read()
	if err != nil {
		f.Close()
		return nil, err
	}
	return &rowSource{header: header, next: read, row: 1, close: func() error { rows.Close(); return f.Close() },
		info: reader.Info{Path: path, Name: filepath.Base(path), Format: "xlsx"}}, nil
}

func openCSV(path string) (reader.Source, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(fh)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	r.LazyQuotes = true
	header, err := r.Read()
	if err != nil {
		fh.Close()
		return nil, err
	}
	header = append([]string(nil), header...)
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	return &rowSource{header: header, next: r.Read, row: 1, close: fh.Close,
		info: reader.Info{Path: path, Name: filepath.Base(path), Format: "csv"}}, nil
}
