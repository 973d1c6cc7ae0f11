// Package report writes the results of a Client Level Data check as files a
// council data officer can keep, filter and hand to colleagues: an Excel
// workbook (WriteXLSX), a CSV of issues (WriteIssuesCSV) and a
// self-contained HTML page (WriteHTML).
//
// Personal data (NHS Numbers, names, dates of birth, postcodes) is masked in
// every output unless Options.IncludePersonalData is set. Every writer saves
// to a temporary file in the target folder and renames it into place, so a
// failed save never leaves a half-written report, and refuses to save over
// the file that was checked.
package report

import (
	"fmt"
	"math"
	"strings"
	"time"

	"cldvalidator/measures"
	"cldvalidator/validation"
)

// Options control what a report contains.
type Options struct {
	// IncludePersonalData writes personal values (NHS Numbers, names,
	// dates of birth, postcodes) as they are in the file. When false (the
	// default) they are masked.
	IncludePersonalData bool
	// Now gives the time printed on the receipt (default time.Now).
	Now func() time.Time
	// Measures are the SALT and ASCOF figures worked out from the check,
	// written as a Measures sheet and a sheet per table; when nil they are
	// worked out while writing, unless NoMeasures is set.
	Measures   *measures.Report
	NoMeasures bool
}

func (o Options) mask() bool { return !o.IncludePersonalData }

func (o Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

// reportColumns are the issue columns of the Issues sheet and the issues
// CSV (validation.IssueColumns with an Excel width), in that order.
var reportColumns = validation.IssueColumnsWhere(func(c *validation.IssueColumn) bool { return c.Excel > 0 })

// issueHeaders are the headings of reportColumns.
func issueHeaders() []string {
	h := make([]string, len(reportColumns))
	for i, c := range reportColumns {
		h[i] = c.Heading
	}
	return h
}

// issueLine is one issue written in reportColumns.
type issueLine []string

// render writes an issue in reportColumns.
func render(res *validation.Result, is validation.Issue, mask bool) issueLine {
	l := make(issueLine, len(reportColumns))
	for i, c := range reportColumns {
		l[i] = c.Text(res, is, mask)
	}
	return l
}

// periodLines are the stated and derived reporting periods, as label and
// text, for the summaries.
func periodLines(p validation.PeriodSummary) [][2]string {
	stated := p.Stated
	if stated == "" {
		stated = "none (the period columns are blank or missing)"
	}
	derived := p.Derived
	switch {
	case p.DerivedIsStated:
		derived += " (DHSC uses the stated period for this council)"
	case derived == "" && p.DerivedWhy != "":
		derived = "none: " + p.DerivedWhy
	case derived == "":
		derived = "none"
	case p.DerivedGaps:
		derived += " (a month inside it has too few end dates of some event type; DHSC allows one such month but flags it)"
	}
	return [][2]string{{"Stated on the rows", stated}, {"DHSC would derive from the data", derived}}
}

// verdict is the one-line answer users look for first.
func verdict(res *validation.Result) string { return res.Verdict() }

func personalDataLine(opts Options) string {
	if opts.IncludePersonalData {
		return "Included — this report shows NHS Numbers, names, dates of birth and death and postcodes as they are in the file. Store and share it as personal data."
	}
	return "Masked — NHS Numbers, names, dates of birth and death and postcodes are partly hidden (e.g. *******918, A***, **/**/1950, SW1A ***)."
}

func releaseLine(res *validation.Result) string {
	s := res.Spec
	name := string(s.Release)
	switch s.Release {
	case validation.R1:
		name = "Release 1"
	case validation.R2:
		name = "Release 2"
	}
	return fmt.Sprintf("CLD %s (rule set %s)", name, s.Version)
}

func formatLine(res *validation.Result) string {
	f := strings.ToUpper(res.Info.Format)
	if res.Info.Encoding != "" {
		f += ", " + res.Info.Encoding
	}
	return f
}

func timeLine(t time.Time) string {
	return t.Format("2 January 2006 15:04:05 MST")
}

func durationLine(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return fmt.Sprintf("%.1f seconds", d.Seconds())
}

// sizeLine describes a file size for people: "2.4 MB (2,412,331 bytes)".
func sizeLine(n int64) string {
	b := validation.Commas(int(n)) + " bytes"
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB (%s)", float64(n)/(1<<30), b)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB (%s)", float64(n)/(1<<20), b)
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB (%s)", float64(n)/(1<<10), b)
	}
	return b
}

// completeShare is FieldQuality.Complete rounded down to 0.1%, so a field
// with one bad row in 10,000 never shows as 100.0%.
func completeShare(fq validation.FieldQuality) float64 {
	return math.Floor(fq.Complete()*1000) / 1000
}

// validityTotals sums a field's counts over the statuses.
func validityTotals(fq validation.FieldQuality) [4]int {
	var t [4]int
	for s := range fq.Counts {
		for v := range fq.Counts[s] {
			t[v] += fq.Counts[s][v]
		}
	}
	return t
}

// columnsAffected lists a rule's columns by count: "Gender (3), Ethnicity (1)".
func columnsAffected(rc validation.RuleCount) string {
	type kv struct {
		k string
		v int
	}
	var l []kv
	for k, v := range rc.ByColumn {
		l = append(l, kv{k, v})
	}
	// Few entries: insertion sort by count, then name.
	for i := 1; i < len(l); i++ {
		for j := i; j > 0 && (l[j].v > l[j-1].v || (l[j].v == l[j-1].v && l[j].k < l[j-1].k)); j-- {
			l[j], l[j-1] = l[j-1], l[j]
		}
	}
	parts := make([]string, len(l))
	for i, e := range l {
		parts[i] = fmt.Sprintf("%s (%s)", e.k, validation.Commas(e.v))
	}
	return strings.Join(parts, ", ")
}

// invalidValues is the summary's invalid values, masked when asked.
func invalidValues(res *validation.Result, opts Options) []validation.ValueCount {
	if opts.mask() {
		return res.MaskedInvalidValues()
	}
	return res.Summary.InvalidValues
}
