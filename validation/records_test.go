package validation

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// Rules across records and across the file.

func TestDuplicateEvent(t *testing.T) {
	res := check(t, baseService(), baseRequest(), baseService().with("Event Reference", "E2"))
	mustContain(t, expect(t, res, "duplicate-event", 4, "Event Type"), "duplicate of row 2")
	// Every later copy is a duplicate of the first, not of the copy before it.
	res = check(t, baseService(), baseService().with("Event Reference", "E2"), baseService().with("Event Reference", "E3"))
	mustContain(t, expect(t, res, "duplicate-event", 3, "Event Type"), "duplicate of row 2")
	mustContain(t, expect(t, res, "duplicate-event", 4, "Event Type"), "duplicate of row 2")
	// A different component is a separate service line, not a duplicate.
	expectNone(t, check(t, baseService(), baseService().with("Event Reference", "E2", "Service Component", "Equipment")), "duplicate-event")
	// Another person with the same event is not a duplicate.
	expectNone(t, check(t, baseService(), baseService().with("LA Person Unique Identifier", "P2", "NHS Number", "4010232137")), "duplicate-event")
	// Requests on the same day with different routes are different events.
	expectNone(t, check(t, baseRequest(), baseRequest().with("Request: Route of Access", "Prison")), "duplicate-event")
}

func TestPersonConflict(t *testing.T) {
	res := check(t, baseService(), baseRequest(), baseReview().with("Date of Birth", "02/02/1950"))
	msg := expect(t, res, "person-conflict", 4, "Date of Birth")
	mustContain(t, msg, "differs from row 2 ('01/02/1950')", "LA Person Unique Identifier P1")
	// Rows 2 and 3 hold the majority value and are not flagged.
	for _, is := range res.Issues {
		if res.Rule(is).ID == "person-conflict" && res.RowNumber(is) != 4 {
			t.Fatalf("only the odd row out should be flagged:%s", found(res))
		}
	}
	// Same value written differently (case, date padding) is not a conflict.
	expectNone(t, check(t, baseService(), baseRequest().with("Gender", "female", "Date of Birth", "1/2/1950")), "person-conflict")
	// Different people may differ.
	expectNone(t, check(t, baseService(), baseRequest().with("LA Person Unique Identifier", "P2", "NHS Number", "4010232137", "Gender", "Male")), "person-conflict")
	// On a tie, an invalid value is the odd one out, not the valid one.
	res = check(t, baseService().with("NHS Number", "9434765918"), baseRequest())
	expect(t, res, "person-conflict", 2, "NHS Number")
	// An NHS Number that changes between one person's rows.
	expect(t, check(t, baseService(), baseRequest(), baseReview().with("NHS Number", "4010232137")), "person-conflict", 4, "NHS Number")
}

func TestLinkedPersonUnknown(t *testing.T) {
	carer := carerRow().with("LA Person Unique Identifier", "C1", "NHS Number", "6541112223", "Event Reference", "E9", "Adult 1 Linked Person_ID", "P7")
	res := check(t, baseService(), carer)
	mustContain(t, expect(t, res, "linked-person-unknown", 3, "Adult 1 Linked Person_ID"), "'P7'")
	expectNone(t, check(t, baseService(), carer.with("Adult 1 Linked Person_ID", "P1")), "linked-person-unknown")
	// A carer is not a service user, so linking to a carer does not count.
	expect(t, check(t, baseService(), carer.with("Adult 1 Linked Person_ID", "C1")), "linked-person-unknown", 3, "Adult 1 Linked Person_ID")
	// Several rows and columns: a known person with stray spaces is known;
	// every row holding an unknown one is flagged, in whichever column.
	res = check(t, baseService(), baseService().with("LA Person Unique Identifier", "P2", "NHS Number", "4010232137", "Event Reference", "E2"),
		carer.with("Adult 1 Linked Person_ID", " P2 ", "Adult 2 Linked Person_ID", "P9", "No. of adults being cared for", "2"),
		carer.with("Event Reference", "E10", "Adult 1 Linked Person_ID", "P9"))
	expect(t, res, "linked-person-unknown", 4, "Adult 2 Linked Person_ID")
	expect(t, res, "linked-person-unknown", 5, "Adult 1 Linked Person_ID")
	for _, is := range res.Issues {
		if res.Rule(is).ID == "linked-person-unknown" && res.ColumnName(is) == "Adult 1 Linked Person_ID" && res.RowNumber(is) == 4 {
			t.Fatalf("' P2 ' is a known person:%s", found(res))
		}
	}
}

