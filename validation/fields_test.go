package validation

import (
	"strings"
	"testing"
)

// Field-level rules: one test per rule, each with a case that must raise
// the rule and a case that must not.

func TestMandatoryBlank(t *testing.T) {
	res := check(t, baseService().without("Gender"))
	msg := expect(t, res, "mandatory-blank", 2, "Gender")
	mustContain(t, msg, "Gender is blank", "mandatory on every row")
	expectClean(t, check(t, baseService()))

	// Conditional: Event End Date is mandatory on a Request, not on an open Service.
	res = check(t, baseRequest().without("Event End Date"), baseService().without("Event End Date"))
	expect(t, res, "mandatory-blank", 2, "Event End Date")
	for _, is := range res.Issues {
		if res.RowNumber(is) == 3 && res.Rule(is).ID == "mandatory-blank" {
			t.Fatalf("open service must not need an end date:%s", found(res))
		}
	}
	// A service for a person who has died needs an end date.
	res = check(t, baseService().with("Date of Death", "01/06/2024").without("Event End Date"))
	expect(t, res, "mandatory-blank", 2, "Event End Date")

	// Employment Status: mandatory for service users aged 18-64 with PSR Learning Disability Support.
	ld := baseService().with("Primary Support Reason", "Learning Disability Support", "Date of Birth", "01/02/1990").without("Employment Status")
	expect(t, check(t, ld), "mandatory-blank", 2, "Employment Status")
	expectNone(t, check(t, ld.with("Date of Birth", "01/02/1950")), "mandatory-blank") // 75: optional
	expectNone(t, check(t, ld.with("Primary Support Reason", "Mental Health Support")), "mandatory-blank")

	// Costs: mandatory on long-term services unless CASSR Commissioned Support.
	noCost := baseService().without("Unit Cost")
	expect(t, check(t, noCost), "mandatory-blank", 2, "Unit Cost")
	expectNone(t, check(t, noCost.with("Delivery Mechanism", "CASSR Commissioned Support")), "mandatory-blank")
	expectNone(t, check(t, noCost.with("Service Type", "Short Term Support: Ongoing Low Level", "Service Component", "Equipment")), "mandatory-blank")
	expect(t, check(t, noCost.with("Service Type", "Short Term Support: Other Short Term", "Service Component", "Short Term Residential Care")), "mandatory-blank", 2, "Unit Cost")

	// Review Outcomes Achieved: mandatory on planned reviews only.
	expect(t, check(t, baseReview().without("Review Outcomes Achieved")), "mandatory-blank", 2, "Review Outcomes Achieved")
	expectNone(t, check(t, baseReview().without("Review Outcomes Achieved").with("Review Reason", "Unplanned - Other Reason")), "mandatory-blank")

	// Financial assessments need no outcome or method; other assessments do.
	fin := baseAssessment().with("Assessment Type", "Financial Assessment", "Client Funding Status", "Fully Social Care Funded").without("Event Outcome", "Method of Assessment")
	expectNone(t, check(t, fin), "mandatory-blank")
	expect(t, check(t, baseAssessment().without("Method of Assessment")), "mandatory-blank", 2, "Method of Assessment")

	// Client Funding Status: mandatory on a financial assessment, not a long-term assessment.
	expect(t, check(t, fin.without("Client Funding Status")), "mandatory-blank", 2, "Client Funding Status")
	expectNone(t, check(t, baseAssessment().without("Client Funding Status")), "mandatory-blank")

	// PSR is not mandatory on requests.
	expectNone(t, check(t, baseRequest().without("Primary Support Reason")), "mandatory-blank")
	expect(t, check(t, baseAssessment().without("Primary Support Reason")), "mandatory-blank", 2, "Primary Support Reason")
}

