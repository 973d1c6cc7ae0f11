package ui

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"fmt"
	"html"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"github.com/xuri/excelize/v2"

	"cldvalidator/compare"
	"cldvalidator/report"
	"cldvalidator/sample"
	"cldvalidator/validation"
)

// Personal data, provably (issue 14, item 7): for many generated inputs —
// CSV and workbooks, in either release, with seeded errors, with title rows
// above the header and empty columns before it, with columns in another
// order, with a person's row above the header, without a header, with a
// header of another dataset, and with the rows shifted a column against
// their header — every output the tool can write with personal data
// masked (the Excel report, the CSV of issues, the HTML summary, the
// comparison workbook, the JSON the command line writes without
// --include-personal-data, what Copy puts on the clipboard from the Issues
// and Records tabs, the crash log) holds none of the input's NHS Numbers,
// names, dates of birth or postcodes.
//
// A file the engine refuses (headerless, not a CLD file, rows shifted
// against the header) must produce an error and nothing else: the window
// shows the error, and no result exists to write from.
//
// A file in which only some rows are shifted (a value with an unquoted
// comma in a few rows, or a value lost at the start of a few) is checked:
// every value of such a row is masked, whatever heading it lands under.

// personalColumns are the template columns whose values are personal.
var personalColumns = []string{"NHS Number", "First Name", "Last Name", "Date of Birth", "Postcode"}

// leakCase is one generated input and the personal values in it.
type leakCase struct {
	name     string
	path     string
	older    string   // the same file as last quarter: some details changed, some events gone
	personal []string // every form of every personal value to look for
	refused  bool     // the engine should refuse the file
}

// distinctName is a made-up name that appears nowhere else (so finding it
// in an output can only be a leak).
func distinctName(r *rand.Rand) string {
	const cons, vows = "bcdfghjklmnpqrstvwxz", "aeiouy"
	var b strings.Builder
	b.WriteByte("QXZJVK"[r.IntN(6)])
	for i := 0; i < 3; i++ {
		b.WriteByte(vows[r.IntN(len(vows))])
		b.WriteByte(cons[r.IntN(len(cons))])
	}
	return b.String()
}

// personalForms are the ways a personal value could be written out: as it
// is, and normalised (NHS Number digits only, postcode without its space,
// a date of birth in ISO order).
func personalForms(col, v string) []string {
	v = strings.TrimSpace(v)
	if len(v) < 4 {
		return nil // too short to tell from other text
	}
	out := []string{v}
	switch col {
	case "NHS Number":
		if d := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, v); len(d) >= 6 && d != v {
			out = append(out, d)
		}
	case "Postcode":
		out = append(out, strings.ReplaceAll(strings.ToUpper(v), " ", ""))
	case "Date of Birth":
		if len(v) == 10 && v[2] == '/' && v[5] == '/' {
			out = append(out, v[6:]+"-"+v[3:5]+"-"+v[:2])
		}
	}
	return out
}