func TestPeriodInconsistent(t *testing.T) {
	res := check(t, baseService(), baseRequest(), baseReview().with("Reporting Period Start Date", "01/07/2024", "Reporting Period End Date", "30/06/2025"))
	mustContain(t, expect(t, res, "period-inconsistent", 4, "Reporting Period Start Date"), "01/04/2024 to 31/03/2025")
	expectNone(t, check(t, baseService(), baseRequest()), "period-inconsistent")
}

func TestPeriodStartAfterEnd(t *testing.T) {
	// The whole file: reported once.
	bad := func(r row) row {
		return r.with("Reporting Period Start Date", "01/04/2025", "Reporting Period End Date", "31/03/2024")
	}
	res := check(t, bad(baseService()), bad(baseRequest()))
	msg := expect(t, res, "period-start-after-end", 0, "Reporting Period Start Date")
	mustContain(t, msg, "01/04/2025 is after Reporting Period End Date 31/03/2024", "on 2 of 2 rows")
	// One odd row: reported on that row.
	res = check(t, baseService(), baseService().with("Event Reference", "E2", "Service Component", "Equipment"), bad(baseRequest()))
	expect(t, res, "period-start-after-end", 4, "Reporting Period Start Date")
	expectNone(t, check(t, baseService()), "period-start-after-end")
}

func TestPeriodShape(t *testing.T) {
	p := func(start, end string) row {
		return baseReview().with("Reporting Period Start Date", start, "Reporting Period End Date", end, "Event Start Date", "01/10/2024", "Event End Date", "05/10/2024")
	}
	mustContain(t, expect(t, check(t, p("15/04/2024", "31/03/2025")), "period-not-quarter", 0, "Reporting Period Start Date"), "15/04/2024 to 31/03/2025")
	mustContain(t, expect(t, check(t, p("01/07/2024", "31/03/2025")), "period-length", 0, "Reporting Period Start Date"), "covers 9 months")
	// 2023/24 files ran from 1 April 2023 to the latest quarter end.
	r2023 := p("01/04/2023", "31/12/2023").with("Event Start Date", "01/10/2023", "Event End Date", "05/10/2023")
	res := check(t, r2023)
	expectNone(t, res, "period-length")
	expectNone(t, res, "period-not-quarter")
	expectClean(t, check(t, p("01/10/2024", "30/09/2025")))
}

func TestLACodeInconsistent(t *testing.T) {
	res := check(t, baseService(), baseRequest(), baseReview().with("LA Code", "504"))
	mustContain(t, expect(t, res, "la-code-inconsistent", 4, "LA Code"), "most rows (503)")
	expectNone(t, check(t, baseService(), baseRequest()), "la-code-inconsistent")
}

