package report

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"cldvalidator/validation"
)

// Personal values put into the fixture; none may appear in a masked report.
const (
	rawNHS      = "9434765918" // fails its check digit: reported on row 3
	rawNHSValid = "4010232137"
	rawLastName = "Quixotic" // part of a 320-character Last Name: reported on row 3
	rawDOBISO   = "1950-03-12"
	rawDOBUK    = "12/03/1950" // what the engine's detail text turns rawDOBISO into
	rawDOB2     = "14/07/1962" // conflicts with row 2 for person P001
	rawPostcode = "ZZ99 9ZZZ"
	scriptValue = "<script>alert(1)</script>"
)

var fixedNow = time.Date(2025, 3, 14, 9, 26, 53, 0, time.UTC)

func baseRow() map[string]string {
	return map[string]string{
		"LA Code": "503", "Reporting Period Start Date": "01/04/2024", "Reporting Period End Date": "30/06/2024",
		"NHS Number": "9434765919", "LA Person Unique Identifier": "P001", "First Name": "Alice", "Last Name": "Smith",
		"Gender": "Female", "Ethnicity": "White - Irish", "Date of Birth": "12/03/1950", "Client Type": "Service User",
		"Primary Support Reason": "Physical Support: Personal care support", "Postcode": "SW1A 1AA", "Accommodation Status": "Tenant",
		"Employment Status": "Not in Paid Employment (not actively seeking work / retired)", "Has Unpaid Carer": "No",
		"Client Funding Status": "Fully Social Care Funded",
		"Event Type":            "Request", "Event Reference": "R1", "Event Start Date": "05/04/2024", "Event End Date": "05/04/2024",
		"Event Outcome": "Progress to Assessment", "Request: Route of Access": "Community / Other route",
	}
}

func with(m map[string]string, kv ...string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = v
	}
	for i := 0; i < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}

