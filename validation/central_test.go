package validation

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// The catalogue follows the revised specification: every rule says what
// happens centrally and what it rests on, and only what is rejected or
// counted as Failed is an error (rules.md Part C).
func TestCatalogueEvidence(t *testing.T) {
	rulesMD, err := os.ReadFile("spec/rules.md")
	if err != nil {
		t.Fatal(err)
	}
	sources, err := os.ReadFile("spec/SOURCES.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, rel := range []Release{R1, R2} {
		s, _ := LoadSpec(rel)
		for _, r := range s.Rules.All() {
			switch {
			case r.Evidence == EvidenceTool:
				// About reading the file or the check itself.
			case r.Severity == Error && (r.Evidence != EvidenceEvidenced || r.Central != Rejected):
				t.Errorf("%s is an error but is %s with central effect %q: errors must be evidenced and rejected or counted as Failed", r.ID, r.Evidence, r.Central)
			case r.Central == Rejected && r.Severity != Error:
				t.Errorf("%s is rejected centrally but is a %s", r.ID, r.Severity)
			}
			if r.Severity == Error && r.Evidence != EvidenceTool && len(r.RulesMD) == 0 {
				t.Errorf("error %s names no rules.md item", r.ID)
			}
			for _, id := range r.RulesMD {
				if !regexp.MustCompile(`(\| |### )` + regexp.QuoteMeta(id) + `( \||\. )`).Match(rulesMD) {
					t.Errorf("%s cites rules.md %s, which rules.md does not have", r.ID, id)
				}
			}
			for _, src := range r.Sources {
				if src == "known_gaps" {
					continue
				}
				if _, ok := s.Sources[src]; !ok && !strings.Contains(string(sources), src) {
					t.Errorf("%s cites source %s, which neither the specification nor SOURCES.md has", r.ID, src)
				}
			}
			if r.Evidence != EvidenceTool && r.Severity != Info && r.CentralSays == "" {
				t.Errorf("%s does not say what happens centrally", r.ID)
			}
			// Messages never claim that the upload rejects a file (A1.1).
			for _, text := range []string{r.Message, r.Explain, r.CentralSays} {
				if regexp.MustCompile(`(?i)upload (checks|expects|rejects|will reject)`).MatchString(text) {
					t.Errorf("%s claims an upload check no source describes: %q", r.ID, text)
				}
			}
		}
	}
}

// Every message ends with what happens centrally, in words.
func TestMessagesSayWhatHappensCentrally(t *testing.T) {
	res := check(t, baseRequest().with("Event Start Date", "01/03/2024", "Event End Date", "31/03/2024"))
	mustContain(t, expect(t, res, "event-end-outside-period", 2, "Event End Date"),
		"so it will not be counted", "NHS England and DHSC will leave this row out of their figures")
	mustContain(t, expect(t, check(t, baseService().with("Gender", "Femail")), "list-invalid", 2, "Gender"), "'Failed: Invalid'")
	mustContain(t, expect(t, check(t, baseService().with("Postcode", "SW1A")), "postcode-format", 2, "Postcode"), "no central process is known to reject")
}

// The Summary splits the counts by central consequence.
func TestSummaryByConsequence(t *testing.T) {
	res := check(t, baseService().with("Gender", "Femail", "Postcode", "SW1A"),
		baseRequest().with("Event Start Date", "01/03/2024", "Event End Date", "31/03/2024"),
		baseReview().with("GP Practice Name", "NULL"))
	got := map[string]ConsequenceCount{}
	for _, c := range res.Summary.ByConsequence {
		got[c.Central] = c
	}
	if c := got["rejected"]; c.Errors != 1 || c.Rows != 1 || c.Label != "Rejected or counted as Failed" {
		t.Errorf("rejected %+v", c)
	}
	if c := got["excluded"]; c.Warnings != 2 || c.Rows != 1 { // the row, and the file's derived period
		t.Errorf("excluded %+v", c)
	}
	// NULL on row 4, and row 2's Gender differing from the person's other rows.
	if c := got["changed"]; c.Warnings != 2 || c.Rows != 2 {
		t.Errorf("changed %+v", c)
	}
	if c := got["none"]; c.Warnings != 1 || c.Rows != 1 {
		t.Errorf("none %+v", c)
	}
	if len(res.Summary.ByConsequence) != 4 || res.Summary.ByConsequence[0].Central != "rejected" {
		t.Errorf("order %+v", res.Summary.ByConsequence)
	}
}

