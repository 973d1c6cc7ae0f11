package validation

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"cldvalidator/reader"
)

// Worked examples of DHSC's derived reporting period (checks.json
// derived_period, after DHSC-RPV2). Months are year*12 + month-1.

type periodEvent struct {
	typ   int
	month int32 // -1: no end date
}

func ym(y, m int) int32 { return int32(y*12 + m - 1) }

// monthly gives n events of a type ending in each month from..to.
func monthly(typ int, n int, from, to int32) []periodEvent {
	var out []periodEvent
	for m := from; m <= to; m++ {
		for i := 0; i < n; i++ {
			out = append(out, periodEvent{typ, m})
		}
	}
	return out
}

func derive(t *testing.T, events []periodEvent, importMonth int32, la string) DerivedPeriod {
	t.Helper()
	s, _ := LoadSpec(R1)
	stated := [2]int32{DaysFromDate(2024, 4, 1), DaysFromDate(2025, 3, 31)}
	return derivePeriod(s.Checks.DerivedPeriod, len(events), func(r int) (int, int32) {
		return events[r].typ, events[r].month
	}, importMonth, la, stated, true)
}

func fullYear(n int) []periodEvent {
	var ev []periodEvent
	for typ := 0; typ < numPeriodTypes; typ++ {
		ev = append(ev, monthly(typ, n, ym(2024, 4), ym(2025, 3))...)
	}
	return ev
}

func wantPeriod(t *testing.T, d DerivedPeriod, want string) {
	t.Helper()
	if d.String() != want {
		t.Fatalf("derived period %q (why: %q), want %q", d.String(), d.Why, want)
	}
}

func TestDerivedPeriodFullYear(t *testing.T) {
	d := derive(t, fullYear(30), ym(2025, 6), "503")
	wantPeriod(t, d, "01/04/2024 to 31/03/2025")
	if d.Gaps || d.Totals != [3]int{360, 360, 360} {
		t.Fatalf("%+v", d)
	}
	// Events ending in or after the import month are not counted: imported
	// in March 2025, the period ends in February.
	wantPeriod(t, derive(t, fullYear(30), ym(2025, 3), "503"), "01/04/2024 to 28/02/2025")
}

func TestDerivedPeriodMissingType(t *testing.T) {
	var ev []periodEvent
	ev = append(ev, monthly(periodRequest, 30, ym(2024, 4), ym(2025, 3))...)
	ev = append(ev, monthly(periodService, 30, ym(2024, 4), ym(2025, 3))...)
	d := derive(t, ev, ym(2025, 6), "503")
	wantPeriod(t, d, "")
	mustContain(t, d.Why, "no assessments")
	// Open services count in the services' total: a file of requests,
	// assessments and only open services has all three types, but no
	// month with service end dates.
	ev = append(monthly(periodAssessment, 30, ym(2024, 4), ym(2025, 3)), monthly(periodRequest, 30, ym(2024, 4), ym(2025, 3))...)
	ev = append(ev, monthly(periodService, 30, -1, -1)...)
	d = derive(t, ev, ym(2025, 6), "503")
	wantPeriod(t, d, "")
	mustContain(t, d.Why, "no month has enough services ending in it")
}

func TestDerivedPeriodGaps(t *testing.T) {
	// Services have no end dates in August 2024: one month between two
	// complete ones is tolerated, and flagged.
	var ev []periodEvent
	for _, e := range fullYear(30) {
		if !(e.typ == periodService && e.month == ym(2024, 8)) {
			ev = append(ev, e)
		}
	}
	d := derive(t, ev, ym(2025, 6), "503")
	wantPeriod(t, d, "01/04/2024 to 31/03/2025")
	if !d.Gaps {
		t.Fatal("a tolerated gap is still flagged")
	}
	// Two months without: the run breaks, and the latest run counts.
	var ev2 []periodEvent
	for _, e := range ev {
		if !(e.typ == periodService && e.month == ym(2024, 9)) {
			ev2 = append(ev2, e)
		}
	}
	wantPeriod(t, derive(t, ev2, ym(2025, 6), "503"), "01/10/2024 to 31/03/2025")
}

func TestDerivedPeriodThresholds(t *testing.T) {
	// 9 end dates a month is under the minimum of 10...
	d := derive(t, fullYear(9), ym(2025, 6), "503")
	wantPeriod(t, d, "")
	mustContain(t, d.Why, "at least 10")
	// ...except for the City of London (714), which has few events.
	wantPeriod(t, derive(t, fullYear(9), ym(2025, 6), "714"), "01/04/2024 to 31/03/2025")
	// 10 is enough.
	wantPeriod(t, derive(t, fullYear(10), ym(2025, 6), "503"), "01/04/2024 to 31/03/2025")

	// A month needs a fifth of the type's median month: requests run at
	// 100 a month; March 2025 has 19 (under 20) and is not complete, and
	// as the last month it is not between two complete ones.
	var ev []periodEvent
	for _, e := range fullYear(100) {
		if !(e.typ == periodRequest && e.month == ym(2025, 3)) {
			ev = append(ev, e)
		}
	}
	withMarch := append(append([]periodEvent(nil), ev...), monthly(periodRequest, 19, ym(2025, 3), ym(2025, 3))...)
	wantPeriod(t, derive(t, withMarch, ym(2025, 6), "503"), "01/04/2024 to 28/02/2025")
	withMarch = append(append([]periodEvent(nil), ev...), monthly(periodRequest, 20, ym(2025, 3), ym(2025, 3))...)
	wantPeriod(t, derive(t, withMarch, ym(2025, 6), "503"), "01/04/2024 to 31/03/2025")

	// A type needs 5% of the median type total: 1,200 requests and
	// assessments, and 59 services (under 60) count as no services.
	ev = append(monthly(periodRequest, 100, ym(2024, 4), ym(2025, 3)), monthly(periodAssessment, 100, ym(2024, 4), ym(2025, 3))...)
	few := append(append([]periodEvent(nil), ev...), monthly(periodService, 59, ym(2025, 1), ym(2025, 1))...)
	wantPeriod(t, derive(t, few, ym(2025, 6), "503"), "")
	enough := append(append([]periodEvent(nil), ev...), monthly(periodService, 60, ym(2025, 1), ym(2025, 1))...)
	wantPeriod(t, derive(t, enough, ym(2025, 6), "503"), "01/01/2025 to 31/01/2025")
}