// writeCSV writes a CLD file with the R1 template header and the rows.
func writeCSV(tb testing.TB, dir string, rows []map[string]string) string {
	tb.Helper()
	spec, err := validation.LoadSpec(validation.R1)
	if err != nil {
		tb.Fatal(err)
	}
	h := spec.Headers()
	p := filepath.Join(dir, "cld_q1.csv")
	f, err := os.Create(p)
	if err != nil {
		tb.Fatal(err)
	}
	w := csv.NewWriter(f)
	w.Write(h)
	rec := make([]string, len(h))
	for _, r := range rows {
		for i, n := range h {
			rec[i] = r[n]
		}
		w.Write(rec)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return p
}

func validate(tb testing.TB, path string) *validation.Result {
	tb.Helper()
	res, err := validation.ValidateFile(context.Background(), path, validation.Options{Release: validation.R1, Fingerprint: true})
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

// fixture is a small file with known problems:
//
//	row 2: clean (person P001)
//	row 3: no LA id; bad NHS Number, Gender <script>, DOB year-first, bad postcode, 320-char Last Name
//	row 4: Gender 'Mael' (person P002)
//	row 5: person P001 again with a different Date of Birth
func fixture(t *testing.T) (dir, input string, res *validation.Result) {
	t.Helper()
	dir = t.TempDir()
	b := baseRow()
	input = writeCSV(t, dir, []map[string]string{
		b,
		with(b, "LA Person Unique Identifier", "", "NHS Number", rawNHS, "Gender", scriptValue,
			"Date of Birth", rawDOBISO, "Postcode", rawPostcode, "Last Name", strings.Repeat(rawLastName, 40)),
		with(b, "LA Person Unique Identifier", "P002", "NHS Number", rawNHSValid, "Gender", "Mael"),
		with(b, "Date of Birth", rawDOB2, "Event Reference", "R9", "Event Start Date", "07/04/2024", "Event End Date", "07/04/2024"),
	})
	return dir, input, validate(t, input)
}

func sha(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func openXLSX(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("the report does not open as a workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// allCells returns every cell's text in every sheet.
func allCells(t *testing.T, f *excelize.File) []string {
	t.Helper()
	var out []string
	for _, s := range f.GetSheetList() {
		rows, err := f.GetRows(s)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			out = append(out, r...)
		}
	}
	return out
}

// findRow returns the Issues sheet row whose Cell column is ref.
func findRow(t *testing.T, f *excelize.File, ref string) int {
	t.Helper()
	rows, err := f.GetRows(SheetIssues)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 1 && r[1] == ref {
			return i + 1
		}
	}
	t.Fatalf("no issue with cell %s on the Issues sheet", ref)
	return 0
}

func cell(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func noTempFiles(t *testing.T, dir string) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".cldreport-") {
			t.Errorf("temporary file %s was left behind", e.Name())
		}
	}
}

func TestWriteXLSXSheetsAndHeaders(t *testing.T) {
	dir, _, res := fixture(t)
	out := filepath.Join(dir, "report.xlsx")
	if err := WriteXLSX(out, res, Options{Now: func() time.Time { return fixedNow }}); err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, out)
	// The check's sheets, then the measures (see TestMeasureSheets).
	if got, want := f.GetSheetList(), []string{"Summary", "Issues", "Field quality", "Rules", "Measures"}; len(got) < len(want) || !slices.Equal(got[:len(want)], want) {
		t.Fatalf("sheets = %q, want %q first", got, want)
	}
	if f.GetActiveSheetIndex() != 0 {
		t.Errorf("the workbook should open on the Summary sheet")
	}
	rows, err := f.GetRows(SheetIssues)
	if err != nil {
		t.Fatal(err)
	}
	// The columns of validation.IssueColumns shown in reports, in its order.
	want := []string{"Row", "Cell", "Severity", "Person ID", "Event type", "Column", "Value", "What happens centrally", "Check", "Rule", "Problem", "Suggestion"}
	if !slices.Equal(rows[0], want) {
		t.Errorf("Issues header = %q, want %q", rows[0], want)
	}
	if len(rows)-1 != len(res.Issues) {
		t.Errorf("Issues sheet has %d issue rows, result has %d", len(rows)-1, len(res.Issues))
	}
	// Engine order, not errors first: row numbers never decrease, and the
	// file-level issue (blank row) comes first.
	last := -1
	for i, r := range rows[1:] {
		n := 0
		if r[0] != "" {
			n, _ = strconv.Atoi(r[0])
		}
		if n < last {
			t.Errorf("issue %d has row %d after row %d: the engine's row order was not kept", i+1, n, last)
		}
		last = n
		ruleI, centralI, checkI := issueIdx(t, "Rule"), issueIdx(t, "What happens centrally"), issueIdx(t, "Check")
		if want := res.Rule(res.Issues[i]).ID; r[ruleI] != want {
			t.Errorf("issue %d rule = %q, want %q", i+1, r[ruleI], want)
		}
		if want := res.Rule(res.Issues[i]).Central.Label(); r[centralI] != want {
			t.Errorf("issue %d central = %q, want %q", i+1, r[centralI], want)
		}
		if want := res.Rule(res.Issues[i]).Title; r[checkI] != want {
			t.Errorf("issue %d check = %q, want %q", i+1, r[checkI], want)
		}
	}
	if rows[1][0] != "" || rows[1][issueIdx(t, "Rule")] != "period-length" {
		t.Errorf("first issue = %q, want the file-level period-length issue with a blank row", rows[1])
	}

	fq, _ := f.GetRows(SheetFieldQuality)
	for _, h := range []string{"Position", "Field", "Mandatory: Valid", "Mandatory: Blank (mandatory)", "Applicable but not mandatory: Blank (not mandatory)",
		"Not applicable: Invalid", "Undetermined: Valid", "% complete"} {
		if !slices.Contains(fq[0], h) {
			t.Errorf("Field quality header lacks %q: %q", h, fq[0])
		}
	}
	if len(fq) != 51 {
		t.Errorf("Field quality has %d rows, want header + 50 fields", len(fq))
	}
	// Gender: 2 invalid of 4 rows, mandatory on every row.
	gi := slices.IndexFunc(fq, func(r []string) bool { return len(r) > 1 && r[1] == "Gender" })
	col := slices.Index(fq[0], "Mandatory: Invalid")
	if gi < 0 || col < 0 || fq[gi][col] != "2" || fq[gi][slices.Index(fq[0], "Mandatory: Valid")] != "2" {
		t.Errorf("Gender field quality row = %q", fq[gi])
	}
	pct, _ := f.GetCellValue(SheetFieldQuality, fmt.Sprintf("%s%d", mustCol(len(fq[0])), gi+1), excelize.Options{RawCellValue: true})
	if pct != "0.5" {
		t.Errorf("Gender %% complete = %q, want 0.5", pct)
	}

	rules, _ := f.GetRows(SheetRules)
	if len(rules) != len(res.Spec.Rules.All())+1 {
		t.Errorf("Rules sheet has %d rows, want %d rules + header", len(rules), len(res.Spec.Rules.All()))
	}
	for _, r := range rules[1:] {
		if len(r) < 8 || r[0] == "" || r[3] == "" || r[4] == "" || r[7] == "" || (!strings.HasPrefix(r[6], "About this check") && (r[5] == "" || r[8]+r[9] == "")) {
			t.Errorf("rule row incomplete: %q", r)
		}
	}
}

// issueCol is the Excel letter of an Issues sheet column, by heading.
func issueCol(t *testing.T, heading string) string {
	t.Helper()
	for i, h := range issueHeaders() {
		if h == heading {
			return mustCol(i + 1)
		}
	}
	t.Fatalf("the Issues sheet has no column %q", heading)
	return ""
}

// issueIdx is the index of an Issues sheet column, by heading.
func issueIdx(t *testing.T, heading string) int {
	t.Helper()
	i := slices.Index(issueHeaders(), heading)
	if i < 0 {
		t.Fatalf("the Issues sheet has no column %q", heading)
	}
	return i
}

func mustCol(n int) string {
	c, _ := excelize.ColumnNumberToName(n)
	return c
}

