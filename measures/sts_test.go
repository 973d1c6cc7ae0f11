package measures

import "testing"

func TestSTS001(t *testing.T) {
	_, rep := compute(t, "sts001.csv")
	t1 := table(t, rep, "STS001", "STS001 T1")
	want(t, t1,
		"Short Term Support to Maximise Independence | 65 and over = 1", "Short Term Support to Maximise Independence | Total = 1",
		"Long Term Support Residential Care | 65 and over = 1", "Long Term Support Residential Care | Total = 1",
		"No Services Provided - Deceased | 65 and over = 1", "No Services Provided - Deceased | Total = 1",
		"No Services Provided - other reason | 65 and over = 1", "No Services Provided - other reason | Total = 1",
		"Universal Services/ Signposted to other services | 65 and over = 2", "Universal Services/ Signposted to other services | Total = 2",
		"Unable to classify | 65 and over = 2", "Unable to classify | 18 to 64 = 1", "Unable to classify | Total = 3")
	t2 := table(t, rep, "STS001", "STS001 T2")
	want(t, t2,
		"Short Term Support to Maximise Independence | Community / Other route = 1", "Short Term Support to Maximise Independence | Total = 1",
		"Long Term Support Residential Care | Discharge from Hospital = 1", "Long Term Support Residential Care | Total = 1",
		"No Services Provided - Deceased | Community / Other route = 1", "No Services Provided - Deceased | Total = 1",
		"No Services Provided - other reason | Community / Other route = 1", "No Services Provided - other reason | Total = 1",
		"Universal Services/ Signposted to other services | Community / Other route = 2", "Universal Services/ Signposted to other services | Total = 2",
		"Unable to classify | Community / Other route = 3", "Unable to classify | Total = 3")
	t3 := table(t, rep, "STS001", "STS001 T3")
	want(t, t3,
		"Short Term Support to Maximise Independence | A service followed = 1", "Short Term Support to Maximise Independence | Total = 1",
		"Long Term Support Residential Care | A service followed = 1", "Long Term Support Residential Care | Total = 1",
		"No Services Provided - Deceased | A later event's NFA outcome = 1", "No Services Provided - Deceased | Total = 1",
		"No Services Provided - other reason | No service followed: the outcome recorded on the event = 1", "No Services Provided - other reason | Total = 1",
		"Universal Services/ Signposted to other services | No later events: the outcome recorded on the event = 2", "Universal Services/ Signposted to other services | Total = 2",
		"Unable to classify | No later events: the outcome recorded on the event = 1",
		"Unable to classify | Later events not related: the outcome recorded on the event = 2", "Unable to classify | Total = 3")
	for _, tb := range []*Table{t1, t2, t3} {
		wantLeft(t, tb, map[Reason]int{ReasonNoAge: 1, ReasonPeriod: 1, ReasonCohort: 1})
	}
}

func TestSTS002(t *testing.T) {
	_, rep := compute(t, "sts002.csv")
	a := table(t, rep, "STS002a", "STS002a T1")
	want(t, a,
		"Long Term Support (any setting) | 65 and over = 1", "Long Term Support (any setting) | Total = 1",
		"No services provided – other | 65 and over = 1", "No services provided – other | Total = 1",
		"No services provided – needs identified but support declined | 65 and over = 1", "No services provided – needs identified but support declined | Total = 1",
		"Unable to classify | 65 and over = 1", "Unable to classify | Total = 1",
		"No service found (unable to classify) | 65 and over = 1", "No service found (unable to classify) | Total = 1")
	wantLeft(t, a, map[Reason]int{ReasonPeriod: 1})
	b := table(t, rep, "STS002b", "STS002b")
	want(t, b, "ST-Max episodes of existing clients | Total = 1")
	wantLeft(t, b, map[Reason]int{ReasonPeriod: 1, ReasonCohort: 6})
}
