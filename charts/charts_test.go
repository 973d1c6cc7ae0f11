package charts

import (
	"bytes"
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"gonum.org/v1/plot/vg/draw"

	"cldvalidator/palette"
	"cldvalidator/validation"
)

// go test ./charts -run TestWritePNGs -args -charts.out=DIR writes every
// chart of the realistic summary to DIR to look at.
var outDir = flag.String("charts.out", "", "directory to write chart PNGs to")

var sizes = [][2]int{{800, 500}, {400, 300}}

func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xFFFF
}

// stats counts an image's distinct colours and the share of pixels that
// differ from the top-left (background) pixel.
func stats(img image.Image) (colours int, inked float64) {
	if rgba, ok := img.(*image.RGBA); ok {
		return statsRGBA(rgba)
	}
	b := img.Bounds()
	bg := color.RGBAModel.Convert(img.At(b.Min.X, b.Min.Y))
	seen := map[color.Color]bool{}
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.RGBAModel.Convert(img.At(x, y))
			seen[c] = true
			if c != bg {
				n++
			}
		}
	}
	return len(seen), float64(n) / float64(b.Dx()*b.Dy())
}

func statsRGBA(img *image.RGBA) (colours int, inked float64) {
	seen := map[uint32]bool{}
	n, total := 0, 0
	b := img.Bounds()
	bg := img.RGBAAt(b.Min.X, b.Min.Y)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := img.RGBAAt(x, y)
			seen[uint32(c.R)<<24|uint32(c.G)<<16|uint32(c.B)<<8|uint32(c.A)] = true
			if c != bg {
				n++
			}
			total++
		}
	}
	return len(seen), float64(n) / float64(total)
}

func checkImage(t *testing.T, name string, img image.Image, err error, w, h int) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if img == nil {
		t.Fatalf("%s: nil image", name)
	}
	if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
		t.Fatalf("%s: size %dx%d, want %dx%d", name, b.Dx(), b.Dy(), w, h)
	}
}

func TestChartsRealistic(t *testing.T) {
	for _, data := range []struct {
		name string
		s    *validation.Summary
	}{{"sample", realisticSummary(t)}, {"messy", messySummary(t)}} {
		t.Run(data.name, func(t *testing.T) { testCharts(t, data.s) })
	}
}

func testCharts(t *testing.T, s *validation.Summary) {
	if s.Rows != 2000 || s.Errors == 0 || len(s.EventsByMonth) == 0 || len(s.ServiceTypes) == 0 {
		t.Fatalf("summary is not realistic: %d rows, %d errors, %d months, %d service types",
			s.Rows, s.Errors, len(s.EventsByMonth), len(s.ServiceTypes))
	}
	for _, c := range All {
		for _, sz := range sizes {
			for _, dark := range []bool{false, true} {
				name := fmt.Sprintf("%s %dx%d dark=%v", c.Title, sz[0], sz[1], dark)
				img, err := c.Draw(s, sz[0], sz[1], dark)
				checkImage(t, name, img, err, sz[0], sz[1])
				colours, inked := stats(img)
				if colours < 8 || inked < 0.04 {
					t.Errorf("%s looks blank: %d colours, %.1f%% inked", name, colours, 100*inked)
				}
				bg := luminance(img.At(0, 0))
				if dark && bg > 0.15 {
					t.Errorf("%s: dark background has luminance %.2f", name, bg)
				}
				if !dark && bg < 0.9 {
					t.Errorf("%s: light background has luminance %.2f", name, bg)
				}
			}
		}
	}
}

// emptyImage is what a chart with nothing to show should look like.
func emptyImage(t *testing.T, title, detail string, w, h int, dark bool) image.Image {
	img, err := render(w, h, dark, func(c draw.Canvas, th *theme) { emptyChart(c, th, title, detail) })
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func samePixels(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	if ra, ok := a.(*image.RGBA); ok {
		if rb, ok := b.(*image.RGBA); ok && ra.Stride == rb.Stride {
			return bytes.Equal(ra.Pix, rb.Pix)
		}
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			if color.RGBAModel.Convert(a.At(x, y)) != color.RGBAModel.Convert(b.At(x, y)) {
				return false
			}
		}
	}
	return true
}

