package validation

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// DHSC's derived reporting period (rules.md A1.4; checks.json
// derived_period; central_processing.derived_period). DHSC does not trust
// the period a file states: it works out the months the data really cover
// from monthly counts of request, assessment and service end dates, and
// chooses each quarter's file by the stated or the derived period. The
// computation here follows DHSC's published method step by step, so the
// Summary can show the period DHSC will derive before the file is sent.

// Period types counted, in checks.json order.
const (
	periodRequest = iota
	periodAssessment
	periodService
	numPeriodTypes
)

var periodTypeWords = [numPeriodTypes]string{"requests", "assessments", "services"}

// DerivedPeriod is the period DHSC would derive from a file if it were
// imported today.
type DerivedPeriod struct {
	// Start and End are day numbers (see DateFromDays); valid when OK.
	Start, End int32
	OK         bool
	// Why says, when !OK, why there is no derived period.
	Why string
	// Stated is true when the stated period was used (LA codes for which
	// DHSC's method does not work).
	Stated bool
	// Gaps is true when some event type has an incomplete month between
	// its first and last complete months (DHSC flags these for checking;
	// one such month is tolerated inside a run).
	Gaps bool
	// Totals counts each type's events; Complete names, per month index
	// from FirstMonth, the types allowed in a run (bit per type).
	Totals     [numPeriodTypes]int
	FirstMonth int // year*12 + month-1 of Allowed[0]
	Allowed    []uint8
}

// String writes the period as dd/mm/yyyy to dd/mm/yyyy.
func (d DerivedPeriod) String() string {
	if !d.OK {
		return ""
	}
	return FormatDays(d.Start) + " to " + FormatDays(d.End)
}

// periodRow gives one row's event type (-1: not counted) and Event End
// Date month (year*12 + month-1; -1 blank, -2 not a valid date).
type periodRow func(r int) (typ int, endMonth int32)

// derivePeriod applies DHSC's method to n rows. importMonth is the month
// the file is imported (year*12 + month-1); laCode is the file's LA Code.
func derivePeriod(rules DerivedPeriodRules, n int, row periodRow, importMonth int32, laCode string, stated [2]int32, statedOK bool) DerivedPeriod {
	var d DerivedPeriod
	if slices.Contains(rules.UseStatedPeriod, laCode) {
		d.Stated = true
		if statedOK {
			d.Start, d.End, d.OK = stated[0], stated[1], true
		} else {
			d.Why = "the file has no valid stated period, which DHSC uses for this council"
		}
		return d
	}
	calStart := int32(2020*12 + 3)
	if days, _, ok, real := ParseDate(rules.CalendarStart); ok && real {
		y, m, _ := civilFromDays(days)
		calStart = int32(y*12 + m - 1)
	}
	months := max(0, int(importMonth-calStart)) // calStart .. importMonth-1
	d.FirstMonth = int(calStart)
	d.Allowed = make([]uint8, months)
	counts := d.countEndDates(n, row, calStart, importMonth)
	var missing []string
	for t, n := range d.Totals {
		if n == 0 {
			missing = append(missing, periodTypeWords[t])
		}
	}
	if len(missing) > 0 {
		d.Why = "the file has no " + describeList(missing) + " (DHSC needs requests, assessments and services)"
		return d
	}
	if noMonth := d.allowMonths(rules, counts, slices.Contains(rules.ExemptFromMinCount, laCode)); len(noMonth) > 0 {
		d.Why = fmt.Sprintf("no month has enough %s ending in it (at least %d, and at least %s of the usual monthly number)",
			describeList(noMonth), rules.MinMonthlyCount, percentWords(rules.MinPctOfMedian))
		return d
	}
	start, end, ok := d.latestRun()
	if !ok {
		d.Why = "there is no month in which requests, assessments and services all have enough end dates"
		return d
	}
	sm, em := int(calStart)+start, int(calStart)+end
	d.Start = DaysFromDate(sm/12, sm%12+1, 1)
	d.End = DaysFromDate((em+1)/12, (em+1)%12+1, 1) - 1
	d.OK = true
	return d
}

