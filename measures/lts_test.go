package measures

import (
	"slices"
	"strings"
	"testing"
)

func TestLTS001a(t *testing.T) {
	_, rep := compute(t, "lts001a.csv")
	t1a := table(t, rep, "LTS001a", "LTS001a T1a")
	want(t, t1a,
		"Learning Disability Support | Community: Direct Payment = 1", "Learning Disability Support | Total = 1",
		"Mental Health Support | Community: CASSR Commissioned Support = 1", "Mental Health Support | Total = 1",
		"Unknown | Community: CASSR Commissioned Support = 1", "Unknown | Total = 1",
		"Invalid or blank | Community: CASSR Commissioned Support = 1", "Invalid or blank | Total = 1",
		"Physical Support: Access & mobility only | Community: CASSR Commissioned Support = 1", "Physical Support: Access & mobility only | Total = 1",
	)
	t1b := table(t, rep, "LTS001a", "LTS001a T1b")
	want(t, t1b,
		"Physical Support: Personal care support | Residential = 1", "Physical Support: Personal care support | Total = 1",
		"Support with Memory & Cognition | Nursing = 1", "Support with Memory & Cognition | Total = 1",
		"Mental Health Support | Community: CASSR Commissioned Support = 1",
		"Mental Health Support | Prison: CASSR Managed Personal Budget = 1",
		"Mental Health Support | Community: mechanism not given = 1",
		"Mental Health Support | Total = 3",
	)
	for _, tb := range []*Table{t1a, t1b} {
		wantLeft(t, tb, map[Reason]int{ReasonInvalid: 1, ReasonPeriod: 3, ReasonNoAge: 1, ReasonNoPerson: 1, ReasonAge: 1})
	}
	if got := rowsOf(rep, t1b, "Physical Support: Personal care support", "Residential"); !slices.Equal(got, []int{4, 5}) {
		t.Errorf("B's cell opens on rows %v, want [4 5]", got)
	}
	if left(t1a, ReasonInvalid, "Service Type") != 1 {
		t.Errorf("the invalid row should be left out for its Service Type:%s", describeLeft(t1a))
	}
	if len(t1a.Notes) == 0 || !strings.Contains(t1a.Notes[0], "2 service rows") {
		t.Errorf("notes %q should say 2 service rows had their Delivery Mechanism set aside", t1a.Notes)
	}
}

func TestLTS001b(t *testing.T) {
	_, rep := compute(t, "lts001b.csv")
	want(t, table(t, rep, "LTS001b", "LTS001b T1a"),
		"Learning Disability Support | Community: Direct Payment = 1", "Learning Disability Support | Total = 1")
	want(t, table(t, rep, "LTS001b", "LTS001b T1b"),
		"Mental Health Support | Residential = 1", "Mental Health Support | Community: CASSR Commissioned Support = 4", "Mental Health Support | Total = 5")
	want(t, table(t, rep, "LTS001b", "LTS001b T2"),
		"Yes | Community: Direct Payment = 1", "Yes | Total = 1",
		"No | Community: CASSR Commissioned Support = 4", "No | Total = 4",
		"Unknown (their latest services disagree) | Community: CASSR Commissioned Support = 1", "Unknown (their latest services disagree) | Total = 1",
		"Unknown, blank or invalid | Residential = 1", "Unknown, blank or invalid | Total = 1")
	want(t, table(t, rep, "LTS001b", "LTS001b T3a"),
		"White - Irish | Community: Direct Payment = 1", "White - Irish | Total = 1",
		"Asian or Asian British - Indian | Community: CASSR Commissioned Support = 1", "Asian or Asian British - Indian | Total = 1")
	want(t, table(t, rep, "LTS001b", "LTS001b T3b"),
		"White - Irish | Residential = 1", "White - Irish | Community: CASSR Commissioned Support = 2", "White - Irish | Total = 3",
		"Invalid or blank | Community: CASSR Commissioned Support = 1", "Invalid or blank | Total = 1")
	want(t, table(t, rep, "LTS001b", "LTS001b T3c"), "People | Total = 1")
	for _, id := range []string{"LTS001b T1a", "LTS001b T1b"} {
		wantLeft(t, table(t, rep, "LTS001b", id), map[Reason]int{ReasonPeriod: 2, ReasonAge: 1})
	}
	for _, id := range []string{"LTS001b T2", "LTS001b T3a", "LTS001b T3b", "LTS001b T3c"} {
		wantLeft(t, table(t, rep, "LTS001b", id), map[Reason]int{ReasonPeriod: 2})
	}
}