func TestWriteXLSXKnownIssue(t *testing.T) {
	dir, _, res := fixture(t)
	out := filepath.Join(dir, "report.xlsx")
	if err := WriteXLSX(out, res, Options{}); err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, out)
	r := findRow(t, f, "J4")
	want := map[string]string{
		"Row": "4", "Cell": "J4", "Severity": "Error", "Person ID": "P002", "Event type": "Request", "Column": "Gender", "Value": "Mael",
		"What happens centrally": "Rejected or counted as Failed", "Check": "Value not in the defined list", "Rule": "list-invalid",
		"Problem":    "Gender 'Mael' is not one of the allowed values. Did you mean 'Male'? DHSC's data-quality view will count it as 'Failed: Invalid', and NHS England will leave the value out of its figures.",
		"Suggestion": "Male",
	}
	for h, w := range want {
		c := issueCol(t, h)
		if got := cell(t, f, SheetIssues, c+strconv.Itoa(r)); got != w {
			t.Errorf("%s (%s%d) = %q, want %q", h, c, r, got, w)
		}
	}
	// Row is a number; everything else is text.
	if typ, _ := f.GetCellType(SheetIssues, "A"+strconv.Itoa(r)); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("Row cell type = %v, want a number", typ)
	}
	for _, h := range []string{"Cell", "Severity", "Person ID", "Column", "Rule"} {
		c := issueCol(t, h)
		if typ, _ := f.GetCellType(SheetIssues, c+strconv.Itoa(r)); typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
			t.Errorf("%s%d type = %v, want text", c, r, typ)
		}
	}
	// The file-level issue's Row is blank, not 0.
	if typ, _ := f.GetCellType(SheetIssues, "A2"); cell(t, f, SheetIssues, "A2") != "" || typ != excelize.CellTypeUnset {
		t.Errorf("file-level issue row = %q, want blank", cell(t, f, SheetIssues, "A2"))
	}
}

func TestWriteXLSXFrozenHeaderAndAutofilter(t *testing.T) {
	dir, _, res := fixture(t)
	out := filepath.Join(dir, "report.xlsx")
	if err := WriteXLSX(out, res, Options{}); err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, out)
	for _, sheet := range []string{SheetIssues, SheetFieldQuality} {
		p, err := f.GetPanes(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if !p.Freeze || p.YSplit != 1 {
			t.Errorf("%s panes = %+v, want the header row frozen", sheet, p)
		}
	}
	lastRow := len(res.Issues) + 1
	lastCol := mustCol(len(issueHeaders()))
	wantRef := fmt.Sprintf("A1:%s%d", lastCol, lastRow)
	found := false
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" && dn.Scope == SheetIssues {
			found = strings.HasSuffix(dn.RefersTo, "!"+wantRef) || strings.HasSuffix(dn.RefersTo, "!$A$1:$"+lastCol+"$"+strconv.Itoa(lastRow))
			if !found {
				t.Errorf("Issues filter range = %s, want %s", dn.RefersTo, wantRef)
			}
		}
	}
	if !found {
		t.Errorf("no autofilter defined name for the Issues sheet: %+v", f.GetDefinedName())
	}
	absRef := fmt.Sprintf("$A$1:$%s$%d", lastCol, lastRow)
	if xml := sheetXML(t, out, SheetIssues); !strings.Contains(xml, `<autoFilter ref="`+wantRef+`"`) && !strings.Contains(xml, `<autoFilter ref="`+absRef+`"`) {
		t.Errorf("Issues sheet XML has no autoFilter over %s", wantRef)
	}
	// Problem is wide enough to read.
	if w, _ := f.GetColWidth(SheetIssues, issueCol(t, "Problem")); w < 60 {
		t.Errorf("Problem column width = %v", w)
	}
}

// sheetXML returns the worksheet XML of a sheet, found through the
// workbook's relationships.
func sheetXML(t *testing.T, path, sheet string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	read := func(name string) string {
		for _, f := range zr.File {
			if f.Name == name {
				rc, _ := f.Open()
				b, _ := io.ReadAll(rc)
				rc.Close()
				return string(b)
			}
		}
		t.Fatalf("%s not in workbook", name)
		return ""
	}
	wb := read("xl/workbook.xml")
	m := regexp.MustCompile(`<sheet name="` + regexp.QuoteMeta(sheet) + `" sheetId="\d+" r:id="(rId\d+)"`).FindStringSubmatch(wb)
	if m == nil {
		t.Fatalf("sheet %s not in workbook.xml", sheet)
	}
	rels := read("xl/_rels/workbook.xml.rels")
	tm := regexp.MustCompile(`Id="` + m[1] + `" Target="([^"]+)"|Target="([^"]+)"[^>]*Id="` + m[1] + `"`).FindStringSubmatch(rels)
	if tm == nil {
		t.Fatalf("relationship %s not found", m[1])
	}
	target := tm[1] + tm[2]
	target = strings.TrimPrefix(target, "/xl/")
	return read("xl/" + target)
}