func TestColumns(t *testing.T) {
	h := r1Headers(t)
	// A header spelled differently, an unknown column, a duplicate and a missing column.
	hdr := append([]string(nil), h...)
	hdr[26] = "event_start_date"        // Event Start Date
	hdr = append(hdr[:29], hdr[30:]...) // drop Event Outcome
	hdr = append(hdr, "Worker Name", "Gender")
	r := baseService()
	r["event_start_date"] = r["Event Start Date"]
	delete(r, "Event Start Date")
	delete(r, "Event Outcome")
	r["Worker Name"] = "Bob"
	r["Gender"] = "Female"
	res := checkText(t, R1, table(t, hdr, r))
	mustContain(t, expect(t, res, "column-name-variant", 0, "Event Start Date"), "'event_start_date'", "exactly 'Event Start Date'")
	mustContain(t, expect(t, res, "column-unknown", 0, "Worker Name"), "'Worker Name' (column AX)")
	mustContain(t, expect(t, res, "column-duplicate", 0, "Gender"), "columns J, AY")
	mustContain(t, expect(t, res, "column-missing", 0, "Event Outcome"), "'Event Outcome' is missing")
	// Values under the renamed header are still checked.
	if res.Summary.Fields[res.Spec.MustField("Event_Start_Date").Index].Counts[StatusMandatory][ValidityValid] != 1 {
		t.Fatal("values under a variant header must be checked")
	}
	// Column order is free: reversed headers are clean.
	rev := append([]string(nil), h...)
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	expectClean(t, checkText(t, R1, table(t, rev, baseService())))
}

func TestFileNoData(t *testing.T) {
	res := checkText(t, R1, strings.Join(r1Headers(t), "\t")+"\n")
	expect(t, res, "file-no-data", 0, "")
	expectNone(t, check(t, baseService()), "file-no-data")
}

func TestFileNoteAndExtraCells(t *testing.T) {
	text := table(t, r1Headers(t), baseService())
	// A value beyond the last header.
	text = strings.TrimSuffix(text, "\n") + "\tstray\n"
	res := checkText(t, R1, text)
	mustContain(t, expect(t, res, "row-extra-cells", 2, ""), "has 1 value(s) to the right")
	expectNone(t, check(t, baseService()), "row-extra-cells")
	// Semicolon-separated text gets a note on how it was read.
	semi := strings.ReplaceAll(table(t, r1Headers(t), baseService()), "\t", ";")
	mustContain(t, expect(t, checkText(t, R1, semi), "file-note", 0, ""), "semicolons")
	expectNone(t, check(t, baseService()), "file-note")
}

func TestListNoPublishedValues(t *testing.T) {
	res := check(t, baseService().with("Dementia", "Yes"), baseRequest().with("Dementia", "Yes"))
	mustContain(t, expect(t, res, "list-no-published-values", 0, "Dementia"), "'Yes' (2)")
	expectNone(t, check(t, baseService()), "list-no-published-values")
}

// A column whose values are nearly all different stops being looked up
// ("raw"); rules comparing its values across rows must still work.
func TestRawColumnsStillCompareEqualValues(t *testing.T) {
	var rows []row
	for i := 0; i < 20000; i++ {
		rows = append(rows, baseRequest().with("LA Person Unique Identifier", fmt.Sprintf("P%05d", i), "NHS Number", "",
			"Event Reference", fmt.Sprintf("R%05d", i)))
	}
	// Two more rows for person P00007: one the same request (a duplicate),
	// one with a different gender (a conflict).
	rows = append(rows, baseRequest().with("LA Person Unique Identifier", "P00007", "NHS Number", "", "Event Reference", "X1"))
	rows = append(rows, baseReview().with("LA Person Unique Identifier", "P00007", "NHS Number", "", "Gender", "Male", "Event Reference", "X2"))
	res := check(t, rows...)
	col := res.Table.Cols[res.FieldColumn(res.Spec.MustField("LA_Person_Unique_Identifier"))]
	if !col.dict.raw {
		t.Fatal("the identifier column should have gone raw")
	}
	expect(t, res, "duplicate-event", 20002, "Event Type")
	expect(t, res, "person-conflict", 20003, "Gender")
	if res.People != 20000 {
		t.Fatalf("%d people, want 20000", res.People)
	}
}

