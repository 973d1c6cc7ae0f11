package validation

import (
	"context"
	"strings"
	"testing"

	"cldvalidator/reader"
)

// Cross-field rules on one row: each test has a case that raises the rule
// on the column to change and a boundary case that must not.

func TestNoPersonID(t *testing.T) {
	res := check(t, baseService().without("NHS Number", "LA Person Unique Identifier"))
	expect(t, res, "no-person-id", 2, "LA Person Unique Identifier")
	expect(t, res, "mandatory-blank", 2, "NHS Number")
	for _, is := range res.Issues {
		if res.Rule(is).ID == "mandatory-blank" && res.ColumnName(is) == "LA Person Unique Identifier" {
			t.Fatal("the missing LA Person Unique Identifier must be reported once, as no-person-id")
		}
	}
	// Either identifier alone is enough to link the row.
	res = check(t, baseService().without("NHS Number"))
	expectNone(t, res, "no-person-id")
	expect(t, res, "mandatory-blank", 2, "NHS Number")
	expectNone(t, check(t, baseService().without("LA Person Unique Identifier")), "no-person-id")
}

func TestEndBeforeStart(t *testing.T) {
	res := check(t, baseRequest().with("Event Start Date", "10/05/2024", "Event End Date", "09/05/2024"))
	msg := expect(t, res, "end-before-start", 2, "Event End Date")
	mustContain(t, msg, "09/05/2024 is before Event Start Date 10/05/2024")
	expectNone(t, check(t, baseRequest().with("Event Start Date", "10/05/2024", "Event End Date", "10/05/2024")), "end-before-start")
}

func TestEventEndOutsidePeriod(t *testing.T) {
	// Period 01/04/2024 - 31/03/2025.
	res := check(t, baseRequest().with("Event Start Date", "01/03/2024", "Event End Date", "31/03/2024"))
	mustContain(t, expect(t, res, "event-end-outside-period", 2, "Event End Date"), "This request ended on 31/03/2024")
	expect(t, check(t, baseReview().with("Event End Date", "01/04/2025")), "event-end-outside-period", 2, "Event End Date")
	expectNone(t, check(t, baseRequest().with("Event Start Date", "01/03/2024", "Event End Date", "01/04/2024")), "event-end-outside-period")
	expectNone(t, check(t, baseReview().with("Event End Date", "31/03/2025")), "event-end-outside-period")
	// Services may end after the period (they were active in it).
	expectNone(t, check(t, baseService().with("Event End Date", "30/04/2025", "Event Outcome", "Service ended as planned")), "event-end-outside-period")
}

func TestEventStartAfterPeriod(t *testing.T) {
	res := check(t, baseService().with("Event Start Date", "01/04/2025"))
	mustContain(t, expect(t, res, "event-start-after-period", 2, "Event Start Date"), "after the reporting period ends (31/03/2025)")
	expectNone(t, check(t, baseService().with("Event Start Date", "31/03/2025")), "event-start-after-period")
}

func TestServiceEndedBeforePeriod(t *testing.T) {
	svc := baseService().with("Event Start Date", "01/01/2024", "Event Outcome", "Service ended as planned")
	expect(t, check(t, svc.with("Event End Date", "31/03/2024")), "service-ended-before-period", 2, "Event End Date")
	expectNone(t, check(t, svc.with("Event End Date", "01/04/2024")), "service-ended-before-period")
}

func TestEventAfterDeath(t *testing.T) {
	res := check(t, baseRequest().with("Date of Death", "05/05/2024", "Event Start Date", "06/05/2024", "Event End Date", "07/05/2024"))
	expect(t, res, "event-after-death", 2, "Event Start Date")
	mustContain(t, expect(t, res, "event-after-death", 2, "Event End Date"), "Date of Death (05/05/2024)")
	expectNone(t, check(t, baseRequest().with("Date of Death", "10/05/2024")), "event-after-death")
}

func TestDeathBeforeBirth(t *testing.T) {
	res := check(t, baseRequest().with("Date of Death", "01/01/1940"))
	mustContain(t, expect(t, res, "death-before-birth", 2, "Date of Death"), "before Date of Birth 01/02/1950")
	expectNone(t, check(t, baseRequest().with("Date of Death", "01/02/1950")), "death-before-birth")
}

func TestEventBeforeBirth(t *testing.T) {
	res := check(t, baseRequest().with("Date of Birth", "02/05/2024"))
	expect(t, res, "event-before-birth", 2, "Event Start Date")
	expectNone(t, check(t, baseRequest().with("Date of Birth", "01/05/1990")), "event-before-birth")
}

func TestDeathAfterPeriod(t *testing.T) {
	expect(t, check(t, baseRequest().with("Date of Death", "01/04/2025")), "death-after-period", 2, "Date of Death")
	expectNone(t, check(t, baseRequest().with("Date of Death", "31/03/2025")), "death-after-period")
}

func TestAgeUnder18(t *testing.T) {
	// Request ended 10/05/2024: 18th birthday on 11/05/2024 means 17 then.
	res := check(t, baseRequest().with("Date of Birth", "11/05/2006"))
	mustContain(t, expect(t, res, "age-under-18", 2, "Date of Birth"), "under 18 on 10/05/2024")
	expectNone(t, check(t, baseRequest().with("Date of Birth", "10/05/2006")), "age-under-18")
	// An open service is measured at the end of the reporting period.
	expect(t, check(t, baseService().with("Date of Birth", "01/04/2007")), "age-under-18", 2, "Date of Birth")
	expectNone(t, check(t, baseService().with("Date of Birth", "31/03/2007")), "age-under-18")
}