// A readable date with a time is a warning, and the date is used; an
// unreadable date stays an error (rules.md A2.5).
func TestDateWithTimeIsAWarning(t *testing.T) {
	res := check(t, baseRequest().with("Event End Date", "10/05/2024 00:00:00"))
	expect(t, res, "date-has-time", 2, "Event End Date")
	if is := res.Issues[len(res.Issues)-1]; is.Sev != Warning {
		t.Fatalf("date-has-time is %s", is.Sev)
	}
	expectNone(t, res, "mandatory-blank") // the date was read
	if res.Summary.Errors != 0 {
		t.Fatalf("errors:%s", found(res))
	}
	expect(t, check(t, baseRequest().with("Event End Date", "10/05/2024 noon")), "date-format", 2, "Event End Date")
}

// An event outside the period is a warning that says the row will not be
// counted; a missing end date stays an error (rules.md A4.2, A4.3).
func TestOutsidePeriodIsAWarning(t *testing.T) {
	res := check(t, baseRequest().with("Event Start Date", "01/03/2024", "Event End Date", "31/03/2024"))
	if res.Summary.Errors != 0 {
		t.Fatalf("an event outside the period is not an error:%s", found(res))
	}
	res = check(t, baseRequest().without("Event End Date"))
	expect(t, res, "mandatory-blank", 2, "Event End Date")
	if res.Summary.Errors != 1 {
		t.Fatalf("a request without an end date is an error:%s", found(res))
	}
}

// Spaces around a value, ordinary or non-breaking, are one warning; the
// value is judged without them and is never a capitalisation error
// (rules.md B2.3, C3).
func TestSurroundingSpaces(t *testing.T) {
	res := check(t, baseService().with("Gender", "Female ", "Postcode", "SW1A 1AA\u00a0"))
	mustContain(t, expect(t, res, "value-whitespace", 2, "Gender"), "has a space after it")
	mustContain(t, expect(t, res, "value-whitespace", 2, "Postcode"), "a non-breaking space after it")
	expectNone(t, res, "list-spelling")
	expectNone(t, res, "postcode-format")
	if res.Summary.Errors != 0 {
		t.Fatalf("spaces are not errors:%s", found(res))
	}
	// Release 2: the same, never list-case.
	res = checkR2(t, toR2(t, baseService()).with("Client Type", "\u00a0Service user "))
	mustContain(t, expect(t, res, "value-whitespace", 2, "Client Type"), "a non-breaking space before it and a space after it")
	expectNone(t, res, "list-case")
	// Spaces and a misspelling: both are said.
	res = check(t, baseService().with("Gender", " female"))
	expect(t, res, "value-whitespace", 2, "Gender")
	expect(t, res, "list-spelling", 2, "Gender")
	expectNone(t, check(t, baseService()), "value-whitespace")
}

// Spellings central sources themselves write are valid with no comment
// (rules.md C1).
func TestCentralSpellings(t *testing.T) {
	for _, v := range []string{"NFA - Self-funded client (Inc. 12wk disregard)", "NFA - Self-funded client (inc. 12wk disregard)"} {
		expectClean(t, check(t, baseRequest().with("Event Outcome", v)))
	}
	expectClean(t, check(t, baseReview().with("Method of Review", "Service User Only")))
	// Other spellings are still noted.
	expect(t, check(t, baseRequest().with("Event Outcome", "NFA - SELF-FUNDED client (inc. 12wk disregard)")), "list-spelling", 2, "Event Outcome")
}

// A value not in the list is an error only where its nearest entry is
// confirmed from central sources (rules.md C2).
func TestUnconfirmedListValues(t *testing.T) {
	// Release 2 Primary Support Reason is a third-party copy.
	res := checkR2(t, toR2(t, baseService()).with("Primary Support Reason", "Mental health support needs"))
	mustContain(t, expect(t, res, "list-invalid-unconfirmed", 2, "Primary Support Reason"), "not in the list as far as it is known", "not confirmed")
	expectNone(t, res, "list-invalid")
	// Release 2 Gender is confirmed.
	expect(t, checkR2(t, toR2(t, baseService()).with("Gender", "Femail")), "list-invalid", 2, "Gender")
}