func TestLTS001c(t *testing.T) {
	_, rep := compute(t, "lts001c.csv")
	t1a, t1b := table(t, rep, "LTS001c", "LTS001c T1a"), table(t, rep, "LTS001c", "LTS001c T1b")
	want(t, t1a, "Mental Health Support | Community: CASSR Commissioned Support = 1", "Mental Health Support | Total = 1")
	want(t, t1b, "Mental Health Support | Residential = 1", "Mental Health Support | Community: CASSR Commissioned Support = 2", "Mental Health Support | Total = 3")
	for _, tb := range []*Table{t1a, t1b} {
		wantLeft(t, tb, map[Reason]int{ReasonPeriod: 3, ReasonCohort: 4, ReasonAge: 1})
	}
}

func TestLTS004(t *testing.T) {
	_, rep := compute(t, "lts004.csv")
	t1 := table(t, rep, "LTS004", "LTS004 T1")
	want(t, t1,
		"Paid: 16 or more hours a week | Male = 1", "Paid: 16 or more hours a week | Total = 1",
		"Unknown | Female = 2", "Unknown | Total = 2",
		"Not in Paid Employment (voluntary work only) | Female = 1", "Not in Paid Employment (voluntary work only) | Total = 1",
		"No valid status on any row | Male = 1", "No valid status on any row | Total = 1")
	t2a, t2b := table(t, rep, "LTS004", "LTS004 T2a"), table(t, rep, "LTS004", "LTS004 T2b")
	want(t, t2a,
		"Tenant | Male = 1", "Tenant | Female = 1", "Tenant | Total = 2",
		"Settled mainstream housing with family / friends | Female = 1", "Settled mainstream housing with family / friends | Total = 1",
		"Shared Lives scheme | Male = 1", "Shared Lives scheme | Total = 1")
	want(t, t2b, "Refuge | Female = 1", "Refuge | Total = 1")
	wantLeft(t, t1, map[Reason]int{ReasonInvalid: 2, ReasonAge: 1})
	wantLeft(t, t2a, map[Reason]int{ReasonInvalid: 1, ReasonAge: 1})
	wantLeft(t, t2b, map[Reason]int{ReasonInvalid: 1, ReasonAge: 1})
}

func TestLTS002(t *testing.T) {
	_, rep := compute(t, "lts002.csv")
	for _, id := range []string{"LTS002a", "LTS002b"} {
		u := table(t, rep, id, id+" unplanned")
		want(t, u,
			"Unplanned - Carer related | Community: 65 and over = 1", "Unplanned - Carer related | Total = 1",
			"Unplanned - Hospital (Planned and unplanned episodes) | Residential or nursing: 18 to 64 = 1",
			"Unplanned - Hospital (Planned and unplanned episodes) | Total = 1")
		wantLeft(t, u, map[Reason]int{ReasonPeriod: 1, ReasonCohort: 1, ReasonInvalid: 1})
		if left(u, ReasonCohort, "not in "+map[string]string{"LTS002a": "LTS001a", "LTS002b": "LTS001c"}[id]) != 1 {
			t.Errorf("%s should say the person is not in its LTS001 table:%s", id, describeLeft(u))
		}
		p := table(t, rep, id, id+" planned")
		want(t, p,
			"Planned reviews leading to reablement, assessment, re-assessment or support planning | 65 and over = 1",
			"Planned reviews leading to reablement, assessment, re-assessment or support planning | Total = 1",
			"Admissions to residential care after such a review | 65 and over = 1",
			"Admissions to residential care after such a review | Total = 1")
		wantLeft(t, p, map[Reason]int{ReasonPeriod: 1})
		if !rep.Measure(id).Partial {
			t.Errorf("%s follows an approach without code: it should say it is partial", id)
		}
	}
}

func TestLTS003(t *testing.T) {
	_, rep := compute(t, "lts003.csv")
	tb := table(t, rep, "LTS003", "LTS003")
	want(t, tb,
		"Direct Payment only | 65 to 84 = 1", "Direct Payment only | Total = 1",
		"CASSR Managed Personal Budget | 65 to 84 = 1", "CASSR Managed Personal Budget | Total = 1",
		"Support Direct to Carer: Unknown Delivery Mech | 26 to 64 = 1", "Support Direct to Carer: Unknown Delivery Mech | Total = 1",
		"Information, Advice and Other Universal Services / Signposting | 18 to 25 = 1", "Information, Advice and Other Universal Services / Signposting | Total = 1",
		"No Direct Support Provided to Carer | 65 to 84 = 1", "No Direct Support Provided to Carer | Age unknown = 1", "No Direct Support Provided to Carer | Total = 2")
	wantLeft(t, tb, map[Reason]int{ReasonInvalid: 1, ReasonPeriod: 1})
}