func TestChartsEmpty(t *testing.T) {
	for _, s := range []*validation.Summary{nil, {}} {
		for _, c := range All {
			for _, sz := range sizes {
				for _, dark := range []bool{false, true} {
					name := fmt.Sprintf("%s %dx%d dark=%v nil=%v", c.Title, sz[0], sz[1], dark, s == nil)
					img, err := c.Draw(s, sz[0], sz[1], dark)
					checkImage(t, name, img, err, sz[0], sz[1])
					want := emptyImage(t, c.Title, "The file has no data rows.", sz[0], sz[1], dark)
					if !samePixels(img, want) {
						t.Errorf("%s: not the \"No data\" chart", name)
					}
					if colours, inked := stats(img); colours < 3 || inked < 0.002 {
						t.Errorf("%s: empty chart is blank (%d colours, %.2f%% inked)", name, colours, 100*inked)
					}
				}
			}
		}
	}
}

// A file with a header and no rows, validated for real.
func TestChartsZeroRowFile(t *testing.T) {
	spec, err := validation.LoadSpec(validation.R1)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "empty.csv")
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	_ = cw.Write(spec.Headers())
	cw.Flush()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := validation.ValidateFile(context.Background(), path, validation.Options{Release: validation.R1})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range All {
		img, err := c.Draw(res.Summary, 800, 500, false)
		checkImage(t, c.Title, img, err, 800, 500)
		if c.Title != "Issues by field" && c.Title != "What happens centrally" { // file-level issues may still be charted
			if !samePixels(img, emptyImage(t, c.Title, "The file has no data rows.", 800, 500, false)) {
				t.Errorf("%s: zero-row file does not give the \"No data\" chart", c.Title)
			}
		}
	}
}

func TestNoIssues(t *testing.T) {
	s := &validation.Summary{Rows: 10, Fields: []validation.FieldQuality{{Field: "LA Code", Present: true}}}
	img, err := IssuesByField(s, 400, 300, false)
	checkImage(t, "no issues", img, err, 400, 300)
	if !samePixels(img, emptyImage(t, "Issues by field", "No errors or warnings were found.", 400, 300, false)) {
		t.Error("a summary without issues does not give the \"No data\" chart")
	}
}

// What happens centrally: a bar per consequence, or the "No data" chart
// when there is nothing to say.
func TestCentral(t *testing.T) {
	s := realisticSummary(t)
	img, err := Central(s, 800, 500, false)
	checkImage(t, "central", img, err, 800, 500)
	if samePixels(img, emptyImage(t, "What happens centrally", "No errors or warnings were found.", 800, 500, false)) {
		t.Fatal("a summary with issues gives the empty chart")
	}
	if len(s.ByConsequence) != 4 {
		t.Fatalf("the realistic summary has %d consequences", len(s.ByConsequence))
	}
	none := &validation.Summary{Rows: 10, ByConsequence: []validation.ConsequenceCount{{Central: "rejected", Label: "Rejected or counted as Failed"}}}
	img, err = Central(none, 800, 500, false)
	checkImage(t, "central, no issues", img, err, 800, 500)
	if !samePixels(img, emptyImage(t, "What happens centrally", "No errors or warnings were found.", 800, 500, false)) {
		t.Fatal("a summary without issues does not give the \"No data\" chart")
	}
}

