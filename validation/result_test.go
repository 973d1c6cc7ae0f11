package validation

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"strings"
	"testing"

	"cldvalidator/reader"
)

func TestMaskValue(t *testing.T) {
	s, _ := LoadSpec(R1)
	cases := []struct{ field, in, want string }{
		{"NHS_Number", "9434765919", "*******919"},
		{"NHS_Number", "943 476 5919", "*** *** *919"},
		{"First_Name", "Ann", "A***"},
		{"Date_of_Birth", "01/02/1950", "**/**/1950"},
		{"Date_of_Birth", "1950-02-01", "(date hidden)"},
		{"Postcode", "SW1A 1AA", "SW1A ***"},
		{"Postcode", "sw1a1aa", "SW1A ***"},
		{"Postcode", "nonsense", "(postcode hidden)"},
		{"First_Name", "", ""},
	}
	for _, c := range cases {
		if got := MaskValue(s.MustField(c.field), c.in); got != c.want {
			t.Errorf("MaskValue(%s, %q) = %q, want %q", c.field, c.in, got, c.want)
		}
	}
}

// With masking on, no message, value or suggestion shows personal data,
// even where the value is echoed back in a corrected form.
func TestMaskedOutputHasNoPersonalData(t *testing.T) {
	rows := []row{
		baseService().with("Date of Birth", "1950-03-12", "NHS Number", "943 476 5919", "Postcode", "SW1A", "First Name", "Zebedee"),
		baseRequest().with("Date of Birth", "30/02/1950", "LA Person Unique Identifier", "P2", "NHS Number", "9434765918"),
		baseReview().with("Date of Birth", "12.03.1950", "LA Person Unique Identifier", "P3", "NHS Number", ""),
		baseReview().with("Date of Birth", "18335", "LA Person Unique Identifier", "P4", "NHS Number", "", "Event Reference", "V4"),
		baseReview().with("Date of Birth", "12/03/1950", "LA Person Unique Identifier", "P4", "NHS Number", "", "Event Reference", "V5"),
	}
	res := check(t, rows...)
	secrets := []string{"12/03/1950", "1950-03-12", "12.03.1950", "9434765919", "9434765918", "SW1A 1", "Zebedee", "February 1950", "March 1950"}
	render := func(mask bool) string {
		var b strings.Builder
		for _, is := range res.Issues {
			b.WriteString(res.Message(is, mask) + res.Value(is, mask) + res.Suggestion(is, mask) + res.PersonID(int(is.Row), mask))
			_, other := res.OtherValue(is, mask)
			b.WriteString(other + res.Detail(is, mask))
		}
		for _, v := range res.MaskedInvalidValues() {
			if mask {
				b.WriteString(v.Value)
			}
		}
		return b.String()
	}
	out := render(true)
	for _, s := range secrets {
		if strings.Contains(out, s) {
			t.Errorf("masked output contains %q", s)
		}
	}
	// Unmasked output does carry them (the test can fail).
	if out := render(false); !strings.Contains(out, "12/03/1950") || !strings.Contains(out, "9434765918") {
		t.Fatal("unmasked output should show the values")
	}
}

func TestRowStatusesMatchEngine(t *testing.T) {
	rowStatusesMatchEngine(t)
	// The same with the atoms' answers kept as a string key (the path taken
	// when a spec pack has more atoms than fit in 64 bits).
	old := packedAtomsMax
	packedAtomsMax = 0
	defer func() { packedAtomsMax = old }()
	rowStatusesMatchEngine(t)
}

func rowStatusesMatchEngine(t *testing.T) {
	s, _ := LoadSpec(R1)
	for _, r := range []row{baseService(), baseRequest(), baseAssessment(), baseReview(), carerRow(),
		baseService().with("Event Type", "Servise"), baseService().with("Primary Support Reason", "Learning Disability Support", "Date of Birth", "01/01/1990")} {
		res := check(t, r)
		cells := make([]string, len(s.Fields))
		for i, f := range s.Fields {
			cells[i] = r[f.Name]
		}
		got := s.RowStatuses(cells)
		for fi, fq := range res.Summary.Fields {
			var engine Status = 99
			for st := range fq.Counts {
				for v := range fq.Counts[st] {
					if fq.Counts[st][v] == 1 {
						engine = Status(st)
					}
				}
			}
			if got[fi] != engine {
				t.Errorf("%s (%s): RowStatuses %s, engine %s", s.Fields[fi].Name, r["Event Type"], got[fi], engine)
			}
		}
	}
}

func TestFingerprint(t *testing.T) {
	dir := t.TempDir()
	p := dir + "/f.csv"
	data := []byte(table(t, r1Headers(t), baseService()))
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := ValidateFile(context.Background(), p, Options{Release: R1, Fingerprint: true})
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if res.InputSHA256 != hex.EncodeToString(sum[:]) || res.InputSize != int64(len(data)) {
		t.Fatalf("fingerprint %s %d", res.InputSHA256, res.InputSize)
	}
	if res.Started.IsZero() {
		t.Fatal("no start time")
	}
	res, _ = ValidateFile(context.Background(), p, Options{Release: R1})
	if res.InputSHA256 != "" {
		t.Fatal("fingerprint not asked for")
	}
}

// Issues are delivered, rendered, while the rows are still being read.
func TestLiveIssues(t *testing.T) {
	var rows []row
	for i := 0; i < 50; i++ {
		rows = append(rows, baseService().with("LA Person Unique Identifier", "P"+strings.Repeat("1", i+1), "Gender", "Femail"))
	}
	src, err := reader.FromText(table(t, r1Headers(t), rows...), ReaderOptions())
	if err != nil {
		t.Fatal(err)
	}
	var live []LiveIssue
	var progress []Progress
	res, err := Validate(context.Background(), src, Options{Release: R1, BatchRows: 10,
		OnIssues:   func(is []LiveIssue) { live = append(live, is...) },
		OnProgress: func(p Progress) { progress = append(progress, p) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(live) != len(res.Issues) {
		t.Fatalf("%d live issues, %d in the result", len(live), len(res.Issues))
	}
	if live[0].Rule != "list-invalid" || live[0].Row != 2 || live[0].Column != "Gender" || !strings.Contains(live[0].Message, "Did you mean 'Female'") {
		t.Fatalf("first live issue %+v", live[0])
	}
	if live[0].PersonID != "P1" || live[0].EventType != res.EventType(0) || live[0].EventType == "" {
		t.Fatalf("first live issue's person %q and event type %q", live[0].PersonID, live[0].EventType)
	}
	if len(progress) < 5 || progress[len(progress)-1].Phase != "Done" || progress[len(progress)-1].Rows != 50 {
		t.Fatalf("progress %+v", progress)
	}
}
