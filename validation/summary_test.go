package validation

import (
	"reflect"
	"testing"
)

// Events by month, services by type and open services, on rows whose
// answers are known: months in and across years, a date that is not a
// date, a service without a type and one that has ended.
func TestSummaryEventsByMonthAndServiceTypes(t *testing.T) {
	res := check(t,
		baseService(), // May 2024, open, community
		baseService().with("Event Reference", "E2", "Event Start Date", "31/05/2024", "Service Component", "Equipment"),
		baseService().with("Event Reference", "E3", "Event Start Date", "02/01/2025", "Event End Date", "03/01/2025",
			"Service Type", "Short Term Support: Other Short Term"),
		baseService().with("Event Reference", "E4", "Event Start Date", "15/12/2024", "Service Type", ""),
		baseRequest(), // May 2024
		baseRequest().with("Event Reference", "R2", "Event Start Date", "31/02/2025"), // not a date: no month
		baseReview().with("Event Start Date", "01/12/2024", "Event End Date", "02/12/2024"),
	)
	s := res.Summary
	want := []MonthCount{
		{Month: "2024-05", Total: 3, ByType: map[string]int{"Service": 2, "Request": 1}},
		{Month: "2024-12", Total: 2, ByType: map[string]int{"Service": 1, "Review": 1}},
		{Month: "2025-01", Total: 1, ByType: map[string]int{"Service": 1}},
	}
	if !reflect.DeepEqual(s.EventsByMonth, want) {
		t.Fatalf("events by month:\n got %+v\nwant %+v", s.EventsByMonth, want)
	}
	wantST := []BandCount{ // in the order of the defined list
		{Label: "Short Term Support: Other Short Term", Count: 1},
		{Label: "Long Term Support: Community", Count: 2},
		{Label: "(blank or invalid)", Count: 1},
	}
	if !reflect.DeepEqual(s.ServiceTypes, wantST) {
		t.Fatalf("services by type:\n got %+v\nwant %+v", s.ServiceTypes, wantST)
	}
	if s.OpenServices != 3 {
		t.Fatalf("%d open services, want 3", s.OpenServices)
	}
}
