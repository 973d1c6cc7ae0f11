package compare

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"cldvalidator/sample"
	"cldvalidator/validation"
)

type row map[string]string

// event builds a valid row for person p: a service (open) or a completed
// request, with the reporting period given.
func event(p int, typ, start, end, periodStart, periodEnd string) row {
	r := row{
		"LA Code": "503", "Reporting Period Start Date": periodStart, "Reporting Period End Date": periodEnd,
		"LA Person Unique Identifier": fmt.Sprintf("P%04d", p), "NHS Number": nhs(p), "Gender": "Female", "Ethnicity": "White - Irish",
		"Date of Birth": "01/02/1950", "Client Type": "Service User", "Postcode": "SW1A 1AA",
		"Accommodation Status": "Tenant", "Has Unpaid Carer": "No", "Event Type": typ,
		"Event Start Date": start, "Event End Date": end, "Event Reference": fmt.Sprintf("%s-%d-%s", typ, p, start),
	}
	switch typ {
	case "Request":
		r["Request: Route of Access"] = "Community / Other route"
		r["Event Outcome"] = "Progress to Assessment"
	case "Service":
		r["Primary Support Reason"] = "Mental Health Support"
		r["Client Funding Status"] = "Fully Social Care Funded"
		r["Service Type"] = "Long Term Support: Community"
		r["Service Component"] = "Home Support"
		r["Delivery Mechanism"] = "CASSR Commissioned Support"
		r["Event Outcome"] = "Provision of service"
		if end != "" {
			r["Event Outcome"] = "Service ended as planned"
		}
	}
	return r
}

// nhs makes a valid NHS Number for person p.
func nhs(p int) string {
	for base := 400000000 + p*10; ; base++ {
		s := fmt.Sprintf("%09d", base)
		sum := 0
		for i := 0; i < 9; i++ {
			sum += int(s[i]-'0') * (10 - i)
		}
		c := 11 - sum%11
		if c == 11 {
			c = 0
		}
		if c != 10 {
			return s + fmt.Sprint(c)
		}
	}
}

