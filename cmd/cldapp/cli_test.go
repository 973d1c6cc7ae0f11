package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// run calls the command line in-process and returns exit code and output.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := runCLI(args, &out, &errb)
	return code, out.String(), errb.String()
}

type jsonResult struct {
	Release string `json:"release"`
	File    string `json:"file"`
	Rows    int    `json:"rows"`
	Issues  []struct {
		Row      int    `json:"row"`
		Column   string `json:"column"`
		Value    string `json:"value"`
		Rule     string `json:"rule"`
		Severity string `json:"severity"`
		Message  string `json:"message"`
	} `json:"issues"`
	Summary struct {
		Errors int `json:"errors"`
	} `json:"summary"`
}

type truth struct {
	Rows   int `json:"rows"`
	Errors []struct {
		Row      int    `json:"row"`
		Column   string `json:"column"`
		Kind     string `json:"kind"`
		Rule     string `json:"rule"`
		Severity string `json:"severity"`
	} `json:"errors"`
}

// The end-to-end contract: `cldapp sample` seeds errors, `cldapp check`
// reports every one at its row and column as an error, and no clean row
// carries an error. For both .csv and .xlsx.
func TestSampleThenCheck(t *testing.T) {
	for _, ext := range []string{".csv", ".xlsx"} {
		t.Run(ext, func(t *testing.T) {
			dir := t.TempDir()
			data := filepath.Join(dir, "cld"+ext)
			truthPath := filepath.Join(dir, "truth.json")
			code, out, stderr := run(t, "sample", "--rows", "4000", "--seed", "7", "--error-rate", "0.04", "--truth", truthPath, "-o", data)
			if code != 0 {
				t.Fatalf("sample: exit %d: %s", code, stderr)
			}
			if !strings.Contains(out, "Wrote 4000 rows") {
				t.Fatalf("sample output %q", out)
			}
			var tr truth
			b, err := os.ReadFile(truthPath)
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &tr); err != nil {
				t.Fatal(err)
			}
			if len(tr.Errors) != 160 {
				t.Fatalf("%d seeded errors, want 160", len(tr.Errors))
			}

			jsonPath := filepath.Join(dir, "result.json")
			code, _, stderr = run(t, "check", "--release", "r1", "--json", jsonPath, data)
			if code != 1 {
				t.Fatalf("check: exit %d (want 1, errors found): %s", code, stderr)
			}
			var res jsonResult
			b, _ = os.ReadFile(jsonPath)
			if err := json.Unmarshal(b, &res); err != nil {
				t.Fatal(err)
			}
			if res.Rows != 4000 || res.Release != "R1" || res.File != "cld"+ext {
				t.Fatalf("rows %d release %s file %s", res.Rows, res.Release, res.File)
			}
			type at struct {
				row  int
				col  string
				rule string
			}
			severityAt := map[at]string{}
			errorRows := map[int]bool{}
			for _, is := range res.Issues {
				severityAt[at{is.Row, is.Column, is.Rule}] = is.Severity
				if is.Severity == "error" {
					errorRows[is.Row] = true
				}
			}
			// Every seeded problem is reported at its row and column, with
			// the severity the catalogue gives its rule; both kinds occur.
			seeded := map[int]bool{}
			seededErrors, bySeverity := 0, map[string]int{}
			for _, e := range tr.Errors {
				seeded[e.Row] = true
				bySeverity[e.Severity]++
				if e.Severity == "error" {
					seededErrors++
				}
				if got := severityAt[at{e.Row, e.Column, e.Rule}]; got != e.Severity {
					t.Errorf("seeded %s at row %d, column %q (rule %s) was reported as %q, want %s", e.Kind, e.Row, e.Column, e.Rule, got, e.Severity)
				}
			}
			if bySeverity["error"] == 0 || bySeverity["warning"] == 0 {
				t.Errorf("seeded problems by severity: %v", bySeverity)
			}
			for row := range errorRows {
				if !seeded[row] {
					for _, is := range res.Issues {
						if is.Row == row && is.Severity == "error" {
							t.Errorf("clean row %d has an error: %s", row, is.Message)
						}
					}
				}
			}
			if res.Summary.Errors < seededErrors {
				t.Fatalf("summary counts %d errors for %d seeded", res.Summary.Errors, seededErrors)
			}
		})
	}
}

