package measures

import (
	"context"
	"encoding/csv"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"cldvalidator/reader"
	"cldvalidator/validation"
)

// The tests check each measure on a small hand-made file in testdata/
// whose expected figures were worked out by hand from the published method
// (the working is in the .md file of the same name). The files give only
// the columns that matter to the measure, plus "Person" (a label that
// becomes the LA Person Unique Identifier and a valid NHS Number); the
// harness fills every other template column with valid values, so the
// check is clean except where a test means it not to be. "(blank)" leaves a
// cell empty.

// defaults are the values of a complete, valid row (Release 1, 2024/25).
var defaults = map[string]string{
	"LA Code": "503", "Reporting Period Start Date": "01/04/2024", "Reporting Period End Date": "31/03/2025",
	"First Name": "Ann", "Last Name": "Smith", "GP Practice Name": "High Street Surgery", "GP Practice Code": "A81001",
	"Gender": "Female", "Ethnicity": "White - Irish", "Date of Birth": "15/06/1950", "Client Type": "Service User",
	"Primary Support Reason": "Mental Health Support", "Postcode": "SW1A 1AA", "Accommodation Status": "Tenant",
	"Employment Status": "Unknown", "Has Unpaid Carer": "No", "Client Funding Status": "Fully Social Care Funded",
}

// eventDefaults fill the event fields by event type.
func eventDefaults(row map[string]string) {
	set := func(k, v string) {
		if _, ok := row[k]; !ok {
			row[k] = v
		}
	}
	switch row["Event Type"] {
	case "Service":
		st := row["Service Type"]
		comp := map[string]string{
			"Long Term Support: Community": "Home Support", "Long Term Support: Nursing Care": "Long Term Nursing Care",
			"Long Term Support: Residential Care": "Long Term Residential Care", "Long Term Support: Prison": "Other Long Term Support",
			"Short Term Support: ST-Max": "Reablement", "Short Term Support: Ongoing Low Level": "Equipment",
			"Short Term Support: Other Short Term": "Other Short Term Support", "Carer Support: Direct to Carer": "Carer Respite",
			"Carer Support: Support involving the person cared-for": "Carer Sitting Service",
		}[st]
		if comp == "" {
			comp = "Home Support"
		}
		set("Service Component", comp)
		if strings.HasPrefix(st, "Long Term Support: Community") {
			set("Delivery Mechanism", "CASSR Commissioned Support")
		}
		if row["Event End Date"] == "" || row["Event End Date"] == "(blank)" {
			set("Event Outcome", "Provision of service")
		} else {
			set("Event Outcome", "Service ended as planned")
		}
		set("Unit Cost", "100")
		set("Cost Frequency (Unit Type)", "Weekly")
		set("Planned units per week", "1")
	case "Request":
		set("Request: Route of Access", "Community / Other route")
		set("Event Outcome", "Progress to Assessment")
		set("Event End Date", row["Event Start Date"])
	case "Assessment":
		set("Assessment Type", "Long Term Assessment")
		set("Method of Assessment", "Service user only")
		set("Event Outcome", "Progress to Support Planning / Services")
		set("Event End Date", row["Event Start Date"])
	case "Review":
		set("Review Reason", "Planned")
		set("Review Outcomes Achieved", "Fully Met")
		set("Method of Review", "Service user only")
		set("Event Outcome", "No change in package")
		set("Event End Date", row["Event Start Date"])
	}
}

// nhsFor is a valid NHS Number made from a label.
func nhsFor(label string) string {
	h := fnv.New64a()
	h.Write([]byte(label))
	n := h.Sum64()
	for {
		d := fmt.Sprintf("%09d", 400000000+n%500000000)
		sum := 0
		for i := 0; i < 9; i++ {
			sum += int(d[i]-'0') * (10 - i)
		}
		c := 11 - sum%11
		if c == 11 {
			c = 0
		}
		if c != 10 {
			return d + fmt.Sprint(c)
		}
		n++
	}
}

