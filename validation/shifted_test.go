package validation

import (
	"strings"
	"testing"
)

// A row whose values moved one column along (a value lost at its start)
// is named, and every value on it is masked.
func TestRowShifted(t *testing.T) {
	hdr := r1Headers(t)
	good := table(t, hdr, baseService(), baseRequest().with("LA Person Unique Identifier", "P2", "NHS Number", "4010232137"))
	lines := strings.Split(strings.TrimSuffix(good, "\n"), "\n")
	// The third line loses its first value: every value moves one to the left.
	cells := strings.Split(lines[2], "\t")
	lines[2] = strings.Join(append(cells[1:], ""), "\t")
	res := checkText(t, R1, strings.Join(lines, "\n")+"\n")
	msg := expect(t, res, "row-shifted", 3, "NHS Number")
	mustContain(t, msg, "look shifted against the headers", "NHS Number does not hold what it should")
	if !res.RowShifted(1) || res.RowShifted(0) {
		t.Fatalf("shifted rows: row 3 %v, row 2 %v", res.RowShifted(1), res.RowShifted(0))
	}
	for _, is := range res.Issues {
		if is.Row == 1 && strings.Contains(res.Message(is, true)+res.Value(is, true)+res.PersonID(1, true), "4010232137") {
			t.Fatalf("a shifted row's NHS Number shows in masked output: %s", res.Message(is, true))
		}
	}
	// A wrong NHS Number with nothing like one beside it is just wrong.
	res = check(t, baseService().with("NHS Number", "123"))
	expectNone(t, res, "row-shifted")
	if res.RowShifted(0) {
		t.Fatal("a row with a short NHS Number is not shifted")
	}
}
