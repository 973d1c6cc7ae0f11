package validation

import (
	"strings"
	"testing"
)

// A non-breaking space in a postcode looks like a space: the warning names
// the character and where it is (never repeating the postcode, which is
// personal), and suggests the postcode with an ordinary space.
func TestPostcodeWithALookalikeSpace(t *testing.T) {
	for _, c := range []struct {
		value, name string
		pos         string
	}{
		{"SW1A\u00a01AA", "non-breaking space (U+00A0)", "5th of 8 characters"},
		{"SW1A\u202f1AA", "narrow non-breaking space (U+202F)", "5th of 8 characters"},
		{"SW1A 1\u200bAA", "zero-width space (U+200B)", "7th of 9 characters"},
	} {
		res := check(t, baseService().with("Postcode", c.value))
		msg := expect(t, res, "postcode-format", 2, "Postcode")
		mustContain(t, msg, c.name, c.pos)
		for _, is := range res.Issues {
			if res.Rule(is).ID != "postcode-format" {
				continue
			}
			masked := res.Message(is, true)
			if strings.Contains(masked, "1AA") || !strings.Contains(masked, c.name) {
				t.Errorf("masked message %q shows the postcode or hides the character", masked)
			}
			if s := res.Suggestion(is, false); s != "SW1A 1AA" {
				t.Errorf("suggestion %q", s)
			}
		}
	}
	// An ordinary postcode is untouched.
	expectNone(t, check(t, baseService().with("Postcode", "SW1A 1AA")), "postcode-format")
}

func TestOrdinal(t *testing.T) {
	for n, want := range map[int]string{1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 11: "11th", 12: "12th", 13: "13th", 21: "21st", 22: "22nd", 101: "101st", 111: "111th"} {
		if got := ordinal(n); got != want {
			t.Errorf("ordinal(%d) = %q", n, got)
		}
	}
}
