package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// cldapp measures prints the figures with the method each follows and the
// replication disclaimer; --json writes them as JSON; --report adds a sheet
// per table to the Excel report.
func TestMeasuresCommand(t *testing.T) {
	sample := filepath.Join("..", "..", "assets", "sample_cld_r1.csv")
	code, out, stderr := run(t, "measures", sample)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"LTS001a T1a", "STS001 T1", "ASCOF 2E 65+", "not official statistics", "NHSDigital/ASC-Client-Level-Data-SALT-ASCOF-transformations @ d6ff762f", "DataS-DHSC/ASC-CLD-LA-Dashboard @ 9bee728f"} {
		if !strings.Contains(out, want) {
			t.Errorf("output should contain %q", want)
		}
	}
	code, out, stderr = run(t, "measures", "--json", "-", sample)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var j struct {
		Disclaimer string `json:"disclaimer"`
		Measures   []struct {
			ID     string `json:"id"`
			Tables []struct {
				ID     string  `json:"id"`
				Counts [][]int `json:"counts"`
			} `json:"tables"`
		} `json:"measures"`
	}
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatalf("--json - is not JSON: %v", err)
	}
	var ids []string
	for _, m := range j.Measures {
		ids = append(ids, m.ID)
	}
	want := []string{"LTS001a", "LTS001b", "LTS001c", "LTS002a", "LTS002b", "LTS003", "LTS004", "STS001", "STS002a", "STS002b", "ASCOF 2A", "ASCOF 2D", "ASCOF 2E", "ASCOF 3D"}
	if !slices.Equal(ids, want) {
		t.Errorf("measures %q, want %q", ids, want)
	}
	if j.Disclaimer == "" {
		t.Error("the JSON must carry the disclaimer")
	}
	report := filepath.Join(t.TempDir(), "m.xlsx")
	if code, _, stderr := run(t, "measures", "--report", report, sample); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := excelize.OpenFile(report)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if !slices.Contains(f.GetSheetList(), "LTS001b T1a") {
		t.Errorf("the report has no sheet for LTS001b table 1a: %q", f.GetSheetList())
	}
	if code, _, stderr := run(t, "measures"); code != exitUsage || !strings.Contains(stderr, "needs exactly one file") {
		t.Errorf("no file: exit %d, %q", code, stderr)
	}
}
