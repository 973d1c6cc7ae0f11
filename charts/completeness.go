package charts

import (
	"image"
	"image/color"
	"math"
	"sort"
	"strconv"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"cldvalidator/validation"
)

// completeTarget is the share (per cent) below which a field is
// highlighted.
const completeTarget = 95.0

type fieldComplete struct {
	name    string
	order   int
	pct     float64 // 0..100
	total   int     // rows counted
	missing bool    // the column is not in the file
}

// completeness computes each field's share of rows valid or allowed
// blank. A summary read back from JSON has no Counts, so the named
// status × validity table is used when Counts is empty.
func completeness(s *validation.Summary) (rows []fieldComplete, anyData bool) {
	if s == nil {
		return nil, false
	}
	for i, f := range s.Fields {
		total, ok := 0, 0
		for st := range f.Counts {
			for v := range f.Counts[st] {
				n := max(f.Counts[st][v], 0)
				total += n
				if validation.Validity(v) == validation.ValidityValid || validation.Validity(v) == validation.ValidityBlankOK {
					ok += n
				}
			}
		}
		if total == 0 {
			for _, byValidity := range f.Named {
				for name, n := range byValidity {
					n = max(n, 0)
					total += n
					if name == "Passed: Valid" || name == "Passed: Blank (Not Mandatory)" {
						ok += n
					}
				}
			}
		}
		fc := fieldComplete{name: f.Field, order: i, total: total, pct: 100}
		if total > 0 {
			fc.pct = 100 * float64(ok) / float64(total)
			anyData = true
		}
		if f.Field == "" {
			fc.name = "(unnamed field)"
		}
		rows = append(rows, fc)
	}
	for i := range rows {
		f := s.Fields[i]
		// A column missing from a file with rows: no row has a value.
		if !f.Present && rows[i].total == 0 && (anyData || s.Rows > 0) {
			rows[i].missing, rows[i].pct = true, 0
			anyData = true
		}
	}
	return rows, anyData
}

func (f fieldComplete) low() bool { return f.missing || f.pct < completeTarget }

// pctLabel shows one decimal place, never rounding up to 100% or to the
// target.
func pctLabel(v float64) string {
	if v >= 100 {
		return "100%"
	}
	t := math.Floor(v*10) / 10
	return strconv.FormatFloat(t, 'f', 1, 64) + "%"
}

// Completeness draws one horizontal bar per field: the share of rows
// where the field is valid or allowed to be blank, highlighting fields
// below 95%. All fields are shown (in two columns when needed) if they fit
// legibly; otherwise the least complete ones.
func Completeness(s *validation.Summary, w, h int, dark bool) (image.Image, error) {
	return completeness2(s, w, h, dark, nil)
}

func completeness2(s *validation.Summary, w, h int, dark bool, hits *[]Hit) (image.Image, error) {
	return renderHits(w, h, dark, hits, func(c draw.Canvas, th *theme) {
		const title = "Field completeness"
		rows, anyData := completeness(s)
		if !anyData {
			detail := "No field values to assess."
			if s == nil || s.Rows == 0 {
				detail = "The file has no data rows."
			}
			emptyChart(c, th, title, detail)
			return
		}
		low := 0
		for _, r := range rows {
			if r.low() {
				low++
			}
		}
		good, bad := th.primary, th.lowFill
		legend := []swatch{
			{label: "95% or more", fill: good},
			{label: "Below 95%", fill: bad, hatch: true},
			{label: "95% target", fill: th.fg, line: true},
		}
		probe := th.bodyOf(c, title, "% of rows valid or allowed blank · 50 of 50 fields below 95%", legend)
		perCol := th.rowsThatFitStyle(probe, th.small, 1.12)
		bodyW := probe.Max.X - probe.Min.X
		cols := 1
		shown := rows
		switch {
		case perCol >= len(rows):
		case 2*perCol >= len(rows) && bodyW/2 >= px(300):
			cols = 2
		default:
			// The least complete fields that fit, worst first.
			shown = append([]fieldComplete(nil), rows...)
			sort.SliceStable(shown, func(i, j int) bool { return shown[i].pct < shown[j].pct })
			shown = shown[:max(1, min(perCol, len(shown)))]
		}

		note := "% of rows valid or allowed blank · "
		switch {
		case low == 0:
			note += "all " + validation.Commas(len(rows)) + " fields at 95% or more"
		default:
			note += validation.Commas(low) + " of " + validation.Commas(len(rows)) + " fields below 95%"
		}
		if len(shown) < len(rows) {
			note = "Least complete " + validation.Commas(len(shown)) + " of " + validation.Commas(len(rows)) + " fields · " + validation.Commas(low) + " below 95%"
		}
		body := th.header(c, title, note, legend)

		per := (len(shown) + cols - 1) / cols
		colW := (body.Max.X - body.Min.X) / vg.Length(cols)
		for ci := 0; ci < cols; ci++ {
			part := shown[min(ci*per, len(shown)):min((ci+1)*per, len(shown))]
			cc := body
			cc.Min.X = body.Min.X + vg.Length(ci)*colW
			cc.Max.X = cc.Min.X + colW
			if ci > 0 {
				cc.Min.X += th.gap * 2
			}
			th.drawCompleteColumn(cc, part, per, good, bad)
		}
	})
}

// drawCompleteColumn draws one column of fields with n slots (the last
// column may have fewer fields than slots, so rows line up).
func (th *theme) drawCompleteColumn(c draw.Canvas, fields []fieldComplete, n int, good, bad color.Color) {
	sty := th.small
	sty.Color = th.fg
	b := &bars{th: th, horizontal: true, n: n, width: 0.68}
	sr := series{values: make([]float64, n), fills: make([]color.Color, n), hatches: make([]bool, n), fill: good}
	names := make([]string, n)
	b.labels = make([]string, n)
	b.labelStyle = make([]text.Style, n)
	b.keys = make([]string, n)
	labelW := th.labelWidth(c, 0.46)
	for i, f := range fields {
		b.keys[i] = f.name
		sr.values[i] = f.pct
		if f.low() {
			sr.fills[i], sr.hatches[i] = bad, true
		}
		names[i] = truncate(sty, clean(f.name), labelW)
		switch {
		case f.missing:
			b.labels[i] = "column missing"
		default:
			b.labels[i] = pctLabel(f.pct)
		}
		ls := th.small
		ls.Color = th.muted
		if f.low() {
			ls = th.smallBold
		}
		b.labelStyle[i] = ls
	}
	b.series = []series{sr}
	step := 25.0
	if c.Max.X-c.Min.X-labelW < px(220) {
		step = 50
	}
	p := th.categoryPlot(b, names, "", percentTicks{step}, 100)
	p.Y.Tick.Label = sty
	p.Y.Tick.Label.XAlign, p.Y.Tick.Label.YAlign = draw.XRight, draw.YCenter
	p.X.Tick.Label = th.small
	p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XCenter, draw.YTop
	p.Add(refLine{th: th, horizontal: true, value: completeTarget, color: th.fg})
	p.Draw(c)
}