// Release 2 capitalisation errors only against confirmed values (C3).
func TestR2CaseAgainstUnconfirmedValue(t *testing.T) {
	res := checkR2(t, toR2(t, baseService()).with("Primary Support Reason", "Mental health Support"))
	mustContain(t, expect(t, res, "list-case-unconfirmed", 2, "Primary Support Reason"), "'Mental health support'", "not confirmed")
	expectNone(t, res, "list-case")
	if res.Summary.Errors != 0 {
		t.Fatalf("errors:%s", found(res))
	}
	expect(t, checkR2(t, toR2(t, baseService()).with("Client Type", "SERVICE USER")), "list-case", 2, "Client Type")
}

// A valid Release 1 value with no known Release 2 equivalent is labelled
// as such, not as "not in the list", and does not make a file mixed.
func TestR1ValueWithUnknownR2Spelling(t *testing.T) {
	rev := toR2(t, baseReview()).with("Review Reason", "Planned")
	res := checkR2(t, rev, toR2(t, baseService()))
	mustContain(t, expect(t, res, "list-r1-value-r2-unknown", 2, "Review Reason"), "is a Release 1 value", "not published")
	expectNone(t, res, "list-invalid-unconfirmed")
	expectNone(t, res, "list-invalid")
	// Auto-detection: the value votes for neither release.
	s1, _ := LoadSpec(R1)
	auto := checkText(t, "", table(t, s1.Headers(), rev, toR2(t, baseService()), toR2(t, baseRequest())))
	if auto.Spec.Release != R2 {
		t.Fatalf("detected %s", auto.Spec.Release)
	}
	expectNone(t, auto, "release-mixed")
	expectNone(t, checkR2(t, r2Review(t)), "list-r1-value-r2-unknown")
}

// An optional column missing is a warning, a mandatory one an error.
func TestColumnMissingOptional(t *testing.T) {
	s, _ := LoadSpec(R1)
	var hdr []string
	for _, h := range s.Headers() {
		if h != "GP Practice Code" && h != "Gender" {
			hdr = append(hdr, h)
		}
	}
	r := baseService().without("GP Practice Code", "Gender")
	delete(r, "GP Practice Code")
	delete(r, "Gender")
	res := checkText(t, R1, table(t, hdr, r))
	expect(t, res, "column-missing-optional", 0, "GP Practice Code")
	expect(t, res, "column-missing", 0, "Gender")
	for _, is := range res.Issues {
		if res.ColumnName(is) == "GP Practice Code" && is.Sev == Error {
			t.Fatal("an optional column missing is not an error")
		}
	}
}

// A blank NHS Number on a row whose person has one elsewhere is left out
// of NHS England's headcounts (rules.md A5.6).
func TestNHSNumberBlankKnown(t *testing.T) {
	res := check(t, baseService(), baseRequest().with("NHS Number", ""), baseReview().with("NHS Number", "", "LA Person Unique Identifier", "P2"))
	mustContain(t, expect(t, res, "nhs-number-blank-known", 3, "NHS Number"), "row 2 gives this person's NHS Number", "out of its headcounts")
	for _, is := range res.Issues {
		if res.Rule(is).ID == "nhs-number-blank-known" && res.RowNumber(is) != 3 {
			t.Fatalf("only row 3's person has a number elsewhere:%s", found(res))
		}
	}
	expectNone(t, check(t, baseService(), baseRequest()), "nhs-number-blank-known")
}

// Open services whose start dates were reset to 1 April (rules.md C5).
func TestOpenServicesApril(t *testing.T) {
	var rows []row
	for i := 0; i < 40; i++ {
		start := "01/04/2024"
		if i%4 == 0 {
			start = "15/06/2023"
		}
		rows = append(rows, baseService().with("Event Start Date", start, "LA Person Unique Identifier", "P"+strings.Repeat("x", i)))
	}
	mustContain(t, expect(t, check(t, rows...), "open-services-april", 0, "Event Start Date"), "30 of 40 (75%; most on 01/04/2024)")
	// A few services starting on 1 April are normal.
	for i := range rows {
		if i%4 != 1 {
			rows[i] = rows[i].with("Event Start Date", "15/06/2023")
		}
	}
	expectNone(t, check(t, rows...), "open-services-april")
}
