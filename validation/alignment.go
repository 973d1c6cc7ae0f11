package validation

import (
	"fmt"
	"strings"

	"cldvalidator/reader"
)

// A file whose rows do not line up with its header — every value one or
// two columns to the right or left of its heading, as when an export adds
// or loses a value at the start of each row — cannot be checked: every
// check would judge the wrong value, and values that are personal would
// be reported under headings that are not (an NHS Number as the Person
// ID, a postcode as an Accommodation Status), where masking does not hide
// them. Such a file is refused in one sentence, like a file that is not
// CLD (rules.md A1.0), before anything is checked or written.
//
// It is recognised from the columns whose values have an unmistakable
// shape: the NHS Number (ten digits), the Postcode, the Date of Birth.
// When those columns hardly ever hold such values while the columns the
// same distance beside them nearly always do, the rows are shifted.

// anchor is a column whose values have a recognisable shape.
type anchor struct {
	key   string
	what  string // plural, for the message
	looks func(string) bool
}

var anchors = []anchor{
	{"NHS_Number", "NHS Numbers", func(v string) bool {
		d := strings.ReplaceAll(strings.ReplaceAll(v, " ", ""), "-", "")
		if len(d) != 10 {
			return false
		}
		for i := 0; i < len(d); i++ {
			if d[i] < '0' || d[i] > '9' {
				return false
			}
		}
		return true
	}},
	{"Postcode", "postcodes", func(v string) bool { return ValidPostcode(v) }},
	{"Date_of_Birth", "dates of birth", func(v string) bool { _, _, ok, _ := ParseDate(v); return ok }},
}

// misaligned checks the first batch of rows against the header and
// refuses a file whose rows are shifted against it.
// name is the file's name as the user knows it (taken before the reader
// started: the source's Info may change while it reads).
func misaligned(name string, header []string, b *reader.Batch) error {
	if b == nil || b.Len() < 5 {
		return nil
	}
	var specs []*Spec
	for _, rel := range []Release{R1, R2} {
		s, err := LoadSpec(rel)
		if err != nil {
			return err
		}
		specs = append(specs, s)
	}
	var found []shiftedAnchor
	tested := 0
	for _, a := range anchors {
		col := a.column(header, specs)
		if col < 0 {
			continue
		}
		shift, ok, testable := a.shifted(b, col)
		if !testable {
			continue // nothing to go by in this column
		}
		tested++
		if ok {
			found = append(found, shiftedAnchor{a, col, shift})
		}
	}
	// One shifted column among several that line up is a data problem
	// (reported by the checks); all of them shifted the same way is the
	// file.
	if len(found) == 0 || len(found) < tested {
		return nil
	}
	for _, f := range found[1:] {
		if f.shift != found[0].shift {
			return nil
		}
	}
	return shiftedRowsError(name, header, found)
}

// shiftedAnchor is an anchor column whose values are shift columns away
// from it.
type shiftedAnchor struct {
	a     anchor
	col   int
	shift int
}

// column is the anchor's column in header (its heading in either
// release), or -1.
func (a anchor) column(header []string, specs []*Spec) int {
	for c, h := range header {
		for _, spec := range specs {
			if f, _ := spec.HeaderField(h); f != nil && f.Key == a.key {
				return c
			}
		}
	}
	return -1
}

// share is the share of column c's non-blank values in b that look like
// the anchor's, and how many values there are.
func (a anchor) share(b *reader.Batch, c int) (float64, int) {
	if c < 0 || c >= b.NCols {
		return 0, 0
	}
	n, hit := 0, 0
	for r := 0; r < b.Len(); r++ {
		v := strings.TrimSpace(string(b.Cell(r, c)))
		if v == "" {
			continue
		}
		n++
		if a.looks(v) {
			hit++
		}
	}
	if n == 0 {
		return 0, 0
	}
	return float64(hit) / float64(n), n
}

// shifted reports whether the anchor's values hardly ever sit in its
// column col while a column one or two away nearly always holds them,
// and which way (shift); testable is false when neither the column nor
// its neighbours have anything to go by.
func (a anchor) shifted(b *reader.Batch, col int) (shift int, ok, testable bool) {
	// In place: the share of all rows (a column of mostly blanks, such
	// as a Date of Death moved under Date of Birth, lines up with
	// nothing).
	hereShare, n := a.share(b, col)
	here := hereShare * float64(n) / float64(b.Len())
	best, bestShift := 0.0, 0
	for _, d := range []int{-2, -1, 1, 2} {
		if s, m := a.share(b, col+d); m*2 >= b.Len() && s > best {
			best, bestShift = s, d
		}
	}
	if n == 0 && best == 0 {
		return 0, false, false
	}
	return bestShift, here < 0.2 && best >= 0.8, true
}

// shiftedRowsError is the refusal of a file whose anchors are all shifted
// the same way, in one sentence naming where each one's values are.
func shiftedRowsError(name string, header []string, found []shiftedAnchor) error {
	d := found[0].shift
	dir, n := "right", d
	if d < 0 {
		dir, n = "left", -d
	}
	cols := "one column"
	if n == 2 {
		cols = "two columns"
	}
	var where []string
	for _, f := range found {
		where = append(where, fmt.Sprintf("the %s are under '%s', not '%s'", f.a.what, header[f.col+d], header[f.col]))
	}
	cause := "the export probably added a value at the start of each row, or lost a heading"
	if d < 0 {
		cause = "the export probably lost a value at the start of each row, or added a heading"
	}
	return &reader.Error{Name: name, Message: fmt.Sprintf(
		"the rows do not line up with the header row: the values are %s to the %s of their headings (%s), so the file was not checked — %s. Export it again and check the first rows under their headings.",
		cols, dir, strings.Join(where, "; "), cause)}
}
