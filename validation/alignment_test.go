package validation

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"cldvalidator/reader"
)

// rowsShifted is a file of n people whose data rows are moved by shift
// columns against the header (positive: right).
func rowsShifted(t *testing.T, n, shift int) string {
	t.Helper()
	var rows []row
	for i := 0; i < n; i++ {
		rows = append(rows, baseService().with("LA Person Unique Identifier", fmt.Sprintf("P%d", i), "Event Reference", fmt.Sprintf("E%d", i)))
	}
	lines := strings.Split(strings.TrimSuffix(table(t, r1Headers(t), rows...), "\n"), "\n")
	for i := 1; i < len(lines); i++ {
		switch {
		case shift > 0:
			lines[i] = strings.Repeat("\t", shift) + lines[i]
		case shift < 0:
			lines[i] = strings.Join(strings.Split(lines[i], "\t")[-shift:], "\t")
		}
	}
	return strings.Join(lines, "\n") + "\n"
}

// Rows shifted against their header are refused before anything is
// checked: every check would judge the wrong value, and personal values
// would be reported under headings that are not masked.
func TestRowsShiftedAgainstTheHeader(t *testing.T) {
	for _, c := range []struct {
		shift int
		want  string
	}{
		{1, "one column to the right of their headings (the NHS Numbers are under 'LA Person Unique Identifier', not 'NHS Number'"},
		{-1, "one column to the left of their headings (the NHS Numbers are under 'Reporting Period End Date', not 'NHS Number'"},
		{2, "two columns to the right"},
	} {
		_, err := validateText(t, rowsShifted(t, 30, c.shift))
		var re *reader.Error
		if !errors.As(err, &re) || !strings.Contains(re.Message, "the rows do not line up with the header row") || !strings.Contains(re.Message, c.want) {
			t.Errorf("shift %d: %v", c.shift, err)
			continue
		}
		if strings.Contains(re.Message, "9434765919") || strings.Contains(re.Message, "SW1A") {
			t.Errorf("the message quotes the data: %s", re.Message)
		}
	}
	// Lined up: checked, whatever else is wrong.
	if _, err := validateText(t, rowsShifted(t, 30, 0)); err != nil {
		t.Errorf("aligned rows refused: %v", err)
	}
	// A value after the last heading on every row is not a shift.
	extra := strings.ReplaceAll(rowsShifted(t, 30, 0), "\n", "\t99\n")
	extra = strings.Replace(extra, "\t99\n", "\n", 1) // not on the header
	if _, err := validateText(t, extra); err != nil {
		t.Errorf("an extra trailing column refused: %v", err)
	}
	// One column of wrong values among others that line up is data to
	// report, not a shifted file.
	var rows []row
	for i := 0; i < 30; i++ {
		rows = append(rows, baseService().with("NHS Number", "", "LA Person Unique Identifier", "4010232137", "Event Reference", fmt.Sprintf("E%d", i)))
	}
	if _, err := validateText(t, table(t, r1Headers(t), rows...)); err != nil {
		t.Errorf("NHS Numbers in the wrong column only: %v", err)
	}
	// Too few rows to tell: checked.
	if _, err := validateText(t, rowsShifted(t, 3, 1)); err != nil {
		t.Errorf("three rows: %v", err)
	}
}