// leakInputs generates the inputs in dir.
func leakInputs(t *testing.T, dir string, seeds int) []leakCase {
	t.Helper()
	var cases []leakCase
	variants := []string{"plain csv", "workbook", "title rows and empty columns", "a person's row above the header", "columns shuffled", "headerless", "not CLD", "rows shifted right", "rows shifted left", "some rows shifted right", "some rows shifted left"}
	for seed := 1; seed <= seeds; seed++ {
		r := rand.New(rand.NewPCG(uint64(seed), 14))
		rel := validation.R1
		if seed%2 == 0 {
			rel = validation.R2
		}
		src := filepath.Join(dir, fmt.Sprintf("base%d.csv", seed))
		if _, err := sample.WriteFile(src, sample.Options{Rows: 40 + r.IntN(80), Seed: int64(seed), ErrorRate: 0.1 + 0.3*r.Float64(), Release: rel}); err != nil {
			t.Fatal(err)
		}
		recs := sampleRows(t, src)
		hdr := recs[0]
		col := map[string]int{}
		for i, h := range hdr {
			col[h] = i
		}
		// Distinct names, the same for a person on all their rows.
		names := map[string]string{}
		for _, rec := range recs[1:] {
			for _, h := range []string{"First Name", "Last Name"} {
				if c, ok := col[h]; ok && rec[c] != "" {
					if names[rec[c]] == "" {
						names[rec[c]] = distinctName(r)
					}
					rec[c] = names[rec[c]]
				}
			}
		}
		var personal []string
		seen := map[string]bool{}
		for _, rec := range recs[1:] {
			for _, h := range personalColumns {
				if c, ok := col[h]; ok {
					for _, f := range personalForms(h, rec[c]) {
						if !seen[f] {
							seen[f] = true
							personal = append(personal, f)
						}
					}
				}
			}
		}
		for vi, v := range variants {
			if (seed+vi)%2 == 1 && v != "plain csv" && v != "headerless" && v != "not CLD" && v != "rows shifted right" {
				continue // half the variants per seed keeps the test quick; all are covered over the seeds
			}
			name := fmt.Sprintf("%s %d", v, seed)
			rows := cloneRows(recs)
			c := leakCase{name: name, personal: personal}
			ext := ".csv"
			switch v {
			case "workbook":
				ext = ".xlsx"
			case "title rows and empty columns":
				for i := range rows {
					rows[i] = append([]string{"", ""}, rows[i]...)
				}
				rows = append([][]string{{"Client Level Data extract"}, {"Produced by the case management system"}, {}}, rows...)
				ext = ".xlsx"
			case "a person's row above the header":
				rows = append([][]string{rows[len(rows)-1]}, rows...)
			case "columns shuffled":
				perm := r.Perm(len(hdr))
				for i, rec := range rows {
					out := make([]string, len(rec))
					for j, p := range perm {
						out[j] = rec[p]
					}
					rows[i] = out
				}
			case "headerless":
				rows = rows[1:]
				c.refused = true
			case "not CLD":
				for i := range rows[0] {
					rows[0][i] = fmt.Sprintf("Field %d", i+1)
				}
				rows[0][col["NHS Number"]] = "NHS Number"
				c.refused = true
			case "rows shifted right":
				for i := 1; i < len(rows); i++ {
					rows[i] = append([]string{""}, rows[i]...)
				}
				c.refused = true
			case "rows shifted left":
				for i := 1; i < len(rows); i++ {
					rows[i] = rows[i][1:]
				}
				ext = ".xlsx"
				c.refused = true
			case "some rows shifted right": // an unquoted comma in a value
				for i := 1 + r.IntN(5); i < len(rows); i += 7 + r.IntN(5) {
					at := r.IntN(col["NHS Number"] + 1)
					rows[i] = append(append(append([]string{}, rows[i][:at]...), "x"), rows[i][at:]...)
				}
			case "some rows shifted left": // a value lost at the start of a few rows
				for i := 1 + r.IntN(5); i < len(rows); i += 7 + r.IntN(5) {
					rows[i] = rows[i][1:]
				}
			}
			c.path = filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+ext)
			writeLeakRows(t, c.path, rows)
			older := cloneRows(rows)
			for i := len(older) - 1; i > 0; i-- {
				switch {
				case i%9 == 0:
					older = append(older[:i], older[i+1:]...)
				case i%4 == 0:
					for j := range older[i] {
						if older[i][j] == "Female" {
							older[i][j] = "Male"
						}
					}
				}
			}
			c.older = filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+" older"+ext)
			writeLeakRows(t, c.older, older)
			cases = append(cases, c)
		}
	}
	return cases
}

func cloneRows(recs [][]string) [][]string {
	out := make([][]string, len(recs))
	for i, r := range recs {
		out[i] = append([]string(nil), r...)
	}
	return out
}