func TestWriteXLSXIdentifiersAreText(t *testing.T) {
	dir, _, res := fixture(t)
	out := filepath.Join(dir, "report.xlsx")
	if err := WriteXLSX(out, res, Options{IncludePersonalData: true}); err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, out)
	r := strconv.Itoa(findRow(t, f, "D3"))
	for _, c := range []string{issueCol(t, "Person ID"), issueCol(t, "Value")} {
		if got := cell(t, f, SheetIssues, c+r); got != rawNHS {
			t.Errorf("%s%s = %q, want the NHS Number %s", c, r, got, rawNHS)
		}
		typ, _ := f.GetCellType(SheetIssues, c+r)
		if typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
			t.Errorf("%s%s holds the NHS Number as %v, want a string cell", c, r, typ)
		}
	}
	if xml := sheetXML(t, out, SheetIssues); strings.Contains(xml, "<v>"+rawNHS+"</v>") {
		t.Errorf("the NHS Number is stored as a number somewhere in the Issues sheet")
	}
}

func TestMaskedByDefault(t *testing.T) {
	dir, _, res := fixture(t)
	xlsxPath := filepath.Join(dir, "report.xlsx")
	csvPath := filepath.Join(dir, "issues.csv")
	htmlPath := filepath.Join(dir, "report.html")
	if err := WriteXLSX(xlsxPath, res, Options{}); err != nil {
		t.Fatal(err)
	}
	if err := WriteIssuesCSV(csvPath, res, res.Issues, Options{}); err != nil {
		t.Fatal(err)
	}
	if err := WriteHTML(htmlPath, res, Options{}); err != nil {
		t.Fatal(err)
	}
	secrets := []string{rawNHS, rawNHSValid, rawLastName, rawDOBISO, rawDOBUK, rawDOB2, rawPostcode}

	cells := allCells(t, openXLSX(t, xlsxPath))
	for _, c := range cells {
		for _, s := range secrets {
			if strings.Contains(c, s) {
				t.Errorf("workbook cell %q contains personal value %q", c, s)
			}
		}
	}
	for _, p := range []string{csvPath, htmlPath} {
		b, _ := os.ReadFile(p)
		for _, s := range secrets {
			if bytes.Contains(b, []byte(s)) {
				t.Errorf("%s contains personal value %q", filepath.Base(p), s)
			}
		}
	}
	// The masks themselves are shown, so users can still see what is wrong.
	joined := strings.Join(cells, "\n")
	for _, m := range []string{"*******918", "NHS *******918", "**/**/1962", "ZZ99 ***", "Q***", "Masked"} {
		if !strings.Contains(joined, m) {
			t.Errorf("workbook lacks the masked form %q", m)
		}
	}
}

func TestIncludePersonalData(t *testing.T) {
	dir, _, res := fixture(t)
	xlsxPath := filepath.Join(dir, "report.xlsx")
	csvPath := filepath.Join(dir, "issues.csv")
	htmlPath := filepath.Join(dir, "report.html")
	opts := Options{IncludePersonalData: true}
	if err := WriteXLSX(xlsxPath, res, opts); err != nil {
		t.Fatal(err)
	}
	if err := WriteIssuesCSV(csvPath, res, res.Issues, opts); err != nil {
		t.Fatal(err)
	}
	if err := WriteHTML(htmlPath, res, opts); err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(allCells(t, openXLSX(t, xlsxPath)), "\n")
	csvText, _ := os.ReadFile(csvPath)
	htmlText, _ := os.ReadFile(htmlPath)
	for _, s := range []string{rawNHS, rawLastName, rawDOBISO, rawDOBUK, rawDOB2, rawPostcode} {
		if !strings.Contains(joined, s) {
			t.Errorf("workbook with personal data lacks %q", s)
		}
		if !bytes.Contains(csvText, []byte(s)) {
			t.Errorf("CSV with personal data lacks %q", s)
		}
		if !bytes.Contains(htmlText, []byte(s)) {
			t.Errorf("HTML with personal data lacks %q", s)
		}
	}
	if !strings.Contains(joined, "Included") {
		t.Errorf("the Summary does not say personal data is included")
	}
}

