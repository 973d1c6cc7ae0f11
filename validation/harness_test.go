package validation

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"cldvalidator/reader"
)

// row is one data row given as header → value over a valid base row.
type row map[string]string

// baseService is a valid, complete service row for a service user: every
// check passes on it, so a test changes one thing and sees one issue.
func baseService() row {
	return row{
		"LA Code": "503", "Reporting Period Start Date": "01/04/2024", "Reporting Period End Date": "31/03/2025",
		"NHS Number": "9434765919", "LA Person Unique Identifier": "P1", "First Name": "Ann", "Last Name": "Smith",
		"GP Practice Name": "High Street Surgery", "GP Practice Code": "A81001",
		"Gender": "Female", "Ethnicity": "White - Irish", "Date of Birth": "01/02/1950", "Client Type": "Service User",
		"Primary Support Reason": "Mental Health Support", "Postcode": "SW1A 1AA", "Accommodation Status": "Tenant",
		"Employment Status": "Unknown", "Has Unpaid Carer": "No", "Client Funding Status": "Fully Social Care Funded",
		"Event Type": "Service", "Event Reference": "E1", "Event Start Date": "01/05/2024", "Event Outcome": "Provision of service",
		"Service Type": "Long Term Support: Community", "Service Component": "Home Support",
		"Delivery Mechanism": "Direct Payment", "Provider CQC Location ID": "1-123456789",
		"Unit Cost": "18.50", "Cost Frequency (Unit Type)": "Weekly", "Planned units per week": "7",
	}
}

// with returns a copy of the row with some fields changed.
func (r row) with(kv ...string) row {
	out := row{}
	for k, v := range r {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}

// without returns a copy with the named fields blank.
func (r row) without(keys ...string) row {
	out := r.with()
	for _, k := range keys {
		out[k] = ""
	}
	return out
}

// request, assessment and review variants of the base row.
func baseRequest() row {
	return baseService().without("Service Type", "Service Component", "Delivery Mechanism", "Provider CQC Location ID",
		"Unit Cost", "Cost Frequency (Unit Type)", "Planned units per week", "Client Funding Status", "Primary Support Reason").
		with("Event Type", "Request", "Event End Date", "10/05/2024", "Event Outcome", "Progress to Assessment",
			"Request: Route of Access", "Community / Other route", "Event Reference", "R1")
}

func baseAssessment() row {
	return baseRequest().without("Request: Route of Access").with("Event Type", "Assessment", "Assessment Type", "Long Term Assessment",
		"Method of Assessment", "Service user only", "Event Outcome", "Progress to Support Planning / Services", "Event Reference", "A1",
		"Primary Support Reason", "Mental Health Support")
}

func baseReview() row {
	return baseRequest().without("Request: Route of Access").with("Event Type", "Review", "Review Reason", "Planned",
		"Review Outcomes Achieved", "Fully Met", "Method of Review", "Service user only", "Event Outcome", "No change in package",
		"Event Reference", "V1", "Primary Support Reason", "Mental Health Support", "Client Funding Status", "Fully Social Care Funded")
}

// table writes rows as tab-separated text under the full R1 header.
func table(t testing.TB, headers []string, rows ...row) string {
	t.Helper()
	var b strings.Builder
	b.WriteString(strings.Join(headers, "\t"))
	b.WriteString("\n")
	for _, r := range rows {
		cells := make([]string, len(headers))
		for i, h := range headers {
			cells[i] = r[h]
		}
		for k := range r {
			found := false
			for _, h := range headers {
				found = found || h == k
			}
			if !found {
				t.Fatalf("test row names unknown column %q", k)
			}
		}
		b.WriteString(strings.Join(cells, "\t"))
		b.WriteString("\n")
	}
	return b.String()
}

func r1Headers(t testing.TB) []string {
	s, err := LoadSpec(R1)
	if err != nil {
		t.Fatal(err)
	}
	return s.Headers()
}

// check validates rows against Release 1.
func check(t testing.TB, rows ...row) *Result {
	t.Helper()
	return checkText(t, R1, table(t, r1Headers(t), rows...))
}

func checkText(t testing.TB, rel Release, text string) *Result {
	t.Helper()
	src, err := reader.FromText(text, ReaderOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	res, err := Validate(context.Background(), src, Options{Release: rel, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// found lists "row/column/rule/severity" for every issue, for messages.
func found(res *Result) string {
	var b strings.Builder
	for _, is := range res.Issues {
		fmt.Fprintf(&b, "\n  row %d %q %s %s: %s", res.RowNumber(is), res.ColumnName(is), res.Rule(is).ID, is.Sev, res.Message(is, false))
	}
	return b.String()
}

// expect asserts that rule is raised at (row, column) with the catalogue's
// severity and returns that issue's message.
func expect(t testing.TB, res *Result, rule string, rowNum int, column string) string {
	t.Helper()
	for _, is := range res.Issues {
		if res.Rule(is).ID == rule && res.RowNumber(is) == rowNum && res.ColumnName(is) == column {
			if is.Sev != res.Rule(is).Severity {
				t.Errorf("%s raised as %s, catalogue says %s", rule, is.Sev, res.Rule(is).Severity)
			}
			return res.Message(is, false)
		}
	}
	t.Fatalf("expected %s at row %d, column %q; found:%s", rule, rowNum, column, found(res))
	return ""
}

// expectNone asserts that rule is not raised anywhere.
func expectNone(t testing.TB, res *Result, rule string) {
	t.Helper()
	for _, is := range res.Issues {
		if res.Rule(is).ID == rule {
			t.Fatalf("did not expect %s; found:%s", rule, found(res))
		}
	}
}

// expectClean asserts no errors or warnings at all, but for the file-level
// "no derived reporting period", which every file without requests,
// assessments and services in at least ten months rightly gets (tested on
// its own in period_test.go).
func expectClean(t testing.TB, res *Result) {
	t.Helper()
	for _, is := range res.Issues {
		if is.Sev != Info && !(is.Row < 0 && res.Rule(is).ID == "period-no-derived") {
			t.Fatalf("expected no errors or warnings; found:%s", found(res))
		}
	}
}

func mustContain(t testing.TB, msg string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(msg, p) {
			t.Errorf("message %q should contain %q", msg, p)
		}
	}
}
