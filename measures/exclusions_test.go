package measures

import (
	"slices"
	"strings"
	"testing"
)

// One test per reason a row is left out (testdata/exclusions.md): the
// row, the reason and its detail, and that the figure does not count it.

// leftRows is the spreadsheet rows a table left out for a reason whose
// detail contains detail.
func leftRows(rep *Report, tb *Table, reason Reason, detail string) []int {
	var out []int
	for _, e := range tb.Exclusions {
		if e.Reason == reason && strings.Contains(e.Detail, detail) {
			for _, r := range e.Rows {
				out = append(out, rep.RowNumber(r))
			}
		}
	}
	slices.Sort(out)
	return out
}

func exclusionTables(t *testing.T) (*Report, *Table, *Table) {
	_, rep := compute(t, "exclusions.csv")
	lts := table(t, rep, "LTS001a", "LTS001a T1b")
	want(t, lts, "Mental Health Support | Community: CASSR Commissioned Support = 3", "Mental Health Support | Total = 3")
	asc := table(t, rep, "ASCOF 2E", "ASCOF 2E 65+")
	// DHSC's simpler person id makes X5's row without an NHS Number a
	// second person (see exclusions.md).
	want(t, asc, "Female | Numerator = 4", "Female | Denominator = 4", "Total | Numerator = 4", "Total | Denominator = 4")
	return rep, lts, asc
}

func TestLeftOutInvalidValue(t *testing.T) {
	rep, lts, _ := exclusionTables(t)
	if got := leftRows(rep, lts, ReasonInvalid, "Service Type: Value not in the defined list"); !slices.Equal(got, []int{3}) {
		t.Errorf("invalid value: rows %v, want [3]%s", got, describeLeft(lts))
	}
}

func TestLeftOutOutsidePeriod(t *testing.T) {
	rep, lts, _ := exclusionTables(t)
	if got := leftRows(rep, lts, ReasonPeriod, "ended before 01/04/2024"); !slices.Equal(got, []int{4}) {
		t.Errorf("outside the period: rows %v, want [4]%s", got, describeLeft(lts))
	}
}

func TestLeftOutDuplicate(t *testing.T) {
	rep, lts, asc := exclusionTables(t)
	if got := leftRows(rep, asc, ReasonDuplicate, "the same event as row 6"); !slices.Equal(got, []int{5}) {
		t.Errorf("duplicate: rows %v, want [5]%s", got, describeLeft(asc))
	}
	if left(lts, ReasonDuplicate, "") != 0 {
		t.Errorf("NHS England's LTS001a has no duplicate step (one file is one submission)")
	}
}

func TestLeftOutNoPersonID(t *testing.T) {
	rep, lts, _ := exclusionTables(t)
	if got := leftRows(rep, lts, ReasonNoPerson, "has an NHS Number on other rows"); !slices.Equal(got, []int{7}) {
		t.Errorf("no person id: rows %v, want [7]%s", got, describeLeft(lts))
	}
}

func TestLeftOutNoAge(t *testing.T) {
	rep, lts, asc := exclusionTables(t)
	if got := leftRows(rep, lts, ReasonNoAge, "Date of Birth"); !slices.Equal(got, []int{9}) {
		t.Errorf("no age: rows %v, want [9]%s", got, describeLeft(lts))
	}
	if got := leftRows(rep, asc, ReasonNoAge, ""); !slices.Equal(got, []int{9}) {
		t.Errorf("ASCOF 2E no age: rows %v, want [9]%s", got, describeLeft(asc))
	}
}
