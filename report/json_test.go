package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// The --json contract: the file, each issue with its row, column, value,
// rule, severity, central consequence and message, and the summary.
func TestJSONShape(t *testing.T) {
	res := validate(t, writeCSV(t, t.TempDir(), []map[string]string{with(baseRow(), "Gender", "Femail")}))
	var b bytes.Buffer
	if err := WriteJSON(&b, res, true); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Release string `json:"release"`
		File    string `json:"file"`
		Rows    int    `json:"rows"`
		Issues  []struct {
			Row      int    `json:"row"`
			Column   string `json:"column"`
			Value    string `json:"value"`
			Rule     string `json:"rule"`
			Severity string `json:"severity"`
			Central  string `json:"central"`
			Message  string `json:"message"`
		} `json:"issues"`
		Summary map[string]any `json:"summary"`
	}
	dec := json.NewDecoder(&b)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	if doc.Release != "R1" || doc.Rows != 1 || len(doc.Issues) != len(res.Issues) {
		t.Fatalf("%+v", doc)
	}
	found := false
	for _, is := range doc.Issues {
		if is.Rule == "list-invalid" {
			found = true
			if is.Row != 2 || is.Column != "Gender" || is.Value != "Femail" || is.Severity != "error" || is.Central != "rejected" ||
				!strings.Contains(is.Message, "Did you mean 'Female'") || !strings.Contains(is.Message, "'Failed: Invalid'") {
				t.Fatalf("%+v", is)
			}
		}
		if is.Central == "" {
			t.Errorf("issue without its central consequence: %+v", is)
		}
	}
	if !found {
		t.Fatalf("no list-invalid issue: %+v", doc.Issues)
	}
	for _, k := range []string{"rows", "people", "errors", "warnings", "field_quality", "invalid_values", "issues_by_rule", "events_by_month",
		"rows_by_event_and_client_type", "by_central_consequence", "periods", "format", "spec_version", "header_row"} {
		if _, ok := doc.Summary[k]; !ok {
			t.Errorf("summary lacks %s", k)
		}
	}
}

// Masked JSON holds none of the fixture's personal values; unmasked JSON
// does (so the test can fail).
func TestJSONMasked(t *testing.T) {
	_, _, res := fixture(t)
	for _, mask := range []bool{true, false} {
		var b bytes.Buffer
		if err := WriteJSON(&b, res, mask); err != nil {
			t.Fatal(err)
		}
		if !json.Valid(b.Bytes()) {
			t.Fatal("not valid JSON")
		}
		for _, secret := range []string{rawNHS, rawDOBUK, rawPostcode} {
			if got := strings.Contains(b.String(), secret); got == mask {
				t.Errorf("mask %v: output contains %q: %v", mask, secret, got)
			}
		}
	}
}
