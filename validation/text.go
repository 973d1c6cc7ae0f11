package validation

// Text helpers every message and view uses, so counts and lists read the
// same everywhere.

import (
	"strconv"
	"strings"
)

// Commas writes a count with thousands separators, as Excel shows it
// (1234567 → 1,234,567). Every view uses it, so counts read the same.
func Commas(n int) string {
	if n < 0 {
		return "-" + Commas(-n)
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Plural writes a count with its noun: "1 error", "2,500 errors".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return Commas(n) + " " + many
}

// describeAnd writes a list for messages: "A, B and C".
func describeAnd(vs []string) string {
	if len(vs) <= 1 {
		return strings.Join(vs, "")
	}
	return strings.Join(vs[:len(vs)-1], ", ") + " and " + vs[len(vs)-1]
}

// describeList writes a list of labels for messages: 'A', 'B' or 'C'.
func describeList(vs []string) string {
	switch len(vs) {
	case 0:
		return ""
	case 1:
		return vs[0]
	}
	return strings.Join(vs[:len(vs)-1], ", ") + " or " + vs[len(vs)-1]
}

// article puts "a" or "an" before an event type ("an Assessment").
func article(ev string) string {
	if strings.TrimSpace(ev) == "" {
		return "a row without an Event Type"
	}
	if strings.ContainsAny(strings.ToLower(ev[:1]), "aeiou") {
		return "an " + ev
	}
	return "a " + ev
}

// quoteOrBlank quotes a value, or says it is blank.
func quoteOrBlank(v string) string {
	if strings.TrimSpace(v) == "" {
		return "blank"
	}
	return "'" + v + "'"
}

// containsFold reports whether a list holds v, ignoring case, spaces and
// punctuation.
func containsFold(list []string, v string) bool {
	n := NormalizeValue(v)
	for _, l := range list {
		if NormalizeValue(l) == n {
			return true
		}
	}
	return false
}
