package report

import (
	"archive/zip"
	"compress/flate"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"cldvalidator/validation"
)

// Sheet names of the workbook.
const (
	SheetSummary      = "Summary"
	SheetIssues       = "Issues"
	SheetFieldQuality = "Field quality"
	SheetRules        = "Rules"
)

// maxIssuesPerSheet is how many issues one Issues sheet holds: Excel's
// 1,048,576 rows less the header. More issues continue on "Issues (2)" and
// so on. A variable so tests can exercise the split.
var maxIssuesPerSheet = excelize.TotalRows - 1

// topInvalidValues is how many invalid values the Summary lists.
const topInvalidValues = 50

// WriteXLSX saves the Excel error report: a Summary receipt and verdict,
// every issue in the engine's row order, the DHSC field-quality counts and
// the rule catalogue. Personal data is masked unless
// opts.IncludePersonalData. The file is written to a temporary file in the
// same folder and renamed over path; path must not be the checked file.
func WriteXLSX(path string, res *validation.Result, opts Options) error {
	return saveAtomically(path, res, func(w io.Writer) error {
		return writeWorkbook(w, res, opts, inputReceipt(res))
	})
}

type xlsxStyles struct {
	title, header, bold, wrap, text, percent, ok, bad, section, caveat int
}

func newStyles(f *excelize.File) (xlsxStyles, error) {
	var s xlsxStyles
	var err error
	mk := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	textFmt, pctFmt := "@", "0.0%"
	s.title = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	s.section = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}})
	s.header = mk(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "8EA9DB", Style: 1}},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
	})
	s.bold = mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top"}})
	s.wrap = mk(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	s.text = mk(&excelize.Style{CustomNumFmt: &textFmt})
	s.percent = mk(&excelize.Style{CustomNumFmt: &pctFmt})
	s.ok = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13, Color: "006100"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"C6EFCE"}}})
	s.bad = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13, Color: "9C0006"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}}})
	s.caveat = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "7F6000"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFEB9C"}}})
	return s, err
}

func writeWorkbook(w io.Writer, res *validation.Result, opts Options, rc receipt) error {
	f := excelize.NewFile()
	defer f.Close()
	// Deflate at BestSpeed: the Issues sheet of a large file is hundreds of
	// megabytes of XML, and the default level spends most of the time
	// squeezing out the last few percent.
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(w)
		zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
			return flate.NewWriter(out, flate.BestSpeed)
		})
		return zw
	})
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetSummary); err != nil {
		return err
	}
	issueSheets := issueSheetNames(len(res.Issues))
	for _, name := range append(issueSheets, SheetFieldQuality, SheetRules) {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	footer := printFooter(res.Info.Name, opts.now())
	if err := writeSummarySheet(f, st, res, opts, rc, issueSheets); err != nil {
		return err
	}
	if err := printSetup(f, SheetSummary, false, footer); err != nil {
		return err
	}
	if err := writeIssueSheets(f, st, res, opts, issueSheets, footer); err != nil {
		return err
	}
	if err := writeFieldQualitySheet(f, st, res); err != nil {
		return err
	}
	if err := printSetup(f, SheetFieldQuality, true, footer); err != nil {
		return err
	}
	if err := writeRulesSheet(f, st, res); err != nil {
		return err
	}
	if err := printSetup(f, SheetRules, true, footer); err != nil {
		return err
	}
	for _, sh := range []string{SheetSummary, SheetFieldQuality, SheetRules} {
		if err := setUsedRange(f, sh); err != nil {
			return err
		}
	}
	if err := writeMeasureSheets(f, st, res, opts, footer); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:   "Client Level Data check: " + res.Info.Name,
		Creator: "CLD validator",
	}); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// printSetup makes a sheet print well: landscape, as wide as one page
// (as many pages down as it needs), the header row repeated on every
// page when the sheet has one, and footer at the foot. For a sheet written
// with a stream writer it must be called before Flush.
func printSetup(f *excelize.File, sheet string, headerRow bool, footer string) error {
	landscape, one, tall := "landscape", 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &one, FitToHeight: &tall}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: footer}); err != nil {
		return err
	}
	if !headerRow {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + sheet + "'!$1:$1", Scope: sheet})
}

