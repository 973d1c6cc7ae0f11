package convert

import (
	"context"
	"crypto/sha256"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cldvalidator/validation"
)

func base() map[string]string {
	return map[string]string{
		"LA Code": "503", "Reporting Period Start Date": "01/10/2024", "Reporting Period End Date": "30/09/2025",
		"NHS Number": "9434765919", "LA Person Unique Identifier": "P1", "Gender": "Female", "Ethnicity": "White - Irish",
		"Date of Birth": "01/02/1950", "Client Type": "Service User", "Primary Support Reason": "Mental Health Support",
		"Postcode": "SW1A 1AA", "Accommodation Status": "Tenant", "Has Unpaid Carer": "No",
		"Client Funding Status": "Fully Social Care Funded", "Event Type": "Service", "Event Start Date": "01/05/2025",
		"Event Outcome": "Provision of service", "Service Type": "Long Term Support: Community", "Service Component": "Home Support",
		"Delivery Mechanism": "CASSR Commissioned Support",
	}
}

func writeRows(t *testing.T, name string, rows []map[string]string) string {
	t.Helper()
	s, _ := validation.LoadSpec(validation.R1)
	p := filepath.Join(t.TempDir(), name)
	f, _ := os.Create(p)
	w := csv.NewWriter(f)
	w.Write(s.Headers())
	for _, r := range rows {
		cells := make([]string, len(s.Headers()))
		for i, h := range s.Headers() {
			cells[i] = r[h]
		}
		w.Write(cells)
	}
	w.Flush()
	f.Close()
	return p
}

func check(t *testing.T, path string, rel validation.Release) *validation.Result {
	t.Helper()
	res, err := validation.ValidateFile(context.Background(), path, validation.Options{Release: rel})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// Every mapped Release 1 value converts to its Release 2 value, and the
// converted file passes Release 2's list checks for it.
func TestRoundTripEveryMappedValue(t *testing.T) {
	r2, _ := validation.LoadSpec(validation.R2)
	type want struct{ field, r1, r2 string }
	var rows []map[string]string
	var wants []want
	for key, pairs := range r2.R1ToR2 {
		f := r2.MustField(key)
		for _, p := range pairs {
			r := base()
			r[f.Name] = p.R1
			rows = append(rows, r)
			wants = append(wants, want{f.Name, p.R1, p.R2})
		}
	}
	in := writeRows(t, "r1.csv", rows)
	res := check(t, in, validation.R1)
	before, _ := os.ReadFile(in)
	for _, ext := range []string{".csv", ".xlsx"} {
		t.Run(ext, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "r2"+ext)
			sum, err := ToR2(out, res)
			if err != nil {
				t.Fatal(err)
			}
			conv := check(t, out, validation.R2)
			if conv.Table.Len() != len(rows) {
				t.Fatalf("%d rows, want %d", conv.Table.Len(), len(rows))
			}
			changed := 0
			for i, w := range wants {
				c := conv.FieldColumn(conv.Spec.Field(r2FieldKey(t, w.field)))
				got := conv.Table.Value(i, c)
				exp := w.r2
				if exp == "" {
					exp = w.r1 // no equivalent: kept for the user to re-code
				}
				if got != exp {
					t.Errorf("%s %q converted to %q, want %q", w.field, w.r1, got, exp)
				}
				if w.r2 != "" && w.r1 != w.r2 {
					changed++
				}
				for _, is := range conv.IssuesForRow(i) {
					id := conv.Rule(is).ID
					if conv.ColumnName(is) == w.field && w.r2 != "" && strings.HasPrefix(id, "list-") {
						t.Errorf("converted %s %q → %q still fails %s", w.field, w.r1, got, id)
					}
				}
			}
			if sum.ValuesChanged < changed || sum.NoEquivalent == 0 {
				t.Errorf("summary %+v (expected at least %d changes and some values without equivalent)", sum, changed)
			}
			// Converting the Release 2 copy again changes no list value.
			again := filepath.Join(t.TempDir(), "again"+ext)
			sum2, err := ToR2(again, conv)
			if err != nil {
				t.Fatal(err)
			}
			if sum2.ValuesChanged != 0 {
				t.Errorf("second conversion changed %d values", sum2.ValuesChanged)
			}
		})
	}
	after, _ := os.ReadFile(in)
	if sha256.Sum256(before) != sha256.Sum256(after) {
		t.Fatal("the input changed")
	}
}

