package charts

import (
	"image"

	"gonum.org/v1/plot/vg/draw"

	"cldvalidator/validation"
)

// Central draws what will happen to the issues' rows centrally: one bar
// for each of the four consequences (rejected or counted as Failed, left
// out of the figures, changed centrally, no known central effect), split
// into errors and warnings, in the Summary's order.
func Central(s *validation.Summary, w, h int, dark bool) (image.Image, error) {
	return render(w, h, dark, func(c draw.Canvas, th *theme) {
		const title = "What happens centrally"
		total := 0
		if s != nil {
			for _, cc := range s.ByConsequence {
				total += cc.Errors + cc.Warnings
			}
		}
		if total == 0 {
			detail := "No errors or warnings were found."
			if s == nil || s.Rows == 0 {
				detail = "The file has no data rows."
			}
			emptyChart(c, th, title, detail)
			return
		}
		legend := []swatch{{label: "Errors", fill: th.errorFill}, {label: "Warnings", fill: th.warnFill, hatch: true}}
		body := th.header(c, title, validation.Plural(total, "issue", "issues")+" by what NHS England and DHSC do with the row", legend)
		n := len(s.ByConsequence)
		b := &bars{th: th, horizontal: true, n: n, width: 0.6}
		errs := series{name: "Errors", fill: th.errorFill, values: make([]float64, n)}
		warns := series{name: "Warnings", fill: th.warnFill, hatch: true, values: make([]float64, n)}
		names := make([]string, n)
		b.labels = make([]string, n)
		labelW := th.labelWidth(body, 0.42)
		for i, cc := range s.ByConsequence {
			errs.values[i], warns.values[i] = float64(cc.Errors), float64(cc.Warnings)
			names[i] = wrapAt(th.tick, cc.Label, labelW)
			b.labels[i] = validation.Commas(cc.Errors+cc.Warnings) + " (" + validation.Plural(cc.Rows, "row", "rows") + ")"
		}
		b.series = []series{errs, warns}
		ticks := th.tickCount(body.Max.X - body.Min.X - labelW)
		top, _ := niceMax(b.maxTotal(), ticks)
		p := th.categoryPlot(b, names, "Number of issues", countTicks{ticks}, top)
		p.Draw(body)
	})
}