// printFooter is the printed pages' footer: the checked file's name and
// the date on the left, the page number in the middle, the sheet's name
// on the right (Excel's codes: &P page, &N pages, &A sheet; a literal &
// is &&).
func printFooter(name string, now time.Time) string {
	if r := []rune(name); len(r) > 120 {
		name = string(r[:119]) + "…"
	}
	name = strings.ReplaceAll(name, "&", "&&")
	return "&L" + name + " · checked " + now.Format("2 January 2006") + "&CPage &P of &N&R&A"
}

// issueSheetNames names the sheets the issues need: "Issues", then
// "Issues (2)"... when there are more than one sheet holds.
func issueSheetNames(n int) []string {
	names := []string{SheetIssues}
	for i := 2; n > (i-1)*maxIssuesPerSheet; i++ {
		names = append(names, fmt.Sprintf("%s (%d)", SheetIssues, i))
	}
	return names
}

// grid writes small sheets row by row with the normal API.
type grid struct {
	f     *excelize.File
	sheet string
	row   int
	err   error
}

// line writes values from column A on the next row and returns its number.
func (g *grid) line(vals ...any) int {
	g.row++
	if g.err == nil && len(vals) > 0 {
		g.err = g.f.SetSheetRow(g.sheet, "A"+strconv.Itoa(g.row), &vals)
	}
	return g.row
}

// style styles columns from..to (1-based) of row r.
func (g *grid) style(r, from, to, style int) {
	if g.err != nil {
		return
	}
	a, _ := excelize.CoordinatesToCellName(from, r)
	b, _ := excelize.CoordinatesToCellName(to, r)
	g.err = g.f.SetCellStyle(g.sheet, a, b, style)
}

func (g *grid) widths(ws ...float64) {
	for i, w := range ws {
		if g.err != nil {
			return
		}
		c, _ := excelize.ColumnNumberToName(i + 1)
		g.err = g.f.SetColWidth(g.sheet, c, c, w)
	}
}

// summarySheet writes the Summary sheet, a section at a time.
type summarySheet struct {
	*grid
	st   xlsxStyles
	res  *validation.Result
	opts Options
}

func writeSummarySheet(f *excelize.File, st xlsxStyles, res *validation.Result, opts Options, rc receipt, issueSheets []string) error {
	s := &summarySheet{grid: &grid{f: f, sheet: SheetSummary}, st: st, res: res, opts: opts}
	s.widths(34, 48, 14, 10, 80, 32, 40)
	s.heading()
	s.receipt(rc, issueSheets)
	s.central()
	s.issuesByRule()
	s.rowsByType()
	s.invalidValues()
	return s.err
}

// section starts a section with its title.
func (s *summarySheet) section(title string) { s.style(s.line(title), 1, 1, s.st.section) }

// kv writes a line of a key (in bold) and its value.
func (s *summarySheet) kv(k string, v any) { s.style(s.line(k, v), 1, 1, s.st.bold) }

// heading is the title, the verdict and the caveats.
func (s *summarySheet) heading() {
	s.style(s.line("Client Level Data check: "+s.res.Info.Name), 1, 1, s.st.title)
	vstyle := s.st.ok
	if s.res.Summary.Errors > 0 {
		vstyle = s.st.bad
	}
	s.style(s.line(verdict(s.res)), 1, 2, vstyle)
	for _, c := range s.res.Caveats() {
		s.style(s.line("WARNING: "+c), 1, 1, s.st.caveat)
	}
	s.line()
}