// The person view's timeline: the same service twice at once, and a long
// gap, are pointed out; a service following another without overlap, or a
// different service at the same time, is not.
func TestTimelineNotes(t *testing.T) {
	req := baseRequest().with("Event Start Date", "01/04/2023", "Event End Date", "10/04/2023", "Event Reference", "R1")
	svcA := baseService().with("Event Start Date", "01/01/2024", "Event End Date", "", "Event Reference", "S1")
	svcB := baseService().with("Event Start Date", "01/03/2024", "Event Reference", "S2") // same service, A still open
	other := baseService().with("Event Start Date", "01/03/2024", "Event Reference", "S3",
		"Service Type", "Long Term Support: Residential Care", "Service Component", "Long Term Residential Care")
	res := check(t, req, svcA, svcB, other)
	rows := res.PersonRows(0)
	if len(rows) != 4 {
		t.Fatalf("person rows %v", rows)
	}
	notes := res.TimelineNotes(rows)
	byRow := map[int][]string{}
	for i, r := range rows {
		byRow[int(res.Table.RowNum[r])] = notes[i]
	}
	if n := byRow[3]; len(n) != 1 || !strings.Contains(n[0], "About 9 months after all this person's earlier events had ended (last on 10/04/2023)") {
		t.Errorf("gap note on the first service: %q", n)
	}
	if n := byRow[4]; len(n) != 1 || !strings.Contains(n[0], "same service on row 3 (from 01/01/2024)") {
		t.Errorf("overlap note on the second service: %q", n)
	}
	if n := byRow[2]; len(n) != 0 {
		t.Errorf("the first event has nothing before it: %q", n)
	}
	if n := byRow[5]; len(n) != 0 {
		t.Errorf("a different service at the same time is not noted: %q", n)
	}

	// One service after another has ended, within six months: nothing to say.
	first := baseService().with("Event Start Date", "01/01/2024", "Event End Date", "31/01/2024", "Event Outcome", "Service ended as planned", "Event Reference", "S1")
	second := baseService().with("Event Start Date", "01/02/2024", "Event Reference", "S2")
	res = check(t, first, second)
	for i, n := range res.TimelineNotes(res.PersonRows(0)) {
		if len(n) != 0 {
			t.Errorf("row %d: %q", i, n)
		}
	}
}

// sortHashed sorts exactly as slices.Sort does, for keys spread evenly
// (hashes) and for keys crowded into a few buckets.
func TestSortHashed(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{0, 1, 100, 1 << 14, 200000} {
		for _, crowded := range []bool{false, true} {
			keys := make([]uint64, n)
			for i := range keys {
				keys[i] = r.Uint64()
				if crowded {
					keys[i] = keys[i]>>60<<48 | keys[i]&0xFFFF // a few top-16-bit buckets, many equal keys
				}
			}
			want := slices.Clone(keys)
			slices.Sort(want)
			if got := sortHashed(keys); !slices.Equal(got, want) {
				t.Fatalf("n=%d crowded=%v: not sorted like slices.Sort", n, crowded)
			}
		}
	}
}

// Issues are in row order, file-level ones first, whatever check raised
// them (IssuesForRow relies on it).
func TestIssuesSortedByRow(t *testing.T) {
	res := checkText(t, "", table(t, r1Headers(t), baseService().with("Gender", "Femail", "Autism Spectrum Disorder (ASD)", "Yes"), baseRequest(),
		toR2(t, baseReview()).with("Review Reason", "Review of short term support").without("Review Outcomes Achieved")))
	expect(t, res, "release-mixed", 0, "")
	expect(t, res, "list-no-published-values", 0, "Autism Spectrum Disorder (ASD)")
	for i := 1; i < len(res.Issues); i++ {
		if res.Issues[i].Row < res.Issues[i-1].Row {
			t.Fatalf("issue %d (row %d) after row %d:%s", i, res.Issues[i].Row, res.Issues[i-1].Row, found(res))
		}
	}
	if got := res.IssuesForRow(0); len(got) == 0 || res.Rule(got[0]).ID != "list-invalid" {
		t.Fatalf("IssuesForRow(0) = %v", got)
	}
}