func TestSummarySheet(t *testing.T) {
	dir, input, res := fixture(t)
	out := filepath.Join(dir, "report.xlsx")
	if err := WriteXLSX(out, res, Options{Now: func() time.Time { return fixedNow }}); err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, out)
	rows, _ := f.GetRows(SheetSummary)
	kv := map[string]string{}
	for _, r := range rows {
		if len(r) >= 2 && r[0] != "" {
			if _, seen := kv[r[0]]; !seen {
				kv[r[0]] = r[1]
			}
		}
	}
	want := map[string]string{
		"File":                            "cld_q1.csv",
		"SHA-256 fingerprint of the file": sha(t, input),
		"Format":                          "CSV, UTF-8",
		"Report created":                  "14 March 2025 09:26:53 UTC",
		"Rows checked":                    "4",
		"People":                          strconv.Itoa(res.Summary.People),
		"Errors":                          strconv.Itoa(res.Summary.Errors),
		"Warnings":                        strconv.Itoa(res.Summary.Warnings),
		"Verdict":                         fmt.Sprintf("%d errors must be fixed before submission", res.Summary.Errors),
		"Checked against":                 "CLD Release 1 (rule set " + res.Spec.Version + ")",
	}
	for k, w := range want {
		if kv[k] != w {
			t.Errorf("Summary %q = %q, want %q", k, kv[k], w)
		}
	}
	if !strings.HasPrefix(kv["Personal data"], "Masked") {
		t.Errorf("Summary personal data = %q", kv["Personal data"])
	}
	if rows[1][0] != kv["Verdict"] {
		t.Errorf("the verdict is not at the top: %q", rows[1])
	}
	// Issues by rule: list-invalid counted twice, with what happens
	// centrally and its explanation, and no rule id or source reference.
	rule := res.Spec.Rules.Lookup("list-invalid")
	i := slices.IndexFunc(rows, func(r []string) bool { return len(r) > 0 && r[0] == rule.Title })
	if i < 0 {
		t.Fatal("no list-invalid line under Issues by rule")
	}
	if r := rows[i]; r[1] != "Error" || r[2] != "Rejected or counted as Failed" || r[3] != "2" || r[4] != rule.Explain || r[5] != "Gender (2)" {
		t.Errorf("list-invalid summary line = %q", r)
	}
	for _, r := range rows {
		for _, c := range r {
			if strings.Contains(c, "rules.md") || c == "list-invalid" {
				t.Errorf("the Summary sheet shows a technical reference: %q", r)
			}
		}
	}
	// The central consequences and the reporting periods.
	cc := slices.IndexFunc(rows, func(r []string) bool { return len(r) > 0 && r[0] == "Rejected or counted as Failed" })
	if cc < 0 || rows[cc][1] != strconv.Itoa(res.Summary.ByConsequence[0].Errors) {
		t.Errorf("no central consequence counts (%d)", cc)
	}
	if kv["DHSC would derive from the data"] == "" || kv["Stated on the rows"] == "" {
		t.Errorf("no reporting periods: %q", kv)
	}
	// Event Type × Client Type: four Request rows of Service Users.
	j := slices.IndexFunc(rows, func(r []string) bool { return len(r) > 0 && r[0] == "Event Type" })
	if j < 0 || !slices.Contains(rows[j], "Service User") {
		t.Fatalf("no Event Type × Client Type table")
	}
	su := slices.Index(rows[j], "Service User")
	req := slices.IndexFunc(rows[j:], func(r []string) bool { return len(r) > 0 && r[0] == "Request" })
	if req < 0 || rows[j+req][su] != "4" || rows[j+req][len(rows[j])-1] != "4" {
		t.Errorf("Request row = %q, want 4 Service User rows", rows[j+req])
	}
	// Top invalid values, masked.
	k := slices.IndexFunc(rows, func(r []string) bool {
		return len(r) > 1 && r[0] == "NHS Number" && r[1] == "*******918"
	})
	if k < 0 {
		t.Errorf("top invalid values lack the masked NHS Number")
	}
}

func TestVerdictWithoutErrors(t *testing.T) {
	dir := t.TempDir()
	input := writeCSV(t, dir, []map[string]string{baseRow()})
	res := validate(t, input)
	if res.Summary.Errors != 0 {
		t.Fatalf("clean fixture has %d errors", res.Summary.Errors)
	}
	out := filepath.Join(dir, "report.xlsx")
	if err := WriteXLSX(out, res, Options{}); err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, out)
	if v := cell(t, f, SheetSummary, "A2"); v != "No errors — ready to submit" {
		t.Errorf("verdict = %q", v)
	}
	htmlPath := filepath.Join(dir, "r.html")
	if err := WriteHTML(htmlPath, res, Options{}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(htmlPath)
	if !bytes.Contains(b, []byte("No errors — ready to submit")) {
		t.Errorf("HTML lacks the verdict")
	}
}

func TestIssuesContinueOnMoreSheets(t *testing.T) {
	dir, _, res := fixture(t)
	old := maxIssuesPerSheet
	maxIssuesPerSheet = 3
	defer func() { maxIssuesPerSheet = old }()
	out := filepath.Join(dir, "report.xlsx")
	if err := WriteXLSX(out, res, Options{}); err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, out)
	sheets := f.GetSheetList()
	sheets = sheets[:slices.Index(sheets, SheetMeasures)] // the measures' sheets follow
	want := []string{"Summary", "Issues"}
	for i := 2; i <= (len(res.Issues)+2)/3; i++ {
		want = append(want, fmt.Sprintf("Issues (%d)", i))
	}
	want = append(want, "Field quality", "Rules")
	if !slices.Equal(sheets, want) {
		t.Fatalf("sheets = %q, want %q", sheets, want)
	}
	var rules []string
	for _, s := range sheets[1 : len(sheets)-2] {
		rows, _ := f.GetRows(s)
		if rows[0][0] != "Row" {
			t.Errorf("%s has no header", s)
		}
		if p, _ := f.GetPanes(s); !p.Freeze {
			t.Errorf("%s header not frozen", s)
		}
		for _, r := range rows[1:] {
			rules = append(rules, r[issueIdx(t, "Rule")])
		}
	}
	if len(rules) != len(res.Issues) {
		t.Fatalf("%d issues across sheets, want %d", len(rules), len(res.Issues))
	}
	for i, is := range res.Issues {
		if rules[i] != res.Rule(is).ID {
			t.Errorf("issue %d = %s, want %s", i, rules[i], res.Rule(is).ID)
		}
	}
}