func TestUndeterminedStatusRaisesNoMandatoryIssues(t *testing.T) {
	// An invalid Event Type is reported once; fields whose status depends on it
	// are Undetermined rather than blank-mandatory.
	res := check(t, baseService().with("Event Type", "Servise").without("Unit Cost", "Client Funding Status"))
	expect(t, res, "list-invalid", 2, "Event Type")
	expectNone(t, res, "mandatory-blank")
	fq := res.Summary.Fields[res.Spec.MustField("Unit_Cost").Index]
	if fq.Counts[StatusUndetermined][ValidityBlankOK] != 1 {
		t.Fatalf("Unit Cost should be Undetermined/Blank, got %+v", fq.Counts)
	}
}

// A blank Event Type or Client Type is reported once; the fields that
// depend on it are Undetermined, not "not applicable".
func TestBlankClientTypeIsUndetermined(t *testing.T) {
	res := check(t, baseService().without("Client Type"))
	expect(t, res, "mandatory-blank", 2, "Client Type")
	expectNone(t, res, "not-applicable-populated")
	res = check(t, baseService().without("Event Type"))
	expect(t, res, "mandatory-blank", 2, "Event Type")
	expectNone(t, res, "not-applicable-populated")
	// A blank optional field is a real "no": Unit Cost is still mandatory
	// when Delivery Mechanism is blank.
	expect(t, check(t, baseService().without("Delivery Mechanism", "Unit Cost")), "mandatory-blank", 2, "Unit Cost")
}

func TestNotApplicablePopulated(t *testing.T) {
	res := check(t, baseRequest().with("Service Type", "Long Term Support: Community"))
	msg := expect(t, res, "not-applicable-populated", 2, "Service Type")
	mustContain(t, msg, "applies only to Service events", "a Request")
	expectNone(t, check(t, baseService()), "not-applicable-populated")
	// Carer fields on a service user.
	expect(t, check(t, baseService().with("No. of adults being cared for", "1")), "not-applicable-populated", 2, "No. of adults being cared for")
	// Service-user fields on a carer.
	carer := baseService().with("Client Type", "Carer", "Dementia", "Yes", "Service Type", "Carer Support: Direct to Carer",
		"Service Component", "Carer Respite", "Primary Support Reason", "Social Support: Support to Carer").without("Client Funding Status")
	res = check(t, carer)
	msg = expect(t, res, "not-applicable-populated", 2, "Dementia")
	mustContain(t, msg, "Client Type is 'Carer'")
}

func TestNullText(t *testing.T) {
	res := check(t, baseService().with("GP Practice Name", "NULL"))
	expect(t, res, "null-text", 2, "GP Practice Name")
	// In a mandatory field NULL counts as blank: a mandatory-blank error.
	res = check(t, baseService().with("Gender", "null"))
	expect(t, res, "mandatory-blank", 2, "Gender")
	expectNone(t, res, "null-text")
	expectNone(t, check(t, baseService().with("GP Practice Name", "Nullarbor Surgery")), "null-text")
}

func TestValueWhitespace(t *testing.T) {
	mustContain(t, expect(t, check(t, baseService().with("Event Start Date", " 01/05/2024")), "value-whitespace", 2, "Event Start Date"), "has a space before it")
	expectNone(t, check(t, baseService()), "value-whitespace")
	// Free text keeps its spaces without comment.
	expectNone(t, check(t, baseService().with("Event Description", " home care ")), "value-whitespace")
}

func TestListInvalid(t *testing.T) {
	res := check(t, baseService().with("Gender", "Femail"))
	msg := expect(t, res, "list-invalid", 2, "Gender")
	mustContain(t, msg, "'Femail'", "Did you mean 'Female'?")
	expectNone(t, check(t, baseService().with("Gender", "Male")), "list-invalid")
	msg = expect(t, check(t, baseService().with("Ethnicity", "White British")), "list-invalid", 2, "Ethnicity")
	mustContain(t, msg, "White - English, Welsh, Scottish, Northern Irish or British")
}

