package charts

import (
	"image"
	"image/color"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"cldvalidator/validation"
)

// isUnknown reports whether a band label means "not known" (drawn grey).
func isUnknown(label string) bool {
	l := normalise(label)
	return l == "unknown" || l == "" || strings.HasPrefix(l, "(")
}

var digitDash = regexp.MustCompile(`(\d)-(\d)`)

// AgeBands draws vertical bars of people by age band.
func AgeBands(s *validation.Summary, w, h int, dark bool) (image.Image, error) {
	return render(w, h, dark, func(c draw.Canvas, th *theme) {
		const title = "People by age band"
		var bands []validation.BandCount
		total := 0
		if s != nil {
			for _, b := range s.AgeBands {
				bands = append(bands, b)
				total += max(b.Count, 0)
			}
		}
		if total == 0 {
			detail := "No people to count."
			if s == nil || s.Rows == 0 {
				detail = "The file has no data rows."
			}
			emptyChart(c, th, title, detail)
			return
		}
		n := len(bands)
		b := &bars{th: th, n: n, width: 0.7}
		sr := series{fill: th.primary, values: make([]float64, n), fills: make([]color.Color, n)}
		b.labels = make([]string, n)
		names := make([]string, n)
		unknown := 0
		for i, bc := range bands {
			sr.values[i] = float64(max(bc.Count, 0))
			if isUnknown(bc.Label) {
				sr.fills[i] = th.other
				unknown += max(bc.Count, 0)
			}
			b.labels[i] = validation.Commas(max(bc.Count, 0))
			if bc.Count > 0 {
				b.labels[i] += " (" + percent(bc.Count, total) + ")"
			}
			names[i] = digitDash.ReplaceAllString(clean(bc.Label), "$1–$2")
		}
		b.series = []series{sr}
		note := validation.Plural(total, "person", "people") + " · age at the end of the reporting period"
		if unknown > 0 {
			note += " · grey: date of birth or period unknown"
		}
		body := th.header(c, title, note, nil)
		th.drawVertical(body, b, names, "Number of people")
	})
}

// drawVertical draws vertical bars with category labels fitted (wrapped
// over two lines, then truncated) to the width of each bar's slot, and
// value labels dropped to the count alone when they would collide.
func (th *theme) drawVertical(body draw.Canvas, b *bars, names []string, valueLabel string) {
	top, _ := niceMax(b.maxTotal(), th.tickCount(body.Max.Y-body.Min.Y))
	p := th.categoryPlot(b, make([]string, b.n), valueLabel, countTicks{th.tickCount(body.Max.Y - body.Min.Y)}, top)
	dc := p.DataCanvas(body)
	slot := (dc.Max.X - dc.Min.X) / vg.Length(max(b.n, 1))
	fit := make([]plot.Tick, b.n)
	for i, n := range names {
		fit[i] = plot.Tick{Value: b.pos(i), Label: wrap(th.tick, n, slot-th.gap/2)}
	}
	p.X.Tick.Marker = plot.ConstantTicks(fit)
	// Value labels: "count (share)" if it fits the slot, else the count,
	// else nothing.
	for i, l := range b.labels {
		if th.small.Width(l) > slot-th.gap/2 {
			l, _, _ = strings.Cut(l, " (")
			if th.small.Width(l) > slot-th.gap/4 {
				l = ""
			}
			b.labels[i] = l
		}
	}
	p.Draw(body)
}

func percent(n, total int) string {
	if total <= 0 || n <= 0 {
		return "0%"
	}
	v := 100 * float64(n) / float64(total)
	if v < 1 {
		return "<1%"
	}
	return strconv.Itoa(int(math.Round(v))) + "%"
}

// ServiceTypes draws horizontal bars of service rows by service type, most
// first, with "(blank or invalid)" last.
func ServiceTypes(s *validation.Summary, w, h int, dark bool) (image.Image, error) {
	return render(w, h, dark, func(c draw.Canvas, th *theme) {
		const title = "Services by type"
		var types []validation.BandCount
		total := 0
		if s != nil {
			for _, b := range s.ServiceTypes {
				if b.Count > 0 {
					types = append(types, b)
					total += b.Count
				}
			}
		}
		if total == 0 {
			detail := "The file has no service events."
			if s == nil || s.Rows == 0 {
				detail = "The file has no data rows."
			}
			emptyChart(c, th, title, detail)
			return
		}
		sort.SliceStable(types, func(i, j int) bool {
			ui, uj := isUnknown(types[i].Label), isUnknown(types[j].Label)
			if ui != uj {
				return uj
			}
			return types[i].Count > types[j].Count
		})
		note := validation.Plural(total, "service", "services")
		if s.OpenServices > 0 {
			note += " · " + validation.Commas(s.OpenServices) + " with no end date"
		}
		body := th.header(c, title, note, nil)

		n := min(len(types), th.rowsThatFit(body, 1))
		others := 0
		if n < len(types) { // group what does not fit
			n = max(n-1, 1)
			for _, t := range types[n:] {
				others += t.Count
			}
			types = append(types[:n:n], validation.BandCount{Label: "Other types", Count: others})
			n++
		}
		b := &bars{th: th, horizontal: true, n: n, width: 0.7}
		sr := series{fill: th.primary, values: make([]float64, n), fills: make([]color.Color, n)}
		b.labels = make([]string, n)
		names := make([]string, n)
		labelW := th.labelWidth(body, 0.42)
		twoLines := th.rowsThatFit(body, 2) >= n
		for i, t := range types {
			sr.values[i] = float64(t.Count)
			if isUnknown(t.Label) || (others > 0 && i == n-1) {
				sr.fills[i] = th.other
			}
			b.labels[i] = validation.Commas(t.Count) + " (" + percent(t.Count, total) + ")"
			label := clean(t.Label)
			if twoLines {
				names[i] = wrapAt(th.tick, label, labelW)
			} else {
				names[i] = truncate(th.tick, label, labelW)
			}
		}
		b.series = []series{sr}
		ticks := th.tickCount(body.Max.X - body.Min.X - labelW)
		top, _ := niceMax(b.maxTotal(), ticks)
		p := th.categoryPlot(b, names, "Number of services", countTicks{ticks}, top)
		p.Draw(body)
	})
}

// wrapAt wraps a label over two lines only when it is too wide for one,
// preferring a break after a colon ("Long Term Support: Community").
func wrapAt(sty text.Style, s string, width vg.Length) string {
	if sty.Width(s) <= width {
		return s
	}
	if i := strings.Index(s, ": "); i > 0 {
		a, b := s[:i+1], s[i+2:]
		if sty.Width(a) <= width && sty.Width(b) <= width {
			return a + "\n" + b
		}
	}
	return wrap(sty, s, width)
}
