package validation

import (
	"strings"
	"testing"
)

// toR2 translates a Release 1 test row to Release 2 spellings.
func toR2(t testing.TB, r row) row {
	s, err := LoadSpec(R2)
	if err != nil {
		t.Fatal(err)
	}
	out := r.with()
	for _, f := range s.Fields {
		if v := out[f.Name]; v != "" && f.IsList() {
			out[f.Name] = s.ToR2(f.Key, v)
		}
	}
	return out
}

func checkR2(t testing.TB, rows ...row) *Result {
	t.Helper()
	s, _ := LoadSpec(R2)
	return checkText(t, R2, table(t, s.Headers(), rows...))
}

func r2Review(t testing.TB) row {
	return toR2(t, baseReview()).with("Review Reason", "Review of short term support").without("Review Outcomes Achieved")
}

func TestR2BaseRowsAreClean(t *testing.T) {
	for name, r := range map[string]row{"service": toR2(t, baseService()), "request": toR2(t, baseRequest()),
		"assessment": toR2(t, baseAssessment()), "review": r2Review(t)} {
		t.Run(name, func(t *testing.T) {
			res := checkR2(t, r)
			expectClean(t, res)
			if res.Spec.Release != R2 {
				t.Fatal("not checked as Release 2")
			}
		})
	}
	if v := toR2(t, baseService())["Client Type"]; v != "Service user" {
		t.Fatalf("Client Type should translate to 'Service user', got %q", v)
	}
}

func TestR2ListCaseSensitive(t *testing.T) {
	// "service user" is neither the R2 spelling nor the R1 one: a case error.
	res := checkR2(t, toR2(t, baseService()).with("Client Type", "service user"))
	mustContain(t, expect(t, res, "list-case", 2, "Client Type"), "exactly 'Service user'")
	expectNone(t, checkR2(t, toR2(t, baseService())), "list-case")
}

func TestR2ReleaseOneValue(t *testing.T) {
	res := checkR2(t, toR2(t, baseService()).with("Client Type", "Service User", "Ethnicity", "White - Irish"))
	mustContain(t, expect(t, res, "list-r1-value", 2, "Client Type"), "Release 1 value", "'Service user'")
	mustContain(t, expect(t, res, "list-r1-value", 2, "Ethnicity"), "'White: Irish'")
	// The Release 1 value still tells which fields apply: no cascade of
	// mandatory or not-applicable issues.
	expectNone(t, res, "mandatory-blank")
	expectNone(t, res, "not-applicable-populated")
}

func TestR2ReleaseOneValueUnmapped(t *testing.T) {
	res := checkR2(t, toR2(t, baseRequest()).with("Event Outcome", "Progress to financial assessment"))
	mustContain(t, expect(t, res, "list-r1-value-unmapped", 2, "Event Outcome"), "no direct Release 2 equivalent")
}

func TestR2EmptyListsAreFreeText(t *testing.T) {
	// Release 2's Method of Review list is not published: any value is accepted with a note.
	res := checkR2(t, r2Review(t).with("Method of Review", "Person only"))
	expectNone(t, res, "list-invalid")
	expectNone(t, res, "list-invalid-unconfirmed")
	mustContain(t, expect(t, res, "list-no-published-values", 0, "Method of Review"), "'Person only' (1)")
}

func TestReleaseDetected(t *testing.T) {
	s1, _ := LoadSpec(R1)
	res := checkText(t, "", table(t, s1.Headers(), baseService(), baseRequest()))
	if res.Spec.Release != R1 {
		t.Fatalf("R1 file detected as %s", res.Spec.Release)
	}
	mustContain(t, expect(t, res, "release-detected", 0, ""), "Checked against Release 1", "as Release 1 spells them")

	res = checkText(t, "auto", table(t, s1.Headers(), toR2(t, baseService()), toR2(t, baseRequest())))
	if res.Spec.Release != R2 {
		t.Fatalf("R2 file detected as %s", res.Spec.Release)
	}
	mustContain(t, expect(t, res, "release-detected", 0, ""), "Release 2")
	// An explicit release is not second-guessed.
	expectNone(t, check(t, baseService()), "release-detected")
}

func TestReleaseMixed(t *testing.T) {
	s1, _ := LoadSpec(R1)
	res := checkText(t, "", table(t, s1.Headers(), baseService(), baseRequest(), toR2(t, baseReview()).with("Review Reason", "Review of short term support").without("Review Outcomes Achieved")))
	msg := expect(t, res, "release-mixed", 0, "")
	mustContain(t, msg, "Release 1 spelling", "Release 2 spelling")
	expectNone(t, check(t, baseService(), baseRequest()), "release-mixed")
	if !strings.Contains(msg, "most often") {
		t.Fatal(msg)
	}
}