// writeLeakRows writes rows as CSV (as exported: UTF-8) or as a workbook
// written by excelize.
func writeLeakRows(t *testing.T, path string, rows [][]string) {
	t.Helper()
	if strings.HasSuffix(path, ".csv") {
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		w.WriteAll(rows)
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for i, rec := range rows {
		vals := make([]any, len(rec))
		for j, v := range rec {
			if v != "" {
				vals[j] = v
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, vals); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// outputText is everything a written file says: the text of every part of
// a workbook (XML entities decoded), or the file itself.
func outputText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("PK")) {
		return html.UnescapeString(string(b))
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, f := range zr.File {
		rc, _ := f.Open()
		part, _ := io.ReadAll(rc)
		rc.Close()
		all.WriteString(html.UnescapeString(string(part)))
		all.WriteByte('\n')
	}
	return all.String()
}

// leaks lists the personal values found in text.
func leaks(text string, personal []string) []string {
	var found []string
	for _, v := range personal {
		if strings.Contains(text, v) {
			found = append(found, v)
		}
	}
	return found
}

func TestNoPersonalDataInAnyOutput(t *testing.T) {
	seeds := 10
	if testing.Short() {
		seeds = 2
	}
	dir := t.TempDir()
	cases := leakInputs(t, dir, seeds)
	checked, refused := 0, 0
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w, win := newTestWindow(t)
			lockUI(func() { w.openPath(c.path) })
			settle(t, w)
			out := t.TempDir()
			var texts = map[string]string{}
			lockUI(func() {
				if c.refused {
					if w.res != nil {
						t.Fatalf("%s was checked; it should have been refused", c.name)
					}
					texts["error message"] = seen(w).message + "\n" + w.summary.message.Text
					refused++
					return
				}
				res := w.res
				if res == nil {
					t.Fatalf("%s was not checked: %s", c.name, seen(w).message)
				}
				checked++
				// What the Save buttons write, masked (the default).
				write := func(name string, f func(path string) error) {
					p := filepath.Join(out, name)
					if err := f(p); err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					texts[name] = outputText(t, p)
				}
				write("report.xlsx", func(p string) error { return report.WriteXLSX(p, res, report.Options{}) })
				write("issues.csv", func(p string) error { return report.WriteIssuesCSV(p, res, res.Issues, report.Options{}) })
				write("summary.html", func(p string) error { return report.WriteHTML(p, res, report.Options{}) })
				var js bytes.Buffer
				if err := report.WriteJSON(&js, res, true); err != nil { // as `cldapp check --json` without --include-personal-data
					t.Fatal(err)
				}
				texts["json"] = js.String()
				// The comparison with last quarter's file: the same, with some
				// details changed and some events gone.
				if other, err := validation.ValidateFile(t.Context(), c.older, validation.Options{}); err == nil {
					write("comparison.xlsx", func(p string) error {
						return report.WriteComparisonXLSX(p, compare.Compare(other, res, true), []string{c.older, c.path})
					})
				} else {
					t.Fatalf("the older file: %v", err)
				}
				// Copy, on issues all through the list (150 at most) and on
				// every cell of the Records tab.
				var clip strings.Builder
				w.selectTab(tabIssues)
				n := w.issues.rowCount()
				step := max(1, n/150)
				for i := 0; i < n; i += step {
					w.issues.table.selectCell(i, 0)
					win.Canvas().(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutCopy{})
					clip.WriteString(w.app.Clipboard().Content() + "\n")
				}
				w.selectTab(tabRecords)
				for r := 0; r < res.Table.Len(); r++ {
					for col := range res.Table.Cols {
						w.records.selRow, w.records.selCol = r, col
						clip.WriteString(w.records.copyText(true) + "\t") // Copy, not Copy with personal data
					}
				}
				texts["clipboard"] = clip.String()
			})
			// A crash while handling the data: the panic's value may hold a
			// cell's text; the log must not.
			crash := fmt.Sprintf("value %q in row 7", strings.Join(c.personal[:min(5, len(c.personal))], ", "))
			w.goSafe("checking "+filepath.Base(c.path), func() { panic(crash) }, nil)
			w.goSafe("checking "+filepath.Base(c.path), func() { panic(fmt.Errorf("%s", crash)) }, nil)
			settle(t, w)
			logs, _ := os.ReadDir(CrashLogDir())
			for _, e := range logs {
				b, _ := os.ReadFile(filepath.Join(CrashLogDir(), e.Name()))
				texts["crash log"] += string(b)
			}
			if texts["crash log"] == "" {
				t.Error("no crash log was written")
			}
			for name, text := range texts {
				if found := leaks(text, c.personal); len(found) > 0 {
					t.Errorf("%s of %s contains personal values %q", name, c.name, found[:min(5, len(found))])
				}
			}
		})
	}
	if checked == 0 || refused == 0 {
		t.Errorf("%d inputs checked and %d refused: the generator does not cover both", checked, refused)
	}
}