func TestInvalidSizes(t *testing.T) {
	s := realisticSummary(t)
	for _, sz := range [][2]int{{0, 0}, {-1, 10}, {10, 0}, {100000, 100000}} {
		for _, c := range All {
			if _, err := c.Draw(s, sz[0], sz[1], false); err == nil {
				t.Errorf("%s %v: no error", c.Title, sz)
			}
		}
	}
	for _, sz := range [][2]int{{1, 1}, {50, 30}, {159, 99}, {160, 100}, {161, 101}, {200, 120}, {2400, 150}, {150, 2400}, {1920, 1200}} {
		for _, c := range All {
			for _, dark := range []bool{false, true} {
				img, err := c.Draw(s, sz[0], sz[1], dark)
				checkImage(t, fmt.Sprintf("%s %v", c.Title, sz), img, err, sz[0], sz[1])
				if dark && luminance(img.At(0, 0)) > 0.15 {
					t.Errorf("%s %v: dark background is light", c.Title, sz)
				}
			}
		}
	}
}

func TestTruncate(t *testing.T) {
	th := newTheme(800, 500, false)
	long := "Carer Support: Support involving the person cared-for"
	w := th.tick.Width(long)
	if got := truncate(th.tick, long, w); got != long {
		t.Errorf("truncate of a fitting label: %q", got)
	}
	got := truncate(th.tick, long, w/2)
	if !strings.HasSuffix(got, "…") || th.tick.Width(got) > w/2 || len(got) < 10 {
		t.Errorf("truncate to half: %q", got)
	}
	if got := truncate(th.tick, long, 0); got != "" {
		t.Errorf("truncate to 0: %q", got)
	}
	if got := wrap(th.tick, "95 and over", th.tick.Width("95 and over")/1.5); got != "95 and\nover" {
		t.Errorf("wrap: %q", got)
	}
	if got := validation.Commas(1234567); got != "1,234,567" {
		t.Errorf("thousands: %q", got)
	}
	if got := pctLabel(99.96); got != "99.9%" {
		t.Errorf("pctLabel(99.96) = %q", got)
	}
	if got := pctLabel(94.99); got != "94.9%" {
		t.Errorf("pctLabel(94.99) = %q", got)
	}
}

func TestIssueCounts(t *testing.T) {
	s := &validation.Summary{Rules: []validation.RuleCount{
		{Rule: "a", Severity: "error", Count: 5, ByColumn: map[string]int{"Gender": 3, "(file)": 2}},
		{Rule: "b", Severity: "warning", Count: 4, ByColumn: map[string]int{"Gender": 4}},
		{Rule: "c", Severity: "info", Count: 100, ByColumn: map[string]int{"Postcode": 100}},
		{Rule: "d", Severity: "warning", Count: 1},
	}}
	rows, byRule := issueCounts(s)
	if !byRule || len(rows) != 2 {
		t.Fatalf("rows %+v byRule %v", rows, byRule)
	}
	if rows[0] != (fieldIssues{"Gender", 3, 4}) || rows[1] != (fieldIssues{"(whole file)", 2, 1}) {
		t.Errorf("rows %+v", rows)
	}
	// Without rules the field table is used.
	s = &validation.Summary{Fields: []validation.FieldQuality{{Field: "A", Invalid: 2, Blank: 1}, {Field: "B"}}}
	rows, byRule = issueCounts(s)
	if byRule || len(rows) != 1 || rows[0] != (fieldIssues{"A", 2, 1}) {
		t.Errorf("fallback rows %+v byRule %v", rows, byRule)
	}
}

func TestCompletenessMatchesComplete(t *testing.T) {
	s := messySummary(t)
	rows, any := completeness(s)
	if !any || len(rows) != len(s.Fields) {
		t.Fatalf("%d rows for %d fields", len(rows), len(s.Fields))
	}
	low := 0
	for i, f := range s.Fields {
		if d := rows[i].pct - 100*f.Complete(); d > 1e-9 || d < -1e-9 {
			t.Errorf("%s: %.4f%%, Complete() %.4f", f.Field, rows[i].pct, 100*f.Complete())
		}
		if rows[i].low() {
			low++
		}
	}
	if low == 0 {
		t.Error("the messy file should have a field below 95%")
	}
}

