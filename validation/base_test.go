package validation

import "testing"

// The base rows must be clean, or every other test proves nothing.
func TestBaseRowsAreClean(t *testing.T) {
	for name, r := range map[string]row{"service": baseService(), "request": baseRequest(), "assessment": baseAssessment(), "review": baseReview()} {
		t.Run(name, func(t *testing.T) { expectClean(t, check(t, r)) })
	}
	// All four together, as one person's history, are clean too.
	expectClean(t, check(t, baseRequest(), baseAssessment(), baseService(), baseReview()))
}
