package report

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"cldvalidator/compare"
)

// valueExtent is the range spanned by a worksheet's cells that hold a
// value, computed from the XML itself.
func valueExtent(xml string) string {
	lastRow, lastCol := 0, 0
	for _, m := range regexp.MustCompile(`<c r="([A-Z]+)(\d+)"[^>]*>(?:<v>|<is>)`).FindAllStringSubmatch(xml, -1) {
		col, _ := excelize.ColumnNameToNumber(m[1])
		row, _ := strconv.Atoi(m[2])
		lastRow, lastCol = max(lastRow, row), max(lastCol, col)
	}
	last, _ := excelize.CoordinatesToCellName(lastCol, lastRow)
	return "A1:" + last
}

// Every workbook we write declares the range its cells use; excelize left
// "A1", so openpyxl's read-only mode saw one row.
func TestWorkbooksDeclareTheirRange(t *testing.T) {
	dir, input, res := fixture(t)
	report := filepath.Join(dir, "report.xlsx")
	if err := WriteXLSX(report, res, Options{}); err != nil {
		t.Fatal(err)
	}
	b := baseRow()
	newer := writeCSV(t, t.TempDir(), []map[string]string{b, with(b, "Event Reference", "R2", "Gender", "Mael")})
	cmp := filepath.Join(dir, "comparison.xlsx")
	if err := WriteComparisonXLSX(cmp, compare.Compare(res, validate(t, newer), true), []string{input, newer}); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{report, cmp} {
		f := openXLSX(t, path)
		for _, sheet := range f.GetSheetList() {
			xml := sheetXML(t, path, sheet)
			m := regexp.MustCompile(`<dimension ref="([^"]+)"`).FindStringSubmatch(xml)
			want := valueExtent(xml)
			if m == nil || m[1] != want {
				t.Errorf("%s, sheet %s: declares %v, its cells span %s", filepath.Base(path), sheet, m, want)
			}
		}
	}
}

// A warning that may make the verdict wrong is shown with the verdict in
// the Excel report and the HTML summary, and the verdict no longer says
// "ready to submit".
func TestCaveatsBesideTheVerdict(t *testing.T) {
	dir := t.TempDir()
	b := baseRow()
	input := writeCSV(t, dir, []map[string]string{b})
	data, _ := os.ReadFile(input)
	os.WriteFile(input, append(data, make([]byte, 4096)...), 0o644) // an export that stopped early
	res := validate(t, input)
	if len(res.Caveats()) != 1 || res.Summary.Errors != 0 {
		t.Fatalf("caveats %q, errors %d", res.Caveats(), res.Summary.Errors)
	}
	caveat := res.Caveats()[0]
	out := filepath.Join(dir, "report.xlsx")
	if err := WriteXLSX(out, res, Options{}); err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, out)
	if v := cell(t, f, SheetSummary, "A2"); strings.Contains(v, "ready to submit") || !strings.Contains(v, "read the warning") {
		t.Errorf("verdict %q", v)
	}
	if v := cell(t, f, SheetSummary, "A3"); v != "WARNING: "+caveat {
		t.Errorf("under the verdict: %q", v)
	}
	page := filepath.Join(dir, "summary.html")
	if err := WriteHTML(page, res, Options{}); err != nil {
		t.Fatal(err)
	}
	html, _ := os.ReadFile(page)
	if !strings.Contains(string(html), `<p class="caveat"><b>Warning:</b> The file ends with 4,096 zero (NUL) bytes`) {
		t.Errorf("the HTML page does not show the warning with the verdict")
	}
}
