package validation

import (
	"cldvalidator/reader"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// A file of nothing but long, different values is refused once what it
// would keep in memory passes MaxHeldText, naming the column.
func TestHeldTextBounded(t *testing.T) {
	defer func(v int64) { MaxHeldText = v }(MaxHeldText)
	MaxHeldText = 64 << 10
	var rows []row
	for i := 0; i < 40; i++ {
		rows = append(rows, baseService().with("Event Reference", fmt.Sprintf("E%d", i), "GP Practice Name", fmt.Sprintf("%04d%s", i, strings.Repeat("z", 4000))))
	}
	_, err := validateText(t, table(t, r1Headers(t), rows...))
	var re *reader.Error
	if !errors.As(err, &re) || !errors.Is(err, reader.ErrLimit) || !strings.Contains(re.Message, "in column 'GP Practice Name'") || !strings.Contains(re.Message, "more than 64 KB of different values") {
		t.Fatalf("err %v", err)
	}
	MaxHeldText = 1 << 20
	if _, err := validateText(t, table(t, r1Headers(t), rows...)); err != nil {
		t.Errorf("under the limit: %v", err)
	}
}