// load reads a compact test file and expands it into a full Release 1
// file (tab-separated text).
func load(t *testing.T, name string) string {
	t.Helper()
	fh, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	cr := csv.NewReader(fh)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	spec, err := validation.LoadSpec(validation.R1)
	if err != nil {
		t.Fatal(err)
	}
	headers := spec.Headers()
	head := recs[0]
	for _, h := range head {
		if h != "Person" && !slices.Contains(headers, h) {
			t.Fatalf("%s: unknown column %q", name, h)
		}
	}
	var b strings.Builder
	b.WriteString(strings.Join(headers, "\t") + "\n")
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, h := range head {
			if i < len(rec) && strings.TrimSpace(rec[i]) != "" {
				row[h] = strings.TrimSpace(rec[i])
			}
		}
		if p := row["Person"]; p != "" {
			if _, ok := row["LA Person Unique Identifier"]; !ok {
				row["LA Person Unique Identifier"] = p
			}
			if _, ok := row["NHS Number"]; !ok {
				row["NHS Number"] = nhsFor(p)
			}
		}
		if row["Client Type"] == "Carer" || row["Client Type"] == "Carer known by association" {
			row["Has Unpaid Carer"] = "(blank)"
		}
		for k, v := range defaults {
			if _, ok := row[k]; !ok {
				row[k] = v
			}
		}
		eventDefaults(row)
		cells := make([]string, len(headers))
		for i, h := range headers {
			v := row[h]
			if v == "(blank)" {
				v = ""
			}
			cells[i] = v
		}
		b.WriteString(strings.Join(cells, "\t") + "\n")
	}
	return b.String()
}

// compute checks a test file and works out the measures.
func compute(t *testing.T, name string) (*validation.Result, *Report) {
	t.Helper()
	src, err := reader.FromText(load(t, name), validation.ReaderOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	res, err := validation.Validate(context.Background(), src, validation.Options{Release: validation.R1, Workers: 2,
		Today: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Compute(res)
	if err != nil {
		t.Fatal(err)
	}
	return res, rep
}

// table finds a table of a measure.
func table(t *testing.T, rep *Report, measure, id string) *Table {
	t.Helper()
	m := rep.Measure(measure)
	if m == nil {
		t.Fatalf("no measure %s", measure)
	}
	tb := m.Table(id)
	if tb == nil {
		t.Fatalf("%s has no table %s", measure, id)
	}
	return tb
}

// want checks cells of a table: each entry is "row label | column label = n".
// Every cell not listed must be 0.
func want(t *testing.T, tb *Table, cells ...string) {
	t.Helper()
	expected := map[[2]int]int{}
	for _, c := range cells {
		lhs, n, ok := strings.Cut(c, "=")
		if !ok {
			t.Fatalf("bad cell %q", c)
		}
		rl, cl, ok := strings.Cut(lhs, "|")
		if !ok {
			t.Fatalf("bad cell %q", c)
		}
		r := slices.Index(tb.Rows, strings.TrimSpace(rl))
		col := slices.Index(tb.Cols, strings.TrimSpace(cl))
		if r < 0 || col < 0 {
			t.Fatalf("%s: no cell %q (rows %q, columns %q)", tb.ID, lhs, tb.Rows, tb.Cols)
		}
		var v int
		fmt.Sscan(strings.TrimSpace(n), &v)
		expected[[2]int{r, col}] = v
	}
	for r := range tb.Rows {
		for c := range tb.Cols {
			if got, exp := tb.Counts[r][c], expected[[2]int{r, c}]; got != exp {
				t.Errorf("%s: %q × %q = %d, want %d", tb.ID, tb.Rows[r], tb.Cols[c], got, exp)
			}
		}
	}
}

// left counts the rows a table left out for a reason (and, when detail is
// not "", whose detail contains it).
func left(tb *Table, reason Reason, detail string) int {
	n := 0
	for _, e := range tb.Exclusions {
		if e.Reason == reason && (detail == "" || strings.Contains(e.Detail, detail)) {
			n += len(e.Rows)
		}
	}
	return n
}

// wantLeft checks a table's exclusion counts by reason (every reason not
// listed must be 0).
func wantLeft(t *testing.T, tb *Table, counts map[Reason]int) {
	t.Helper()
	for _, r := range []Reason{ReasonInvalid, ReasonPeriod, ReasonDuplicate, ReasonNoPerson, ReasonNoAge, ReasonAge, ReasonCohort} {
		if got := left(tb, r, ""); got != counts[r] {
			t.Errorf("%s: %d rows left out for %q, want %d%s", tb.ID, got, r, counts[r], describeLeft(tb))
		}
	}
}

func describeLeft(tb *Table) string {
	var b strings.Builder
	for _, e := range tb.Exclusions {
		fmt.Fprintf(&b, "\n    %s: %s (%d rows: %v)", e.Reason, e.Detail, len(e.Rows), e.Rows)
	}
	return b.String()
}

// rowsOf is the spreadsheet rows behind a cell.
func rowsOf(rep *Report, tb *Table, rowLabel, colLabel string) []int {
	r, c := slices.Index(tb.Rows, rowLabel), slices.Index(tb.Cols, colLabel)
	var out []int
	for _, e := range tb.Entries(r, c) {
		for _, row := range e.Rows {
			out = append(out, rep.RowNumber(row))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
