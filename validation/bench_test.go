package validation_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"cldvalidator/sample"
	"cldvalidator/validation"
)

// Benchmarks of the whole check (read + validate + summary) on generated
// files. Sizes come from CLD_BENCH_ROWS (comma-separated; default 10000,
// 100000); scripts/bench.sh runs 10k, 100k and 1M with peak memory and the
// excelize / encoding/csv baseline in the same run.
//
//	CLD_BENCH_ROWS=1000000 go test ./validation -run '^$' -bench Check -benchtime 3x

func benchSizes() []int {
	v := os.Getenv("CLD_BENCH_ROWS")
	if v == "" {
		return []int{10000, 100000}
	}
	var out []int
	for _, s := range splitComma(v) {
		n, err := strconv.Atoi(s)
		if err == nil && n > 0 {
			out = append(out, n)
		}
	}
	return out
}

func splitComma(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ',' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return out
}

// benchFile generates (once per process) a sample file of n rows.
func benchFile(b *testing.B, n int, ext string) string {
	b.Helper()
	dir := os.Getenv("CLD_BENCH_DIR")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "cld-bench")
	}
	os.MkdirAll(dir, 0o755)
	p := filepath.Join(dir, fmt.Sprintf("cld_%d_seed1%s", n, ext))
	if _, err := os.Stat(p); err == nil {
		return p
	}
	if _, err := sample.WriteFile(p, sample.Options{Rows: n, Seed: 1, ErrorRate: 0.01}); err != nil {
		b.Fatal(err)
	}
	return p
}

func BenchmarkCheck(b *testing.B) {
	for _, ext := range []string{".csv", ".xlsx"} {
		for _, n := range benchSizes() {
			b.Run(fmt.Sprintf("%s/%d", ext[1:], n), func(b *testing.B) {
				path := benchFile(b, n, ext)
				st, _ := os.Stat(path)
				b.SetBytes(st.Size())
				b.ReportAllocs()
				var peak uint64
				for b.Loop() {
					res, err := validation.ValidateFile(context.Background(), path, validation.Options{Release: validation.R1})
					if err != nil {
						b.Fatal(err)
					}
					if res.Table.Len() != n {
						b.Fatalf("%d rows", res.Table.Len())
					}
					var ms runtime.MemStats
					runtime.ReadMemStats(&ms)
					peak = max(peak, ms.HeapInuse)
				}
				b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
				b.ReportMetric(float64(peak)/(1<<20), "heapMB")
			})
		}
	}
}