func TestCompletenessFromNamed(t *testing.T) {
	// A summary read back from JSON has Named but no Counts.
	s := &validation.Summary{Rows: 4, Fields: []validation.FieldQuality{
		{Field: "A", Present: true, Named: map[string]map[string]int{"Mandatory": {"Passed: Valid": 3, "Failed: Invalid": 1}}},
		{Field: "B", Present: false},
	}}
	rows, any := completeness(s)
	if !any || rows[0].pct != 75 || !rows[1].missing {
		t.Errorf("rows %+v", rows)
	}
}

// weirdSummary builds a summary from a random source, exercising empty,
// huge, negative and odd values.
func weirdSummary(rng *rand.Rand) *validation.Summary {
	pickStr := func() string {
		opts := []string{"", " ", "Request", "Service", "(blank or invalid)", "(file)", "Gender",
			strings.Repeat("Very long field name ", 20), "line\nbreak\ttab", "名前", "😀 emoji", "\x00\x01",
			"Carer Support: Support involving the person cared-for", "1111", "-", "…"}
		return opts[rng.Intn(len(opts))]
	}
	pickInt := func() int {
		switch rng.Intn(6) {
		case 0:
			return 0
		case 1:
			return -rng.Intn(1000)
		case 2:
			return rng.Intn(1 << 40)
		}
		return rng.Intn(500)
	}
	s := &validation.Summary{Rows: pickInt(), People: pickInt(), Errors: pickInt(), Warnings: pickInt(), OpenServices: pickInt()}
	for i := rng.Intn(4); i > 0; i-- {
		s.EventTypes = append(s.EventTypes, pickStr())
	}
	for i := rng.Intn(60); i > 0; i-- {
		f := validation.FieldQuality{Field: pickStr(), Present: rng.Intn(3) > 0, Invalid: pickInt(), Blank: pickInt()}
		if rng.Intn(2) == 0 {
			for st := range f.Counts {
				for v := range f.Counts[st] {
					f.Counts[st][v] = pickInt()
				}
			}
		}
		if rng.Intn(3) == 0 {
			f.Named = map[string]map[string]int{pickStr(): {"Passed: Valid": pickInt(), pickStr(): pickInt()}}
		}
		s.Fields = append(s.Fields, f)
	}
	for i := rng.Intn(25); i > 0; i-- {
		r := validation.RuleCount{Rule: pickStr(), Severity: []string{"error", "warning", "info", "", "ERROR"}[rng.Intn(5)], Count: pickInt()}
		if rng.Intn(4) > 0 {
			r.ByColumn = map[string]int{}
			for j := rng.Intn(30); j > 0; j-- {
				r.ByColumn[pickStr()+fmt.Sprint(j)] = pickInt()
			}
		}
		s.Rules = append(s.Rules, r)
	}
	for i := rng.Intn(80); i > 0; i-- {
		var month string
		switch rng.Intn(5) {
		case 0:
			month = pickStr()
		case 1:
			month = fmt.Sprintf("%04d-%02d", rng.Intn(10000), rng.Intn(14))
		default:
			month = fmt.Sprintf("%04d-%02d", 2020+rng.Intn(6), 1+rng.Intn(12))
		}
		mc := validation.MonthCount{Month: month, Total: pickInt()}
		if rng.Intn(5) > 0 {
			mc.ByType = map[string]int{}
			for j := rng.Intn(8); j > 0; j-- {
				mc.ByType[pickStr()] = pickInt()
			}
		}
		s.EventsByMonth = append(s.EventsByMonth, mc)
	}
	for i := rng.Intn(10); i > 0; i-- {
		s.AgeBands = append(s.AgeBands, validation.BandCount{Label: pickStr(), Count: pickInt()})
	}
	for i := rng.Intn(40); i > 0; i-- {
		s.ServiceTypes = append(s.ServiceTypes, validation.BandCount{Label: pickStr(), Count: pickInt()})
	}
	return s
}