// countEndDates counts each type's end dates by month (from calStart, up
// to the month before the import month) and its total; open services
// count in their type's total only, other rows without a readable end
// date not at all.
func (d *DerivedPeriod) countEndDates(n int, row periodRow, calStart, importMonth int32) [][]int {
	counts := make([][]int, numPeriodTypes)
	for t := range counts {
		counts[t] = make([]int, len(d.Allowed))
	}
	for r := 0; r < n; r++ {
		t, m := row(r)
		switch {
		case t < 0:
		case m < 0:
			if t == periodService {
				d.Totals[t]++
			}
		case m >= calStart && m < importMonth:
			counts[t][m-calStart]++
			d.Totals[t]++
		}
	}
	return counts
}

// allowMonths marks, per type, the months complete or allowed in a run
// (one incomplete month between two complete ones), notes gaps, and
// returns the types with no such month.
func (d *DerivedPeriod) allowMonths(rules DerivedPeriodRules, counts [][]int, exempt bool) (noMonth []string) {
	medianTotal := median([]float64{float64(d.Totals[0]), float64(d.Totals[1]), float64(d.Totals[2])})
	for t := 0; t < numPeriodTypes; t++ {
		var filled []float64
		for _, c := range counts[t] {
			if c > 0 {
				filled = append(filled, float64(c))
			}
		}
		medMonth := median(filled)
		bigEnough := float64(d.Totals[t]) >= medianTotal*rules.MinPctOfMedianTypeTotal/100
		complete := make([]bool, len(counts[t]))
		first, last := -1, -1
		for k, c := range counts[t] {
			complete[k] = bigEnough && (c >= rules.MinMonthlyCount || exempt) &&
				medMonth > 0 && 100*float64(c)/medMonth >= rules.MinPctOfMedian
			if complete[k] {
				if first < 0 {
					first = k
				}
				last = k
			}
		}
		any := false
		for k := range complete {
			if complete[k] || (k > 0 && k+1 < len(complete) && complete[k-1] && complete[k+1]) {
				d.Allowed[k] |= 1 << t
				any = true
			}
			if first >= 0 && k > first && k < last && !complete[k] {
				d.Gaps = true
			}
		}
		if !any {
			noMonth = append(noMonth, periodTypeWords[t])
		}
	}
	return noMonth
}

// latestRun is the latest run of months allowed for all three types, as
// month indexes.
func (d *DerivedPeriod) latestRun() (start, end int, ok bool) {
	all := uint8(1<<numPeriodTypes - 1)
	end = len(d.Allowed) - 1
	for end >= 0 && d.Allowed[end] != all {
		end--
	}
	if end < 0 {
		return 0, 0, false
	}
	start = end
	for start > 0 && d.Allowed[start-1] == all {
		start--
	}
	return start, end, true
}

// median is the continuous median (the mean of the middle two of an even
// count), 0 for no values.
func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func percentWords(p float64) string {
	switch p {
	case 20:
		return "a fifth"
	case 25:
		return "a quarter"
	case 50:
		return "half"
	}
	return strconv.FormatFloat(p, 'f', -1, 64) + "%"
}

// monthName writes year*12 + month-1 as "April 2024".
func monthName(m int) string {
	return time.Month(m%12+1).String() + " " + strconv.Itoa(m/12)
}

// monthSpans writes a sorted list of months as spans: "April 2024 to May
// 2024 and March 2025".
func monthSpans(ms []int) string {
	var parts []string
	for i := 0; i < len(ms); {
		j := i
		for j+1 < len(ms) && ms[j+1] == ms[j]+1 {
			j++
		}
		if i == j {
			parts = append(parts, monthName(ms[i]))
		} else {
			parts = append(parts, monthName(ms[i])+" to "+monthName(ms[j]))
		}
		i = j + 1
	}
	return describeAnd(parts)
}

