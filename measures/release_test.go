package measures_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"cldvalidator/convert"
	"cldvalidator/measures"
	"cldvalidator/sample"
	"cldvalidator/validation"
)

// A Release 1 file and its Release 2 conversion (the app's own, as DHSC
// maps Release 1 files) give the same figures: the methods' labels are
// resolved into the file's release through the specification's r1_to_r2
// pairs. Tables that need a list Release 2 does not publish (route of
// access, review reason, method of review) are not compared, nor the
// outcomes Release 2 has no equivalent for (the sample has none of them
// where they would count).
func TestReleasesAgree(t *testing.T) {
	dir := t.TempDir()
	reps := map[validation.Release]*measures.Report{}
	r1 := filepath.Join(dir, "r1.csv")
	if _, err := sample.WriteFile(r1, sample.Options{Rows: 3000, Seed: 11, Release: validation.R1}); err != nil {
		t.Fatal(err)
	}
	r2 := filepath.Join(dir, "r2.csv")
	for _, f := range []struct {
		rel  validation.Release
		path string
	}{{validation.R1, r1}, {validation.R2, r2}} {
		res, err := validation.ValidateFile(context.Background(), f.path, validation.Options{Release: f.rel})
		if err != nil {
			t.Fatal(err)
		}
		if f.rel == validation.R1 {
			if _, err := convert.ToR2(r2, res); err != nil {
				t.Fatal(err)
			}
		}
		if reps[f.rel], err = measures.Compute(res); err != nil {
			t.Fatal(err)
		}
	}
	skip := []string{"LTS002a", "LTS002b", "STS001 T2"}
	compared := 0
	for _, m1 := range reps[validation.R1].Measures {
		m2 := reps[validation.R2].Measure(m1.ID)
		if slices.Contains(skip, m1.ID) {
			continue
		}
		for _, t1 := range m1.Tables {
			if slices.Contains(skip, t1.ID) {
				continue
			}
			t2 := m2.Table(t1.ID)
			total := 0
			for r := range t1.Rows {
				for c := range t1.Cols {
					total += t1.Counts[r][c]
					if t1.Counts[r][c] != t2.Counts[r][c] {
						t.Errorf("%s %q × %q: Release 1 %d, Release 2 %d", t1.ID, t1.Rows[r], t1.Cols[c], t1.Counts[r][c], t2.Counts[r][c])
					}
				}
			}
			if total > 0 {
				compared++
			}
		}
	}
	if compared < 20 {
		t.Errorf("only %d tables had figures to compare", compared)
	}
}
