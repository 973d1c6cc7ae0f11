package validation

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Characters that look like an ordinary space, or like nothing at all, but
// are not: copied from web pages, Word or other systems, they make a value
// fail a check while it looks right on screen. Messages name them, since a
// value shown between quotes cannot show them.
var lookalikeNames = map[rune]string{
	'\t':   "a tab",
	0x00A0: "a non-breaking space (U+00A0)",
	0x00AD: "an invisible soft hyphen (U+00AD)",
	0x2002: "an en space (U+2002)",
	0x2003: "an em space (U+2003)",
	0x2007: "a figure space (U+2007)",
	0x2009: "a thin space (U+2009)",
	0x200A: "a hair space (U+200A)",
	0x200B: "an invisible zero-width space (U+200B)",
	0x200C: "an invisible zero-width non-joiner (U+200C)",
	0x200D: "an invisible zero-width joiner (U+200D)",
	0x202F: "a narrow non-breaking space (U+202F)",
	0x2060: "an invisible word joiner (U+2060)",
	0x3000: "an ideographic space (U+3000)",
	0xFEFF: "an invisible zero-width no-break space (U+FEFF)",
}

// lookalike finds the first character of s that only looks like a space
// (or like nothing): its description and its position (1 = first
// character). ok is false when there is none.
func lookalike(s string) (name string, pos int, ok bool) {
	pos = 0
	for _, r := range s {
		pos++
		if n, bad := lookalikeNames[r]; bad {
			return n, pos, true
		}
	}
	return "", 0, false
}

// withoutLookalikes replaces space look-alikes by ordinary spaces and drops
// the invisible ones.
func withoutLookalikes(s string) string {
	var b strings.Builder
	for _, r := range s {
		if n, bad := lookalikeNames[r]; bad {
			if strings.HasPrefix(n, "an invisible") {
				continue
			}
			r = ' '
		}
		b.WriteRune(r)
	}
	return b.String()
}

// lookalikeDetail says which character is wrong and where, without
// repeating the value (which may be personal): "its 5th character is a
// non-breaking space (U+00A0), not an ordinary space".
func lookalikeDetail(s string) (string, bool) {
	name, pos, ok := lookalike(s)
	if !ok {
		return "", false
	}
	what := "not an ordinary space"
	if strings.HasPrefix(name, "an invisible") {
		what = "which cannot be seen"
	}
	n := utf8.RuneCountInString(s)
	return fmt.Sprintf("its %s of %d characters is %s, %s: delete it and type an ordinary space where one belongs", ordinal(pos), n, name, what), true
}

// ordinal is "1st", "2nd", "3rd", "4th"...
func ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return fmt.Sprintf("%d%s", n, suffix)
}