// periodTypes gives each value of the Event Type column its period type,
// read by prefix as DHSC does ("Request%", "Assessment%", "Service%").
func (e *engine) periodTypes() []int8 {
	cs := e.field.event.cs
	if cs == nil {
		return nil
	}
	var prefixes []string
	for _, t := range e.spec.Checks.DerivedPeriod.EventTypes {
		prefixes = append(prefixes, NormalizeValue(t))
	}
	out := make([]int8, len(cs.vals))
	for id, v := range cs.vals {
		out[id] = -1
		n := NormalizeValue(v)
		for t, p := range prefixes {
			if p != "" && strings.HasPrefix(n, p) {
				out[id] = int8(t)
				break
			}
		}
	}
	return out
}

// derivedPeriod computes the period DHSC would derive from this file if
// it were imported today.
func (e *engine) derivedPeriod(stated [2]int32, statedOK bool) DerivedPeriod {
	types := e.periodTypes()
	eventEnd := e.field.eventEnd
	months := monthsOf(eventEnd.cs)
	row := func(r int) (int, int32) {
		if types == nil {
			return -1, -1
		}
		t := int(types[e.field.event.cs.col.ids.at(r)])
		if t < 0 || eventEnd.cs == nil {
			return t, -1
		}
		id := eventEnd.cs.col.ids.at(r)
		if eventEnd.cs.info[id].blank() {
			return t, -1
		}
		return t, months[id] // -1 when not a valid date
	}
	y, m, _ := civilFromDays(e.today)
	la := ""
	if c := e.field.laCode.cs; c != nil && e.table.Len() > 0 {
		la = strings.TrimSpace(e.modalValue(e.field.laCode))
	}
	return derivePeriod(e.spec.Checks.DerivedPeriod, e.table.Len(), row, int32(y*12+m-1), la, stated, statedOK)
}

// modalValue is a column's commonest non-blank value.
func (e *engine) modalValue(f fieldRef) string {
	if f.cs == nil {
		return ""
	}
	counts := f.cs.col.Counts()
	best, bestN := uint32(0), int32(0)
	for id, c := range counts {
		if c > bestN && !f.cs.info[id].blank() {
			best, bestN = uint32(id), c
		}
	}
	if bestN == 0 {
		return ""
	}
	return f.cs.col.Value(best)
}

// checkDerivedPeriod compares the derived period with the stated one: no
// derived period, or one shorter than the stated period, is a warning.
func (e *engine) checkDerivedPeriod(rs fieldRef, start, end int32, statedOK bool) []Issue {
	d := e.derivedPeriod([2]int32{start, end}, statedOK)
	e.res.derived = d
	switch {
	case !d.OK:
		return []Issue{e.fileLevel(rs, "period-no-derived", d.Why)}
	case !statedOK || d.Stated || (d.Start <= start && d.End >= end):
		return nil
	}
	// Months of the stated period outside the derived one, and the types
	// too thin in them.
	sy, sm, _ := civilFromDays(start)
	ey, em, _ := civilFromDays(end)
	var gaps []int
	thin := uint8(0)
	for m := sy*12 + sm - 1; m <= ey*12+em-1; m++ {
		first := DaysFromDate(m/12, m%12+1, 1)
		last := DaysFromDate((m+1)/12, (m+1)%12+1, 1) - 1
		if first >= d.Start && last <= d.End {
			continue
		}
		gaps = append(gaps, m)
		if k := m - d.FirstMonth; k >= 0 && k < len(d.Allowed) {
			thin |= ^d.Allowed[k] & (1<<numPeriodTypes - 1)
		} else {
			thin = 1<<numPeriodTypes - 1
		}
	}
	var words []string
	for t := 0; t < numPeriodTypes; t++ {
		if thin&(1<<t) != 0 {
			words = append(words, periodTypeWords[t])
		}
	}
	detail := fmt.Sprintf("%s, not the stated %s to %s: too few %s end in %s",
		d.String(), FormatDays(start), FormatDays(end), describeList(words), monthSpans(gaps))
	return []Issue{e.fileLevel(rs, "period-not-filled", detail)}
}
