package measures_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"cldvalidator/measures"
	"cldvalidator/sample"
	"cldvalidator/validation"
)

// BenchmarkMeasures measures what working out every measure adds to a
// check, against the check alone, in the same run: for each size it times
// the check (read + validate + summary) and the measures on its result,
// and reports both and their ratio. Files are generated at run time (as
// `cldapp sample` does) into CLD_BENCH_DIR and reused.
//
//	CLD_BENCH_ROWS=1000000 go test ./measures -run '^$' -bench Measures -benchtime 3x
func BenchmarkMeasures(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			path := benchFile(b, n)
			var check, meas time.Duration
			for b.Loop() {
				t0 := time.Now()
				res, err := validation.ValidateFile(context.Background(), path, validation.Options{Release: validation.R1})
				if err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				rep, err := measures.Compute(res)
				if err != nil {
					b.Fatal(err)
				}
				check += t1.Sub(t0)
				meas += time.Since(t1)
				if len(rep.Measures) == 0 {
					b.Fatal("no measures")
				}
			}
			runs := float64(b.N)
			b.ReportMetric(check.Seconds()/runs, "check-s")
			b.ReportMetric(meas.Seconds()/runs, "measures-s")
			b.ReportMetric(meas.Seconds()/check.Seconds(), "measures/check")
		})
	}
}

func benchSizes() []int {
	v := os.Getenv("CLD_BENCH_ROWS")
	if v == "" {
		return []int{10000, 100000}
	}
	var out []int
	for _, s := range strings.Split(v, ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil && n > 0 {
			out = append(out, n)
		}
	}
	return out
}

func benchFile(b *testing.B, n int) string {
	b.Helper()
	dir := os.Getenv("CLD_BENCH_DIR")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "cld-bench")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	p := filepath.Join(dir, fmt.Sprintf("cld_%d_seed1.csv", n))
	if _, err := os.Stat(p); err == nil {
		return p
	}
	if _, err := sample.WriteFile(p, sample.Options{Rows: n, Seed: 1, ErrorRate: 0.01}); err != nil {
		b.Fatal(err)
	}
	return p
}