func TestDerivedPeriodStatedForScilly(t *testing.T) {
	d := derive(t, nil, ym(2025, 6), "906")
	wantPeriod(t, d, "01/04/2024 to 31/03/2025")
	if !d.Stated {
		t.Fatal("the Isles of Scilly use the stated period")
	}
}

func TestMedian(t *testing.T) {
	for _, c := range []struct {
		in   []float64
		want float64
	}{{nil, 0}, {[]float64{5}, 5}, {[]float64{3, 1, 2}, 2}, {[]float64{4, 1, 3, 2}, 2.5}} {
		if got := median(c.in); got != c.want {
			t.Errorf("median(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

// periodRows makes n requests, assessments and services ending in each
// month from..to (months as y, m), for a 2024/25 file.
func periodRows(n int, fromY, fromM, toY, toM int) []row {
	var rows []row
	k := 0
	for m := fromY*12 + fromM - 1; m <= toY*12+toM-1; m++ {
		d := FormatDays(DaysFromDate(m/12, m%12+1, 10))
		for i := 0; i < n; i++ {
			id := fmt.Sprint("P", k)
			k++
			rows = append(rows,
				baseRequest().with("Event Start Date", d, "Event End Date", d, "LA Person Unique Identifier", id, "NHS Number", ""),
				baseAssessment().with("Event Start Date", d, "Event End Date", d, "LA Person Unique Identifier", id, "NHS Number", ""),
				baseService().with("Event Start Date", "01/01/2024", "Event End Date", d, "Event Outcome", "Service ended as planned",
					"LA Person Unique Identifier", id, "NHS Number", ""))
		}
	}
	return rows
}

func TestPeriodNotFilled(t *testing.T) {
	// Stated 01/04/2024 - 31/03/2025; events end from June to February.
	res := check(t, periodRows(10, 2024, 6, 2025, 2)...)
	msg := expect(t, res, "period-not-filled", 0, "Reporting Period Start Date")
	mustContain(t, msg, "01/06/2024 to 28/02/2025, not the stated 01/04/2024 to 31/03/2025",
		"too few requests, assessments or services end in April 2024 to May 2024 and March 2025", "may use this file only for the months")
	if p := res.Summary.Periods; p.Stated != "01/04/2024 to 31/03/2025" || p.Derived != "01/06/2024 to 28/02/2025" {
		t.Fatalf("summary periods %+v", p)
	}
	expectNone(t, res, "period-no-derived")
	// The whole period filled: nothing to say, and the Summary shows both.
	full := check(t, periodRows(10, 2024, 4, 2025, 3)...)
	expectNone(t, full, "period-not-filled")
	expectNone(t, full, "period-no-derived")
	if p := full.Summary.Periods; p.Derived != p.Stated {
		t.Fatalf("summary periods %+v", p)
	}
}

func TestPeriodNoDerived(t *testing.T) {
	// Requests and services only: DHSC derives no period.
	var rows []row
	for _, r := range periodRows(10, 2024, 4, 2025, 3) {
		if r["Event Type"] != "Assessment" {
			rows = append(rows, r)
		}
	}
	res := check(t, rows...)
	mustContain(t, expect(t, res, "period-no-derived", 0, "Reporting Period Start Date"), "the file has no assessments", "may not use this file")
	if p := res.Summary.Periods; p.Derived != "" || !strings.Contains(p.DerivedWhy, "no assessments") {
		t.Fatalf("summary periods %+v", p)
	}
	expectNone(t, check(t, periodRows(10, 2024, 4, 2025, 3)...), "period-no-derived")
}

// checkOn validates Release 1 rows as if checked on a given day.
func checkOn(t *testing.T, today time.Time, rows ...row) *Result {
	t.Helper()
	src, err := reader.FromText(table(t, r1Headers(t), rows...), ReaderOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	res, err := Validate(context.Background(), src, Options{Release: R1, Workers: 2, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestPeriodNotEnded(t *testing.T) {
	// The period ends on 31/03/2025 (rules.md A1.6).
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 12, 0, 0, 0, time.UTC) }
	mustContain(t, expect(t, checkOn(t, day(2025, 3, 31), baseService()), "period-not-ended", 0, "Reporting Period End Date"), "31/03/2025, which is today or later", "would be ignored")
	expect(t, checkOn(t, day(2025, 2, 1), baseService()), "period-not-ended", 0, "Reporting Period End Date")
	expectNone(t, checkOn(t, day(2025, 4, 1), baseService()), "period-not-ended")
}