func TestAgeOver115(t *testing.T) {
	// Aged 116 on 31/03/2025.
	res := check(t, baseRequest().with("Date of Birth", "31/03/1909"))
	mustContain(t, expect(t, res, "age-over-115", 2, "Date of Birth"), "over 115")
	expectNone(t, check(t, baseRequest().with("Date of Birth", "01/04/1909")), "age-over-115")
}

func TestDirectPaymentPrison(t *testing.T) {
	prison := baseService().with("Service Type", "Long Term Support: Prison", "Service Component", "Other Long Term Support")
	res := check(t, prison)
	mustContain(t, expect(t, res, "direct-payment-prison", 2, "Delivery Mechanism"), "'Long Term Support: Prison'")
	expectNone(t, check(t, prison.with("Delivery Mechanism", "CASSR Commissioned Support")), "direct-payment-prison")
	expectNone(t, check(t, baseService()), "direct-payment-prison")
}

func TestOpenServiceOutcome(t *testing.T) {
	res := check(t, baseService().with("Event Outcome", "Service ended as planned"))
	mustContain(t, expect(t, res, "open-service-outcome", 2, "Event Outcome"), "should be 'Provision of service'")
	expectNone(t, check(t, baseService()), "open-service-outcome")
	expectNone(t, check(t, baseService().with("Event Outcome", "Service ended as planned", "Event End Date", "01/06/2024")), "open-service-outcome")
}

func TestFinancialAssessmentOutcome(t *testing.T) {
	fin := baseAssessment().with("Assessment Type", "Financial Assessment", "Client Funding Status", "Fully Social Care Funded").without("Method of Assessment")
	expect(t, check(t, fin), "financial-assessment-outcome", 2, "Event Outcome")
	expectNone(t, check(t, fin.without("Event Outcome")), "financial-assessment-outcome")
	expectNone(t, check(t, baseAssessment()), "financial-assessment-outcome")
}

func TestDeceasedWithoutDate(t *testing.T) {
	res := check(t, baseRequest().with("Event Outcome", "NFA - Deceased"))
	expect(t, res, "deceased-without-date", 2, "Date of Death")
	expectNone(t, check(t, baseRequest().with("Event Outcome", "NFA - Deceased", "Date of Death", "10/05/2024")), "deceased-without-date")
}

func TestLinkedCount(t *testing.T) {
	su2 := baseService().with("LA Person Unique Identifier", "P2", "NHS Number", "4010232137", "Event Reference", "E2")
	two := carerRow().with("LA Person Unique Identifier", "C1", "NHS Number", "6541112223", "Event Reference", "E9",
		"Adult 1 Linked Person_ID", "P1", "Adult 2 Linked Person_ID", "P2")
	res := check(t, baseService(), su2, two)
	mustContain(t, expect(t, res, "linked-count", 4, "No. of adults being cared for"), "is 1 but 2 Linked")
	expectNone(t, check(t, baseService(), su2, two.with("No. of adults being cared for", "2")), "linked-count")
}

// A panic inside one rule is contained: it is reported as an internal
// problem with that rule and every other check still runs.
func TestPanickingRuleIsContained(t *testing.T) {
	var logged []string
	text := table(t, r1Headers(t), baseService().with("Gender", "Femail"), baseRequest().with("NHS Number", "9434765918"))
	src, err := reader.FromText(text, ReaderOptions())
	if err != nil {
		t.Fatal(err)
	}
	spec, _ := LoadSpec(R1)
	e := newEngine(spec, src, src.Info(), Options{Release: R1, Workers: 2, BatchRows: 1,
		OnInternalProblem: func(msg string) { logged = append(logged, msg) }})
	e.matchHeaders(src.Header())
	e.rowRules = append([]*rowRule{{name: "exploding-rule", rule: spec.Rules.ID("end-before-start"), fn: func(w *worker, r int) {
		secret := []string{"Secret Value"}
		_ = secret[r+1] // index out of range: a runtime panic
	}}}, e.rowRules...)
	b := reader.NewBatch(len(src.Header()), 1)
	for src.Next(b) == nil {
		if err := e.addBatch(b, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.finish(context.Background()); err != nil {
		t.Fatal(err)
	}
	res := e.res
	msg := expect(t, res, "internal-error", 0, "")
	mustContain(t, msg, "exploding-rule")
	// The other checks ran on both rows.
	expect(t, res, "list-invalid", 2, "Gender")
	expect(t, res, "nhs-number-checkdigit", 3, "NHS Number")
	if n := strings.Count(found(res), "internal-error"); n != 1 {
		t.Fatalf("the internal problem should be reported once, got %d", n)
	}
	if len(logged) != 1 || !strings.Contains(logged[0], "exploding-rule") || strings.Contains(logged[0], "Femail") || strings.Contains(logged[0], "9434765918") {
		t.Fatalf("crash log must name the rule and hold no cell values: %q", logged)
	}
}