func TestRefusesToOverwriteInput(t *testing.T) {
	dir, input, res := fixture(t)
	before := sha(t, input)
	link := filepath.Join(dir, "link.csv")
	if err := os.Link(input, link); err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(mustWd(t), input)
	if err != nil {
		t.Fatal(err)
	}
	targets := []string{
		input,
		filepath.Join(dir, "sub", "..", "cld_q1.csv"), // not clean
		rel,  // relative
		link, // another name for the same file
	}
	writers := map[string]func(string) error{
		"xlsx": func(p string) error { return WriteXLSX(p, res, Options{}) },
		"csv":  func(p string) error { return WriteIssuesCSV(p, res, res.Issues, Options{}) },
		"html": func(p string) error { return WriteHTML(p, res, Options{}) },
	}
	for kind, w := range writers {
		for _, p := range targets {
			err := w(p)
			if err == nil {
				t.Fatalf("%s writer saved over the input through %s", kind, p)
			}
			if !errors.Is(err, ErrSameAsInput) {
				t.Errorf("%s: error %v does not wrap ErrSameAsInput", kind, err)
			}
			if msg := err.Error(); !strings.Contains(msg, "is the file being checked, and it is never overwritten") ||
				!strings.Contains(msg, "choose another name") || !strings.Contains(msg, filepath.Base(p)) {
				t.Errorf("%s: refusal message = %q", kind, msg)
			}
		}
	}
	if after := sha(t, input); after != before {
		t.Fatalf("the input changed")
	}
	noTempFiles(t, dir)
}

func mustWd(t *testing.T) string {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}