func TestListInvalidUnconfirmed(t *testing.T) {
	// Service Component's public list is partial: an unknown value is a warning.
	res := check(t, baseService().with("Service Component", "Telecare"))
	expect(t, res, "list-invalid-unconfirmed", 2, "Service Component")
	expectNone(t, res, "list-invalid")
	expectNone(t, check(t, baseService()), "list-invalid-unconfirmed")
}

func TestListSpelling(t *testing.T) {
	res := check(t, baseService().with("Event Outcome", "provision of SERVICE"))
	msg := expect(t, res, "list-spelling", 2, "Event Outcome")
	mustContain(t, msg, "Use the exact spelling 'Provision of service'")
	// Spellings seen in public sources (en dash, "Inc.") are recognised too.
	expect(t, check(t, baseRequest().with("Event Outcome", "NFA - Support ended – other reason")), "list-spelling", 2, "Event Outcome")
	expectNone(t, check(t, baseService()), "list-spelling")
}

func TestValueNotInUse(t *testing.T) {
	res := check(t, baseService().with("Delivery Mechanism", "Self-Funder Metering Only"))
	expect(t, res, "value-not-in-use", 2, "Delivery Mechanism")
	expectNone(t, check(t, baseService()), "value-not-in-use")
}

func TestDates(t *testing.T) {
	cases := []struct {
		value, rule, contains string
	}{
		{"2024-05-01", "date-format", "write it as 01/05/2024"},
		{"01-05-2024", "date-format", "use / between"},
		{"01/05/24", "date-format", "four-digit year"},
		{"45413", "date-format", "Excel date number for 01/05/2024"},
		{"May 2024", "date-format", "dd/mm/yyyy"},
		{"1/5/2024", "date-not-padded", "'01/05/2024'"},
		{"01/05/2024 00:00", "date-has-time", "'01/05/2024'"},
		{"31/02/2024", "date-impossible", "February 2024 has 29 days"},
		{"29/02/2023", "date-impossible", "February 2023 has 28 days"},
		{"01/13/2024", "date-impossible", "no month 13"},
		{"01/05/0024", "date-impossible", "year 24"},
	}
	for _, c := range cases {
		t.Run(c.value, func(t *testing.T) {
			res := check(t, baseService().with("Event Start Date", c.value))
			mustContain(t, expect(t, res, c.rule, 2, "Event Start Date"), c.contains)
		})
	}
	for _, ok := range []string{"29/02/2024", "01/05/2024", "31/12/2024"} {
		res := check(t, baseService().with("Event Start Date", ok))
		for _, rule := range []string{"date-format", "date-not-padded", "date-has-time", "date-impossible"} {
			expectNone(t, res, rule)
		}
	}
}

func TestNumbers(t *testing.T) {
	msg := expect(t, check(t, baseService().with("Unit Cost", "£18.50")), "number-invalid", 2, "Unit Cost")
	mustContain(t, msg, "remove the £ sign")
	mustContain(t, expect(t, check(t, baseService().with("Unit Cost", "1,234.50")), "number-invalid", 2, "Unit Cost"), "thousands")
	mustContain(t, expect(t, check(t, baseService().with("Unit Cost", "18,50")), "number-invalid", 2, "Unit Cost"), "full stop")
	expect(t, check(t, baseService().with("Planned units per week", "-3")), "number-negative", 2, "Planned units per week")
	// Any number of decimal places is fine (rules.md A2.6): no source limits them.
	for _, v := range []string{"18.5", "18.555", "10.123456789"} {
		expectClean(t, check(t, baseService().with("Unit Cost", v, "Planned units per week", v)))
	}
}

func carerRow() row {
	return baseService().with("Client Type", "Carer", "Service Type", "Carer Support: Direct to Carer",
		"Service Component", "Carer Respite", "Primary Support Reason", "Social Support: Support to Carer",
		"No. of adults being cared for", "1").without("Client Funding Status")
}