// receipt says which file was checked, how, when and with what result.
func (s *summarySheet) receipt(rc receipt, issueSheets []string) {
	res, sum := s.res, s.res.Summary
	s.section("Receipt")
	s.kv("File", res.Info.Name)
	if rc.SHA256 != "" {
		s.kv("SHA-256 fingerprint of the file", rc.SHA256)
		s.kv("File size", rc.Size)
	} else {
		s.kv("SHA-256 fingerprint of the file", rc.Note)
	}
	if res.Info.Sheet != "" {
		s.kv("Sheet", res.Info.Sheet)
	}
	s.kv("Format", formatLine(res))
	if res.HeaderRow > 0 {
		s.kv("Header row", res.HeaderRow)
	}
	s.kv("Checked against", releaseLine(res))
	if res.Spec.PackNote != "" {
		s.kv("Specification changes", res.Spec.PackNote)
	}
	s.kv("Report created", timeLine(s.opts.now()))
	s.kv("Time taken to check", durationLine(res.Duration))
	s.kv("Rows checked", sum.Rows)
	s.kv("People", sum.People)
	s.kv("Errors", sum.Errors)
	s.kv("Warnings", sum.Warnings)
	if sum.Infos > 0 {
		s.kv("Information notes", sum.Infos)
	}
	s.kv("Verdict", verdict(res))
	s.kv("Personal data", personalDataLine(s.opts))
	if len(issueSheets) > 1 {
		s.kv("Issues are listed on sheets", fmt.Sprintf("%s to %s", issueSheets[0], issueSheets[len(issueSheets)-1]))
	}
	for i, n := range res.Info.Notes {
		k := ""
		if i == 0 {
			k = "Notes on reading the file"
		}
		s.kv(k, n)
	}
	s.line()
}

// central is what happens centrally, and the reporting period DHSC will
// derive.
func (s *summarySheet) central() {
	sum := s.res.Summary
	s.section("What happens to these rows centrally")
	s.style(s.line("What happens centrally", "Errors", "Warnings", "Rows affected"), 1, 4, s.st.header)
	for _, c := range sum.ByConsequence {
		s.style(s.line(c.Label, c.Errors, c.Warnings, c.Rows), 1, 1, s.st.wrap)
	}
	s.line()
	s.section("Reporting period")
	for _, kvp := range periodLines(sum.Periods) {
		s.kv(kvp[0], kvp[1])
	}
	s.line()
}

// issuesByRule is a line per rule with its count and what to do.
func (s *summarySheet) issuesByRule() {
	s.section("Issues by rule")
	if len(s.res.Summary.Rules) == 0 {
		s.line("No issues were found.")
	} else {
		s.style(s.line("Title", "Severity", "What happens centrally", "Count", "Why it matters and how to fix it", "Columns affected"), 1, 6, s.st.header)
		for _, rc := range s.res.Summary.Rules {
			explain, central := "", ""
			if r := s.res.Spec.Rules.Lookup(rc.Rule); r != nil {
				explain, central = r.Explain, r.Central.Label()
			}
			r := s.line(rc.Title, capitalise(rc.Severity), central, rc.Count, explain, columnsAffected(rc))
			s.style(r, 1, 6, s.st.wrap)
		}
	}
	s.line()
}

// rowsByType counts the rows by Event Type × Client Type, with totals.
func (s *summarySheet) rowsByType() {
	sum := s.res.Summary
	s.section("Rows by Event Type and Client Type")
	hdr := []any{"Event Type"}
	for _, c := range sum.ClientTypes {
		hdr = append(hdr, c)
	}
	hdr = append(hdr, "Total")
	s.style(s.line(hdr...), 1, len(hdr), s.st.header)
	colTotals := make([]int, len(sum.ClientTypes))
	grand := 0
	for i, ev := range sum.EventTypes {
		vals := []any{ev}
		t := 0
		for j := range sum.ClientTypes {
			n := 0
			if i < len(sum.EventClient) && j < len(sum.EventClient[i]) {
				n = sum.EventClient[i][j]
			}
			vals = append(vals, n)
			t += n
			colTotals[j] += n
		}
		grand += t
		s.line(append(vals, t)...)
	}
	tot := []any{"Total"}
	for _, n := range colTotals {
		tot = append(tot, n)
	}
	s.style(s.line(append(tot, grand)...), 1, len(hdr), s.st.bold)
	s.line()
}