func TestCheckExitCodesAndReport(t *testing.T) {
	dir := t.TempDir()
	clean := filepath.Join(dir, "clean.csv")
	if code, _, e := run(t, "sample", "--rows", "300", "-o", clean); code != 0 {
		t.Fatal(e)
	}
	report := filepath.Join(dir, "report.xlsx")
	code, out, stderr := run(t, "check", clean, "--report", report) // flags after the file work too
	if code != 0 {
		t.Fatalf("clean file: exit %d %s %s", code, out, stderr)
	}
	if !strings.Contains(out, "No errors — ready to submit") {
		t.Fatalf("output %q", out)
	}
	f, err := excelize.OpenFile(report)
	if err != nil {
		t.Fatal(err)
	}
	if sheets := strings.Join(f.GetSheetList(), ","); !strings.Contains(sheets, "Summary") || !strings.Contains(sheets, "Issues") {
		t.Fatalf("sheets %s", sheets)
	}
	f.Close()

	// JSON on standard output.
	code, out, _ = run(t, "check", "--json", "-", clean)
	if code != 0 || !json.Valid([]byte(out)) {
		t.Fatalf("json to stdout: exit %d valid %v", code, json.Valid([]byte(out)))
	}

	// Unreadable input and bad usage: exit 2 with one plain-English line.
	xls := filepath.Join(dir, "old.xls")
	os.WriteFile(xls, append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...), 0o644)
	for _, args := range [][]string{
		{"check", xls},
		{"check", filepath.Join(dir, "missing.csv")},
		{"check"},
		{"check", "--release", "r9", clean},
		{"check", "--report", "out.pdf", clean},
		{"check", "--nonsense", clean},
		{"sample", "--rows", "0", "-o", "x.csv"},
		{"rules", "--release", "r3"},
		{"frobnicate"},
	} {
		code, out, stderr := run(t, args...)
		if code != 2 || out != "" || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || stderr == "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q (want exit 2 and one line)", args, code, out, stderr)
		}
	}
	// The report may not be written over the input.
	code, _, stderr = run(t, "check", "--report", clean, clean)
	if code != 2 {
		t.Fatalf("report over input: exit %d %s", code, stderr)
	}
}

func TestRulesCommand(t *testing.T) {
	for _, rel := range []string{"r1", "r2"} {
		code, out, _ := run(t, "rules", "--release", rel)
		if code != 0 || !strings.Contains(out, "end-before-start  [error]") || !strings.Contains(out, "Technical details: rules.md A4.1") ||
			!strings.Contains(out, "What happens centrally: Rejected or counted as Failed.") {
			t.Fatalf("%s: exit %d\n%s", rel, code, out)
		}
		if !strings.Contains(out, fmt.Sprintf("Release %s", strings.TrimPrefix(strings.ToUpper(rel), "R"))) {
			t.Fatalf("%s: title missing", rel)
		}
	}
}