func TestChartsNeverPanic(t *testing.T) {
	n := 100
	if testing.Short() {
		n = 20
	}
	for seed := int64(0); seed < int64(n); seed++ {
		s := weirdSummary(rand.New(rand.NewSource(seed)))
		w, h := 320+int(seed%7)*90, 200+int(seed%5)*80
		for _, c := range All {
			img, err := c.Draw(s, w, h, seed%2 == 0)
			checkImage(t, fmt.Sprintf("%s seed %d", c.Title, seed), img, err, w, h)
		}
	}
}

func FuzzCharts(f *testing.F) {
	for _, seed := range []int64{1, 2, 3, 42} {
		f.Add(seed, 400, 300, false)
	}
	f.Fuzz(func(t *testing.T, seed int64, w, h int, dark bool) {
		w, h = 1+abs(w)%1200, 1+abs(h)%900
		s := weirdSummary(rand.New(rand.NewSource(seed)))
		for _, c := range All {
			img, err := c.Draw(s, w, h, dark)
			checkImage(t, c.Title, img, err, w, h)
		}
	})
}

func abs(v int) int {
	if v < 0 {
		if v == -v { // math.MinInt
			return 0
		}
		return -v
	}
	return v
}

// Charts may be drawn from several goroutines at once (the window redraws
// on resize while a report is saved).
func TestChartsConcurrent(t *testing.T) {
	s := realisticSummary(t)
	var wg sync.WaitGroup
	errs := make(chan error, 4*len(All))
	for i := 0; i < 4; i++ {
		for _, c := range All {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := c.Draw(s, 600, 400, i%2 == 0); err != nil {
					errs <- err
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// Rendering speed (the window redraws on resize; budget 150 ms) is measured
// by BenchmarkCharts, not asserted in a timed test.
func BenchmarkCharts(b *testing.B) {
	s := realisticSummary(b)
	for _, c := range All {
		b.Run(strings.ReplaceAll(c.Title, " ", "_"), func(b *testing.B) {
			for b.Loop() {
				if _, err := c.Draw(s, 800, 600, false); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestWritePNGs writes every chart to PNG files (in a temporary directory,
// or -charts.out) so a person can look at them.
func TestWritePNGs(t *testing.T) {
	dir := *outDir
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, c := range All {
		for _, sz := range append(sizes, [2]int{800, 600}) {
			for _, dark := range []bool{false, true} {
				writePNG(t, dir, "", c.Title, c.Draw, realisticSummary(t), sz, dark)
				writePNG(t, dir, "messy_", c.Title, c.Draw, messySummary(t), sz, dark)
			}
		}
	}
}

func writePNG(t *testing.T, dir, prefix, title string, drawChart func(*validation.Summary, int, int, bool) (image.Image, error),
	s *validation.Summary, sz [2]int, dark bool) {
	t.Helper()
	img, err := drawChart(s, sz[0], sz[1], dark)
	if err != nil {
		t.Fatal(err)
	}
	mode := "light"
	if dark {
		mode = "dark"
	}
	name := fmt.Sprintf("%s%s_%dx%d_%s.png", prefix, strings.ReplaceAll(strings.ToLower(title), " ", "_"), sz[0], sz[1], mode)
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Every colour a chart draws, in both variants, against the chart's
// background: text 4.5:1, bars, axes and legend swatches 3:1 (WCAG 2.2
// AA), and errors and warnings in the same colours as the window's.
func TestChartContrast(t *testing.T) {
	for _, dark := range []bool{false, true} {
		th := newTheme(800, 500, dark)
		check := func(what string, c color.Color, min float64) {
			t.Helper()
			if r := palette.Contrast(c, th.bg); r < min {
				t.Errorf("dark=%v: %s is %.2f:1 on the chart background, below %.1f:1", dark, what, r, min)
			}
		}
		check("text", th.fg, palette.TextAA)
		check("muted text", th.muted, palette.TextAA)
		check("axis", th.axis, palette.GraphicAA)
		check("bars", th.primary, palette.GraphicAA)
		check("blank or invalid bars", th.other, palette.GraphicAA)
		check("error bars", th.errorFill, palette.GraphicAA)
		check("warning bars", th.warnFill, palette.GraphicAA)
		check("below-target bars", th.lowFill, palette.GraphicAA)
		for i, name := range []string{"Request", "Assessment", "Service", "Review", "Something else", "Another", "A third"} {
			c, _ := th.eventColor(name, i)
			check(name+" bars", c, palette.GraphicAA)
		}
		if th.errorFill != color.Color(palette.Error(dark)) || th.warnFill != color.Color(palette.Warning(dark)) {
			t.Errorf("dark=%v: chart severity colours differ from the window's", dark)
		}
		if th.errorFill == th.warnFill {
			t.Errorf("dark=%v: errors and warnings share a colour", dark)
		}
	}
}

// The hits of Issues by field are where the bars are: the pixel in the
// middle of a field's error part is the error colour, its warning part
// the warning colour (or its hatching), and At finds the field and
// severity there and the field alone on its label. Same image as
// IssuesByField.
func TestIssuesByFieldHits(t *testing.T) {
	s := realisticSummary(t)
	rows, _ := issueCounts(s)
	for _, size := range [][2]int{{800, 500}, {1200, 700}, {500, 320}} {
		w, h := size[0], size[1]
		img, hits, err := IssuesByFieldHits(s, w, h, false)
		if err != nil {
			t.Fatal(err)
		}
		plain, _ := IssuesByField(s, w, h, false)
		if !samePixels(img, plain) {
			t.Fatal("recording hits changed the drawing")
		}
		th := newTheme(w, h, false)
		checked := 0
		for _, hit := range hits {
			if !hit.Rect.In(img.Bounds()) || hit.Rect.Empty() {
				t.Errorf("%dx%d: hit %+v outside the image", w, h, hit)
				continue
			}
			mid := image.Pt((hit.Rect.Min.X+hit.Rect.Max.X)/2, (hit.Rect.Min.Y+hit.Rect.Max.Y)/2)
			got := At(hits, mid)
			if got == nil || got.Field != hit.Field {
				t.Errorf("At(%v) = %+v, want %s", mid, got, hit.Field)
				continue
			}
			if hit.Severity == "error" && hit.Rect.Dx() > 6 {
				checked++
				r, g, b, _ := img.At(mid.X, mid.Y).RGBA()
				er, eg, eb, _ := th.errorFill.RGBA()
				if abs(int(r>>8)-int(er>>8)) > 8 || abs(int(g>>8)-int(eg>>8)) > 8 || abs(int(b>>8)-int(eb>>8)) > 8 {
					t.Errorf("%dx%d: pixel at the middle of %s's error bar is %v, not the error colour", w, h, hit.Field, img.At(mid.X, mid.Y))
				}
				if got.Severity != "error" {
					t.Errorf("At on an error bar: %+v", got)
				}
			}
		}
		if checked == 0 {
			t.Errorf("%dx%d: no error bars among %d hits", w, h, len(hits))
		}
		// The first row's label (left edge, middle of its row) is that field.
		var row *Hit
		for i := range hits {
			if hits[i].Field == rows[0].field && hits[i].Severity == "" {
				row = &hits[i]
			}
		}
		if row == nil {
			t.Fatalf("no row hit for %s", rows[0].field)
		}
		if got := At(hits, image.Pt(20, (row.Rect.Min.Y+row.Rect.Max.Y)/2)); got == nil || got.Field != rows[0].field || got.Severity != "" {
			t.Errorf("click on the label: %+v", got)
		}
	}
	if _, hits, _ := CompletenessHits(s, 900, 600, true); len(hits) == 0 {
		t.Error("Field completeness has no hits")
	}
}