func writeCSV(t *testing.T, name string, rows []row) string {
	t.Helper()
	s, _ := validation.LoadSpec(validation.R1)
	p := filepath.Join(t.TempDir(), name)
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
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

func validate(t testing.TB, path string) *validation.Result {
	t.Helper()
	res, err := validation.ValidateFile(context.Background(), path, validation.Options{Release: validation.R1})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// A pair of consecutive quarterly files with known differences.
func TestCompareKnownDifferences(t *testing.T) {
	const oS, oE = "01/07/2024", "30/06/2025" // old period
	const nS, nE = "01/10/2024", "30/09/2025" // new period; overlap 01/10/2024 - 30/06/2025
	var old, new []row
	// 20 people with an open service since 2023: present in both.
	for p := 1; p <= 20; p++ {
		old = append(old, event(p, "Service", "01/01/2023", "", oS, oE))
		new = append(new, event(p, "Service", "01/01/2023", "", nS, nE))
	}
	// 10 requests completed inside the overlap: 7 carried over, 3 missing from the new file.
	for p := 21; p <= 30; p++ {
		old = append(old, event(p, "Request", "01/11/2024", "05/11/2024", oS, oE))
		if p <= 27 {
			new = append(new, event(p, "Request", "01/11/2024", "05/11/2024", nS, nE))
		}
	}
	// 4 requests completed before the overlap (July-Sept 2024): rightly dropped, not "missing".
	for p := 31; p <= 34; p++ {
		old = append(old, event(p, "Request", "01/08/2024", "05/08/2024", oS, oE))
	}
	// 2 services whose end date was added (same Event Reference): changed.
	for p := 35; p <= 36; p++ {
		old = append(old, event(p, "Service", "01/03/2024", "", oS, oE))
		new = append(new, event(p, "Service", "01/03/2024", "31/08/2025", nS, nE))
	}
	// 5 new requests in the new quarter.
	for p := 37; p <= 41; p++ {
		new = append(new, event(p, "Request", "01/08/2025", "05/08/2025", nS, nE))
	}
	// Issues: one fixed (bad gender in old only), one still present, one new.
	old[0]["Gender"] = "Femail"
	old[1]["Postcode"] = ""
	new[1]["Postcode"] = ""
	new[2]["Ethnicity"] = "White British"

	c := Compare(validate(t, writeCSV(t, "old.csv", old)), validate(t, writeCSV(t, "new.csv", new)), true)
	if c.Overlap != "01/10/2024 to 30/06/2025" {
		t.Fatalf("overlap %q", c.Overlap)
	}
	want := Counts{OldEvents: 36, NewEvents: 34, InOverlap: 32, Matched: 29, Missing: 3, Added: 5, Changed: 2,
		IssuesNew: 1, IssuesGone: 1, IssuesStill: 2, ErrorsOld: 2, ErrorsNew: 2} // still: the postcode, and both files' missing derived period
	if c.Counts != want {
		for _, d := range c.Issues {
			t.Logf("%s %s %s %s row %d/%d: %s", d.State, d.Severity, d.Rule, d.Column, d.OldRow, d.NewRow, d.Message)
		}
		t.Fatalf("counts\n got %+v\nwant %+v", c.Counts, want)
	}
	for _, m := range c.Missing {
		if m.EventType != "Request" || m.Person < "P0028" || m.Person > "P0030" {
			t.Fatalf("unexpected missing event %+v", m)
		}
	}
	for _, ch := range c.Changed {
		if len(ch.Fields) != 2 || ch.Fields[0].Field != "Event End Date" || ch.Fields[0].New != "31/08/2025" || ch.Fields[1].Field != "Event Outcome" {
			t.Fatalf("unexpected change %+v", ch)
		}
	}
	for _, d := range c.Issues {
		t.Logf("%s %s %s %s row %d/%d: %s", d.State, d.Severity, d.Rule, d.Column, d.OldRow, d.NewRow, d.Message)
	}
	states := map[IssueState][]string{}
	for _, d := range c.Issues {
		states[d.State] = append(states[d.State], d.Rule+" "+d.Column)
	}
	if !slices.Equal(states[IssueNew], []string{"list-invalid Ethnicity"}) || !slices.Equal(states[IssueResolved], []string{"list-invalid Gender"}) ||
		!slices.Contains(states[IssueStill], "mandatory-blank Postcode") || !slices.Contains(states[IssueStill], "period-no-derived Reporting Period Start Date") {
		t.Fatalf("issue states %v", states)
	}
}

// Without Event References, events are matched on DHSC's key fields.
func TestCompareMatchesWithoutReferences(t *testing.T) {
	const pS, pE = "01/10/2024", "30/09/2025"
	var old, new []row
	for p := 1; p <= 5; p++ {
		o := event(p, "Request", "01/11/2024", "05/11/2024", pS, pE)
		n := event(p, "Request", "01/11/2024", "05/11/2024", pS, pE)
		o["Event Reference"], n["Event Reference"] = "", ""
		old, new = append(old, o), append(new, n)
	}
	new[4]["Request: Route of Access"] = "Prison" // a different event now
	c := Compare(validate(t, writeCSV(t, "a.csv", old)), validate(t, writeCSV(t, "b.csv", new)), true)
	if c.Counts.Matched != 4 || c.Counts.Missing != 1 || c.Counts.Added != 1 {
		t.Fatalf("counts %+v", c.Counts)
	}
}

// Release 1 and Release 2 spellings of the same event match.
func TestCompareAcrossReleases(t *testing.T) {
	const pS, pE = "01/10/2024", "30/09/2025"
	old := []row{event(1, "Service", "01/01/2024", "", pS, pE)}
	n := event(1, "Service", "01/01/2024", "", pS, pE)
	n["Client Type"], n["Service Type"], n["Event Reference"] = "Service user", "Long term support: Community", ""
	c := Compare(validate(t, writeCSV(t, "a.csv", old)), validate(t, writeCSV(t, "b.csv", []row{n})), true)
	if c.Counts.Matched != 1 || c.Counts.Changed != 0 {
		t.Fatalf("counts %+v changes %+v", c.Counts, c.Changed)
	}
}

// A generated submission and a copy with known differences: rows removed
// (events missing from the newer file) and outcomes changed on others.
func TestCompareGeneratedPair(t *testing.T) {
	dir := t.TempDir()
	older := filepath.Join(dir, "older.csv")
	if _, err := sample.WriteFile(older, sample.Options{Rows: 3000, Seed: 11, ErrorRate: 0.02}); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(older)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	header := recs[0]
	col := func(name string) int {
		for i, h := range header {
			if strings.TrimPrefix(h, "\ufeff") == name {
				return i
			}
		}
		t.Fatalf("no column %s", name)
		return -1
	}
	evType, ref, outcome, eed := col("Event Type"), col("Event Reference"), col("Event Outcome"), col("Event End Date")
	var kept [][]string
	removed, changed := 0, 0
	for i, r := range recs[1:] {
		isEvent := r[evType] != "" && r[ref] != ""
		switch {
		case isEvent && i%97 == 5:
			removed++ // dropped from the newer file
			continue
		case isEvent && i%89 == 7 && r[evType] == "Request" && r[eed] != "":
			r = append([]string(nil), r...)
			if r[outcome] == "NFA - Support declined" {
				r[outcome] = "Progress to Assessment"
			} else {
				r[outcome] = "NFA - Support declined"
			}
			changed++
		}
		kept = append(kept, r)
	}
	newer := filepath.Join(dir, "newer.csv")
	nf, _ := os.Create(newer)
	w := csv.NewWriter(nf)
	w.Write(header)
	w.WriteAll(kept)
	nf.Close()
	if removed == 0 || changed == 0 {
		t.Fatalf("test data: removed %d changed %d", removed, changed)
	}
	c := Compare(validate(t, older), validate(t, newer), true)
	if c.Counts.Missing != removed {
		t.Errorf("missing %d, want %d", c.Counts.Missing, removed)
	}
	if c.Counts.Changed != changed {
		t.Errorf("changed %d, want %d", c.Counts.Changed, changed)
	}
	for _, ch := range c.Changed {
		if len(ch.Fields) != 1 || ch.Fields[0].Field != "Event Outcome" {
			t.Errorf("unexpected change %+v", ch)
		}
	}
	if c.Counts.Matched != c.Counts.OldEvents-removed || c.Counts.Added != 0 {
		t.Errorf("nothing was added: %+v", c.Counts)
	}
	// Removing a service user can leave a carer's link pointing at nobody:
	// the only issues that may be new.
	for _, d := range c.Issues {
		if d.State == IssueNew && d.Rule != "linked-person-unknown" {
			t.Errorf("unexpected new issue: %s %s %s", d.Rule, d.Column, d.Message)
		}
	}
	if c.Counts.IssuesStill == 0 {
		t.Errorf("the seeded errors still present should be found in both: %+v", c.Counts)
	}
}

// BenchmarkCompare compares a generated file with a copy of itself (every
// event matched, every key field compared): CLD_BENCH_ROWS rows, 100,000
// by default.
//
//	CLD_BENCH_ROWS=1000000 go test ./compare -run '^$' -bench Compare -benchtime 3x
func BenchmarkCompare(b *testing.B) {
	rows := 100_000
	if v, err := strconv.Atoi(os.Getenv("CLD_BENCH_ROWS")); err == nil && v > 0 {
		rows = v
	}
	dir := b.TempDir()
	older, newer := filepath.Join(dir, "older.csv"), filepath.Join(dir, "newer.csv")
	for _, p := range []string{older, newer} {
		if _, err := sample.WriteFile(p, sample.Options{Rows: rows, Seed: 1, ErrorRate: 0.01}); err != nil {
			b.Fatal(err)
		}
	}
	o, n := validate(b, older), validate(b, newer)
	b.ResetTimer()
	for b.Loop() {
		c := Compare(o, n, true)
		if c.Counts.Matched != c.Counts.OldEvents || c.Counts.Missing != 0 {
			b.Fatalf("a file compared with its copy: %+v", c.Counts)
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