// cldapp rules --json lists every rule with its severity, evidence,
// central consequence and the rules.md items and sources behind it.
func TestRulesJSON(t *testing.T) {
	code, out, stderr := run(t, "rules", "--json", "--release", "r2")
	if code != 0 {
		t.Fatalf("exit %d %s", code, stderr)
	}
	var doc struct {
		Release string `json:"release"`
		Rules   []struct {
			ID, Severity, Evidence, Central, CentralSays string
			RulesMD                                      []string `json:"rules_md"`
			Sources                                      []string `json:"sources"`
		} `json:"rules"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Release != "R2" || len(doc.Rules) < 60 {
		t.Fatalf("%d rules for %s", len(doc.Rules), doc.Release)
	}
	for _, r := range doc.Rules {
		if r.Severity == "" || r.Evidence == "" || r.Central == "" {
			t.Errorf("rule %+v lacks severity, evidence or central consequence", r)
		}
		if r.Severity == "error" && r.Evidence != "tool" && (r.Central != "rejected" || len(r.RulesMD) == 0) {
			t.Errorf("error %s is not evidenced as rejected: %+v", r.ID, r)
		}
	}
}

func TestConvertAndCompareCommands(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "r1.csv")
	run(t, "sample", "--rows", "400", "--seed", "3", "-o", in)
	out := filepath.Join(dir, "r2.csv")
	code, text, stderr := run(t, "convert", "--to", "r2", in, out)
	if code != 0 || !strings.Contains(text, "Service user") || !strings.Contains(text, "values changed") {
		t.Fatalf("convert: exit %d %s %s", code, text, stderr)
	}
	code, text, _ = run(t, "check", "--json", "-", out)
	if !strings.Contains(text, `"release":"R2"`) {
		t.Fatalf("converted file not detected as Release 2 (exit %d)", code)
	}
	if code, _, _ := run(t, "convert", "--to", "r2", in, in); code != 2 {
		t.Fatal("convert must refuse to overwrite its input")
	}
	cmp := filepath.Join(dir, "cmp.xlsx")
	code, text, stderr = run(t, "compare", "--report", cmp, in, out)
	if code != 0 || !strings.Contains(text, "0 of") || !strings.Contains(text, "missing from the newer file") {
		t.Fatalf("compare: exit %d %s %s", code, text, stderr)
	}
	f, err := excelize.OpenFile(cmp)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "Summary,Missing events,Changed events,Issues" {
		t.Fatalf("sheets %s", got)
	}
}

func TestIsCommand(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "data")
	os.WriteFile(file, []byte("x"), 0o644)
	for arg, want := range map[string]bool{
		"check": true, "rules": true, "chek": true, "--help": true, "-h": true,
		"cld.xlsx": false, `C:\Data\cld.csv`: false, "./x": false, file: false, glProbeArg: false,
	} {
		if got := isCommand(arg); got != want {
			t.Errorf("isCommand(%q) = %v, want %v", arg, got, want)
		}
	}
}

// A file copied without its header row (rules.md A1.0) is not checked: one
// plain line, exit 2, no report, and none of the first row's values.
func TestCheckHeaderlessFile(t *testing.T) {
	dir := t.TempDir()
	full := filepath.Join(dir, "full.csv")
	if code, _, e := run(t, "sample", "--rows", "50", "--seed", "5", "-o", full); code != 0 {
		t.Fatal(e)
	}
	b, err := os.ReadFile(full)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.TrimPrefix(string(b), "\ufeff")
	_, data, _ := strings.Cut(text, "\n")
	first, _, _ := strings.Cut(data, "\n")
	in := filepath.Join(dir, "no header.csv")
	os.WriteFile(in, []byte(data), 0o644)
	report := filepath.Join(dir, "report.xlsx")
	code, out, stderr := run(t, "check", "--report", report, "--json", "-", in)
	if code != 2 || out != "" || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
		t.Fatalf("exit %d, stdout %q, stderr %q (want exit 2 and one line)", code, out, stderr)
	}
	if !strings.Contains(stderr, "no header.csv") || !strings.Contains(stderr, "does not look like a CLD file") {
		t.Fatalf("stderr %q", stderr)
	}
	for _, cell := range strings.Split(strings.TrimSpace(first), ",") {
		if len(cell) >= 4 && strings.Contains(stderr, cell) {
			t.Errorf("the message shows the first row's value %q: %s", cell, stderr)
		}
	}
	if _, err := os.Stat(report); !os.IsNotExist(err) {
		t.Fatalf("a report was written for a file that is not CLD (%v)", err)
	}
}
