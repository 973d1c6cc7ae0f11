package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"cldvalidator/measures"
	"cldvalidator/validation"
)

// SheetMeasures is the sheet listing the SALT and ASCOF measures; each of
// their tables has a sheet of its own, named by its id ("LTS001b T1a").
const SheetMeasures = "Measures"

// exampleRows is how many spreadsheet row numbers a left-out group lists
// (the count is always complete; the window opens every row).
const exampleRows = 50

// measuresFor is the report's measures: those given, or worked out now.
// A file the measures cannot be worked out from (no reporting period)
// gets the reason instead.
func measuresFor(res *validation.Result, opts Options) (*measures.Report, string) {
	if opts.NoMeasures {
		return nil, ""
	}
	if opts.Measures != nil {
		return opts.Measures, ""
	}
	rep, err := measures.Compute(res)
	if err != nil {
		return nil, "The SALT and ASCOF measures could not be worked out: " + err.Error()
	}
	return rep, ""
}

// writeMeasureSheets adds the Measures sheet and a sheet per table, each
// set up for printing (footer at the foot) and declaring its range.
func writeMeasureSheets(f *excelize.File, st xlsxStyles, res *validation.Result, opts Options, footer string) error {
	rep, why := measuresFor(res, opts)
	if rep == nil && why == "" {
		return nil
	}
	if _, err := f.NewSheet(SheetMeasures); err != nil {
		return err
	}
	g := &grid{f: f, sheet: SheetMeasures}
	g.widths(14, 16, 70, 14, 14, 90)
	g.style(g.line("SALT and ASCOF measures: "+res.Info.Name), 1, 1, st.title)
	if rep == nil {
		g.style(g.line(why), 1, 1, st.wrap)
		if g.err != nil {
			return g.err
		}
		return finishSheets(f, footer, SheetMeasures)
	}
	g.style(g.line(measures.Disclaimer), 1, 1, st.wrap)
	g.line("Reporting period", rep.Period())
	g.line()
	g.style(g.line("Measure", "Sheet", "Table", "Counted", "Rows left out by the check's issues", "Method followed"), 1, 6, st.header)
	var sheets []string
	for _, m := range rep.Measures {
		for _, t := range m.Tables {
			name := sheetName(t.ID, sheets)
			sheets = append(sheets, name)
			total := 0
			for _, row := range t.Counts {
				if len(row) > 0 {
					total += row[len(row)-1]
				}
			}
			counted := any(total)
			if t.Ratio {
				counted = ""
				if n := len(t.Rows); n > 0 {
					if p, ok := t.Percent(n - 1); ok {
						counted = fmt.Sprintf("%.1f%%", p)
					}
				}
			}
			r := g.line(m.ID, name, t.Title, counted, t.IssueCost(), m.MethodLine())
			g.style(r, 1, 6, st.wrap)
			if err := f.SetCellHyperLink(SheetMeasures, "B"+strconv.Itoa(r), "'"+name+"'!A1", "Location"); err != nil {
				return err
			}
		}
		if m.Partial {
			g.style(g.line(m.ID, "", "Partial: "+m.Missing), 1, 3, st.wrap)
		}
	}
	if g.err != nil {
		return g.err
	}
	i := 0
	for _, m := range rep.Measures {
		for _, t := range m.Tables {
			if err := writeMeasureTable(f, st, rep, m, t, sheets[i]); err != nil {
				return err
			}
			i++
		}
	}
	return finishSheets(f, footer, append([]string{SheetMeasures}, sheets...)...)
}

// finishSheets sets sheets up for printing, as the other sheets are
// (landscape, one page wide, the first row on every page, the footer),
// and has each declare the range its cells span.
func finishSheets(f *excelize.File, footer string, sheets ...string) error {
	for _, sh := range sheets {
		if err := printSetup(f, sh, true, footer); err != nil {
			return err
		}
		if err := setUsedRange(f, sh); err != nil {
			return err
		}
	}
	return nil
}

// sheetName makes a table id a valid, unused sheet name.
func sheetName(id string, used []string) string {
	name := strings.NewReplacer("/", "-", "\\", "-", "?", "", "*", "", "[", "(", "]", ")", ":", "").Replace(id)
	if len([]rune(name)) > 31 {
		name = string([]rune(name)[:31])
	}
	base := name
	for n := 2; contains(used, name) || name == SheetMeasures || name == SheetSummary || name == SheetRules || name == SheetFieldQuality || strings.HasPrefix(name, SheetIssues); n++ {
		suffix := fmt.Sprintf(" (%d)", n)
		name = string([]rune(base)[:min(len([]rune(base)), 31-len(suffix))]) + suffix
	}
	return name
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

func writeMeasureTable(f *excelize.File, st xlsxStyles, rep *measures.Report, m *measures.Measure, t *measures.Table, sheet string) error {
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	g := &grid{f: f, sheet: sheet}
	widths := []float64{56}
	for range t.Cols {
		widths = append(widths, 16)
	}
	if t.Ratio {
		widths = append(widths, 10)
	}
	g.widths(widths...)
	g.style(g.line(m.ID+" — "+t.Title), 1, 1, st.title)
	g.line(measures.Disclaimer)
	g.line("Method: " + m.MethodLine())
	g.line(fmt.Sprintf("Period %s. Counts are %s.", rep.Period(), t.Unit))
	if m.Partial {
		g.line("Partial: " + m.Missing)
	}
	g.line()
	head := []any{t.RowHead}
	for _, c := range t.Cols {
		head = append(head, c)
	}
	if t.Ratio {
		head = append(head, "%")
	}
	hr := g.line(head...)
	g.style(hr, 1, len(head), st.header)
	for i, label := range t.Rows {
		vals := []any{label}
		for _, n := range t.Counts[i] {
			vals = append(vals, n)
		}
		if t.Ratio {
			if p, ok := t.Percent(i); ok {
				vals = append(vals, p/100)
			} else {
				vals = append(vals, "")
			}
		}
		r := g.line(vals...)
		if t.Ratio {
			g.style(r, len(vals), len(vals), st.percent)
		}
	}
	for _, n := range append(append([]string{}, t.Notes...), m.Notes...) {
		g.style(g.line("Note: "+n), 1, 1, st.wrap)
	}
	g.line()
	g.style(g.line("Rows left out"), 1, 1, st.section)
	if len(t.LeftOut()) == 0 {
		g.line("None.")
	} else {
		g.style(g.line("Reason", "Detail", "Step", "Rows", "Spreadsheet rows (first "+strconv.Itoa(exampleRows)+")"), 1, 5, st.header)
		for _, lg := range t.LeftOut() {
			all := lg.Rows()
			var rows []string
			for _, r := range all[:min(len(all), exampleRows)] {
				rows = append(rows, strconv.Itoa(rep.RowNumber(r)))
			}
			g.line(lg.Reason.String(), lg.Detail, lg.Step, len(all), strings.Join(rows, ", "))
		}
	}
	return g.err
}
