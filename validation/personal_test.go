package validation

import (
	"strings"
	"testing"
)

// Date of Death is personal data like Date of Birth: masked in every
// masked message, report and copy, shown only where the user asks.
// Before, "Date of Death 27/01/1966 is before Date of Birth **/**/1971"
// masked one date and not the other.
func TestDateOfDeathMaskedLikeDateOfBirth(t *testing.T) {
	for _, rel := range []Release{R1, R2} {
		s, err := LoadSpec(rel)
		if err != nil {
			t.Fatal(err)
		}
		dob, dod := s.Field("Date_of_Birth"), s.Field("Date_of_Death")
		if dob == nil || dod == nil {
			t.Fatalf("%s: no Date of Birth or Date of Death field", rel)
		}
		if dod.Personal != dob.Personal || !dod.Personal {
			t.Errorf("%s: Date of Death personal=%v, Date of Birth personal=%v", rel, dod.Personal, dob.Personal)
		}
	}
	res := check(t, baseRequest().with("Date of Death", "27/01/1940"))
	for _, is := range res.Issues {
		if res.Rule(is).ID != "death-before-birth" {
			continue
		}
		masked := res.Message(is, true)
		if strings.Contains(masked, "27/01/1940") || !strings.Contains(masked, "**/**/1940") {
			t.Errorf("masked message shows the Date of Death: %q", masked)
		}
		if !strings.Contains(res.Message(is, false), "27/01/1940") {
			t.Errorf("unmasked message hides it: %q", res.Message(is, false))
		}
		return
	}
	t.Fatalf("no death-before-birth issue:%s", found(res))
}
