package sample

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"cldvalidator/validation"
)

// issueKey identifies an issue by spreadsheet row, column and rule.
type issueKey struct {
	row    int
	column string
	rule   string
}

// companions are the other errors a seeded error legitimately brings on its
// own row: without a person identifier the NHS Number is blank too.
var companions = map[string][]issueKey{
	kindNoPersonID: {{column: "NHS Number", rule: "mandatory-blank"}},
}

// checkAgainstValidator generates a file, validates it and checks that the
// validator reports exactly the seeded errors: each at its row and column
// with the expected rule and error severity, no error on any other row, no
// unexpected error on a seeded row, and few warnings. It returns the truth
// and the validation result.
func checkAgainstValidator(t *testing.T, path string, opts Options, maxWarnShare float64) (*Truth, *validation.Result) {
	t.Helper()
	truth, err := WriteFile(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	if want := int(opts.ErrorRate*float64(opts.Rows) + 0.5); len(truth.Errors) != want {
		t.Errorf("seeded %d errors, want %d (%g of %d rows)", len(truth.Errors), want, opts.ErrorRate, opts.Rows)
	}
	rel := opts.Release
	if rel == "" {
		rel = validation.R1
	}
	res, err := validation.ValidateFile(context.Background(), path, validation.Options{Release: rel})
	if err != nil {
		t.Fatal(err)
	}
	seeded := map[int]SeededError{}
	for _, se := range truth.Errors {
		if _, dup := seeded[se.Row]; dup {
			t.Errorf("row %d has two seeded errors", se.Row)
		}
		if se.Row < 2 || se.Row > opts.Rows+1 {
			t.Errorf("seeded error on row %d, outside the data rows", se.Row)
		}
		seeded[se.Row] = se
	}
	found := map[issueKey]string{} // → severity
	var stray, extra []string
	warnings := 0
	for _, is := range res.Issues {
		row, col, rule := res.RowNumber(is), res.ColumnName(is), res.Rule(is).ID
		if se, ok := seeded[row]; ok && col == se.Column && rule == se.Rule {
			found[issueKey{row, col, rule}] = is.Sev.String()
			continue
		}
		if is.Sev == validation.Warning {
			warnings++
		}
		if is.Sev != validation.Error {
			continue
		}
		se, ok := seeded[row]
		switch {
		case !ok:
			stray = append(stray, fmt.Sprintf("row %d, %s: %s (%s)", row, col, res.Message(is, false), rule))
		case col == se.Column && rule == se.Rule:
		default:
			allowed := false
			for _, c := range companions[se.Kind] {
				allowed = allowed || (c.column == col && c.rule == rule)
			}
			if !allowed {
				extra = append(extra, fmt.Sprintf("row %d (seeded %s in %s): also %s: %s (%s)", row, se.Kind, se.Column, col, res.Message(is, false), rule))
			}
		}
	}
	// (a) Every seeded error is reported where it was put.
	missed := 0
	for _, se := range truth.Errors {
		if sev := found[issueKey{se.Row, se.Column, se.Rule}]; sev != se.Severity || sev == "" {
			missed++
			if missed <= 5 {
				t.Errorf("seeded %s not reported as %s: row %d, %s = %q, expected %s (got %q)", se.Kind, se.Severity, se.Row, se.Column, se.Value, se.Rule, sev)
			}
		}
	}
	// (b) No error on a row without a seeded error.
	if len(stray) > 0 {
		t.Errorf("%d errors on rows without a seeded error, e.g.:\n  %s", len(stray), strings.Join(stray[:min(5, len(stray))], "\n  "))
	}
	if len(extra) > 0 {
		t.Errorf("%d unexpected errors on seeded rows, e.g.:\n  %s", len(extra), strings.Join(extra[:min(5, len(extra))], "\n  "))
	}
	// (d) Warnings are rare.
	if limit := maxWarnShare * float64(opts.Rows); float64(warnings) > limit {
		counts := map[string]int{}
		for _, is := range res.Issues {
			if is.Sev == validation.Warning {
				counts[res.Rule(is).ID]++
			}
		}
		t.Errorf("%d warnings in %d rows (limit %.0f): %v", warnings, opts.Rows, limit, counts)
	}
	return truth, res
}

// checkCoverage checks (c): every event type and client type occurs.
func checkCoverage(t *testing.T, res *validation.Result, rel validation.Release) {
	t.Helper()
	s, err := validation.LoadSpec(rel)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"Event_Type", "Client_Type"} {
		f := s.MustField(key)
		col := res.FieldColumn(f)
		seen := map[string]int{}
		for r := 0; r < res.Table.Len(); r++ {
			seen[res.Table.Value(r, col)]++
		}
		for _, v := range f.Values {
			if seen[v.Value] == 0 {
				t.Errorf("no row has %s %q (seen: %v)", f.Name, v.Value, seen)
			}
		}
	}
}