// invalidValues lists the most common invalid values.
func (s *summarySheet) invalidValues() {
	iv := invalidValues(s.res, s.opts)
	title := "Most common invalid values"
	if s.opts.mask() {
		title += " (personal values masked)"
	}
	s.section(title)
	if len(iv) == 0 {
		s.line("No invalid values were found.")
		return
	}
	s.style(s.line("Field", "Value", "Rows", "Problem"), 1, 4, s.st.header)
	for i, v := range iv {
		if i == topInvalidValues {
			s.line(fmt.Sprintf("… and %s more invalid values", validation.Commas(len(iv)-topInvalidValues)))
			break
		}
		problem := v.Rule
		if r := s.res.Spec.Rules.Lookup(v.Rule); r != nil {
			problem = r.Title
		}
		r := s.line(v.Field, v.Value, v.Count, problem)
		s.style(r, 2, 2, s.st.text)
	}
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func writeIssueSheets(f *excelize.File, st xlsxStyles, res *validation.Result, opts Options, sheets []string, footer string) error {
	lines, stop := renderAhead(res, res.Issues, opts.mask())
	defer stop()
	for si, sheet := range sheets {
		n := min(maxIssuesPerSheet, len(res.Issues)-si*maxIssuesPerSheet)
		sw, err := startIssueSheet(f, st, sheet, n)
		if err != nil {
			return err
		}
		if err := writeIssueRows(sw, lines, sheet, n); err != nil {
			return err
		}
		last, _ := excelize.CoordinatesToCellName(len(reportColumns), max(n+1, 2))
		// The autofilter and page setup are written by Flush, so they are
		// set first.
		if err := f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
			return err
		}
		if err := printSetup(f, sheet, true, footer); err != nil {
			return err
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	return nil
}

// startIssueSheet opens the stream writer of an Issues sheet that will
// hold n issues, and writes its column formats, widths, frozen header row
// and headings.
func startIssueSheet(f *excelize.File, st xlsxStyles, sheet string, n int) (*excelize.StreamWriter, error) {
	// The stream writer writes the sheet's properties when it is made,
	// so "fit to page" (printSetup) and the used range are set before.
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return nil, err
	}
	if err := setStreamRange(f, sheet, len(reportColumns), n+1); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	// Identifier and text columns are formatted as Text, so values the
	// user types or pastes there stay text too.
	if err := sw.SetColStyle(2, len(reportColumns), st.text); err != nil {
		return nil, err
	}
	for i, c := range reportColumns {
		if err := sw.SetColWidth(i+1, i+1, c.Excel); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return nil, err
	}
	header := make([]any, len(reportColumns))
	for i, h := range issueHeaders() {
		header[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	return sw, sw.SetRow("A1", header)
}

// writeIssueRows writes the sheet's n issues, from row 2, as renderAhead
// hands them over.
func writeIssueRows(sw *excelize.StreamWriter, lines <-chan []issueLine, sheet string, n int) error {
	vals := make([]any, len(reportColumns))
	for i := 0; i < n; {
		batch, ok := <-lines
		if !ok {
			return fmt.Errorf("only %d of %d issues were prepared for sheet %s", i, n, sheet)
		}
		for _, l := range batch {
			// Strings are written as inline strings, never as numbers,
			// so NHS Numbers and IDs keep every digit; only a column
			// marked Number (the row) is a number.
			for k, s := range l {
				switch {
				case s == "":
					vals[k] = nil // no empty cell elements
				case reportColumns[k].Number:
					vals[k], _ = strconv.Atoi(s)
				default:
					vals[k] = s
				}
			}
			if err := sw.SetRow(cellA(i+2), vals); err != nil {
				return err
			}
			i++
		}
	}
	return nil
}

// renderBatch is how many issues are rendered at a time.
const renderBatch = 2048

// renderAhead renders issues on another goroutine, in batches that never
// straddle an Issues sheet boundary, while the caller writes earlier ones.
// stop must be called when the caller finishes or gives up.
func renderAhead(res *validation.Result, issues []validation.Issue, mask bool) (<-chan []issueLine, func()) {
	out := make(chan []issueLine, 4)
	done := make(chan struct{})
	go func() {
		defer close(out)
		for lo := 0; lo < len(issues); {
			hi := min(lo+renderBatch, len(issues), (lo/maxIssuesPerSheet+1)*maxIssuesPerSheet)
			batch := make([]issueLine, hi-lo)
			for i := range batch {
				batch[i] = render(res, issues[lo+i], mask)
			}
			select {
			case out <- batch:
			case <-done:
				return
			}
			lo = hi
		}
	}()
	var stopped bool
	return out, func() {
		if !stopped {
			stopped = true
			close(done)
			for range out { // let the goroutine finish
			}
		}
	}
}

func cellA(row int) string { return "A" + strconv.Itoa(row) }

func statusValidityHeaders() []string {
	var h []string
	for s := range 4 {
		for v := range 4 {
			h = append(h, validation.Status(s).String()+": "+validation.Validity(v).String())
		}
	}
	return h
}

func writeFieldQualitySheet(f *excelize.File, st xlsxStyles, res *validation.Result) error {
	g := &grid{f: f, sheet: SheetFieldQuality}
	hdr := []any{"Position", "Field", "In file"}
	for _, h := range statusValidityHeaders() {
		hdr = append(hdr, h)
	}
	hdr = append(hdr, "Total invalid", "Total blank (mandatory)", "% complete")
	n := len(hdr)
	ws := []float64{9, 34, 8}
	for range 16 {
		ws = append(ws, 15)
	}
	g.widths(append(ws, 12, 14, 11)...)
	g.style(g.line(hdr...), 1, n, st.header)
	if g.err == nil {
		g.err = f.SetRowHeight(SheetFieldQuality, 1, 48)
	}
	for _, fq := range res.Summary.Fields {
		vals := []any{fq.Position, fq.Field, yesNo(fq.Present)}
		for s := range fq.Counts {
			for v := range fq.Counts[s] {
				vals = append(vals, fq.Counts[s][v])
			}
		}
		r := g.line(append(vals, fq.Invalid, fq.Blank, completeShare(fq))...)
		g.style(r, n, n, st.percent)
	}
	if g.err != nil {
		return g.err
	}
	last, _ := excelize.CoordinatesToCellName(n, max(g.row, 2))
	if err := f.AutoFilter(SheetFieldQuality, "A1:"+last, nil); err != nil {
		return err
	}
	return f.SetPanes(SheetFieldQuality, &excelize.Panes{Freeze: true, XSplit: 2, YSplit: 1, TopLeftCell: "C2", ActivePane: "bottomRight"})
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

func writeRulesSheet(f *excelize.File, st xlsxStyles, res *validation.Result) error {
	g := &grid{f: f, sheet: SheetRules}
	g.widths(28, 10, 9, 40, 24, 60, 12, 90, 16, 34, 10)
	g.style(g.line("Rule", "Severity", "Applies to", "Title", "What happens centrally", "Centrally, in detail", "Evidence",
		"Why it matters and how to fix it", "rules.md", "Sources", "In this file"), 1, 11, st.header)
	counts := map[string]int{}
	for _, rc := range res.Summary.Rules {
		counts[rc.Rule] = rc.Count
	}
	for _, r := range res.Spec.Rules.All() {
		row := g.line(r.ID, capitalise(r.Severity.String()), r.Scope, r.Title, r.Central.Label(), r.CentralSays, r.EvidenceLabel(),
			r.Explain, strings.Join(r.RulesMD, ", "), strings.Join(r.Sources, ", "), counts[r.ID])
		g.style(row, 1, 11, st.wrap)
	}
	if g.err != nil {
		return g.err
	}
	last, _ := excelize.CoordinatesToCellName(11, max(g.row, 2))
	if err := f.AutoFilter(SheetRules, "A1:"+last, nil); err != nil {
		return err
	}
	return f.SetPanes(SheetRules, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}