func TestInputUnchangedAndTempFilesCleaned(t *testing.T) {
	dir, input, res := fixture(t)
	before := sha(t, input)
	out := filepath.Join(dir, "report.xlsx")
	// Overwrite an existing report too.
	if err := os.WriteFile(out, []byte("old report"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteXLSX(out, res, Options{}); err != nil {
		t.Fatal(err)
	}
	if err := WriteIssuesCSV(filepath.Join(dir, "i.csv"), res, res.Issues, Options{}); err != nil {
		t.Fatal(err)
	}
	if err := WriteHTML(filepath.Join(dir, "r.html"), res, Options{}); err != nil {
		t.Fatal(err)
	}
	if after := sha(t, input); after != before {
		t.Errorf("input sha256 changed from %s to %s", before, after)
	}
	openXLSX(t, out) // the old content was replaced by a workbook
	noTempFiles(t, dir)
}

func TestFailedWriteLeavesNothing(t *testing.T) {
	dir, _, res := fixture(t)
	out := filepath.Join(dir, "report.xlsx")
	if err := os.WriteFile(out, []byte("previous report"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The writer fails half way: the old report stays, the temp file goes.
	err := saveAtomically(out, res, func(w io.Writer) error {
		io.WriteString(w, "partial")
		return errors.New("boom")
	})
	if err == nil || !strings.Contains(err.Error(), "report.xlsx could not be saved") {
		t.Errorf("error = %v", err)
	}
	if b, _ := os.ReadFile(out); string(b) != "previous report" {
		t.Errorf("a failed save changed the existing report: %q", b)
	}
	noTempFiles(t, dir)

	// The rename fails (the target became a folder while writing).
	out2 := filepath.Join(dir, "busy.xlsx")
	err = saveAtomically(out2, res, func(w io.Writer) error {
		if err := os.Mkdir(out2, 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(out2, "x"), nil, 0o644)
	})
	if err == nil || !strings.HasPrefix(err.Error(), "busy.xlsx could not be saved") {
		t.Errorf("rename failure error = %v", err)
	}
	noTempFiles(t, dir)

	// A folder that does not exist.
	err = WriteXLSX(filepath.Join(dir, "missing", "r.xlsx"), res, Options{})
	if err == nil || !strings.Contains(err.Error(), "r.xlsx could not be saved because the folder") || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("missing folder error = %v", err)
	}
	// A folder given as the file name.
	if err := WriteXLSX(dir, res, Options{}); err == nil || !strings.Contains(err.Error(), "is a folder") {
		t.Errorf("folder target error = %v", err)
	}
	noTempFiles(t, dir)
}

func TestOpenInExcelMessage(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "report.xlsx")
	os.WriteFile(out, nil, 0o644)
	err := renameError(out, out, &os.LinkError{Op: "rename", Old: "x", New: out, Err: syscall.EACCES})
	if got, want := err.Error(), "report.xlsx could not be saved — it may be open in Excel. Close it and try again."; got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
	if !errors.Is(err, syscall.EACCES) {
		t.Errorf("the cause is not kept")
	}
}

func TestCSV(t *testing.T) {
	dir, _, res := fixture(t)
	var errorsOnly []validation.Issue
	for _, is := range res.Issues {
		if is.Sev == validation.Error {
			errorsOnly = append(errorsOnly, is)
		}
	}
	out := filepath.Join(dir, "errors.csv")
	if err := WriteIssuesCSV(out, res, errorsOnly, Options{}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}) {
		t.Fatalf("CSV does not start with a UTF-8 byte-order mark: % x", b[:3])
	}
	if bytes.Count(b, []byte("\n")) != bytes.Count(b, []byte("\r\n")) || !bytes.HasSuffix(b, []byte("\r\n")) {
		t.Errorf("CSV has line ends other than CRLF")
	}
	recs, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(recs[0], issueHeaders()) {
		t.Errorf("CSV header = %q", recs[0])
	}
	if len(recs)-1 != len(errorsOnly) {
		t.Fatalf("CSV has %d issues, want %d", len(recs)-1, len(errorsOnly))
	}
	i := slices.IndexFunc(recs, func(r []string) bool { return r[1] == "J4" })
	if i < 0 {
		t.Fatal("no J4 issue in the CSV")
	}
	want := []string{"4", "J4", "Error", "P002", "Request", "Gender", "Mael", "Rejected or counted as Failed", "Value not in the defined list", "list-invalid", "Gender 'Mael' is not one of the allowed values. Did you mean 'Male'? DHSC's data-quality view will count it as 'Failed: Invalid', and NHS England will leave the value out of its figures.", "Male"}
	if !slices.Equal(recs[i], want) {
		t.Errorf("CSV J4 = %q, want %q", recs[i], want)
	}
	for _, r := range recs[1:] {
		if r[2] != "Error" {
			t.Errorf("filtered CSV has a %s", r[2])
		}
	}
	noTempFiles(t, dir)
}

func TestCSVSafe(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")",
		"@SUM(A1)":          "'@SUM(A1)",
		"+cmd":              "'+cmd",
		"-2+3":              "'-2+3",
		"-5":                "-5",
		"+44.5":             "+44.5",
		"-":                 "-",
		"Mael":              "Mael",
		"":                  "",
	} {
		if got := csvSafe(in); got != want {
			t.Errorf("csvSafe(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHTML(t *testing.T) {
	dir, _, res := fixture(t)
	out := filepath.Join(dir, "report.html")
	if err := WriteHTML(out, res, Options{Now: func() time.Time { return fixedNow }}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if strings.Contains(strings.ToLower(s), "<script") {
		t.Errorf("HTML contains a script element")
	}
	if !strings.Contains(s, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("HTML does not show the escaped <script> value")
	}
	if l := strings.ToLower(s); strings.Contains(l, "http://") || strings.Contains(l, "https://") {
		t.Errorf("HTML contains a URL")
	}
	for _, bad := range []string{"<link", "src=", "@import", "url("} {
		if strings.Contains(strings.ToLower(s), bad) {
			t.Errorf("HTML refers to an external resource (%s)", bad)
		}
	}
	for _, want := range []string{
		fmt.Sprintf("%d errors must be fixed before submission", res.Summary.Errors),
		"Issues by rule", res.Spec.Rules.Lookup("list-invalid").Explain,
		"Field quality", "Gender 'Mael' is not one of the allowed values",
		"14 March 2025 09:26:53 UTC", "default-src 'none'",
	} {
		if !strings.Contains(s, want) && !strings.Contains(s, html.EscapeString(want)) {
			t.Errorf("HTML lacks %q", want)
		}
	}
}

func TestHTMLListsFirst200(t *testing.T) {
	dir := t.TempDir()
	res := bigResult(t, dir, 300)
	out := filepath.Join(dir, "r.html")
	if err := WriteHTML(out, res, Options{}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(out)
	s := string(b)
	issuesPart := s[strings.LastIndex(s, "<h2>Issues</h2>"):]
	if n := strings.Count(issuesPart, "<tr>") - 1; n != htmlIssueLimit {
		t.Errorf("HTML lists %d issues, want %d", n, htmlIssueLimit)
	}
	if !strings.Contains(s, fmt.Sprintf("The first 200 of %s issues", validation.Commas(len(res.Issues)))) {
		t.Errorf("HTML does not say the list is cut short")
	}
}

// bigResult validates a file with at least minIssues issues (a little over 5 a row).
func bigResult(tb testing.TB, dir string, minIssues int) *validation.Result {
	tb.Helper()
	n := minIssues/5 + 1
	rows := make([]map[string]string, 0, n)
	b := baseRow()
	for i := range n {
		rows = append(rows, with(b,
			"LA Person Unique Identifier", fmt.Sprintf("P%07d", i),
			"NHS Number", fmt.Sprintf("94%08d", i),
			"Gender", "Mael",
			"Ethnicity", "Irish",
			"Postcode", "ZZ99 9ZZZ",
			"Has Unpaid Carer", "Y",
			"Accommodation Status", "Tennant",
			"Event Reference", fmt.Sprintf("E%d", i),
		))
	}
	res := validate(tb, writeCSV(tb, dir, rows))
	if len(res.Issues) < minIssues {
		tb.Fatalf("fixture made %d issues, want at least %d", len(res.Issues), minIssues)
	}
	return res
}

func benchmarkWriteXLSX(b *testing.B, minIssues int) {
	dir := b.TempDir()
	res := bigResult(b, dir, minIssues)
	out := filepath.Join(dir, "report.xlsx")
	b.ResetTimer()
	cpu0, n := cpuTime(), 0
	for b.Loop() {
		if err := WriteXLSX(out, res, Options{}); err != nil {
			b.Fatal(err)
		}
		n++
	}
	// CPU time is steadier than wall time on a busy machine.
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(n), "cpu-s/op")
	b.ReportMetric(float64(len(res.Issues)), "issues") // after ResetTimer, which clears metrics
}

// BenchmarkWriteXLSX100k: the requirement is at most 5 s per run.
func BenchmarkWriteXLSX100k(b *testing.B) { benchmarkWriteXLSX(b, 100_000) }

// BenchmarkWriteXLSX1M writes a million issues (slow to set up).
func BenchmarkWriteXLSX1M(b *testing.B) { benchmarkWriteXLSX(b, 1_000_000) }

// A report of 100,000 issues is complete: every issue has its row and the
// autofilter covers them all. (How long it takes is BenchmarkWriteXLSX100k's
// job, not a test's.) Skipped with -short.
func TestWriteXLSX100kIssues(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	dir := t.TempDir()
	res := bigResult(t, dir, 100_000)
	out := filepath.Join(dir, "report.xlsx")
	if err := WriteXLSX(out, res, Options{}); err != nil {
		t.Fatal(err)
	}
	// Opening a 100,000-row sheet with excelize takes far longer than
	// writing it, so check the raw XML: the last issue's row is there and
	// the autofilter covers it.
	last := len(res.Issues) + 1
	xml := sheetXML(t, out, SheetIssues)
	if !strings.Contains(xml, fmt.Sprintf(`<row r="%d">`, last)) || strings.Contains(xml, fmt.Sprintf(`<row r="%d">`, last+1)) {
		t.Errorf("the Issues sheet does not end at row %d", last)
	}
	if !strings.Contains(xml, fmt.Sprintf(`<autoFilter ref="$A$1:$%s$%d">`, mustCol(len(issueHeaders())), last)) {
		t.Errorf("the autofilter does not cover row %d", last)
	}
	noTempFiles(t, dir)
}

func TestReceiptWithoutInputFile(t *testing.T) {
	dir, in, res := fixture(t)
	data, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	for _, tc := range []struct {
		path, engineSum, want string
	}{
		{"", "", "not applicable (pasted data)"},
		// The fingerprint taken while checking is kept even if the file has gone since.
		{filepath.Join(dir, "moved-away.csv"), res.InputSHA256, hex.EncodeToString(sum[:])},
		// A result without one (made by other code) falls back to reading the file again.
		{filepath.Join(dir, "moved-away.csv"), "", "not available: the file could not be read again"},
	} {
		r := *res
		r.Info.Path = tc.path
		r.InputSHA256 = tc.engineSum
		out := filepath.Join(dir, "report.xlsx")
		if err := WriteXLSX(out, &r, Options{}); err != nil {
			t.Fatal(err)
		}
		f := openXLSX(t, out)
		rows, _ := f.GetRows(SheetSummary)
		i := slices.IndexFunc(rows, func(r []string) bool { return len(r) > 1 && r[0] == "SHA-256 fingerprint of the file" })
		if i < 0 || !strings.HasPrefix(rows[i][1], tc.want) {
			t.Errorf("input %q: fingerprint line = %q, want %q", tc.path, rows[i], tc.want)
		}
	}
}

// Every sheet prints well: landscape, fitted to one page wide, the header
// row repeated on each page (sheets with a header row), and the checked
// file's name and the date in the footer. Also on Issues sheets written
// with the stream writer, and on the continuation sheets.
func TestWriteXLSXPrintsWell(t *testing.T) {
	dir, _, res := fixture(t)
	old := maxIssuesPerSheet
	maxIssuesPerSheet = 3
	defer func() { maxIssuesPerSheet = old }()
	out := filepath.Join(dir, "report.xlsx")
	if err := WriteXLSX(out, res, Options{Now: func() time.Time { return fixedNow }}); err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, out)
	titles := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles[dn.Scope] = dn.RefersTo
		}
	}
	sheets := f.GetSheetList()
	if len(sheets) < 5 {
		t.Fatalf("sheets %v: want issues over several sheets", sheets)
	}
	for _, sheet := range sheets {
		pl, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 ||
			pl.FitToHeight == nil || *pl.FitToHeight != 0 {
			t.Errorf("%s: page layout %+v, want landscape, 1 page wide", sheet, pl)
		}
		props, err := f.GetSheetProps(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: fit to page is off, so the fit is ignored", sheet)
		}
		hf, err := f.GetHeaderFooter(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if hf == nil || !strings.Contains(hf.OddFooter, res.Info.Name) || !strings.Contains(hf.OddFooter, fixedNow.Format("2 January 2006")) ||
			!strings.Contains(hf.OddFooter, "&P") {
			t.Errorf("%s: footer %+v, want the file name, date and page number", sheet, hf)
		}
		want := "'" + sheet + "'!$1:$1"
		if sheet == SheetSummary {
			want = ""
		}
		if titles[sheet] != want {
			t.Errorf("%s: print titles %q, want %q", sheet, titles[sheet], want)
		}
	}
	if got := printFooter("A&B.csv", fixedNow); !strings.Contains(got, "A&&B.csv") {
		t.Errorf("footer %q does not escape &", got)
	}
}