func TestValidatorReportsExactlyTheSeededErrors(t *testing.T) {
	for _, ext := range []string{".csv", ".xlsx"} {
		t.Run(ext[1:], func(t *testing.T) {
			t.Parallel()
			opts := Options{Rows: 3000, Seed: 42, ErrorRate: 0.05}
			truth, res := checkAgainstValidator(t, filepath.Join(t.TempDir(), "cld"+ext), opts, 0.02)
			checkCoverage(t, res, validation.R1)
			kinds := map[string]int{}
			for _, se := range truth.Errors {
				kinds[se.Kind]++
			}
			for _, k := range kindOrder {
				if kinds[k] == 0 {
					t.Errorf("no seeded error of kind %s (got %v)", k, kinds)
				}
			}
			if res.Table.Len() != opts.Rows {
				t.Errorf("validator read %d rows, want %d", res.Table.Len(), opts.Rows)
			}
		})
	}
}

func TestRelease2(t *testing.T) {
	t.Run("clean", func(t *testing.T) {
		t.Parallel()
		opts := Options{Rows: 2000, Seed: 5, Release: validation.R2}
		_, res := checkAgainstValidator(t, filepath.Join(t.TempDir(), "r2.csv"), opts, 0)
		checkCoverage(t, res, validation.R2)
	})
	t.Run("errors", func(t *testing.T) {
		t.Parallel()
		opts := Options{Rows: 2000, Seed: 6, Release: validation.R2, ErrorRate: 0.05}
		checkAgainstValidator(t, filepath.Join(t.TempDir(), "r2.xlsx"), opts, 0.02)
	})
	t.Run("detected", func(t *testing.T) {
		t.Parallel()
		path := filepath.Join(t.TempDir(), "r2.csv")
		if _, err := WriteFile(path, Options{Rows: 300, Seed: 7, Release: validation.R2}); err != nil {
			t.Fatal(err)
		}
		res, err := validation.ValidateFile(context.Background(), path, validation.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Spec.Release != validation.R2 {
			t.Errorf("the validator read a Release 2 sample as %s", res.Spec.Release)
		}
	})
}

// A clean file raises no error and no warning about any row.
func TestCleanFile(t *testing.T) {
	for _, ext := range []string{".csv", ".xlsx"} {
		t.Run(ext[1:], func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "clean"+ext)
			truth, err := WriteFile(path, Options{Rows: 4000, Seed: 99})
			if err != nil {
				t.Fatal(err)
			}
			if len(truth.Errors) != 0 {
				t.Fatalf("a clean file has %d seeded errors", len(truth.Errors))
			}
			res, err := validation.ValidateFile(context.Background(), path, validation.Options{Release: validation.R1})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, is := range res.Issues {
				if is.Sev >= validation.Warning {
					if n++; n <= 5 {
						t.Errorf("row %d, %s: %s %s: %s", res.RowNumber(is), res.ColumnName(is), is.Sev, res.Rule(is).ID, res.Message(is, false))
					}
				}
			}
			if res.Errors() != 0 || n != 0 {
				t.Errorf("clean file: %d errors, %d errors and warnings", res.Errors(), n)
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	dir := t.TempDir()
	opts := Options{Rows: 2500, Seed: 2024, ErrorRate: 0.1}
	var files [3][]byte
	var truths [3]*Truth
	for i := range files {
		o := opts
		if i == 2 {
			o.Seed++
		}
		path := filepath.Join(dir, fmt.Sprintf("d%d.CSV", i))
		tr, err := WriteFile(path, o)
		if err != nil {
			t.Fatal(err)
		}
		if files[i], err = os.ReadFile(path); err != nil {
			t.Fatal(err)
		}
		truths[i] = tr
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Error("the same options gave different files")
	}
	if !reflect.DeepEqual(truths[0], truths[1]) {
		t.Error("the same options gave different truths")
	}
	if bytes.Equal(files[0], files[2]) {
		t.Error("a different seed gave the same file")
	}
	// Rows gives the same rows as the file.
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	tr, err := Rows(opts, func(cells []string) error { return w.Write(cells) })
	if err != nil {
		t.Fatal(err)
	}
	w.Flush()
	if !bytes.Equal(buf.Bytes(), files[0]) {
		t.Error("Rows and WriteFile disagree")
	}
	if !reflect.DeepEqual(tr, truths[0]) {
		t.Error("Rows and WriteFile give different truths")
	}
	// The seeded errors overlay the same clean data: only seeded rows differ.
	clean := readCSV(t, writeTemp(t, Options{Rows: opts.Rows, Seed: opts.Seed}))
	dirty := readCSV(t, files[0])
	seeded := map[int]bool{}
	for _, se := range truths[0].Errors {
		seeded[se.Row] = true
	}
	for i := range clean {
		if !seeded[i+1] && !reflect.DeepEqual(clean[i], dirty[i]) {
			t.Fatalf("row %d differs between the clean and the seeded file but has no seeded error", i+1)
		}
	}
}

func writeTemp(t *testing.T, opts Options) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "t.csv")
	if _, err := WriteFile(path, opts); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF"))))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// The CSV is Excel's "CSV UTF-8": BOM, CRLF, RFC 4180 quoting, and reads
// back to exactly the generated cells.
func TestCSVFormat(t *testing.T) {
	opts := Options{Rows: 3000, Seed: 11, ErrorRate: 0.02}
	b := writeTemp(t, opts)
	if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		t.Error("no UTF-8 byte order mark")
	}
	if bytes.Count(b, []byte("\r\n")) != opts.Rows+1 || bytes.Count(b, []byte("\n")) != opts.Rows+1 {
		t.Errorf("want %d CRLF line ends and no bare LF", opts.Rows+1)
	}
	var want [][]string
	if _, err := Rows(opts, func(c []string) error { want = append(want, c); return nil }); err != nil {
		t.Fatal(err)
	}
	got := readCSV(t, b)
	if !reflect.DeepEqual(got, want) {
		t.Fatal("the CSV does not read back to the generated rows")
	}
	s, _ := validation.LoadSpec(validation.R1)
	if !reflect.DeepEqual(got[0], s.Headers()) {
		t.Errorf("header %v, want the template headers", got[0])
	}
	if !bytes.Contains(b, []byte(`,"Home care, 2 calls a day",`)) {
		t.Error("no quoted value with a comma in 3,000 rows")
	}
}

// The .xlsx holds real date cells, numeric NHS Numbers (text on some rows)
// and numeric costs, in one sheet called CLD Data.
func TestXLSXCells(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cells.XLSX")
	truth, err := WriteFile(path, Options{Rows: 400, Seed: 3, ErrorRate: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{"CLD Data"}) {
		t.Fatalf("sheets %v, want [CLD Data]", got)
	}
	s, _ := validation.LoadSpec(validation.R1)
	colOf := func(key string) string {
		name, _ := excelize.ColumnNumberToName(s.MustField(key).Index + 1)
		return name
	}
	seeded, seededRow := map[string]bool{}, map[int]bool{}
	for _, se := range truth.Errors {
		seededRow[se.Row] = true
		col, _ := excelize.ColumnNumberToName(s.MustField(fieldKey(s, se.Column)).Index + 1)
		seeded[fmt.Sprintf("%s%d", col, se.Row)] = true
	}
	var dates, nhsNum, nhsText, costs int
	for row := 2; row <= 401; row++ {
		// Date of Birth: a number styled dd/mm/yyyy that Excel shows as the date.
		cell := fmt.Sprintf("%s%d", colOf("Date_of_Birth"), row)
		raw, _ := f.GetCellValue("CLD Data", cell, excelize.Options{RawCellValue: true})
		shown, _ := f.GetCellValue("CLD Data", cell)
		typ, _ := f.GetCellType("CLD Data", cell)
		if seeded[cell] {
			if typ != excelize.CellTypeInlineString {
				t.Errorf("%s: a seeded bad date should be a text cell", cell)
			}
			continue
		}
		serial, err := strconv.ParseFloat(raw, 64)
		if err != nil || typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString {
			t.Fatalf("%s: Date of Birth is not a number cell (%q, type %v)", cell, raw, typ)
		}
		if _, ok := parseDMY(shown); !ok {
			t.Fatalf("%s: Date of Birth shows as %q, want dd/mm/yyyy", cell, shown)
		}
		styleID, _ := f.GetCellStyle("CLD Data", cell)
		st, err := f.GetStyle(styleID)
		if err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != "dd/mm/yyyy" {
			t.Fatalf("%s: Date of Birth style is not dd/mm/yyyy", cell)
		}
		tm, _ := excelize.ExcelDateToTime(serial, false)
		if tm.Format("02/01/2006") != shown {
			t.Fatalf("%s: serial %v is %s but shows as %s", cell, serial, tm.Format("02/01/2006"), shown)
		}
		dates++
		// NHS Number: a number on most rows, text on some.
		cell = fmt.Sprintf("%s%d", colOf("NHS_Number"), row)
		typ, _ = f.GetCellType("CLD Data", cell)
		v, _ := f.GetCellValue("CLD Data", cell)
		if !seededRow[row] {
			if !validation.ValidNHSNumber(v) {
				t.Fatalf("%s: NHS Number %q is not valid", cell, v)
			}
			if typ == excelize.CellTypeInlineString {
				nhsText++
			} else {
				nhsNum++
			}
		}
		// Unit Cost: a number where filled.
		cell = fmt.Sprintf("%s%d", colOf("Unit_Cost"), row)
		if v, _ := f.GetCellValue("CLD Data", cell, excelize.Options{RawCellValue: true}); v != "" && !seeded[cell] {
			typ, _ = f.GetCellType("CLD Data", cell)
			if _, err := strconv.ParseFloat(v, 64); err != nil || typ == excelize.CellTypeInlineString {
				t.Fatalf("%s: Unit Cost %q is not a number cell", cell, v)
			}
			costs++
		}
	}
	if dates == 0 || nhsNum < 200 || nhsText == 0 || costs == 0 {
		t.Errorf("dates %d, numeric NHS Numbers %d, text NHS Numbers %d, costs %d", dates, nhsNum, nhsText, costs)
	}
}

func fieldKey(s *validation.Spec, header string) string {
	f, _ := s.HeaderField(header)
	return f.Key
}

// Every generated value is spelled exactly as the release's list has it,
// and clean rows meet the status model: every mandatory field filled, no
// field filled where it does not apply.
func TestGeneratedRows(t *testing.T) {
	for _, rel := range []validation.Release{validation.R1, validation.R2} {
		t.Run(string(rel), func(t *testing.T) {
			t.Parallel()
			opts := Options{Rows: 6000, Seed: 8, Release: rel}
			if err := opts.normalise(); err != nil {
				t.Fatal(err)
			}
			g, err := newGen(opts)
			if err != nil {
				t.Fatal(err)
			}
			es, err := newErrorSeeder(g)
			if err != nil {
				t.Fatal(err)
			}
			c := &g.col
			refs := map[string]bool{}
			person := map[string][]string{}
			bad := 0
			fail := func(format string, args ...any) {
				if bad++; bad <= 10 {
					t.Errorf(format, args...)
				}
			}
			for r := g.next(); r != nil; r = g.next() {
				for fi, v := range r.cells {
					f := g.spec.Fields[fi]
					if v == "" {
						continue
					}
					if f.HasPublishedList() && listIndex(f, v) < 0 {
						fail("row %d: %s %q is not in the %s list", r.num, f.Name, v, rel)
					} else if f.HasPublishedList() && f.Values[listIndex(f, v)].Value != v {
						fail("row %d: %s %q is not spelled as the list has it", r.num, f.Name, v)
					}
					if strings.TrimSpace(v) != v {
						fail("row %d: %s %q has spaces around it", r.num, f.Name, v)
					}
				}
				for fi := range r.cells {
					st := es.status(r.cells, fi)
					switch {
					case r.cells[fi] == "" && st == validation.StatusMandatory:
						fail("row %d: mandatory %s is blank", r.num, g.headers[fi])
					case r.cells[fi] != "" && st == validation.StatusNotApplicable:
						fail("row %d: %s = %q does not apply", r.num, g.headers[fi], r.cells[fi])
					}
				}
				if !validation.ValidNHSNumber(r.cells[c.NHS]) || !validation.ValidPostcode(r.cells[c.Postcode]) {
					fail("row %d: NHS Number %q or postcode %q not valid", r.num, r.cells[c.NHS], r.cells[c.Postcode])
				}
				if ref := r.cells[c.EvRef]; ref != "" {
					if refs[ref] {
						fail("row %d: Event Reference %s repeated", r.num, ref)
					}
					refs[ref] = true
				}
				pd := []string{r.cells[c.NHS], r.cells[c.DOB], r.cells[c.Gender], r.cells[c.Eth], r.cells[c.DOD], r.cells[c.First], r.cells[c.Last]}
				if prev, ok := person[r.cells[c.LAID]]; ok && !reflect.DeepEqual(prev, pd) {
					fail("row %d: person %s has %v here and %v before", r.num, r.cells[c.LAID], pd, prev)
				}
				person[r.cells[c.LAID]] = pd
				for _, k := range []int{c.UnitCost, c.Units} {
					if v := r.cells[k]; v != "" {
						if i := strings.IndexByte(v, '.'); i >= 0 && len(v)-i-1 > 2 {
							fail("row %d: %s %q has more than 2 decimals", r.num, g.headers[k], v)
						}
					}
				}
			}
		})
	}
}

func TestOptions(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		file string
		opts Options
	}{
		{"extension", "x.txt", Options{Rows: 1}},
		{"no extension", "x", Options{Rows: 1}},
		{"negative rows", "x.csv", Options{Rows: -1}},
		{"error rate", "x.csv", Options{Rows: 1, ErrorRate: 1.5}},
		{"release", "x.csv", Options{Rows: 1, Release: "R3"}},
		{"period end", "x.csv", Options{Rows: 1, PeriodEnd: time.Date(2025, 8, 31, 0, 0, 0, 0, time.UTC)}},
		{"too many rows", "x.xlsx", Options{Rows: 1048576}},
	} {
		if _, err := WriteFile(filepath.Join(dir, tc.file), tc.opts); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
		if _, err := os.Stat(filepath.Join(dir, tc.file)); err == nil {
			t.Errorf("%s: a file was left behind", tc.name)
		}
	}
	// Another quarter end moves the period.
	var row []string
	n := 0
	_, err := Rows(Options{Rows: 1, PeriodEnd: time.Date(2026, 3, 31, 12, 0, 0, 0, time.UTC)}, func(c []string) error {
		if n++; n == 2 {
			row = c
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if row[1] != "01/04/2025" || row[2] != "31/03/2026" {
		t.Errorf("period %s to %s, want 01/04/2025 to 31/03/2026", row[1], row[2])
	}
	// Zero rows: just the header.
	tr, err := Rows(Options{}, func(c []string) error { n = len(c); return nil })
	if err != nil || tr.Rows != 0 || n != 50 {
		t.Errorf("zero rows: %v, %d header cells", err, n)
	}
}

func TestTruthJSON(t *testing.T) {
	path := filepath.Join(t.TempDir(), "truth.json")
	tr, err := Rows(Options{Rows: 200, Seed: 1, ErrorRate: 0.1}, func([]string) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if err := tr.WriteJSON(path); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	var back Truth
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&back, tr) || back.Release != "R1" || len(back.Errors) != 20 {
		t.Errorf("truth did not round-trip: %+v", back)
	}
	for _, key := range []string{`"row"`, `"column"`, `"kind"`, `"rule"`, `"severity"`, `"value"`, `"error_rate"`} {
		if !bytes.Contains(b, []byte(key)) {
			t.Errorf("truth JSON lacks %s", key)
		}
	}
}

// The bundled sample is what the documented command produces.
func TestBundledSample(t *testing.T) {
	path := filepath.Join("..", "assets", "sample_cld_r1.csv")
	have, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, writeTemp(t, Options{Rows: 500, Seed: 2, ErrorRate: 0.04})) {
		t.Errorf("%s is out of date: regenerate it with cldapp sample --rows 500 --seed 2 --error-rate 0.04 -o assets/sample_cld_r1.csv", path)
	}
}

func benchmarkWrite(b *testing.B, ext string) {
	const rows = 20000
	path := filepath.Join(b.TempDir(), "bench"+ext)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := WriteFile(path, Options{Rows: rows, Seed: int64(i), ErrorRate: 0.02}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkWriteCSV(b *testing.B)  { benchmarkWrite(b, ".csv") }
func BenchmarkWriteXLSX(b *testing.B) { benchmarkWrite(b, ".xlsx") }

// listIndex finds a value in the field's list: exactly, then ignoring
// case and punctuation; -1 when absent.
func listIndex(f *validation.Field, v string) int {
	for i, lv := range f.Values {
		if lv.Value == v {
			return i
		}
	}
	n := validation.NormalizeValue(v)
	for i, lv := range f.Values {
		if validation.NormalizeValue(lv.Value) == n {
			return i
		}
		for _, a := range lv.Also {
			if validation.NormalizeValue(a) == n {
				return i
			}
		}
	}
	return -1
}
