package validation

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// Fuzz targets for the value parsers and header matching. Seed corpora sit
// in testdata/fuzz/<Target>/; .ci/run runs each target briefly.

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"01/05/2024", "1/5/2024", "31/02/2024", "29/02/2000", "00/00/0000", "99/99/9999", "//", "1/1/1", "01/05/2024 10:30", "2024-05-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		days, padded, ok, real := ParseDate(s)
		if !ok {
			if real || padded {
				t.Fatalf("%q: not a date but real=%v padded=%v", s, real, padded)
			}
			return
		}
		if !real {
			return
		}
		// A real date round-trips through day numbers and dd/mm/yyyy.
		back := FormatDays(days)
		d2, _, ok2, real2 := ParseDate(back)
		if !ok2 || !real2 || d2 != days {
			t.Fatalf("%q -> %d -> %q -> %d", s, days, back, d2)
		}
		tm := DateFromDays(days)
		if DaysFromDate(tm.Year(), int(tm.Month()), tm.Day()) != days {
			t.Fatalf("%q: calendar conversion does not round-trip", s)
		}
		if padded && back != s {
			t.Fatalf("%q is padded but formats as %q", s, back)
		}
	})
}

func FuzzDaysFromDate(f *testing.F) {
	f.Add(1970, 1, 1)
	f.Add(2024, 2, 29)
	f.Add(1, 1, 1)
	f.Add(9999, 12, 31)
	f.Fuzz(func(t *testing.T, y, m, d int) {
		if y < 1 || y > 9999 || !validYMD(y, m, d) {
			return
		}
		got := DaysFromDate(y, m, d)
		want := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if back := DateFromDays(got); !back.Equal(want) {
			t.Fatalf("%04d-%02d-%02d -> %d -> %v", y, m, d, got, back)
		}
		if cy, cm, cd := civilFromDays(got); cy != y || cm != m || cd != d {
			t.Fatalf("civilFromDays(%d) = %d-%d-%d, want %d-%d-%d", got, cy, cm, cd, y, m, d)
		}
	})
}

func FuzzValueCheckers(f *testing.F) {
	for _, s := range []string{"18.50", "£18.50", "-1", "1e5", ".5", "5.", "+", "1,234.50", "9434765919", "943 476 5919", "9.43E+09",
		"SW1A 1AA", "sw1a1aa", "A81001", "1-123456789", "E09000033", "NULL", " Female ", "femail", strings.Repeat("x", 300), "\xff\xfe"} {
		f.Add(s)
	}
	s1, _ := LoadSpec(R1)
	s2, _ := LoadSpec(R2)
	var checkers []*valueChecker
	for _, s := range []*Spec{s1, s2} {
		for _, fl := range s.Fields {
			checkers = append(checkers, newValueChecker(s, fl))
		}
	}
	f.Fuzz(func(t *testing.T, v string) {
		for _, vc := range checkers {
			vi, num := vc.check(v)
			if vi.rule != 0 && vc.rules.Get(vi.rule) == nil {
				t.Fatalf("%s: unknown rule", vc.field.Name)
			}
			if vi.canon >= int16(len(vc.field.Values)) {
				t.Fatalf("%s %q: list index %d out of range", vc.field.Name, v, vi.canon)
			}
			if vi.flags&vHasNum != 0 && num != num {
				t.Fatalf("%s %q: NaN", vc.field.Name, v)
			}
			if vi.blank() && strings.TrimSpace(v) != "" && !strings.EqualFold(strings.TrimSpace(v), "NULL") {
				t.Fatalf("%s %q classed blank", vc.field.Name, v)
			}
		}
	})
}

func FuzzNHSNumber(f *testing.F) {
	for _, s := range []string{"9434765919", "9434765918", "0000000000", "123", "94347659190", "abcdefghij"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ok := ValidNHSNumber(s)
		if ok && (len(s) != 10 || !allDigits(s)) {
			t.Fatalf("%q accepted", s)
		}
		if ok {
			// Changing any single digit breaks the check (modulus 11 catches every single-digit error).
			for i := 0; i < 10; i++ {
				b := []byte(s)
				b[i] = '0' + (b[i]-'0'+1)%10
				if ValidNHSNumber(string(b)) {
					t.Fatalf("%q and %q both valid", s, b)
				}
			}
		}
	})
}

func FuzzHeaderMatch(f *testing.F) {
	for _, s := range []string{"Event Start Date", "event_start_date", "EVENT-START-DATE", "Cost Frequency (Unit Type)", "ASD", "", "\u00a0", "Ñame"} {
		f.Add(s)
	}
	s1, _ := LoadSpec(R1)
	f.Fuzz(func(t *testing.T, h string) {
		fl, exact := s1.HeaderField(h)
		if exact && (fl == nil || fl.Name != strings.TrimSpace(h)) {
			t.Fatalf("%q exact but field %v", h, fl)
		}
		if fl != nil && !exact && NormalizeHeader(h) == "" {
			t.Fatalf("%q matched %s from nothing", h, fl.Name)
		}
		if utf8.ValidString(h) {
			_ = s1.HeaderScore([]string{h, h})
		}
	})
}