func r2FieldKey(t *testing.T, name string) string {
	s, _ := validation.LoadSpec(validation.R2)
	for _, f := range s.Fields {
		if f.Name == name {
			return f.Key
		}
	}
	t.Fatalf("no field %s", name)
	return ""
}

func TestPreview(t *testing.T) {
	rows := []map[string]string{base(), base()}
	rows[1]["Event Outcome"] = "Progress to financial assessment"
	rows[1]["Event Type"] = "Request"
	res := check(t, writeRows(t, "p.csv", rows), validation.R1)
	m, err := validation.NewR2Mapper()
	if err != nil {
		t.Fatal(err)
	}
	prev := m.PreviewR2(res)
	find := func(field, from string) validation.ValueMap {
		for _, v := range prev {
			if v.Field == field && v.From == from {
				return v
			}
		}
		t.Fatalf("preview lacks %s %q", field, from)
		return validation.ValueMap{}
	}
	if v := find("Client Type", "Service User"); v.To != "Service user" || v.Outcome != validation.MapChanged || v.Rows != 2 {
		t.Errorf("%+v", v)
	}
	if v := find("Event Outcome", "Progress to financial assessment"); v.Outcome != validation.MapNoEquivalent {
		t.Errorf("%+v", v)
	}
	if v := find("Event Type", "Service"); v.Outcome != validation.MapUnchanged {
		t.Errorf("%+v", v)
	}
	if prev[0].Outcome != validation.MapNoEquivalent {
		t.Errorf("values needing attention should come first: %+v", prev[0])
	}
}

func TestRefusesToOverwriteInput(t *testing.T) {
	in := writeRows(t, "same.csv", []map[string]string{base()})
	res := check(t, in, validation.R1)
	if _, err := ToR2(in, res); err == nil || !strings.Contains(err.Error(), "never overwritten") {
		t.Fatalf("want refusal, got %v", err)
	}
	if _, err := ToR2(filepath.Join(t.TempDir(), "x.txt"), res); err == nil {
		t.Fatal("want an error for an unknown extension")
	}
}

// A valid Release 1 value whose Release 2 spelling is not published
// (Review Reason 'Planned') is labelled as such, counted apart from values
// of neither list, and the converted copy is not called mixed-release.
func TestR1ValueWithUnknownR2Spelling(t *testing.T) {
	review := base()
	for k, v := range map[string]string{"Event Type": "Review", "Event Start Date": "01/06/2025", "Event End Date": "10/06/2025",
		"Event Outcome": "No change in package", "Review Reason": "Planned", "Review Outcomes Achieved": "Fully Met",
		"Method of Review": "Service user only", "Delivery Mechanism": "", "Service Type": "", "Service Component": ""} {
		review[k] = v
	}
	odd := base()
	odd["Accommodation Status"] = "Castle"
	res := check(t, writeRows(t, "r1.csv", []map[string]string{base(), review, odd}), validation.R1)
	m, _ := validation.NewR2Mapper()
	var planned, castle validation.ValueMap
	for _, v := range m.PreviewR2(res) {
		switch v.From {
		case "Planned":
			planned = v
		case "Castle":
			castle = v
		}
	}
	if planned.Outcome != validation.MapR2Unknown || planned.Rows != 1 || castle.Outcome != validation.MapNotListed {
		t.Fatalf("Planned %+v, Castle %+v", planned, castle)
	}
	out := filepath.Join(t.TempDir(), "r2.csv")
	sum, err := ToR2(out, res)
	if err != nil {
		t.Fatal(err)
	}
	if sum.R2Unknown != 1 || sum.NotListed != 1 {
		t.Fatalf("summary %+v: want 1 value with an unknown Release 2 spelling and 1 of neither list", sum)
	}
	conv, err := validation.ValidateFile(context.Background(), out, validation.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if conv.Spec.Release != validation.R2 {
		t.Fatalf("the copy was read as %s", conv.Spec.Release)
	}
	for _, is := range conv.Issues {
		id := conv.Rule(is).ID
		if id == "release-mixed" {
			t.Errorf("the converted copy is called mixed-release: %s", conv.Message(is, false))
		}
		if conv.ColumnName(is) == "Review Reason" && id != "list-r1-value-r2-unknown" {
			t.Errorf("Review Reason 'Planned' raised %s: %s", id, conv.Message(is, false))
		}
	}
}