func TestIntegerInvalid(t *testing.T) {
	expectClean(t, check(t, carerRow()))
	for _, v := range []string{"two", "1.5", "-1"} {
		expect(t, check(t, carerRow().with("No. of adults being cared for", v)), "integer-invalid", 2, "No. of adults being cared for")
	}
	expectNone(t, check(t, carerRow().with("No. of adults being cared for", "2")), "integer-invalid")
}

func TestNHSNumber(t *testing.T) {
	mustContain(t, expect(t, check(t, baseService().with("NHS Number", "943476591")), "nhs-number-format", 2, "NHS Number"), "9 digits")
	mustContain(t, expect(t, check(t, baseService().with("NHS Number", "9.43E+09")), "nhs-number-format", 2, "NHS Number"), "rounded number")
	mustContain(t, expect(t, check(t, baseService().with("NHS Number", "94347A5919")), "nhs-number-format", 2, "NHS Number"), "other than digits")
	expect(t, check(t, baseService().with("NHS Number", "9434765918")), "nhs-number-checkdigit", 2, "NHS Number")
	mustContain(t, expect(t, check(t, baseService().with("NHS Number", "943 476 5919")), "nhs-number-spaces", 2, "NHS Number"), "'9434765919'")
	expect(t, check(t, baseService().with("NHS Number", "943 476 5918")), "nhs-number-checkdigit", 2, "NHS Number")
	expect(t, check(t, baseService().with("NHS Number", "1111111111")), "nhs-number-placeholder", 2, "NHS Number")
	expectClean(t, check(t, baseService().with("NHS Number", "4010232137")))
}

func TestValidNHSNumber(t *testing.T) {
	for _, ok := range []string{"9434765919", "4010232137", "6541112223"} {
		if !ValidNHSNumber(ok) {
			t.Errorf("%s should be valid", ok)
		}
	}
	for _, bad := range []string{"9434765918", "943476591", "94347659190", "943476591a", ""} {
		if ValidNHSNumber(bad) {
			t.Errorf("%s should be invalid", bad)
		}
	}
	// A check digit of 10 means no valid number: 0000000060 → sum 6*2=12, 11-1=10.
	if ValidNHSNumber("0000000060") {
		t.Error("check digit 10 must be invalid")
	}
}

func TestPostcodeFormat(t *testing.T) {
	mustContain(t, expect(t, check(t, baseService().with("Postcode", "SW1A")), "postcode-format", 2, "Postcode"), "first half")
	mustContain(t, expect(t, check(t, baseService().with("Postcode", "12345")), "postcode-format", 2, "Postcode"), "SW1A 1AA")
	for _, ok := range []string{"sw1a 1aa", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "EC1A1BB"} {
		expectNone(t, check(t, baseService().with("Postcode", ok)), "postcode-format")
	}
}

func TestCodeFormats(t *testing.T) {
	expect(t, check(t, baseService().with("GP Practice Code", "A8100")), "gp-code-format", 2, "GP Practice Code")
	expectNone(t, check(t, baseService().with("GP Practice Code", "Y02557")), "gp-code-format")
	expect(t, check(t, baseService().with("Provider CQC Location ID", "123456789")), "cqc-id-format", 2, "Provider CQC Location ID")
	expectNone(t, check(t, baseService().with("Provider CQC Location ID", "1-1000210669")), "cqc-id-format")
	mustContain(t, expect(t, check(t, baseService().with("LA Code", "E09000033")), "la-code-format", 2, "LA Code"), "ONS area code")
	expectNone(t, check(t, baseService().with("LA Code", "213")), "la-code-format")
}

func TestTextTooLong(t *testing.T) {
	long := strings.Repeat("x", 256)
	mustContain(t, expect(t, check(t, baseService().with("Event Description", long)), "text-too-long", 2, "Event Description"), "256 characters")
	expectNone(t, check(t, baseService().with("Event Description", long[:255])), "text-too-long")
}
