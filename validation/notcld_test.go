package validation

import (
	"context"
	"errors"
	"strings"
	"testing"

	"cldvalidator/reader"
)

// validateText validates tab-separated text and returns the error.
func validateText(t *testing.T, text string) (*Result, error) {
	t.Helper()
	src, err := reader.FromText(text, ReaderOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	return Validate(context.Background(), src, Options{Workers: 2})
}

// Rows copied without their header row (rules.md A1.0): one plain
// sentence, and nothing of the first row (a person's details) in it.
func TestNotCLDHeaderless(t *testing.T) {
	full := table(t, r1Headers(t), baseService(), baseRequest())
	_, data, _ := strings.Cut(full, "\n")
	res, err := validateText(t, data)
	var re *reader.Error
	if !errors.As(err, &re) || res != nil {
		t.Fatalf("want a reader.Error and no result, got %v, %v", res, err)
	}
	msg := err.Error()
	mustContain(t, msg, "does not look like a CLD file", "header row", "names none of the")
	for _, personal := range []string{"9434765919", "Ann", "Smith", "01/02/1950", "SW1A", "P1"} {
		if strings.Contains(msg, personal) {
			t.Errorf("message %q shows the first row's %q", msg, personal)
		}
	}
}

// A letter or report: a few words that are not template headers.
func TestNotCLDLetter(t *testing.T) {
	_, err := validateText(t, "Dear colleague\nPlease find attached the quarterly return.\nRegards\n")
	if err == nil || !strings.Contains(err.Error(), "does not look like a CLD file") {
		t.Fatalf("want not-a-CLD-file, got %v", err)
	}
}

// The boundary: a header naming exactly the minimum number of template
// columns is a CLD header (the rest are reported missing), one fewer is not.
func TestNotCLDBoundary(t *testing.T) {
	s, _ := LoadSpec(R1)
	min := s.Checks.Limits.MinHeaderColumns
	hdr := s.Headers()[:min]
	vals := make([]string, min)
	base := baseService()
	for i, h := range hdr {
		vals[i] = base[h]
	}
	text := strings.Join(hdr, "\t") + "\n" + strings.Join(vals, "\t") + "\n"
	res, err := validateText(t, text)
	if err != nil {
		t.Fatalf("a header naming %d template columns should be checked: %v", min, err)
	}
	expect(t, res, "column-missing", 0, "Gender")

	short := strings.Join(hdr[:min-1], "\t") + "\tNotes\n" + strings.Join(vals[:min-1], "\t") + "\tx\n"
	if _, err := validateText(t, short); err == nil || !strings.Contains(err.Error(), "names only ") {
		t.Fatalf("a header naming %d template columns is not a CLD header; got %v", min-1, err)
	}
}
